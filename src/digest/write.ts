// The digest's Markdown: a new file for a week, or new items added into an existing one without
// touching any other byte of it (`--merge`). Every text from a feed goes through markdownText.
import { inChinese, type Said } from "../core/show.js";
import { DATE_RE, DATE_TIME_RE, formatIsoDate, type IsoWeek } from "../core/dates.js";
import type { Source } from "../content/sources.js";
import type { Section, Entry } from "./select.js";
import { linkKey, markdownText, safeLink } from "./itemText.js";

/** `&` before what reads as an entity: markdown-it decodes entities in a link's destination. */
const ENTITY_LIKE_RE = /&(?=#?[A-Za-z0-9]+;)/g;
/** A backslash escape in a destination as the author's file holds it. */
const ESCAPE_RE = /\\(?=[!-/:-@[-`{-~])/g;
/** Markdown link destinations in the author's file: `](…)` and `<https://…>` autolinks. */
const LINK_RE = /\]\(\s*<?([^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?|<(https?:\/\/[^>\s]+)>/g;
/** The opening of a fenced code block: three or more backticks or tildes. */
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
/** A list item's first line. */
const LIST_ITEM_RE = /^ {0,3}[-*+]\s/;
/** An http(s) address as it stands in text, up to what cannot be part of it. */
const BARE_URL_RE = /https?:\/\/[^\s<>"'()\[\]]+/g;
/** Punctuation that ends a sentence after a bare address, not the address. */
const TRAILING_PUNCTUATION_RE = /[.,;:!?]+$/;
/** A heading that ends a source's section: `#` or `##`. */
const SECTION_END_RE = /^ {0,3}#{1,2}(\s|$)/;

export interface DigestFrontMatter {
  title: string;
  description: string;
  /** The moment it goes live, as the site writes it (`2026-02-12T08:00`), or undefined. */
  scheduled: string | undefined;
  draft: boolean;
}

/** `- [title](link)：summary`, the form of the site's digests. */
export function entryLine(entry: Entry): string {
  const title = markdownText(entry.title);
  const head = entry.link === undefined ? title : `[${title}](${destination(entry.link)})`;
  return `- ${head}${entry.summary === undefined ? "" : `：${markdownText(entry.summary)}`}`;
}

/** The heading and lines of one source's section. */
export function sectionLines(section: Section): string[] {
  const { source } = section;
  const link = source.home === undefined ? undefined : safeLink(source.home);
  const home = link === undefined || !("url" in link) ? [] : [`来源主页：[${markdownText(source.name)}](${destination(link.url)})`, ""];
  return [`## ${markdownText(source.name)}`, "", ...home, ...section.entries.map(entryLine)];
}

/** A URL (made safe by safeLink) as a Markdown destination that reads back as exactly that URL. */
function destination(url: string): string {
  return url.replace(ENTITY_LIKE_RE, "\\&");
}

/** A source `weekly digest` could not read this time: why, and when (`2026-02-08 10:00`, the site's zone). */
export interface FailedSource {
  source: Source;
  reason: Said;
  at: string;
}

/** How a failure note begins, for the source it names: found again by `--merge`. */
const notePrefix = (name: string) => `<!-- weekly digest：来源「${noteText(name)}」未能读取`;

/** Text inside an HTML comment: on one line, and never `--` (which would end it, or make it invalid). */
function noteText(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/-{2,}/g, "—").replace(/[<>]/g, "");
}

/**
 * The line a source that could not be read leaves where its section would be: an HTML comment,
 * which the author sees in the file and no reader sees on the page (a digest's raw HTML is shown
 * as text, and a paragraph that is only a comment is left out there: content/markdownText.ts).
 * `--merge` replaces it with the source's news once it is read.
 */
export function failureNote({ source, reason, at }: FailedSource, week: string): string {
  return `${notePrefix(source.name)}（${noteText(at)}）：${noteText(inChinese(reason))}。能读取后运行 npx weekly digest ${week} --merge，这一行会换成它的新闻。 -->`;
}

/** A new digest for the week: each source's section, or the note of one that could not be read, in the sources' order. */
export function digestMarkdown(front: DigestFrontMatter, week: IsoWeek, sections: readonly Section[], failed: readonly FailedSource[] = [], order: readonly Source[] = []): string {
  const lines = [
    "---",
    `title: ${JSON.stringify(front.title)}`,
    `description: ${JSON.stringify(front.description)}`,
    // A date as the site writes it, bare; anything else the report holds, quoted as text.
    ...(front.scheduled === undefined ? [] : [`scheduled: ${DATE_RE.test(front.scheduled) || DATE_TIME_RE.test(front.scheduled) ? front.scheduled : JSON.stringify(front.scheduled)}`]),
    ...(front.draft ? ["draft: true"] : []),
    "---",
    "",
    `${week.key}（${formatIsoDate(week.start)} 至 ${formatIsoDate(week.end)}）的新闻摘要，由各来源的订阅源收集，按来源分组，每条链接到原文。`,
  ];
  const rank = (source: Source) => (order.includes(source) ? order.indexOf(source) : order.length);
  const parts = [...sections.map((section) => ({ source: section.source, lines: sectionLines(section) })), ...failed.map((failure) => ({ source: failure.source, lines: [failureNote(failure, week.key)] }))];
  for (const part of parts.sort((a, b) => rank(a.source) - rank(b.source))) lines.push("", ...part.lines);
  return `${lines.join("\n")}\n`;
}

/** The links a digest already holds, by their duplicate key. */
export function linksIn(markdown: string): Set<string> {
  const keys = new Set<string>();
  const add = (url: string) => {
    const key = linkKey(url.replace(ESCAPE_RE, ""));
    if (key !== undefined) keys.add(key);
  };
  for (const match of markdown.matchAll(LINK_RE)) add((match[1] ?? match[2])!);
  // Written any other way (a reference definition, a bare address, an <a href>): the address itself.
  for (const [url] of markdown.matchAll(BARE_URL_RE)) add(url.replace(TRAILING_PUNCTUATION_RE, ""));
  return keys;
}

export interface Merged {
  text: string;
  /** Lines added, by source. */
  added: Map<Source, number>;
  /** Failure notes written, replaced or removed: the file changed even if no line was added. */
  notes: number;
}

/** A line of the author's file, with its own line ending; `code` when in the front matter or a fenced block. */
interface Line {
  text: string;
  eol: string;
  code: boolean;
}

/**
 * Adds to an existing digest the entries whose link it does not hold yet (an entry without a link:
 * whose line it does not hold), after the last item of their source's section (`## name`), or in
 * a new section at the end. Every byte already in the file stays where it was, line endings
 * included; the front matter and fenced code are never read as sections or written into.
 */
export function mergeDigest(existing: string, sections: readonly Section[], outcome: { read: readonly Source[]; failed: readonly FailedSource[]; week: string } = { read: [], failed: [], week: "" }): Merged {
  const lines = readLines(existing);
  const eol = lines.find((line) => line.eol !== "")?.eol ?? "\n";
  const known = linksIn(existing);
  const knownLines = new Set(lines.map((line) => line.text.trim()));
  const added = new Map<Source, number>();
  const appended: string[] = [];
  let notes = 0;
  for (const section of sections) {
    const fresh = section.entries.filter((entry) => (entry.link === undefined ? !knownLines.has(entryLine(entry)) : !known.has(linkKey(entry.link) ?? entry.link)));
    if (fresh.length === 0) continue;
    added.set(section.source, fresh.length);
    const start = headingLine(lines, section.source.name);
    const note = noteLine(lines, section.source.name);
    if (start === undefined && note !== undefined) {
      // The source's news where its note was.
      lines.splice(note, 1, ...sectionLines({ source: section.source, entries: fresh }).map((text, i, all) => ({ text, eol: i === all.length - 1 ? lines[note]!.eol || eol : eol, code: false })));
      notes += 1;
      continue;
    }
    if (start === undefined) {
      appended.push("", ...sectionLines({ source: section.source, entries: fresh }));
      continue;
    }
    let end = start + 1;
    while (end < lines.length && (lines[end]!.code || !SECTION_END_RE.test(lines[end]!.text))) end += 1;
    const [at, blank] = insertionPoint(lines, start, end);
    insertAfter(lines, at, [...(blank ? [""] : []), ...fresh.map(entryLine)], eol);
  }
  // A source read this time leaves no note (its news, if any, is in above); one that failed has its note, written or brought up to date.
  for (const source of outcome.read) {
    const note = noteLine(lines, source.name);
    if (note === undefined) continue;
    const blankBefore = note > 0 && lines[note - 1]!.text.trim() === "" && !lines[note - 1]!.code;
    lines.splice(blankBefore ? note - 1 : note, blankBefore ? 2 : 1);
    notes += 1;
  }
  for (const failure of outcome.failed) {
    const note = noteLine(lines, failure.source.name);
    const text = failureNote(failure, outcome.week);
    if (note !== undefined) {
      if (lines[note]!.text !== text) (lines[note]!.text = text), (notes += 1);
    } else if (headingLine(lines, failure.source.name) === undefined) {
      appended.push("", text);
      notes += 1;
    }
  }
  if (appended.length > 0) insertAfter(lines, lines.length - 1, appended, eol);
  return { text: lines.map((line) => line.text + line.eol).join(""), added, notes };
}

/** The line of a source's failure note, outside code. */
function noteLine(lines: readonly Line[], name: string): number | undefined {
  const prefix = notePrefix(name);
  const index = lines.findIndex((line) => !line.code && line.text.startsWith(prefix));
  return index < 0 ? undefined : index;
}

/** The file's lines, each with its own ending, and which are front matter or fenced code. */
function readLines(text: string): Line[] {
  const lines = text.split(/(?<=\n)/).filter((line) => line !== "").map((raw) => {
    const body = raw.replace(/\r?\n$/, "");
    return { text: body, eol: raw.slice(body.length), code: false };
  });
  let fence: string | undefined;
  lines.forEach((line, index) => {
    if (index === 0 && /^---\s*$/.test(line.text)) fence = "---";
    else if (fence === "---" && /^(---|\.\.\.)\s*$/.test(line.text)) {
      line.code = true;
      fence = undefined;
      return;
    } else if (fence === undefined) fence = FENCE_RE.exec(line.text)?.[1];
    else if (fence !== "---" && line.text.trim().startsWith(fence[0]!.repeat(fence.length)) && line.text.trim().replace(/[`~]/g, "") === "") {
      line.code = true;
      fence = undefined;
      return;
    }
    line.code = fence !== undefined;
  });
  return lines;
}

/** Puts `texts` after line `at` (-1: at the start), ending as that line did; a last line without an ending gets one. */
function insertAfter(lines: Line[], at: number, texts: readonly string[], eol: string): void {
  const before = lines[at];
  const ending = before?.eol || eol;
  const last = at === lines.length - 1 && before !== undefined && before.eol === "";
  if (before && before.eol === "") before.eol = eol;
  const inserted = texts.map((text, i) => ({ text, eol: last && i === texts.length - 1 ? "" : ending, code: false }));
  lines.splice(at + 1, 0, ...inserted);
}

/**
 * Where new items go in a section (lines start … end): after its list's last item (and that item's
 * indented lines), so they join the list; in a section without a list, after its last line, as a
 * list of their own (after a blank line).
 */
function insertionPoint(lines: readonly Line[], start: number, end: number): [number, boolean] {
  let item = -1;
  for (let i = start + 1; i < end; i += 1) if (!lines[i]!.code && LIST_ITEM_RE.test(lines[i]!.text)) item = i;
  if (item >= 0) {
    while (item + 1 < end && /^\s+\S/.test(lines[item + 1]!.text)) item += 1;
    return [item, false];
  }
  let last = end - 1;
  while (last > start && lines[last]!.text.trim() === "") last -= 1;
  return [last, last > start];
}

/** The line of `## name` (as written by the command, or by hand without escapes), outside code. */
function headingLine(lines: readonly Line[], name: string): number | undefined {
  const names = new Set([name, markdownText(name)]);
  const index = lines.findIndex((line) => {
    const match = line.code ? null : /^ {0,3}##\s+(.*?)\s*#*\s*$/.exec(line.text);
    return match !== null && names.has(match[1]!);
  });
  return index < 0 ? undefined : index;
}
