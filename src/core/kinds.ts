// The two kinds of content a site has: reports (in postsDir) and digests (in digestsDir).
import type { ResolvedOptions } from "./options.js";

export type ContentKind = "report" | "digest";

/** Which folder a page belongs to: reports in `postsDir`, digests in `digestsDir`. */
export function kindOf(path: string, opts: Pick<ResolvedOptions, "postsDir" | "digestsDir">): ContentKind | undefined {
  if (path.startsWith(`${opts.postsDir}/`)) return "report";
  if (path.startsWith(`${opts.digestsDir}/`)) return "digest";
  return undefined;
}

/** Whether raw HTML is kept in a page of this kind (undefined: as the site's markdown-it is set). */
export function allowsRawHtml(kind: ContentKind | undefined, opts: Pick<ResolvedOptions, "rawHtml">): boolean | undefined {
  return kind === "report" ? opts.rawHtml.reports : kind === "digest" ? opts.rawHtml.digests : undefined;
}

/**
 * Whether a page is the plugin's own: a report or a digest. Every hook that Eleventy runs on all
 * pages (front matter, dates, Markdown rules, the analysis, transforms) acts on these only (and on
 * the pages the plugin generates): any other page of the site is written byte for byte as it
 * would be without the plugin. Not "a page in the plugin's layout": a folder's JavaScript data
 * file can set a layout that `weekly check`, which runs no site code, cannot see.
 */
export function isOwnPage(path: string, opts: Pick<ResolvedOptions, "postsDir" | "digestsDir">): boolean {
  return kindOf(path, opts) !== undefined;
}
