// `weekly check` run in this process (as the real command where what a shell sees is the point), and
// the same check stopping a real build.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROBLEM_CODES } from "../src/core/problemCodes.js";
import { formatReport } from "../src/cli/check.js";
import type { Problem } from "../src/core/errors.js";
import { checkSummary, codesOf, FIXTURES, listFiles, outputLines, problemsWithCode, removeOutput, ROOT, runEleventy, runWeekly, runWeeklyInProcess, stoppingErrors, tempOutput } from "./helpers.js";

const INVALID = join(FIXTURES, "invalid");
const DATE_FORMS = "a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai)";

const CLOCK = { WEEKLY_NOW: "2026-06-01" };
const weekly = (cwd: string, ...args: string[]) => runWeeklyInProcess(cwd, args, CLOCK);

/** Every problem of the invalid site: one defect per file, and several in many.md. */
const ERRORS = [
  `posts/bad-date.md:3:1  date: received "2026-02-30"; expected ${DATE_FORMS}. [invalid-field]`,
  'posts/bad-fragment.md:6:13  link "../weekly_news/ai_news_2026-W06.md#来源" names #来源 in weekly_news/ai_news_2026-W06.md, which has no such heading. Did you mean \"来源一\" (#来源一)? [missing-heading]',
  'posts/bad-fragment.md:6:72  link "?q=1#不存在" names #不存在, but this page has no such heading. Its headings are \"参考\" (#参考). [missing-heading]',
  `posts/bad-scheduled.md:4:1  scheduled: received "2026-01-15T25:00"; expected ${DATE_FORMS}. [invalid-field]`,
  'posts/bad-tags.md:4:1  tags: received ["AI",""]; expected a list of non-empty texts such as [AI, 人工智能], or one text. [invalid-field]',
  'posts/broken-link.md:9:33  link "../weekly_news/ai_news_2026-W60" matches no page (looked for weekly_news/ai_news_2026-W60.md and weekly_news/ai_news_2026-W60/index.md). Did you mean ../weekly_news/ai_news_2026-W06? [broken-link]',
  'posts/broken-link.md:10:8  link "../../outside.md" points outside the site\'s input folder. [invalid-link]',
  "posts/broken-yaml.md:2:8  front matter is not valid YAML: unexpected end of the stream within a double quoted scalar [front-matter-yaml]",
  // Windows line endings: the layout named last (without its extension) is fine, the line is right.
  'posts/crlf.md:10:12  link "../weekly_news/ai_news_2026-W17" matches no page (looked for weekly_news/ai_news_2026-W17.md and weekly_news/ai_news_2026-W17/index.md). Week 2026-W17 has no digest yet: write weekly_news/ai_news_2026-W17.md, or run npx weekly new 2026-W17 --digest, which writes only weekly_news/ai_news_2026-W17.md from the template, as a draft (draft: true) since its report, posts/crlf.md, has no scheduled moment; then fill it in and remove draft: true. [broken-link]',
  "posts/many.md:1:1  title: missing; expected a non-empty text. [invalid-field]",
  'posts/many.md:5:1  draft: received "no"; expected true or false. [invalid-field]',
  'posts/many.md:8:10  link "../weekly_news/ai_news_2026-W07" matches no page (looked for weekly_news/ai_news_2026-W07.md and weekly_news/ai_news_2026-W07/index.md). Week 2026-W07 has no digest yet: write weekly_news/ai_news_2026-W07.md, or run npx weekly new 2026-W07 --digest, which writes only weekly_news/ai_news_2026-W07.md from the template, as a draft (draft: true) since 2026-02-12, when it would go live, has passed in Asia/Shanghai; then fill it in and remove draft: true. [broken-link]',
  'posts/many.md:9:6  link "./missing-titel.md" matches no page (looked for posts/missing-titel.md). Did you mean ./missing-title.md? [broken-link]',
  'posts/missing-image.md:6:8  image "./charts/trend.png" names a file that does not exist (looked for posts/charts/trend.png). [missing-file]',
  'posts/missing-layout.md:4:1  layout: received "layouts/report.njk"; expected a template of the layouts folder, such as layouts/post.njk. [unknown-layout]',
  "posts/missing-title.md:1:1  title: missing; expected a non-empty text. [invalid-field]",
  "weekly_news/ai_news_2026-W54.md:1:1  file name: week 2026-W54 does not exist; 2026 has 53 ISO weeks. [no-such-week]",
  "weekly_news/notes.md:1:1  file name: notes.md carries no ISO week; expected a name such as ai_news_2026-W06.md. [file-name-week]",
];
const WARNINGS = [
  "posts/many.md:4:1  warning: unknown key categories; the plugin reads title, description, date, scheduled, tags, layout, draft. [unknown-key]",
  "posts/same-week-b.md:1:1  warning: a second report for week 2026-W15: posts/same-week-a.md is for the same week. [second-report]",
  "posts/unknown-key.md:4:1  warning: unknown key schedule; did you mean scheduled? [unknown-key]",
];
/** The rules the invalid site is made to show: a rule added later may find more in it, which these tests leave to its own. */
const CODES = codesOf([...ERRORS, ...WARNINGS]);
const byPlace = (a: string, b: string) => {
  const key = (line: string) => line.split("  ")[0]!.split(":");
  const [fa, la, ca] = key(a);
  const [fb, lb, cb] = key(b);
  return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb) || Number(ca) - Number(cb);
};

