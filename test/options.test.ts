import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULTS, resolveOptions, type WeeklyOptions } from "../src/core/options.js";
import { OPTIONS_SCHEMA } from "../src/core/optionsSchema.js";
import { resolveBasePath } from "../src/core/basePath.js";
import { WeeklyError } from "../src/core/errors.js";

describe("resolveOptions", () => {
  test("no options → the defaults (posts, weekly_news, Asia/Shanghai)", () => {
    const opts = resolveOptions();
    assert.equal(opts.postsDir, "posts");
    assert.equal(opts.digestsDir, "weekly_news");
    assert.equal(opts.timezone, "Asia/Shanghai");
    assert.equal(opts.brokenLinks, "error");
    assert.equal(opts.site.language, "zh-CN");
    assert.deepEqual(opts.rawHtml, { reports: true, digests: false }, "a digest's raw HTML is text unless the site allows it");
    assert.equal(opts.feeds.items, 20);
  });

  test("the schema holds every default: it fills no options, or part of a group, by itself", () => {
    assert.deepEqual(OPTIONS_SCHEMA.parse({}), DEFAULTS);
    const partial = OPTIONS_SCHEMA.parse({ feeds: { json: false }, newWeek: { weekday: 1 } });
    assert.deepEqual(partial.feeds, { atom: "/feed.xml", json: false, items: 20 });
    assert.equal(partial.newWeek.reportFile, "{week}-ai-weekly.md");
    assert.equal(partial.newWeek.weekday, 1);
    assert.equal(partial.layouts.report, "layouts/post.njk");
  });

  test("partial site metadata is merged over the defaults; the caller's object is not changed", () => {
    const input: WeeklyOptions = { site: { title: "Weekly", url: "https://w.example.com/" }, brokenLinks: false };
    const snapshot = structuredClone(input);
    const opts = resolveOptions(input);
    assert.equal(opts.site.title, "Weekly");
    assert.equal(opts.site.url, "https://w.example.com");
    assert.equal(opts.site.language, "zh-CN");
    assert.equal(opts.brokenLinks, false);
    assert.deepEqual(input, snapshot);
    assert.equal(DEFAULTS.site.title, "AI 周报");
  });

  test("a layouts folder of another name: the default layouts are named in it, the site's own choices kept", () => {
    const opts = resolveOptions({ layoutsDir: "theme", layouts: { home: "theme/front.njk", tag: false } });
    assert.deepEqual(opts.layouts, {
      report: "theme/post.njk", digest: "theme/digest.njk", page: false, home: "theme/front.njk", tag: false,
      tagIndex: "theme/tags.njk", archive: "theme/archive.njk", digestIndex: "theme/digests.njk", search: "theme/search.njk", notFound: "theme/404.njk", trends: "theme/trends.njk", year: "theme/year.njk",
    });
  });

  test("every mistake in the options is named at once, one line each", () => {
    assert.throws(
      () => resolveOptions({ timezone: "Mars/Olympus", excerptLength: 3, layouts: { home: "" }, feeds: { rss: "/rss.xml" } as never, newWeek: { weekday: 9 } }),
      (error: Error) => {
        assert.deepEqual(error.message.split("\n"), [
          'weekly plugin option timezone: received "Mars/Olympus"; expected an IANA time zone such as "Asia/Shanghai" or "America/New_York".',
          "weekly plugin option excerptLength: received 3; expected a whole number of characters, 10 or more.",
          'weekly plugin option layouts.home: received ""; expected a layout path such as "layouts/home.njk", or false.',
          'weekly plugin option feeds.rss: received "/rss.xml"; expected only feeds.atom, feeds.json and feeds.items.',
          "weekly plugin option newWeek.weekday: received 9; expected an ISO weekday from 1 (Monday) to 7 (Sunday).",
        ]);
        return true;
      },
    );
  });

  test("a folder clash is named with the other mistakes; a nav link keeps what else the site put in it", () => {
    assert.throws(() => resolveOptions({ postsDir: "news", digestsDir: "news", timezone: 5 as never }), (error: Error) => {
      assert.deepEqual(error.message.split("\n"), [
        'weekly plugin option timezone: received 5; expected an IANA time zone such as "Asia/Shanghai" or "America/New_York".',
        'weekly plugin option digestsDir: received "news"; expected a folder other than postsDir.',
      ]);
      return true;
    });
    const nav = [{ text: "关于", url: "/about/", title: "关于本站" }];
    assert.deepEqual(resolveOptions({ nav }).nav, nav);
  });

  test("a key no layout or weekly new template has is refused, not ignored (a misspelt report layout would be)", () => {
    assert.throws(() => resolveOptions({ layouts: { post: "layouts/post.njk" } as never }), /weekly plugin option layouts\.post: received "layouts\/post\.njk"; expected only layouts\.report, layouts\.digest, .* and layouts\.year\./);
    assert.throws(() => resolveOptions({ newWeek: { intro: "hi" } as never }), /weekly plugin option newWeek\.intro: received "hi"; expected only newWeek\.reportFile, .* and newWeek\.digestTitle\./);
  });

  const bad: Array<[unknown, string]> = [
    [{ timezone: "Mars/Olympus" }, 'weekly plugin option timezone: received "Mars/Olympus"; expected an IANA time zone such as "Asia/Shanghai" or "America/New_York".'],
    [{ brokenLinks: "fail" }, 'weekly plugin option brokenLinks: received "fail"; expected "error", "warn" or false.'],
    [{ cacheDir: "" }, 'weekly plugin option cacheDir: received ""; expected a folder such as ".cache/weekly", or false.'],
    [{ cards: "yes" }, 'weekly plugin option cards: received "yes"; expected true or false.'],
    [{ cacheDir: true }, 'weekly plugin option cacheDir: received true; expected a folder such as ".cache/weekly", or false.'],
    [{ postsDir: "../posts" }, 'weekly plugin option postsDir: received "../posts"; expected a folder name relative to the input folder, such as "posts".'],
    [{ postsDir: "news", digestsDir: "news" }, 'weekly plugin option digestsDir: received "news"; expected a folder other than postsDir.'],
    [{ tagPageSize: 0 }, "weekly plugin option tagPageSize: received 0; expected a whole number of reports per tag page, such as 20."],
    [{ tagPageSize: 2.5 }, "weekly plugin option tagPageSize: received 2.5; expected a whole number of reports per tag page, such as 20."],
    [{ excerptLength: 0 }, "weekly plugin option excerptLength: received 0; expected a whole number of characters, 10 or more."],
    [{ site: { url: "weekly.example.org" } }, 'weekly plugin option site.url: received "weekly.example.org"; expected the site\'s public address, such as "https://weekly.example.com" or "https://jeremy.github.io/ai-weekly" (no query or #fragment).'],
    [{ site: { url: "https://user.github.io/repo?x#y" } }, 'weekly plugin option site.url: received "https://user.github.io/repo?x#y"; expected the site\'s public address, such as "https://weekly.example.com" or "https://jeremy.github.io/ai-weekly" (no query or #fragment).'],
    [{ layouts: { home: "" } }, 'weekly plugin option layouts.home: received ""; expected a layout path such as "layouts/home.njk", or false.'],
    [{ tagSlugs: { "C++": "c plus" } }, 'weekly plugin option tagSlugs["C++"]: received "c plus"; expected a non-empty URL segment without spaces, "/", "?" or "#".'],
    [{ timeZone: "UTC" }, 'weekly plugin option timeZone: received "UTC"; expected one of the known options: postsDir, digestsDir, layoutsDir, timezone, brokenLinks, tagsPath, tagSlugs, tagPageSize, excerptLength, layouts, nav, notify, feeds, sitemap, searchIndex, cards, cacheDir, rawHtml, site, newWeek.'],
    [{ rawHtml: false }, "weekly plugin option rawHtml: received false; expected an object with some of reports, digests."],
    [{ feeds: null }, "weekly plugin option feeds: received null; expected an object with some of atom, json, items."],
    [{ nav: [{ text: "关于", url: "about" }] }, 'weekly plugin option nav: received [{"text":"关于","url":"about"}]; expected a list of links such as [{ text: "关于", url: "/about/" }] (a root URL or an https:// address).'],
    [{ site: "AI 周报" }, 'weekly plugin option site: received "AI 周报"; expected an object with some of title, description, url, language, author.'],
    [{ feeds: { atom: "/atom.json" } }, 'weekly plugin option feeds.atom: received "/atom.json"; expected a root URL of the file such as "/feed.xml", or false.'],
    [{ feeds: { json: "/feed.xml" } }, 'weekly plugin option feeds.json: received "/feed.xml"; expected a root URL of the file such as "/feed.json", or false.'],
    [{ feeds: { items: -1 } }, "weekly plugin option feeds.items: received -1; expected a whole number of reports, such as 20, or 0 for every report."],
    [{ feeds: { rss: "/rss.xml" } }, 'weekly plugin option feeds.rss: received "/rss.xml"; expected only feeds.atom, feeds.json and feeds.items.'],
    [{ rawHtml: { digests: "yes" } }, 'weekly plugin option rawHtml.digests: received "yes"; expected true or false.'],
    [{ rawHtml: { digest: true } }, "weekly plugin option rawHtml.digest: received true; expected only rawHtml.reports and rawHtml.digests."],
    ["posts", 'weekly plugin option options: received "posts"; expected an object such as { timezone: "Asia/Shanghai" }.'],
  ];
  for (const [input, message] of bad) {
    test(`resolveOptions(${JSON.stringify(input)}) → ${message}`, () => {
      assert.throws(() => resolveOptions(input as WeeklyOptions), (error: unknown) => error instanceof WeeklyError && error.message === message);
    });
  }
});

