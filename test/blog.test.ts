// The real blog, built through Eleventy's API into a temporary folder and read back as a reader would.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { HtmlValidate } from "html-validate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { parseHTML } from "linkedom";
import yaml from "js-yaml";
import { DateTime } from "luxon";
import { all, buildSite, removeOutput, ROOT, text, type BuiltSite } from "./helpers.js";

// The blog grows every week: beyond the W06 report (the first, which stays as it is), these tests
// assert what holds for any valid content, found by reading posts/ and weekly_news/ as they are.
const REPORT_URL = "/posts/2026-W06-ai-weekly/";
const DIGEST_URL = "/weekly_news/ai_news_2026-W06/";
const source = matter(readFileSync(join(ROOT, "posts/2026-W06-ai-weekly.md"), "utf8"));
const TITLE = String(source.data.title);
const ZONE = "Asia/Shanghai";
/** The build's clock, fixed for the whole file so that a report going live meanwhile changes nothing. */
const NOW = DateTime.now().setZone(ZONE).startOf("second");

interface Content {
  path: string;
  url: string;
  title: string;
  date: string;
}

/** A front-matter date or moment (`2026-02-05`, `2026-02-05T08:00`, `2026-02-05 08:00`) in the site's zone. */
function moment(value: unknown): DateTime {
  const parsed = DateTime.fromISO(String(value).trim().replace(" ", "T"), { zone: ZONE });
  assert.ok(parsed.isValid, `a date the tests cannot read: ${String(value)}`);
  return parsed;
}

/**
 * The published reports (newest first, equal dates by path) and digests, as a reader should find
 * them: what the README promises, read here without the plugin's code. A page is live unless it
 * is a draft or its scheduled moment is still to come.
 */
function published(folder: "posts" | "weekly_news"): Content[] {
  const found: Array<Content & { at: number }> = [];
  for (const name of readdirSync(join(ROOT, folder)).filter((n) => n.endsWith(".md")).sort()) {
    const { data } = matter(readFileSync(join(ROOT, folder, name), "utf8"), { engines: { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object } });
    if (data.draft === true) continue;
    if (data.scheduled !== undefined && data.scheduled !== null && moment(data.scheduled) > NOW) continue;
    const stem = name.replace(/\.md$/, "");
    const at = data.date === undefined ? 0 : moment(data.date).toMillis();
    found.push({ path: `${folder}/${name}`, url: `/${folder}/${stem}/`, title: String(data.title ?? ""), date: String(data.date ?? ""), at });
  }
  return folder === "posts" ? found.sort((a, b) => b.at - a.at || (a.path < b.path ? -1 : 1)) : found;
}
const REPORTS = published("posts");
const DIGESTS = published("weekly_news");

let site: BuiltSite;
before(async () => {
  process.env.WEEKLY_NOW = NOW.toISO({ suppressMilliseconds: true })!;
  try {
    site = await buildSite(ROOT, ".eleventy.js");
  } finally {
    delete process.env.WEEKLY_NOW;
  }
});
after(() => removeOutput(site));

/** One or many entries of a parsed XML element, as a list. */
const list = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

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
      assert.ok(all(tagPage, "main a").some((l) => l.getAttribute("href") === REPORT_URL));
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
    assert.ok(citedBy.some((a) => text(a) === TITLE && a.getAttribute("href") === REPORT_URL));
  });
});

