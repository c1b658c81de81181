import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resolveOptions, type WeeklyOptions } from "../src/core/options.js";
import { placeOf, plannedPages, yieldToSite } from "../src/present/hostPages.js";
import { isOwnPage } from "../src/core/kinds.js";
import { createFrontMatterEngine } from "../src/content/frontMatter.js";

/** What the plugin gives up to a site with pages at `urls`, with these options. */
function yielded(urls: string[], options: WeeklyOptions = {}) {
  const opts = resolveOptions(options);
  return yieldToSite(plannedPages(opts), new Set(urls), `/${opts.tagsPath}/`);
}

describe("yieldToSite: a page of the site at an address the plugin would generate wins", () => {
  const cases: Array<[string, string[], WeeklyOptions, string[], boolean]> = [
    ["a site with no page at those addresses", ["/about/", "/blog/", "/feed/feed.xml"], {}, [], false],
    ["eleventy-base-blog: /, /404.html, /sitemap.xml", ["/", "/404.html", "/sitemap.xml", "/blog/"], {}, ["/", "/404.html", "/sitemap.xml"], false],
    ["its own feed at the plugin's address", ["/feed.xml", "/feed.json"], {}, ["/feed.xml", "/feed.json"], false],
    ["robots.txt, the archive, the search page, the digest index", ["/robots.txt", "/archive/", "/search/", "/weekly_news/"], {}, ["/archive/", "/weekly_news/", "/search/", "/robots.txt"], false],
    ["its own tag index: every tag page is the site's", ["/tags/"], {}, [], true],
    ["one tag page of its own: the tag pages are the site's", ["/tags/ai/"], {}, [], true],
    ["tag pages moved with tagsPath", ["/tags/", "/tags/ai/"], { tagsPath: "weekly-tags" }, [], false],
    ["a page the site left out (layouts.home: false) is not named", ["/"], { layouts: { home: false } }, [], false],
    ["no sitemap option: its own sitemap is not named", ["/sitemap.xml", "/robots.txt"], { sitemap: false }, [], false],
    ["feeds at other addresses", ["/feed.xml"], { feeds: { atom: "/weekly.xml" } }, [], false],
  ];
  for (const [name, urls, options, urlsYielded, tags] of cases) {
    test(`${name}: ${JSON.stringify(urls)} → ${JSON.stringify(urlsYielded)}${tags ? " and the tag pages" : ""}`, () => {
      const result = yielded(urls, options);
      assert.deepEqual([...result.urls], urlsYielded);
      assert.equal(result.tags, tags);
      assert.equal(result.lines.length, urlsYielded.length + (tags ? 1 : 0));
    });
  }

  test("each line names the address, what is not generated and the option that changes it", () => {
    assert.deepEqual(yielded(["/", "/tags/", "/sitemap.xml", "/feed.xml"]).lines, [
      "the site has its own /; the weekly home page is not generated (layouts.home: false leaves it out quietly).",
      'the site has its own /tags/; the weekly tag pages are not generated (tagsPath: "weekly-tags" puts them at /weekly-tags/).',
      "the site has its own /sitemap.xml; the weekly sitemap is not generated (the weekly pages are in the site's collections.all, and weeklySitemap() lists them; sitemap: false leaves it out quietly).",
      'the site has its own /feed.xml; the weekly Atom feed is not generated (feeds.atom: "/weekly.xml" puts it at another address).',
    ]);
  });
});

describe("placeOf: where a generated page goes", () => {
  const site = yielded(["/", "/tags/"]);
  const cases: Array<[string, string | false]> = [
    ["/", false],
    ["/archive/", "/archive/"],
    ["/tags/", false],
    ["/tags/ai/", false],
    ["/tags/ai/feed.xml", false],
    ["/feed.xml", "/feed.xml"],
  ];
  for (const [url, place] of cases) test(`placeOf(${url}) → ${place}`, () => assert.equal(placeOf(site, url, "/tags/"), place));
  test("before the site's addresses are known, every page is at its address", () => assert.equal(placeOf(undefined, "/", "/tags/"), "/"));
});

describe("isOwnPage: reports and digests only", () => {
  const opts = resolveOptions();
  const cases: Array<[string, boolean]> = [
    ["posts/2026-W06-ai-weekly.md", true],
    ["weekly_news/ai_news_2026-W06.md", true],
    ["about.md", false],
    ["blog/firstpost.md", false],
    ["postscript.md", false],
  ];
  for (const [path, own] of cases) test(`isOwnPage(${path}) → ${own}`, () => assert.equal(isOwnPage(path, opts), own));
});

describe("createFrontMatterEngine: another page of the site is read as Eleventy reads it", () => {
  const engine = createFrontMatterEngine(() => true, "yaml", { owns: (path) => path.startsWith("./posts/") });
  test("a site's page: a date-only date is a Date, as js-yaml reads it, and no notes", () => {
    const data = engine("title: First\ndate: 2018-09-30\n", { filePath: "./blog/firstpost.md" });
    assert.deepEqual(data, { title: "First", date: new Date("2018-09-30T00:00:00Z") });
  });
  test("a report: the date stays text, for the plugin to read in the site's zone", () => {
    const data = engine("title: W06\ndate: 2026-02-05\n", { filePath: "./posts/a.md" });
    assert.equal(data.date, "2026-02-05");
    assert.ok("weeklyFrontMatter" in data);
  });
  test("a site's own engine is used for its pages", () => {
    const own = createFrontMatterEngine(() => true, "yaml", { owns: () => false, parse: () => ({ from: "site" }) });
    assert.deepEqual(own("a: 1\n", { filePath: "./about.md" }), { from: "site" });
  });
});
