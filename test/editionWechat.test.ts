// The WeChat (公众号) edition, read back as the editor would get it: inline styles only, nothing the
// editor drops or that could run, every link to another site a numbered reference listed at the
// end, and the author's text (typography, escaped markup) exactly as the site shows it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { wechatEdition } from "../src/editions/wechat.js";
import type { EditionReport } from "../src/editions/report.js";
import { EVERY_CONSTRUCT, SITE } from "./data/editions/everyConstruct.js";

const REPORT_URL = EVERY_CONSTRUCT.url;
const DIGEST_URL = EVERY_CONSTRUCT.digest!.url;
const REFERENCE_MARK_RE = /\[\d+\]/g;
const LINE_BREAKS_RE = /\n/g;

/** The edition of `report` as a parsed fragment: the outer <section>. */
function editionOf(report: EditionReport): Element {
  const { document } = parseHTML(`<!doctype html><html><body>${wechatEdition(report)}</body></html>`);
  const body = (document as unknown as Document).body;
  assert.equal(body.children.length, 1, "one element: the outer <section>");
  return body.children[0]!;
}

/** EVERY_CONSTRUCT with another body. */
const withBody = (html: string): EditionReport => ({ ...EVERY_CONSTRUCT, html });
const all = (root: Element, selector: string) => [...root.querySelectorAll(selector)];
const textOf = (node: Element) => node.textContent ?? "";

