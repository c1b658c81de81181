// The reader's site, second round, in Chromium: search from every page's header and by shared
// link, social cards, responsive images that do not shift the page, tag pages in pages of 20 with
// their feeds, related reports, Chinese spacing, and the feed shown as a page. Every new kind of
// page passes axe in light and dark and fits 360 px; screenshots in test/.output/screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { imageSize } from "image-size";
import { XMLParser } from "fast-xml-parser";
import { copySite, removeOutput, ROOT, runEleventy, tempOutput } from "./helpers.js";
import { sharedBuild } from "./sharedBuild.js";
import { serveFolder, type StaticSite } from "./staticServer.js";
import { axeViolations, launchBrowser, SCREENSHOTS, sidewaysOverflow, type Browser } from "./browserKit.js";

/** W07 is out (08:00 Beijing on the 12th), W08 held back until the 19th at 08:00. */
const NOW = "2026-02-19T07:30";
const HELD_BACK = "/posts/2026-W08-ai-weekly/";
const LONG_TAG = "长篇";
const CHARTS = "/posts/2025-W50-charts/";
const W06 = "/posts/2026-W06-ai-weekly/";

let blogOutput: string;
let blog: StaticSite;
let readersSite: string;
let readersOutput: string;
let readers: StaticSite;
let browser: Browser;

/** 45 weekly reports of 2025 sharing one tag, each about something of its own. */
function addLongTag(site: string): void {
  for (let week = 1; week <= 45; week++) {
    const key = String(week).padStart(2, "0");
    const date = new Date(Date.UTC(2025, 0, 2 + (week - 1) * 7)).toISOString().slice(0, 10);
    writeFileSync(
      join(site, "posts", `2025-W${key}-long.md`),
      `---\ntitle: 长篇第 ${week} 期\ndescription: 第 ${week} 期的长篇\ndate: ${date}\ntags: [${LONG_TAG}]\n---\n\n第 ${week} 期讨论第 ${week} 个主题，与模型评测有关。\n`,
    );
  }
}

/** A report with a 2000 px PNG chart first and a JPEG photo far below the first screen. */
async function addCharts(site: string): Promise<void> {
  const folder = join(site, "posts", "charts");
  mkdirSync(folder, { recursive: true });
  const gradient = (width: number, height: number) =>
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#0b57d0"/><stop offset="1" stop-color="#f5a623"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#fff"/></svg>`);
  await sharp(gradient(2000, 1000)).png().toFile(join(folder, "wide.png"));
  await sharp(gradient(1600, 1200)).jpeg({ quality: 80 }).toFile(join(folder, "photo.jpg"));
  const filler = Array.from({ length: 40 }, (_, n) => `第 ${n + 1} 段：图表说明了算力与模型规模的关系。`).join("\n\n");
  writeFileSync(
    join(site, "posts", "2025-W50-charts.md"),
    `---\ntitle: 图表周报\ndescription: 两张图\ndate: 2025-12-11\ntags: [AI]\n---\n\n![算力增长曲线](charts/wide.png)\n\n${filler}\n\n![机房照片](charts/photo.jpg)\n\n结尾。\n`,
  );
}

before(async () => {
  // This blog as it is, built once for every file of the run that reads it.
  blogOutput = (await sharedBuild(ROOT)).output;
  readersSite = copySite("scheduled");
  addLongTag(readersSite);
  await addCharts(readersSite);
  readersOutput = tempOutput("reader-site");
  const readersBuilt = runEleventy(readersSite, readersOutput, { WEEKLY_NOW: NOW });
  assert.equal(readersBuilt.status, 0, readersBuilt.stderr);
  blog = await serveFolder(blogOutput);
  readers = await serveFolder(readersOutput);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.context.close();
  await blog?.close();
  await readers?.close();
  for (const dir of [readersSite, readersOutput]) if (dir) removeOutput(dir);
});

