// A report of the analysed site made into what its editions are made from: its body rendered by
// the site's Markdown rules (passed in), heading ids dropped, every address absolute.
import { formatChineseDate, formatIsoDate } from "../core/dates.js";
import { encodeUrl } from "../core/safety.js";
import type { ResolvedOptions } from "../core/options.js";
import type { AnalysedPage, SiteIndex } from "../content/pageTypes.js";
import { absoluteLinks } from "../present/jsonFeed.js";
import type { EditionReport } from "./report.js";

/** A heading's id: the editions have no table of contents, and mail and WeChat drop ids anyway. */
const HEADING_ID_RE = /(<h[1-6])\s+id="[^"]*"/g;
/** A link to a place in the page itself: in an edition it leads to that place on the web page. */
const FRAGMENT_HREF_RE = /(\shref=["'])#/g;

/**
 * The edition input of a report. `body` is its body as the site renders it (the plugin's rules,
 * links rewritten to the pages' URLs): rendered by `weekly export`, Eleventy's in a preview.
 */
export function editionReport(page: AnalysedPage, site: SiteIndex, opts: ResolvedOptions, body: string): EditionReport {
  const siteUrl = opts.site.url;
  const url = encodeUrl(`${siteUrl}${page.url}`);
  const digestPath = page.week === undefined ? undefined : site.digestByWeek.get(page.week.key);
  const digest = digestPath === undefined ? undefined : site.pages.get(digestPath);
  const description = typeof page.data.description === "string" && page.data.description.trim() !== "" ? page.data.description.trim() : page.excerpt;
  const html = absoluteLinks(body, siteUrl).replace(HEADING_ID_RE, "$1").replace(FRAGMENT_HREF_RE, `$1${url}#`);
  return {
    title: page.title,
    description,
    week: page.week?.key ?? "",
    date: page.date === undefined ? "" : formatChineseDate(page.date),
    isoDate: page.date === undefined ? "" : formatIsoDate(page.date),
    url,
    digest: digest === undefined ? undefined : { url: encodeUrl(`${siteUrl}${digest.url}`), title: digest.title },
    site: { title: opts.site.title, url: siteUrl, language: opts.site.language },
    html,
  };
}
