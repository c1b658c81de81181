import { after, describe, test } from "node:test";
import { withoutZh } from "./helpers.js";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findLinkProblems, isThroughLink } from "../src/content/files.js";
import { firstInvalidUtf8 } from "../src/content/encoding.js";
import { problemMessage } from "../src/core/problemCodes.js";
import { within } from "../src/core/paths.js";

describe("firstInvalidUtf8", () => {
  const utf8 = (text: string) => [...Buffer.from(text, "utf8")];
  const cases: Array<[string, number[], ReturnType<typeof firstInvalidUtf8>]> = [
    ["ASCII", utf8("title: a\n"), undefined],
    ["Chinese, emoji and a BOM", [0xef, 0xbb, 0xbf, ...utf8("周报 🤖\n")], undefined],
    ["U+FFFD written as such", utf8("\uFFFD"), undefined],
    ["a lone 0xFF on line 2", [...utf8("第一行\n坏 "), 0xff, 0xfe], { line: 2, column: 3, byte: 0xff }],
    ["GBK for 中文", [0xd6, 0xd0, 0xce, 0xc4], { line: 1, column: 1, byte: 0xd6 }],
    ["an overlong NUL (C0 80)", [0x41, 0xc0, 0x80], { line: 1, column: 2, byte: 0xc0 }],
    ["an overlong slash (E0 80 AF)", [0xe0, 0x80, 0xaf], { line: 1, column: 1, byte: 0xe0 }],
    ["a surrogate (ED A0 80)", [...utf8("a\nb\n"), 0xed, 0xa0, 0x80], { line: 3, column: 1, byte: 0xed }],
    ["beyond U+10FFFF (F4 90 80 80)", [0xf4, 0x90, 0x80, 0x80], { line: 1, column: 1, byte: 0xf4 }],
    ["cut short at the end (E4 B8)", [...utf8("中"), 0xe4, 0xb8], { line: 1, column: 2, byte: 0xe4 }],
    ["UTF-16 (FF FE) at the very start, with line breaks after", [0xff, 0xfe, 0x0a, 0x41, 0x0a, 0x42, 0x0a], { line: 1, column: 1, byte: 0xff }],
    ["a stray continuation byte", [0x61, 0x80], { line: 1, column: 2, byte: 0x80 }],
    ["Latin-1 é", [...utf8("caf"), 0xe9, 0x0a], { line: 1, column: 4, byte: 0xe9 }],
  ];
  for (const [name, bytes, expected] of cases) {
    test(`${name} → ${JSON.stringify(expected)}`, () => assert.deepEqual(firstInvalidUtf8(Uint8Array.from(bytes)), expected));
  }
  test("the message names the byte and what to do", () => {
    assert.equal(
      problemMessage("not-utf8", { byte: 0xff }),
      "the file is not UTF-8: byte 0xFF cannot be read as text (the file was probably saved in another encoding, such as GBK or Latin-1); save it as UTF-8.",
    );
  });
});

