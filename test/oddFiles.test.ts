// Files that are not what they seem, in a real site (the four-week fixture): an empty file, one
// with only front matter, a byte-order mark, Windows line endings, bytes that are not UTF-8, a
// 5 MB report, and symbolic links that loop. Each builds, or stops the build with a message naming
// the file (and line) before anything is written.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { all, copySite, listFiles, outputLines, readSite, removeOutput, ROOT, runEleventy, runWeekly, tempOutput, text, type BuiltSite } from "./helpers.js";

const NOW = { WEEKLY_NOW: "2026-03-01T12:00" };
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
    const deep = Array.from({ length: 60 }, (_, level) => `${"  ".repeat(level)}- 第${level}层`).join("\n");
    writeFileSync(join(posts, "2026-W01-deep.md"), `---\ntitle: 嵌套太深的列表\ndate: 2026-01-02\n---\n\n开头\n\n${deep}\n`);
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

  test("lists nested past Markdown's limit: the page builds, and a warning names the first line not shown", () => {
    const items = all(site.page("/posts/2026-W01-deep/"), ".content li").map((li) => li.firstChild?.textContent?.trim()).filter(Boolean);
    assert.equal(items.at(-1), "第48层", "markdown-it shows 49 levels");
    assert.ok(!text(site.page("/posts/2026-W01-deep/").querySelector(".content")).includes("第49层"));
    assert.ok(
      outputLines(run).includes("[weekly] posts/2026-W01-deep.md:57:1  warning: lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote is not shown. Nest less deeply. [nesting-too-deep]"),
      outputLines(run).filter((line) => line.includes("deep")).join("\n"),
    );
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
    ];
    for (const line of expected) assert.ok(lines.includes(line), `${line}\n--- in ---\n${lines.join("\n")}`);
    assert.ok(!lines.some((line) => /^\s+at /.test(line)), "no stack trace");
    assert.ok(!lines.some((line) => line.includes("posts/again/")), "nothing is reported twice through the link");
  });

  test("nothing was written", () => {
    assert.deepEqual(existsSync(output) ? listFiles(output) : [], []);
  });

  test("`weekly check` names the same problems", () => {
    const check = runWeekly(fixture, ["check"], NOW);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /posts\/2026-W02-gbk\.md:7:5 {2}the file is not UTF-8: byte 0xD6/);
    assert.match(check.stdout, /posts\/again {2}a symbolic link to posts/);
    assert.match(check.stdout, /posts\/empty\.md:1:1 {2}title: missing/);
  });
});
