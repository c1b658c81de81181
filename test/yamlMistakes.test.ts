// The mistakes Chinese authors make in front matter, each named at its line with what to type.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createFrontMatterEngine, frontMatterNotes } from "../src/content/frontMatter.js";
import { problemMessage } from "../src/core/problemCodes.js";
import { explainYamlError, fullWidthColons, fullWidthTagSeparator, missingClosingLine, swallowedBody } from "../src/core/yamlMistakes.js";
import { codesOf, copySite, outputLines, problemsWithCode, removeOutput, runEleventy, runWeeklyInProcess, tempOutput, withoutZh } from "./helpers.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const engine = createFrontMatterEngine(() => true);
/** The problems of front matter as gray-matter hands it over: the text after the opening `---`. */
const problems = (yaml: string) => frontMatterNotes(engine(`\n${yaml}`))!.problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe("front-matter mistakes, through the front-matter engine", () => {
  const cases: Array<[string, string, string[]]> = [
    ["a full-width colon after a key", "title：新模型\ndate: 2026-02-05", ['2:6 front matter: "title" is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: title: …']],
    ["a full-width colon after a later key", "date: 2026-02-05\ntags：AI", ['3:5 front matter: "tags" is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: tags: …']],
    ["an unquoted colon in a title", "title: OpenAI: 新模型发布\ndate: 2026-02-05", ['2:8 front matter: the value of title holds a colon and a space, which YAML reads as the start of another key. Put the value in quotes: title: "OpenAI: 新模型发布"']],
    ["curly quotes around a title", "title: “OpenAI: 新模型”\ndate: 2026-02-05", ['2:8 front matter: title is quoted with curly quotes “…, which YAML reads as text, not as quotes. Type ASCII quotes: title: "OpenAI: 新模型"']],
    ["tags with a full-width comma", "title: t\ntags: 人工智能，大模型", ['3:1 tags: "人工智能，大模型" holds a full-width "，", so it is one tag. For several tags, separate them with ASCII commas in brackets: tags: [人工智能, 大模型], or write one per line as "- 人工智能".']],
    ["no closing --- and a --- rule further down the body", "title: t\ndate: 2026-02-12\n\n# 2026年W07人工智能周报\n\n本周导语：……\n\n### 模型迭代\n……", ['5:1 front matter: no closing --- before this line, so the text below was read as YAML ("# 2026年W07人工智能周报"). Add a line --- where the front matter ends.']],
    ["a commented-out key above an unquoted colon: the colon is the mistake", "# draft: true\ntitle: OpenAI: 新模型\ndate: 2026-02-05", ['3:8 front matter: the value of title holds a colon and a space, which YAML reads as the start of another key. Put the value in quotes: title: "OpenAI: 新模型"']],
    ["a whole title in curly quotes (a warning: the quotes would show)", "title: “新模型”\ndate: 2026-02-05", ['2:8 front matter: the value of title is wrapped in curly quotes “…”, which YAML keeps as part of the text. If they are meant as quotes, type ASCII ones: title: "新模型"']],
    ["a colon inside a value that is fine", "title: 本周：模型与代理\ndescription: 'a: b'", []],
    ["“” inside a title that is fine", "title: OpenAI发布“新模型”", []],
  ];
  for (const [label, yaml, expected] of cases) {
    test(`${label} → ${expected.length === 0 ? "no problem" : expected[0]!.split(" ")[0]}`, () => assert.deepEqual(problems(yaml), expected));
  }
});

/** Front matter as gray-matter hands it over (after the opening ---, up to the closing line), by lines. */
const handed = (...lines: string[]) => `\n${lines.join("\n")}`;

