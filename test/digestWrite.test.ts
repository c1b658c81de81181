import { describe, test } from "node:test";
import assert from "node:assert/strict";
import markdownIt from "markdown-it";
import { parseIsoWeek } from "../src/core/dates.js";
import { digestMarkdown, entryLine, failureNote, linksIn, mergeDigest, type FailedSource } from "../src/digest/write.js";
import type { Entry, Section } from "../src/digest/select.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";

const A = { name: "Import AI", feed: "https://importai.substack.com/feed", home: "https://importai.substack.com/" };
const B = { name: "机器之心", feed: "https://b.example/feed", home: undefined };
const entry = (title: string, link: string | undefined, summary?: string): Entry => ({ title, link, summary, published: 0 });

describe("entryLine", () => {
  const cases: Array<[Entry, string]> = [
    [entry("标题", "https://a.example/1", "摘要。"), "- [标题](https://a.example/1)：摘要。"],
    [entry("标题", undefined, "摘要。"), "- 标题：摘要。"],
    [entry("标题", "https://a.example/1"), "- [标题](https://a.example/1)"],
  ];
  for (const [given, expected] of cases) test(`${JSON.stringify(given.title)}, ${given.link}, ${given.summary} → ${expected}`, () => assert.equal(entryLine(given), expected));

  test("hostile titles and summaries render as their own text, in a list item, with only the item's own link", () => {
    const md = markdownIt({ html: true, linkify: true });
    const title = "[x](javascript:alert(1)) <script>alert(1)</script> **粗** `c` # h";
    const summary = "![i](https://evil.example/i.png) https://evil.example/ &lt;b&gt; _e_";
    const html = md.render(entryLine(entry(title, "https://a.example/1", summary)));
    assert.deepEqual([...html.matchAll(/<(a|img|script|strong|em|code|h1)\b[^>]*>/g)].map((m) => m[0]), ['<a href="https://a.example/1">']);
  });
});

describe("digestMarkdown", () => {
  test("front matter the site reads, the week's dates, then a section per source with its home page", () => {
    const week = parseIsoWeek("2026-W07", "Asia/Shanghai")!;
    const sections: Section[] = [{ source: A, entries: [entry("一", "https://a.example/1", "摘要")] }, { source: B, entries: [entry("二", "https://b.example/2")] }];
    assert.equal(
      digestMarkdown({ title: "AI Weekly Digest — 2026-W07", description: "第 7 周。", scheduled: "2026-02-12T08:00", draft: false }, week, sections),
      `---
title: "AI Weekly Digest — 2026-W07"
description: "第 7 周。"
scheduled: 2026-02-12T08:00
---

2026-W07（2026-02-09 至 2026-02-15）的新闻摘要，由各来源的订阅源收集，按来源分组，每条链接到原文。

## Import AI

来源主页：[Import AI](https://importai.substack.com/)

- [一](https://a.example/1)：摘要

## 机器之心

- [二](https://b.example/2)
`,
    );
  });
});

