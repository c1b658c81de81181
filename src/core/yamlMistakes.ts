// The mistakes Chinese authors make in YAML front matter, with a Chinese keyboard still on: a
// full-width colon after a key, curly quotes where YAML wants straight ones, an unquoted colon in
// a title, a full-width comma between tags, a missing closing `---`. Each is named at its line
// with what to type instead; YAML's own message says none of this.
import { problem, type ProblemCode, type ProblemParams, type Severity } from "./problemCodes.js";

export interface Mistake {
  /** 1-based line and column in the file (the opening `---` is line 1). */
  line: number;
  column: number;
  severity: Severity;
  code: ProblemCode;
  message: string;
  /** The message in Chinese. */
  zh: string;
}

/** A top-level key followed by a full-width colon: `title：…`. */
const FULL_WIDTH_COLON_RE = /^([A-Za-z_][\w-]*)[ \t\u3000]*：/;
/** A top-level key and its value: `title: OpenAI: 新模型`. */
const KEY_VALUE_RE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(.*)$/;
/** A top-level key: `title:`. */
const KEY_RE = /^[A-Za-z_][\w-]*[ \t]*:([ \t]|$)/;
/** A Markdown heading, which in YAML is a comment: a body read as front matter. */
const HEADING_RE = /^#{1,6}[ \t]+\S/;
/** Lines YAML front matter is made of: a key, a list item, an indented continuation, a comment, nothing. */
const YAML_LINE_RE = /^([A-Za-z_"'][^:]*:([ \t]|$)|[ \t]|-[ \t]|#|$)/;

/**
 * The index of the first line of `lines` (line 0 being the opening `---`) that is Markdown rather
 * than YAML, or -1. A `# …` line followed by more keys up to line `until` (1-based) is a YAML
 * comment (`# draft: true`), not a heading.
 */
function bodyStart(lines: string[], until: number): number {
  const isKey = (line: string) => KEY_RE.test(line);
  return lines.findIndex((line, index) => index > 0 && (!YAML_LINE_RE.test(line) || (HEADING_RE.test(line) && !lines.slice(index + 1, until).some(isKey))));
}

/**
 * Where the closing `---` is missing in a file that YAML read whole without complaint (a body of
 * headings only, which YAML takes for comments): the 1-based line of the first heading, or
 * undefined when none can be told.
 */
export function missingClosingLine(fileText: string): number | undefined {
  const lines = fileText.replace(/\r\n?/g, "\n").split("\n");
  const index = bodyStart(lines, lines.length);
  return index > 0 ? index + 1 : undefined;
}

/** A line that starts a top-level key in any script (`title:`, `来源:`), as YAML reads one. */
const ANY_KEY_RE = /^[^\s#\-][^:]*:([ \t]|$)/;

/**
 * Where a body starts inside front matter that YAML read without complaint: the closing `---` is
 * missing, and a `---` rule of the body closed the front matter instead, with the first sections
 * (headings YAML took for comments, list items it added to the last key) lost from the page.
 * `text` is the front matter as gray-matter hands it over (its line 1 is the opening `---` line;
 * the closing line follows its last line). The first heading after the last key is the body's
 * start when it is the title, when content follows it after a blank line (YAML can only have
 * read that into a value), or when a blank line stands above the closing `---`, as above a rule
 * of Markdown; a comment above keys, a comment just above the closing line and a block scalar's
 * indented lines are YAML's own.
 */
export function swallowedBody(text: string, title: unknown): Mistake | undefined {
  const lines = text.split("\n");
  const lastKey = lines.findLastIndex((line, index) => index > 0 && ANY_KEY_RE.test(line));
  const start = lines.findIndex((line, index) => index > lastKey && index > 0 && HEADING_RE.test(line));
  if (start < 0) return undefined;
  const heading = lines[start]!.replace(/^#+/, "").trim();
  const after = lines.slice(start + 1);
  const isTitle = typeof title === "string" && title.trim() === heading;
  const contentAfterBlank = after.some((line, index) => line.trim() !== "" && !line.startsWith("#") && after.slice(0, index).some((above) => above.trim() === ""));
  const ruleAbove = lines.length - 1 > start && lines.at(-1)!.trim() === "";
  if (!isTitle && !contentAfterBlank && !ruleAbove) return undefined;
  const closing = lines.length + 1;
  return problem("front-matter-unclosed", { line: start + 1, column: 1 }, { heading: lines[start]!, closedAt: closing });
}

/**
 * Mistakes visible in the text whatever YAML makes of it: keys followed by a full-width colon.
 * `text` is the front matter as gray-matter hands it over (its line 1 is the opening `---` line).
 */
export function fullWidthColons(text: string): Mistake[] {
  return text.split("\n").flatMap((line, index) => {
    const match = FULL_WIDTH_COLON_RE.exec(line);
    if (!match) return [];
    const key = match[1]!;
    return [problem("full-width-colon", { line: index + 1, column: line.indexOf("：") + 1 }, { key })];
  });
}

/**
 * What a YAML error most likely means, at the line to fix, or undefined when it is none of the
 * known mistakes. `at` is where YAML stopped (1-based).
 */
export function explainYamlError(text: string, at: { line: number; column: number }): Mistake | undefined {
  const lines = text.split("\n");
  // The closing --- is missing, and the body up to a --- rule in it was read as front matter. A
  // `# …` line followed by more keys up to the error is a YAML comment (`# draft: true`), not a heading.
  const firstBodyLine = bodyStart(lines, at.line);
  if (firstBodyLine > 0 && firstBodyLine + 1 <= at.line) {
    return problem("front-matter-unclosed", { line: firstBodyLine + 1, column: 1 }, { readAsYaml: lines[firstBodyLine]! });
  }
  const line = lines[at.line - 1] ?? "";
  const pair = KEY_VALUE_RE.exec(line);
  if (pair) {
    const [, key, value] = pair as unknown as [string, string, string];
    if (/^[“”‘’]/.test(value)) {
      return problem("curly-quotes", { line: at.line, column: line.indexOf(value) + 1 }, { key, value });
    }
    if (/:([ \t]|$)/.test(value)) {
      return problem("unquoted-colon", { line: at.line, column: line.indexOf(value) + 1 }, { key, value });
    }
  }
  return undefined;
}

/** The separators that make one tag of what the author meant as several: `人工智能，大模型`. */
const TAG_SEPARATOR_RE = /[，、；]/;

/** A tag written with a full-width comma (or 、 or ；) between several: what the message needs, or undefined. */
export function fullWidthTagSeparator(tags: unknown): ProblemParams<"tag-separator">[0] | undefined {
  const list = Array.isArray(tags) ? tags : [tags];
  const joined = list.find((tag): tag is string => typeof tag === "string" && TAG_SEPARATOR_RE.test(tag));
  if (!joined) return undefined;
  const separator = TAG_SEPARATOR_RE.exec(joined)![0];
  const parts = joined.split(TAG_SEPARATOR_RE).map((part) => part.trim()).filter((part) => part !== "");
  return { joined, separator, parts };
}

/** A whole value wrapped in curly quotes (`“新模型”`): YAML keeps them as part of the text. */
const CURLY_WRAPPED_RE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+([“‘])(.*)([”’])[ \t]*$/;

/**
 * Values YAML read without complaint but with the curly quotes the author meant as quoting:
 * `title: “新模型”` shows the quotes in the title. Warnings, since quotes can be meant.
 */
export function curlyQuotedValues(text: string): Mistake[] {
  return text.split("\n").flatMap((line, index) => {
    const match = CURLY_WRAPPED_RE.exec(line);
    if (!match) return [];
    const [, key, open, inner] = match as unknown as [string, string, string, string, string];
    return [problem("curly-quoted-value", { line: index + 1, column: line.indexOf(open) + 1 }, { key, open, close: match[4]!, inner })];
  });
}