/** A style attribute's declarations, the last of a property winning as in CSS. */
function declarations(element: Element): Map<string, string> {
  const found = new Map<string, string>();
  for (const declaration of (element.getAttribute("style") ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) found.set(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
  }
  return found;
}

/** The 参考链接 section's lines, or undefined when it has none. */
function referencesOf(edition: Element): string[] | undefined {
  const heading = all(edition, "h2").find((h2) => textOf(h2) === "参考链接");
  return heading === undefined ? undefined : all(heading.parentElement!, "p").map(textOf);
}

/** Raw HTML an author could write, with everything the editor drops or that could run. */
const RAW_HOSTILE = `<style>p{color:red}</style><script>alert(1)</script>
<p id="top" class="lead" onclick="alert(2)" onMouseOver="alert(3)">正文<iframe src="https://evil.example/"></iframe></p>
<object data="x.swf"><embed src="x.swf"></object>
<form action="https://evil.example/"><input name="q"><button>提交</button></form>
<noscript><p>no</p></noscript><!-- <script>alert(4)</script> -->
<img src="javascript:alert(5)" alt="x"><img src="${SITE}/a.png" onerror="alert(6)" class="wide" alt="图">
<a href="javascript:alert(7)">脚本链接</a> <a href=" JaVaScRiPt:alert(8)">另一个</a>`;

const EDITIONS: Array<[string, EditionReport]> = [
  ["EVERY_CONSTRUCT", EVERY_CONSTRUCT],
  ["raw hostile HTML", withBody(RAW_HOSTILE)],
  ["a hostile title", { ...EVERY_CONSTRUCT, title: `<script>alert("t")</script><b class="x">标题</b>` }],
];

describe("what the 公众号 editor would drop or could run is not there", () => {
  const absent: Array<[string, string]> = [
    ["an id", "[id]"],
    ["a class", "[class]"],
    ["a name", "[name]"],
    ["<style>", "style"],
    ["<script>", "script"],
    ["<noscript>", "noscript"],
    ["<iframe>", "iframe"],
    ["<object>", "object"],
    ["<embed>", "embed"],
    ["<form>, <input>, <button>", "form, input, button"],
  ];
  for (const [name, report] of EDITIONS) {
    for (const [what, selector] of absent) {
      test(`${name}: no element has ${what} (${selector})`, () => assert.deepEqual(all(editionOf(report), selector).map((e) => e.outerHTML), []));
    }
    test(`${name}: no event handler attribute and no javascript: address`, () => {
      const found = all(editionOf(report), "*").flatMap((element) =>
        element.getAttributeNames().filter((attribute) => /^on/i.test(attribute) || /javascript:/i.test(element.getAttribute(attribute)!)).map((attribute) => `${element.tagName} ${attribute}`),
      );
      assert.deepEqual(found, []);
    });
  }

  test("raw HTML keeps its text and its safe image, and its script links become text without a reference", () => {
    const edition = editionOf(withBody(RAW_HOSTILE));
    assert.match(textOf(edition), /正文/);
    assert.match(textOf(edition), /脚本链接 另一个/);
    assert.deepEqual(all(edition, "img").map((img) => [img.getAttribute("src"), img.getAttribute("alt")]), [[`${SITE}/a.png`, "图"]]);
    assert.equal(referencesOf(edition), undefined);
  });

  test("a hostile title is text in the <h1>", () => {
    const edition = editionOf(EDITIONS[2]![1]);
    assert.equal(textOf(all(edition, "h1")[0]!), `<script>alert("t")</script><b class="x">标题</b>`);
  });
});

describe("EVERY_CONSTRUCT", () => {
  const edition = editionOf(EVERY_CONSTRUCT);

  // Each tag the fixture holds that carries a look: every one of them has it inline.
  const styled = ["section", "h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "code", "hr", "table", "th", "td", "blockquote", "pre", "img", "sup", "div", "span"];
  for (const tag of styled) {
    test(`every <${tag}> has a style`, () => {
      const elements = all(edition, tag);
      assert.ok(elements.length > 0, `the fixture has a <${tag}>`);
      assert.deepEqual(elements.filter((e) => (e.getAttribute("style") ?? "").trim() === "").map((e) => e.outerHTML), []);
    });
  }

  test("the outer <section> sets the site's font, 16px text, line-height 1.75, a small letter-spacing and LOOK.fg", () => {
    const look = declarations(edition);
    assert.match(look.get("font-family")!, /PingFang SC/);
    assert.deepEqual([look.get("font-size"), look.get("line-height"), look.get("letter-spacing"), look.get("color")], ["16px", "1.75", "0.5px", "#1d1d1f"]);
  });

  test("it starts with the title as <h1>, then the date and week", () => {
    const [first, second] = [...edition.children];
    assert.deepEqual([first!.tagName, textOf(first!)], ["H1", EVERY_CONSTRUCT.title]);
    assert.equal(textOf(second!), "2026年2月12日 · 2026-W07");
  });

  test("it ends with the 参考链接, then 原文：<url> as text", () => {
    const last = edition.lastElementChild!;
    assert.equal(textOf(last), `原文：${REPORT_URL}`);
    assert.equal(all(last, "a").length, 0);
    assert.equal(textOf(last.previousElementSibling!.firstElementChild!), "参考链接");
  });

  test("no link is left: every link in it is to another site", () => assert.deepEqual(all(edition, "a").map((a) => a.outerHTML), []));

  test("参考链接 lists each outside link once, in order of first use, with its text and its address as text", () => {
    assert.deepEqual(referencesOf(edition), [
      `[1] 本周新闻摘要: ${DIGEST_URL}`,
      "[2] 官方公告: https://www.anthropic.com/news/claude-opus-4-5",
      `[3] 第六周周报: ${SITE}/posts/2026-W06-ai-weekly/#模型迭代与能力升级`,
      "[4] release notes: https://example.com/a/very/long/path/that/goes/on/and/on/for/ever/and/ever/2026/02/12/model-release-notes.html?utm_source=weekly",
    ]);
  });

  const marks: Array<[string, string]> = [
    ["the week's digest", "详见本周新闻摘要[1]。"],
    ["an outside site", "（官方公告[2]）"],
    ["another report", "上周的第六周周报[3]。"],
    ["a long address", "一个很长的英文链接：release notes[4]"],
  ];
  for (const [what, expected] of marks) {
    test(`a link to ${what} is its text followed by its number: ${expected}`, () => assert.ok(textOf(edition).includes(expected), textOf(edition)));
  }

  test("each number is a styled <sup> right after the link's text", () => {
    const sups = all(edition, "sup");
    assert.deepEqual(sups.map(textOf), ["[1]", "[2]", "[3]", "[4]"]);
    assert.deepEqual(sups.map((sup) => sup.previousSibling?.textContent?.slice(-2)), ["摘要", "公告", "周报", "es"]);
  });

  test("the table keeps its right-aligned column, and only that column", () => {
    const alignments = all(edition, "tr").map((row) => [...row.children].map((cell) => declarations(cell).get("text-align") ?? ""));
    assert.deepEqual(alignments, [["", "right"], ["", "right"], ["", "right"]]);
    assert.ok(all(edition, "th, td").every((cell) => declarations(cell).get("border")?.includes("solid")), "every cell has a border");
    assert.ok(all(edition, "th").every((cell) => declarations(cell).has("background")), "header cells have a background");
  });

  test("nested lists keep their nesting: ul > li > ul > li > ol > li", () => {
    const deepest = all(edition, "li").find((li) => textOf(li).startsWith("嵌套两层"))!;
    const chain: string[] = [];
    for (let node: Element | null = deepest; node !== edition; node = node!.parentElement) chain.unshift(node!.tagName.toLowerCase());
    assert.deepEqual(chain, ["ul", "li", "ul", "li", "ol", "li"]);
  });

  test("the image keeps its absolute src and its alt, and fits the screen", () => {
    const [image, ...others] = all(edition, "img");
    assert.equal(others.length, 0);
    assert.deepEqual([image!.getAttribute("src"), image!.getAttribute("alt")], [`${SITE}/posts/chart.png`, "各模型得分柱状图"]);
    const look = declarations(image!);
    assert.deepEqual([look.get("max-width"), look.get("height"), look.get("display")], ["100%", "auto", "block"]);
  });

  test("the code block wraps, scrolls, is monospace on a background at 13px, and keeps its text", () => {
    const [pre] = all(edition, "pre");
    const look = declarations(pre!);
    assert.deepEqual([look.get("white-space"), look.get("overflow-x"), look.get("font-size")], ["pre-wrap", "auto", "13px"]);
    assert.match(look.get("font-family")!, /monospace/);
    assert.ok(look.has("background"));
    assert.equal(textOf(pre!), 'def score(model):\n    return model.eval("推理")  # 一行很长的代码注释，用来测试代码块在窄屏上是否会撑破版面而不是换行或滚动显示\n');
  });

  test("inline code is monospace", () => assert.match(declarations(all(edition, "li code")[0]!).get("font-family")!, /monospace/));

  test("the author's raw HTML stays, without its id and class, with its own style", () => {
    const div = all(edition, "div")[0]!;
    assert.equal(textOf(div), "作者写的原始 HTML：红字");
    assert.equal(declarations(all(div, "span")[0]!).get("color"), "red");
  });

  const texts: Array<[string, string]> = [
    ["escaped markup", "<script>alert(1)</script>"],
    ["a Markdown link that is text", "[假链接](javascript:alert(1))"],
    ["Chinese and Latin without a space", "中英混排：Claude Opus 4.5专注于AI代理，GPT-5.1也在跟进。"],
    ["full-width quotes and dashes", "“能力越强，责任越大。”——某实验室负责人"],
    ["a space the author put between Chinese and Latin", "着重节省 token（"],
  ];
  for (const [what, expected] of texts) {
    test(`${what} reads as written: ${expected}`, () => assert.ok(textOf(edition).includes(expected)));
  }

  test("every block's text is the site's, character for character, once the [n] marks are taken out", () => {
    const blocks = "h2, h3, p, li, th, td, pre";
    // Line breaks between blocks (a list item's nested list) are not text a reader sees: the edition drops them.
    const withoutLineBreaks = (text: string) => text.replace(LINE_BREAKS_RE, "");
    const { document } = parseHTML(`<!doctype html><html><body>${EVERY_CONSTRUCT.html}</body></html>`);
    const site = all((document as unknown as Document).body, blocks).map((block) => withoutLineBreaks(textOf(block)));
    const shown = all(edition, blocks).map((block) => withoutLineBreaks(textOf(block).replace(REFERENCE_MARK_RE, "")));
    assert.equal(site.length, 19);
    // After the date line, before the 参考链接.
    assert.deepEqual(shown.slice(1, 1 + site.length), site);
  });
});

describe("links, one at a time", () => {
  // [what, body, the edition's text of the paragraph, its 参考链接 (undefined: none), the links left]
  const cases: Array<[string, string, string, string[] | undefined, string[]]> = [
    ["an outside link", `<p>见<a href="https://a.example/x">甲</a>。</p>`, "见甲[1]。", ["[1] 甲: https://a.example/x"], []],
    ["the same address twice gets one number", `<p><a href="https://a.example/x">甲</a>与<a href="https://a.example/x">乙</a></p>`, "甲[1]与乙[1]", ["[1] 甲: https://a.example/x"], []],
    ["two addresses are numbered in order", `<p><a href="https://b.example/">乙</a><a href="https://a.example/">甲</a><a href="https://b.example/">乙</a></p>`, "乙[1]甲[2]乙[1]", ["[1] 乙: https://b.example/", "[2] 甲: https://a.example/"], []],
    ["a #fragment is text", `<p>见<a href="#模型迭代与能力升级">上文</a>。</p>`, "见上文。", undefined, []],
    ["this page's address with a #fragment is text", `<p>见<a href="${REPORT_URL}#x">上文</a>。</p>`, "见上文。", undefined, []],
    ["another report's #fragment is a reference", `<p><a href="${SITE}/posts/2026-W06-ai-weekly/#x">上周</a></p>`, "上周[1]", [`[1] 上周: ${SITE}/posts/2026-W06-ai-weekly/#x`], []],
    ["the week's digest is a reference", `<p><a href="${DIGEST_URL}">摘要</a></p>`, "摘要[1]", [`[1] 摘要: ${DIGEST_URL}`], []],
    ["a 公众号 article stays a link", `<p>往期：<a href="https://mp.weixin.qq.com/s/abc" class="x">第六周</a></p>`, "往期：第六周", undefined, ["https://mp.weixin.qq.com/s/abc"]],
    ["a look-alike of mp.weixin.qq.com is a reference", `<p><a href="https://mp.weixin.qq.com.evil.example/s">假</a></p>`, "假[1]", ["[1] 假: https://mp.weixin.qq.com.evil.example/s"], []],
    ["a javascript: link is text", `<p><a href="javascript:alert(1)">点我</a></p>`, "点我", undefined, []],
    ["a link without href is text", `<p><a name="x">锚</a></p>`, "锚", undefined, []],
    ["a relative link is resolved against the report", `<p><a href="/about/">关于</a></p>`, "关于[1]", [`[1] 关于: ${SITE}/about/`], []],
    ["a link whose text is its address is listed once", `<p><a href="https://a.example/">https://a.example/</a></p>`, "https://a.example/[1]", ["[1] https://a.example/"], []],
    ["an image link is titled by the image's alt", `<p><a href="https://a.example/"><img src="https://a.example/i.png" alt="图表"></a></p>`, "[1]", ["[1] 图表: https://a.example/"], []],
    ["a link's text over two lines is one title", `<p><a href="https://a.example/">两行\n  标题</a></p>`, "两行\n  标题[1]", ["[1] 两行 标题: https://a.example/"], []],
    ["an address with a space shows encoded", `<p><a href="https://a.example/a b">空格</a></p>`, "空格[1]", ["[1] 空格: https://a.example/a%20b"], []],
    ["an escaped title stays text", `<p><a href="https://a.example/">&lt;b&gt;粗&lt;/b&gt;</a></p>`, "<b>粗</b>[1]", ["[1] <b>粗</b>: https://a.example/"], []],
  ];
  for (const [what, body, text, references, links] of cases) {
    test(`${what}: ${JSON.stringify(body)} → ${JSON.stringify(text)}`, () => {
      const edition = editionOf(withBody(body));
      // The paragraph after the title and the date line.
      assert.equal(textOf(edition.children[2]!), text);
      assert.deepEqual(referencesOf(edition), references);
      assert.deepEqual(all(edition, "a").map((a) => a.getAttribute("href")), links);
      assert.ok(all(edition, "a").every((a) => a.getAttribute("style")), "a kept link has a style");
    });
  }
});

describe("a report without an outside link has no 参考链接", () => {
  const cases: Array<[string, string]> = [
    ["no link", "<p>纯文字。</p>"],
    ["only a #fragment", `<p><a href="#x">上文</a></p>`],
    ["only a 公众号 article", `<p><a href="https://mp.weixin.qq.com/s/abc">往期</a></p>`],
  ];
  for (const [what, body] of cases) {
    test(`${what}: no 参考链接, no [n], and still 原文：<url> at the end`, () => {
      const edition = editionOf(withBody(body));
      assert.equal(referencesOf(edition), undefined);
      assert.doesNotMatch(textOf(edition), /参考链接|\[\d+\]/);
      assert.equal(textOf(edition.lastElementChild!), `原文：${REPORT_URL}`);
    });
  }
});

test("a report without a date or week has no empty date line", () => {
  const edition = editionOf({ ...withBody("<p>正文</p>"), date: "", week: "" });
  assert.deepEqual([...edition.children].map(textOf), [EVERY_CONSTRUCT.title, "正文", `原文：${REPORT_URL}`]);
});

test("whitespace between blocks is gone and whitespace between words stays", () => {
  const edition = editionOf(withBody("<ul>\n<li><strong>甲</strong> <em>乙</em></li>\n</ul>\n"));
  const list = all(edition, "ul")[0]!;
  assert.deepEqual([...list.childNodes].map((node) => node.nodeName), ["LI"]);
  assert.equal(textOf(list), "甲 乙");
});

describe("wechatEdition: SVG and MathML", () => {
  test("are left out, with the links and handlers they could carry", () => {
    const html = wechatEdition({ ...EVERY_CONSTRUCT, html: `<p>图<svg><a xlink:href="javascript:alert(1)"><text>点我</text></a><animate attributeName="href" values="javascript:alert(3)"/></svg><math><mi>x</mi></math>后</p>` });
    assert.doesNotMatch(html, /<svg|<math|javascript:|alert/);
  });
});