describe("a source that could not be read: its note in the file", () => {
  const week = parseIsoWeek("2026-W07", "Asia/Shanghai")!;
  const failedB: FailedSource = { source: B, reason: "HTTP 503 Service Unavailable", at: "2026-02-11 10:00" };
  const C = { name: "C 源", feed: "https://c.example/feed", home: undefined };
  const front = { title: "摘要", description: "", scheduled: undefined, draft: false };

  test("one HTML comment line naming the source, when, why and the command that fills it in; `--` and line breaks in the reason cannot end it", () => {
    assert.equal(failureNote(failedB, "2026-W07"), "<!-- weekly digest：来源「机器之心」未能读取（2026-02-11 10:00）：HTTP 503 Service Unavailable。能读取后运行 npx weekly digest 2026-W07 --merge，这一行会换成它的新闻。 -->");
    const hostile = failureNote({ ...failedB, reason: "bad --> <script>\nnext line" }, "2026-W07");
    assert.equal(hostile.indexOf("-->"), hostile.length - 3, hostile);
    assert.ok(!hostile.includes("\n") && !hostile.includes("<script"), hostile);
  });

  test("a new digest: the note where the source's section would be, in the sources' order", () => {
    const text = digestMarkdown(front, week, [{ source: A, entries: [entry("一", "https://a.example/1")] }, { source: C, entries: [entry("三", "https://c.example/3")] }], [failedB], [A, B, C]);
    const order = text.split("\n").filter((line) => line.startsWith("## ") || line.startsWith("<!--"));
    assert.deepEqual(order, ["## Import AI", failureNote(failedB, "2026-W07"), "## C 源"]);
  });

  const withNote = `${digestMarkdown(front, week, [{ source: A, entries: [entry("一", "https://a.example/1")] }], [failedB], [A, B])}`;

  test("--merge, the source read now with news: its section takes the note's place", () => {
    const merged = mergeDigest(withNote, [{ source: B, entries: [entry("二", "https://b.example/2")] }], { read: [A, B], failed: [], week: "2026-W07" });
    assert.equal(merged.text, withNote.replace(failureNote(failedB, "2026-W07"), "## 机器之心\n\n- [二](https://b.example/2)"));
    assert.equal(merged.notes, 1);
  });

  test("--merge, the source read now without news this week: the note goes, with its blank line", () => {
    const merged = mergeDigest(withNote, [], { read: [A, B], failed: [], week: "2026-W07" });
    assert.equal(merged.text, withNote.replace(`\n${failureNote(failedB, "2026-W07")}\n`, ""));
    assert.equal(merged.notes, 1);
  });

  test("--merge, the source failing again: the note says when and why now; the same failure changes nothing", () => {
    const again = { ...failedB, reason: "timed out after 20 s", at: "2026-02-12 09:00" };
    const merged = mergeDigest(withNote, [], { read: [A], failed: [again], week: "2026-W07" });
    assert.equal(merged.text, withNote.replace(failureNote(failedB, "2026-W07"), failureNote(again, "2026-W07")));
    const same = mergeDigest(withNote, [], { read: [A], failed: [failedB], week: "2026-W07" });
    assert.equal(same.text, withNote);
    assert.equal(same.notes, 0);
  });

  test("--merge, a source failing for the first time with no section in the file: its note at the end; one with a section: none (its earlier news stands)", () => {
    const failedC = { ...failedB, source: C };
    assert.equal(mergeDigest(withNote, [], { read: [A, B], failed: [failedC], week: "2026-W07" }).text, `${withNote.replace(`\n${failureNote(failedB, "2026-W07")}\n`, "")}\n${failureNote(failedC, "2026-W07")}\n`);
    assert.equal(mergeDigest(withNote, [], { read: [B], failed: [{ ...failedB, source: A }], week: "2026-W07" }).text.includes("Import AI」未能读取"), false);
  });

  test("rendered with the digests' default (raw HTML shown as text), the note is not on the page", () => {
    const md = markdownIt({ html: false });
    installMarkdownRules(md, { rewriteHref: () => undefined, allowsHtml: () => false, owns: () => true });
    const html = md.render(withNote.replace(/^---[\s\S]*?---\n/, ""), {});
    assert.ok(!html.includes("未能读取"), html);
    assert.match(html, /<h2[^>]*>Import AI<\/h2>/);
  });
});

