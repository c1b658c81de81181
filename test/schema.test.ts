import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkFrontMatter, type FieldIssue } from "../src/content/schema.js";

const ZONE = "Asia/Shanghai";
const FORMS = "a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai)";
const ok = { title: "周报", date: "2026-02-05" };

describe("checkFrontMatter", () => {
  // The English message of each issue (its Chinese one is checked by test/problemCodes.test.ts and test/messagesBothLanguages.test.ts).
  const cases: Array<[string, Record<string, unknown>, "report" | "digest", Array<Omit<FieldIssue, "zh">>]> = [
    ["a complete report", { ...ok, description: null, scheduled: "2026-02-05T08:00", tags: ["AI", "人工智能"], layout: "layouts/post.njk", draft: false }, "report", []],
    ["one tag as text, a number tag", { ...ok, tags: "AI" }, "report", []],
    ["a number tag", { ...ok, tags: [2026] }, "report", []],
    ["a digest needs neither title nor date", {}, "digest", []],
    ["no title", { date: "2026-02-05" }, "report", [{ field: "title", severity: "error", code: "invalid-field", message: "title: missing; expected a non-empty text." }]],
    ["a blank title", { ...ok, title: "  " }, "report", [{ field: "title", severity: "error", code: "invalid-field", message: 'title: received "  "; expected a non-empty text.' }]],
    ["no date", { title: "周报" }, "report", [{ field: "date", severity: "error", code: "invalid-field", message: `date: missing; expected ${FORMS}.` }]],
    ["2026-02-30", { ...ok, date: "2026-02-30" }, "report", [{ field: "date", severity: "error", code: "invalid-field", message: `date: received "2026-02-30"; expected ${FORMS}.` }]],
    ["scheduled 2026-13-01", { ...ok, scheduled: "2026-13-01" }, "digest", [{ field: "scheduled", severity: "error", code: "invalid-field", message: `scheduled: received "2026-13-01"; expected ${FORMS}.` }]],
    ["tags as a map", { ...ok, tags: { a: 1 } }, "report", [{ field: "tags", severity: "error", code: "invalid-field", message: 'tags: received {"a":1}; expected a list of non-empty texts such as [AI, 人工智能], or one text.' }]],
    ["an empty tag", { ...ok, tags: ["AI", ""] }, "report", [{ field: "tags", severity: "error", code: "invalid-field", message: 'tags: received ["AI",""]; expected a list of non-empty texts such as [AI, 人工智能], or one text.' }]],
    ["draft: yes", { ...ok, draft: "yes" }, "report", [{ field: "draft", severity: "error", code: "invalid-field", message: 'draft: received "yes"; expected true or false.' }]],
    ["a title that is a number", { ...ok, title: 42 }, "report", [{ field: "title", severity: "error", code: "invalid-field", message: "title: received 42; expected a non-empty text." }]],
  ];
  for (const [name, data, kind, expected] of cases) {
    test(`${name} (${kind}) → ${expected.length === 0 ? "fine" : expected.map((i) => i.message).join(" / ")}`, () => {
      assert.deepEqual(checkFrontMatter(data, [], kind, ZONE).map(({ zh: _zh, ...issue }) => issue), expected);
    });
  }

  const keys: Array<[string, string | undefined]> = [
    ["schedule", "unknown key schedule; did you mean scheduled?"],
    ["Tags", "unknown key Tags; did you mean tags?"],
    ["descripton", "unknown key descripton; did you mean description?"],
    ["permalink", undefined],
    ["eleventyExcludeFromCollections", undefined],
    ["_notes", undefined],
    ["categories", "unknown key categories; the plugin reads title, description, date, scheduled, tags, layout, draft."],
  ];
  for (const [key, message] of keys) {
    test(`own key ${key} → ${message ?? "known"}`, () => {
      const issues = checkFrontMatter({ ...ok, [key]: "x" }, ["title", "date", key], "report", ZONE);
      assert.deepEqual(issues.map(({ zh: _zh, ...issue }) => issue), message ? [{ field: key, severity: "warning", code: "unknown-key", message }] : []);
    });
  }

  test("keys from directory or global data are not the file's to fix", () => {
    assert.deepEqual(checkFrontMatter({ ...ok, weekly: {}, eleventy: {}, page: {} }, ["title", "date"], "report", ZONE), []);
  });
});
