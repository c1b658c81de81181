// A link to a heading that does not exist: the heading meant, found by its id or by its text as
// written, else every heading as written with its id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { headingHint } from "../src/content/headingHint.js";
import { inChinese, inEnglish } from "../src/core/show.js";

const HEADINGS = [
  { level: 2, text: "本周要闻", id: "本周要闻" },
  { level: 2, text: "AI 代理与自动化", id: "ai-代理与自动化" },
  { level: 3, text: "OpenAI & Microsoft", id: "openai--microsoft" },
  { level: 2, text: "参考", id: "参考" },
];

const cases: Array<[string, string, string]> = [
  ["a near id", "#ai-代理与自动", ' Did you mean "AI 代理与自动化" (#ai-代理与自动化)?'],
  ["the heading's text, spaces left out", "#AI代理与自动化", ' Did you mean "AI 代理与自动化" (#ai-代理与自动化)?'],
  ["the heading's text, as written with its space", "#AI 代理与自动化", ' Did you mean "AI 代理与自动化" (#ai-代理与自动化)?'],
  ["Latin text in other case", "#openai-microsoft", ' Did you mean "OpenAI & Microsoft" (#openai--microsoft)?'],
  ["one character off a short heading", "#参", ' Did you mean "参考" (#参考)?'],
  [
    "nothing near: every heading as written, with its id",
    "#不存在的标题",
    ' Its headings are "本周要闻" (#本周要闻), "AI 代理与自动化" (#ai-代理与自动化), "OpenAI & Microsoft" (#openai--microsoft), "参考" (#参考).',
  ],
];
for (const [what, missing, expected] of cases) test(`${what}: ${missing} →${expected}`, () => assert.equal(inEnglish(headingHint(HEADINGS, missing)), expected));

test("in Chinese: the heading meant, or every heading, with Chinese punctuation", () => {
  assert.equal(inChinese(headingHint(HEADINGS, "#AI代理与自动化")), '是不是 "AI 代理与自动化"（#ai-代理与自动化）？');
  assert.equal(inChinese(headingHint(HEADINGS.slice(0, 2), "#不存在的标题")), '它的标题有 "本周要闻"（#本周要闻）、"AI 代理与自动化"（#ai-代理与自动化）。');
});

test("a page without headings: nothing to add", () => assert.equal(headingHint([], "#参考"), ""));
