// The hot words, trends and year pages of a built site of 64 planted weeks (test/trendsKit.ts), as
// a reader gets them: the rising word first and linked, the weekly counts exact, the year's numbers
// those planted, links from the archive and home page, the sitemap, the same bytes from a second
// build, nothing of the report not yet live, nothing made when the pages are off; clean for
// html-validate and axe, and legible in Chromium at 360 and 1280 px, light and dark.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { all, asRead, buildSite, inFolder, listFiles, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";
import { axeViolations, CHROMIUM, launchBrowser, SCREENSHOTS, sidewaysOverflow, type Browser } from "./browserKit.js";
import { serveFolder, type StaticSite } from "./staticServer.js";
import { COOLING, HELD_TAG, HELD_WORD, NOW, plantedReports, RISING, trendsSite, WEEKS } from "./trendsKit.js";

const planted = plantedReports();
let siteDir: string;
let site: BuiltSite;
let output: string;

const build = (config = "eleventy.config.js", out = tempOutput("trends")) => inFolder(siteDir, { WEEKLY_NOW: NOW }, () => buildSite(siteDir, join(siteDir, config), out));

before(async () => {
  siteDir = trendsSite();
  output = tempOutput("trends");
  site = await build("eleventy.config.js", output);
});
after(() => {
  removeOutput(site);
  rmSync(siteDir, { recursive: true, force: true });
});

