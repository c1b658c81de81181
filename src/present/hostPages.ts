// A guest's manners: every address the plugin would generate a page at, and which of them the site
// already has a page at. The site's page wins; the plugin generates nothing there and says so once.
import type { ResolvedOptions } from "../core/options.js";
import { FEED_STYLESHEET_URL, pageAddresses } from "../core/addresses.js";

/** One address the plugin would write a page at, what it is, and the option that changes it. */
export interface PlannedPage {
  url: string;
  what: string;
  /** Shown after the address: how to have the page elsewhere, or leave it out without the line. */
  option: string;
}

/** What the plugin gives up to the site: these addresses, and (when the site has its tag index) every tag page. */
export interface Yielded {
  urls: ReadonlySet<string>;
  /** The site has its own page at the tag index's address: tag pages, their feeds and the index are the site's. */
  tags: boolean;
  /** One line for each, to print once. */
  lines: string[];
}

/**
 * Every address of a page the plugin would generate with these options (the tag pages are one
 * entry, their index): home, tag index, archive, digest index, search, 404, sitemap, robots.txt,
 * the feeds and their stylesheet.
 */
export function plannedPages(opts: ResolvedOptions): PlannedPage[] {
  const at = pageAddresses(opts);
  const { home, tag, tagIndex, archive, digestIndex, search, notFound } = opts.layouts;
  const planned: PlannedPage[] = [];
  const leaveOut = (option: string) => `${option} leaves it out quietly`;
  if (home !== false) planned.push({ url: at.home, what: "weekly home page", option: leaveOut("layouts.home: false") });
  if (tag !== false || tagIndex !== false) planned.push({ url: at.tagIndex, what: "weekly tag pages", option: `tagsPath: "weekly-tags" puts them at /weekly-tags/` });
  if (archive !== false) planned.push({ url: at.archive, what: "weekly archive", option: leaveOut("layouts.archive: false") });
  if (digestIndex !== false) planned.push({ url: at.digestIndex, what: "digest index", option: leaveOut("layouts.digestIndex: false") });
  if (search !== false && opts.searchIndex) planned.push({ url: at.search, what: "search page", option: leaveOut("layouts.search: false") });
  if (notFound !== false) planned.push({ url: at.notFound, what: "weekly 404 page", option: leaveOut("layouts.notFound: false") });
  if (opts.sitemap) {
    planned.push({ url: "/sitemap.xml", what: "weekly sitemap", option: `the weekly pages are in the site's collections.all, and weeklySitemap() lists them; sitemap: false leaves it out quietly` });
    planned.push({ url: "/robots.txt", what: "robots.txt", option: leaveOut("sitemap: false") });
  }
  if (opts.feeds.atom !== false) {
    planned.push({ url: opts.feeds.atom, what: "weekly Atom feed", option: `feeds.atom: "/weekly.xml" puts it at another address` });
    planned.push({ url: FEED_STYLESHEET_URL, what: "feeds' stylesheet", option: leaveOut("feeds.atom: false") });
  }
  if (opts.feeds.json !== false) planned.push({ url: opts.feeds.json, what: "weekly JSON feed", option: `feeds.json: "/weekly.json" puts it at another address` });
  return planned;
}

/**
 * Which planned pages the site already has a page at (by its URL; an address in the tag pages'
 * folder counts for them all), each with its line:
 * `the site has its own /sitemap.xml; the weekly sitemap is not generated (…)`.
 */
export function yieldToSite(planned: readonly PlannedPage[], siteUrls: ReadonlySet<string>, tagIndexUrl: string): Yielded {
  const urls = new Set<string>();
  const lines: string[] = [];
  let tags = false;
  for (const page of planned) {
    const isTags = page.url === tagIndexUrl;
    const taken = isTags ? [...siteUrls].sort().find((url) => url.startsWith(tagIndexUrl)) : siteUrls.has(page.url) ? page.url : undefined;
    if (taken === undefined) continue;
    if (isTags) tags = true;
    else urls.add(page.url);
    const verb = page.what.endsWith("pages") ? "are" : "is";
    lines.push(`the site has its own ${taken}; the ${page.what} ${verb} not generated (${page.option}).`);
  }
  return { urls, tags, lines };
}

/** Where a generated page goes: its address, or nowhere (false) when the site has its own there. */
export function placeOf(yielded: Yielded | undefined, url: string, tagIndexUrl: string): string | false {
  if (!yielded) return url;
  if (yielded.tags && url.startsWith(tagIndexUrl)) return false;
  return yielded.urls.has(url) ? false : url;
}