describe("swallowedBody: a body YAML read without complaint, up to a --- rule that closed the front matter", () => {
  const cases: Array<[string, string, unknown, { line: number; closing: number } | undefined]> = [
    ["the title's heading just above the rule", handed("title: 第十周", "date: 2026-03-05", "# 第十周"), "第十周", { line: 4, closing: 5 }],
    ["the title's heading, spaced as Markdown allows", handed("title: 第十周", "", "#   第十周  "), "第十周", { line: 4, closing: 5 }],
    ["a section heading and a blank line above the rule", handed("title: 第十周", "date: 2026-03-05", "", "## 本周导语", ""), "第十周", { line: 5, closing: 7 }],
    ["list items YAML added to tags, after a heading", handed("title: 第九周", "tags:", "- AI", "", "# 要点", "", "- 要点一", "- 要点二"), "第九周", { line: 6, closing: 10 }],
    ["an English heading and a blank line above the rule", handed("title: Week 10", "", "# This week", ""), "Week 10", { line: 4, closing: 6 }],
    ["a comment above the keys", handed("# 备注：草稿", "title: 第十周", "date: 2026-03-05"), "第十周", undefined],
    ["a comment just above the closing line", handed("title: 第十周", "date: 2026-03-05", "# TODO: 补上标签"), "第十周", undefined],
    ["a comment between items of a list", handed("title: t", "tags:", "- AI", "# - 旧标签", "- 代理"), "t", undefined],
    ["a block scalar holding Markdown", handed("title: 第十周", "description: |", "  # 第十周", "", "  - 要点", ""), "第十周", undefined],
    ["#话题 without a space, which is no heading", handed("title: 第十周", "", "#话题", ""), "第十周", undefined],
    ["keys only", handed("title: 第十周", "date: 2026-03-05", ""), "第十周", undefined],
  ];
  for (const [label, text, title, expected] of cases) {
    test(`swallowedBody(${label}) → ${expected ? `line ${expected.line}, closed at ${expected.closing}` : "none"}`, () => {
      const found = swallowedBody(text, title);
      assert.deepEqual(found && { line: found.line, closing: Number(/the --- at line (\d+)/.exec(found.message)?.[1]), code: found.code }, expected && { ...expected, code: "front-matter-unclosed" });
    });
  }
  test("through the engine: the problem at the heading, the page's values dropped, CRLF or not", () => {
    for (const newline of ["\n", "\r\n"]) {
      const data = engine(["", "title: 第十周", "date: 2026-03-05", "", "## 本周导语", ""].join(newline) + (newline === "\r\n" ? "\r" : ""));
      assert.deepEqual(withoutZh(frontMatterNotes(data)), {
        keys: [],
        problems: [{ line: 5, column: 1, field: "front matter", severity: "error", code: "front-matter-unclosed", message: 'front matter: the closing --- seems missing before this line ("## 本周导语"): the --- at line 7, a rule of the body, closed the front matter instead, so the text up to it was read as YAML and is not shown. Add a line --- above this line, where the front matter ends.' }],
        unreadable: true,
      });
      assert.equal(data.title, undefined);
      // The same front matter closed where it should be, with a Windows line ending before the closing line.
      assert.deepEqual(frontMatterNotes(engine(["", "title: 第十周", "# 第九周 (a comment)", "date: 2026-03-05"].join(newline) + (newline === "\r\n" ? "\r" : "")))?.problems, []);
    }
  });
  test("every front matter that cannot be read is marked so, and the rest are not", () => {
    const marked = (yaml: string) => frontMatterNotes(engine(`\n${yaml}`))?.unreadable === true;
    assert.deepEqual(
      ["title：新模型", 'title: "a', "- a", "title: OpenAI: 新模型", "title: t\n\n# 标题\n\n本周", "title: “新模型”", "title: t\ntags: 人工智能，大模型", "title: t"].map(marked),
      [true, true, true, true, true, false, false, false],
    );
  });
});

describe("the pure checks", () => {
  test("fullWidthColons only looks at top-level keys written in ASCII", () => {
    assert.deepEqual(fullWidthColons("\n  note：indented\n说明：中文\n"), []);
  });
  test("explainYamlError says nothing of an error it does not recognise", () => {
    assert.equal(explainYamlError("\ntitle: [unclosed\n", { line: 3, column: 1 }), undefined);
  });
  test("missingClosingLine: the first heading of a body YAML took for comments, not a commented-out key", () => {
    assert.equal(missingClosingLine("---\ntitle: t\n# draft: true\ndate: 2026-02-05\n\n# 第七周\n\n## 模型\n"), 6);
    assert.equal(missingClosingLine("---\ntitle: t\ndate: 2026-02-05\n"), undefined);
  });
  test("a curly-quoted value is a warning; quotes inside a value are not", () => {
    const notes = frontMatterNotes(engine("\ntitle: “新模型”\ndescription: 他说“好”"))!;
    assert.deepEqual(notes.problems.map((p) => [p.line, p.severity]), [[2, "warning"]]);
  });
  test("fullWidthTagSeparator: ，、； in any tag of a list; none in ordinary tags", () => {
    assert.match(problemMessage("tag-separator", fullWidthTagSeparator(["AI", "代理；工具"])!), /^tags: "代理；工具" holds a full-width "；"/);
    assert.equal(fullWidthTagSeparator(["AI", "人工智能"]), undefined);
    assert.equal(fullWidthTagSeparator("AI"), undefined);
  });
});

