import { describe, test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { readingTime, textOfTokens } from "../src/core/readingTime.js";

describe("readingTime", () => {
  const cases: Array<[string, string, number, number, number]> = [
    // name, text, CJK characters, other words, minutes
    ["empty", "", 0, 0, 1],
    ["400 Chinese characters", "智".repeat(400), 400, 0, 1],
    ["2000 Chinese characters", "能".repeat(2000), 2000, 0, 5],
    ["Chinese without spaces is not one word", "本周AI领域的报道呈现出几个显著主线", 16, 1, 1],
    ["mixed: Claude Opus 4.5专注token节省", "Claude Opus 4.5专注token节省", 4, 4, 1],
    ["1000 English words", "word ".repeat(1000), 0, 1000, 5],
    ["Japanese and Korean count as characters", "日本語のテキスト 한국어", 11, 0, 1],
  ];
  for (const [name, text, characters, words, minutes] of cases) {
    test(`${name} → ${characters} characters, ${words} words, ${minutes} min`, () => {
      assert.deepEqual(readingTime(text), { characters, words, minutes });
    });
  }
  test("textOfTokens reads headings, paragraphs, lists and code", () => {
    const md = new MarkdownIt();
    assert.equal(textOfTokens(md.parse("## 标题\n\n段落 **加粗**\n\n- 列表\n\n```\ncode\n```", {})), "标题\n段落 加粗\n列表\ncode\n");
  });
});

describe("readingTime: words joined by . ' -", () => {
  const cases: Array<[string, number]> = [
    ["Claude Opus 4.5", 3],
    ["don't stop", 2],
    ["end. Next", 2],
    ["e-mail", 1],
    ["a -- b", 2],
  ];
  for (const [text, words] of cases) test(`${JSON.stringify(text)} → ${words} words`, () => assert.equal(readingTime(text).words, words));
});
