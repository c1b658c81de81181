// A tag's reports in pages a reader can walk through: one entry per page of each tag, at addresses
// that stay put (`/tags/人工智能/`, `/tags/人工智能/2/`), with the links between the pages and to the
// tag's feed. Eleventy cannot paginate a tag and then its pages, so the pages are listed flat.
import type { CollectionItem, TagPage } from "./collections.js";
import { UI } from "../core/strings.js";

/** The tag's Atom feed, beside its first page. */
const TAG_FEED_FILE = "feed.xml";
/** Page numbers shown on each side of the current page; the first and last are always shown. */
const NEARBY_PAGES = 2;

/** A link to a page by its number, or a gap (`…`) for the numbers left out. */
export type PagerLink = { number: number; url: string; current: boolean } | { gap: true };

export interface TagPageEntry<Item extends CollectionItem = CollectionItem> {
  name: string;
  slug: string;
  /** This page: `/tags/人工智能/2/`; the first page is the tag's own address, `/tags/人工智能/`. */
  url: string;
  /** The tag's first page, the one other pages link to. */
  tagUrl: string;
  /** `标签：人工智能`, then `标签：人工智能（第 2 页）`. */
  title: string;
  /** 1 for the first page. */
  pageNumber: number;
  pageCount: number;
  /** Reports with the tag, on every page. */
  total: number;
  /** This page's reports, newest first. */
  reports: Item[];
  previous: string | undefined;
  next: string | undefined;
  first: string;
  last: string;
  /** `第 2 页，共 3 页` */
  label: string;
  links: PagerLink[];
  /** The tag's Atom feed, when the site has one: its address and the title feed readers show. */
  feed: { url: string; title: string } | undefined;
}

export interface TagPagination {
  pageSize: number;
  /** Where the tag's feed is, or undefined when the site has no Atom feed. */
  feedOf: (tag: { name: string; url: string }) => { url: string; title: string } | undefined;
}

/** Page `n` of the tag whose first page is `tagUrl`: `/tags/人工智能/` for 1, `/tags/人工智能/2/` after. */
export function tagPageUrl(tagUrl: string, n: number): string {
  return n === 1 ? tagUrl : `${tagUrl}${n}/`;
}

/** The tag's Atom feed: `/tags/人工智能/feed.xml`. */
export function tagFeedUrl(tagUrl: string): string {
  return `${tagUrl}${TAG_FEED_FILE}`;
}

/** The feed readers' name of a tag's feed: `AI 周报 · 标签：人工智能`. */
export function tagFeedTitle(siteTitle: string, tag: string): string {
  return `${siteTitle} · ${UI.titles.tag(tag)}`;
}

/**
 * The numbers a pager links to: the first and last page, and `NEARBY_PAGES` either side of the
 * current one, a gap where numbers are left out (a tag of 50 pages shows 1 … 6 7 8 9 10 … 50).
 */
export function pagerNumbers(current: number, count: number): Array<number | "gap"> {
  const shown = [...new Set([1, count, ...Array.from({ length: NEARBY_PAGES * 2 + 1 }, (_, i) => current - NEARBY_PAGES + i)])]
    .filter((n) => n >= 1 && n <= count)
    .sort((a, b) => a - b);
  // A gap of one number shows that number instead: "1 2 3" reads better than "1 … 3".
  return shown.flatMap((n, i) => {
    const before = shown[i - 1];
    if (before === undefined || n - before === 1) return [n];
    return n - before === 2 ? [n - 1, n] : ["gap" as const, n];
  });
}

/** Every page of every tag, in the order of the tags given, each tag's pages in order. */
export function paginateTags<Item extends CollectionItem>(tags: readonly TagPage<Item>[], { pageSize, feedOf }: TagPagination): TagPageEntry<Item>[] {
  return tags.flatMap((tag) => {
    const pageCount = Math.max(1, Math.ceil(tag.reports.length / pageSize));
    const at = (n: number) => tagPageUrl(tag.url, n);
    const feed = feedOf(tag);
    return Array.from({ length: pageCount }, (_, i): TagPageEntry<Item> => {
      const n = i + 1;
      return {
        name: tag.name,
        slug: tag.slug,
        url: at(n),
        tagUrl: tag.url,
        title: n === 1 ? UI.titles.tag(tag.name) : UI.titles.tagPage(tag.name, n),
        pageNumber: n,
        pageCount,
        total: tag.reports.length,
        reports: tag.reports.slice(i * pageSize, n * pageSize),
        previous: n > 1 ? at(n - 1) : undefined,
        next: n < pageCount ? at(n + 1) : undefined,
        first: at(1),
        last: at(pageCount),
        label: UI.pageOf(n, pageCount),
        links: pagerNumbers(n, pageCount).map((number) => (number === "gap" ? { gap: true as const } : { number, url: at(number), current: number === n })),
        feed,
      };
    });
  });
}
