// The plugin as a guest in the most common Eleventy blog: a site shaped like eleventy-base-blog v9
// (test/fixtures/base-blog), built without the plugin and with it. Every page of the site's own is
// the same byte for byte; the plugin's report is there, linked to its digest and in its feed; where
// the site has a page at an address the plugin would generate, the site's wins and one line says so.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { XMLParser } from "fast-xml-parser";
import { copySite, listFiles, outputLines, runEleventy, tempOutput, WEEKLY_BIN } from "./helpers.js";

const NOW = { WEEKLY_NOW: "2026-03-01T12:00" };
/** The plugin's own pages in the fixture: everything else in the starter's output is the site's. */
const OWN_PAGES = ["posts/2026-W06-ai-weekly/index.html", "weekly_news/ai_news_2026-W06/index.html"];
const YIELD_LINES = [
  "[weekly] the site has its own /; the weekly home page is not generated (layouts.home: false leaves it out quietly).",
  '[weekly] the site has its own /tags/; the weekly tag pages are not generated (tagsPath: "weekly-tags" puts them at /weekly-tags/).',
  "[weekly] the site has its own /404.html; the weekly 404 page is not generated (layouts.notFound: false leaves it out quietly).",
  "[weekly] the site has its own /sitemap.xml; the weekly sitemap is not generated (the weekly pages are in the site's collections.all, and weeklySitemap() lists them; sitemap: false leaves it out quietly).",
];