describe("mergeDigest", () => {
  const existing = `---
title: 摘要
---

作者的导语。

## Import AI

来源主页：[Import AI](https://importai.substack.com/)

- [一](https://a.example/1?utm_source=x)：作者改写的摘要。
- 作者手写的一条，没有链接。

作者在小节末尾的话。

## 另一个小节

- [别处](https://c.example/1)
`;

  test("adds only items whose link the file lacks, after the last item of their section's list; other sections and bytes unchanged", () => {
    const merged = mergeDigest(existing, [{ source: A, entries: [entry("一（又见）", "https://A.example/1#x"), entry("二", "https://a.example/2", "新的。")] }]);
    assert.equal(merged.text, existing.replace("没有链接。\n", "没有链接。\n- [二](https://a.example/2)：新的。\n"));
    assert.deepEqual([...merged.added].map(([source, count]) => [source.name, count]), [["Import AI", 1]]);
  });

  test("a source without a section gets a new one at the end", () => {
    const merged = mergeDigest(existing, [{ source: B, entries: [entry("三", "https://b.example/3")] }]);
    assert.equal(merged.text, `${existing}\n## 机器之心\n\n- [三](https://b.example/3)\n`);
  });

  test("nothing new: the text is the same, byte for byte", () => {
    const merged = mergeDigest(existing, [{ source: A, entries: [entry("一", "https://a.example/1")] }, { source: { ...B, name: "另一个小节" }, entries: [entry("别处", "https://c.example/1")] }]);
    assert.equal(merged.text, existing);
    assert.equal(merged.added.size, 0);
  });

  test("Windows line endings stay Windows line endings", () => {
    const crlf = existing.replaceAll("\n", "\r\n");
    const merged = mergeDigest(crlf, [{ source: A, entries: [entry("二", "https://a.example/2")] }]);
    assert.equal(merged.text, crlf.replace("没有链接。\r\n", "没有链接。\r\n- [二](https://a.example/2)\r\n"));
  });

  test("mixed line endings stay as they were; a file without a final newline keeps none", () => {
    const mixed = "---\r\ntitle: x\r\n---\nintro\n\n## Import AI\r\n\r\n- [一](https://a.example/1)";
    const merged = mergeDigest(mixed, [{ source: A, entries: [entry("二", "https://a.example/2")] }]);
    assert.equal(merged.text, `${mixed}\r\n- [二](https://a.example/2)`);
  });

  test("the front matter and fenced code are never read as a section, nor written into", () => {
    const text = "---\nnote: |\n  ## Import AI\ntags:\n  - AI\n---\n\n## Import AI\n\n```sh\n# install\n- not an item\n```\n\n- [一](https://a.example/1)\n\n## Other\n";
    const merged = mergeDigest(text, [{ source: A, entries: [entry("二", "https://a.example/2")] }]);
    assert.equal(merged.text, text.replace("- [一](https://a.example/1)\n", "- [一](https://a.example/1)\n- [二](https://a.example/2)\n"));
  });

  test("a link whose text reads as an entity stays that link when rendered", () => {
    const line = entryLine(entry("t", "https://trusted.example&commat;evil.example/?a=1&b=2"));
    assert.equal(line, "- [t](https://trusted.example\\&commat;evil.example/?a=1&b=2)");
    assert.match(markdownIt().render(line), /href="https:\/\/trusted\.example&amp;commat;evil\.example\/\?a=1&amp;b=2"/);
    assert.deepEqual([...linksIn(line)], ["https://trusted.example&commat;evil.example/?a=1&b=2"]);
  });

  test("a home page is written only when it is a safe http(s) link", () => {
    const week = parseIsoWeek("2026-W07", "Asia/Shanghai")!;
    const front = { title: "t", description: "d", scheduled: undefined, draft: false };
    const hostile = { ...B, home: "https://x.example/a)![i](https://evil.example/x.png" };
    const text = digestMarkdown(front, week, [{ source: hostile, entries: [entry("二", "https://b.example/2")] }]);
    assert.doesNotMatch(markdownIt({ html: true }).render(text), /<img/);
  });

  test("a section without a list gets the items as a list after its last line", () => {
    const text = "## Import AI\n\n作者的话。\n\n## 下一节\n";
    assert.equal(mergeDigest(text, [{ source: A, entries: [entry("二", "https://a.example/2")] }]).text, "## Import AI\n\n作者的话。\n\n- [二](https://a.example/2)\n\n## 下一节\n");
  });

  test("linksIn reads links however written (inline, autolink, reference, bare, HTML), by their duplicate key", () => {
    const text = "[a](https://a.example/1#f) <https://b.example/x?utm_medium=y> [c](../local) [d](https://d.example/a_(b))\n[1]: https://e.example/ref\nsee https://f.example/bare, or <a href=\"https://g.example/html\">g</a>";
    assert.deepEqual([...linksIn(text)].sort(), ["https://a.example/1", "https://b.example/x", "https://d.example/a_", "https://d.example/a_(b)", "https://e.example/ref", "https://f.example/bare", "https://g.example/html"]);
  });
});
