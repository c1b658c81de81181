// The site's collections: reports newest first, digests by week, and one page per tag.
import { posix } from "node:path";
import { WeeklyError } from "./errors.js";
import { assignTagSlugs } from "./slugs.js";
import { tagsOf } from "./views.js";
import { WEEK_IN_NAME_RE } from "./dates.js";

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
 * Chinese readable: `/tags/人工智能/`. Two tags that would share a URL stop the build.
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
  const { slugs, clashes } = assignTagSlugs(byTag.keys(), fixedSlugs);
  if (clashes.length > 0) {
    const lines = clashes.map(({ slug, tags }) => {
      // Quoted as JSON: a tag with a line break or a control character stays on one line.
      const where = tags.map((tag) => `${JSON.stringify(tag)} (${relativePath(byTag.get(tag)![0]!.inputPath)})`).join(" and ");
      return `tags ${where} would share the URL /${tagsPath}/${slug}/: write them the same way, or give one a fixed slug with the tagSlugs option.`;
    });
    throw new WeeklyError(lines.join("\n"));
  }
  return [...byTag]
    .map(([name, items]) => {
      const slug = slugs.get(name)!;
      return { name, slug, url: `/${tagsPath}/${slug}/`, reports: items };
    })
    .sort((a, b) => b.reports.length - a.reports.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function relativePath(inputPath: string): string {
  return inputPath.replace(/^\.\//, "");
}
