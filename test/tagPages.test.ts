import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { pagerNumbers, paginateTags, tagFeedTitle, tagFeedUrl, tagPageUrl } from "../src/present/tagPages.js";
import type { CollectionItem, TagPage } from "../src/present/collections.js";

/** A tag used by `count` reports, `r0` the newest. */
function tag(name: string, slug: string, count: number): TagPage {
  const reports: CollectionItem[] = Array.from({ length: count }, (_, i) => ({ inputPath: `./posts/r${i}.md`, url: `/posts/r${i}/`, date: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000), data: { tags: [name] } }));
  return { name, slug, url: `/tags/${slug}/`, reports };
}

const noFeed = () => undefined;

describe("tagPageUrl / tagFeedUrl / tagFeedTitle", () => {
  const cases: Array<[string, string, string]> = [
    ['tagPageUrl("/tags/人工智能/", 1)', tagPageUrl("/tags/人工智能/", 1), "/tags/人工智能/"],
    ['tagPageUrl("/tags/人工智能/", 2)', tagPageUrl("/tags/人工智能/", 2), "/tags/人工智能/2/"],
    ['tagPageUrl("/topics/ai/", 12)', tagPageUrl("/topics/ai/", 12), "/topics/ai/12/"],
    ['tagFeedUrl("/tags/人工智能/")', tagFeedUrl("/tags/人工智能/"), "/tags/人工智能/feed.xml"],
    ['tagFeedTitle("AI 周报", "人工智能")', tagFeedTitle("AI 周报", "人工智能"), "AI 周报 · 标签：人工智能"],
  ];
  for (const [call, actual, expected] of cases) test(`${call} → ${expected}`, () => assert.equal(actual, expected));
});

describe("pagerNumbers", () => {
  const cases: Array<[number, number, Array<number | "gap">]> = [
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [3, 3, [1, 2, 3]],
    [1, 10, [1, 2, 3, "gap", 10]],
    [4, 50, [1, 2, 3, 4, 5, 6, "gap", 50]],
    [5, 50, [1, 2, 3, 4, 5, 6, 7, "gap", 50]],
    [6, 50, [1, "gap", 4, 5, 6, 7, 8, "gap", 50]],
    [47, 50, [1, "gap", 45, 46, 47, 48, 49, 50]],
    [50, 50, [1, "gap", 48, 49, 50]],
  ];
  for (const [current, count, expected] of cases) {
    test(`pagerNumbers(${current}, ${count}) → ${expected.join(" ")}`, () => assert.deepEqual(pagerNumbers(current, count), expected));
  }
});

describe("paginateTags", () => {
  test("45 reports, 20 a page → /tags/人工智能/, /2/, /3/ with 20, 20 and 5 reports, newest first, linked in order", () => {
    const pages = paginateTags([tag("人工智能", "人工智能", 45)], { pageSize: 20, feedOf: noFeed });
    assert.deepEqual(
      pages.map((p) => [p.url, p.pageNumber, p.pageCount, p.total, p.reports.length, p.reports[0]?.url, p.previous, p.next, p.first, p.last, p.title, p.label]),
      [
        ["/tags/人工智能/", 1, 3, 45, 20, "/posts/r0/", undefined, "/tags/人工智能/2/", "/tags/人工智能/", "/tags/人工智能/3/", "标签：人工智能", "第 1 页，共 3 页"],
        ["/tags/人工智能/2/", 2, 3, 45, 20, "/posts/r20/", "/tags/人工智能/", "/tags/人工智能/3/", "/tags/人工智能/", "/tags/人工智能/3/", "标签：人工智能（第 2 页）", "第 2 页，共 3 页"],
        ["/tags/人工智能/3/", 3, 3, 45, 5, "/posts/r40/", "/tags/人工智能/2/", undefined, "/tags/人工智能/", "/tags/人工智能/3/", "标签：人工智能（第 3 页）", "第 3 页，共 3 页"],
      ],
    );
    assert.deepEqual(pages.flatMap((p) => p.reports.map((r) => r.url)), tag("人工智能", "人工智能", 45).reports.map((r) => r.url), "every report once, in order");
    assert.deepEqual(pages[1]!.links, [
      { number: 1, url: "/tags/人工智能/", current: false },
      { number: 2, url: "/tags/人工智能/2/", current: true },
      { number: 3, url: "/tags/人工智能/3/", current: false },
    ]);
  });

  test("exactly 20 reports, 20 a page → one page, no previous or next", () => {
    const pages = paginateTags([tag("AI", "ai", 20)], { pageSize: 20, feedOf: noFeed });
    assert.deepEqual(pages.map((p) => [p.url, p.reports.length, p.previous, p.next, p.pageCount]), [["/tags/ai/", 20, undefined, undefined, 1]]);
  });

  test("21 reports, 20 a page → a second page holding the oldest", () => {
    const pages = paginateTags([tag("AI", "ai", 21)], { pageSize: 20, feedOf: noFeed });
    assert.deepEqual(pages.map((p) => [p.url, p.reports.length]), [["/tags/ai/", 20], ["/tags/ai/2/", 1]]);
    assert.equal(pages[1]!.reports[0]!.url, "/posts/r20/");
  });

  test("two tags → each tag's pages in turn, in the order the tags were given, each with its own feed", () => {
    const feedOf = (t: { name: string; url: string }) => ({ url: tagFeedUrl(t.url), title: tagFeedTitle("站", t.name) });
    const pages = paginateTags([tag("代理", "代理", 3), tag("AI", "ai", 1)], { pageSize: 2, feedOf });
    assert.deepEqual(pages.map((p) => [p.url, p.feed?.url, p.feed?.title]), [
      ["/tags/代理/", "/tags/代理/feed.xml", "站 · 标签：代理"],
      ["/tags/代理/2/", "/tags/代理/feed.xml", "站 · 标签：代理"],
      ["/tags/ai/", "/tags/ai/feed.xml", "站 · 标签：AI"],
    ]);
  });

  test("no Atom feed → no feed on any page", () => {
    assert.deepEqual(paginateTags([tag("AI", "ai", 3)], { pageSize: 2, feedOf: noFeed }).map((p) => p.feed), [undefined, undefined]);
  });
});
