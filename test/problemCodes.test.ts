// The catalogue of problem codes: each code is reported somewhere, listed in the README, and
// shaped so that a script can match it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { problem, PROBLEM_CODES, relievedIn, type ProblemCode } from "../src/core/problemCodes.js";
import { formatProblem } from "../src/core/errors.js";
import { ROOT } from "./helpers.js";
import { problemTable, README, withProblemTable } from "./tools/problemTable.js";

const codes = Object.keys(PROBLEM_CODES);

/** Every TypeScript file under src/, but the catalogue itself (problemCodes.ts and its parts). */
function sourceTexts(): string[] {
  const dir = join(ROOT, "src");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts") && !/(problemCodes|problemKind)\.ts$/i.test(path))
    .map((path) => readFileSync(join(dir, path), "utf8"));
}

test("codes are lower-case words joined by hyphens, titles and hints are sentences", () => {
  for (const [code, kind] of Object.entries(PROBLEM_CODES)) {
    assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/, code);
    assert.match(kind.title, /^[A-Z].*[^.]$/, `${code}: a title starts with a capital and ends without a full stop`);
    assert.match(kind.hint, /^[A-Z].*\.$/, `${code}: a hint is a sentence`);
  }
});

test("every code of the catalogue is reported by some part of the code (none is dead)", () => {
  const sources = sourceTexts().join("\n");
  const unused = codes.filter((code) => !sources.includes(`"${code}"`));
  assert.deepEqual(unused, []);
});

test("the README's table is the one npm run docs writes from the catalogue", () => {
  const readme = readFileSync(README, "utf8");
  assert.equal(readme, withProblemTable(readme), "README.md's problem codes differ from the catalogue: run npm run docs");
});

test("the table has a row for every code, with its weight, title and hint", () => {
  const rows = [...problemTable().matchAll(/^\| `([^`]+)` \| (error|warning)[^|]* \| (.+?) \| (.+?) \|$/gm)].map((m) => [m[1], m[2], m[3], m[4]!.replace(/\\\|/g, "|")]);
  assert.deepEqual(rows, Object.entries(PROBLEM_CODES).map(([code, kind]) => [code, kind.severity, kind.title, kind.hint]));
});

test("a problem's line ends with its code, after the message", () => {
  const cases = [
    [{ file: "posts/a.md", line: 4, column: 1, severity: "error", code: "invalid-field", message: "m." }, "posts/a.md:4:1  m. [invalid-field]"],
    [{ file: "posts/a.md", severity: "warning", code: "broken-symlink", message: "m." }, "posts/a.md  warning: m. [broken-symlink]"],
    [{ file: "posts/a.md", line: 2, severity: "error", code: "placeholder", message: "m." }, "posts/a.md:2:1  m. [placeholder]"],
  ] as const;
  for (const [problem, line] of cases) assert.equal(formatProblem({ ...problem, zh: "中文。" }), line);
});

test("in Chinese, the same line with the Chinese message: file:line:column and the code stay as they are", () => {
  assert.equal(formatProblem({ file: "posts/a.md", line: 4, column: 1, severity: "error", code: "invalid-field", message: "m.", zh: "中文。" }, "zh"), "posts/a.md:4:1  中文。 [invalid-field]");
  assert.equal(formatProblem({ file: "posts/a.md", severity: "warning", code: "broken-symlink", message: "m.", zh: "中文。" }, "zh"), "posts/a.md  警告：中文。 [broken-symlink]");
});

test("every code has its title, hint and message in Chinese too, side by side, written as Chinese technical writing", () => {
  const HAN = /\p{Script=Han}/u;
  for (const [code, kind] of Object.entries(PROBLEM_CODES)) {
    assert.equal(typeof kind.zh?.message, "function", `${code}: no Chinese message`);
    assert.match(kind.zh.title, HAN, `${code}: the Chinese title`);
    assert.match(kind.zh.hint, HAN, `${code}: the Chinese hint`);
    // Full-width punctuation after Chinese: a hint ends with 。, and no ASCII comma or colon follows a Chinese character.
    assert.match(kind.zh.hint, /。$/, `${code}: a Chinese hint ends with 。`);
    for (const text of [kind.zh.title, kind.zh.hint]) assert.doesNotMatch(text, /\p{Script=Han}[,;:!?]/u, `${code}: ASCII punctuation after a Chinese character in ${JSON.stringify(text)}`);
  }
});

test("problem() writes the message from the catalogue and takes the code's weight, unless the place gives this build's", () => {
  assert.deepEqual(problem("second-report", { file: "posts/b.md" }, { week: "2026-W06", first: "posts/a.md" }), {
    file: "posts/b.md",
    severity: "warning",
    code: "second-report",
    message: "a second report for week 2026-W06: posts/a.md is for the same week.",
    zh: "2026-W06 周的第二期报告：posts/a.md 也是这一周的。",
  });
  assert.equal(problem("stale-incremental", { file: "posts/a.md", line: 1 }).severity, "error");
  assert.equal(problem("nesting-too-deep", { file: "posts/a.md", severity: "warning" }, { waiting: true }).severity, "warning");
});

test("every code has a message builder, and only errors are relieved", () => {
  for (const [code, kind] of Object.entries(PROBLEM_CODES)) {
    assert.equal(typeof kind.message, "function", code);
    if ("relievedIn" in kind) assert.equal(kind.severity, "error", `${code}: a warning has nothing to be relieved of`);
  }
});

test("brokenLinks weighs the problems of a link's missing target, and only those", () => {
  const relieved = Object.keys(PROBLEM_CODES).filter((code) => relievedIn(code as ProblemCode, "brokenLinks"));
  assert.deepEqual(relieved.sort(), ["bad-image", "broken-link", "invalid-link", "link-outside-site", "missing-file", "missing-heading"]);
});