describe("every report and digest, whatever the blog holds", () => {
  test("each published report and digest is a page with one <h1>, its front-matter title when it has one", () => {
    assert.ok(REPORTS.some((r) => r.url === REPORT_URL));
    for (const page of [...REPORTS, ...DIGESTS]) {
      const h1 = all(site.page(page.url), "h1").map(text);
      assert.equal(h1.length, 1, page.path);
      if (page.title !== "") assert.equal(h1[0], page.title, page.path);
    }
  });

  test("the home page lists the newest reports, newest first (ten at most), each with its date and an excerpt", () => {
    const items = all(site.page("/"), ".report-list > li");
    assert.deepEqual(items.map((item) => item.querySelector("h2 a")?.getAttribute("href")), REPORTS.slice(0, 10).map((r) => r.url));
    for (const item of items) {
      assert.match(item.querySelector("time")?.getAttribute("datetime") ?? "", /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(text(item.querySelector(".excerpt")).length > 0);
    }
    // Each excerpt is the opening of its report's text.
    for (const [index, item] of items.entries()) {
      const body = text(site.page(REPORTS[index]!.url).querySelector(".content")).replace(/\s+/g, "");
      const excerpt = text(item.querySelector(".excerpt")).replace(/\s+/g, "").replace(/…$/, "");
      assert.ok(body.includes(excerpt.slice(0, 20)), `${REPORTS[index]!.path}: ${excerpt}`);
    }
  });

  test("the output holds the site's pages and nothing from layouts/, src/, test/ or the README", () => {
    const files = [...site.files.keys()].filter((file) => !file.startsWith("pagefind/"));
    for (const page of [...REPORTS, ...DIGESTS]) assert.ok(files.includes(`${page.url.slice(1)}index.html`), page.path);
    // Each report's social card, and the home page's.
    assert.deepEqual(files.filter((file) => file.startsWith("cards/")), ["cards/index.png", ...REPORTS.map((page) => `cards/${page.url.slice(1)}index.png`)].sort());
    for (const file of [".weekly/outputs.json", "404.html", "archive/index.html", "feed.json", "feed.xml", "index.html", "robots.txt", "search/index.html", "sitemap.xml", "tags/index.html", "weekly_news/index.html", "trends/index.html"]) {
      assert.ok(files.includes(file), file);
    }
    const expected = /^(\.weekly\/outputs\.json|404\.html|feed\.(json|xml|xsl)|robots\.txt|sitemap\.xml|index\.html|(archive|search|tags|weekly_news|trends)\/index\.html|years\/\d{4}\/index\.html|tags\/[^/]+\/(([2-9]|[1-9]\d+)\/)?index\.html|tags\/[^/]+\/feed\.xml|(posts|weekly_news)\/[^/]+\/index\.html|cards\/index\.png|cards\/posts\/[^/]+\/index\.png)$/;
    assert.deepEqual(files.filter((file) => !expected.test(file)), [], "files no page of the site should have written");
    for (const file of ["pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/pagefind-entry.json"]) {
      assert.ok(site.files.has(file), `${file} is missing from the search index`);
    }
  });

  test("every link and stylesheet between the site's pages leads to a file of the output", () => {
    for (const [file, html] of site.files) {
      if (!file.endsWith(".html")) continue;
      for (const a of all(parseHTML(html).document as unknown as Document, "a[href], link[href]")) {
        const href = a.getAttribute("href")!;
        if (!href.startsWith("/") || href.startsWith("//")) continue;
        assert.ok(site.has(href), `${file} links ${href}, which is not in the output`);
      }
    }
  });

  test("the tag index links every tag page, and each tag page lists only published reports", () => {
    const links = all(site.page("/tags/"), ".tag-index a").map((a) => a.getAttribute("href")!);
    assert.ok(links.includes("/tags/ai/") && links.includes("/tags/jeremy/"), links.join(", "));
    const urls = new Set(REPORTS.map((r) => r.url));
    for (const link of links) {
      const reports = all(site.page(link), "main a").map((a) => a.getAttribute("href")!).filter((href) => href.startsWith("/posts/"));
      assert.ok(reports.length > 0 && reports.every((href) => urls.has(href)), `${link}: ${reports.join(", ")}`);
    }
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

  test("the table of contents is a nav labelled 目录, with no heading of its own: the report's sections follow its title in the outline", () => {
    for (const report of REPORTS) {
      const doc = site.page(report.url);
      const nav = doc.querySelector("nav.toc");
      if (!nav) continue;
      assert.equal(nav.querySelector("h1, h2, h3, h4, h5, h6"), null, report.path);
      assert.equal(text(doc.getElementById(nav.getAttribute("aria-labelledby")!)), "目录", report.path);
      const outline = all(doc.querySelector("main")!, "h1, h2").map((h) => h.tagName);
      assert.equal(outline[0], "H1", report.path);
    }
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

  test("the archive lists every published report once, by year and ISO week, with W06 as 2026-W06", () => {
    const doc = site.page("/archive/");
    assert.ok(all(doc, ".archive-year h2").map(text).includes("2026 年"));
    const links = all(doc, ".archive-list li a").map((a) => a.getAttribute("href"));
    assert.deepEqual([...links].sort(), REPORTS.map((r) => r.url).sort());
    assert.ok(all(doc, ".archive-list li").map(text).includes(`2026-W06 ${TITLE} 2026年2月5日`));
  });

  test("the digest index lists each digest with its week and dates", () => {
    const items = all(site.page("/weekly_news/"), ".report-list li");
    assert.deepEqual(items.map((li) => li.querySelector("a")?.getAttribute("href")).sort(), DIGESTS.map((d) => d.url).sort());
    const w06 = items.find((li) => li.querySelector("a")?.getAttribute("href") === DIGEST_URL)!;
    assert.match(text(w06.querySelector(".meta")), /^2026-W06 · 2026年2月2日 – 2026年2月8日 · 被 \d+ 篇报告引用$/);
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
    const entries = list<Record<string, unknown>>(feed.entry);
    assert.deepEqual(entries.map((e) => (e.link as { href: string }).href), REPORTS.slice(0, 20).map((r) => `https://weekly.example.org${r.url}`), "the newest 20 reports, newest first");
    // Every entry carries its report's whole body, with every link made absolute.
    for (const [index, raw] of entries.entries()) {
      const entry = raw as { title: string; content: { "#text": string } };
      const page = site.page(REPORTS[index]!.url);
      assert.equal(entry.title, REPORTS[index]!.title || text(page.querySelector("h1")));
      const content = parseHTML(`<div>${entry.content["#text"]}</div>`).document;
      assert.equal(all(content, "hr").length, all(page, ".content hr").length, "the whole body, not an excerpt");
      assert.equal(all(content, "p").length, all(page, ".content p").length, "the whole body, not an excerpt");
      for (const a of all(content, "a[href]")) assert.match(a.getAttribute("href")!, /^(https?:|mailto:|#)/, REPORTS[index]!.path);
    }
  });

  test("read by a feed parser (feedsmith, as newsletter services read feeds), each entry has when it went live, a summary, a category per tag and the full content", () => {
    const feed = parseAtomFeed(site.files.get("feed.xml")!);
    assert.equal(feed.entries?.length, Math.min(20, REPORTS.length));
    for (const [index, entry] of (feed.entries ?? []).entries()) {
      const report = REPORTS[index]!;
      const { data } = matter(readFileSync(join(ROOT, report.path), "utf8"), { engines: { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object } });
      const published = DateTime.fromISO(entry.published ?? "");
      assert.ok(published.isValid && published <= NOW, `${report.path}: published ${entry.published}`);
      assert.ok(DateTime.fromISO(entry.updated ?? "").isValid, `${report.path}: updated ${entry.updated}`);
      assert.ok((entry.summary?.value ?? "").trim().length > 0, `${report.path}: a summary`);
      // Tags as the author wrote them: one or a list, numbers as text, blank ones left out.
      const tags = [data.tags].flat().filter((t) => typeof t === "string" || typeof t === "number").map((t) => String(t).trim()).filter((t) => t !== "");
      assert.deepEqual(entry.categories?.map((c) => c.term) ?? [], tags, `${report.path}: a category per tag`);
      const content = parseHTML(`<div>${entry.content?.value ?? ""}</div>`).document;
      assert.equal(all(content, "p").length, all(site.page(report.url), ".content p").length, `${report.path}: the full content`);
    }
  });

  test("W06's entry, while it is among the newest 20, links its digest at its absolute URL", () => {
    const entry = list<Record<string, unknown>>(xml("feed.xml").feed.entry).find((e) => e.id === `https://weekly.example.org${REPORT_URL}`) as { content: { "#text": string } } | undefined;
    const w06 = REPORTS.findIndex((r) => r.url === REPORT_URL);
    assert.equal(entry !== undefined, w06 >= 0 && w06 < 20);
    if (!entry) return;
    const digest = all(parseHTML(`<div>${entry.content["#text"]}</div>`).document, "a").find((a) => text(a) === "AI Weekly Digest — 2026-W06");
    assert.equal(digest?.getAttribute("href"), `https://weekly.example.org${DIGEST_URL}`);
  });

  test("the JSON Feed has the same report, absolute URLs and full HTML", () => {
    const feed = JSON.parse(site.files.get("feed.json")!) as { items: Array<{ url: string; title: string; content_html: string }>; feed_url: string };
    assert.equal(feed.feed_url, "https://weekly.example.org/feed.json");
    assert.deepEqual(feed.items.map((i) => i.url), REPORTS.slice(0, 20).map((r) => `https://weekly.example.org${r.url}`));
    for (const [index, item] of feed.items.entries()) {
      const content = parseHTML(`<div>${item.content_html}</div>`).document;
      assert.equal(all(content, "p").length, all(site.page(REPORTS[index]!.url), ".content p").length, "the whole body");
      for (const a of all(content, "a[href]")) assert.match(a.getAttribute("href")!, /^(https?:|mailto:|#)/, REPORTS[index]!.path);
    }
  });

  test("each JSON Feed item carries the summary its Atom entry has", () => {
    const feed = JSON.parse(site.files.get("feed.json")!) as { items: Array<{ id: string; summary?: string }> };
    const atom = new Map(list<{ id: string; summary?: unknown }>(xml("feed.xml").feed.entry).map((entry) => [entry.id, entry.summary]));
    assert.ok(feed.items.length > 0);
    for (const item of feed.items) {
      const summary = atom.get(item.id);
      assert.equal(item.summary, typeof summary === "string" && summary !== "" ? summary : undefined, item.id);
    }
  });

  test("the sitemap lists every page readers can land on, with absolute URLs, and not the 404 or search pages", () => {
    const urls = xml("sitemap.xml").urlset.url as Array<{ loc: string; lastmod?: string }>;
    const locs = urls.map((u) => u.loc);
    const pages = [...site.files.keys()]
      .filter((file) => file.endsWith("index.html") && !file.startsWith("search/"))
      .map((file) => encodeURI(`https://weekly.example.org/${file.replace(/index\.html$/, "")}`));
    assert.deepEqual([...locs].sort(), pages.sort());
    assert.equal(urls.find((u) => u.loc.endsWith(REPORT_URL))?.lastmod, "2026-02-05");
  });

  test("robots.txt allows all and names the sitemap", () => {
    assert.equal(site.files.get("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://weekly.example.org/sitemap.xml\n");
  });
});
