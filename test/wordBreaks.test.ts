// Titles and headings break between words only: the groups a line may not break inside, and the
// HTML with a <wbr> between them.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { wordBreakHtml, wordGroups } from "../src/content/wordBreaks.js";

describe("wordGroups(text): what a line may not break inside", () => {
  const cases: Array<[string, string, string[]]> = [
    ["the W06 report's title: a count keeps its unit, a word ICU splits (多|维) stays whole, the colon stays with its word", "2026年W06人工智能周报：多维升级驱动AI生态加速演进", ["2026年", "W06", "人工", "智能", "周报：", "多维", "升级", "驱动", "AI", "生态", "加速", "演进"]],
    ["智能体 and 自动化, which ICU cuts after two characters, and 多 opening the clause", "AI代理和自动化：多智能体协作", ["AI", "代理和", "自动化：", "多智能体", "协作"]],
    ["an enumeration comma stays with the word before it", "风险、安全与监管", ["风险、", "安全与", "监管"]],
    ["an opening mark goes with the word after it, a closing one with the word before", "「多维」治理", ["「多维」", "治理"]],
    ["full-width brackets around a phrase", "发布（预览版）", ["发布", "（预览版）"]],
    ["spaces stay as they are; a hyphen between letters and digits joins them", "OpenAI 发布 GPT-5", ["OpenAI", " ", "发布", " ", "GPT-5"]],
    ["a version number", "v1.2 版本", ["v1.2", " ", "版本"]],
    ["one word", "趋势展望", ["趋势", "展望"]],
    ["empty", "", []],
  ];
  for (const [what, text, groups] of cases) test(`${what}: ${JSON.stringify(text)}`, () => assert.deepEqual(wordGroups(text), groups));

  test("the groups are the text, nothing added or lost", () => {
    for (const text of ["2026年W06人工智能周报：多维升级驱动AI生态加速演进", "「a」 b — c，d。", "   ", "😀表情 ไทย"]) assert.equal(wordGroups(text).join(""), text);
  });
});

describe("wordBreakHtml(text): the text as HTML, a <wbr> between words and nowhere else", () => {
  const cases: Array<[string, string]> = [
    ["多维升级", "多维<wbr>升级"],
    ["周报：多维", "周报：<wbr>多维"],
    ["OpenAI 发布", "OpenAI 发布"],
    // Text stays text: every markup character escaped (a straight quote, open or close, stays with the word before it).
    ['<script>"x"&', "&lt;script&gt;&quot;<wbr>x&quot;&amp;"],
  ];
  for (const [text, html] of cases) test(`${JSON.stringify(text)} → ${JSON.stringify(html)}`, () => assert.equal(wordBreakHtml(text), html));
});