/** The result links Pagefind shows, once it shows any. */
async function resultLinks(page: Page): Promise<string[]> {
  const results = page.locator(".pagefind-ui__result-link");
  await results.first().waitFor({ timeout: 15_000 });
  return results.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

describe("search from every page", () => {
  test("the header's form on a report lands on the search page with its results", async () => {
    const page = await browser.open(`${blog.url}${W06}`);
    const box = page.locator("form.site-search[role=search] input[name=q]");
    await box.fill("智能体");
    await box.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search/" && url.searchParams.get("q") === "智能体");
    assert.ok((await resultLinks(page)).includes(W06));
  });

  test("the header's form is a plain GET to the search page on every kind of page", async () => {
    for (const path of ["/", W06, "/weekly_news/ai_news_2026-W06/", "/tags/", "/archive/"]) {
      const page = await browser.open(`${blog.url}${path}`);
      const form = page.locator("form.site-search");
      assert.equal(await form.getAttribute("method"), "get", path);
      assert.equal(new URL(await form.evaluate((f) => (f as HTMLFormElement).action)).pathname, "/search/", path);
    }
  });

  for (const query of ["智能体", "代理"]) {
    test(`a shared link /search/?q=${query} runs the search on load`, async () => {
      const page = await browser.open(`${blog.url}/search/?q=${encodeURIComponent(query)}`);
      assert.ok((await resultLinks(page)).includes(W06), query);
      assert.equal(await page.locator(".pagefind-ui__search-input").inputValue(), query);
    });
  }

  test("typing keeps the address in step, so it can be shared; an empty box drops ?q=", async () => {
    const page = await browser.open(`${blog.url}/search/`);
    const input = page.locator(".pagefind-ui__search-input");
    await input.fill("算力");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "算力");
    await input.fill("");
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("q"));
  });

  test("/ focuses the search box, on a report and on the search page, but not while typing", async () => {
    const page = await browser.open(`${blog.url}${W06}`);
    await page.keyboard.press("/");
    assert.ok(await page.evaluate(() => document.activeElement?.matches("form.site-search input[name=q]")));
    assert.equal(await page.locator("form.site-search input[name=q]").inputValue(), "", "the / itself is not typed");
    await page.keyboard.type("a/b");
    assert.equal(await page.locator("form.site-search input[name=q]").inputValue(), "a/b");
    await browser.open(`${blog.url}/search/`);
    await page.locator(".pagefind-ui__search-input").waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("/");
    assert.ok(await page.evaluate(() => document.activeElement?.matches(".pagefind-ui__search-input")));
  });
});

describe("social cards", () => {
  for (const [name, path] of [["report", W06], ["home", "/"]] as const) {
    test(`the ${name}'s og:image is a 1200×630 PNG that the site serves`, async () => {
      const page = await browser.open(`${blog.url}${path}`);
      const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");
      assert.equal(await meta("twitter:card"), "summary_large_image");
      assert.equal(await meta("og:image:width"), "1200");
      assert.equal(await meta("og:image:height"), "630");
      assert.ok(((await meta("og:image:alt")) ?? "").length > 0);
      const image = new URL((await meta("og:image"))!);
      assert.match(image.protocol, /^https?:$/, "absolute");
      const response = await page.request.get(`${blog.url}${image.pathname}`);
      assert.equal(response.status(), 200, image.pathname);
      const bytes = await response.body();
      assert.deepEqual(imageSize(bytes), { height: 630, width: 1200, type: "png" });
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(join(SCREENSHOTS, `card-${name}.png`), bytes);
    });
  }

  test("a held-back report has no card, while the report published before it has one", async () => {
    const card = (path: string) => browser.context.request.get(`${readers.url}/cards${path}index.png`);
    assert.equal((await browser.context.request.get(`${readers.url}${HELD_BACK}`)).status(), 404);
    assert.equal((await card(HELD_BACK)).status(), 404);
    const published = await card("/posts/2026-W07-ai-weekly/");
    assert.equal(published.status(), 200);
    assert.deepEqual(imageSize(await published.body()), { height: 630, width: 1200, type: "png" });
  });
});

