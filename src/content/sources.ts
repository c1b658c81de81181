// The digest's sources (`weekly_news/sources.yml`): read and checked, every problem at once with
// its line and column, before `weekly digest` fetches anything and whenever `weekly check` runs.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { z } from "zod";
import type { Problem } from "../core/errors.js";
import { problem } from "../core/problemCodes.js";
import { findPrototypeKeys, isPrototypeKey } from "../core/prototypeKeys.js";

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
  name: { en: "a non-empty text, the heading of the source's section", zh: "一段非空的文字，即来源那一节的标题" },
  feed: { en: "the http(s) address of an RSS, Atom, RDF or JSON feed, such as https://importai.substack.com/feed", zh: "一个 RSS、Atom、RDF 或 JSON 订阅源的 http(s) 地址，如 https://importai.substack.com/feed" },
  home: { en: "the http(s) address of the source's home page, or nothing", zh: "来源主页的 http(s) 地址，或者不写" },
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
  const place = (offset: number | undefined) => ({ file, ...at(offset) });
  if (doc.errors.length > 0) {
    return { sources: [], problems: doc.errors.map((e) => problem("sources-yaml", place(e.pos[0]), { reason: e.message.split("\n")[0]! })) };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ""))) return { sources: [], problems: [] };
  if (!isSeq(root)) return { sources: [], problems: [problem("sources-shape", place(root.range?.[0]), { notList: true })] };

  const sources: Source[] = [];
  const problems: Problem[] = [];
  const seenFeeds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  root.items.forEach((item, index) => {
    const offset = (item as Node | null)?.range?.[0];
    if (!isMap(item)) {
      problems.push(problem("sources-shape", place(offset), { source: index + 1, value: isScalar(item) ? item.value : (item as Node | null)?.toJSON?.() ?? null }));
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
      problems.push(problem("invalid-source", place(Object.hasOwn(value, field) ? where(field) : offset), { source: index + 1, field, value: value[field], expected: FIELDS[field] }));
    }
    // At any depth (`extra: { __proto__: … }`, `<<: { __proto__: … }`), placed at the source's key that holds it.
    for (const found of findPrototypeKeys(value)) problems.push(problem("prototype-key", place(keyAt(topKey(value, found.path))), { source: index + 1, path: found.path, key: found.key }));
    for (const key of Object.keys(value)) {
      if (!isPrototypeKey(key) && !Object.hasOwn(FIELDS, key)) problems.push(problem("unknown-key", place(where(key)), { source: index + 1, key }));
    }
    if (!result.success) return;
    const source = { name: result.data.name, feed: result.data.feed, home: result.data.home ?? undefined };
    const first = seenFeeds.get(source.feed);
    if (first !== undefined) {
      problems.push(problem("duplicate-source", place(where("feed")), { source: index + 1, first, feed: source.feed }));
      return;
    }
    seenFeeds.set(source.feed, index + 1);
    const named = seenNames.get(source.name);
    if (named !== undefined) problems.push(problem("duplicate-source", place(where("name")), { source: index + 1, first: named, name: source.name }));
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
