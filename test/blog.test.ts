// The real blog, built through Eleventy's API into a temporary folder and read back as a reader would.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { HtmlValidate } from "html-validate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
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
    assert.deepEqual([...site.files.keys()].filter((file) => !file.startsWith("pagefind/")), [
      ".weekly/outputs.json",
      "404.html",
      "archive/index.html",
      "feed.json",
      "feed.xml",
      "index.html",
      "posts/2026-W06-ai-weekly/index.html",
      "robots.txt",
      "search/index.html",
      "sitemap.xml",
      "tags/ai/index.html",
      "tags/index.html",
      "tags/jeremy/index.html",
      "weekly_news/ai_news_2026-W06/index.html",
      "weekly_news/index.html",
    ]);
    for (const file of ["pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/pagefind-entry.json"]) {
      assert.ok(site.files.has(file), `${file} is missing from the search index`);
    }
  });

  test("the tag index links every tag page", () => {
    const links = all(site.page("/tags/"), ".tag-index a").map((a) => a.getAttribute("href"));
    assert.deepEqual(links, ["/tags/ai/", "/tags/jeremy/"]);
  });
});

describe("the reader's pages", () => {
  test("the report shows its reading time, counted by Chinese characters", () => {
    const doc = site.page(REPORT_URL);
    const body = text(doc.querySelector(".content"));
    const han = body.match(/\p{Script=Han}/gu)?.length ?? 0;
    assert.ok(han > 1500 && han < 2200, `${han} Chinese characters`);
    // About 1,900 Chinese characters at 400 a minute, and a few English words: five minutes.
    assert.equal(text(doc.querySelector(".reading-time")), "阅读约 5 分钟");
  });

  test("the report has a table of contents linking every section heading", () => {
    const doc = site.page(REPORT_URL);
    const toc = all(doc, ".toc a").map((a) => [text(a), a.getAttribute("href")]);
    const headings = all(doc.querySelector(".content")!, "h2, h3").map((h) => [text(h), `#${h.getAttribute("id")}`]);
    assert.deepEqual(toc, headings);
  });

  test("Open Graph and canonical tags carry absolute URLs", () => {
    const doc = site.page(REPORT_URL);
    const meta = (property: string) => doc.querySelector(`meta[property="${property}"]`)?.getAttribute("content");
    assert.equal(meta("og:title"), TITLE);
    assert.equal(meta("og:type"), "article");
    assert.equal(meta("og:url"), `https://weekly.example.org${REPORT_URL}`);
    assert.equal(meta("article:published_time"), "2026-02-05");
    assert.equal(meta("og:locale"), "zh_CN");
    assert.equal(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), `https://weekly.example.org${REPORT_URL}`);
    assert.equal(site.page("/tags/ai/").querySelector('meta[property="og:type"]')?.getAttribute("content"), "website");
  });

  test("the archive groups the reports by year and ISO week", () => {
    const doc = site.page("/archive/");
    assert.deepEqual(all(doc, ".archive-year h2").map(text), ["2026 年"]);
    assert.deepEqual(all(doc, ".archive-list li").map(text), [`2026-W06 ${TITLE} 2026年2月5日`]);
  });

  test("the digest index lists each digest with its week and dates", () => {
    const items = all(site.page("/weekly_news/"), ".report-list li");
    assert.deepEqual(items.map((li) => li.querySelector("a")?.getAttribute("href")), [DIGEST_URL]);
    assert.equal(text(items[0]!.querySelector(".meta")), "2026-W06 · 2026年2月2日 – 2026年2月8日 · 被 1 篇报告引用");
  });

  test("a 404 page, in Chinese, pointing home", () => {
    const doc = site.page("/404.html");
    assert.equal(doc.documentElement.getAttribute("lang"), "zh-CN");
    assert.equal(text(doc.querySelector("h1")), "页面不存在");
    assert.ok(all(doc, "main a").some((a) => a.getAttribute("href") === "/"));
  });

  test("every page passes html-validate", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const [file, html] of site.files) {
      if (!file.endsWith(".html")) continue;
      const report = await validator.validateString(html, file);
      const errors = report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      assert.deepEqual(errors, [], errors.join("\n"));
    }
  });
});

describe("feeds, sitemap and robots.txt", () => {
  const xml = (file: string) => {
    const source = site.files.get(file)!;
    assert.equal(XMLValidator.validate(source), true, `${file} is not well-formed XML`);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(source);
  };

  test("the Atom feed is valid XML with the report, absolute links and its full content", () => {
    const feed = xml("feed.xml").feed;
    assert.equal(feed["xml:lang"], "zh-CN");
    assert.equal(feed.title, "AI 周报");
    const entry = feed.entry;
    assert.equal(entry.title, TITLE);
    assert.equal(entry.link.href, `https://weekly.example.org${REPORT_URL}`);
    const content = parseHTML(`<div>${entry.content["#text"]}</div>`).document;
    assert.equal(all(content, "hr").length, 6, "the whole body, not an excerpt");
    const digest = all(content, "a").find((a) => text(a) === "AI Weekly Digest — 2026-W06");
    assert.equal(digest?.getAttribute("href"), `https://weekly.example.org${DIGEST_URL}`);
  });

  test("the JSON Feed has the same report, absolute URLs and full HTML", () => {
    const feed = JSON.parse(site.files.get("feed.json")!) as { items: Array<{ url: string; title: string; content_html: string }>; feed_url: string };
    assert.equal(feed.feed_url, "https://weekly.example.org/feed.json");
    assert.deepEqual(feed.items.map((i) => [i.title, i.url]), [[TITLE, `https://weekly.example.org${REPORT_URL}`]]);
    assert.ok(feed.items[0]!.content_html.includes(`href="https://weekly.example.org${DIGEST_URL}"`));
  });

  test("the sitemap lists every page readers can land on, with absolute URLs, and not the 404 or search pages", () => {
    const urls = xml("sitemap.xml").urlset.url as Array<{ loc: string; lastmod?: string }>;
    const locs = urls.map((u) => u.loc);
    assert.deepEqual(locs, [
      "https://weekly.example.org/",
      "https://weekly.example.org/archive/",
      `https://weekly.example.org${REPORT_URL}`,
      "https://weekly.example.org/tags/",
      "https://weekly.example.org/tags/ai/",
      "https://weekly.example.org/tags/jeremy/",
      "https://weekly.example.org/weekly_news/",
      `https://weekly.example.org${DIGEST_URL}`,
    ]);
    assert.equal(urls.find((u) => u.loc.endsWith(REPORT_URL))?.lastmod, "2026-02-05");
  });

  test("robots.txt allows all and names the sitemap", () => {
    assert.equal(site.files.get("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://weekly.example.org/sitemap.xml\n");
  });
});
