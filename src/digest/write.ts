// The digest's Markdown: a new file for a week, or new items added into an existing one without
// touching any other byte of it (`--merge`). Every text from a feed goes through markdownText.
import { formatIsoDate, type IsoWeek } from "../core/dates.js";
import type { Section, Entry } from "./select.js";
import { linkKey, markdownText } from "./text.js";

/** Markdown link destinations in the author's file: `](…)` and `<https://…>` autolinks. */
const LINK_RE = /\]\(\s*<?([^()\s<>]+(?:\([^()\s]*\)[^()\s<>]*)*)>?|<(https?:\/\/[^>\s]+)>/g;
/** A list item's first line. */
const LIST_ITEM_RE = /^ {0,3}[-*+]\s/;
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
  const head = entry.link === undefined ? title : `[${title}](${entry.link})`;
  return `- ${head}${entry.summary === undefined ? "" : `：${markdownText(entry.summary)}`}`;
}

/** The heading and lines of one source's section. */
export function sectionLines(section: Section): string[] {
  const { source } = section;
  const home = source.home === undefined ? [] : [`来源主页：[${markdownText(source.name)}](${source.home})`, ""];
  return [`## ${markdownText(source.name)}`, "", ...home, ...section.entries.map(entryLine)];
}

/** A new digest for the week. */
export function digestMarkdown(front: DigestFrontMatter, week: IsoWeek, sections: readonly Section[]): string {
  const lines = [
    "---",
    `title: ${JSON.stringify(front.title)}`,
    `description: ${JSON.stringify(front.description)}`,
    ...(front.scheduled === undefined ? [] : [`scheduled: ${front.scheduled}`]),
    ...(front.draft ? ["draft: true"] : []),
    "---",
    "",
    `${week.key}（${formatIsoDate(week.start)} 至 ${formatIsoDate(week.end)}）的新闻摘要，由各来源的订阅源收集，按来源分组，每条链接到原文。`,
  ];
  for (const section of sections) lines.push("", ...sectionLines(section));
  return `${lines.join("\n")}\n`;
}

/** The links a digest already holds, by their duplicate key. */
export function linksIn(markdown: string): Set<string> {
  const keys = new Set<string>();
  for (const match of markdown.matchAll(LINK_RE)) {
    const key = linkKey((match[1] ?? match[2])!);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

export interface Merged {
  text: string;
  /** Lines added, by source name. */
  added: Map<string, number>;
}

/**
 * Adds to an existing digest the entries whose link it does not hold yet (an entry without a link:
 * whose line it does not hold), each after the last line of its source's section (`## name`), or
 * in a new section at the end. Every byte already in the file stays where it was.
 */
export function mergeDigest(existing: string, sections: readonly Section[]): Merged {
  const newline = existing.includes("\r\n") ? "\r\n" : "\n";
  const lines = existing.split(/\r?\n/);
  // split leaves "" after a final newline: it stays the last element, so joining restores it.
  const known = linksIn(existing);
  const knownLines = new Set(lines.map((line) => line.trim()));
  const added = new Map<string, number>();
  const appended: string[] = [];
  for (const section of sections) {
    const fresh = section.entries.filter((entry) => (entry.link === undefined ? !knownLines.has(entryLine(entry)) : !known.has(linkKey(entry.link) ?? entry.link)));
    if (fresh.length === 0) continue;
    added.set(section.source.name, fresh.length);
    const newLines = fresh.map(entryLine);
    const start = headingLine(lines, section.source.name);
    if (start === undefined) {
      appended.push("", ...sectionLines({ source: section.source, entries: fresh }));
      continue;
    }
    let end = start + 1;
    while (end < lines.length && !SECTION_END_RE.test(lines[end]!)) end += 1;
    lines.splice(...insertionPoint(lines, start, end, newLines));
  }
  if (appended.length > 0) {
    const endsWithNewline = lines.at(-1) === "";
    if (endsWithNewline) lines.pop();
    lines.push(...appended, "");
  }
  return { text: lines.join(newline), added };
}

/**
 * Where new items go in a section (lines start … end): after its list's last item (and that item's
 * indented lines), so they join the list; in a section without a list, after its last line, as a
 * list of their own.
 */
function insertionPoint(lines: readonly string[], start: number, end: number, newLines: string[]): [number, number, ...string[]] {
  let item = -1;
  for (let i = start + 1; i < end; i += 1) if (LIST_ITEM_RE.test(lines[i]!)) item = i;
  if (item >= 0) {
    while (item + 1 < end && /^\s+\S/.test(lines[item + 1]!)) item += 1;
    return [item + 1, 0, ...newLines];
  }
  let last = end - 1;
  while (last > start && lines[last]!.trim() === "") last -= 1;
  return [last + 1, 0, ...(last > start ? [""] : []), ...newLines];
}

/** The line of `## name` (as written by the command, or by hand without escapes). */
function headingLine(lines: readonly string[], name: string): number | undefined {
  const names = new Set([name, markdownText(name)]);
  const index = lines.findIndex((line) => {
    const match = /^ {0,3}##\s+(.*?)\s*#*\s*$/.exec(line);
    return match !== null && names.has(match[1]!);
  });
  return index < 0 ? undefined : index;
}
