// The plain-text edition (the email's text/plain part): a report's HTML in lines of display columns, links as numbered references.
import { parseDocument } from "htmlparser2";
import { isTag, isText, type ChildNode, type Element } from "domhandler";
import { textContent } from "domutils";
import { eastAsianWidth } from "get-east-asian-width";
import type { EditionReport } from "./report.js";
import { sanitizeBody } from "./sanitize.js";

/** RFC 5322 §2.1.1: a line SHOULD be at most 78 characters, so that readers that do not wrap show it whole. */
export const DEFAULT_WIDTH = 78;
/** The narrowest width that still holds a nested item's marker and a few Chinese characters. */
export const MIN_WIDTH = 20;

const READ_ONLINE = "在网页上阅读：";
const DIGEST = "本周新闻摘要：";
const REFERENCES_HEADING = "文中链接";
/** `[图：alt]`: a reader of plain text sees that a picture stood here and what it showed. */
const imageLabel = (alt: string) => (alt ? `[图：${alt}]` : "[图]");
/** A table cell when the table is too wide to align: its column's header, then the cell. */
const CELL_SEPARATOR = "：";
const COLUMN_GAP = "  ";
/** A `header：cell` line's continuation: under the header would leave little room when the header is long. */
const HANGING_INDENT = "  ";
const CODE_INDENT = "    ";
const QUOTE_MARK = "> ";
const DEFINITION_INDENT = "  ";
/** A thematic break (`<hr>`): a rule of dashes would read as a Setext heading's underline. */
const SECTION_BREAK = "* * *";
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Emoji drawn as one picture (flags, ZWJ families, ❤️) take two columns whatever their code points say. The `v` flag is ES2024, newer than the compile target, hence `new RegExp`. */
const EMOJI_RE = new RegExp("^\\p{RGI_Emoji}$", "v");
/** Combining marks, format characters (ZWJ, soft hyphen, word joiner) and controls take no column. */
const ZERO_WIDTH_RE = /^[\p{M}\p{Cf}\p{Cc}]$/u;
/** Ambiguous characters (“ ” — … ·) count 1: UAX #11's default, as in terminals (passed: the package's README and types disagree). */
const WIDTH_OPTIONS = { ambiguousAsWide: false } as const;

