// What a layout shows about a report or digest, built from the analysed site so templates stay dumb.
import type { DateTime } from "luxon";
import type { AnalysedPage, SiteIndex } from "../content/pageTypes.js";
import { formatChineseDate, formatIsoDate, type IsoWeek } from "../core/dates.js";
import { previewNotice, type PublishState } from "../content/schedule.js";
import { tagsOf } from "../content/tags.js";
import { newestFirst } from "../core/order.js";
import { UI } from "../core/strings.js";

export interface PageLink {
  title: string;
  url: string;
  date?: DateView;
}

export interface DateView {
  /** `2026-02-05`, for `<time datetime>` */
  iso: string;
  /** `2026年2月5日` */
  label: string;
}

export interface WeekView {
  /** `2026-W06` */
  key: string;
  start: DateView;
  end: DateView;
  /** `2026年2月2日 – 2026年2月8日` */
  label: string;
}

export interface TagView {
  name: string;
  /** The tag's page; absent when the site has no tag pages. */
  url?: string;
}

export interface PageView {
  kind: AnalysedPage["kind"];
  /** `published`, or in a preview `scheduled` / `draft`, with the notice to show. */
  status: { state: PublishState["state"]; notice: string | undefined };
  title: string;
  url: string;
  date: DateView | undefined;
  week: WeekView | undefined;
  /** The front-matter description, or the excerpt when it is empty. */
  description: string;
  excerpt: string;
  tags: TagView[];
  headings: AnalysedPage["headings"];
  /** Reports that link to this page (a digest's "cited by"), newest first. */
  citedBy: PageLink[];
  /** Digests this page links to. */
  digests: PageLink[];
  /** The digest of this report's ISO week, if there is one. */
  weekDigest: PageLink | undefined;
  /** `约 3 分钟`, counted by characters for Chinese. */
  readingTime: { minutes: number; characters: number; label: string };
  /** Headings for a table of contents: levels 2 and 3. */
  toc: Array<{ level: number; text: string; id: string }>;
  /** The report of the week before (older) and after (newer), for a report. */
  previous: PageLink | undefined;
  next: PageLink | undefined;
  /** Up to three other published reports sharing this report's tags or words (related.ts); none for a digest. */
  related: PageLink[];
  /** In a preview, a report's edition pages (邮件版, 公众号版); none otherwise. */
  editions?: Array<{ label: string; url: string }>;
  /** A report's social card (its `og:image`): a root URL, its size in pixels and its alt text; none when the site has no cards. */
  card?: CardLink;
}

/** A social card, as the page's `<head>` names it. */
export interface CardLink {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export function dateView(dateTime: DateTime): DateView {
  return { iso: formatIsoDate(dateTime), label: formatChineseDate(dateTime) };
}

export function weekView(week: IsoWeek): WeekView {
  const start = dateView(week.start);
  const end = dateView(week.end);
  return { key: week.key, start, end, label: `${start.label} – ${end.label}` };
}

/** The view of one page, or undefined for pages the plugin did not analyse. */
export function pageView(
  site: SiteIndex,
  path: string,
  tagUrl: (tag: string) => string | undefined,
  relatedOf: (path: string) => readonly string[] = () => [],
): PageView | undefined {
  const page = site.pages.get(path);
  if (!page) return undefined;
  const description = typeof page.data.description === "string" ? page.data.description.trim() : "";
  const link = (p: AnalysedPage): PageLink => ({ title: p.title, url: p.url, ...(p.date ? { date: dateView(p.date) } : {}) });
  let related: PageLink[] | undefined;
  const pagesAt = (paths: Iterable<string>) =>
    [...paths].map((p) => site.pages.get(p)).filter((p): p is AnalysedPage => p !== undefined);
  return {
    kind: page.kind,
    status: { state: page.status.state, notice: previewNotice(page.status) },
    title: page.title,
    url: page.url,
    date: page.date ? dateView(page.date) : undefined,
    week: page.week ? weekView(page.week) : undefined,
    description: description !== "" ? description : page.excerpt,
    excerpt: page.excerpt,
    tags: tagsOf(page.data).map((name) => {
      const url = tagUrl(name);
      return url === undefined ? { name } : { name, url };
    }),
    headings: page.headings,
    citedBy: pagesAt(site.citedBy.get(path) ?? []).sort(newestFirst).map(link),
    digests: pagesAt(page.linksTo).filter((p) => p.kind === "digest").map(link),
    weekDigest: pagesAt(page.kind === "report" && page.week ? [site.digestByWeek.get(page.week.key) ?? ""] : []).map(link)[0],
    readingTime: { ...page.readingTime, label: UI.readingTime(page.readingTime.minutes) },
    toc: page.headings.filter((h) => h.level === 2 || h.level === 3),
    ...neighbours(site, page, link),
    // Chosen among every report at once (relatedOf): only when a layout reads it, so that lists
    // of reports, feeds and layouts without it never cost the choice.
    get related() {
      related ??= page.kind === "report" ? pagesAt(relatedOf(path)).map(link) : [];
      return related;
    },
  };
}

/** The reports before and after a report, in date order. */
function neighbours(site: SiteIndex, page: AnalysedPage, link: (p: AnalysedPage) => PageLink) {
  const at = site.reportIndex.get(page.path) ?? -1;
  const near = (offset: number) => {
    const path = at >= 0 ? site.reportOrder[at + offset] : undefined;
    const other = path === undefined ? undefined : site.pages.get(path);
    return other ? link(other) : undefined;
  };
  return { previous: near(-1), next: near(1) };
}
