// npm run bench writes each part of its run into docs/PERFORMANCE.md between that part's markers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PERFORMANCE_DOC, withRun } from "./bench/record.js";

const DOC = "# P\n\n<!-- bench:blog -->\nold blog\n<!-- /bench:blog -->\n\ntext\n\n<!-- bench:weeks -->\nold weeks\n<!-- /bench:weeks -->\n";

test("a part's run replaces its own block and nothing else", () => {
  const doc = withRun(DOC, "blog", ["| a | b |", "|---|---|", "| 1 | 2 |"], "Written by `npm run bench`.");
  assert.equal(doc, "# P\n\n<!-- bench:blog -->\nWritten by `npm run bench`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n<!-- /bench:blog -->\n\ntext\n\n<!-- bench:weeks -->\nold weeks\n<!-- /bench:weeks -->\n");
  // Written again: the same document, not a second copy.
  assert.equal(withRun(doc, "blog", ["| a | b |", "|---|---|", "| 1 | 2 |"], "Written by `npm run bench`."), doc);
});

test("blank lines the run printed collapse to one", () => {
  assert.match(withRun(DOC, "weeks", ["x", "", "", "", "y", ""], "H"), /<!-- bench:weeks -->\nH\n\nx\n\ny\n<!-- \/bench:weeks -->/);
});

test("a table the run printed right after a line of text starts after a blank line", () => {
  assert.match(withRun(DOC, "weeks", ["Goals: …", "| a |", "|---|", "(each run)"], "H"), /H\n\nGoals: …\n\n\| a \|\n\|---\|\n\(each run\)\n/);
});

test("a document without the part's markers is refused, not appended to", () => {
  assert.throws(() => withRun("# P\n", "blog", ["x"], "H"), /no <!-- bench:blog --> … <!-- \/bench:blog --> block/);
});

test("docs/PERFORMANCE.md has a block for each part the benchmark writes", () => {
  const doc = readFileSync(PERFORMANCE_DOC, "utf8");
  for (const part of ["blog", "weeks"]) assert.doesNotThrow(() => withRun(doc, part, [], "H"));
});
