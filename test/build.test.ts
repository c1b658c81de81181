// WeeklyBuild across rebuilds (as under `--serve`): each body is read once, and read again only
// when it changes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { WeeklyBuild } from "../src/build/build.js";
import { TemplateApi } from "../src/eleventy/templateApi.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";
import { resolveOptions } from "../src/core/options.js";
import { bodyInput, sameBodyInput } from "../src/content/body.js";
import { type CollectedPage } from "../src/content/pageTypes.js";
import { kindOf } from "../src/core/kinds.js";

const opts = resolveOptions();

describe("sameBodyInput", () => {
  const page = (path: string, body: string, title?: unknown): CollectedPage => ({ path, kind: kindOf(path, opts), data: { title }, body, status: { state: "published" } });
  const same: Array<[string, CollectedPage, CollectedPage]> = [
    ["the same body and title in two files", page("posts/a.md", "正文", "题"), page("posts/b.md", "正文", "题")],
    ["a title that is not text counts as none", page("posts/a.md", "正文", 5), page("posts/a.md", "正文")],
  ];
  for (const [name, a, b] of same) test(`equal: ${name}`, () => assert.equal(sameBodyInput(bodyInput(a, opts), bodyInput(b, opts)), true));
  const different: Array<[string, CollectedPage, CollectedPage]> = [
    ["one character of the body", page("posts/a.md", "正文", "题"), page("posts/a.md", "正文。", "题")],
    ["the title (a repeated # title is dropped)", page("posts/a.md", "# 题", "题"), page("posts/a.md", "# 题", "别的")],
    ["a report and a digest (raw HTML kept or not)", page("posts/a.md", "<b>x</b>", "题"), page("weekly_news/a.md", "<b>x</b>", "题")],
    ["a title and body that meet at the separator", page("posts/a.md", "b\0c", "a"), page("posts/a.md", "c", "a\0b")],
  ];
  for (const [name, a, b] of different) test(`different: ${name}`, () => assert.equal(sameBodyInput(bodyInput(a, opts), bodyInput(b, opts)), false));
});

describe("WeeklyBuild: bodies across rebuilds", () => {
  test("a rebuild parses only the body that changed; the analysis follows the change", () => {
    const build = new WeeklyBuild(opts, ".", { info: () => {}, warn: () => {}, error: () => {} }, () => ({ WEEKLY_NOW: "2026-03-01" }));
    const md = new MarkdownIt({ html: true });
    const api = new TemplateApi(build, opts, ".");
    installMarkdownRules(md, api);
    let parses = 0;
    const parse = md.parse.bind(md);
    md.parse = (source, env) => {
      parses++;
      return parse(source, env);
    };
    build.useMarkdown(md);
    const pages: Array<[string, string]> = [
      ["./posts/2026-W05-ai-weekly.md", "## 第五周\n\n正文。"],
      ["./posts/2026-W06-ai-weekly.md", "## 第六周\n\n正文。"],
      ["./weekly_news/ai_news_2026-W06.md", "## 来源\n\n- 条目"],
    ];
    const urls = { inputPathToUrl: Object.fromEntries(pages.map(([path]) => [path, [`/${path.slice(2, -3)}/`]])) };
    const run = (edited?: string) => {
      build.start({});
      for (const [path, body] of pages) {
        const week = /W(\d\d)/.exec(path)![1];
        build.admit(path, { title: `第 ${week} 周`, date: `2026-02-0${week === "05" ? 1 : 5}` }, path === edited ? `${body}\n\n## 新小节` : body);
      }
      build.indexContent(urls);
    };
    run();
    assert.equal(parses, 3);
    run();
    assert.equal(parses, 3, "nothing changed: nothing parsed");
    run("./posts/2026-W06-ai-weekly.md");
    assert.equal(parses, 4, "one body changed: one parse");
    assert.deepEqual(api.view("./posts/2026-W06-ai-weekly.md")?.headings.map((h) => h.text), ["第六周", "新小节"]);
  });
});
