import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { absoluteLinks, jsonFeed } from "../src/present/jsonFeed.js";
import { resolveOptions } from "../src/core/options.js";

const opts = resolveOptions({ site: { title: "AI 周报", url: "https://weekly.example.org", author: "Jeremy" } });

describe("absoluteLinks", () => {
  const cases: Array<[string, string]> = [
    ['<a href="/weekly_news/x/">x</a>', '<a href="https://weekly.example.org/weekly_news/x/">x</a>'],
    ['<img src="/posts/a.png" alt="">', '<img src="https://weekly.example.org/posts/a.png" alt="">'],
    ['<a href="https://other.example/">o</a>', '<a href="https://other.example/">o</a>'],
    ['<a href="//cdn.example/x">o</a>', '<a href="//cdn.example/x">o</a>'],
    ['<a href="#参考">r</a>', '<a href="#参考">r</a>'],
    ["<p>/not/a/link</p>", "<p>/not/a/link</p>"],
  ];
  for (const [html, expected] of cases) test(`absoluteLinks(${html}) → ${expected}`, () => assert.equal(absoluteLinks(html, "https://weekly.example.org"), expected));
});

describe("jsonFeed", () => {
  test("text that would break a hand-written JSON template stays exact; URLs are absolute and encoded", () => {
    const title = 'A "quoted" \\ back\\slash </script> ]]> \u0001 标题';
    const feed = JSON.parse(
      jsonFeed(
        [{ inputPath: "./posts/a.md", url: "/tags/人工智能/", date: new Date("2026-02-04T16:00:00Z"), data: { title, tags: ["AI"], description: "说明" }, content: '<a href="/x/">x</a>' }],
        opts,
        "/feed.json",
        () => "说明",
      ),
    );
    assert.deepEqual(feed.items, [
      {
        id: "https://weekly.example.org/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/",
        url: "https://weekly.example.org/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/",
        title,
        content_html: '<a href="https://weekly.example.org/x/">x</a>',
        summary: "说明",
        date_published: "2026-02-04T16:00:00.000Z",
        tags: ["AI"],
      },
    ]);
    assert.equal(feed.version, "https://jsonfeed.org/version/1.1");
    assert.equal(feed.feed_url, "https://weekly.example.org/feed.json");
    assert.deepEqual(feed.authors, [{ name: "Jeremy" }]);
  });

  const summaries: Array<[string, string | undefined]> = [
    ["本周要闻：模型与代理。", "本周要闻：模型与代理。"],
    ["  前后有空白  ", "前后有空白"],
    ["", undefined],
    ["   ", undefined],
  ];
  for (const [given, expected] of summaries) {
    test(`summary ${JSON.stringify(given)} → ${expected === undefined ? "no summary" : JSON.stringify(expected)}`, () => {
      const feed = JSON.parse(jsonFeed([{ inputPath: "./posts/a.md", url: "/posts/a/", date: new Date(0), data: { title: "a" }, content: "" }], opts, "/feed.json", () => given));
      assert.equal(feed.items[0].summary, expected);
    });
  }

  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ inputPath: `./posts/${i}.md`, url: `/posts/${i}/`, date: new Date(Date.UTC(2026, 1, 20 - i)), data: { title: `第 ${i} 期` }, content: "" }));
  const limits: Array<[number, number, string[]]> = [
    [3, 20, ["第 0 期", "第 1 期", "第 2 期"]],
    [25, 20, Array.from({ length: 20 }, (_, i) => `第 ${i} 期`)],
    [25, 2, ["第 0 期", "第 1 期"]],
    [25, 0, Array.from({ length: 25 }, (_, i) => `第 ${i} 期`)],
  ];
  for (const [count, limit, titles] of limits) {
    test(`${count} reports, feeds.items ${limit} → the newest ${titles.length}`, () => {
      const limited = resolveOptions({ feeds: { items: limit } });
      const feed = JSON.parse(jsonFeed(items(count), limited, "/feed.json")) as { items: Array<{ title: string }> };
      assert.deepEqual(feed.items.map((i) => i.title), titles);
    });
  }

  const tagCases: Array<[unknown, string[] | undefined]> = [
    [["AI", "代理"], ["AI", "代理"]],
    ["AI", ["AI"]],
    [[" AI ", ""], ["AI"]],
    [undefined, undefined],
  ];
  for (const [tags, expected] of tagCases) {
    test(`tags ${JSON.stringify(tags)} → ${JSON.stringify(expected)}, as the tag pages read them`, () => {
      const feed = JSON.parse(jsonFeed([{ inputPath: "./posts/a.md", url: "/posts/a/", date: new Date(0), data: { title: "a", tags }, content: "" }], opts, "/feed.json"));
      assert.deepEqual(feed.items[0].tags, expected);
    });
  }
});
