import { describe, test } from "node:test";
import { withoutZh } from "./helpers.js";
import assert from "node:assert/strict";
import { closesFrontMatter, createFrontMatterEngine, FRONT_MATTER_NOTES, frontMatterKeyLine } from "../src/content/frontMatter.js";
import { markNoindex } from "../src/present/preview.js";

const parse = createFrontMatterEngine((layout) => layout === "layouts/post.njk");
/** What gray-matter hands the engine: the text after the opening `---`, up to the closing one. */
const yamlOf = (lines: string[]) => `\n${lines.join("\n")}`;

describe("createFrontMatterEngine", () => {
  test("dates stay text as written; empty values are null; lists stay lists; keys keep their file lines", () => {
    const data = parse(yamlOf(["date: 2026-02-05", "scheduled: 2026-02-12T08:00+08:00", "description:", "tags:", "  - AI", "draft: true"]));
    assert.deepEqual(data, {
      date: "2026-02-05",
      scheduled: "2026-02-12T08:00+08:00",
      description: null,
      tags: ["AI"],
      draft: true,
      [FRONT_MATTER_NOTES]: { keys: ["date", "scheduled", "description", "tags", "draft"], problems: [] },
    });
  });

  test("YAML 1.1 words are not booleans: draft: yes stays text (and is then rejected)", () => {
    assert.equal(parse(yamlOf(["draft: yes"])).draft, "yes");
  });

  const broken: Array<[string, string[], { line: number; column: number; field: string; code: string; message: string }]> = [
    ["an unclosed quote", ["title: a", 'description: "unclosed'], { line: 3, column: 14, field: "front matter", code: "front-matter-yaml", message: "front matter is not valid YAML: unexpected end of the stream within a double quoted scalar" }],
    ["a repeated key", ["title: a", "title: b"], { line: 3, column: 1, field: "front matter", code: "front-matter-yaml", message: "front matter is not valid YAML: duplicated mapping key" }],
    ["a list instead of keys", ["- a", "- b"], { line: 2, column: 1, field: "front matter", code: "front-matter-shape", message: "front matter is not a set of keys such as title: …" }],
    ["a layout that is not a file", ["title: a", "layout: layouts/missing.njk"], { line: 3, column: 1, field: "layout", code: "unknown-layout", message: 'layout: received "layouts/missing.njk"; expected a template of the layouts folder, such as layouts/post.njk.' }],
    ["a layout that is a number", ["title: a", "layout: 5"], { line: 3, column: 1, field: "layout", code: "unknown-layout", message: "layout: received 5; expected a template of the layouts folder, such as layouts/post.njk." }],
    ["an empty layout text", ["layout: ''"], { line: 2, column: 1, field: "layout", code: "unknown-layout", message: 'layout: received ""; expected a template of the layouts folder, such as layouts/post.njk.' }],
    ["tags that are a number (Eleventy would stop on them)", ["title: a", "tags: 42"], { line: 3, column: 1, field: "tags", code: "invalid-field", message: "tags: received 42; expected a list of non-empty texts such as [AI, 人工智能], or one text." }],
    ["a list of tags holding keys, a list, null and a number", ["tags: [{a: b}, [x], null, 5]"], { line: 2, column: 1, field: "tags", code: "invalid-field", message: 'tags: received [{"a":"b"},["x"],null,5]; expected a list of non-empty texts such as [AI, 人工智能], or one text.' }],
    ["tags that are keys", ["tags:", "  a: b"], { line: 2, column: 1, field: "tags", code: "invalid-field", message: 'tags: received {"a":"b"}; expected a list of non-empty texts such as [AI, 人工智能], or one text.' }],
  ];
  for (const [name, lines, problem] of broken) {
    test(`${name} → a problem at line ${problem.line}, nothing thrown`, () => {
      const data = parse(yamlOf(lines));
      assert.deepEqual(withoutZh((data[FRONT_MATTER_NOTES] as { problems: unknown[] }).problems), [{ ...problem, severity: "error" }]);
      assert.equal(data.layout, undefined);
      assert.equal(data.tags, undefined);
    });
  }

  test("layout: false and layout: null mean no layout, as in Eleventy: kept", () => {
    assert.equal(parse(yamlOf(["layout: false"])).layout, false);
    assert.equal(parse(yamlOf(["layout: null"])).layout, null);
  });
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

describe("Windows line endings", () => {
  test("values at the end of a line keep no \\r", () => {
    const data = parse("\r\ntitle: a\r\ntags: [AI]\r\nlayout: layouts/post.njk\r\n");
    assert.equal(data.layout, "layouts/post.njk");
    assert.deepEqual(data.tags, ["AI"]);
    assert.deepEqual((data[FRONT_MATTER_NOTES] as { keys: unknown }).keys, ["title", "tags", "layout"]);
  });
});

describe("closesFrontMatter", () => {
  const cases: Array<[string, boolean]> = [
    ["---\ntitle: a\n---\n正文", true],
    ["---\ntitle: a\n---", true],
    ["\uFEFF---\r\ntitle: a\r\n---\r\n", true],
    ["正文，没有头信息", true],
    ["", true],
    ["---\ntitle: a\n\n## 小节\n\n正文", false],
    ["---\ntitle: a\n", false],
    ["---\ntitle: a\n----\n", false],
  ];
  for (const [text, closed] of cases) test(`${JSON.stringify(text)} → ${closed}`, () => assert.equal(closesFrontMatter(text), closed));
});
