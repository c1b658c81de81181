// The pages the plugin adds to a site: home, archive, tag pages and index, digest index, search,
// 404, and the sitemap and robots.txt.
import type { NavLink, ResolvedOptions } from "../core/options.js";
import { pageAddresses } from "../core/addresses.js";
import { UI } from "../core/strings.js";

export interface GeneratedPage {
  /** Virtual input path; never a file on disk. */
  path: string;
  /** The template; most pages are all layout. */
  content: string;
  data: Record<string, unknown>;
  /** Its address, for a page with one fixed address (not the tag pages). */
  url?: string;
}

const SITEMAP = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for entry in weeklySitemap() %}
  <url><loc>{{ entry.loc }}</loc>{% if entry.lastmod %}<lastmod>{{ entry.lastmod }}</lastmod>{% endif %}</url>
{%- endfor %}
</urlset>
`;

const ROBOTS = `User-agent: *
Allow: /

Sitemap: {{ weekly.site.url }}/sitemap.xml
`;

/** The lists Eleventy paginates, given `collections.all`: every page of every tag, every year. */
export interface PaginatedLists {
  tagPages?: (all: never) => unknown[];
  yearPages?: (all: never) => unknown[];
}

/** A year's page: `/years/2026/`. */
export const yearUrl = (opts: ResolvedOptions, year: number): string | false => (opts.layouts.year === false ? false : `${pageAddresses(opts).years}${year}/`);

/**
 * The generated pages a site asked for; a layout option set to `false` leaves its page out. `place`
 * says where each goes when the site is built: its address, or nowhere (false) when the site has
 * its own page there (hostPages.ts).
 */
export function generatedPages(opts: ResolvedOptions, place: (url: string) => string | false = (url) => url, lists: PaginatedLists = {}): GeneratedPage[] {
  const { tagPages: tagPagesOf = () => [], yearPages: yearPagesOf = () => [] } = lists;
  const pages: GeneratedPage[] = [];
  const { home, tag, tagIndex, archive, digestIndex, search, notFound, trends, year } = opts.layouts;
  const at = pageAddresses(opts);
  const common = { eleventyExcludeFromCollections: true, templateEngineOverride: "njk" };
  // A function, asked once the build has started: by then the site's own addresses are known.
  const placed = (url: string) => ({ eleventyComputed: { permalink: () => place(url) } });
  const page = (name: string, layout: string | false, permalink: string, title: string, more: Record<string, unknown> = {}) => {
    if (layout !== false) pages.push({ path: `weekly-plugin/${name}.njk`, content: "", data: { ...common, layout, ...placed(permalink), title, ...more }, url: permalink });
  };
  /**
   * A page for each entry of a list made from `collections.all`, which the layout gets as `alias`
   * and whose `url` and `title` are the page's. Functions, not template strings: a template would
   * escape a title once here and the layout would escape it again.
   */
  const paginated = (name: string, layout: string | false, before: (all: never) => unknown[], alias: string) => {
    if (layout === false) return;
    const entry = (data: Record<string, unknown>) => data[alias] as { url?: string | false; title?: string } | undefined;
    const pagination = { data: "collections.all", before, size: 1, alias, addAllPagesToCollections: false };
    const eleventyComputed = {
      permalink: (data: Record<string, unknown>) => {
        const url = entry(data)?.url;
        return url ? place(url) : false;
      },
      title: (data: Record<string, unknown>) => entry(data)?.title ?? "",
    };
    pages.push({ path: `weekly-plugin/${name}.njk`, content: "", data: { ...common, layout, pagination, eleventyComputed } });
  };
  page("home", home, at.home, opts.site.title);
  // Every page of every tag (tagPages.ts), made from the site's pages: Eleventy paginates one list,
  // not a tag and then its pages.
  paginated("tag", tag, tagPagesOf, "tag");
  page("tags", tagIndex, at.tagIndex, UI.titles.tagIndex);
  page("archive", archive, at.archive, UI.titles.archive);
  page("digests", digestIndex, at.digestIndex, UI.titles.digestIndex);
  page("trends", trends, at.trends, UI.titles.trends);
  // Every year with reports (eleventy/trendsApi.ts), each a page.
  paginated("year", year, yearPagesOf, "year");
  if (opts.searchIndex) page("search", search, at.search, UI.titles.search);
  page("404", notFound, at.notFound, UI.titles.notFound, { noindex: true });
  if (opts.sitemap) {
    pages.push({ path: "weekly-plugin/sitemap.njk", content: SITEMAP, data: { ...common, ...placed("/sitemap.xml"), layout: false }, url: "/sitemap.xml" });
    pages.push({ path: "weekly-plugin/robots.njk", content: ROBOTS, data: { ...common, ...placed("/robots.txt"), layout: false }, url: "/robots.txt" });
  }
  return pages;
}

/** Where the generated pages are, for links in layouts; false for a page the site left out. */
export function generatedPageUrls(opts: ResolvedOptions): Record<"home" | "archive" | "tagIndex" | "digestIndex" | "search" | "trends" | "years", string | false> {
  const { home, archive, tagIndex, digestIndex, search, trends, year } = opts.layouts;
  const at = pageAddresses(opts);
  return {
    home: home === false ? false : at.home,
    archive: archive === false ? false : at.archive,
    tagIndex: tagIndex === false ? false : at.tagIndex,
    digestIndex: digestIndex === false ? false : at.digestIndex,
    search: search === false || !opts.searchIndex ? false : at.search,
    trends: trends === false ? false : at.trends,
    years: year === false ? false : at.years,
  };
}

/** The site's navigation: the plugin's own list pages the site has, then the site's `nav` links. */
export function navigation(opts: ResolvedOptions): NavLink[] {
  const urls = generatedPageUrls(opts);
  const own: Array<[string | false, string]> = [[urls.archive, UI.nav.archive], [urls.tagIndex, UI.nav.tagIndex], [urls.trends, UI.nav.trends], [urls.digestIndex, UI.nav.digestIndex], [urls.search, UI.nav.search]];
  return [...own.flatMap(([url, text]) => (url === false ? [] : [{ text, url }])), ...opts.nav];
}
