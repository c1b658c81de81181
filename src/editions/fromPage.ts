// A report of the analysed site made into what its editions are made from: its body rendered by
// the site's Markdown rules (passed in), heading ids dropped, pictures plain, every address absolute.
import { formatChineseDate, formatIsoDate } from "../core/dates.js";
import { encodeUrl } from "../core/safety.js";
import type { ResolvedOptions } from "../core/options.js";
import type { AnalysedPage, SiteIndex } from "../content/pageTypes.js";
import { absoluteLinks } from "../present/jsonFeed.js";
import { plainImages } from "../content/images.js";
import type { EditionReport } from "./report.js";
import { sanitizeBody } from "./sanitize.js";
import { editionPictures } from "./pictures.js";

/** A heading's id: the editions have no table of contents, and mail and WeChat drop ids anyway. */
const HEADING_ID_RE = /(<h[1-6])\s+id="[^"]*"/g;
/** The break opportunities the site puts between a heading's words: mail clients and WeChat get the plain text (and style no `word-break`). */
const WORD_BREAK_RE = /<wbr>/g;

/**
 * The edition input of a report. `body` is its body as the site renders it (the plugin's rules,
 * links rewritten to the pages' URLs): rendered by `weekly export`, Eleventy's in a preview.
 */
export function editionReport(page: AnalysedPage, site: SiteIndex, opts: ResolvedOptions, body: string): EditionReport {
  const siteUrl = opts.site.url;
  const url = encodeUrl(`${siteUrl}${page.url}`);
  const digestPath = page.week === undefined ? undefined : site.digestByWeek.get(page.week.key);
  const candidate = digestPath === undefined ? undefined : site.pages.get(digestPath);
  const digest = candidate !== undefined && liveBy(candidate, page) ? candidate : undefined;
  const description = typeof page.data.description === "string" && page.data.description.trim() !== "" ? page.data.description.trim() : page.excerpt;
  // Mail clients and WeChat read no <picture> nor srcset: each picture is its plain <img>.
  // Only what every edition may keep, and what it lost named (editions/sanitize.ts).
  const sanitized = sanitizeBody(absoluteLinks(plainImages(body), siteUrl, url).replace(HEADING_ID_RE, "$1").replace(WORD_BREAK_RE, ""), url);
  // Each picture of the site as the variant made for mail and WeChat, the same from Markdown
  // rendered by `weekly export` and from a preview's page (editions/pictures.ts).
  const { html, pictures, elsewhere, removed } = editionPictures(sanitized.html, siteUrl, [...site.images, ...site.heldImages]);
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
    removed: [...sanitized.removed, ...removed],
    pictures,
    picturesElsewhere: elsewhere,
  };
}

/** Whether a page is live by the time the report is: a draft never; a scheduled one no later than the report. */
function liveBy(target: AnalysedPage, report: AnalysedPage): boolean {
  if (target.status.state === "published") return true;
  if (target.status.state === "draft" || report.status.state !== "scheduled") return false;
  return target.status.at <= report.status.at;
}
