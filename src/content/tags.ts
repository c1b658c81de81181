// A report's tags, and tags that would share a tag page's URL.
import { assignTagSlugs } from "../core/slugs.js";
import { problem, type Severity } from "../core/problemCodes.js";

/** Front-matter `tags` as a list of text: a single value is one tag, `2026` is the tag "2026". */
export function tagsOf(data: Readonly<Record<string, unknown>>): string[] {
  const list = Array.isArray(data.tags) ? data.tags : [data.tags];
  return list
    .filter((t): t is string | number => typeof t === "string" || typeof t === "number")
    .map((t) => String(t).trim())
    .filter((t) => t !== "");
}

/** A tag that would share its page's URL with another, at the first report (by path) that uses it. */
export interface TagClash {
  path: string;
  tag: string;
  severity: Severity;
  code: "tag-clash";
  message: string;
  /** The message in Chinese. */
  zh: string;
}

/**
 * Tags of the given reports that would share a URL (`AI` and `ai`): one clash per tag, at the
 * first report using it, naming the other tags and where they are used.
 */
export function tagClashes(reports: ReadonlyArray<{ path: string; data: Readonly<Record<string, unknown>> }>, tagsPath: string, fixedSlugs: Readonly<Record<string, string>>): TagClash[] {
  const firstUse = new Map<string, string>();
  for (const report of [...reports].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const tag of tagsOf(report.data)) if (!firstUse.has(tag)) firstUse.set(tag, report.path);
  }
  const { clashes } = assignTagSlugs(firstUse.keys(), fixedSlugs);
  return clashes.flatMap(({ slug, tags }) =>
    tags.map((tag) => {
      // Quoted as JSON: a tag with a line break or a control character stays on one line.
      const others = tags.filter((other) => other !== tag).map((other) => ({ tag: other, path: firstUse.get(other)! }));
      return problem("tag-clash", { path: firstUse.get(tag)!, tag }, { tag, others, url: `/${tagsPath}/${slug}/` });
    }),
  );
}

/** The URL of each tag's page (`/tags/人工智能/`), for the tags of the given pages' front matter. */
export function tagUrls(pages: Iterable<{ data: Readonly<Record<string, unknown>> }>, tagsPath: string, fixedSlugs: Readonly<Record<string, string>>): Map<string, string> {
  const tags = new Set<string>();
  for (const page of pages) for (const tag of tagsOf(page.data)) tags.add(tag);
  const { slugs } = assignTagSlugs(tags, fixedSlugs);
  return new Map([...slugs].map(([tag, slug]) => [tag, `/${tagsPath}/${slug}/`]));
}
