// A report's words as the hot words, trends and year pages count them: Chinese words by the
// segmenter (single characters it split joined again), Latin words and model names whole, numbers,
// function words and the weekly's boilerplate left out; and a digest's sources with their items.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import markdownIt from "markdown-it";
import { digestSections, mostWritten, wordCounts } from "../src/content/words.js";

const counted = (text: string) => Object.fromEntries(wordCounts(text).map((w) => [w.shown, w.count]));

describe("wordCounts", () => {
  const cases: Array<[string, string, Record<string, number>]> = [
    ["Chinese words, function words and one-character words left out", "本周的模型与安全。模型更安全。", { 模型: 2, 安全: 2 }],
    ["characters the dictionary split, joined again; a function character breaks them", "比特币价格回落，量子芯片的突破。", { 比特币: 1, 价格: 1, 回落: 1, 量子: 1, 芯片: 1, 突破: 1 }],
    ["a model name with its version, whole", "Claude Opus 4.5 与 GPT-5 上线，Llama 3.1 开源。", { "Claude Opus 4.5": 1, "GPT-5": 1, "Llama 3.1": 1, 上线: 1, 开源: 1 }],
    ["capitalised words without a version stay apart", "OpenAI Microsoft 合作。", { OpenAI: 1, Microsoft: 1, 合作: 1 }],
    ["Latin words counted whatever their case, shown as most often written", "Agent agent AGENT Agent", { Agent: 4 }],
    ["numbers, quantities and the week's name left out", "2026年W06：2GW 算力，增长 30%。", { 算力: 1, 增长: 1 }],
    ["English function words left out, joined words kept", "the state of the art in DeepLearning.AI and C++", { state: 1, art: 1, "DeepLearning.AI": 1, "C++": 1 }],
    ["the weekly's boilerplate left out", "展望：本周要闻综述。", {}],
  ];
  for (const [name, text, expected] of cases) test(`${name}: ${JSON.stringify(text)}`, () => assert.deepEqual(counted(text), expected));

  test("sorted by key, the same every time", () => {
    const words = wordCounts("模型 AI 安全 ai 模型");
    assert.deepEqual(words.map((w) => w.key), [...words.map((w) => w.key)].sort());
    assert.deepEqual(words, wordCounts("模型 AI 安全 ai 模型"));
  });

  test("mostWritten: the form written most, a tie to the first in code-point order", () => {
    assert.equal(mostWritten(new Map([["ai", 1], ["AI", 3]])), "AI");
    assert.equal(mostWritten(new Map([["Ai", 2], ["AI", 2]])), "AI");
  });
});

describe("digestSections", () => {
  const md = markdownIt();
  test("each ## heading's text and the items of the lists under it; nested items and the text before the first heading not counted", () => {
    const tokens = md.parse("前言\n\n- 不算\n\n## 来源 A & B\n\n- [一](https://a.example/1)\n- [二](https://a.example/2)\n  - 嵌套\n\n## `Import AI`\n\n1. 三\n\n### 小节\n\n- 四\n", {});
    assert.deepEqual(digestSections(tokens), [
      { name: "来源 A & B", items: 2 },
      { name: "Import AI", items: 2 },
    ]);
  });
});