test("`weekly check` names each mistake at its line, and `weekly new --tags \"AI，代理\"` writes two tags", async () => {
  const site = copySite("scheduled");
  try {
    writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), "---\ntitle：第九周\ndate: 2026-02-26\n---\n正文\n");
    writeFileSync(join(site, "posts", "2026-W10-ai-weekly.md"), "---\ntitle: OpenAI: 新模型\ndate: 2026-03-05\n---\n正文\n");
    writeFileSync(join(site, "posts", "2026-W11-ai-weekly.md"), "---\ntitle: 第十一周\ndate: 2026-03-12\ntags: 人工智能，大模型\n---\n正文\n");
    const check = await runWeeklyInProcess(site, ["check"], { WEEKLY_NOW: "2026-03-13T00:00" });
    assert.equal(check.status, 1);
    const lines = check.stdout.split("\n");
    for (const expected of [
      'posts/2026-W09-ai-weekly.md:2:6  front matter: "title" is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: title: … [full-width-colon]',
      'posts/2026-W10-ai-weekly.md:2:8  front matter: the value of title holds a colon and a space, which YAML reads as the start of another key. Put the value in quotes: title: "OpenAI: 新模型" [unquoted-colon]',
      'posts/2026-W11-ai-weekly.md:4:1  tags: "人工智能，大模型" holds a full-width "，", so it is one tag. For several tags, separate them with ASCII commas in brackets: tags: [人工智能, 大模型], or write one per line as "- 人工智能". [tag-separator]',
    ]) {
      assert.ok(lines.includes(expected), `${expected}\n\n${check.stdout}`);
    }
    for (const week of ["W09", "W10", "W11"]) writeFileSync(join(site, "posts", `2026-${week}-ai-weekly.md`), "");
    const made = await runWeeklyInProcess(site, ["new", "2026-W20", "--tags", "AI，代理、工具"]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(readFileSync(join(site, "posts", "2026-W20-ai-weekly.md"), "utf8"), /\ntags:\n {2}- AI\n {2}- 代理\n {2}- 工具\n/);
  } finally {
    removeOutput(site);
  }
});

test("a report dated outside its file name's week, and a body # heading that is not the title, are warnings at their lines", async () => {
  const site = copySite("scheduled");
  try {
    writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), "---\ntitle: 第九周\ndate: 2026-03-05\n---\n\n# 第八周\n\n正文\n");
    const check = await runWeeklyInProcess(site, ["check"], { WEEKLY_NOW: "2026-03-13T00:00" });
    const lines = check.stdout.split("\n").filter((line) => line.startsWith("posts/2026-W09"));
    assert.deepEqual(problemsWithCode(lines, ["date-outside-week", "second-title"]), [
      "posts/2026-W09-ai-weekly.md:3:1  warning: date: 2026-03-05 is in week 2026-W10, but the file name says 2026-W09: the page shows 2026-W10 and its digest. Date it within 2026-W09 (2026-02-23 – 2026-03-01), or rename the file. [date-outside-week]",
      'posts/2026-W09-ai-weekly.md:6:1  warning: the body\'s heading "# 第八周" is not the title "第九周": the page would show two titles. Make the heading the same as title: in the front matter, or remove it. [second-title]',
    ]);
  } finally {
    removeOutput(site);
  }
});

