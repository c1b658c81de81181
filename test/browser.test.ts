// The built site in a real browser: Debian's Chromium driven by playwright-core. A reader's path
// through the pages, console errors, accessibility (axe-core) of every kind of page in light and
// dark, Chinese search, layout at 360 px, and screenshots in test/.output/screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { HtmlValidate } from "html-validate";
import { addEarlierYears, copySite, readSite, removeOutput, ROOT, runEleventy, tempOutput } from "./helpers.js";
import { sharedBuild } from "./sharedBuild.js";
import { serveFolder, type StaticSite } from "./staticServer.js";
import { axeViolations, launchBrowser, SCREENSHOTS, type Browser } from "./browserKit.js";

let blogOutput: string;
let fixture: string;
let fixtureOutput: string;
let blog: StaticSite;
let weeks: StaticSite;
let hostileOutput: string;
let hostile: StaticSite;
let prefixedOutput: string;
let prefixed: StaticSite;
let yearsFixture: string;
let yearsOutput: string;
let years: StaticSite;
let browser: Browser;

before(async () => {
  // This blog as it is, and the hostile fixture, built once for every file of the run that reads them.
  blogOutput = (await sharedBuild(ROOT)).output;
  // Four weekly reports through the blog's own layouts, all published, for previous and next.
  fixture = copySite("scheduled");
  fixtureOutput = tempOutput("browser-weeks");
  const weeksBuilt = runEleventy(fixture, fixtureOutput, { WEEKLY_NOW: "2026-02-19T08:00:01" });
  assert.equal(weeksBuilt.status, 0, weeksBuilt.stderr);
  // Titles, tags and digest items full of markup and script (test/fixtures/hostile).
  hostileOutput = (await sharedBuild("hostile", { WEEKLY_NOW: "2026-02-20T12:00" })).output;
  // The blog as a GitHub Pages project site would serve it: under /blog/ only.
  prefixedOutput = tempOutput("browser-prefixed");
  const prefixedBuilt = runEleventy(ROOT, prefixedOutput, {}, ["--pathprefix", "/blog/"]);
  assert.equal(prefixedBuilt.status, 0, prefixedBuilt.stderr);
  // Reports of 2024, 2025 and 2026 under /blog/: a search index in three parts, merged in the browser.
  yearsFixture = copySite("scheduled");
  addEarlierYears(yearsFixture);
  yearsOutput = tempOutput("browser-years");
  const yearsBuilt = runEleventy(yearsFixture, yearsOutput, { WEEKLY_NOW: "2026-02-19T08:00:01" }, ["--pathprefix", "/blog/"]);
  assert.equal(yearsBuilt.status, 0, yearsBuilt.stderr);
  prefixed = await serveFolder(prefixedOutput, "/blog/");
  years = await serveFolder(yearsOutput, "/blog/");
  blog = await serveFolder(blogOutput);
  weeks = await serveFolder(fixtureOutput);
  hostile = await serveFolder(hostileOutput);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.context.close();
  await blog?.close();
  await weeks?.close();
  await hostile?.close();
  await prefixed?.close();
  await years?.close();
  for (const dir of [fixtureOutput, fixture, prefixedOutput, yearsFixture, yearsOutput]) if (dir) removeOutput(dir);
});

function open(url: string): Promise<Page> {
  return browser.open(url);
}

describe("a reader's path", () => {
  test("home → latest report → its tag → back → previous report → its digest → back to the report", async () => {
    const page = await open(`${weeks.url}/`);
    await page.getByRole("link", { name: "W08 带时区的未来周报" }).click();
    assert.equal(await page.locator("h1").textContent(), "W08 带时区的未来周报");
    assert.match(await page.locator(".reading-time").textContent() ?? "", /^阅读约 \d+ 分钟$/);

    await page.locator("a[rel=tag]", { hasText: "AI" }).click();
    assert.equal(new URL(page.url()).pathname, "/tags/ai/");
    assert.deepEqual(await page.locator("main li a").allTextContents(), [
      "W08 带时区的未来周报",
      "W07 尚未上线的秘密周报",
      "W06 按日期定时的周报",
      "W05 已发布周报",
    ]);
    await page.goBack();

    await page.locator("a[rel=prev]").click();
    assert.equal(await page.locator("h1").textContent(), "W07 尚未上线的秘密周报");
    assert.equal(await page.locator("a[rel=next]").getAttribute("href"), "/posts/2026-W08-ai-weekly/");

    await page.locator(".content a", { hasText: "AI Weekly Digest — 2026-W07" }).click();
    assert.equal(new URL(page.url()).pathname, "/weekly_news/ai_news_2026-W07/");
    assert.equal(await page.locator(".week").first().textContent(), "2026-W07");
    await page.locator(".cited-by a", { hasText: "W07 尚未上线的秘密周报" }).click();
    assert.equal(new URL(page.url()).pathname, "/posts/2026-W07-ai-weekly/");
  });

  test("the table of contents jumps to its section", async () => {
    const page = await open(`${blog.url}/posts/2026-W06-ai-weekly/`);
    await page.locator(".toc a", { hasText: "趋势展望" }).click();
    assert.equal(decodeURIComponent(new URL(page.url()).hash), "#趋势展望");
    assert.ok(await page.locator("#趋势展望").isVisible());
  });
});