describe("/trends/", () => {
  test(`the hot words: ${RISING} first and largest, linked to its tag's page; every word a link with its counts as text`, () => {
    const words = all(site.page("/trends/"), ".hot-words li");
    assert.ok(words.length > 0);
    const first = words[0]!;
    assert.equal(text(first.querySelector("a")), RISING);
    assert.equal(first.getAttribute("class"), "hot-5");
    assert.equal(first.querySelector("a")!.getAttribute("href"), all(site.page("/tags/"), ".tag-index a").find((a) => text(a) === RISING)!.getAttribute("href"));
    assert.equal(text(first.querySelector(".count")), "最近 32 次，此前 0 次");
    for (const word of words) assert.ok(word.querySelector("a")?.getAttribute("href"), `${text(word)} has no link`);
  });

  test("a word that is no tag links to the search page asked for it", () => {
    const word = all(site.page("/trends/"), ".hot-words a").find((a) => text(a) === "计算")!;
    assert.equal(word.getAttribute("href"), `/search/?q=${encodeURIComponent("计算")}`);
  });

  test(`each week's count of ${RISING} is in its chart's description, exact, and the latest beside it`, () => {
    const item = all(site.page("/trends/"), ".trend-list li").find((li) => text(li.querySelector(".trend-name")) === RISING)!;
    const desc = text(item.querySelector("svg desc"));
    const weekly = [...desc.matchAll(/(\d{4}-W\d{2}) (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(weekly, planted.slice(WEEKS - 52).map((r, i) => [r.key, i >= 44 ? 4 : 0]));
    assert.equal(text(item.querySelector(".count")), "共 32 次，最近一周 4 次");
    assert.equal(item.querySelector("svg")!.getAttribute("role"), "img");
    assert.equal(text(item.querySelector("svg title")), `「${RISING}」每周提到的次数`);
  });

  test(`rising: ${RISING} first (0 → 32); cooling: ${COOLING} among them (39 → 0)`, () => {
    const rows = (id: string) => all(site.page("/trends/"), `section[aria-labelledby="${id}"] tbody tr`).map((tr) => [text(tr.querySelector("th")), ...all(tr, "td").map(text)]);
    assert.deepEqual(rows("rising")[0], [RISING, "0", "32"]);
    assert.ok(rows("cooling").some((row) => row[0] === COOLING && row[1] === "39" && row[2] === "0"), JSON.stringify(rows("cooling")));
  });
});

describe("/years/", () => {
  test("a page for each year with reports, with its numbers as planted and the years around it", () => {
    for (const [year, reports, items, prev, next] of [[2025, 52, 12, undefined, 2026], [2026, 12, 1, 2025, undefined]] as const) {
      const page = site.page(`/years/${year}/`);
      assert.equal(text(page.querySelector("h1")), `${year} 年回顾`);
      assert.equal(text(page.querySelector(".lede")), `${reports} 期周报，新闻摘要收录 ${items} 条新闻。`);
      const listed = all(page, ".archive-list a").map((a) => a.getAttribute("href"));
      assert.deepEqual(listed, planted.filter((r) => r.weekYear === year).map((r) => `/posts/${r.key}-ai-weekly/`));
      const months = all(page, "h3").map(text);
      assert.deepEqual(months, [...new Set(planted.filter((r) => r.weekYear === year).map((r) => `${year} 年 ${r.thursday.month} 月`))]);
      assert.equal(page.querySelector('a[rel="prev"]')?.getAttribute("href"), prev && `/years/${prev}/`);
      assert.equal(page.querySelector('a[rel="next"]')?.getAttribute("href"), next && `/years/${next}/`);
    }
  });

  test("the most-cited sources of 2025, by items", () => {
    const sources = all(site.page("/years/2025/"), 'section[aria-labelledby="year-sources"] li').map(text);
    assert.deepEqual(sources, ["来源甲 5 条", "来源丙 4 条", "来源乙 3 条"]);
  });

  test("the archive and the home page link to every year; the sitemap lists the new pages", () => {
    for (const url of ["/archive/", "/"]) {
      const links = all(site.page(url), ".year-links a").map((a) => a.getAttribute("href"));
      assert.ok(links.includes("/years/2025/") && links.includes("/years/2026/"), `${url}: ${links.join(", ")}`);
    }
    const sitemap = site.files.get("sitemap.xml")!;
    for (const url of ["/trends/", "/years/2025/", "/years/2026/"]) assert.ok(sitemap.includes(`<loc>https://trends.example.org${url}</loc>`), url);
  });
});

describe("what must hold", () => {
  test("the report not yet live leaves no word and no tag in any file of the output", () => {
    for (const [file, content] of site.files) {
      const read = asRead(content);
      assert.ok(!read.includes(HELD_WORD) && !read.includes(HELD_TAG), `${file} shows what a held-back report says`);
    }
  });

  test("a second build, its words read from the cache, writes the same bytes; so does one with the cache gone", async () => {
    const pages = ["trends/index.html", "years/2025/index.html", "years/2026/index.html"];
    const again = await build();
    rmSync(join(siteDir, ".cache"), { recursive: true, force: true });
    const cold = await build();
    for (const file of pages) {
      assert.equal(again.files.get(file), site.files.get(file), file);
      assert.equal(cold.files.get(file), site.files.get(file), file);
    }
    removeOutput(again);
    removeOutput(cold);
  });

  test("turned off, the pages are not made, not linked, and no word is counted", () => {
    rmSync(join(siteDir, ".cache", "weekly", "words.json"), { force: true });
    // A process of its own: Eleventy keeps a layout compiled with the filters of the first build in this one.
    const out = tempOutput("trends-off");
    const run = runEleventy(siteDir, out, { WEEKLY_NOW: NOW }, ["--config=eleventy.off.config.js"]);
    assert.equal(run.status, 0, run.stderr);
    const off = readSite(out);
    try {
      assert.deepEqual(listFiles(off.output).filter((f) => f.startsWith("trends/") || f.startsWith("years/")), []);
      assert.equal(existsSync(join(siteDir, ".cache", "weekly", "words.json")), false);
      assert.deepEqual(all(off.page("/archive/"), ".year-links a").map((a) => a.getAttribute("href")), []);
      assert.ok(!all(off.page("/"), ".site-header nav a").some((a) => text(a) === "热词"));
    } finally {
      removeOutput(off);
    }
  });

  test("every new page passes html-validate", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const file of ["trends/index.html", "years/2025/index.html", "years/2026/index.html", "archive/index.html", "index.html"]) {
      const report = await validator.validateString(readFileSync(join(output, file), "utf8"), file);
      assert.ok(report.valid, `${file}: ${report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).join("; ")}`);
    }
  });
});

describe("in Chromium", { skip: !existsSync(CHROMIUM) && `${CHROMIUM} is missing` }, () => {
  let browser: Browser;
  let served: StaticSite;
  before(async () => {
    served = await serveFolder(output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.context.close();
    await served?.close();
  });

  for (const path of ["/trends/", "/years/2025/"]) {
    test(`${path}: clean for axe, nothing sideways, at 360 and 1280 px, light and dark`, async () => {
      const page = await browser.open(`${served.url}${path}`);
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        for (const width of [360, 1280]) {
          await page.setViewportSize({ width, height: 900 });
          assert.deepEqual(await axeViolations(page), [], `${path} ${colorScheme} ${width}`);
          assert.equal(await sidewaysOverflow(page), 0, `${path} ${colorScheme} ${width}`);
          await page.screenshot({ path: join(SCREENSHOTS, `trends-${path.replace(/\W+/g, "-").replace(/^-|-$/g, "")}-${width}-${colorScheme}.png`), fullPage: width === 360 });
        }
      }
      // The chart is painted in the site's accent colour, as its links are (here in the dark scheme, the last emulated).
      const [paint, accent] = await page.evaluate(() => {
        const line = document.querySelector(".chart-line");
        const shape = line ?? document.querySelector(".chart-bar")!;
        return [getComputedStyle(shape).getPropertyValue(line ? "stroke" : "fill"), getComputedStyle(document.querySelector("main a")!).color];
      });
      assert.equal(paint, accent, "the chart takes the site's accent colour");
      assert.equal(accent, "rgb(138, 180, 248)", "the dark scheme's accent");
      assert.deepEqual(browser.consoleErrors, []);
    });
  }
});
