// The plain-text edition: display columns, line wrapping (Chinese, Latin, URLs, kinsoku), and the
// report that holds every construct laid out at 78 and 40 columns, read back line by line.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "htmlparser2";
import { findAll } from "domutils";
import { columns, DEFAULT_WIDTH, MIN_WIDTH, textEdition, wrap } from "../src/editions/text.js";
import { EVERY_CONSTRUCT, SITE } from "./data/editions/everyConstruct.js";

/** JSON, with combining marks escaped so that `e\u0301` does not print as `é`. */
const show = (value: unknown) => JSON.stringify(value)?.replace(/\p{M}/gu, (mark) => `\\u${mark.codePointAt(0)!.toString(16).padStart(4, "0")}`);
const linesOf = (text: string) => text.replace(/\n$/, "").split("\n");

const LONG_URL = "https://example.com/a/very/long/path/that/goes/on/and/on/for/ever/and/ever/2026/02/12/model-release-notes.html?utm_source=weekly";
/** The fixture's code block as the edition must show it: indented by 4, never wrapped. */
const CODE = ["    def score(model):", '        return model.eval("推理")  # 一行很长的代码注释，用来测试代码块在窄屏上是否会撑破版面而不是换行或滚动显示'];
/** A line that is a URL alone, or a reference: `[4] https://…`. */
const URL_LINE_RE = /^(?:\[\d+\] +)?[a-z][a-z\d+.-]*:\/\/\S+$/i;
const NO_LINE_START = [..."，。、；：？！）》」』】”’…"];
const NO_LINE_END = [..."（《「『【“‘"];

describe("columns", () => {
  const cases: Array<[string, number]> = [
    ["", 0],
    ["AI weekly", 9],
    ["人工智能", 8],
    ["AI周报", 6],
    ["，。！？（）", 12],
    ["ｈｉ", 4],
    ["ｶﾀｶﾅ", 4],
    ["한국어", 6],
    ["“”—…", 4],
    ["👍", 2],
    ["👩‍👩‍👧‍👦", 2],
    ["🇨🇳", 2],
    ["❤️", 2],
    ["e\u0301", 1],
    ["\u0301", 0],
    ["a\u200Bb", 2],
  ];
  for (const [text, expected] of cases) {
    test(`columns(${show(text)}) → ${expected}`, () => assert.equal(columns(text), expected));
  }
});

describe("wrap", () => {
  const cases: Array<[[string, number, string?, string?], string[]]> = [
    [["人工智能周报发布了", 10], ["人工智能周", "报发布了"]],
    [["人工智能周报", 12], ["人工智能周报"]],
    [["人工智能，周报", 8], ["人工智", "能，周报"]],
    [["人工智《周报》", 8], ["人工智", "《周报》"]],
    [["“能力越强，责任越大。”——某实验室", 12], ["“能力越强，", "责任越", "大。”——某实", "验室"]],
    [["Claude Opus 4.5专注于AI代理", 16], ["Claude Opus 4.5", "专注于AI代理"]],
    [["中英混排GPT-5.1也在跟进", 12], ["中英混排", "GPT-5.1也在", "跟进"]],
    [["release notes for everyone", 10], ["release", "notes for", "everyone"]],
    [["supercalifragilistic word", 10], ["supercalifragilistic", "word"]],
    [[`详见${LONG_URL} 原文`, 20], ["详见", LONG_URL, "原文"]],
    [[`${SITE}/posts/a/#模型迭代与能力升级`, 30], [`${SITE}/posts/a/#模型迭代与能力升级`]],
    [["一二三四五六七八九十", 10, "- "], ["- 一二三四", "  五六七八", "  九十"]],
    [["一二三四五六七八九", 12, "10. "], ["10. 一二三四", "    五六七八", "    九"]],
    [["Claude Opus 4.5 is here now", 12, "> ", "> "], ["> Claude", "> Opus 4.5", "> is here", "> now"]],
    [[LONG_URL, 20, "[4] "], [`[4] ${LONG_URL}`]],
    [["  a \n  b\t ", 10], ["a b"]],
  ];
  for (const [[text, width, prefix, indent], expected] of cases) {
    const args = [text, width, ...(prefix === undefined ? [] : [prefix]), ...(indent === undefined ? [] : [indent])].map(show).join(", ");
    test(`wrap(${args}) → ${show(expected)}`, () => assert.deepEqual(wrap(text, width, prefix, indent), expected));
  }
});

