// What the plugin reads out of a parsed Markdown body: headings and their ids, links and their
// lines and columns, the excerpt. Pure functions of markdown-it's tokens; the rules that apply the
// same decisions when Eleventy renders a page are in markdownRules.ts.
import type { Token } from "markdown-it";
import { slugify, SlugCounter } from "../core/slugs.js";
import { readableHref } from "./references.js";

export interface Heading {
  level: number;
  text: string;
  id: string;
}

export interface LinkRef {
  /** The link target as markdown-it normalised it (non-ASCII percent-encoded). */
  href: string;
  kind: "link" | "image";
  /** 0-based line within the Markdown body. */
  line: number;
  /** 1-based column within that line in characters (code points), or 1 when it cannot be found. */
  column: number;
}

/** Text of a heading or paragraph as a reader sees it: inline markup dropped. */
export function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? "";
  return token.children
    .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" ? " " : ""))
    .join("");
}

/**
 * Gives every heading an id (unless the author set one) from its text, unique within the page,
 * and lists the headings. Used both when rendering and when analysing a page, so the two always
 * agree.
 */
export function assignHeadingIds(tokens: Token[]): Heading[] {
  const counter = new SlugCounter();
  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "heading_open") continue;
    const text = inlineText(tokens[i + 1]).trim();
    const own = token.attrGet("id");
    const id = own === null ? counter.unique(slugify(text)) : String(own);
    token.attrSet("id", id);
    headings.push({ level: Number(token.tag.slice(1)), text, id });
  }
  return headings;
}

/** A paragraph that is one HTML comment and nothing else: `<!-- 来源「X」未能读取… -->`. */
const COMMENT_ONLY_RE = /^<!--(?:(?!-->)[\s\S])*-->$/;

/**
 * Removes the paragraphs that are an HTML comment alone, in a page whose raw HTML is shown as text
 * (a digest, by default): a note to the author, such as `weekly digest`'s about a source it could
 * not read, is not shown to readers there either (a page that keeps raw HTML keeps the comment,
 * which no browser shows).
 */
export function dropCommentParagraphs(tokens: Token[]): void {
  for (let i = tokens.length - 3; i >= 0; i--) {
    if (tokens[i]!.type === "paragraph_open" && tokens[i + 1]!.type === "inline" && tokens[i + 2]!.type === "paragraph_close" && COMMENT_ONLY_RE.test(tokens[i + 1]!.content.trim())) tokens.splice(i, 3);
  }
}

/** The mark on a heading's text token: rendered with a `<wbr>` between words (markdownRules.ts). */
export const HEADING_WORDS = "weeklyHeadingWords";

/** Marks the text of every heading to break between words only; the tokens' text is left as written. */
export function markHeadingWords(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== "heading_open") continue;
    for (const child of tokens[i + 1]?.children ?? []) if (child.type === "text") child.meta = { ...(child.meta as object | null), [HEADING_WORDS]: true };
  }
}

/**
 * Removes a leading `# Title` that repeats the front-matter title: the layout already shows the
 * title as the page's one `<h1>`, and a report written for reading in an editor often repeats it.
 */
export function dropRepeatedTitle(tokens: Token[], title: unknown): void {
  const first = tokens[0];
  if (typeof title !== "string" || first?.type !== "heading_open" || first.tag !== "h1") return;
  if (normalizeSpace(inlineText(tokens[1])) === normalizeSpace(title)) tokens.splice(0, 3);
}

/**
 * Sets the body's heading levels so that the outline under the page's title (the layout's `<h1>`,
 * or an edition's) starts at `<h2>` and never skips a level, whatever levels the author used:
 * a heading deeper than the one before goes one level deeper, one as deep as an earlier heading
 * goes where that one went. A report written with `###` sections, or `###` sections and then a
 * `##` one, reads as `<h2>` sections; relative levels are kept (`##` then `####` → `<h2>`, `<h3>`).
 * Screen readers navigate by this outline, and the Nu checker flags a skipped level.
 */
export function liftHeadings(tokens: Token[]): void {
  // The headings still open: each as written and as it becomes; the title is above them all.
  const open: Array<{ written: number; level: number }> = [{ written: 0, level: 1 }];
  for (const token of tokens) {
    if (token.type === "heading_close") token.tag = `h${open.at(-1)!.level}`;
    if (token.type !== "heading_open") continue;
    const written = Number(token.tag.slice(1));
    while (open.at(-1)!.written >= written && open.length > 1) open.pop();
    const level = Math.min(open.at(-1)!.level + 1, 6);
    open.push({ written, level });
    token.tag = `h${level}`;
  }
}

