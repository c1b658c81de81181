// What the weeks add up to: the hot words of the recent weeks and the trends of words and tags
// over the last year, from the published reports' words (content/words.ts) and tags. Pure: the
// reports in, the lists out, the same bytes every build (every tie broken by the word).
import { weekOfOrdinal, weekOrdinal, type IsoWeek } from "../core/dates.js";
import { wordKey, WrittenForms, type WordCount } from "../content/words.js";

/** A published report as these pages read it. */
export interface TrendReport {
  week: IsoWeek;
  url: string;
  title: string;
  tags: readonly string[];
  words: readonly WordCount[];
}

/** The weeks the hot words compare: the recent ones, and at most this many before them. */
export const RECENT_WEEKS = 8;
export const EARLIER_WEEKS = 52;
/** The trends' span, and the quarters the rising and cooling lists compare. */
export const TREND_WEEKS = 52;
export const QUARTER_WEEKS = 13;
/** One mention a week: the smoothing of a rate, so that a word never seen before is not infinitely new. */
const SMOOTHING = 1;
/** Words shown, and the sizes they are shown in. */
const HOT_WORDS = 40;
const SIZES = 5;
const TREND_WORDS = 12;
const CHANGES = 10;
const MIN_RECENT_WEEKS = 2;

/** Every word's mentions by week (a report's tags count once each), and how each word is written. */
export interface WordWeeks {
  /** Word key → week ordinal → mentions. */
  counts: Map<string, Map<number, number>>;
  /** How a word is shown: as written most. */
  shown: (key: string) => string;
  /** The week of the newest report, and of the oldest. */
  latest: number;
  first: number;
}

export function wordWeeks(reports: readonly TrendReport[]): WordWeeks {
  const counts = new Map<string, Map<number, number>>();
  const forms = new WrittenForms();
  let latest = Number.NEGATIVE_INFINITY;
  let first = Number.POSITIVE_INFINITY;
  const add = (key: string, shown: string, week: number, count: number) => {
    let weeks = counts.get(key);
    if (!weeks) counts.set(key, (weeks = new Map()));
    weeks.set(week, (weeks.get(week) ?? 0) + count);
    forms.add(key, shown, count);
  };
  for (const report of reports) {
    const week = weekOrdinal(report.week);
    latest = Math.max(latest, week);
    first = Math.min(first, week);
    for (const { key, count, shown } of report.words) add(key, shown, week, count);
    for (const tag of new Set(report.tags)) if (wordKey(tag) !== "") add(wordKey(tag), tag.trim(), week, 1);
  }
  return { counts, shown: (key) => forms.shown(key), latest, first };
}

/** Mentions of a word over the weeks `from` to `to` (inclusive), and in how many of them. */
function mentions(weeks: ReadonlyMap<number, number> | undefined, from: number, to: number): { total: number; weeks: number } {
  let total = 0;
  let mentioned = 0;
  for (const [week, count] of weeks ?? []) {
    if (week < from || week > to) continue;
    total += count;
    mentioned++;
  }
  return { total, weeks: mentioned };
}

export interface HotWord {
  key: string;
  shown: string;
  /** Rising-term score: how much more often a week mentions it lately than before, times the share of recent weeks that do. */
  score: number;
  /** 1 (smallest) to 5, from the score. */
  size: number;
  /** Mentions in the recent weeks and in the weeks before them. */
  recent: number;
  before: number;
}

/**
 * The words that mark the recent weeks: a word's rate in the last 8 weeks against its rate in
 * the 52 before (each smoothed by one mention a week), as a log ratio, times the share of the
 * recent weeks that mention it. A word as frequent as ever scores near 0 whatever its count; a
 * word new in every recent week scores highest; one burst in a single week scores little. A word
 * must be in two recent weeks at least (in the one, for a blog with a single recent report).
 */