describe("weekly check", () => {
  test("on the invalid site: every problem with file, line and column, then the count; exit 1", () => {
    // The real process: its exit status and its piped output, as a shell or CI sees them.
    const run = runWeekly(INVALID, ["check"], CLOCK);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.split("\n");
    const [problems, count] = [lines.slice(0, -2), lines.at(-2)!];
    assert.deepEqual(problemsWithCode(problems, CODES), [...ERRORS, ...WARNINGS].sort(byPlace));
    assert.deepEqual(problems, [...problems].sort(byPlace), "in file, line and column order");
    assert.equal(count, checkSummary(problems, 17));
    assert.equal(lines.at(-1), "");
  });

  test("from a folder below the site: the same report, paths from the site's folder", async () => {
    const run = await weekly(join(INVALID, "posts"), "check");
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, (await weekly(INVALID, "check")).stdout);
  });

  test("where there is no Eleventy config: says so, exit 2", () => {
    // The real process: exit 2, nothing on stdout and the one line on stderr, as a shell sees them.
    const run = runWeekly("/", ["check"], CLOCK);
    assert.deepEqual([run.status, run.stdout], [2, ""]);
    assert.equal(run.stderr, "weekly check: no Eleventy config (.eleventy.js, eleventy.config.js, eleventy.config.mjs, eleventy.config.cjs) in / or any folder above it.\n");
  });

  test("--format json: the same problems as data, each with its code, the code's title and the way to fix it", async () => {
    const run = await weekly(INVALID, "check", "--format", "json");
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { files: number; errors: number; warnings: number; problems: Array<Record<string, unknown>> };
    const counted = (severity: string) => report.problems.filter((p) => p.severity === severity).length;
    assert.deepEqual([report.files, report.errors, report.warnings, report.problems.length], [17, counted("error"), counted("warning"), counted("error") + counted("warning")]);
    const own = problemsWithCode(report.problems, CODES);
    assert.deepEqual([own.filter((p) => p.severity === "error").length, own.filter((p) => p.severity === "warning").length], [ERRORS.length, WARNINGS.length]);
    assert.deepEqual(report.problems.find((p) => p.file === "posts/unknown-key.md" && p.code === "unknown-key"), {
      file: "posts/unknown-key.md",
      line: 4,
      column: 1,
      severity: "warning",
      code: "unknown-key",
      message: "unknown key schedule; did you mean scheduled?",
      title: PROBLEM_CODES["unknown-key"].title,
      hint: PROBLEM_CODES["unknown-key"].hint,
    });
    // The text report's codes are the JSON's, problem by problem.
    const textRun = await weekly(INVALID, "check");
    assert.equal(textRun.status, 1, textRun.stderr);
    const text = textRun.stdout.split("\n").filter((line) => line.startsWith("posts/") || line.startsWith("weekly_news/"));
    assert.deepEqual(text.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1]), report.problems.map((p) => p.code));
  });

  // The blog grows every week: its count is every Markdown file of its two content folders.
  const blogFiles = ["posts", "weekly_news"].flatMap((folder) => readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(".md"))).length;
  test("on this blog: no errors, the count of what it printed, exit 0", async () => {
    // The blog's own content is the authors' to keep: its warnings are counted, never pinned here.
    const run = await weekly(ROOT, "check");
    assert.equal(run.stderr, "");
    const lines = run.stdout.split("\n");
    const problems = lines.slice(0, -2);
    assert.deepEqual(problems.filter((line) => !/^\S+  warning: /.test(line)), []);
    assert.equal(lines.at(-2), checkSummary(problems, blogFiles));
    assert.equal(run.status, 0);
  });

  // A sound fixture: no error, and the count of what was printed (a rule added later may warn of
  // something in it; that rule's own tests pin its warnings).
  for (const [name, dir, files] of [["the second fixture site", join(FIXTURES, "second-site"), 4], ["reports that are not yet published, and their links", join(FIXTURES, "scheduled"), 9]] as const) {
    test(`checks ${name}: no error, exit 0`, async () => {
      const run = await weekly(dir, "check");
      assert.equal(run.stderr, "");
      const lines = run.stdout.split("\n");
      const problems = lines.slice(0, -2);
      assert.deepEqual(problems.filter((line) => !/^\S+  warning: /.test(line)), [], run.stdout);
      assert.deepEqual(lines.slice(-2), [checkSummary(problems, files), ""]);
      assert.equal(run.status, 0);
    });
  }

  test("a wrong option or command is a usage error, exit 2", async () => {
    const format = await weekly(ROOT, "check", "--format", "xml");
    assert.deepEqual([format.status, format.stderr], [2, 'weekly check: --format received "xml"; expected text or json.\n']);
    const command = await weekly(ROOT, "publish");
    assert.equal(command.status, 2);
    assert.match(command.stderr, /^weekly: unknown command "publish"; expected check, new, digest, export or notify\./);
  });
});