describe("responsive images", () => {
  test("a 2000 px PNG and a JPEG: AVIF and WebP sources, width and height, lazy below the first screen, no layout shift", async () => {
    const page = await browser.open(`${readers.url}${CHARTS}`);
    await page.evaluate(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const pictures = page.locator(".content picture");
    assert.equal(await pictures.count(), 2);
    for (let i = 0; i < 2; i++) {
      const picture = pictures.nth(i);
      for (const type of ["image/avif", "image/webp"]) {
        const srcset = (await picture.locator(`source[type="${type}"]`).getAttribute("srcset")) ?? "";
        assert.match(srcset, /\s\d+w/, `${i}: ${type} has widths`);
      }
      const img = picture.locator("img");
      assert.ok(Number(await img.getAttribute("width")) > 0 && Number(await img.getAttribute("height")) > 0, `${i}: width and height`);
      assert.ok(((await img.getAttribute("alt")) ?? "").length > 0);
    }
    assert.equal(await pictures.nth(1).locator("img").getAttribute("loading"), "lazy");
    // Down the page and back: every image loads, from the AVIF source, and nothing moved.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => [...document.querySelectorAll(".content picture img")].every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
    const sources = await pictures.locator("img").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).currentSrc));
    for (const source of sources) assert.match(source, /\.avif$/, source);
    const wide = await pictures.first().locator("img").evaluate((img) => [(img as HTMLImageElement).naturalWidth, img.getBoundingClientRect().width]);
    assert.ok(wide[0]! < 2000, `the browser was given a smaller width than the original: ${wide[0]}`);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { shift: number }).shift), 0);
  });
});

describe("a tag of 45 reports", () => {
  const tagPath = `/tags/${LONG_TAG}/`;

  test("three pages of 20, 20 and 5, walked by their next and previous links", async () => {
    const page = await browser.open(`${readers.url}${encodeURI(tagPath)}`);
    const counts: number[] = [];
    const paths: string[] = [];
    for (;;) {
      paths.push(decodeURI(new URL(page.url()).pathname));
      counts.push(await page.locator("main .report-list > li").count());
      const next = page.locator("nav.pager a[rel=next]");
      if ((await next.count()) === 0) break;
      assert.equal(await page.locator('head link[rel="next"]').getAttribute("href"), await next.getAttribute("href"));
      await next.click();
      await page.waitForLoadState();
    }
    assert.deepEqual(paths, [tagPath, `${tagPath}2/`, `${tagPath}3/`]);
    assert.deepEqual(counts, [20, 20, 5]);
    await page.locator("nav.pager a[rel=prev]").click();
    assert.equal(decodeURI(new URL(page.url()).pathname), `${tagPath}2/`);
  });

  test("its feed, named in the page's head, parses and holds only the tag's reports", async () => {
    const page = await browser.open(`${readers.url}${encodeURI(tagPath)}`);
    const href = await page.locator('head link[rel="alternate"][type="application/atom+xml"]').last().getAttribute("href");
    const response = await page.request.get(new URL(href!, page.url()).href);
    assert.equal(response.status(), 200);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await response.text()) as { feed: { entry: Array<{ title: string }> } };
    const entries = [feed.feed.entry].flat();
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.match(String(entry.title), /^长篇第 \d+ 期$/);
  });
});