describe("search in Chinese", () => {
  for (const scheme of ["light", "dark"] as const) {
    test(`search results (${scheme}): no accessibility violations (axe-core)`, async () => {
      const page = await open(`${blog.url}/search/`);
      await page.emulateMedia({ colorScheme: scheme });
      await page.locator(".pagefind-ui__search-input").fill("智能体");
      await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
      assert.deepEqual(await axeViolations(page), []);
    });
  }
  for (const query of ["智能体", "代理"]) {
    test(`searching ${query} finds the W06 report`, async () => {
      const page = await open(`${blog.url}/search/`);
      await page.locator(".pagefind-ui__search-input").fill(query);
      const results = page.locator(".pagefind-ui__result-link");
      await results.first().waitFor({ timeout: 15_000 });
      const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
      assert.ok(hrefs.includes("/posts/2026-W06-ai-weekly/"), `${query} → ${hrefs.join(", ")}`);
    });
  }
});

describe("search across the index's parts by year", () => {
  const search = async (query: string) => {
    const page = await open(`${years.url}/blog/search/`);
    await page.locator(".pagefind-ui__search-input").fill(query);
    const results = page.locator(".pagefind-ui__result-link");
    await results.first().waitFor({ timeout: 15_000 });
    // Every part has answered once the count of results is shown.
    await page.locator(".pagefind-ui__message").filter({ hasText: /\d/ }).waitFor({ timeout: 15_000 });
    return results.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  };

  test("the index is in three parts: pagefind/ (2024) and the 2025 and 2026 parts it names", () => {
    assert.deepEqual(JSON.parse(readFileSync(join(yearsOutput, "pagefind", "weekly-shards.json"), "utf8")), ["2025/", "2026/"]);
    for (const part of ["2025", "2026"]) {
      assert.ok(existsSync(join(yearsOutput, "pagefind", part, "pagefind-entry.json")), part);
      assert.ok(!existsSync(join(yearsOutput, "pagefind", part, "pagefind-ui.js")), `${part}: the UI is the first part's`);
    }
  });

  for (const [query, first, second] of [
    ["量子计算", "2024-W20", "2025-W50"],
    ["机器人", "2025-W50", "2024-W20"],
  ] as const) {
    test(`searching ${query} finds reports of two parts, the one about it first (${first})`, async () => {
      const hrefs = await search(query);
      assert.equal(hrefs[0], `/blog/posts/${first}-ai-weekly/`, hrefs.join(", "));
      assert.ok(hrefs.includes(`/blog/posts/${second}-ai-weekly/`), hrefs.join(", "));
    });
  }

  test("a word of a 2026 report finds it, from the third part, under /blog/", async () => {
    const hrefs = await search("第五周");
    assert.equal(hrefs[0], "/blog/posts/2026-W05-ai-weekly/", hrefs.join(", "));
  });
});

