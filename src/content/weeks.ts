// A page's week, date and title, and the weekly rules: a digest's file name carries a week that
// exists; a report is dated in the week its file name says; one report a week.
import { posix } from "node:path";
import { DateTime } from "luxon";
import { formatIsoDate, isoWeekOf, parseSiteDate, weekInFileName, weeksInWeekYear, type IsoWeek } from "../core/dates.js";
import { pageStem } from "./references.js";
import type { AnalysedPage, BodyProblem, CollectedPage } from "./pageTypes.js";
import { UI } from "../core/strings.js";
import { problem } from "../core/problemCodes.js";

/**
 * The weekly rules: a digest's file name carries an ISO week that exists (`ai_news_2026-W06.md`);
 * two reports for one week (drafts aside) are allowed, but probably a mistake.
 */
export function checkWeeks(pages: Iterable<AnalysedPage>, zone: string): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const reportsByWeek = new Map<string, AnalysedPage[]>();
  const fileLevel = (page: AnalysedPage) => ({ file: page.path, bodyLine: -1, column: 1, rule: "week" as const });
  for (const page of pages) {
    const name = posix.basename(page.path);
    if (page.kind === "digest" && !/^index\.[^.]+$/.test(name)) {
      const named = weekInFileName(name, zone);
      if (!named) {
        problems.push(problem("file-name-week", fileLevel(page), { name }));
      } else if (!named.week) {
        const year = Number(named.text.slice(0, 4));
        const weeks = weeksInWeekYear(year);
        problems.push(problem("no-such-week", fileLevel(page), { week: named.text, year, weeks }));
      }
    }
    const named = page.kind === "report" ? weekInFileName(name, zone)?.week : undefined;
    if (named && page.week && named.key !== page.week.key) {
      const params = { date: formatIsoDate(page.date!), week: page.week.key, named: named.key, start: formatIsoDate(named.start), end: formatIsoDate(named.end) };
      problems.push(problem("date-outside-week", { ...fileLevel(page), field: "date" }, params));
    }
    if (page.kind === "report" && page.week && page.status.state !== "draft") {
      const list = reportsByWeek.get(page.week.key);
      if (list) list.push(page);
      else reportsByWeek.set(page.week.key, [page]);
    }
  }
  for (const [week, reports] of reportsByWeek) {
    if (reports.length < 2) continue;
    const [first, ...others] = [...reports].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const page of others) {
      problems.push(problem("second-report", fileLevel(page), { week, first: first!.path }));
    }
  }
  return problems;
}

/** The page's title: its own, a digest's default, or else (a stand-in) the file's name. */
export function titleOf(page: CollectedPage, week: IsoWeek | undefined): string {
  return givenTitle(page, week) ?? posix.basename(pageStem(page.path));
}

/**
 * The title the page will show as written or as its kind gives it, or undefined when it has none
 * (a report without a title, reported for that): rules comparing with the title skip a stand-in.
 */
export function givenTitle(page: CollectedPage, week: IsoWeek | undefined): string | undefined {
  const title = page.data.title;
  if (typeof title === "string" && title.trim() !== "") return title.trim();
  if (page.kind === "digest" && week) return UI.digestTitle(week.key);
  return undefined;
}

/**
 * The page's date in the site's zone: its `date` when that is a real date, else (a digest without
 * one) the date Eleventy mapped, its week's Monday. A `date` that cannot be read, or a report's
 * missing one, gives none, not a stand-in: Eleventy's date of a report without one (1970, see
 * pipeline/pageDates.ts) would put it in week 1970-W01, a second problem for one mistake.
 */
export function dateOf(page: CollectedPage, zone: string): DateTime | undefined {
  const { data } = page;
  if (data.date !== undefined && data.date !== null && data.date !== "") return parseSiteDate(data.date, zone)?.dateTime;
  if (page.kind === "report") return undefined;
  const date = (data.page as { date?: unknown } | undefined)?.date;
  return date instanceof Date ? DateTime.fromJSDate(date, { zone }) : undefined;
}

/** A digest's week is in its file name; a report's is the week of its date in the site's zone. */
export function weekOf(page: CollectedPage, zone: string): IsoWeek | undefined {
  if (page.kind === "digest") return weekInFileName(posix.basename(page.path), zone)?.week;
  if (page.kind !== "report") return undefined;
  const date = dateOf(page, zone);
  return date ? isoWeekOf(date) : undefined;
}
