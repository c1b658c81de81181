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
 * Whether a page is the plugin's own: a report, a digest, or a page of the site that the plugin's
 * `page` layout renders (a Markdown page that names no layout of its own gets it). Every hook that
 * Eleventy runs on all pages (dates, Markdown rules, the analysis, transforms) acts on these only:
 * any other page of the site is written byte for byte as it would be without the plugin.
 */
export function isOwnPage(path: string, data: Readonly<Record<string, unknown>> | undefined, opts: Pick<ResolvedOptions, "postsDir" | "digestsDir" | "layouts">): boolean {
  if (kindOf(path, opts) !== undefined) return true;
  return opts.layouts.page !== false && data?.layout === opts.layouts.page;
}
