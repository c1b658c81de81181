// A second site installs the plugin by its package name and changes every default: folders,
// layouts folder, time zone, tag path, excerpt length and metadata.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { all, buildSite, FIXTURES, removeOutput, text, type BuiltSite } from "./helpers.js";

let site: BuiltSite;
before(async () => {
  site = await buildSite(join(FIXTURES, "second-site"), "eleventy.config.js");
});
after(() => removeOutput(site));

describe("a site with non-default options", () => {
  test("publishes reports from reports/, digests from digests/, tags under /topics/, an Atom feed at /atom.xml, no tag index", () => {
    assert.deepEqual([...site.files.keys()], [
      ".weekly/outputs.json",
      "atom.xml",
      "cards/index.png",
      "cards/reports/2026-W05-report/index.png",
      "cards/reports/2026-W06-report/index.png",
      "digests/news_2026-W05/index.html",
      "digests/news_2026-W06/index.html",
      "feed.xsl",
      "files/notes.txt",
      "index.html",
      "reports/2026-W05-report/index.html",
      "reports/2026-W06-report/index.html",
      "reports/chart.svg",
      "robots.txt",
      "sitemap.xml",
      "topics/人工智能/feed.xml",
      "topics/人工智能/index.html",
      "topics/代理/feed.xml",
      "topics/代理/index.html",
      "trends/index.html",
      "years/2026/index.html",
    ]);
  });

  test("the Atom feed holds only the newest report (feeds.items: 1), the home page still lists both", () => {
    const atom = parseHTML(site.files.get("atom.xml")!).document;
    assert.deepEqual(all(atom, "entry > id").map((id) => id.textContent), ["https://fixture.example.com/reports/2026-W06-report/"]);
    const listed = new Set(all(site.page("/"), 'a[href^="/reports/"]').map((a) => a.getAttribute("href")));
    assert.ok(listed.has("/reports/2026-W05-report/") && listed.has("/reports/2026-W06-report/"));
  });

  test("uses its own language and title", () => {
    const doc = site.page("/reports/2026-W06-report/");
    assert.equal(doc.documentElement.getAttribute("lang"), "en");
    assert.equal(text(doc.querySelector("title")), "Week 6 report | Fixture Weekly");
    assert.equal(doc.querySelector('meta[name="description"]')?.getAttribute("content"), "The sixth week, described by its author.");
  });

  test("shows 2026-02-06T10:00+08:00 as the day it is in America/New_York: 2月5日", () => {
    const doc = site.page("/reports/2026-W06-report/");
    assert.equal(doc.querySelector("time")?.getAttribute("datetime"), "2026-02-05");
    assert.equal(text(doc.querySelector("time")), "2026年2月5日");
    assert.equal(text(doc.querySelector(".week")), "2026-W06");
  });

  test("reads date: 2026-01-29 as that day in America/New_York, not the day before", () => {
    const time = site.page("/reports/2026-W05-report/").querySelector("time");
    assert.equal(time?.getAttribute("datetime"), "2026-01-29");
    assert.equal(text(time), "2026年1月29日");
  });

  test("lists reports newest first on the home page, with excerpts cut at 40 characters", () => {
    const items = all(site.page("/"), ".reports li");
    assert.deepEqual(items.map((li) => li.querySelector("a")?.getAttribute("href")), ["/reports/2026-W06-report/", "/reports/2026-W05-report/"]);
    assert.equal(text(items[1]!.querySelector(".excerpt")), "A first report whose opening paragraph…");
    assert.deepEqual(all(site.page("/"), ".digests a").map(text), ["News, week 6", "News, week 5"]);
  });

  test("resolves links with .md, without it, with a #fragment, and to a file, all to published URLs", () => {
    const links = all(site.page("/reports/2026-W06-report/"), ".content a").map((a) => a.getAttribute("href"));
    assert.deepEqual(links, ["/digests/news_2026-W06/#headline-news", "/reports/2026-W05-report/", "/reports/chart.svg", "/digests/news_2026-W05/"]);
    for (const href of links) assert.ok(site.has(href!), `${href} is not in the output`);
    assert.ok(site.page("/digests/news_2026-W06/").getElementById("headline-news"), "the fragment names a heading");
  });

  test("a Chinese tag page lists every report with that tag, newest first", () => {
    const doc = site.page("/topics/人工智能/");
    assert.equal(text(doc.querySelector("h1")), "人工智能");
    assert.deepEqual(all(doc, ".reports a").map(text), ["Week 6 report", "Week 5 report"]);
  });

  test("a linked file anywhere in the input folder is copied where its link points", () => {
    const link = all(site.page("/reports/2026-W05-report/"), ".content a").find((a) => text(a) === "Notes");
    assert.equal(link?.getAttribute("href"), "/files/notes.txt");
    assert.equal(site.files.get("files/notes.txt"), "Plain notes.\n");
  });

  test("each digest links back to the reports that cite it (by source path or by URL), newest first", () => {
    assert.deepEqual(all(site.page("/digests/news_2026-W05/"), ".cited-by a").map(text), ["Week 6 report", "Week 5 report"]);
    assert.deepEqual(all(site.page("/digests/news_2026-W06/"), ".cited-by a").map(text), ["Week 6 report"]);
    assert.equal(text(site.page("/digests/news_2026-W06/").querySelector(".week")), "2026-W06 2026年2月2日–2026年2月8日");
  });
});