/** Kinsoku (CLREQ's 行首行尾禁则, https://www.w3.org/TR/clreq/; JIS X 4051): closing punctuation never starts a line… */
const NO_LINE_START = new Set("，。、；：？！）》」』】〕〉〗〙〛”’…‥・～％,.;:?!)]}");
/** …and opening punctuation never ends one. */
const NO_LINE_END = new Set("（《「『【〔〈〖〘〚“‘([{");
const GLUE = "\u2060"; // word joiner: no break on either side (a link and its `[1]`); dropped from the output
/** Where a link showing its own address ends: a space there, unless a space or punctuation (which ends a URL) follows. */
const [URL_END, URL_END_BEFORE_PUNCTUATION_RE] = ["\uE000", /\uE000(?=$|[\s!-/:-@[-`{-~\u3000-\u303F\uFF00-\uFFEF“”‘’…—])/gu] as const;
/**
 * A URL is one unbreakable piece. It runs to a space or to Chinese or fullwidth punctuation (a
 * fragment may be Chinese: `#模型迭代`), its trailing sentence punctuation left out (`…/a).` ends at `a`).
 */
const URL_RE = /[a-z][a-z\d+.-]*:\/\/[^\s<>"\u3000-\u303F\uFF00-\uFFEF“”‘’…—]*[^\s<>"\u3000-\u303F\uFF00-\uFFEF“”‘’…—.,;:!?)'\]]/giu;
/** HTML's whitespace: no-break and ideographic spaces are characters, not break opportunities. */
const SPACES_RE = /[ \t\n\r\f]+/g;
const CONTROL_RE = /[\p{Cc}]/gu;
/** Links and images that become references; others (`javascript:`, a bare `#id`) keep only their text. */
const REFERENCED_RE = /^(?:https?:\/\/|mailto:)/i;
const ALIGN_RIGHT_RE = /text-align\s*:\s*right/i;
/** Elements whose content no reader sees as text, and embeds a plain-text reader cannot play. */
const SKIPPED = new Set(["script", "style", "template", "noscript", "head", "iframe", "object", "embed", "svg", "canvas", "video", "audio"]);
const CONTAINERS = new Set(["div", "section", "article", "aside", "main", "header", "footer", "nav", "figure", "details", "address", "hgroup", "fieldset", "form", "dl", "li", "center"]);
const PARAGRAPHS = new Set(["p", "dt", "figcaption", "summary", "caption"]);
const BLOCKS = new Set([...CONTAINERS, ...PARAGRAPHS, "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "dd", "pre", "table", "hr"]);
const ROW_GROUPS = new Set(["thead", "tbody", "tfoot"]);

/** URL → its number, in order of first appearance: the same URL is numbered once. */
type References = Map<string, number>;

function graphemeColumns(grapheme: string): number {
  if (EMOJI_RE.test(grapheme)) return 2;
  for (const char of grapheme) if (!ZERO_WIDTH_RE.test(char)) return eastAsianWidth(char.codePointAt(0)!, WIDTH_OPTIONS);
  return 0;
}

/** Columns a string takes in a terminal or a plain-text mail reader: East Asian wide and fullwidth characters 2, combining marks 0, others 1. */
export function columns(text: string): number {
  let total = 0;
  for (const { segment } of GRAPHEMES.segment(text)) total += graphemeColumns(segment);
  return total;
}

const isWide = (grapheme: string) => graphemeColumns(grapheme) === 2;
const lastGrapheme = (text: string) => [...GRAPHEMES.segment(text)].at(-1)?.segment ?? "";
const firstGrapheme = (text: string) => GRAPHEMES.segment(text)[Symbol.iterator]().next().value?.segment ?? "";

/** The atoms of one word (no spaces in it): each URL whole, every other grapheme on its own. */
function atoms(word: string): Array<{ text: string; url: boolean }> {
  const found: Array<{ text: string; url: boolean }> = [];
  const graphemes = (text: string) => { for (const { segment } of GRAPHEMES.segment(text)) found.push({ text: segment, url: false }); };
  let at = 0;
  for (const match of word.matchAll(URL_RE)) {
    graphemes(word.slice(at, match.index));
    found.push({ text: match[0], url: true });
    at = match.index + match[0].length;
  }
  graphemes(word.slice(at));
  return found;
}

/**
 * Where a line may break inside a word: beside a wide character (Chinese breaks between any two
 * characters, UAX #14's ID class) or a URL, never inside a Latin word, never against kinsoku.
 */
function breaksBetween(before: { text: string; url: boolean }, after: { text: string; url: boolean }): boolean {
  const last = lastGrapheme(before.text);
  const first = firstGrapheme(after.text);
  if (last === GLUE || first === GLUE || NO_LINE_START.has(first) || NO_LINE_END.has(last)) return false;
  return before.url || after.url || isWide(last) || isWide(first);
}

/** The unbreakable pieces of a paragraph, each with whether a space stood before it. */
function pieces(text: string): Array<{ text: string; space: boolean }> {
  const found: Array<{ text: string; space: boolean }> = [];
  for (const word of text.split(SPACES_RE)) {
    let previous: { text: string; url: boolean } | undefined;
    for (const atom of atoms(word)) {
      if (previous && !breaksBetween(previous, atom)) found.at(-1)!.text += atom.text;
      else found.push({ text: atom.text, space: previous === undefined });
      previous = atom;
    }
  }
  return found;
}

/**
 * Wraps one paragraph to `width` columns: `prefix` opens the first line (`- `), `indent` the others
 * (by default as wide as the prefix, so continuation lines stand under the text). A piece wider
 * than a whole line (a long URL) stands alone on its line, over the width, rather than be broken.
 */
export function wrap(text: string, width: number, prefix = "", indent = " ".repeat(columns(prefix))): string[] {
  const lines: string[] = [];
  let line = prefix;
  let used = columns(prefix);
  let empty = true;
  for (const piece of pieces(text)) {
    const pieceColumns = columns(piece.text);
    if (!empty && used + (piece.space ? 1 : 0) + pieceColumns > width) {
      lines.push(line);
      [line, used, empty] = [indent, columns(indent), true];
    }
    if (!empty && piece.space) [line, used] = [`${line} `, used + 1];
    [line, used, empty] = [line + piece.text, used + pieceColumns, false];
  }
  lines.push(line);
  return lines.map((each) => each.replaceAll(GLUE, "").trimEnd());
}

/** Blocks one under another: separated by a blank line, or (a tight list's item) not. */
const stack = (blocks: string[][], gap = true) => blocks.flatMap((lines, i) => (gap && i > 0 ? ["", ...lines] : lines));
/** Prefixes each line; a blank line gets `blank` (a quote's `>`), never trailing spaces. */
const prefixed = (lines: string[], first: string, rest: string, blank = "") =>
  lines.map((line, i) => (line === "" ? blank : `${i === 0 ? first : rest}${line}`.trimEnd()));

function reference(url: string, references: References): string {
  if (!references.has(url)) references.set(url, references.size + 1);
  return `${GLUE}[${references.get(url)}]`;
}

/** The inline content as text, `\n` where a `<br>` stood, links and images numbered in reading order. */
function inline(nodes: ChildNode[], references: References): string {
  return inlineText(nodes, references).replace(URL_END_BEFORE_PUNCTUATION_RE, "").replaceAll(URL_END, " ");
}
function inlineText(nodes: ChildNode[], references: References): string {
  let text = "";
  for (const node of nodes) {
    if (isText(node)) text += node.data.replace(SPACES_RE, " ").replace(CONTROL_RE, "");
    else if (!isTag(node) || SKIPPED.has(node.name) || node.attribs.hidden !== undefined) continue;
    else if (node.name === "br") text += "\n";
    else if (node.name === "img") {
      const src = node.attribs.src?.trim() ?? "";
      text += imageLabel((node.attribs.alt ?? "").replace(SPACES_RE, " ").trim()) + (REFERENCED_RE.test(src) ? reference(src, references) : "");
    } else if (node.name === "a") {
      const label = inlineText(node.children, references);
      const href = node.attribs.href?.trim() ?? "";
      // A link showing its own address is whole in the text (no copy below), then a space: the words
      // after it (often Chinese, unspaced) must not read as part of the address.
      if ([href, href.replace(/\/$/, "")].includes(label.trim()) && REFERENCED_RE.test(href)) text += `${label.trimEnd()}${URL_END}`;
      else if (!REFERENCED_RE.test(href)) text += label;
      else text += label.trimEnd() + reference(href, references);
    } else text += inlineText(node.children, references);
  }
  return text;
}

/** A paragraph's lines: each `<br>` starts a line, each line wrapped. */
function paragraph(text: string, width: number): string[] {
  const lines = text.split("\n").map((line) => line.replace(SPACES_RE, " ").trim());
  while (lines.at(-1) === "") lines.pop();
  while (lines[0] === "") lines.shift();
  return lines.flatMap((line) => (line === "" ? [""] : wrap(line, width)));
}

/** `=` under the title (and an `<h1>`), `-` under `<h2>`, `【…】` around the rest: Chinese books' mark for a minor heading. */
function heading(level: number, text: string, width: number): string[] {
  const flat = text.replace(/\n/g, " ").replace(SPACES_RE, " ").trim();
  if (level >= 3) return wrap(`【${flat}】`, width);
  const lines = wrap(flat, width);
  return [...lines, (level === 1 ? "=" : "-").repeat(Math.max(...lines.map(columns)))];
}

/** A nested list starts where its parent item's text starts (2 columns in under `- `); a loose list (items holding `<p>`) keeps blank lines. */
function list(element: Element, width: number, references: References): string[] {
  const items = element.children.filter(isTag).filter((child) => child.name === "li");
  const loose = items.some((item) => item.children.some((child) => isTag(child) && child.name === "p"));
  const start = Number.parseInt(element.attribs.start ?? "", 10);
  return stack(
    items.map((item, i) => {
      const marker = element.name === "ol" ? `${(Number.isNaN(start) ? 1 : start) + i}. ` : "- ";
      const lines = stack(blocks(item.children, width - marker.length, references), loose);
      return prefixed(lines.length > 0 ? lines : [""], marker, " ".repeat(marker.length)).map((line, j) => (j === 0 && line === "" ? marker.trimEnd() : line));
    }),
    loose,
  );
}

/** Code is copied, not read: never wrapped (a break would change its meaning), so a code line may run past the width. */
function code(element: Element): string[] {
  const lines = textContent(element).replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
  return lines[0] === "" && lines.length === 1 ? [] : lines.map((line) => (line.trim() === "" ? "" : CODE_INDENT + line.trimEnd()));
}

const padded = (text: string, width: number, right: boolean) => (right ? " ".repeat(width - columns(text)) + text : text + " ".repeat(width - columns(text)));

/**
 * Rows aligned in columns padded by display width (right-aligned where the site aligns right),
 * the header ruled off; when that is wider than the line, each row as `header：cell` lines.
 */
function table(element: Element, width: number, references: References): string[] {
  const caption = element.children.filter(isTag).filter((child) => child.name === "caption").flatMap((child) => paragraph(inline(child.children, references), width));
  const rows = element.children.filter(isTag).flatMap((child) => (child.name === "tr" ? [child] : ROW_GROUPS.has(child.name) ? child.children.filter(isTag).filter((row) => row.name === "tr") : []));
  const cells = rows.map((row) => row.children.filter(isTag).filter((cell) => cell.name === "td" || cell.name === "th"));
  const texts = cells.map((row) => row.map((cell) => inline(cell.children, references).replace(SPACES_RE, " ").trim()));
  const parent = rows[0]?.parent;
  const header = (parent != null && isTag(parent) && parent.name === "thead") || (cells[0]?.length ?? 0) > 0 && cells[0]!.every((cell) => cell.name === "th");
  const count = Math.max(0, ...texts.map((row) => row.length));
  const widths = Array.from({ length: count }, (_, i) => Math.max(...texts.map((row) => columns(row[i] ?? ""))));
  const right = widths.map((_, i) => cells.some((row) => ALIGN_RIGHT_RE.test(row[i]?.attribs.style ?? "") || row[i]?.attribs.align === "right"));
  const total = widths.reduce((sum, each) => sum + each, 0) + COLUMN_GAP.length * Math.max(0, count - 1);
  const blank = caption.length > 0 ? [""] : [];
  if (total <= width) {
    const lines = texts.map((row) => widths.map((each, i) => padded(row[i] ?? "", each, right[i]!)).join(COLUMN_GAP).trimEnd());
    if (header) lines.splice(1, 0, widths.map((each) => "-".repeat(each)).join(COLUMN_GAP));
    return [...caption, ...blank, ...lines];
  }
  const [head, body] = header ? [texts[0]!, texts.slice(1)] : [[], texts];
  const rowLines = body.map((row) => row.flatMap((text, i) => wrap(head[i] ? `${head[i]}${CELL_SEPARATOR}${text}` : text, width, "", HANGING_INDENT)));
  return [...caption, ...blank, ...stack(rowLines)];
}

function block(element: Element, width: number, references: References): string[] {
  const name = element.name;
  if (PARAGRAPHS.has(name)) return paragraph(inline(element.children, references), width);
  if (/^h[1-6]$/.test(name)) return heading(Number(name[1]), inline(element.children, references), width);
  if (name === "ul" || name === "ol") return list(element, width, references);
  if (name === "blockquote") return prefixed(stack(blocks(element.children, width - QUOTE_MARK.length, references)), QUOTE_MARK, QUOTE_MARK, QUOTE_MARK.trimEnd());
  if (name === "dd") return prefixed(stack(blocks(element.children, width - DEFINITION_INDENT.length, references)), DEFINITION_INDENT, DEFINITION_INDENT);
  if (name === "pre") return code(element);
  if (name === "table") return table(element, width, references);
  if (name === "hr") return [SECTION_BREAK];
  return stack(blocks(element.children, width, references));
}

/** Block elements each as their lines; the inline content between them (a tight list item's text) as paragraphs. */
function blocks(nodes: ChildNode[], width: number, references: References): string[][] {
  const found: string[][] = [];
  let run: ChildNode[] = [];
  const flush = () => {
    const lines = paragraph(inline(run, references), width);
    if (lines.length > 0) found.push(lines);
    run = [];
  };
  for (const node of nodes) {
    if (isTag(node) && (SKIPPED.has(node.name) || node.attribs.hidden !== undefined)) continue;
    if (!isTag(node) || !BLOCKS.has(node.name)) run.push(node);
    else {
      flush();
      const lines = block(node, width, references);
      if (lines.length > 0) found.push(lines);
    }
  }
  flush();
  return found;
}

/** The report as plain text for the email's text part: at most `width` columns a line (default 78). */
export function textEdition(report: EditionReport, width = DEFAULT_WIDTH): string {
  if (!Number.isInteger(width) || width < MIN_WIDTH) {
    throw new RangeError(`the text edition's width must be a whole number of columns, at least ${MIN_WIDTH}; received ${width}`);
  }
  const references: References = new Map();
  // Entities are decoded by the parser: `&lt;script&gt;` is the text `<script>`, right for text/plain.
  const body = stack(blocks(parseDocument(sanitizeBody(report.html, report.url).html).children, width, references)); // the allow-list first, as every edition
  const facts = [
    ...wrap(`${report.date} · ${report.week}`, width),
    ...wrap(`${READ_ONLINE}${report.url}`, width),
    ...(report.digest ? wrap(`${DIGEST}${report.digest.url}`, width) : []),
  ];
  // Never wrapped: a URL is never broken, and a long one runs past the width after its number.
  const labelWidth = `[${references.size}] `.length;
  const referenceLines = [...references].map(([url, number]) => `[${number}]`.padEnd(labelWidth) + url);
  const sections = [heading(1, report.title, width), facts, body, ...(references.size > 0 ? [stack([heading(2, REFERENCES_HEADING, width), referenceLines])] : [])];
  return `${stack(sections.filter((lines) => lines.length > 0)).map((line) => line.trimEnd()).join("\n")}\n`;
}
