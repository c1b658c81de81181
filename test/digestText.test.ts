// Text from feeds: HTML to plain text, plain text to Markdown that renders as exactly that text,
// cuts that never split a character, links made safe, and the keys that find duplicates. The
// seed of a property failure is printed by fast-check; `FC_SEED=<seed>` replays it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import markdownIt from "markdown-it";
import { cleanText, cutText, linkKey, markdownText, plainText, safeLink } from "../src/digest/itemText.js";
import { inChinese, inEnglish } from "../src/core/show.js";

const RUNS = { numRuns: 2000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
/** JSON, with combining marks escaped so that `e\u0301` does not print as `é`. */
const show = (value: unknown) => JSON.stringify(value)?.replace(/\p{M}/gu, (mark) => `\\u${mark.codePointAt(0)!.toString(16).padStart(4, "0")}`);

describe("plainText", () => {
  const cases: Array<[string, string]> = [
    ["<b>a</b> &amp; b", "a & b"],
    ["<p>one</p><p>two</p>", "one two"],
    ["a<br>b<br/>c", "a b c"],
    ["in<b>li</b><i>ne</i>", "inline"],
    ["<ul><li>x</li><li>y</li></ul>", "x y"],
    ["<table><tr><td>1</td><td>2</td></tr></table>", "1 2"],
    ["<h2>标题</h2>正文", "标题 正文"],
    ["<p>人工智能</p><p>周报</p>", "人工智能 周报"],
    ["<script>alert(1)</script>safe", "safe"],
    ["<SCRIPT>alert('<p>x</p>')</SCRIPT>safe", "safe"],
    ["<style>p { color: red }</style>shown", "shown"],
    ["<template><p>hidden</p><b>too</b></template>shown", "shown"],
    ["<img src=x onerror=alert(1)>", ""],
    ["<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">there</a></p>", "Hi there"],
    ["<!-- a comment -->text", "text"],
    ["  line\n\n  two\t three  ", "line two three"],
    ["&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"],
    ["&#20154;&#x5DE5;智能 &copy; &hellip;", "人工智能 © …"],
    ["&nbsp;a&nbsp;&nbsp;b&nbsp;", "a b"],
    ["a < b and c > d", "a < b and c > d"],
    ["unclosed <b>bold", "unclosed bold"],
    ["a\u0000b\u0007c\u007F", "abc"],
    ["", ""],
  ];
  for (const [html, expected] of cases) {
    test(`plainText(${show(html)}) → ${show(expected)}`, () => assert.equal(plainText(html), expected));
  }
});

describe("cleanText", () => {
  const cases: Array<[string, string]> = [
    ["  a\n\tb  ", "a b"],
    ["<b>kept</b> &amp; kept", "<b>kept</b> &amp; kept"],
    ["a\u0000b\u001B[31mc\u0085d", "ab[31mcd"],
    ["a\u00A0\u3000\u2028b", "a b"],
    ["lone \uD800 half", "lone \uFFFD half"],
    ["👩‍👩‍👧‍👦 e\u0301 𠀀", "👩‍👩‍👧‍👦 e\u0301 𠀀"],
    ["\r\n", ""],
  ];
  for (const [text, expected] of cases) {
    test(`cleanText(${show(text)}) → ${show(expected)}`, () => assert.equal(cleanText(text), expected));
  }
});

describe("markdownText", () => {
  const cases: Array<[string, string]> = [
    ["人工智能周报", "人工智能周报"],
    ["a & b", "a & b"],
    ["&amp; &#60; &copy;", "\\&amp; \\&#60; \\&copy;"],
    ["[x](javascript:alert(1))", "\\[x\\](javascript\\:alert(1))"],
    ["Monday-morning-in-Shanghai item (Sunday in UTC)", "Monday-morning-in-Shanghai item (Sunday in UTC)"],
    ["OpenAI & Microsoft, hands-on", "OpenAI & Microsoft, hands-on"],
    ["a -- b ~~x~~ a~b", "a \\-\\- b \\~\\~x\\~\\~ a~b"],
    ["snake_case _em_ **b**", "snake_case \\_em\\_ \\*\\*b\\*\\*"],
    ["<b>x</b> a < b > c", "\\<b>x\\</b> a < b > c"],
    ["# 标题", "\\# 标题"],
    ["- x", "\\- x"],
    ["2026) x", "2026\\) x"],
    ["https://evil.example/", "https\\:/\\/evil\\.example/"],
    ["Node.js 与 GPT-5.1", "Node\\.js 与 GPT-5.1"],
    ["2026. 年度回顾", "2026\\. 年度回顾"],
    ["{{ x }} {% y %}", "\\{\\{ x \\}\\} \\{% y %\\}"],
    ["12:30, Note: a@b and @OpenAI", "12:30, Note: a\\@b and @OpenAI"],
    ["two\nlines", "two lines"],
  ];
  for (const [text, expected] of cases) {
    test(`markdownText(${show(text)}) → ${show(expected)}`, () => assert.equal(markdownText(text), expected));
  }

  const md = markdownIt({ html: true, linkify: true });
  const LIST_ITEM_RE = /^<ul>\n<li>(.*)<\/li>\n<\/ul>\n$/s;
  const FORBIDDEN = ["<a", "<img", "<script", "<strong", "<em", "<code", "<h1", "<s>", "<hr", "<ol", "<blockquote"];
  /** The text a reader sees in `- ${markdownText(text)}`, or why there is more than text. */
  function rendered(text: string): string {
    const html = md.render(`- ${markdownText(text)}`);
    for (const tag of FORBIDDEN) assert.ok(!html.includes(tag), `${show(text)} rendered ${tag}: ${show(html)}`);
    const inner = LIST_ITEM_RE.exec(html)?.[1];
    assert.ok(inner !== undefined && !inner.includes("<"), `${show(text)} rendered markup: ${show(html)}`);
    return inner.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  }

  const hostile = [
    "[x](javascript:alert(1))", "![i](http://e/x.png)", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "# 标题", "**粗**", "_a_", "`code`", "&lt;b&gt;", "&copy;", "https://evil.example/", "www.evil.example", "---", "a\\",
    "{{ x }}", '{% include "x" %}', "＃【】（）人工智能", "openai.com", "mail a@b.cn", "mailto:a@b", "//evil.com/x", "1. x",
    "2026) x", "+ x", "* x", "> quote", "| a | b |", "~~gone~~", "<https://evil.example>", "[ref]: https://evil.example",
    "x\\*y", "&#60;script&#62;", "javascript:alert(1)", "ftp://files.example/x", "1.2.3.4", "例子.中国",
  ];
  for (const text of hostile) {
    test(`- \${markdownText(${show(text)})} renders as exactly that text, no markup`, () => assert.equal(rendered(text), text));
  }

  test("any text of Markdown, HTML and link pieces renders as exactly its cleanText, no markup", () => {
    const piece = fc.constantFrom(
      ..."ab xyz01.:/@\\`*_[]()<>!#|~&${}+-=^\"'%?;,人工＃【】\n\t",
      "http", "https://", "www.", ".com", ".cn", "&amp;", "&#65;", "mailto:", "<a href=x>", "</a>", "//", "ftp:", "🤖", "\u0000", "\uD83E",
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join("")), (text) => rendered(text) === cleanText(text)), RUNS);
  });
});

