import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { pageIndex, pageStem, resolveReference, splitHref, type Resolution } from "../src/content/references.js";

const pages = pageIndex(
  new Map([
    ["index", "/"],
    ["posts/2026-W06-ai-weekly", "/posts/2026-W06-ai-weekly/"],
    ["posts/2026-W07-ai-weekly", "/posts/2026-W07-ai-weekly/"],
    ["weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/"],
    ["weekly_news/ai_news_2026-W07", "/weekly_news/ai_news_2026-W07/"],
    ["weekly_news/index", "/weekly_news/"],
    ["about", "/about-us/"],
  ]),
);
const FROM = "posts/2026-W06-ai-weekly.md";

describe("resolveReference", () => {
  const cases: Array<[string, string, Resolution]> = [
    ["../weekly_news/ai_news_2026-W06", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/")],
    ["../weekly_news/ai_news_2026-W06.md", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/")],
    ["../weekly_news/ai_news_2026-W06#import-ai", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/", "", "#import-ai")],
    ["../weekly_news/ai_news_2026-W06.md?ref=w06#参考", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/", "?ref=w06", "#参考")],
    ["./2026-W07-ai-weekly", FROM, page("posts/2026-W07-ai-weekly", "/posts/2026-W07-ai-weekly/")],
    ["2026-W07-ai-weekly.md", FROM, page("posts/2026-W07-ai-weekly", "/posts/2026-W07-ai-weekly/")],
    ["../weekly_news/", FROM, page("weekly_news/index", "/weekly_news/")],
    ["../weekly_news", FROM, page("weekly_news/index", "/weekly_news/")],
    ["../about.md", FROM, page("about", "/about-us/")],
    ["/posts/2026-W07-ai-weekly.md", "weekly_news/ai_news_2026-W06.md", page("posts/2026-W07-ai-weekly", "/posts/2026-W07-ai-weekly/")],
    ["../", FROM, page("index", "/")],
    ["../weekly_news/ai_news_2026-W70", FROM, {
      kind: "missing",
      stems: ["weekly_news/ai_news_2026-W70", "weekly_news/ai_news_2026-W70/index"],
      looked: ["weekly_news/ai_news_2026-W70.md", "weekly_news/ai_news_2026-W70/index.md"],
      suggestion: "../weekly_news/ai_news_2026-W07",
    }],
    ["../weekly_news/ai_news_2026-W70.md", FROM, {
      kind: "missing",
      stems: ["weekly_news/ai_news_2026-W70"],
      looked: ["weekly_news/ai_news_2026-W70.md"],
      suggestion: "../weekly_news/ai_news_2026-W07.md",
    }],
    ["./completely-different", FROM, {
      kind: "missing",
      stems: ["posts/completely-different", "posts/completely-different/index"],
      looked: ["posts/completely-different.md", "posts/completely-different/index.md"],
    }],
    ["../../outside", FROM, { kind: "missing", stems: [], looked: [], reason: { en: "points outside the site's input folder", zh: "指向网站输入目录之外" } }],
    ["./chart.png", FROM, { kind: "file", path: "posts/chart.png", href: "/posts/chart.png" }],
    ["../files/报告 2026.pdf", FROM, { kind: "file", path: "files/报告 2026.pdf", href: "/files/%E6%8A%A5%E5%91%8A%202026.pdf" }],
    ["https://www.deeplearning.ai/the-batch/", FROM, { kind: "unchanged" }],
    ["mailto:editor@example.org", FROM, { kind: "unchanged" }],
    ["//cdn.example.org/x.js", FROM, { kind: "unchanged" }],
    ["#参考", FROM, { kind: "unchanged" }],
    ["/weekly_news/ai_news_2026-W06/", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/")],
    ["/weekly_news/ai_news_2026-W06#import-ai", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/", "", "#import-ai")],
    ["/", FROM, page("index", "/")],
    ["../weekly_news/ai_news_2026-W06/", FROM, page("weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/")],
    ["/files/a.pdf", FROM, { kind: "file", path: "files/a.pdf", href: "/files/a.pdf" }],
    ["/weekly_news/ai_news_2026-W70/", FROM, {
      kind: "missing",
      stems: ["weekly_news/ai_news_2026-W70", "weekly_news/ai_news_2026-W70/index"],
      looked: ["a page at /weekly_news/ai_news_2026-W70/"],
      suggestion: "/weekly_news/ai_news_2026-W07/",
    }],
    ["/tags/nope/", FROM, { kind: "missing", stems: ["tags/nope", "tags/nope/index"], looked: ["a page at /tags/nope/"] }],
    ["./缺失", FROM, { kind: "missing", stems: ["posts/缺失", "posts/缺失/index"], looked: ["posts/缺失.md", "posts/缺失/index.md"] }],
  ];
  for (const [href, from, expected] of cases) {
    test(`resolveReference(${JSON.stringify(href)}, from ${from}) → ${describeResolution(expected)}`, () => {
      assert.deepEqual(resolveReference(href, { fromInputPath: from, pages }), expected);
    });
  }

  test("percent-encoded Chinese file names resolve like the written form", () => {
    const zh = pageIndex(new Map([["posts/周报", "/posts/周报/"]]));
    assert.deepEqual(resolveReference("./%E5%91%A8%E6%8A%A5", { fromInputPath: "posts/a.md", pages: zh }), page("posts/周报", "/posts/周报/"));
  });
});

describe("pageStem / splitHref", () => {
  const stems: Array<[string, string]> = [
    ["posts/a.md", "posts/a"],
    ["index.njk", "index"],
    ["feed.11ty.js", "feed"],
    ["files/report.pdf", "files/report.pdf"],
  ];
  for (const [input, stem] of stems) test(`pageStem(${input}) → ${stem}`, () => assert.equal(pageStem(input), stem));
  const hrefs: Array<[string, [string, string, string]]> = [
    ["a.md?x=1#y", ["a.md", "?x=1", "#y"]],
    ["a#y?x", ["a", "", "#y?x"]],
    ["a", ["a", "", ""]],
  ];
  for (const [href, [path, query, fragment]] of hrefs) {
    test(`splitHref(${href}) → ${path} | ${query} | ${fragment}`, () => assert.deepEqual(splitHref(href), { path, query, fragment }));
  }
});

function page(stem: string, url: string, query = "", fragment = ""): Resolution {
  return { kind: "page", stem, url, query, fragment, href: url + query + fragment };
}

function describeResolution(r: Resolution): string {
  switch (r.kind) {
    case "page":
      return r.href;
    case "file":
      return `file ${r.path}`;
    case "missing":
      return `missing${r.suggestion ? ` (did you mean ${r.suggestion})` : ""}`;
    default:
      return "unchanged";
  }
}

describe("resolveReference: did you mean prefers the week the link names", () => {
  const weeks = pageIndex(
    new Map([
      ["weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/"],
      ["weekly_news/ai-news-2026-W07", "/weekly_news/ai-news-2026-W07/"],
    ]),
  );
  const suggest = (href: string) => {
    const resolution = resolveReference(href, { fromInputPath: "posts/2026-W07-ai-weekly.md", pages: weeks });
    return resolution.kind === "missing" ? resolution.suggestion : `resolved: ${resolution.kind}`;
  };
  test("../weekly_news/ai_news_2026-W07 → ../weekly_news/ai-news-2026-W07 (the same week, another name)", () => {
    assert.equal(suggest("../weekly_news/ai_news_2026-W07"), "../weekly_news/ai-news-2026-W07");
  });
  test("../weekly_news/ai_news_2026-W08 → nothing: the W06 digest is another week's", () => {
    assert.equal(suggest("../weekly_news/ai_news_2026-W08"), undefined);
  });
  test("../weekly_news/ai_news_2026-W60 → ../weekly_news/ai_news_2026-W06: W60 cannot exist, a typo", () => {
    assert.equal(suggest("../weekly_news/ai_news_2026-W60"), "../weekly_news/ai_news_2026-W06");
  });
});
