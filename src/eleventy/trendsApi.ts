// The hot words, trends and year pages' data, as filters of `collections.all` (the plugin adds no
// collection): `weeklyTrends` for the trends page, `weeklyYears` for the archive's and home page's
// links to the years, and each year's page (paginated over `weeklyYears`). Made once per build
// from the reports and digests the site lists (published ones; a preview shows its own), and
// only when a page shows them.
import type { EleventyConfig } from "./eleventyConfig.js";
import type { ResolvedOptions } from "../core/options.js";
import { generatedPageUrls, yearUrl } from "../present/pages.js";
import type { CollectionItem } from "../present/collections.js";
import { trendsView, yearViews, type TrendsView, type WordLinks, type YearView } from "../present/trendViews.js";
import type { TrendReport } from "../present/trends.js";
import type { YearDigest } from "../present/years.js";
import { wordKey } from "../content/words.js";
import { tagsOf } from "../content/tags.js";
import { UI } from "../core/strings.js";
import type { TemplateApi } from "./templateApi.js";

type SitePages = readonly CollectionItem[] | { getAll(): CollectionItem[] };

/** A year's page as Eleventy paginates it: known before the analysis, from the reports' dates alone. */
export interface YearPage {
  year: number;
  url: string | false;
  title: string;
}

export interface InstalledTrends {
  /** Every year's page, for Eleventy's pagination (which runs before the analysis: the page asks `weeklyYear` for the rest). */
  yearPages: (all: never) => YearPage[];
}

export function installTrends(eleventyConfig: EleventyConfig, opts: ResolvedOptions, api: TemplateApi): InstalledTrends {
  const urls = generatedPageUrls(opts);
  const made = new WeakMap<object, { trends?: TrendsView; years?: YearView[] }>();
  const memo = (all: SitePages) => {
    const key = Array.isArray(all) ? all : (all as { getAll(): CollectionItem[] }).getAll();
    let entry = made.get(key);
    if (!entry) made.set(key, (entry = {}));
    return entry;
  };
  const links = (): WordLinks => {
    const byKey = new Map([...api.tagUrls()].map(([tag, url]) => [wordKey(tag), url]));
    return { tagUrl: (key) => byKey.get(key), search: urls.search, yearUrl: (year) => yearUrl(opts, year) };
  };
  const reports = (all: SitePages): TrendReport[] =>
    api.reports(all).flatMap((item) => {
      const page = api.analysed(item);
      if (!page?.week || !page.words) return [];
      return [{ week: page.week, url: page.url, title: page.title, tags: tagsOf(page.data), words: page.words.counts }];
    });
  const digests = (all: SitePages): YearDigest[] =>
    api.digests(all).flatMap((item) => {
      const page = api.analysed(item);
      return page?.week && page.sections ? [{ week: page.week, sections: page.sections }] : [];
    });
  const trends = (all: SitePages): TrendsView | undefined => {
    if (opts.layouts.trends === false) return undefined;
    const entry = memo(all);
    entry.trends ??= trendsView(reports(all), links());
    return entry.trends;
  };
  const years = (all: SitePages): YearView[] => {
    if (opts.layouts.year === false) return [];
    const entry = memo(all);
    entry.years ??= yearViews(reports(all), digests(all), links());
    return entry.years;
  };
  eleventyConfig.addFilter("weeklyTrends", trends);
  eleventyConfig.addFilter("weeklyYears", years);
  eleventyConfig.addFilter("weeklyYear", (all: SitePages, year: unknown) => years(all).find((review) => review.year === year));
  const yearPages = (all: SitePages): YearPage[] =>
    opts.layouts.year === false ? [] : api.archive(all).map(({ year }) => ({ year, url: yearUrl(opts, year), title: UI.titles.year(year) }));
  return { yearPages: yearPages as (all: never) => YearPage[] };
}