describe("the blog under a sub-path (/blog/)", () => {
  test("the search UI loads from /blog/pagefind/, and searching 代理 finds the W06 report under /blog/, which opens", async () => {
    const page = await open(`${prefixed.url}/blog/search/`);
    const sheets = await page.evaluate(() => [...document.styleSheets].map((sheet) => sheet.href).filter(Boolean));
    assert.ok(sheets.includes(`${prefixed.url}/blog/pagefind/pagefind-ui.css`), sheets.join(", "));
    await page.locator(".pagefind-ui__search-input").fill("代理");
    const results = page.locator(".pagefind-ui__result-link");
    await results.first().waitFor({ timeout: 15_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.includes("/blog/posts/2026-W06-ai-weekly/"), hrefs.join(", "));
    await page.locator('.pagefind-ui__result-link[href="/blog/posts/2026-W06-ai-weekly/"]').click();
    await page.waitForURL(`${prefixed.url}/blog/posts/2026-W06-ai-weekly/`);
    assert.ok((await page.locator("h1").textContent())!.includes("人工智能周报"));
  });
});

describe("hostile text in a browser", () => {
  test("pages and search results show markup and script as text; nothing runs", async () => {
    const page = await open(`${hostile.url}/`);
    const dialogs: string[] = [];
    const onDialog = (dialog: import("playwright-core").Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    };
    page.on("dialog", onDialog);
    try {
      for (const path of ["/", "/posts/2026-W06-hostile/", "/weekly_news/ai_news_2026-W06/", "/archive/", "/tags/"]) await open(`${hostile.url}${path}`);
      await open(`${hostile.url}/posts/2026-W06-hostile/`);
      assert.ok((await page.locator("h1").textContent())!.startsWith('</title><script>alert("t")</script> & \'q\' ]]>'));
      for (const query of ["alert", "onerror", "script"]) {
        await open(`${hostile.url}/search/`);
        await page.locator(".pagefind-ui__search-input").fill(query);
        await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
        const shown = await page.evaluate(() => ({
          titles: [...document.querySelectorAll(".pagefind-ui__result-link")].map((a) => a.textContent),
          injected: document.querySelectorAll(".pagefind-ui script, .pagefind-ui img, .pagefind-ui [onerror], .pagefind-ui [onclick]").length,
          excerpts: [...document.querySelectorAll(".pagefind-ui__result-excerpt")].map((p) => p.textContent ?? ""),
        }));
        assert.equal(shown.injected, 0, query);
        assert.ok(shown.titles.includes("Digest <script>alert('digest')</script> & ]]>"), `${query}: ${JSON.stringify(shown.titles)}`);
        assert.ok(shown.excerpts.some((e) => e.includes("<")), `${query}: the excerpt shows the markup as text`);
      }
      assert.deepEqual(dialogs, []);
    } finally {
      page.off("dialog", onDialog);
    }
  });
});

describe("every kind of page", () => {
  const kinds: Array<[string, () => string]> = [
    ["home", () => `${blog.url}/`],
    ["report", () => `${blog.url}/posts/2026-W06-ai-weekly/`],
    ["digest", () => `${blog.url}/weekly_news/ai_news_2026-W06/`],
    ["tag", () => `${blog.url}/tags/ai/`],
    ["tag index", () => `${blog.url}/tags/`],
    ["archive", () => `${blog.url}/archive/`],
    ["digest index", () => `${blog.url}/weekly_news/`],
    ["search", () => `${blog.url}/search/`],
    ["404", () => `${blog.url}/404.html`],
    ["report with previous and next", () => `${weeks.url}/posts/2026-W06-ai-weekly/`],
    ["report with code and a wide image", () => `${weeks.url}/posts/2026-W05-ai-weekly/`],
  ];
  for (const scheme of ["light", "dark"] as const) {
    for (const [kind, url] of kinds) {
      test(`${kind} (${scheme}): no accessibility violations (axe-core)`, async () => {
        const page = await open(url());
        await page.emulateMedia({ colorScheme: scheme });
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }

  test("at 360 px wide nothing overflows sideways; screenshots at 1280 and 360 px, light and dark", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await open(`${blog.url}/`);
    const shots: Array<[string, string]> = [
      ["home", `${blog.url}/`],
      ["report", `${blog.url}/posts/2026-W06-ai-weekly/`],
      ["digest", `${blog.url}/weekly_news/ai_news_2026-W06/`],
      ["archive", `${weeks.url}/archive/`],
      ["code-and-wide-image", `${weeks.url}/posts/2026-W05-ai-weekly/`],
    ];
    for (const [width, height, size] of [[1280, 900, "desktop"], [360, 780, "phone"]] as const) {
      await page.setViewportSize({ width, height });
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [name, url] of shots) {
          await page.goto(url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.equal(overflow, 0, `${name} overflows by ${overflow}px at ${width}px`);
          const file = join(SCREENSHOTS, `${name}-${size}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: size === "phone" });
          assert.ok(existsSync(file));
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("no page logged an error to the console", () => {
    assert.deepEqual(browser.consoleErrors, []);
  });
});

describe("links across the whole site", () => {
  for (const [name, output] of [["the blog", () => blogOutput], ["the four weeks", () => fixtureOutput]] as const) {
    test(`${name}: every internal link, stylesheet, script and image resolves, with its #fragment`, () => {
      const site = readSite(output());
      const broken: string[] = [];
      for (const [file, html] of site.files) {
        if (!file.endsWith(".html")) continue;
        const doc = site.page(`/${file}`);
        for (const element of Array.from(doc.querySelectorAll("a[href], link[href], script[src], img[src]"))) {
          const value = element.getAttribute("href") ?? element.getAttribute("src")!;
          if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) continue; // another site, mailto:, data:
          const target = new URL(value, `http://site/${file}`);
          const path = target.pathname.endsWith("/") ? `${target.pathname}index.html` : target.pathname;
          if (!site.has(path)) {
            broken.push(`${file}: ${value}`);
            continue;
          }
          const id = decodeURIComponent(target.hash.slice(1));
          if (id && path.endsWith(".html") && !site.page(path).getElementById(id)) broken.push(`${file}: ${value} (no #${id})`);
        }
        void html;
      }
      assert.deepEqual(broken, []);
    });
  }

  test("the four weeks (pager, archive of several reports): every page passes html-validate", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    const errors: string[] = [];
    for (const [file, html] of readSite(fixtureOutput).files) {
      if (!file.endsWith(".html")) continue;
      const report = await validator.validateString(html, file);
      errors.push(...report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)));
    }
    assert.deepEqual(errors, []);
  });
});