describe("findLinkProblems", () => {
  const site = mkdtempSync(join(tmpdir(), "weekly-links-"));
  const outside = mkdtempSync(join(tmpdir(), "weekly-links-outside-"));
  after(() => {
    rmSync(site, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  mkdirSync(join(site, "posts", "nested"), { recursive: true });
  mkdirSync(join(site, "weekly_news"));
  writeFileSync(join(site, "posts", "a.md"), "---\ntitle: a\n---\n");
  writeFileSync(join(outside, "shared.md"), "---\ntitle: shared\n---\n");
  symlinkSync(".", join(site, "posts", "loop"));
  symlinkSync("../../weekly_news", join(site, "posts", "nested", "news"));
  symlinkSync("a.md", join(site, "posts", "copy.md"));
  symlinkSync("y.md", join(site, "posts", "x.md"));
  symlinkSync("x.md", join(site, "posts", "y.md"));
  symlinkSync("missing.md", join(site, "weekly_news", "gone.md"));
  symlinkSync(join(outside, "shared.md"), join(site, "posts", "shared.md"));
  symlinkSync("../../..", join(site, "posts", "nested", "up"));
  mkdirSync(join(outside, "folder"));
  writeFileSync(join(outside, "folder", "note.md"), "---\ntitle: note\n---\n");
  symlinkSync(join(outside, "folder"), join(site, "weekly_news", "shared-folder"));
  mkdirSync(join(outside, "trap"));
  symlinkSync(join(site, "posts"), join(outside, "trap", "back"));
  symlinkSync(join(outside, "trap"), join(site, "weekly_news", "trap"));

  const problems = findLinkProblems(site, ["posts", "weekly_news", "no-such-folder"]);
  const expected: Array<[string, "error" | "warning", boolean, string]> = [
    ["posts/copy.md", "error", true, "a symbolic link to posts/a.md (written a.md), which is already part of the site: its file would be published twice, at two addresses. Remove the link, or list it in .eleventyignore."],
    ["posts/loop", "error", true, "a symbolic link to posts (written .), which is already part of the site: every file under it would be published twice, at two addresses. Remove the link, or list it in .eleventyignore."],
    ["posts/nested/news", "error", true, "a symbolic link to weekly_news (written ../../weekly_news), which is already part of the site: every file under it would be published twice, at two addresses. Remove the link, or list it in .eleventyignore."],
    ["posts/x.md", "warning", false, "a symbolic link that cannot be followed: it leads back to itself (posts/x.md → y.md → …); nothing from it is published. Remove the link or point it at a file."],
    ["posts/y.md", "warning", false, "a symbolic link that cannot be followed: it leads back to itself (posts/y.md → x.md → …); nothing from it is published. Remove the link or point it at a file."],
    ["posts/nested/up", "error", true, `a symbolic link to ${realpathSync(join(site, ".."))} (written ../../..), a folder that holds the site itself: every file under it would be published twice, at two addresses. Remove the link, or list it in .eleventyignore.`],
    ["weekly_news/trap", "error", true, `a symbolic link to ${realpathSync(join(outside, "trap"))} (written ${join(outside, "trap")}), which holds a link back into the site (${join(realpathSync(outside), "trap", "back")} → ${join(site, "posts")}): every file under it would be published twice, at two addresses. Remove the link, or list it in .eleventyignore.`],
    ["weekly_news/gone.md", "warning", false, "a symbolic link that cannot be followed: its target missing.md does not exist; nothing from it is published. Remove the link or point it at a file."],
  ];
  for (const [path, severity, followed, message] of expected) {
    test(`${path}: ${severity}`, () => assert.deepEqual(withoutZh(problems.find((p) => p.path === path)), { path, severity, code: severity === "error" ? "symlink-twice" : "broken-symlink", followed, message }));
  }
  test("a link to a file or a folder outside the site is content shared on purpose: no problem", () => {
    assert.deepEqual(problems.map((p) => p.path).sort(), expected.map(([path]) => path).sort());
  });
  const through: Array<[string, string, boolean]> = [
    ["posts/loop/a.md", "posts/loop", true],
    ["posts/loop", "posts/loop", true],
    ["posts/looped.md", "posts/loop", false],
  ];
  for (const [path, link, yes] of through) test(`isThroughLink(${path}, ${link}) → ${yes}`, () => assert.equal(isThroughLink(path, link), yes));
});

describe("within", () => {
  const cases: Array<[string, string, string | undefined]> = [
    ["/site", "/site", ""],
    ["/site", "/site/posts/a.md", "posts/a.md"],
    ["/site", "/site/..x", "..x"],
    ["/site", "/", undefined],
    ["/site", "/site-other/a", undefined],
    ["/site/posts", "/site", undefined],
  ];
  for (const [outer, inner, expected] of cases) test(`within(${outer}, ${inner}) → ${expected}`, () => assert.equal(within(outer, inner), expected));
});
