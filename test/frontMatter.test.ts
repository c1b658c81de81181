import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { frontMatterKeyLine, parseFrontMatterYaml } from "../src/frontMatter.js";
import { markNoindex } from "../src/preview.js";

describe("parseFrontMatterYaml", () => {
  test("dates stay text as written; empty values are null; lists stay lists", () => {
    assert.deepEqual(parseFrontMatterYaml("date: 2026-02-05\nscheduled: 2026-02-12T08:00+08:00\ndescription:\ntags:\n  - AI\ndraft: true"), {
      date: "2026-02-05",
      scheduled: "2026-02-12T08:00+08:00",
      description: null,
      tags: ["AI"],
      draft: true,
    });
  });
  test("YAML 1.1 words are not booleans: draft: yes stays text (and is then rejected)", () => {
    assert.deepEqual(parseFrontMatterYaml("draft: yes"), { draft: "yes" });
  });
  test("empty front matter is an empty object", () => assert.deepEqual(parseFrontMatterYaml(""), {}));
});

describe("frontMatterKeyLine", () => {
  const file = "---\ntitle: a\ndate: 2026-02-05\nscheduled: 2026-02-30\n---\nscheduled: not front matter\n";
  const cases: Array<[string, string, number | undefined]> = [
    [file, "scheduled", 4],
    [file, "title", 2],
    [file, "draft", undefined],
    [file.replace(/\n/g, "\r\n"), "date", 3],
    [`\uFEFF${file}`, "date", 3],
    ["no front matter\nscheduled: x", "scheduled", undefined],
  ];
  for (const [text, key, line] of cases) {
    test(`${key} in ${JSON.stringify(text.slice(0, 24))}… → ${line ?? "not found"}`, () => assert.equal(frontMatterKeyLine(text, key), line));
  }
});

describe("markNoindex", () => {
  const cases: Array<[string, string]> = [
    ["<html><head><title>t</title></head><body></body></html>", '<html><head><title>t</title><meta name="robots" content="noindex">\n</head><body></body></html>'],
    ['<head><meta name="robots" content="noindex"></head>', '<head><meta name="robots" content="noindex"></head>'],
    ["<p>fragment</p>", "<p>fragment</p>"],
  ];
  for (const [html, expected] of cases) test(`markNoindex(${html.slice(0, 40)}…)`, () => assert.equal(markNoindex(html), expected));
});
