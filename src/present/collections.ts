// The site's collections: reports newest first, digests by week, and one page per tag.
import { posix } from "node:path";
import { assignTagSlugs } from "../core/slugs.js";
import { tagsOf } from "../content/tags.js";
import { WEEK_IN_NAME_RE } from "../core/dates.js";

/** The fields of an Eleventy collection item the plugin reads. */
export interface CollectionItem {
  inputPath: string;
  url: string | false;
  date: Date;
  data: Record<string, unknown>;
}

export interface TagPage<Item extends CollectionItem = CollectionItem> {
  name: string;
  slug: string;
  url: string;
  /** Reports with this tag, newest first. */
  reports: Item[];
}

/** Newest first by date, then by path so that equal dates keep a stable order. */
export function sortNewestFirst<Item extends CollectionItem>(items: readonly Item[]): Item[] {
  return [...items].sort(
    (a, b) => b.date.getTime() - a.date.getTime() || (a.inputPath < b.inputPath ? -1 : a.inputPath > b.inputPath ? 1 : 0),
  );
}

/** Digests, newest week first (the week is in the file name), then by path. */
export function sortByWeekDescending<Item extends CollectionItem>(items: readonly Item[]): Item[] {
  const week = (item: Item) => WEEK_IN_NAME_RE.exec(posix.basename(item.inputPath))?.[0] ?? "";
  return [...items].sort((a, b) => {
    const wa = week(a);
    const wb = week(b);
    return wa !== wb ? (wa < wb ? 1 : -1) : a.inputPath < b.inputPath ? -1 : a.inputPath > b.inputPath ? 1 : 0;
  });
}

/**
 * One page per tag used by the given reports (already newest first), each with a URL that keeps
 * Chinese readable: `/tags/人工智能/`.
 */
export function tagPages<Item extends CollectionItem>(
  reports: readonly Item[],
  tagsPath: string,
  fixedSlugs: Readonly<Record<string, string>>,
): TagPage<Item>[] {
  const byTag = new Map<string, Item[]>();
  for (const report of reports) {
    for (const tag of tagsOf(report.data)) {
      const list = byTag.get(tag);
      if (list) list.push(report);
      else byTag.set(tag, [report]);
    }
  }
  // Two tags that would share a URL are a problem of the analysis (tagClashes), which stops the
  // build before any page is written; the collection is made all the same.
  const { slugs } = assignTagSlugs(byTag.keys(), fixedSlugs);
  return [...byTag]
    .map(([name, items]) => {
      const slug = slugs.get(name)!;
      return { name, slug, url: `/${tagsPath}/${slug}/`, reports: items };
    })
    .sort((a, b) => b.reports.length - a.reports.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