describe("related reports", () => {
  test("each report's related reports are published pages (never the held-back one), at most three", async () => {
    const page = await browser.open(`${readers.url}/posts/2026-W07-ai-weekly/`);
    const seen: string[] = [];
    for (const path of ["/posts/2026-W05-ai-weekly/", "/posts/2026-W06-ai-weekly/", "/posts/2026-W07-ai-weekly/", CHARTS, "/posts/2025-W10-long/"]) {
      await browser.open(`${readers.url}${path}`);
      const links = await page.locator("aside.related-reports a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      assert.ok(links.length <= 3, path);
      for (const link of links) {
        assert.notEqual(link, path, "never itself");
        assert.notEqual(link, HELD_BACK);
        assert.equal((await page.request.get(new URL(link, `${readers.url}${path}`).href)).status(), 200, link);
      }
      seen.push(...links);
    }
    assert.ok(seen.length > 0, "some report has related reports");
  });
});

describe("Chinese typography", () => {
  test("Chromium spaces Chinese and Latin text apart (text-autospace) without a change to the text", async () => {
    const page = await browser.open(`${blog.url}${W06}`);
    assert.ok(await page.evaluate(() => CSS.supports("text-autospace", "normal")));
    const paragraph = page.locator(".content p", { hasText: "AI模型" }).first();
    const text = await paragraph.textContent();
    assert.ok(text!.includes("AI模型"), "the author's text is as written");
    const width = () => paragraph.evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      return [...range.getClientRects()].reduce((sum, rect) => sum + rect.width, 0);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await paragraph.screenshot({ path: join(SCREENSHOTS, "typography-spaced.png") });
    const spaced = await width();
    await page.addStyleTag({ content: "* { text-autospace: no-autospace !important; }" });
    await paragraph.screenshot({ path: join(SCREENSHOTS, "typography-unspaced.png") });
    const unspaced = await width();
    assert.ok(spaced > unspaced, `spaced ${spaced} > unspaced ${unspaced}`);
  });
});

describe("the feed in a browser", () => {
  test("/feed.xml opens as a page with the site's title and a way to subscribe", async () => {
    const page = await browser.open(`${blog.url}/feed.xml`);
    assert.equal((await page.locator("h1").first().textContent())?.trim(), "AI 周报");
    assert.ok((await page.locator(`a[href$="/posts/2026-W06-ai-weekly/"]`).count()) > 0, "the reports are linked");
  });
});

describe("every new kind of page", () => {
  const kinds: Array<[string, () => string]> = [
    ["tag page 2", () => `${readers.url}${encodeURI(`/tags/${LONG_TAG}/2/`)}`],
    ["report with images", () => `${readers.url}${CHARTS}`],
    ["search from a shared link", () => `${blog.url}/search/?q=${encodeURIComponent("智能体")}`],
    ["feed", () => `${blog.url}/feed.xml`],
    ["report with related reports", () => `${readers.url}/posts/2025-W10-long/`],
  ];
  for (const scheme of ["light", "dark"] as const) {
    for (const [kind, url] of kinds) {
      test(`${kind} (${scheme}): no accessibility violations (axe-core)`, async () => {
        const page = await browser.open(url());
        await page.emulateMedia({ colorScheme: scheme });
        if (kind.startsWith("search")) await resultLinks(page);
        // On a feed, Chromium adds a banner of its own about XSLT's removal: the browser's, not the site's.
        assert.deepEqual(await axeViolations(page, kind === "feed" ? ["xslt-warning-banner"] : []), []);
      });
    }
  }

  test("at 360 px nothing overflows sideways; screenshots, light and dark", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await browser.open(`${blog.url}/`);
    for (const [width, height, size] of [[1280, 900, "desktop"], [360, 780, "phone"]] as const) {
      await page.setViewportSize({ width, height });
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [kind, url] of kinds) {
          await page.goto(url());
          if (kind.startsWith("search")) await resultLinks(page);
          const overflow = await sidewaysOverflow(page);
          assert.equal(overflow, 0, `${kind} overflows by ${overflow}px at ${width}px`);
          await page.screenshot({ path: join(SCREENSHOTS, `${kind.replace(/\s+/g, "-")}-${size}-${scheme}.png`), fullPage: size === "phone" });
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("no page logged an error to the console", () => {
    assert.deepEqual(browser.consoleErrors, []);
  });
});
