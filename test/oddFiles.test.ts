// Files that are not what they seem, in a real site (the four-week fixture): an empty file, one
// with only front matter, a byte-order mark, Windows line endings, bytes that are not UTF-8, a
// 5 MB report and one of 200 MB (sparse: made in a moment), lists nested past what Markdown
// reads, and symbolic links that loop. Each builds, or stops the build with a message naming
// the file (and line) before anything is written.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { findContentFolderFiles, MAX_CONTENT_FILE_BYTES } from "../src/content/files.js";
import { join } from "node:path";
import { all, copySite, listFiles, outputLines, readSite, removeOutput, ROOT, runEleventy, runWeeklyInProcess, tempOutput, text, type BuiltSite } from "./helpers.js";

const NOW = { WEEKLY_NOW: "2026-03-01T12:00" };
/** A list nested 60 deep: markdown-it reads 49 levels and drops the rest, and all that follows it. */
const DEEP_LIST = Array.from({ length: 60 }, (_, level) => `${"  ".repeat(level)}- 第${level}层`).join("\n");
const NESTING = "lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote and everything after it in the page is not shown. Nest less deeply.";
/** The W06 report's body, repeated until the report is over 5 MB, each round's headings made its own. */
function bigReport(): { source: string; rounds: number } {
  const body = readFileSync(join(ROOT, "posts", "2026-W06-ai-weekly.md"), "utf8").split("---").slice(2).join("---");
  const parts: string[] = [];
  let size = 0;
  while (size < 5 * 1024 * 1024) {
    const part = body.replaceAll("### ", `### 第${parts.length}轮 `);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return { source: `---\ntitle: 五兆字节的周报\ndate: 2026-01-01\n---\n${parts.join("")}`, rounds: parts.length };
}

describe("odd files that build", () => {
  let fixture: string;
  let site: BuiltSite;
  let run: ReturnType<typeof runEleventy>;
  let rounds: number;
  before(() => {
    fixture = copySite("scheduled");
    const posts = join(fixture, "posts");
    writeFileSync(join(posts, "2026-W04-only-front-matter.md"), "---\ntitle: 只有头信息\ndate: 2026-01-22\ntags: [AI]\n---\n");
    writeFileSync(join(posts, "2026-W03-bom.md"), "\uFEFF---\ntitle: 带字节序标记的周报\ndate: 2026-01-15\n---\n\n## 小节\n\n正文。\n");
    writeFileSync(join(posts, "2026-W02-crlf.md"), "---\r\ntitle: Windows 换行的周报\r\ndate: 2026-01-08\r\ntags:\r\n  - 换行\r\n---\r\n\r\n## 第一节\r\n\r\n正文，[摘要](../weekly_news/ai_news_2026-W05)。\r\n");
    writeFileSync(join(posts, "2026-W01-deep.md"), `---\ntitle: 嵌套太深的列表\ndate: 2026-01-02\nscheduled: 2026-06-01T08:00\n---\n\n开头\n\n${DEEP_LIST}\n`);
    const big = bigReport();
    rounds = big.rounds;
    writeFileSync(join(posts, "2026-W01-big.md"), big.source);
    symlinkSync("loop-b.md", join(posts, "loop-a.md"));
    symlinkSync("loop-a.md", join(posts, "loop-b.md"));
    symlinkSync("nowhere.md", join(posts, "dangling.md"));
    const output = tempOutput("odd-files");
    run = runEleventy(fixture, output, NOW);
    assert.equal(run.status, 0, run.stderr);
    site = readSite(output);
  });
  after(() => {
    if (site) removeOutput(site);
    if (fixture) removeOutput(fixture);
  });

  test("lists nested past Markdown's limit in a report scheduled for later: a warning names the first line not shown", () => {
    assert.ok(
      outputLines(run).includes(`[weekly] posts/2026-W01-deep.md:58:1  warning: ${NESTING} (This page is not published yet: this will stop the build when it goes live.) [nesting-too-deep]`),
      outputLines(run).filter((line) => line.includes("deep")).join("\n"),
    );
    assert.ok(!site.files.has("posts/2026-W01-deep/index.html"));
  });

  test("a file with only front matter is a report with its title and tags, and nothing else", () => {
    const doc = site.page("/posts/2026-W04-only-front-matter/");
    assert.equal(text(doc.querySelector("h1")), "只有头信息");
    assert.equal(text(doc.querySelector(".content")), "");
    assert.ok(site.page("/tags/ai/").querySelector('a[href="/posts/2026-W04-only-front-matter/"]'));
  });

  test("a byte-order mark is not part of the title", () => {
    const doc = site.page("/posts/2026-W03-bom/");
    assert.equal(doc.querySelector("h1")!.textContent, "带字节序标记的周报");
    assert.ok(!site.files.get("posts/2026-W03-bom/index.html")!.includes("\uFEFF"));
    assert.equal(doc.querySelector("h2")!.getAttribute("id"), "小节");
  });

  test("Windows line endings: front matter, headings and links read as with Unix ones", () => {
    const doc = site.page("/posts/2026-W02-crlf/");
    assert.equal(doc.querySelector("h1")!.textContent, "Windows 换行的周报");
    assert.deepEqual(
      Array.from(doc.querySelectorAll(".tags a")).map((a) => [a.textContent, a.getAttribute("href")]),
      [["换行", "/tags/换行/"]],
    );
    assert.equal(doc.querySelector("h2")!.getAttribute("id"), "第一节");
    assert.ok(doc.querySelector('.content a[href="/weekly_news/ai_news_2026-W05/"]'));
    assert.ok(!site.files.get("posts/2026-W02-crlf/index.html")!.includes("\r"));
  });

  test("a 5 MB report is built whole: its last section is there, with an id of its own", () => {
    const html = site.files.get("posts/2026-W01-big/index.html")!;
    assert.ok(html.length > 5 * 1024 * 1024 / 3, `${html.length} characters`);
    const doc = site.page("/posts/2026-W01-big/");
    const ids = Array.from(doc.querySelectorAll(".content h2[id], .content h3[id]")).map((h) => h.getAttribute("id")!);
    assert.equal(new Set(ids).size, ids.length, "every heading id is unique");
    assert.ok(ids.some((id) => id.startsWith(`第${rounds - 1}轮`)), `the last round (${rounds - 1}) has its headings`);
    assert.ok(site.page("/").querySelector('a[href="/posts/2026-W01-big/"]'));
  });

  test("links that loop or lead nowhere are warned about, by name, and skipped", () => {
    const lines = outputLines(run);
    for (const [link, why] of [
      ["posts/loop-a.md", "it leads back to itself (posts/loop-a.md → loop-b.md → …)"],
      ["posts/loop-b.md", "it leads back to itself (posts/loop-b.md → loop-a.md → …)"],
      ["posts/dangling.md", "its target nowhere.md does not exist"],
    ]) {
      assert.ok(
        lines.includes(`[weekly] ${link}  warning: a symbolic link that cannot be followed: ${why}; nothing from it is published. Remove the link or point it at a file. [broken-symlink]`),
        lines.join("\n"),
      );
    }
    assert.ok(!listFiles(site.output).some((file) => file.includes("loop") || file.includes("dangling")));
  });
});

describe("odd files that stop the build", () => {
  let fixture: string;
  let output: string;
  let run: ReturnType<typeof runEleventy>;
  before(() => {
    fixture = copySite("scheduled");
    const posts = join(fixture, "posts");
    writeFileSync(join(posts, "empty.md"), "");
    writeFileSync(join(posts, "2026-W02-gbk.md"), Buffer.concat([Buffer.from("---\ntitle: 编码\ndate: 2026-01-08\n---\n\n第一行\n坏字节 "), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from("\n")]));
    symlinkSync(".", join(posts, "again"));
    writeFileSync(join(posts, "2026-W03-c#.md"), "---\ntitle: C# 周报\ndate: 2026-01-15\n---\n\n正文。\n");
    writeFileSync(join(posts, "2026-W04-unclosed.md"), "---\ntitle: 没有结尾的头信息\ndate: 2026-01-22\n\n## 小节\n\n### 细节\n");
    writeFileSync(join(posts, "2026-W01-deep.md"), `---\ntitle: 嵌套太深的列表\ndate: 2026-01-02\n---\n\n开头\n\n${DEEP_LIST}\n\n## 之后的一节\n\n### 参考\n\n- [来源](https://example.org/)\n`);
    output = tempOutput("odd-files-stop");
    run = runEleventy(fixture, output, NOW);
  });
  after(() => {
    removeOutput(output);
    if (fixture) removeOutput(fixture);
  });

  test("every problem is named at once, with file, line and what to do; no stack trace", () => {
    assert.notEqual(run.status, 0);
    const lines = outputLines(run);
    const expected = [
      'posts/2026-W03-c#.md  file name: 2026-W03-c#.md holds "#" or "?", which end the path of a URL: links to its page would break. Rename the file without them. [file-name-url]',
      "posts/2026-W04-unclosed.md:5:1  front matter: no closing --- line, so the whole file was read as front matter and the body is empty. Add a line --- above this line, where the front matter ends. [front-matter-unclosed]",
      "posts/2026-W02-gbk.md:7:5  the file is not UTF-8: byte 0xD6 cannot be read as text (the file was probably saved in another encoding, such as GBK or Latin-1); save it as UTF-8. [not-utf8]",
      "posts/again  a symbolic link to posts (written .), which is already part of the site: every file under it would be published twice, at two addresses. Remove the link, or list it in .eleventyignore. [symlink-twice]",
      "posts/empty.md:1:1  date: missing; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai). [invalid-field]",
      "posts/empty.md:1:1  title: missing; expected a non-empty text. [invalid-field]",
      `posts/2026-W01-deep.md:57:1  ${NESTING} [nesting-too-deep]`,
    ];
    for (const line of expected) assert.ok(lines.includes(line), `${line}\n--- in ---\n${lines.join("\n")}`);
    assert.ok(!lines.some((line) => /^\s+at /.test(line)), "no stack trace");
    assert.ok(!lines.some((line) => line.includes("posts/again/")), "nothing is reported twice through the link");
  });

  test("nothing was written", () => {
    assert.deepEqual(existsSync(output) ? listFiles(output) : [], []);
  });

  test("`weekly check` names the same problems", async () => {
    const check = await runWeeklyInProcess(fixture, ["check"], NOW);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /posts\/2026-W02-gbk\.md:7:5 {2}the file is not UTF-8: byte 0xD6/);
    assert.match(check.stdout, /posts\/again {2}a symbolic link to posts/);
    assert.match(check.stdout, /posts\/empty\.md:1:1 {2}title: missing/);
    assert.ok(check.stdout.includes(`posts/2026-W01-deep.md:57:1  ${NESTING} [nesting-too-deep]`), check.stdout);
  });
});

