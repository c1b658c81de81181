// The real blog, built through Eleventy's API into a temporary folder and read back as a reader would.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { all, buildSite, removeOutput, ROOT, text, type BuiltSite } from "./helpers.js";

const REPORT_URL = "/posts/2026-W06-ai-weekly/";
const DIGEST_URL = "/weekly_news/ai_news_2026-W06/";
const source = matter(readFileSync(join(ROOT, "posts/2026-W06-ai-weekly.md"), "utf8"));
const TITLE = String(source.data.title);

let site: BuiltSite;
before(async () => {
  site = await buildSite(ROOT, ".eleventy.js");
});
after(() => removeOutput(site));

describe("the W06 report page", () => {
  test("is in Chinese, titled from front matter, with exactly one <h1>", () => {
    const doc = site.page(REPORT_URL);
    assert.equal(doc.documentElement.getAttribute("lang"), "zh-CN");
    assert.ok(text(doc.querySelector("title")).startsWith(TITLE), text(doc.querySelector("title")));
    assert.deepEqual(all(doc, "h1").map(text), [TITLE]);
  });

  test("shows date: 2026-02-05 as that day, 2026年2月5日", () => {
    const time = site.page(REPORT_URL).querySelector("article header time");
    assert.equal(time?.getAttribute("datetime"), "2026-02-05");
    assert.equal(text(time), "2026年2月5日");
  });

  test("links its tags AI and Jeremy to tag pages that exist and list the report", () => {
    const tags = all(site.page(REPORT_URL), "article header a[rel=tag]");
    assert.deepEqual(tags.map((a) => [text(a), a.getAttribute("href")]), [["AI", "/tags/ai/"], ["Jeremy", "/tags/jeremy/"]]);
    for (const a of tags) {
      const tagPage = site.page(a.getAttribute("href")!);
      assert.equal(text(tagPage.querySelector("h1")), `标签：${text(a)}`);
      assert.deepEqual(all(tagPage, "main a").map((l) => l.getAttribute("href")), [REPORT_URL]);
    }
  });

  test("has a meta description taken from the body, since description: is empty", () => {
    assert.equal(source.data.description, null);
    const description = site.page(REPORT_URL).querySelector('meta[name="description"]')?.getAttribute("content") ?? "";
    const firstParagraph = text(site.page(REPORT_URL).querySelector(".content p"));
    assert.ok(description.length >= 60, description);
    assert.ok([...description].length <= 120, description);
    assert.ok(firstParagraph.startsWith(description.replace(/…$/, "")), `${description} is not the start of ${firstParagraph}`);
  });

  test("renders the body: every --- separator as a rule, every paragraph, the list items", () => {
    const content = site.page(REPORT_URL).querySelector(".content")!;
    const body = source.content.split("\n");
    assert.equal(all(content, "hr").length, body.filter((line) => line.trim() === "---").length);
    assert.equal(all(content, "li").length, body.filter((line) => line.startsWith("- ")).length);
    assert.equal(all(content, "strong").length, 5);
    assert.equal(all(content, "h1").length, 0, "the body's own # title is not repeated under the page's <h1>");
  });

  test("gives every heading a readable, non-empty, unique id", () => {
    const headings = all(site.page(REPORT_URL).querySelector(".content")!, "h2, h3");
    const written = source.content.split("\n").filter((line) => /^#{2,3} /.test(line)).map((line) => line.replace(/^#+ /, ""));
    assert.deepEqual(headings.map(text), written);
    const ids = headings.map((h) => h.getAttribute("id") ?? "");
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => id !== "" && !id.includes("%")), ids.join(", "));
    assert.equal(ids[0], "模型迭代与能力升级推理多模态与轻量化齐头并进");
    assert.equal(ids.at(-1), "参考");
  });

  test("rewrites ../weekly_news/ai_news_2026-W06 to the digest's URL, and following it reaches the digest", () => {
    const link = all(site.page(REPORT_URL), ".content a").find((a) => text(a) === "AI Weekly Digest — 2026-W06");
    assert.equal(link?.getAttribute("href"), DIGEST_URL);
    assert.equal(text(site.page(link!.getAttribute("href")!).querySelector("h1")), "AI Weekly Digest — 2026-W06");
  });

  test("names its week's digest below the report", () => {
    const links = all(site.page(REPORT_URL), ".digest-links a");
    assert.deepEqual(links.map((a) => [text(a), a.getAttribute("href")]), [["AI Weekly Digest — 2026-W06", DIGEST_URL]]);
  });
});

describe("the W06 digest page", () => {
  test("shows its ISO week and that week's dates, 2026-02-02 – 2026-02-08", () => {
    const meta = site.page(DIGEST_URL).querySelector("article header .meta")!;
    assert.equal(text(meta.querySelector(".week")), "2026-W06");
    assert.deepEqual(all(meta, "time").map((t) => [t.getAttribute("datetime"), text(t)]), [
      ["2026-02-02", "2026年2月2日"],
      ["2026-02-08", "2026年2月8日"],
    ]);
  });

  test("groups its news by source, each item a one-line summary", () => {
    const doc = site.page(DIGEST_URL);
    const sources = all(doc, ".content h2").map(text);
    assert.ok(sources.includes("DeepLearning.AI The Batch") && sources.includes("Import AI"), sources.join(", "));
    for (const list of all(doc, ".content ul")) {
      for (const item of all(list, "li")) assert.ok(/^.+：.+。$/.test(text(item)), text(item));
    }
  });

  test("links back to the report that cites it", () => {
    const citedBy = all(site.page(DIGEST_URL), ".cited-by a");
    assert.deepEqual(citedBy.map((a) => [text(a), a.getAttribute("href")]), [[TITLE, REPORT_URL]]);
  });
});

describe("the home page and the output folder", () => {
  test("lists the report with its date and an excerpt", () => {
    const items = all(site.page("/"), ".report-list > li");
    assert.equal(items.length, 1);
    const [item] = items;
    assert.equal(item!.querySelector("h2 a")?.getAttribute("href"), REPORT_URL);
    assert.equal(text(item!.querySelector("h2 a")), TITLE);
    assert.equal(item!.querySelector("time")?.getAttribute("datetime"), "2026-02-05");
    assert.ok(text(item!.querySelector(".excerpt")).startsWith("本周AI领域的报道呈现出几个显著主线"));
  });

  test("holds the pages of the site and nothing from layouts/, src/, test/ or the README", () => {
    assert.deepEqual([...site.files.keys()], [
      "index.html",
      "posts/2026-W06-ai-weekly/index.html",
      "tags/ai/index.html",
      "tags/index.html",
      "tags/jeremy/index.html",
      "weekly_news/ai_news_2026-W06/index.html",
    ]);
  });

  test("the tag index links every tag page", () => {
    const links = all(site.page("/tags/"), ".tag-index a").map((a) => a.getAttribute("href"));
    assert.deepEqual(links, ["/tags/ai/", "/tags/jeremy/"]);
  });
});
