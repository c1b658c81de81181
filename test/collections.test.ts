import { describe, test } from "node:test";
import { withoutZh } from "./helpers.js";
import assert from "node:assert/strict";
import { sortByWeekDescending, sortNewestFirst, tagPages, type CollectionItem } from "../src/present/collections.js";
import { tagClashes } from "../src/content/tags.js";

function item(inputPath: string, date: string, tags?: unknown): CollectionItem {
  return { inputPath, url: `/${inputPath.replace(/^\.\//, "").replace(/\.md$/, "/")}`, date: new Date(date), data: { tags } };
}

const w05 = item("./posts/2026-W05.md", "2026-01-29T00:00:00+08:00", ["AI", "人工智能"]);
const w06 = item("./posts/2026-W06.md", "2026-02-05T00:00:00+08:00", ["AI"]);
const w06b = item("./posts/2026-W06-extra.md", "2026-02-05T00:00:00+08:00", "人工智能");

describe("sortNewestFirst / sortByWeekDescending", () => {
  test("W05, W06, W06-extra → W06-extra, W06, W05 (equal dates by path)", () => {
    assert.deepEqual(sortNewestFirst([w05, w06, w06b]).map((i) => i.inputPath), [w06b.inputPath, w06.inputPath, w05.inputPath]);
  });
  test("digests of 2025-W52, 2026-W06, 2026-W01 → 2026-W06, 2026-W01, 2025-W52", () => {
    const digests = ["ai_news_2025-W52", "ai_news_2026-W06", "ai_news_2026-W01"].map((n) => item(`./weekly_news/${n}.md`, "2026-01-01"));
    assert.deepEqual(sortByWeekDescending(digests).map((i) => i.inputPath), [
      "./weekly_news/ai_news_2026-W06.md",
      "./weekly_news/ai_news_2026-W01.md",
      "./weekly_news/ai_news_2025-W52.md",
    ]);
  });
});

describe("tagPages", () => {
  test("one page per tag, most used first, reports in the order given", () => {
    const pages = tagPages(sortNewestFirst([w05, w06, w06b]), "tags", {});
    assert.deepEqual(
      pages.map((p) => [p.name, p.url, p.reports.map((r) => r.inputPath)]),
      [
        ["AI", "/tags/ai/", [w06.inputPath, w05.inputPath]],
        ["人工智能", "/tags/人工智能/", [w06b.inputPath, w05.inputPath]],
      ],
    );
  });
  test("a fixed slug from the tagSlugs option wins", () => {
    assert.equal(tagPages([w06], "topics", { AI: "artificial-intelligence" })[0]?.url, "/topics/artificial-intelligence/");
  });
  test("AI and ai would share /tags/ai/ → a clash at the first report using each, naming the other and its file", () => {
    const reports = [
      { path: "posts/2026-W07.md", data: { tags: ["ai", "代理"] } },
      { path: "posts/2026-W06.md", data: { tags: ["AI"] } },
      { path: "posts/2026-W08.md", data: { tags: ["ai"] } },
    ];
    assert.deepEqual(withoutZh(tagClashes(reports, "tags", {})), [
      { path: "posts/2026-W06.md", tag: "AI", severity: "error", code: "tag-clash", message: 'tags: "AI" and "ai" (posts/2026-W07.md) would share the URL /tags/ai/: write them the same way, or give one a fixed slug with the tagSlugs option.' },
      { path: "posts/2026-W07.md", tag: "ai", severity: "error", code: "tag-clash", message: 'tags: "ai" and "AI" (posts/2026-W06.md) would share the URL /tags/ai/: write them the same way, or give one a fixed slug with the tagSlugs option.' },
    ]);
    assert.deepEqual(tagClashes(reports, "tags", { AI: "artificial-intelligence" }), [], "a fixed slug resolves it");
  });
});
