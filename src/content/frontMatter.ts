// How front matter is read: YAML 1.2's core schema, so that dates stay exactly as the author wrote
// them, and broken YAML reported instead of thrown.
import yaml from "js-yaml";
import { fieldParams } from "./schema.js";
import { problem, type ProblemCode, type Severity } from "../core/problemCodes.js";
import { RESERVED_KEYS } from "./contentData.js";
import { placePrototypeKeys, UNUSABLE_TAGS } from "../core/prototypeKeys.js";
import { curlyQuotedValues, explainYamlError, fullWidthColons, fullWidthTagSeparator, swallowedBody } from "../core/yamlMistakes.js";

/**
 * The key under which the plugin's notes on a file's own front matter travel with its data:
 * which keys the file itself wrote, and what was wrong with it.
 */
export const FRONT_MATTER_NOTES = "weeklyFrontMatter";

export interface Place {
  /** 1-based line in the file (the opening `---` is line 1). */
  line: number;
  column: number;
}

export interface FrontMatterNotes {
  /** The file's own keys (not those of directory or global data). Their lines are found when needed. */
  keys: string[];
  problems: Array<Place & { field: string; severity: Severity; code: ProblemCode; message: string; zh: string }>;
  /** U+FFFD in the text: either written so or a byte that is not UTF-8 (the file is then checked). */
  replacementCharacter?: true;
  /**
   * The front matter could not be read as the author meant it (broken YAML or JSON, a full-width
   * colon, not a set of keys, a body swallowed): its problem is the only one reported, and no rule
   * that reads front-matter values (title, date, schedule, tags…) looks at the page.
   */
  unreadable?: true;
}

/**
 * Which files are the plugin's (the reports and digests, by the path Eleventy gives gray-matter as
 * `filePath`), and the engine every other file is read with: the site's own (Eleventy's default:
 * js-yaml's default schema, with its dates) when none is given.
 */
export interface GuestFrontMatter {
  owns(filePath: string): boolean;
  parse?: ((text: string, options?: unknown) => unknown) | undefined;
}

/** What Eleventy reads front matter with when no plugin changes it. */
const SITE_ENGINES = { yaml: (text: string) => yaml.load(text), json: (text: string) => JSON.parse(text) as unknown };

/** gray-matter hands over the text after the opening `---`, so YAML's line 1 is the file's line 1. */
const FIRST_LINE = 2;

/**
 * Builds gray-matter's YAML engine (js-yaml with the core schema: no timestamps). The default
 * turns `date: 2026-02-05` into midnight UTC, which is the previous day west of Greenwich; read as
 * text, the plugin can give it the meaning the author intended. Broken YAML does not throw (which
 * would stop Eleventy at the first such file, with a stack trace): the problem travels in the
 * notes, to be reported with the file's name and every other problem of the build. A `layout`
 * that names no file is reported the same way and dropped, so that Eleventy does not stop on it
 * first.
 */
