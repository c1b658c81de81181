import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assignTagSlugs, slugify, SlugCounter } from "../src/core/slugs.js";

describe("slugify", () => {
  const cases: Array<[string, string]> = [
    ["AI", "ai"],
    ["Jeremy", "jeremy"],
    ["人工智能", "人工智能"],
    ["模型迭代与能力升级：推理、多模态与轻量化齐头并进", "模型迭代与能力升级推理多模态与轻量化齐头并进"],
    ["AI代理和自动化：多智能体协作", "ai代理和自动化多智能体协作"],
    ["趋势展望", "趋势展望"],
    ["Hello 世界", "hello-世界"],
    ["DeepLearning.AI The Batch", "deeplearningai-the-batch"],
    ["ＡＩ 代理", "ai-代理"], // full-width Latin folds to ASCII
    ["日本語のテキスト", "日本語のテキスト"],
    ["한국어 태그", "한국어-태그"],
    ["🤖", "u1f916"],
    ["？！", "uff1f-uff01"],
    ["", "section"],
  ];
  for (const [input, expected] of cases) {
    test(`slugify(${JSON.stringify(input)}) → ${expected}`, () => {
      assert.equal(slugify(input), expected);
    });
  }
});

describe("SlugCounter", () => {
  const cases: Array<[string[], string[]]> = [
    [["参考", "参考", "参考"], ["参考", "参考-1", "参考-2"]],
    [["a", "a-1", "a"], ["a", "a-1", "a-2"]],
    [["x", "y"], ["x", "y"]],
  ];
  for (const [inputs, expected] of cases) {
    test(`unique(${inputs.join(", ")}) → ${expected.join(", ")}`, () => {
      const counter = new SlugCounter();
      assert.deepEqual(inputs.map((s) => counter.unique(s)), expected);
    });
  }
});

describe("assignTagSlugs", () => {
  test("AI, Jeremy, 人工智能 → ai, jeremy, 人工智能 (no clash)", () => {
    const { slugs, clashes } = assignTagSlugs(["AI", "Jeremy", "人工智能", "AI"], {});
    assert.deepEqual([...slugs], [["AI", "ai"], ["Jeremy", "jeremy"], ["人工智能", "人工智能"]]);
    assert.deepEqual(clashes, []);
  });
  test("AI and ai → clash on ai", () => {
    assert.deepEqual(assignTagSlugs(["AI", "ai"], {}).clashes, [{ slug: "ai", tags: ["AI", "ai"] }]);
  });
  test("C++ and C# → clash on c, unless one has a fixed slug", () => {
    assert.deepEqual(assignTagSlugs(["C++", "C#"], {}).clashes, [{ slug: "c", tags: ["C#", "C++"] }]);
    const fixed = assignTagSlugs(["C++", "C#"], { "C++": "cpp" });
    assert.deepEqual(fixed.clashes, []);
    assert.equal(fixed.slugs.get("C++"), "cpp");
    assert.equal(fixed.slugs.get("C#"), "c");
  });
});