export function hotWords(data: WordWeeks, limit = HOT_WORDS): HotWord[] {
  if (data.counts.size === 0) return [];
  const recentFrom = data.latest - RECENT_WEEKS + 1;
  const earlierFrom = Math.max(data.first, recentFrom - EARLIER_WEEKS);
  const earlierWeeks = recentFrom - earlierFrom;
  // Two recent weeks at least, or every recent week there is (a blog's first report).
  const reported = new Set([...data.counts.values()].flatMap((weeks) => [...weeks.keys()].filter((week) => week >= recentFrom)));
  const least = Math.min(MIN_RECENT_WEEKS, reported.size);
  const found: Omit<HotWord, "size">[] = [];
  for (const [key, weeks] of data.counts) {
    const recent = mentions(weeks, recentFrom, data.latest);
    if (recent.weeks < least) continue;
    const before = mentions(weeks, earlierFrom, recentFrom - 1);
    const beforeRate = earlierWeeks === 0 ? 0 : before.total / earlierWeeks;
    const score = Math.log((recent.total / RECENT_WEEKS + SMOOTHING) / (beforeRate + SMOOTHING)) * (recent.weeks / RECENT_WEEKS);
    if (score > 0) found.push({ key, shown: data.shown(key), score, recent: recent.total, before: before.total });
  }
  const top = found.sort((a, b) => b.score - a.score || byKey(a, b)).slice(0, limit);
  const best = top[0]?.score ?? 1;
  return top.map((word) => ({ ...word, size: Math.min(SIZES, 1 + Math.floor((SIZES * word.score) / best)) }));
}

/** A word's mentions in each of the last 52 weeks, oldest first. */
export interface Series {
  key: string;
  shown: string;
  counts: number[];
}

/** A word's mentions in the last quarter against the one before. */
export interface Change {
  key: string;
  shown: string;
  before: number;
  now: number;
}

export interface Trends {
  /** The weeks of the series, oldest first (`2026-W06`). */
  weeks: string[];
  /** The hot words' series, then every tag's not among them. */
  words: Series[];
  tags: Series[];
  /** The largest count of any series: every chart drawn to the same scale. */
  max: number;
  rising: Change[];
  cooling: Change[];
}

/** The series of the top hot words and of every tag over the last 52 weeks, and the words rising and cooling from one quarter to the next. */
export function trends(data: WordWeeks, hot: readonly HotWord[], tags: readonly string[]): Trends {
  const from = data.latest - TREND_WEEKS + 1;
  const series = (key: string): Series => {
    const weeks = data.counts.get(key);
    return { key, shown: data.shown(key), counts: Array.from({ length: TREND_WEEKS }, (_, i) => weeks?.get(from + i) ?? 0) };
  };
  const words = hot.slice(0, TREND_WORDS).map((word) => series(word.key));
  const tagKeys = [...new Set(tags.map(wordKey))].filter((key) => key !== "").sort();
  const shownWords = new Set(words.map((w) => w.key));
  const tagSeries = tagKeys.filter((key) => !shownWords.has(key)).map(series);
  const max = Math.max(1, ...[...words, ...tagSeries].flatMap((s) => s.counts));
  const changes: Change[] = [];
  if (data.counts.size > 0) {
    const nowFrom = data.latest - QUARTER_WEEKS + 1;
    for (const [key, weeks] of data.counts) {
      const now = mentions(weeks, nowFrom, data.latest).total;
      const before = mentions(weeks, nowFrom - QUARTER_WEEKS, nowFrom - 1).total;
      if (now + before >= 4 && now !== before) changes.push({ key, shown: data.shown(key), before, now });
    }
  }
  const lift = (c: Change) => Math.log((c.now + 1) / (c.before + 1));
  const rising = changes.filter((c) => c.now > c.before).sort((a, b) => lift(b) - lift(a) || b.now - a.now || byKey(a, b)).slice(0, CHANGES);
  const cooling = changes.filter((c) => c.now < c.before).sort((a, b) => lift(a) - lift(b) || b.before - a.before || byKey(a, b)).slice(0, CHANGES);
  return { weeks: Array.from({ length: TREND_WEEKS }, (_, i) => weekOfOrdinal(from + i).key), words, tags: tagSeries, max, rising, cooling };
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