describe("textEdition(EVERY_CONSTRUCT)", () => {
  const text = textEdition(EVERY_CONSTRUCT);
  const lines = linesOf(text);
  const at = (first: string, count: number, of = lines) => {
    const start = of.findIndex((line) => line.startsWith(first));
    assert.ok(start >= 0, `no line starts with ${show(first)}`);
    return of.slice(start, start + count);
  };

  test("the title underlined to its width, the date and week, the web link and the digest's come first", () => {
    assert.deepEqual(lines.slice(0, 7), [
      "2026年W07人工智能周报：Claude Opus 4.5专注推理",
      "=".repeat(46),
      "",
      "2026年2月12日 · 2026-W07",
      `在网页上阅读：${SITE}/posts/2026-W07-ai-weekly/`,
      `本周新闻摘要：${SITE}/weekly_news/ai_news_2026-W07/`,
      "",
    ]);
  });

  test("it ends with the references, numbered in reading order, each URL once", () => {
    assert.deepEqual(lines.slice(-8), [
      "文中链接",
      "--------",
      "",
      `[1] ${SITE}/weekly_news/ai_news_2026-W07/`,
      "[2] https://www.anthropic.com/news/claude-opus-4-5",
      `[3] ${SITE}/posts/2026-W06-ai-weekly/#模型迭代与能力升级`,
      `[4] ${LONG_URL}`,
      `[5] ${SITE}/posts/chart.png`,
    ]);
  });

  test("every URL in the body appears whole in the references, once", () => {
    const nodes = findAll((element) => element.name === "a" || element.name === "img", parseDocument(EVERY_CONSTRUCT.html).children);
    const inBody = new Set(nodes.map((element) => element.attribs.href ?? element.attribs.src));
    const referenced = lines.flatMap((line) => /^\[\d+\] (.+)$/.exec(line)?.[1] ?? []);
    assert.equal(inBody.size, 5);
    assert.deepEqual(referenced.toSorted(), [...inBody].toSorted());
  });

  test("links and the image carry their reference numbers", () => {
    for (const mark of ["详见本周新闻摘要[1]。", "（官方公告[2]）。", "第六周周报[3]。", "release notes[4]", "[图：各模型得分柱状图][5]"]) {
      assert.ok(text.includes(mark), `missing ${mark}`);
    }
  });

  test("headings: ## underlined with -, ### in 【】", () => {
    assert.deepEqual(at("模型迭代与能力升级", 2), ["模型迭代与能力升级", "-".repeat(18)]);
    assert.deepEqual(at("【", 1), ["【数据对比】"]);
  });

  test("the nested list keeps its nesting, 2 columns a level, an ordered item numbered", () => {
    assert.deepEqual(at("- Claude", 4), [
      "- Claude Opus 4.5：着重节省 token（官方公告[2]）。",
      "  - 嵌套一层：推理效率提升 ~30%。",
      "    1. 嵌套两层：上周的第六周周报[3]。",
      "- 一个很长的英文链接：release notes[4]",
    ]);
  });

  test("at 40 columns a list item's continuation lines stand under its text", () => {
    assert.deepEqual(at("- Claude", 5, linesOf(textEdition(EVERY_CONSTRUCT, 40))), [
      "- Claude Opus 4.5：着重节省 token（官方",
      "  公告[2]）。",
      "  - 嵌套一层：推理效率提升 ~30%。",
      "    1. 嵌套两层：上周的第六周周报[3]。",
      "- 一个很长的英文链接：release notes[4]",
    ]);
  });

  test("the table's rows are aligned by display width, numbers right-aligned, every cell there", () => {
    assert.deepEqual(at("模型 ", 4), ["模型      得分", "--------  ----", "Opus 4.5  92.1", "开源模型  88.4"]);
  });

  test("the quote is marked with > and the code block indented by 4, not wrapped", () => {
    assert.deepEqual(at("> ", 1), ["> “能力越强，责任越大。”——某实验室负责人"]);
    assert.deepEqual(at("    def", 2), CODE);
  });

  test("hostile text and the author's raw HTML appear as text, entities decoded", () => {
    const wide = linesOf(textEdition(EVERY_CONSTRUCT, 200));
    assert.ok(wide.includes("恶意文本：<script>alert(1)</script> 与 [假链接](javascript:alert(1)) 都应原样显示为文字。"));
    assert.ok(wide.includes("作者写的原始 HTML：红字"));
    assert.ok(!/&(?:lt|gt|amp);/.test(text));
    // The hostile "link" is text in the body, not a reference.
    assert.deepEqual(lines.filter((line) => line.includes("javascript:")), ["恶意文本：<script>alert(1)</script> 与 [假链接](javascript:alert(1)) 都应原样"]);
  });

  for (const width of [40, 60, DEFAULT_WIDTH, 100]) {
    test(`textEdition(EVERY_CONSTRUCT, ${width}): every line over ${width} columns is a URL or code`, () => {
      const over = linesOf(textEdition(EVERY_CONSTRUCT, width)).filter((line) => columns(line) > width);
      assert.deepEqual(over.filter((line) => !URL_LINE_RE.test(line) && !CODE.includes(line)), []);
    });
  }

  test(`textEdition(EVERY_CONSTRUCT, ${DEFAULT_WIDTH}): exactly the long code line and the long URL's reference run over`, () => {
    assert.deepEqual(lines.filter((line) => columns(line) > DEFAULT_WIDTH), [CODE[1], `[4] ${LONG_URL}`]);
  });

  test("textEdition(EVERY_CONSTRUCT, 40): a URL too long for the line stands on its own line", () => {
    const narrow = linesOf(textEdition(EVERY_CONSTRUCT, 40));
    assert.deepEqual(narrow.slice(4, 9), ["2026年2月12日 · 2026-W07", "在网页上阅读：", `${SITE}/posts/2026-W07-ai-weekly/`, "本周新闻摘要：", `${SITE}/weekly_news/ai_news_2026-W07/`]);
  });

  for (const width of [MIN_WIDTH, 40, DEFAULT_WIDTH]) {
    test(`textEdition(EVERY_CONSTRUCT, ${width}): no trailing whitespace, one blank line between blocks, kinsoku kept`, () => {
      const all = textEdition(EVERY_CONSTRUCT, width);
      const prose = linesOf(all).filter((line) => !CODE.includes(line));
      assert.deepEqual(linesOf(all).filter((line) => /\s$/u.test(line)), []);
      assert.ok(!all.includes("\n\n\n") && all.endsWith("\n") && !all.endsWith("\n\n"));
      assert.deepEqual(prose.filter((line) => NO_LINE_START.includes(line.trimStart().replace(/^(?:[-*>]|\d+\.) /, "")[0] ?? "")), []);
      assert.deepEqual(prose.filter((line) => NO_LINE_END.includes(line.at(-1) ?? "")), []);
    });
  }
});

