import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { absoluteLinks, jsonFeed } from "../src/jsonFeed.js";
import { resolveOptions } from "../src/options.js";

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
});