export function createFrontMatterEngine(layoutExists: (layout: string) => boolean, language: "yaml" | "json" = "yaml", guest?: GuestFrontMatter) {
  return function parseFrontMatter(raw: string, options?: { filePath?: unknown }): Record<string, unknown> {
    // Another page of the site is read exactly as it would be without the plugin.
    const filePath = options?.filePath;
    if (guest && typeof filePath === "string" && !guest.owns(filePath)) return (guest.parse ?? SITE_ENGINES[language])(raw, options) as Record<string, unknown>;
    // A file with Windows line endings hands over its YAML with them; every value at the end of a
    // line would keep a "\r". The last one is the closing line's, not a line of its own.
    const text = raw.replace(/\r$/, "").replace(/\r\n?/g, "\n");
    const notes: FrontMatterNotes = { keys: [], problems: [], ...(text.includes("\uFFFD") ? { replacementCharacter: true as const } : {}) };
    let value: unknown;
    try {
      value = language === "json" ? JSON.parse(text) : yaml.load(text, { schema: yaml.CORE_SCHEMA });
    } catch (error) {
      if (language === "json") {
        notes.problems.push(problem("front-matter-json", { line: FIRST_LINE, column: 1, field: "front matter" }, { reason: (error as Error).message }));
        return unreadable(notes);
      }
      const { reason, mark } = error as { reason?: string; mark?: { line: number; column: number } };
      const at = { line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
      // A mistake made with a Chinese keyboard, or a missing closing ---, is named as such.
      const mistake = fullWidthColons(text)[0] ?? explainYamlError(text, at);
      if (mistake) {
        notes.problems.push({ ...mistake, field: "front matter" });
        return unreadable(notes);
      }
      const place = reason?.includes("quoted scalar") ? openingQuote(text, at) : at;
      notes.problems.push(problem("front-matter-yaml", { ...place, field: "front matter" }, { reason: reason ?? String(error) }));
      return unreadable(notes);
    }
    if (value === null || value === undefined) return { [FRONT_MATTER_NOTES]: notes };
    const colons = language === "yaml" ? fullWidthColons(text) : [];
    if (colons.length > 0) {
      // YAML read `title：…` as part of some other value, or as the whole front matter.
      for (const [index, colon] of colons.entries()) notes.problems.push({ ...colon, field: index === 0 ? "front matter" : `front matter ${colon.line}` });
      return unreadable(notes);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      notes.problems.push(problem("front-matter-shape", { line: FIRST_LINE, column: 1, field: "front matter" }));
      return unreadable(notes);
    }
    const data = value as Record<string, unknown>;
    // YAML read it, but a rule of the body closed it: the keys above are right, the page is not.
    const swallowed = language === "yaml" ? swallowedBody(text, data.title) : undefined;
    if (swallowed) {
      notes.problems.push({ ...swallowed, field: "front matter" });
      return unreadable(notes);
    }
    // Removed here, before Eleventy merges the page's data, where they would reach every object.
    for (const found of placePrototypeKeys(`---${text}`, data, { remove: true })) {
      notes.problems.push(problem("prototype-key", { line: found.line ?? FIRST_LINE, column: 1, field: found.path }, { path: found.path, key: found.key }));
    }
    if (language === "yaml") {
      for (const quoted of curlyQuotedValues(text)) notes.problems.push({ ...quoted, field: `front matter ${quoted.line}` });
    }
    // Names Eleventy reserves are reported here and dropped, so they are not the file's keys.
    notes.keys = Object.keys(data).filter((key) => !RESERVED_KEYS.has(key));
    for (const key of Object.keys(data)) {
      const what = RESERVED_KEYS.get(key);
      if (!what) continue;
      const line = frontMatterKeyLine(`---${text}`, key) ?? FIRST_LINE;
      notes.problems.push(problem("reserved-key", { line, column: 1, field: key }, { key, value: data[key], keptFor: what }));
      delete data[key];
    }
    const override = data.templateEngineOverride;
    if (override !== undefined && override !== null && !isEngineList(override)) {
      // Eleventy reads this before any plugin sees the page, and stops with its own error.
      const line = frontMatterKeyLine(`---${text}`, "templateEngineOverride") ?? FIRST_LINE;
      notes.problems.push(problem("template-engine", { line, column: 1, field: "templateEngineOverride" }, { value: override }));
      delete data.templateEngineOverride;
      notes.keys = notes.keys.filter((key) => key !== "templateEngineOverride"); // reported here, and gone
    }
    const layout = data.layout;
    // `false` and null mean "no layout" to Eleventy; any other value must name a layout file.
    if (layout !== undefined && layout !== null && layout !== false && !(typeof layout === "string" && layout !== "" && layoutExists(layout))) {
      // The text starts after the opening `---`: with it put back, the file's own key scan applies.
      const line = frontMatterKeyLine(`---${text}`, "layout") ?? FIRST_LINE;
      notes.problems.push(problem("unknown-layout", { line, column: 1, field: "layout" }, { value: layout }));
      delete data.layout;
    }
    const unusable = unusableTag(data);
    if (unusable) notes.problems.push(problem("prototype-key", { line: frontMatterKeyLine(`---${text}`, "tags") ?? FIRST_LINE, column: 1, field: `tags ${unusable.tag}` }, unusable));
    const tags = data.tags;
    const joined = fullWidthTagSeparator(tags);
    if (joined) notes.problems.push(problem("tag-separator", { line: frontMatterKeyLine(`---${text}`, "tags") ?? FIRST_LINE, column: 1, field: "tags" }, joined));
    if (tags !== undefined && tags !== null && typeof tags !== "string" && !(Array.isArray(tags) && tags.every((tag) => typeof tag === "string"))) {
      // Eleventy stops on tags that are not a list with its own error, and turns a list's other
      // values into text ("[object Object]") before the plugin could name the file's line.
      const line = frontMatterKeyLine(`---${text}`, "tags") ?? FIRST_LINE;
      notes.problems.push(problem("invalid-field", { line, column: 1, field: "tags" }, fieldParams("tags", tags, "UTC")));
      delete data.tags;
    }
    return { ...data, [FRONT_MATTER_NOTES]: notes };
  };
}

/** The data of a page whose front matter could not be read: its notes only, no value to judge. */
function unreadable(notes: FrontMatterNotes): Record<string, unknown> {
  return { [FRONT_MATTER_NOTES]: { ...notes, unreadable: true } };
}

/**
 * Eleventy looks a tag up among the site's collections in a plain object: a tag `__proto__` finds
 * `Object.prototype` there, `__defineGetter__` or `__defineSetter__` a function that throws, and
 * the build stops with Eleventy's own error. Removed (and reported, the first one) so that the
 * plugin can name the file; any other tag, `constructor` included, is an ordinary tag.
 */
export function unusableTag(data: Record<string, unknown>): { tag: string } | undefined {
  // A text is split at commas, as Eleventy splits it.
  const list: unknown[] = Array.isArray(data.tags) ? data.tags : typeof data.tags === "string" ? data.tags.split(",") : [];
  const unusable = (tag: unknown): tag is string => typeof tag === "string" && UNUSABLE_TAGS.has(tag.trim());
  const tag = list.find(unusable);
  if (tag === undefined) return undefined;
  data.tags = list.filter((each) => !unusable(each));
  return { tag: tag.trim() };
}

/** `njk`, `njk,md`, `md`: at most one template engine besides Markdown and HTML, as Eleventy accepts. */
function isEngineList(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const engines = value.split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== "" && name !== "md" && name !== "html");
  return new Set(engines).size <= 1;
}

