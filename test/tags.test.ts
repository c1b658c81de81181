// Tag pages that scale and feeds a browser can show, on whole builds of the `scheduled` fixture
// with 45 more reports sharing one tag: the tag's pages of 20, the links between them, its feed,
// the sitemap, a held-back report nowhere, a path prefix, and the feed's XSL page in Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { chromium, type Browser } from "playwright-core";
import { all, copySite, outputLines, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite, asRead } from "./helpers.js";
import { serveFolder } from "./staticServer.js";

const CHROMIUM = process.env.WEEKLY_TEST_CHROMIUM ?? "/usr/bin/chromium";
const NOW = "2026-02-12T07:59:59";
const ORIGIN = "https://scheduled.example.org";
const TAG = "人工智能";
const PAGES = [`/tags/${TAG}/`, `/tags/${TAG}/2/`, `/tags/${TAG}/3/`];
const FEED = `/tags/${TAG}/feed.xml`;
/** The 45 reports of the tag, newest first: one a week from 2024-01-04, the newest `bulk-44`. */
const REPORTS = Array.from({ length: 45 }, (_, i) => `/posts/bulk-${String(44 - i).padStart(2, "0")}/`);
/** A report carrying the tag, scheduled after NOW. */
const HELD = { file: "held-ai", url: "/posts/held-ai/", title: "尚未上线的人工智能专题" };

/** A copy of the fixture with the tag's 45 reports and one held back; its title holds markup, which must stay text. */
function makeSite(): string {
  const site = copySite("scheduled");
  for (let i = 0; i < 45; i++) {
    const date = new Date(Date.UTC(2024, 0, 4 + 7 * i)).toISOString().slice(0, 10);
    const name = `bulk-${String(i).padStart(2, "0")}`;
    writeFileSync(join(site, "posts", `${name}.md`), `---\ntitle: 第 ${i} 期<b>人工智能</b>周报\ndescription: 第 ${i} 期的摘要\ndate: ${date}\ntags: [${TAG}]\n---\n\n第 ${i} 期的正文。\n`);
  }
  writeFileSync(join(site, "posts", `${HELD.file}.md`), `---\ntitle: ${HELD.title}\ndate: 2026-03-05\nscheduled: 2026-03-05\ntags: [${TAG}, AI]\n---\n\n还不能让人看到。\n`);
  return site;
}

function build(siteDir: string, args: string[] = []): BuiltSite {
  const output = tempOutput("tags");
  const run = runEleventy(siteDir, output, { WEEKLY_NOW: NOW }, args);
  assert.equal(run.status, 0, outputLines(run).join("\n"));
  return readSite(output);
}

const absolute = (url: string, base = "") => encodeURI(`${ORIGIN}${base}${url}`);
const head = (doc: Document, rel: string) => doc.querySelector(`head link[rel="${rel}"]`)?.getAttribute("href") ?? undefined;
const navLink = (doc: Document, rel: string) => doc.querySelector(`nav.pager a[rel="${rel}"]`)?.getAttribute("href") ?? undefined;
const tagFeedLink = (doc: Document) => all(doc, 'head link[rel="alternate"][type="application/atom+xml"]').find((l) => l.getAttribute("title")?.endsWith(`标签：${TAG}`));

let siteDir: string;
let site: BuiltSite;
before(() => {
  siteDir = makeSite();
  site = build(siteDir);
});
after(() => removeOutput(site));

