// Pages of the site's own beside the reports: an about page gets the page layout, and the
// navigation comes from the plugin's pages and the site's `nav` option.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { all, copySite, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";

describe("an about page and a navigation link to it", () => {
  let site: string;
  let built: BuiltSite;
  before(() => {
    site = copySite("scheduled");
    const config = join(site, "eleventy.config.js");
    // The site asks for the page layout: without it, a page of its own is left as the site has it.
    writeFileSync(config, readFileSync(config, "utf8").replace('site: { title: "定时发布测试站"', 'layouts: { page: "layouts/page.njk" }, nav: [{ text: "关于", url: "/about/" }], site: { title: "定时发布测试站"'));
    writeFileSync(join(site, "about.md"), "---\ntitle: 关于本站\n---\n\n这是一份每周的**人工智能**周报。\n");
    writeFileSync(join(site, "bare.md"), "---\ntitle: 裸页\nlayout: false\n---\n\n只有正文。\n");
    const output = tempOutput("pages");
    const run = runEleventy(site, output, { WEEKLY_NOW: "2026-02-13T00:00" });
    assert.equal(run.status, 0, run.stderr);
    built = readSite(output);
  });
  after(() => {
    removeOutput(built);
    removeOutput(site);
  });

  test("a Markdown page without a layout is a whole page of the site: its title as the one <h1>, the header, the body", () => {
    const doc = built.page("/about/");
    assert.deepEqual(all(doc, "h1").map(text), ["关于本站"]);
    assert.equal(text(doc.querySelector("title")), "关于本站 · 定时发布测试站");
    assert.equal(text(doc.querySelector(".site-title")), "定时发布测试站");
    assert.equal(text(doc.querySelector(".content strong")), "人工智能");
  });

  test("layout: false keeps a page bare", () => {
    assert.equal(built.files.get("bare/index.html")?.trim(), "<p>只有正文。</p>");
  });

  test("every page's navigation lists the plugin's pages, then the site's own link; the current page is marked", () => {
    const nav = (url: string) => all(built.page(url), ".site-header nav a").map((a) => [text(a), a.getAttribute("href"), a.getAttribute("aria-current")]);
    for (const url of ["/", "/posts/2026-W06-ai-weekly/", "/tags/"]) {
      assert.deepEqual(nav(url).map(([label, href]) => [label, href]), [["归档", "/archive/"], ["标签", "/tags/"], ["热词", "/trends/"], ["新闻摘要", "/weekly_news/"], ["搜索", "/search/"], ["关于", "/about/"]], url);
    }
    assert.deepEqual(nav("/about/").find(([label]) => label === "关于"), ["关于", "/about/", "page"]);
  });
});
