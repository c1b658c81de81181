// The digest's sources (`weekly_news/sources.yml`): read and checked, every problem at once with
// its line and column, before `weekly digest` fetches anything and whenever `weekly check` runs.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import { show, type Problem } from "../core/errors.js";
import { findPrototypeKeys, isPrototypeKey, prototypeKeyMessage } from "../core/prototypeKeys.js";

/** The sources file's name, in the digests folder. */
export const SOURCES_FILE = "sources.yml";

export interface Source {
  /** The section heading of the source's items. */
  name: string;
  /** The address of its RSS, Atom, RDF or JSON feed. */
  feed: string;
  /** Its home page, shown as `来源主页`. */
  home: string | undefined;
}

export type SourcesRead = { sources: Source[]; problems: Problem[] };

const FIELDS = {
  name: "a non-empty text, the heading of the source's section",
  feed: "the http(s) address of an RSS, Atom, RDF or JSON feed, such as https://importai.substack.com/feed",
  home: "the http(s) address of the source's home page, or nothing",
} as const;
type Field = keyof typeof FIELDS;

/** What an address written in the file may not hold: it would end or break a Markdown link. */
export const NOT_IN_ADDRESS_RE = /[\s<>"`{}|\\^]/;

/** Whether a text can stand as an address in the sources file: an http(s) URL holding none of NOT_IN_ADDRESS_RE. */
export function isSourceAddress(text: string): boolean {
  if (NOT_IN_ADDRESS_RE.test(text) || !URL.canParse(text)) return false;
  return ["http:", "https:"].includes(new URL(text).protocol);
}
const httpUrl = z.string().trim().refine(isSourceAddress);
const SOURCE_SCHEMA = z.object({ name: z.string().trim().min(1), feed: httpUrl, home: httpUrl.nullable().optional() });

/**
 * Reads the sources file's text. `file` is its project-relative path, for the problems. An empty
 * file is an empty list; the file must be a YAML list of sources, each with `name` and `feed`.
 */
export function readSources(file: string, text: string): SourcesRead {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const problem = (code: Problem["code"], message: string, offset?: number, severity: Problem["severity"] = "error"): Problem => ({ file, ...at(offset), severity, code, message });
  if (doc.errors.length > 0) {
    return { sources: [], problems: doc.errors.map((e) => problem("sources-yaml", `not valid YAML: ${e.message.split("\n")[0]}`, e.pos[0])) };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ""))) return { sources: [], problems: [] };
  if (!isSeq(root)) return { sources: [], problems: [problem("sources-shape", `not a list of sources; expected a list such as\n  - name: Import AI\n    feed: https://importai.substack.com/feed`, root.range?.[0])] };

  const sources: Source[] = [];
  const problems: Problem[] = [];
  const seenFeeds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  root.items.forEach((item, index) => {
    const offset = (item as Node | null)?.range?.[0];
    if (!isMap(item)) {
      problems.push(problem("sources-shape", `source ${index + 1}: received ${show(isScalar(item) ? item.value : (item as Node | null)?.toJSON?.() ?? null)}; expected name: and feed: keys.`, offset));
      return;
    }
    const value = item.toJSON() as Record<string, unknown>;
    const where = (key: string) => {
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === key);
      return ((pair?.value as Node | null | undefined)?.range ?? (pair?.key as Node | undefined)?.range)?.[0] ?? offset;
    };
    const keyAt = (key: string) => (item.items.find((p) => isScalar(p.key) && p.key.value === key)?.key as Node | undefined)?.range?.[0] ?? offset;
    const result = SOURCE_SCHEMA.safeParse(value);
    const bad = new Set(result.success ? [] : result.error.issues.map((issue) => String(issue.path[0])));
    for (const field of Object.keys(FIELDS) as Field[]) {
      if (!bad.has(field)) continue;
      const received = value[field] === undefined || value[field] === null || value[field] === "" ? "missing" : `received ${show(value[field])}`;
      problems.push(problem("invalid-source", `source ${index + 1}, ${field}: ${received}; expected ${FIELDS[field]}.`, Object.hasOwn(value, field) ? where(field) : offset));
    }
    // At any depth (`extra: { __proto__: … }`, `<<: { __proto__: … }`), placed at the source's key that holds it.
    for (const found of findPrototypeKeys(value)) problems.push(problem("prototype-key", `source ${index + 1}: ${prototypeKeyMessage(found)}`, keyAt(topKey(value, found.path))));
    for (const key of Object.keys(value)) {
      if (!isPrototypeKey(key) && !Object.hasOwn(FIELDS, key)) problems.push(problem("unknown-key", `source ${index + 1}: unknown key ${key}; a source has name, feed and home.`, where(key), "warning"));
    }
    if (!result.success) return;
    const source = { name: result.data.name, feed: result.data.feed, home: result.data.home ?? undefined };
    const first = seenFeeds.get(source.feed);
    if (first !== undefined) {
      problems.push(problem("duplicate-source", `source ${index + 1}: feed ${source.feed} is source ${first}'s too; each feed is fetched once.`, where("feed"), "warning"));
      return;
    }
    seenFeeds.set(source.feed, index + 1);
    const named = seenNames.get(source.name);
    if (named !== undefined) problems.push(problem("duplicate-source", `source ${index + 1}: name ${show(source.name)} is source ${named}'s too; their items would share one heading.`, where("name"), "warning"));
    else seenNames.set(source.name, index + 1);
    sources.push(source);
  });
  return { sources, problems };
}

/** YAML entries for sources, to add at the end of a sources file (`weekly digest --import`). */
export function sourcesYaml(sources: readonly Source[]): string {
  const text = (value: string) => JSON.stringify(value);
  return sources.map((s) => `- name: ${text(s.name)}\n  feed: ${text(s.feed)}\n${s.home === undefined ? "" : `  home: ${text(s.home)}\n`}`).join("");
}

/** The key of `value` a found path (`extra.__proto__`, `a.b[0].constructor`) starts with. */
function topKey(value: Record<string, unknown>, path: string): string {
  return Object.keys(value).find((key) => path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)) ?? path;
}
