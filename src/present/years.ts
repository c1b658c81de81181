// A year in review: each ISO week-year with reports (as the archive groups them), its reports by
// month, how many reports and digest items, its top tags and words, the sources its digests cite
// most, and the years before and after. Pure: the published reports and digests in.
import { DateTime } from "luxon";
import type { IsoWeek } from "../core/dates.js";
import { wordKey, WrittenForms } from "../content/words.js";
import type { TrendReport } from "./trends.js";

/** A published digest as the year pages read it: its week and the items of each source's section. */
export interface YearDigest {
  week: IsoWeek;
  sections: ReadonlyArray<{ name: string; items: number }>;
}

export interface Ranked {
  key: string;
  shown: string;
  count: number;
}

export interface YearReview {
  year: number;
  /** Every month, January first: its reports, oldest first. */
  months: Array<{ month: number; reports: TrendReport[] }>;
  reports: number;
  digestItems: number;
  tags: Ranked[];
  /** Words by the number of the year's reports that use them, then by mentions. */
  words: Ranked[];
  sources: Ranked[];
  previous: number | undefined;
  next: number | undefined;
}

const TOP_TAGS = 10;
const TOP_WORDS = 20;
const TOP_SOURCES = 10;

/** The month of a week, as a calendar shows it: that of its Thursday (so W01 is in January). */
export const monthOfWeek = (week: Pick<IsoWeek, "weekYear" | "weekNumber">): number =>
  DateTime.fromObject({ weekYear: week.weekYear, weekNumber: week.weekNumber, weekday: 4 }, { zone: "utc" }).month;

/** Each year with reports, newest first. */
export function yearReviews(reports: readonly TrendReport[], digests: readonly YearDigest[]): YearReview[] {
  const years = [...new Set(reports.map((r) => r.week.weekYear))].sort((a, b) => b - a);
  return years.map((year, i) => {
    const own = reports.filter((r) => r.week.weekYear === year).sort((a, b) => a.week.weekNumber - b.week.weekNumber || (a.url < b.url ? -1 : 1));
    const months = Array.from({ length: 12 }, (_, m) => ({ month: m + 1, reports: own.filter((r) => monthOfWeek(r.week) === m + 1) }));
    const ownDigests = digests.filter((d) => d.week.weekYear === year);
    const tags = new Tally();
    const words = new Tally();
    const sources = new Tally();
    for (const report of own) {
      for (const tag of new Set(report.tags)) if (wordKey(tag) !== "") tags.add(wordKey(tag), tag.trim(), 1);
      for (const { key, count, shown } of report.words) words.add(key, shown, count);
    }
    for (const digest of ownDigests) for (const { name, items } of digest.sections) if (items > 0) sources.add(wordKey(name), name.trim(), items);
    return {
      year,
      months,
      reports: own.length,
      digestItems: ownDigests.reduce((sum, d) => sum + d.sections.reduce((n, s) => n + s.items, 0), 0),
      tags: tags.top(TOP_TAGS, "reports"),
      words: words.top(TOP_WORDS, "reports"),
      sources: sources.top(TOP_SOURCES, "count"),
      previous: years[i + 1],
      next: years[i - 1],
    };
  });
}

/** Counts by key, with the reports (calls to add) that had each and how each was written. */
class Tally {
  readonly #entries = new Map<string, { count: number; reports: number }>();
  readonly #forms = new WrittenForms();

  add(key: string, shown: string, count: number): void {
    let entry = this.#entries.get(key);
    if (!entry) this.#entries.set(key, (entry = { count: 0, reports: 0 }));
    entry.count += count;
    entry.reports++;
    this.#forms.add(key, shown, count);
  }

  /** The first `limit`, by reports then count (`reports`), or by count alone; ties by key. */
  top(limit: number, by: "reports" | "count"): Ranked[] {
    return [...this.#entries]
      .sort(([ka, a], [kb, b]) => (by === "reports" ? b.reports - a.reports : 0) || b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, limit)
      .map(([key, entry]) => ({ key, shown: this.#forms.shown(key), count: by === "reports" ? entry.reports : entry.count }));
  }
}
