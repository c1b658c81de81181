// Content is data: which of Eleventy's keys a report or digest may use, and how.
import { withoutZh } from "./helpers.js";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inChinese, inEnglish } from "../src/core/show.js";
import { checkOwnData, layoutFile, layoutOutside, outputFileOf, permalinkProblem, reservedOutputs } from "../src/content/contentData.js";
import { resolveOptions } from "../src/core/options.js";

const reserved = reservedOutputs(resolveOptions(), "pagefind");
const rules = { reserved, layoutsDir: "layouts" };

describe("permalinkProblem", () => {
  const cases: Array<[unknown, string | undefined]> = [
    ["/posts/2026-w06/", undefined],
    ["posts/2026-w06/", undefined],
    ["/周报/第六周.html", undefined],
    ["/about.html", undefined],
    ["/", "the site already writes index.html there; choose another address"],
    ["/feed.xml", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/sitemap.html", undefined],
    ["/archive/", "the site already writes archive/index.html there; choose another address"],
    ["/404.html", "the site already writes 404.html there; choose another address"],
    ["/feed.xsl/", "the site already writes feed.xsl there; choose another address"],
    ["/FEED.XSL/index.html", "the site already writes feed.xsl there; choose another address"],
    ["/posts/2026-w05-ai-weekly/editions/email/", "a preview shows a report's editions under its address's /editions/ folder; choose an address outside one"],
    ["/a/Editions/x/index.html", "a preview shows a report's editions under its address's /editions/ folder; choose an address outside one"],
    ["/editions/", undefined],
    ["/a/editions/x.html", undefined],
    ["/pagefind/pagefind.html", "the plugin writes everything under /pagefind/; choose an address outside it"],
    ["/tags/ai/", "the plugin writes everything under /tags/; choose an address outside it"],
    ["/.weekly/outputs.html", "the plugin writes everything under /.weekly/; choose an address outside it"],
    ["../package.json", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["../../etc/x.html", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/a/../../x.html", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/{{ page.fileSlug }}/", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/{% include 'x' %}.html", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/a\\b/", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["//x.html", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["/x.html?a", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\""],
    ["", "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html"],
    [{ build: "/x/" }, "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html"],
    [false, "a report or digest is always written; use draft: true to hold one back"],
  ];
  for (const [value, expected] of cases) {
    test(`permalinkProblem(${JSON.stringify(value)}) → ${expected ?? "accepted"}`, () => {
      const why = permalinkProblem(value, reserved);
      assert.equal(why === undefined ? undefined : inEnglish(why), expected);
      if (why !== undefined) assert.match(inChinese(why), /\p{Script=Han}/u, "and in Chinese");
    });
  }
});

describe("layoutOutside and layoutFile", () => {
  const outside: Array<[unknown, boolean]> = [
    ["layouts/post.njk", false],
    ["layouts/post", false],
    ["layouts/sub/../post.njk", false],
    ["package.json", true],
    ["../../etc/passwd", true],
    ["layouts/../../etc/passwd", true],
    ["/etc/passwd", true],
    ["layouts\\post.njk", true],
    ["", true],
    [42, true],
  ];
  for (const [layout, refused] of outside) {
    test(`layoutOutside(${JSON.stringify(layout)}) → ${refused ? "refused" : "accepted"}`, () => {
      assert.equal(layoutOutside(layout, "layouts") !== undefined, refused);
    });
  }

  const files = new Set(["layouts/post.njk", "package.json", "layouts/data.json", "x/layouts/post.njk"]);
  const isFile = (path: string) => files.has(path);
  const found: Array<[string, string, string | undefined]> = [
    ["layouts/post.njk", ".", "layouts/post.njk"],
    ["layouts/post", "./", "layouts/post.njk"],
    ["layouts/post", "", "layouts/post.njk"],
    ["package.json", ".", undefined],
    ["layouts/data.json", ".", undefined],
    ["../../etc/passwd", ".", undefined],
    ["../layouts/post.njk", "x", undefined],
    ["layouts/post.njk", "x/", "x/layouts/post.njk"],
    ["/layouts/post.njk", ".", undefined],
  ];
  for (const [layout, root, expected] of found) {
    test(`layoutFile(${JSON.stringify(layout)}, root ${JSON.stringify(root)}) → ${expected ?? "none"}`, () => {
      assert.equal(layoutFile(layout, root, isFile), expected);
    });
  }
});

describe("checkOwnData", () => {
  test("each refused key is named with what it would do", () => {
    const data = { templateEngineOverride: "njk,md", eleventyComputed: { title: "{{ 1 }}" }, pagination: { data: "x" }, permalinkBypassOutputDir: true, weekly: {} };
    assert.deepEqual(
      checkOwnData(data, Object.keys(data), rules).map((issue) => issue.message),
      [
        "templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code.",
        "eleventyComputed: not allowed in a report or digest: its values would be run as template code. Remove it; content is data, never code.",
        "pagination: not allowed in a report or digest: it would make pages out of other data, at addresses run as template code. Remove it; content is data, never code.",
        "permalinkBypassOutputDir: not allowed in a report or digest: it would write the page outside the output folder. Remove it; content is data, never code.",
        "weekly: not allowed in a report or digest: it would replace the site's own settings (title, address, feeds) on this page. Remove it; content is data, never code.",
      ],
    );
  });

  test("keys from directory or global data are not the file's own", () => {
    assert.deepEqual(checkOwnData({ templateEngineOverride: "njk", title: "t" }, ["title"], rules), []);
  });

  test("a plain permalink and a layout of the layouts folder are accepted; others are named", () => {
    assert.deepEqual(checkOwnData({ permalink: "/about/", layout: "layouts/post.njk", title: "t" }, ["permalink", "layout", "title"], rules), []);
    assert.deepEqual(withoutZh(checkOwnData({ permalink: "../x.html", layout: "package.json" }, ["permalink", "layout"], rules)), [
      { field: "permalink", severity: "error", code: "unsafe-permalink", message: 'permalink: received "../x.html"; expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), "..", "\\", spaces, "%", "?" or "#".' },
      { field: "layout", severity: "error", code: "unknown-layout", message: 'layout: received "package.json"; expected a template of the layouts folder, such as layouts/post.njk.' },
    ]);
  });

  test("a data file of a content folder may not set a permalink for all its pages", () => {
    assert.deepEqual(withoutZh(checkOwnData({ permalink: "/x/" }, ["permalink"], { ...rules, inDataFile: true })), [
      { field: "permalink", severity: "error", code: "unsafe-permalink", message: 'permalink: received "/x/"; a data file of a content folder cannot give its pages one address; write permalink in a file\'s own front matter.' },
    ]);
  });
});

test("outputFileOf: where Eleventy writes an address", () => {
  assert.deepEqual(["/", "/a/", "a/b/", "/a.html", "/feed.xml"].map(outputFileOf), ["index.html", "a/index.html", "a/b/index.html", "a.html", "feed.xml"]);
});