describe("files too large to read stop the build before a byte of them is read", () => {
  const REPORT = 200 * 1024 * 1024;
  const JUST_OVER = MAX_CONTENT_FILE_BYTES + 1;
  let fixture: string;
  let output: string;
  let run: ReturnType<typeof runEleventy>;
  let lines: string[];
  /** Front matter, then a sparse file up to `size` bytes: nothing is written to the disk but the header. */
  const sparse = (file: string, header: string, size: number) => {
    writeFileSync(file, header);
    truncateSync(file, size);
  };
  before(() => {
    fixture = copySite("scheduled");
    sparse(join(fixture, "posts", "2026-W05-huge.md"), "---\ntitle: 两百兆的周报\ndate: 2026-01-29\n---\n\n", REPORT);
    sparse(join(fixture, "weekly_news", "ai_news_2026-W05.md"), "---\ntitle: 摘要\n---\n\n", JUST_OVER);
    sparse(join(fixture, "posts", "2026-W04-at-limit.md"), "---\ntitle: 刚好十兆\ndate: 2026-01-22\n---\n\n", MAX_CONTENT_FILE_BYTES);
    // Size 0 to stat, endless to read: Eleventy and the check read it until the memory ran out.
    symlinkSync("/dev/zero", join(fixture, "posts", "2026-W03-zero.md"));
    output = tempOutput("too-large");
    run = runEleventy(fixture, output, NOW);
    lines = outputLines(run);
  });
  after(() => {
    removeOutput(output);
    if (fixture) removeOutput(fixture);
  });

  const expected = [
    `posts/2026-W05-huge.md  the file is 200 MB (${REPORT} bytes), over the limit of 10 MB (${MAX_CONTENT_FILE_BYTES} bytes) for a report or digest: it is not read. Split it into smaller files, or move what is not text (pictures, data) into files it links to. [file-too-large]`,
    `weekly_news/ai_news_2026-W05.md  the file is 10.0 MB (${JUST_OVER} bytes), over the limit of 10 MB (${MAX_CONTENT_FILE_BYTES} bytes) for a report or digest: it is not read. Split it into smaller files, or move what is not text (pictures, data) into files it links to. [file-too-large]`,
    `posts/2026-W03-zero.md  the name leads to a device, a pipe or a socket, not a regular file: it has no size to hold to the limit of 10 MB (${MAX_CONTENT_FILE_BYTES} bytes) for a report or digest, and reading it may never end, so it is not read. Replace it with a file, or remove it. [file-too-large]`,
  ];

  test("the build stops naming each file, its size and the limit; a file at the limit is not named; nothing is written", () => {
    assert.notEqual(run.status, 0);
    for (const line of expected) assert.ok(lines.some((l) => l.endsWith(line)), `${line}\n--- in ---\n${lines.join("\n")}`);
    assert.ok(!lines.some((line) => line.includes("2026-W04-at-limit.md")), lines.join("\n"));
    assert.ok(!lines.some((line) => /^\s+at /.test(line)), "no stack trace");
    assert.deepEqual(existsSync(output) ? listFiles(output) : [], []);
  });

  test("`weekly check` names the same files with the same code", async () => {
    const check = await runWeeklyInProcess(fixture, ["check"], NOW);
    assert.equal(check.status, 1);
    for (const line of expected) assert.ok(check.stdout.split("\n").includes(line), `${line}\n--- in ---\n${check.stdout}`);
  });
});

describe("a page or data file that is not a regular file is found by its name, unread", () => {
  let dir: string;
  before(() => {
    dir = tempOutput("not-a-file");
    mkdirSync(join(dir, "posts"), { recursive: true });
    symlinkSync("/dev/zero", join(dir, "posts", "zero.md"));
    symlinkSync("/dev/null", join(dir, "posts", "posts.11tydata.json"));
    symlinkSync("/dev/zero", join(dir, "posts", "chart.png")); // a linked file: linkedFiles.ts refuses it
    execFileSync("mkfifo", [join(dir, "posts", "pipe.md")]);
    writeFileSync(join(dir, "posts", "plain.md"), "---\ntitle: t\n---\n");
  });
  after(() => removeOutput(dir));

  test("a device or a pipe named like a page or a data file is `not a file`; a picture name and a plain page are not listed", () => {
    assert.deepEqual(
      findContentFolderFiles(dir, ["posts"], ["json"]).map((file) => [file.path, file.kind]),
      [
        ["posts/pipe.md", "not a file"],
        ["posts/posts.11tydata.json", "not a file"],
        ["posts/zero.md", "not a file"],
      ],
    );
  });
});