describe("a tag of 45 reports, 20 a page", () => {
  test("has exactly three pages, /tags/人工智能/, /2/ and /3/, with 20, 20 and 5 reports, newest first", () => {
    assert.deepEqual([...site.files.keys()].filter((f) => f.startsWith(`tags/${TAG}/`)).sort(), [`tags/${TAG}/2/index.html`, `tags/${TAG}/3/index.html`, `tags/${TAG}/feed.xml`, `tags/${TAG}/index.html`]);
    const listed = PAGES.map((url) => all(site.page(url), ".report-list h2 a").map((a) => a.getAttribute("href")));
    assert.deepEqual(listed.map((l) => l.length), [20, 20, 5]);
    assert.deepEqual(listed.flat(), REPORTS);
    assert.equal(text(site.page(PAGES[0]!).querySelector(".report-list h2 a")), "第 44 期<b>人工智能</b>周报", "a title's markup stays text");
  });

  test("each page links the pages before and after it, in the head and in the pager, to pages that are there; the first has no previous, the last no next", () => {
    const expected = [[undefined, PAGES[1]], [PAGES[0], PAGES[2]], [PAGES[1], undefined]];
    for (const [index, url] of PAGES.entries()) {
      const doc = site.page(url);
      const [prev, next] = expected[index]!;
      assert.deepEqual([head(doc, "prev"), head(doc, "next")], [prev, next], `${url}: <link rel>`);
      assert.deepEqual([navLink(doc, "prev"), navLink(doc, "next")], [prev, next], `${url}: the pager`);
      for (const href of [prev, next]) if (href) assert.ok(site.has(href), `${url} links ${href}, which is not in the output`);
      assert.equal(text(doc.querySelector("nav.pager a[rel=prev]")), prev ? "上一页" : "");
      assert.equal(text(doc.querySelector("nav.pager a[rel=next]")), next ? "下一页" : "");
      assert.ok(doc.querySelector("nav.pager")?.getAttribute("aria-label"), `${url}: the pager is named`);
      const numbers = all(doc, "nav.pager .page-numbers a");
      assert.deepEqual(numbers.map((a) => [text(a), a.getAttribute("href")]), [["1", PAGES[0]], ["2", PAGES[1]], ["3", PAGES[2]]]);
      assert.deepEqual(numbers.map((a) => a.getAttribute("aria-current")), [0, 1, 2].map((n) => (n === index ? "page" : null)));
    }
  });

  test("each page says where it is, has a title of its own and is its own canonical address", () => {
    for (const [index, url] of PAGES.entries()) {
      const doc = site.page(url);
      const title = index === 0 ? `标签：${TAG}` : `标签：${TAG}（第 ${index + 1} 页）`;
      assert.equal(text(doc.querySelector("title")), `${title} · 定时发布测试站`);
      assert.equal(text(doc.querySelector("h1")), title);
      assert.ok(text(doc.querySelector(".lede")).includes(`第 ${index + 1} 页，共 3 页`), text(doc.querySelector(".lede")));
      assert.equal(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), absolute(url));
    }
  });

  test("a tag of one page has no pager and no rel prev/next", () => {
    const doc = site.page("/tags/jeremy/");
    assert.equal(doc.querySelector("nav.pager"), null);
    assert.deepEqual([head(doc, "prev"), head(doc, "next")], [undefined, undefined]);
    assert.equal(text(doc.querySelector("title")), "标签：Jeremy · 定时发布测试站");
  });

  test("the tag index lists the tag once, with its 45 reports, linking its first page", () => {
    const entries = all(site.page("/tags/"), ".tag-index li").filter((li) => text(li.querySelector("a")) === TAG);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.querySelector("a")?.getAttribute("href"), PAGES[0]);
    assert.equal(text(entries[0]!.querySelector(".count")), "45");
  });

  test("the sitemap lists all three pages, and no feed", () => {
    const locs = [...site.files.get("sitemap.xml")!.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    for (const url of PAGES) assert.ok(locs.includes(absolute(url)), `${url} is not in the sitemap`);
    assert.deepEqual(locs.filter((loc) => !loc.endsWith("/")), [], "only pages");
  });
});