describe("the report's count", () => {
  const problem = (severity: "error" | "warning", file: string): Problem => ({ file, line: 2, column: 1, severity, code: "unknown-key", message: "unknown key x", zh: "未知的键 x" });
  const cases: Array<[Problem[], number, string]> = [
    [[], 1, "No problems in 1 file."],
    [[], 9, "No problems in 9 files."],
    [[problem("error", "posts/a.md")], 2, "1 error, 0 warnings in 2 files."],
    [[problem("warning", "posts/a.md")], 1, "0 errors, 1 warning in 1 file."],
    [[problem("error", "posts/a.md"), problem("error", "posts/b.md"), problem("warning", "posts/b.md")], 17, "2 errors, 1 warning in 17 files."],
  ];
  for (const [problems, files, count] of cases) {
    test(`formatReport(${problems.map((p) => p.severity).join(", ") || "no problems"}, ${files} files) ends with "${count}"`, () => {
      const lines = formatReport({ problems, files }, "text").split("\n");
      assert.deepEqual(lines.slice(-2), [count, ""]);
      assert.equal(checkSummary(lines.slice(0, -2), files), count, "the tests' count is the command's");
    });
  }
});

describe("npx eleventy on the invalid site", () => {
  test("stops with the same errors, prints the warnings, and leaves an existing output folder byte-identical", () => {
    const output = tempOutput("invalid");
    try {
      cpSync(join(FIXTURES, "second-site"), join(output, "previous-build"), { recursive: true });
      const before = new Map(listFiles(output).map((file) => [file, readFileSync(join(output, file))]));
      const run = runEleventy(INVALID, output, { WEEKLY_NOW: "2026-06-01" });
      assert.equal(run.status, 1);
      const lines = outputLines(run);
      assert.deepEqual(problemsWithCode(stoppingErrors(lines), CODES), ERRORS);
      for (const warning of WARNINGS) assert.ok(lines.includes(`[weekly] ${warning}`), warning);
      assert.deepEqual(listFiles(output), [...before.keys()]);
      for (const [file, bytes] of before) assert.ok(readFileSync(join(output, file)).equals(bytes), file);
    } finally {
      removeOutput(output);
    }
  });
});