describe("cutText", () => {
  const family = "👩‍👩‍👧‍👦";
  // text, max (undefined: the default), expected; long texts are shown as the code that makes them.
  const cases: Array<[string, number | undefined, string]> = [
    ["abc", 3, "abc"],
    ["abcd", 3, "ab…"],
    ["人工智能周报", 4, "人工…"],
    ["ab cd", 4, "ab…"],
    [`${family}${family}x`, 2, `${family}…`],
    [`${family}${family}`, 2, `${family}${family}`],
    ["🇨🇳🇺🇸🇯🇵", 2, "🇨🇳…"],
    ["e\u0301e\u0301e\u0301", 2, "e\u0301…"],
    ["𠀀𠀀𠀀", 2, "𠀀…"],
    ["𠀀𠀀", 2, "𠀀𠀀"],
    ["字".repeat(121), undefined, `${"字".repeat(119)}…`],
    ["字".repeat(120), undefined, "字".repeat(120)],
    // Latin: between two words, never inside one (a feed's summary once ended "“un…").
    ["OpenAI announced an “unprecedented” partnership with Microsoft today", 40, "OpenAI announced an “unprecedented”…"],
    // Chinese: after a sentence or a clause when one is near; its mark gives way to the "…".
    ["OpenAI 与微软宣布合作建设数据中心。此举将扩大算力供应，并降低推理成本；业内认为这将改变格局。", 40, "OpenAI 与微软宣布合作建设数据中心。此举将扩大算力供应，并降低推理成本…"],
    ["模型发布。这是一段没有标点的很长的中文摘要内容用来测试", 16, "模型发布。这是一段没有标点的很…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
    ["", 5, ""],
  ];
  const shown = (text: string) => (/^(字+)(…?)$/.test(text) && text.length > 20 ? `"字".repeat(${text.replace("…", "").length})${text.endsWith("…") ? ' + "…"' : ""}` : show(text));
  for (const [text, max, expected] of cases) {
    test(`cutText(${shown(text)}${max === undefined ? "" : `, ${max}`}) → ${shown(expected)}`, () => assert.equal(cutText(text, max), expected));
  }

  test("a cut is whole characters of the text, at most max of them, the … included", () => {
    const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
    const unit = fc.constantFrom("a", " ", "字", "𠀀", "e\u0301", family, "🇨🇳", "🤖");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }).map((units) => units.join("")), fc.integer({ min: 1, max: 12 }), (text, max) => {
        const cut = cutText(text, max);
        const kept = graphemes(cut);
        assert.ok(kept.length <= max);
        if (cut === text) return true;
        assert.equal(kept.at(-1), "…");
        assert.ok(text.startsWith(kept.slice(0, -1).join("")));
        assert.deepEqual(kept.slice(0, -1), graphemes(text).slice(0, kept.length - 1));
        return true;
      }),
      RUNS,
    );
  });
});