describe("the tag's feed", () => {
  test("parses as Atom with the tag's newest 20 reports, its own title, self link and the tag's page", () => {
    const source = site.files.get(FEED.slice(1))!;
    assert.equal(XMLValidator.validate(source), true);
    const feed = parseAtomFeed(source);
    assert.equal(feed.title?.value, `定时发布测试站 · 标签：${TAG}`);
    assert.deepEqual(feed.links?.map((l) => [l.rel ?? "alternate", l.href]), [["self", absolute(FEED)], ["alternate", absolute(PAGES[0]!)]]);
    assert.equal(feed.id, absolute(PAGES[0]!));
    assert.deepEqual(feed.entries?.map((e) => e.links?.[0]?.href), REPORTS.slice(0, 20).map((url) => absolute(url)));
    assert.equal(feed.entries?.[0]?.title?.value, "第 44 期<b>人工智能</b>周报");
    assert.ok(feed.entries?.every((e) => e.categories?.some((c) => c.term === TAG)));
    assert.equal(feed.entries?.[0]?.summary?.value, "第 44 期的摘要");
  });

  test("every page of the tag names it in the head and links it visibly; the link leads to the feed file", () => {
    for (const url of PAGES) {
      const doc = site.page(url);
      const link = tagFeedLink(doc);
      assert.equal(link?.getAttribute("href"), FEED, `${url}: <link rel="alternate">`);
      assert.equal(link?.getAttribute("title"), `定时发布测试站 · 标签：${TAG}`);
      assert.equal(doc.querySelector("main a.tag-feed")?.getAttribute("href"), FEED, `${url}: a link a reader sees`);
      assert.ok(site.has(FEED));
    }
  });

  test("the site's feed and every tag's feed name the XSL page right after the XML declaration", () => {
    const feeds = [...site.files.keys()].filter((f) => f === "feed.xml" || /^tags\/[^/]+\/feed\.xml$/.test(f));
    assert.ok(feeds.length >= 4, feeds.join(", "));
    for (const file of feeds) {
      assert.ok(site.files.get(file)!.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>\n<feed '), file);
    }
  });
});

describe("a report held back", () => {
  test("is on no tag page and in no tag feed, and a tag it alone uses has no feed", () => {
    for (const [file, content] of site.files) {
      if (!file.startsWith("tags/")) continue;
      const read = asRead(content);
      for (const needle of [HELD.title, HELD.url, HELD.file, "W07 尚未上线的秘密周报", "2026-W07-ai-weekly"]) assert.ok(!read.includes(needle), `${file} holds "${needle}"`);
    }
    assert.deepEqual(parseAtomFeed(site.files.get("tags/ai/feed.xml")!).entries?.map((e) => e.links?.[0]?.href), [absolute("/posts/2026-W06-ai-weekly/"), absolute("/posts/2026-W05-ai-weekly/")]);
    assert.ok(!existsSync(join(site.output, "tags", "仅定时标签")), "a tag used only by a held-back report has no page and no feed");
    assert.equal(parseAtomFeed(site.files.get(FEED.slice(1))!).entries?.length, 20);
    assert.equal(text(site.page(PAGES[0]!).querySelector(".lede")).startsWith("45 篇报告"), true);
  });
});

describe("the feed's XSL page", () => {
  test("is well-formed XSLT that writes the feed's text as text and never its HTML content", () => {
    const xsl = site.files.get("feed.xsl")!;
    assert.equal(XMLValidator.validate(xsl), true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xsl);
    assert.equal(parsed["xsl:stylesheet"]["@_xmlns:xsl"], "http://www.w3.org/1999/XSL/Transform");
    assert.ok(!xsl.includes("disable-output-escaping"));
    assert.ok(!xsl.includes("atom:content"), "the entries' HTML is never shown");
  });

  test("in Chromium, /feed.xml and the tag's feed show a Chinese page with the feed's title in one h1, the address to copy and the entries, readable at 360 px and clean for axe", async (t) => {
    if (!existsSync(CHROMIUM)) return void t.skip(`${CHROMIUM} is missing`);
    const server = await serveFolder(site.output);
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      for (const [url, title, entries] of [["/feed.xml", "定时发布测试站", REPORTS.slice(0, 20)], [FEED, `定时发布测试站 · 标签：${TAG}`, REPORTS.slice(0, 20)]] as const) {
        const response = await page.goto(`${server.url}${encodeURI(url)}`);
        assert.equal(response?.status(), 200);
        assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
        assert.deepEqual(await page.locator("h1").allTextContents(), [title], url);
        assert.ok((await page.locator("main").textContent())?.includes("这是一个订阅源（Atom）"));
        assert.equal(await page.locator("a.feed-subscribe").getAttribute("href"), absolute(url));
        const links = await page.locator("main .report-list h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        if (url === FEED) assert.deepEqual(links, entries.map((u) => absolute(u)));
        else assert.equal(links.length, 20);
        assert.equal(await page.locator("main .report-list b").count(), 0, "a title's markup stays text");
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), `${url} scrolls sideways at 360 px`);
        // Chromium adds a banner of its own about XSLT's removal; it is the browser's, not the page's.
        await page.addScriptTag({ path: new URL("../node_modules/axe-core/axe.min.js", import.meta.url).pathname });
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Array<{ id: string }> }> } }).axe.run({ exclude: ["xslt-warning-banner"] });
          return result.violations.map((v) => v.id);
        });
        assert.deepEqual(violations, [], url);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe("a site with tagPageSize: 30 and no Atom feed", () => {
  let other: BuiltSite;
  before(() => {
    const dir = makeSite();
    writeFileSync(
      join(dir, "eleventy.config.js"),
      `import weekly from "eleventy-plugin-weekly";\nexport default (c) => c.addPlugin(weekly, { tagPageSize: 30, feeds: { atom: false }, site: { title: "定时发布测试站", url: "${ORIGIN}" } });\nexport const config = { dir: { includes: "" }, markdownTemplateEngine: false };\n`,
    );
    other = build(dir);
  });
  after(() => removeOutput(other));

  test("the tag has two pages of 30 and 15 reports, and neither a feed, a feed link nor the XSL page", () => {
    assert.deepEqual([PAGES[0]!, PAGES[1]!].map((url) => all(other.page(url), ".report-list h2 a").map((a) => a.getAttribute("href"))), [REPORTS.slice(0, 30), REPORTS.slice(30)]);
    assert.equal(other.has(PAGES[2]!), false);
    assert.equal(text(other.page(PAGES[1]!).querySelector(".lede")), "45 篇报告 · 第 2 页，共 2 页");
    assert.deepEqual([...other.files.keys()].filter((f) => f.endsWith(".xml") || f.endsWith(".xsl")), ["sitemap.xml"]);
    assert.equal(other.page(PAGES[0]!).querySelector('link[type="application/atom+xml"], a.tag-feed'), null);
  });
});