describe("textEdition of small reports", () => {
  /** The lines after the title, the date and the web link (no digest): from the second blank line on. */
  const body = (html: string, width: number) => {
    const lines = linesOf(textEdition({ ...EVERY_CONSTRUCT, digest: undefined, html }, width));
    return lines.slice(lines.indexOf("", lines.indexOf("") + 1) + 1);
  };
  const cases: Array<[string, number, string[]]> = [
    [
      '<p><a href="https://a.example/x">A</a> and <a href="https://a.example/x">again</a>, <a href="https://b.example/">https://b.example/</a>, <a href="javascript:alert(1)">bad</a></p>',
      DEFAULT_WIDTH,
      ["A[1] and again[1], https://b.example/, bad", "", "文中链接", "--------", "", "[1] https://a.example/x"],
    ],
    [
      "<table><thead><tr><th>模型名称</th><th>说明</th></tr></thead><tbody><tr><td>Claude Opus 4.5</td><td>着重节省 token，推理效率提升很多很多很多</td></tr><tr><td>b</td><td>c</td></tr></tbody></table>",
      40,
      ["模型名称：Claude Opus 4.5", "说明：着重节省 token，推理效率提升很多很", "  多很多", "", "模型名称：b", "说明：c"],
    ],
    ['<ol start="9"><li><p>nine</p></li><li><p>ten</p><p>more</p></li></ol>', 40, ["9. nine", "", "10. ten", "", "    more"]],
    ["<p>第一行<br>第二行</p><hr><p>no links</p>", 40, ["第一行", "第二行", "", "* * *", "", "no links"]],
    ["<blockquote><p>一</p><p>二</p></blockquote>", 40, ["> 一", ">", "> 二"]],
    ['<p>shown<script>alert(1)</script><span hidden>hidden</span> <img src="x.png" alt=""></p>', 40, ["shown [图]"]],
  ];
  for (const [html, width, expected] of cases) {
    test(`textEdition(html: ${show(html)}, ${width}) → ${show(expected)}`, () => assert.deepEqual(body(html, width), expected));
  }

  test("textEdition without a digest has no digest line", () => {
    const lines = linesOf(textEdition({ ...EVERY_CONSTRUCT, digest: undefined, html: "<p>正文</p>" }));
    assert.deepEqual(lines.slice(3), ["2026年2月12日 · 2026-W07", `在网页上阅读：${SITE}/posts/2026-W07-ai-weekly/`, "", "正文"]);
  });

  for (const width of [0, 19, 40.5, Number.NaN]) {
    test(`textEdition(EVERY_CONSTRUCT, ${width}) throws, naming the width received`, () => {
      assert.throws(() => textEdition(EVERY_CONSTRUCT, width), {
        name: "RangeError",
        message: `the text edition's width must be a whole number of columns, at least ${MIN_WIDTH}; received ${width}`,
      });
    });
  }
});

describe("textEdition: a link that shows its own address", () => {
  test("is followed by a space, so the Chinese after it is neither part of the address nor glued to its line", () => {
    const text = textEdition({ ...EVERY_CONSTRUCT, html: '<p>请看<a href="https://example.com/docs">https://example.com/docs</a>了解更多关于模型局限性的说明，以及后续的评估结果和讨论内容。</p><p><a href="https://b.example/">https://b.example/</a>，然后</p>' });
    assert.match(text, /\n请看https:\/\/example\.com\/docs 了解更多/);
    assert.match(text, /\nhttps:\/\/b\.example\/，然后\n/);
    assert.deepEqual(text.split("\n").filter((line) => columns(line) > DEFAULT_WIDTH && !/^(\[\d+\] )?https?:\/\/\S+$/.test(line)), []);
  });
});