/**
 * YAML reports an unclosed quote where the text ends; the author needs the line where it opens:
 * the nearest line above with an odd number of quote marks.
 */
function openingQuote(text: string, end: Place): Place {
  const lines = text.split("\n");
  for (let index = Math.min(end.line, lines.length) - 1; index >= 0; index--) {
    const line = lines[index]!;
    for (const quote of ['"', "'"]) {
      if (line.split(quote).length % 2 === 0) return { line: index + 1, column: line.indexOf(quote) + 1 };
    }
  }
  return end;
}

/** The plugin's notes on a page's front matter, if its data came through the plugin's engine. */
export function frontMatterNotes(data: Readonly<Record<string, unknown>>): FrontMatterNotes | undefined {
  const notes = data[FRONT_MATTER_NOTES];
  return notes !== null && typeof notes === "object" ? (notes as FrontMatterNotes) : undefined;
}

const FENCE_RE = /^---\s*$/;
/** The opening line names the language, if not YAML: `---json`. */
const OPENING_RE = /^---\s*[a-z]*\s*$/i;

/**
 * The 1-based line of a top-level key in a file's front matter (`scheduled: …`), or undefined.
 * For data that did not come through the plugin's engine; a plain scan of the lines is enough.
 */
export function frontMatterKeyLine(fileText: string, key: string): number | undefined {
  const lines = fileText.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!OPENING_RE.test(lines[0] ?? "")) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // `key:` in YAML, `"key":` anywhere on the line in JSON front matter (---json).
  const keyRe = new RegExp(`^${escaped}\\s*:|"${escaped}"\\s*:`);
  for (let i = 1; i < lines.length && !FENCE_RE.test(lines[i]!); i++) {
    if (keyRe.test(lines[i]!)) return i + 1;
  }
  return undefined;
}

/**
 * Whether a file that opens front matter with `---` also closes it. Without the closing line,
 * everything after the opening one is read as YAML, where Markdown headings are comments: the
 * body is lost without a YAML error.
 */
export function closesFrontMatter(fileText: string): boolean {
  const lines = fileText.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!OPENING_RE.test(lines[0] ?? "")) return true; // no front matter at all
  return lines.slice(1).some((line) => FENCE_RE.test(line));
}

/** The 1-based line of a key in a JSON data file (`"permalink": …`), or 1. */
export function jsonKeyLine(fileText: string, key: string): number {
  const index = fileText.split(/\r?\n/).findIndex((line) => line.includes(`${JSON.stringify(key)}`) && /"\s*:/.test(line));
  return index < 0 ? 1 : index + 1;
}