describe("safeLink", () => {
  const cases: Array<[string, { url: string } | { refused: string }]> = [
    ["https://example.com/a b", { url: "https://example.com/a%20b" }],
    ["https://en.example.org/wiki/Foo_(bar)", { url: "https://en.example.org/wiki/Foo_%28bar%29" }],
    [`https://example.com/?q="x"&y='z'`, { url: "https://example.com/?q=%22x%22&y=%27z%27" }],
    ["https://example.com/?a=\\b&t={{x}}&h=<i>", { url: "https://example.com/?a=%5Cb&t=%7B%7Bx%7D%7D&h=%3Ci%3E" }],
    ["  HTTPS://EXAMPLE.com:443/x  ", { url: "https://example.com/x" }],
    ["http://例子.中国/路径", { url: "http://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84" }],
    ["https://example.com/a\tb\nc", { url: "https://example.com/abc" }],
    ["javascript:alert(1)", { refused: "only http and https links are kept, not javascript:" }],
    ["JaVa\nScRiPt:alert(1)", { refused: "only http and https links are kept, not javascript:" }],
    ["data:text/html;base64,PHNjcmlwdD4=", { refused: "only http and https links are kept, not data:" }],
    ["mailto:editor@example.com", { refused: "only http and https links are kept, not mailto:" }],
    ["/posts/1", { refused: "a relative link, with no address to resolve it against" }],
    ["", { refused: "an empty link" }],
    ["http://[bad", { refused: "not a URL" }],
    ["https://trusted.example@evil.example/", { refused: "a link with a user name or password" }],
  ];
  for (const [link, expected] of cases) {
    test(`safeLink(${show(link)}) → ${show(expected)}`, () => {
      const safe = safeLink(link);
      assert.deepEqual("refused" in safe ? { refused: inEnglish(safe.refused) } : safe, expected);
    });
  }
  test("each refusal in Chinese too", () => {
    const refusals = ["javascript:alert(1)", "/posts/1", "", "http://[bad", "https://trusted.example@evil.example/"].map((link) => safeLink(link));
    assert.deepEqual(
      refusals.map((safe) => ("refused" in safe ? inChinese(safe.refused) : safe.url)),
      ["只保留 http 和 https 链接，不保留 javascript:", "相对链接，没有可以用来解析它的地址", "空链接", "不是 URL", "带用户名或密码的链接"],
    );
  });
});

describe("linkKey", () => {
  const keys: Array<[string, string | undefined]> = [
    ["https://Example.COM/a/b#frag", "https://example.com/a/b"],
    ["HTTP://example.com:80/a/", "http://example.com/a/"],
    ["https://example.com", "https://example.com/"],
    ["https://example.com:8443/a?b=2&a=1&fbclid=z", "https://example.com:8443/a?a=1&b=2"],
    [
      "https://example.com/?spm=1&mc_cid=2&mc_eid=3&ref_src=4&yclid=5&igshid=6&_hsenc=7&_hsmi=8&gclid=9&UTM_Campaign=10&utm_source=rss&keep=1",
      "https://example.com/?keep=1",
    ],
    ["mailto:editor@example.com", undefined],
    ["javascript:alert(1)", undefined],
    ["/relative", undefined],
  ];
  for (const [link, expected] of keys) {
    test(`linkKey(${show(link)}) → ${show(expected)}`, () => assert.equal(linkKey(link), expected));
  }

  const pairs: Array<[string, string, boolean]> = [
    ["https://news.example.com/a?id=1#top", "https://news.example.com/a?id=1", true],
    ["https://news.example.com/a?utm_source=rss&utm_medium=feed", "https://news.example.com/a", true],
    ["https://NEWS.Example.com/a", "https://news.example.com/a", true],
    ["https://news.example.com:443/a?b=2&a=1", "https://news.example.com/a?a=1&b=2&gclid=x", true],
    ["https://news.example.com/a", "https://news.example.com/b", false],
    ["https://news.example.com/a", "https://news.example.com/a/", false],
    ["https://news.example.com/A", "https://news.example.com/a", false],
    ["https://news.example.com/a?id=1", "https://news.example.com/a?id=2", false],
    ["http://news.example.com/a", "https://news.example.com/a", false],
  ];
  for (const [a, b, same] of pairs) {
    test(`linkKey(${show(a)}) ${same ? "=" : "≠"} linkKey(${show(b)})`, () => assert.equal(linkKey(a) === linkKey(b), same));
  }
});