describe("under --pathprefix /blog/", () => {
  let blog: BuiltSite;
  before(() => {
    blog = build(siteDir, ["--pathprefix", "/blog/"]);
  });
  after(() => removeOutput(blog));

  test("the pages' links, the feeds' stylesheet and self links carry /blog/", () => {
    const doc = blog.page(PAGES[1]!);
    assert.deepEqual([head(doc, "prev"), head(doc, "next"), navLink(doc, "prev"), navLink(doc, "next")], [`/blog${PAGES[0]}`, `/blog${PAGES[2]}`, `/blog${PAGES[0]}`, `/blog${PAGES[2]}`]);
    assert.equal(tagFeedLink(doc)?.getAttribute("href"), `/blog${FEED}`);
    for (const file of ["feed.xml", FEED.slice(1)]) assert.ok(blog.files.get(file)!.includes('<?xml-stylesheet href="/blog/feed.xsl" type="text/xsl"?>'), file);
    assert.equal(parseAtomFeed(blog.files.get(FEED.slice(1))!).links?.find((l) => l.rel === "self")?.href, absolute(FEED, "/blog"));
  });

  test("in Chromium, /blog/feed.xml shows the XSL page", async (t) => {
    if (!existsSync(CHROMIUM)) return void t.skip(`${CHROMIUM} is missing`);
    const server = await serveFolder(blog.output, "/blog/");
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      assert.equal((await page.goto(`${server.url}/blog/feed.xml`))?.status(), 200);
      assert.deepEqual(await page.locator("h1").allTextContents(), ["定时发布测试站"]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