describe("resolveOptions: newWeek", () => {
  const bad: Array<[unknown, string]> = [
    [{ weekday: 0 }, "weekly plugin option newWeek.weekday: received 0; expected an ISO weekday from 1 (Monday) to 7 (Sunday)."],
    [{ time: "8am" }, 'weekly plugin option newWeek.time: received "8am"; expected a time of day such as "08:00", or "" for a bare date.'],
    [{ tags: ["AI", ""] }, 'weekly plugin option newWeek.tags: received ["AI",""]; expected a list of non-empty texts such as ["AI"].'],
    [{ reportFile: "weekly.md" }, 'weekly plugin option newWeek.reportFile: received "weekly.md"; expected a Markdown file name with the week in it, such as "{week}-ai-weekly.md".'],
    [{ title: "" }, 'weekly plugin option newWeek.title: received ""; expected a non-empty text.'],
  ];
  for (const [newWeek, message] of bad) {
    test(`newWeek ${JSON.stringify(newWeek)} → ${message}`, () => {
      assert.throws(() => resolveOptions({ newWeek } as WeeklyOptions), (error: unknown) => error instanceof WeeklyError && error.message === message);
    });
  }
  test("defaults: Thursday, bare date, the W06 file and title patterns", () => {
    assert.deepEqual(resolveOptions().newWeek, {
      reportFile: "{week}-ai-weekly.md",
      title: "{year}年W{ww}人工智能周报",
      weekday: 4,
      time: "",
      tags: [],
      digestFile: "ai_news_{week}.md",
      digestTitle: "AI Weekly Digest — {week}",
    });
  });
});

describe("resolveBasePath: the folder a site is served from", () => {
  const cases: Array<[string, string | undefined, string]> = [
    ["https://w.example.com", "/", ""],
    ["https://w.example.com", undefined, ""],
    ["https://user.github.io/repo", "/", "/repo"],
    ["https://user.github.io/repo/", "/", "/repo"],
    ["https://w.example.com", "/blog/", "/blog"],
    ["https://w.example.com", "blog", "/blog"],
    ["https://user.github.io/repo", "/repo/", "/repo"],
    ["https://user.github.io/%E5%91%A8%E6%8A%A5", "/", "/周报"],
  ];
  for (const [url, prefix, expected] of cases) {
    test(`resolveBasePath(${url}, ${JSON.stringify(prefix)}) → ${JSON.stringify(expected)}`, () => assert.equal(resolveBasePath(url, prefix), expected));
  }
  test("a path in site.url and another pathPrefix are refused", () => {
    assert.throws(() => resolveBasePath("https://user.github.io/repo", "/blog/"), (error: unknown) => error instanceof WeeklyError && error.message.includes("expected an address whose path agrees with Eleventy's pathPrefix \"/blog/\""));
  });
});