describe("one mistake, one message: a page whose front matter cannot be read gets that problem only, in the build and in `weekly check`", () => {
  const NOW = { WEEKLY_NOW: "2026-03-13T00:00" };
  const FILES: Record<string, [text: string, expected: string[]]> = {
    // A full-width colon, in a draft with a heading, a placeholder and a link to another draft:
    // no title from the file's name, no 1970 date, no schedule or placeholder rule.
    "posts/2026-W03-ai-weekly.md": [
      "---\ntitle：第三周\ndate: 2026-01-15\ndraft: true\n---\n\n# 第三周\n\n[想法](./idea-draft.md)\n\n……\n",
      ['posts/2026-W03-ai-weekly.md:2:6  front matter: "title" is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: title: … [full-width-colon]'],
    ],
    // Broken YAML, and a second report with no readable date: no "second report for 1970-W01".
    "posts/2026-W02-ai-weekly.md": [
      "---\ntitle: 第二周\ndate: 2026-01-08\ntags: [AI\n---\n\n# 另一个标题\n\n正文\n",
      ["posts/2026-W02-ai-weekly.md:5:1  front matter is not valid YAML: unexpected end of the stream within a flow collection [front-matter-yaml]"],
    ],
    // No closing ---: YAML took the heading for a comment and a rule of the body closed the front matter.
    "posts/2026-W09-ai-weekly.md": [
      "---\ntitle: 第九周\ndate: 2026-02-26\n\n## 本周导语\n\n---\n\n## 模型\n\n正文\n",
      ['posts/2026-W09-ai-weekly.md:5:1  front matter: the closing --- seems missing before this line ("## 本周导语"): the --- at line 7, a rule of the body, closed the front matter instead, so the text up to it was read as YAML and is not shown. Add a line --- above this line, where the front matter ends. [front-matter-unclosed]'],
    ],
    // Readable front matter without a date: the missing date, not a week of 1970 besides.
    "posts/2026-W10-ai-weekly.md": [
      "---\ntitle: 第十周\n---\n\n正文\n",
      ["posts/2026-W10-ai-weekly.md:1:1  date: missing; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai). [invalid-field]"],
    ],
    // A draft whose schedule cannot be read stays a draft: no error for its link to another draft
    // or its placeholder, which a draft may have.
    "posts/2026-W12-ai-weekly.md": [
      "---\ntitle: 第十二周\ndate: 2026-03-19\ndraft: true\nscheduled: 2026-02-30\n---\n\n[想法](./idea-draft.md)\n\n……\n",
      [
        'posts/2026-W12-ai-weekly.md:5:1  scheduled: received "2026-02-30"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai). [invalid-field]',
        'posts/2026-W12-ai-weekly.md:10:1  warning: the template\'s placeholder "……" is still here: write this part before removing draft: true. [placeholder]',
      ],
    ],
    // Readable front matter without a title: the missing title, not a heading that differs from the file's name.
    "posts/2026-W11-ai-weekly.md": [
      "---\ndate: 2026-03-12\n---\n\n# 第十一周\n\n正文\n",
      ["posts/2026-W11-ai-weekly.md:1:1  title: missing; expected a non-empty text. [invalid-field]"],
    ],
  };
  let site: string;
  let output: string;
  let build: ReturnType<typeof runEleventy>;
  let check: Awaited<ReturnType<typeof runWeeklyInProcess>>;
  before(async () => {
    site = copySite("scheduled");
    for (const [path, [text]] of Object.entries(FILES)) writeFileSync(join(site, path), text);
    output = tempOutput("one-message");
    build = runEleventy(site, output, NOW);
    check = await runWeeklyInProcess(site, ["check"], NOW);
  });
  after(() => {
    removeOutput(output);
    if (site) removeOutput(site);
  });
  /**
   * The rules this is about: the problems expected, and those that would follow from a field that
   * cannot be read (a date of 1970, a title from the file's name, a schedule, a placeholder).
   */
  const CODES = [...codesOf(Object.values(FILES).flatMap(([, expected]) => expected)), "date-outside-week", "second-report", "second-title", "file-name-week", "link-held-back", "broken-link", "placeholder"];
  /** The problem lines of one file, of those rules, the build's prefix and indentation removed. */
  const linesOf = (lines: string[], path: string) =>
    problemsWithCode(lines.map((line) => line.replace(/^\[weekly\] /, "")).filter((line) => line.startsWith(`${path}:`) || line.startsWith(`${path} `)), CODES);

  for (const [path, [, expected]] of Object.entries(FILES)) {
    test(`the build: ${path} → ${expected.map((line) => /\[([a-z-]+)\]$/.exec(line)?.[1]).join(", ")} only`, () => {
      assert.notEqual(build.status, 0);
      // The build prints warnings before the errors that stop it.
      assert.deepEqual(linesOf(outputLines(build), path).sort(), [...expected].sort(), outputLines(build).join("\n"));
    });
    test(`weekly check: ${path} → the same`, () => {
      assert.equal(check.status, 1);
      assert.deepEqual(linesOf(check.stdout.split("\n"), path), expected, check.stdout);
    });
  }
  test("nothing was written", () => assert.ok(!existsSync(join(output, "posts")), "no page"));
});