/** Every link and image target in the body, with the line and column where it is written. */
export function collectLinks(tokens: Token[], source: string): LinkRef[] {
  const lines = source.split("\n");
  const found: LinkRef[] = [];
  const searchFrom = new Map<number, number>();
  const visit = (children: Token[], blockLine: number) => {
    let line = blockLine;
    for (const child of children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line += 1;
      const attr = child.type === "link_open" ? "href" : child.type === "image" ? "src" : undefined;
      if (!attr) continue;
      const value = child.attrGet(attr);
      if (value === null || child.markup === "linkify" || child.markup === "autolink") continue;
      const href = String(value);
      const column = findColumn(lines, line, href, searchFrom);
      found.push({ href, kind: child.type === "image" ? "image" : "link", line: column.line, column: column.column });
    }
  };
  let blockLine = 0;
  for (const token of tokens) {
    if (token.map) blockLine = token.map[0];
    if (token.type === "inline" && token.children) visit(token.children, blockLine);
  }
  return found;
}

/**
 * Finds where an href is written: on the line markdown-it reports, else anywhere in the body (a
 * reference-style link's target is on its definition's line).
 */
function findColumn(
  lines: string[],
  line: number,
  href: string,
  searchFrom: Map<number, number>,
): { line: number; column: number } {
  const forms = href === readableHref(href) ? [href] : [href, readableHref(href)];
  const at = (index: number) => {
    const text = lines[index];
    if (text === undefined) return undefined;
    for (const form of forms) {
      const found = text.indexOf(`(${form}`, searchFrom.get(index) ?? 0);
      const column = found >= 0 ? found + 1 : text.indexOf(form, searchFrom.get(index) ?? 0);
      if (column >= 0) {
        searchFrom.set(index, column + form.length);
        return { line: index, column: [...text.slice(0, column)].length + 1 };
      }
    }
    return undefined;
  };
  const onLine = at(line);
  if (onLine) return onLine;
  for (let index = 0; index < lines.length; index++) {
    const found = index === line ? undefined : at(index);
    if (found) return found;
  }
  return { line, column: 1 };
}

/**
 * The first paragraphs as plain text, cut at `maxLength` user-perceived characters (a Chinese
 * character, a letter or an emoji each count one) with an ellipsis. Headings, code and rules are
 * skipped, so the excerpt reads as prose.
 */
export function excerptFromTokens(tokens: Token[], maxLength: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; i < tokens.length && length <= maxLength; i++) {
    if (tokens[i]!.type !== "paragraph_open") continue;
    const text = normalizeSpace(inlineText(tokens[i + 1]));
    if (text === "") continue;
    parts.push(text);
    length += text.length; // UTF-16 units: never fewer than characters, so enough text is kept
  }
  return truncate(parts.join(" "), maxLength);
}

const SEGMENTER = new Intl.Segmenter("zh", { granularity: "grapheme" });
const COMPLEX_RE = /[\uD800-\uDFFF\u0300-\u036F\u1AB0-\u1AFF\u200C\u200D\uFE00-\uFE0F\u20D0-\u20FF]/;

/** Cuts text to at most `maxLength` characters, ending with `…` when anything was cut. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text; // fewer units than the limit: fewer characters too
  // Without surrogate pairs, combining marks or joiners, a character is one UTF-16 unit.
  if (!COMPLEX_RE.test(text)) return `${text.slice(0, maxLength - 1).trimEnd()}…`;
  const kept: string[] = [];
  for (const { segment } of SEGMENTER.segment(text)) {
    if (kept.length === maxLength) return `${kept.slice(0, maxLength - 1).join("").trimEnd()}…`;
    kept.push(segment);
  }
  return text;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The env key under which a parse notes the first body line (0-based) it dropped for being nested too deep. */
export const LOST_NESTING = "weeklyLostNesting";

/** Parses Markdown for the analysis (Eleventy's markdown-it, with the plugin's rules). */
export type AnalysisParser = (source: string, env: Record<string, unknown>) => Token[];
