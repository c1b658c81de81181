// What the hot words, trends and year pages show, made from the published reports and digests so
// that their layouts stay dumb: each word with its link (its tag's page, else the search page), each
// chart drawn (charts.ts) beside the numbers it shows.
import { wordKey } from "../content/words.js";
import { UI } from "../core/strings.js";
import { barChart, sparkline } from "./charts.js";
import { hotWords, RECENT_WEEKS, trends, TREND_WEEKS, wordWeeks, type Change, type Series, type TrendReport } from "./trends.js";
import { yearReviews, type Ranked, type YearDigest } from "./years.js";

/** Where a word links: its tag's page when it is a tag, else the search page asked for it, else nowhere. */
export interface WordLinks {
  tagUrl: (key: string) => string | undefined;
  /** `/search/`, or false when the site has no search page. */
  search: string | false;
  /** Where a year's page is: `/years/2026/`, or false when the site has none. */
  yearUrl: (year: number) => string | false;
}

export interface WordView {
  shown: string;
  url: string | undefined;
}

export interface HotWordView extends WordView {
  size: number;
  recent: number;
  before: number;
}

export interface SeriesView extends WordView {
  latest: number;
  total: number;
  chart: string;
}

export interface TrendsView {
  hot: HotWordView[];
  /** The first and last week the trends span (`2025-W07` – `2026-W06`), and the recent weeks of the hot words. */
  from: string | undefined;
  to: string | undefined;
  recentWeeks: number;
  words: SeriesView[];
  tags: SeriesView[];
  rising: Array<Change & WordView>;
  cooling: Array<Change & WordView>;
}

export function wordUrl(key: string, shown: string, links: WordLinks): string | undefined {
  const tag = links.tagUrl(key);
  if (tag !== undefined) return tag;
  return links.search === false ? undefined : `${links.search}?q=${encodeURIComponent(shown)}`;
}

/** The hot words and the trends of the reports given (published, in the order the site lists them). */
export function trendsView(reports: readonly TrendReport[], links: WordLinks): TrendsView {
  const data = wordWeeks(reports);
  const hot = hotWords(data);
  const allTags = reports.flatMap((report) => report.tags);
  const shape = trends(data, hot, allTags);
  const link = (key: string, shown: string): WordView => ({ shown, url: wordUrl(key, shown, links) });
  const span = reports.length === 0 ? undefined : { from: shape.weeks[0], to: shape.weeks.at(-1) };
  const seriesView = (kind: string) => (series: Series, i: number): SeriesView => {
    const total = series.counts.reduce((a, b) => a + b, 0);
    const latest = series.counts.at(-1) ?? 0;
    const weekly = shape.weeks.map((week, i) => `${week} ${series.counts[i]}`).join("，");
    const description = `${span?.from} 至 ${span?.to} 共 ${TREND_WEEKS} 周，合计提到 ${total} 次，最近一周 ${latest} 次。每周：${weekly}。`;
    return { ...link(series.key, series.shown), latest, total, chart: sparkline(series.counts, shape.max, `trend-${kind}-${i + 1}`, `「${series.shown}」每周提到的次数`, description) };
  };
  return {
    hot: hot.map((word) => ({ ...link(word.key, word.shown), size: word.size, recent: word.recent, before: word.before })),
    from: span?.from,
    to: span?.to,
    recentWeeks: RECENT_WEEKS,
    words: shape.words.map(seriesView("word")),
    tags: shape.tags.map(seriesView("tag")),
    rising: shape.rising.map((change) => ({ ...change, ...link(change.key, change.shown) })),
    cooling: shape.cooling.map((change) => ({ ...change, ...link(change.key, change.shown) })),
  };
}

export interface YearView {
  year: number;
  url: string | false;
  title: string;
  reports: number;
  digestItems: number;
  months: Array<{ month: number; label: string; reports: Array<{ url: string; title: string; week: string }> }>;
  chart: string;
  /** The chart's numbers as text: `2 月 1 期；3 月 4 期`. */
  caption: string;
  tags: Array<Ranked & WordView>;
  words: Array<Ranked & WordView>;
  sources: Ranked[];
  previous: { year: number; url: string | false } | undefined;
  next: { year: number; url: string | false } | undefined;
}

/** Each year with reports, newest first, as its page shows it. */
export function yearViews(reports: readonly TrendReport[], digests: readonly YearDigest[], links: WordLinks): YearView[] {
  return yearReviews(reports, digests).map((review) => {
    const linked = (ranked: Ranked) => ({ ...ranked, ...({ shown: ranked.shown, url: wordUrl(ranked.key, ranked.shown, links) } satisfies WordView) });
    const counts = review.months.map((m) => `${m.month} 月 ${m.reports.length} 期`).join("，");
    const caption = review.months.filter((m) => m.reports.length > 0).map((m) => `${m.month} 月 ${m.reports.length} 期`).join("；");
    return {
      year: review.year,
      url: links.yearUrl(review.year),
      title: UI.titles.year(review.year),
      reports: review.reports,
      digestItems: review.digestItems,
      months: review.months.map(({ month, reports: own }) => ({ month, label: `${month} 月`, reports: own.map((r) => ({ url: r.url, title: r.title, week: r.week.key })) })),
      chart: barChart(
        review.months.map((m) => ({ label: `${m.month}`, value: m.reports.length })),
        `year-${review.year}-months`,
        `${review.year} 年每月的周报数`,
        `${counts}。`,
      ),
      caption,
      tags: review.tags.map((tag) => ({ ...tag, shown: tag.shown, url: links.tagUrl(wordKey(tag.key)) })),
      words: review.words.map(linked),
      sources: review.sources,
      previous: review.previous === undefined ? undefined : { year: review.previous, url: links.yearUrl(review.previous) },
      next: review.next === undefined ? undefined : { year: review.next, url: links.yearUrl(review.next) },
    };
  });
}