/** The starter's includes folder moved inside its input folder: the other place a site keeps them. */
function includesInside(site: string): void {
  renameSync(join(site, "_includes"), join(site, "content", "_includes"));
  const config = join(site, "starter.config.js");
  writeFileSync(config, readFileSync(config, "utf8").replace('includes: "../_includes"', 'includes: "_includes"'));
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("a site shaped like eleventy-base-blog, with the plugin", () => {
  let site: string;
  let starter: string;
  let weekly: string;
  let lines: string[];
  before(() => {
    site = copySite("base-blog");
    starter = tempOutput("starter");
    weekly = tempOutput("guest");
    const plain = runEleventy(site, starter, NOW, ["--config=starter.config.js"]);
    assert.equal(plain.status, 0, plain.stderr);
    const run = runEleventy(site, weekly, NOW);
    assert.equal(run.status, 0, run.stderr);
    lines = outputLines(run);
  });
  after(() => {
    for (const dir of [site, starter, weekly]) rmSync(dir, { recursive: true, force: true });
  });

  test("every page of the site's own is the same byte for byte as without the plugin", () => {
    const own = listFiles(starter).filter((file) => !OWN_PAGES.includes(file));
    assert.ok(own.includes("sitemap.xml") && own.includes("tags/index.html") && own.includes("feed/feed.xml") && own.includes("404.html"), own.join(", "));
    for (const file of own) assert.equal(read(weekly, file), read(starter, file), file);
  });

  test("the site's posts keep their date-only dates: 2018-09-30 stays 2018-09-30", () => {
    const doc = parseHTML(read(weekly, "blog/secondpost/index.html")).document;
    assert.equal(doc.querySelector("time")?.getAttribute("datetime"), "2018-09-30");
    assert.match(read(weekly, "blog/index.html"), /datetime="2018-05-01">May 2018</);
  });

  test("the site's tag list and tag pages name only the tags of its pages, none of the plugin's lists", () => {
    const tags = [...parseHTML(read(weekly, "tags/index.html")).document.querySelectorAll("a.post-tag")].map((a) => a.textContent);
    // The draft's tag too: the starter's preprocessor drops the draft after Eleventy has read its tags.
    assert.deepEqual(tags, ["AI", "another tag", "number 2", "second tag"]);
    assert.deepEqual(listFiles(weekly).filter((file) => file.startsWith("tags/")), ["tags/ai/index.html", "tags/another-tag/index.html", "tags/index.html", "tags/number-2/index.html", "tags/second-tag/index.html"]);
  });

  test("the report is written, linked to its digest, and in the plugin's feed", () => {
    const report = parseHTML(read(weekly, OWN_PAGES[0]!)).document;
    assert.ok([...report.querySelectorAll("a")].some((a) => a.getAttribute("href") === "/weekly_news/ai_news_2026-W06/"), "the link to the digest");
    const feed = new XMLParser().parse(read(weekly, "feed.xml")) as { feed: { entry: { title: string } | Array<{ title: string }> } };
    assert.deepEqual([feed.feed.entry].flat().map((entry) => entry.title), ["2026年W06人工智能周报"]);
  });

  test("the report is in the search index, read as Chinese: the plugin's pages take the site's language in the starter's layout", () => {
    const entry = JSON.parse(read(weekly, "pagefind/pagefind-entry.json")) as { languages: Record<string, { page_count: number }> };
    assert.deepEqual(Object.keys(entry.languages), ["zh-cn"]);
    assert.ok(entry.languages["zh-cn"]!.page_count >= 1);
    assert.equal(parseHTML(read(weekly, OWN_PAGES[0]!)).document.documentElement.getAttribute("lang"), "zh-CN");
    assert.equal(parseHTML(read(weekly, "blog/firstpost/index.html")).document.documentElement.getAttribute("lang"), "en");
  });

  test("the starter's IdAttributePlugin leaves no heading of the plugin's pages with an empty id", () => {
    const plugins = [...OWN_PAGES, ...listFiles(weekly).filter((file) => file.endsWith(".html") && !listFiles(starter).includes(file))];
    assert.ok(plugins.includes("archive/index.html"), plugins.join(" "));
    for (const file of plugins) {
      const empty = [...parseHTML(read(weekly, file)).document.querySelectorAll("[id]")].filter((element) => element.getAttribute("id") === "");
      assert.deepEqual(empty.map((element) => element.outerHTML), [], file);
    }
  });

  test("each page the site has at the plugin's addresses is named once, and the plugin writes the others", () => {
    for (const line of YIELD_LINES) assert.equal(lines.filter((l) => l === line).length, 1, line);
    assert.equal(lines.filter((l) => l.startsWith("[weekly] the site has its own")).length, YIELD_LINES.length, lines.join("\n"));
    for (const file of ["archive/index.html", "weekly_news/index.html", "search/index.html", "feed.xml", "feed.json", "robots.txt"]) assert.ok(listFiles(weekly).includes(file), file);
    // Nor the social card of a home page it did not make.
    assert.ok(!listFiles(weekly).includes("cards/index.png"));
  });

  test("the site's draft is the site's: the plugin's summary counts only its own pages", () => {
    assert.ok(lines.includes("[weekly] published 1 report and 1 digest; scheduled: none; drafts: none; nothing is waiting to go live."), lines.join("\n"));
  });

  test("weekly check finds what the build finds: no problem in the site's own pages", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [WEEKLY_BIN, "check", "--format", "json"], { cwd: site, env: { ...process.env, ...NOW }, encoding: "utf8" });
    const found = JSON.parse(stdout) as { files: number; problems: unknown[] };
    assert.deepEqual(found.problems, []);
  });
});

describe("the same site with its includes inside the input folder, served from a folder (--pathprefix=/blog/), where both add Eleventy's <base> plugin", () => {
  test("every page of the site's own is the same byte for byte as without the plugin", () => {
    const site = copySite("base-blog");
    includesInside(site);
    const [starter, weekly] = [tempOutput("starter-prefix"), tempOutput("guest-prefix")];
    try {
      const plain = runEleventy(site, starter, NOW, ["--config=starter.config.js", "--pathprefix=/blog/"]);
      assert.equal(plain.status, 0, plain.stderr);
      const run = runEleventy(site, weekly, NOW, ["--pathprefix=/blog/"]);
      assert.equal(run.status, 0, run.stderr);
      const own = listFiles(starter).filter((file) => !OWN_PAGES.includes(file));
      assert.match(read(starter, "blog/index.html"), /href="\/blog\/blog\/firstpost\/"/);
      for (const file of own) assert.equal(read(weekly, file), read(starter, file), file);
    } finally {
      for (const dir of [site, starter, weekly]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
