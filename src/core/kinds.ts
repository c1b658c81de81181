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
