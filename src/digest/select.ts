// Which of the fetched items make a week's digest: those published inside the ISO week in the
// site's zone, each once across every source (the first source listed keeps it), oldest first.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import type { IsoWeek } from "../core/dates.js";
import type { Source } from "../content/sources.js";
import type { FeedItem } from "./feed.js";
import { cleanText, cutText, linkKey, safeLink } from "./itemText.js";

/** A summary's length in characters (grapheme clusters), "…" included. */
export const SUMMARY_LENGTH = 120;
/** The title given to an item whose feed gives none. */
export const NO_TITLE = "（无标题）";

/** One line of the digest, its text still plain (write.ts escapes it). */
export interface Entry {
  title: string;
  /** An http(s) address, ready for a Markdown link; undefined when the item had none or a refused one. */
  link: string | undefined;
  summary: string | undefined;
  /** Milliseconds since the epoch, for the order. */
  published: number;
}

export interface Section {
  source: Source;
  entries: Entry[];
}

export interface Tally {
  source: Source;
  /** Items in the feed. */
  inFeed: number;
  /** Dated inside the week. */
  inWeek: number;
  /** Kept for the digest (in the week, not a duplicate). */
  kept: number;
  /** Items without a readable date, skipped. */
  undated: number;
  /** Items in the week that an earlier source (or the same feed) already gave. */
  duplicate: number;
  /** Warnings about single items (a link that is not http(s), an unreadable date). */
  warnings: Said[];
}

/** An id with a scheme (`https://…`, `urn:uuid:…`, `tag:…`) names one item everywhere; another (`42`) only within its feed. */
const GLOBAL_ID_RE = /^[a-z][a-z0-9+.-]*:\S/i;

function idKey(id: string, source: Source): string {
  return GLOBAL_ID_RE.test(id) ? id : `${source.feed}\u0000${id}`;
}

/**
 * Picks the week's items from each source's feed, in the sources' order. `feeds[i]` is the items
 * of `sources[i]`, or undefined when that source failed.
 */
export function selectWeek(sources: readonly Source[], feeds: ReadonlyArray<readonly FeedItem[] | undefined>, week: IsoWeek): { sections: Section[]; tallies: Tally[] } {
  const from = week.start.toMillis();
  const until = week.start.plus({ weeks: 1 }).toMillis();
  const seenIds = new Set<string>();
  const seenLinks = new Set<string>();
  const sections: Section[] = [];
  const tallies: Tally[] = [];
  sources.forEach((source, index) => {
    const items = feeds[index];
    if (items === undefined) return;
    const tally: Tally = { source, inFeed: items.length, inWeek: 0, kept: 0, undated: 0, duplicate: 0, warnings: [] };
    const entries: Entry[] = [];
    for (const item of items) {
      const title = cleanText(item.title) || NO_TITLE;
      if (item.published === undefined) {
        tally.undated += 1;
        if (item.unreadableDate !== undefined) tally.warnings.push({ en: `item ${JSON.stringify(title)}: date ${JSON.stringify(item.unreadableDate)} cannot be read; skipped.`, zh: `条目 ${JSON.stringify(title)}：日期 ${JSON.stringify(item.unreadableDate)} 无法读取；已跳过。` });
        continue;
      }
      const moment = item.published.toMillis();
      if (moment < from || moment >= until) continue;
      tally.inWeek += 1;
      const key = item.link === undefined ? undefined : linkKey(item.link);
      const id = item.id === undefined ? undefined : idKey(item.id, source);
      if ((id !== undefined && seenIds.has(id)) || (key !== undefined && seenLinks.has(key))) {
        tally.duplicate += 1;
        continue;
      }
      if (id !== undefined) seenIds.add(id);
      if (key !== undefined) seenLinks.add(key);
      let link: string | undefined;
      if (item.link !== undefined) {
        const safe = safeLink(item.link);
        if ("url" in safe) link = safe.url;
        else tally.warnings.push({ en: `item ${JSON.stringify(title)}: link ${JSON.stringify(item.link)} refused (${inEnglish(safe.refused)}); written without its link.`, zh: `条目 ${JSON.stringify(title)}：链接 ${JSON.stringify(item.link)} 被拒绝（${inChinese(safe.refused)}）；写入时不带链接。` });
      }
      const summaryText = item.summary === undefined ? "" : cleanText(item.summary);
      const summary = summaryText === "" || summaryText === title ? undefined : cutText(summaryText, SUMMARY_LENGTH);
      entries.push({ title, link, summary, published: moment });
    }
    // Oldest first; the feed's own order among items of the same moment.
    const ordered = entries.map((entry, at) => ({ entry, at })).sort((a, b) => a.entry.published - b.entry.published || a.at - b.at).map(({ entry }) => entry);
    tally.kept = ordered.length;
    tallies.push(tally);
    if (ordered.length > 0) sections.push({ source, entries: ordered });
  });
  return { sections, tallies };
}
