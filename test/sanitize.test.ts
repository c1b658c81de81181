// The editions' allow-list: each hostile construct an author's raw HTML may hold, put in the middle
// of a report, is named as removed, leaves no trace in any edition, and the report after it is whole
// in the email, the WeChat article and the plain text.
import { inChinese, inEnglish } from "../src/core/show.js";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { cleanStyle, sanitizeBody } from "../src/editions/sanitize.js";
import { emailEdition } from "../src/editions/email.js";
import { wechatEdition } from "../src/editions/wechat.js";
import { textEdition } from "../src/editions/text.js";
import { EVERY_CONSTRUCT } from "./data/editions/everyConstruct.js";

const PAGE = EVERY_CONSTRUCT.url;
/** What comes after the hostile construct: a section, a list and the references heading, each of which must survive. */
const AFTER = `<h2>后面的章节</h2>\n<p>结尾段落<a href="https://example.com/after">后文链接</a>。</p>\n<ul><li>最后一项</li></ul>\n<h3>参考</h3>\n<p>尾声-END</p>`;
const BEFORE = `<p>开头段落。</p>\n`;

/** [the construct, what is reported removed, what must not survive in the email or WeChat edition (matched on their HTML)] */
const HOSTILE: Array<[string, string[], RegExp]> = [
  ['<iframe src="https://evil.example/">', ["unclosed <iframe> (only its opening tag removed)"], /<iframe|evil\.example/i],
  ["<textarea>", ["unclosed <textarea> (only its opening tag removed)"], /<textarea/i],
  ["<!-- 注释没有结束", ["unclosed comment <!-- (only its opening removed)"], /<!--(?!\[if)/],
  ["<math><mi><style>", ["unclosed <style> (only its opening tag removed)", "unclosed <math> (only its tags removed)", "<mi> (its content kept)"], /<math|<style(?![^>]*>\s*@media)|<mi/i],
  ["<math><style><img src=x onerror=alert(1)>", ["unclosed <style> (only its opening tag removed)", "unclosed <math> (only its tags removed)", "onerror= on <img>"], /onerror|<math/i],
  ["<xmp>", ["unclosed <xmp> (only its opening tag removed)"], /<xmp/i],
  ["<plaintext>", ["unclosed <plaintext> (only its opening tag removed)"], /<plaintext/i],
  ["<noembed>", ["unclosed <noembed> (only its opening tag removed)"], /<noembed/i],
  ["<![CDATA[", ["unclosed <![CDATA[ (only its opening removed)"], /CDATA/],
  ['<div style="position:fixed;top:0;left:0;width:100%;height:100%;color:red">覆盖层</div>', ['style "position:fixed" on <div>', 'style "top:0" on <div>', 'style "left:0" on <div>'], /position\s*:\s*fixed/i],
  ['<p style="background:url(javascript:alert(1));color:blue">背景</p>', ['style "background:url(javascript:alert(1))" on <p>'], /javascript|url\(/i],
  ['<p style="color:red;background-color:u\\72l(x)">转义</p>', ['style "background-color:u\\\\72l(x)" on <p>'], /\\72/],
  ['<a href="javascript:alert(1)" onclick="steal()">链接</a>', ['href="javascript:alert(1)" on <a>', "onclick= on <a>"], /javascript|onclick/i],
  ['<iframe src="https://evil.example/"></iframe>', ["<iframe>"], /<iframe|evil\.example/i],
  ['<iframe src="https://evil.example/">后备文字</iframe>', ["<iframe> with its content"], /<iframe|evil\.example|后备文字/i],
  ['<form action="https://evil.example/"><input name="p"><button>提交</button></form>', ["<form> with its content"], /<form|<input|<button|evil\.example/i],
  ["<marquee>滚动</marquee>", ["<marquee> (its content kept)"], /<marquee/i],
];

describe("sanitizeBody: each hostile construct in the middle of a report", () => {
  for (const [construct, removed, trace] of HOSTILE) {
    test(`${construct} → removed ${JSON.stringify(removed)}; the rest of the report is in all three editions; nothing of it survives`, () => {
      const report = { ...EVERY_CONSTRUCT, html: `${BEFORE}${construct}\n${AFTER}` };
      const body = sanitizeBody(report.html, PAGE);
      assert.deepEqual(body.removed.map(inEnglish), removed);
      const email = emailEdition(report);
      const wechat = wechatEdition(report);
      const text = textEdition(report);
      for (const [name, edition] of [["email", email], ["wechat", wechat], ["text", text]] as const) {
        for (const kept of ["开头段落", "后面的章节", "结尾段落", "最后一项", "参考", "尾声-END"]) assert.ok(edition.includes(kept), `${name} lost ${kept}`);
      }
      assert.ok(text.includes("https://example.com/after"), "the text edition lost the link after the construct");
      for (const [name, edition] of [["email", email], ["wechat", wechat]] as const) {
        assert.doesNotMatch(edition.replace(/<style>[^<]*<\/style>/, ""), trace, name);
        const { document } = parseHTML(`<!doctype html><html><body>${edition}</body></html>`);
        const styled = [...document.querySelectorAll("[style]")].map((e) => e.getAttribute("style")!);
        assert.deepEqual(styled.filter((style) => /position|url\(|javascript|expression/i.test(style)), [], `${name}: a dangerous style survived`);
        assert.deepEqual([...document.querySelectorAll("iframe, textarea, math, svg, form, input, script, xmp, plaintext, noembed")].length, 0, name);
      }
    });
  }

  test("a report made of what the allow-list keeps loses nothing, and a second pass changes nothing", () => {
    const once = sanitizeBody(EVERY_CONSTRUCT.html, PAGE);
    assert.deepEqual(once.removed.map(inEnglish), []);
    assert.deepEqual(sanitizeBody(once.html, PAGE), once);
  });

  test("past 50 left open, every further opening goes at once (each would cost a parse of the whole body), and the rest is still there", () => {
    const body = sanitizeBody(`${"<p>段</p><textarea>".repeat(2000)}<p>尾声-END</p>`, PAGE);
    assert.deepEqual(body.removed.map(inEnglish), [
      "unclosed <textarea> (only its opening tag removed) (50×)",
      "every further <script>, <style>, <iframe>, <textarea>, <!-- … opening (too many left open)",
    ]);
    assert.equal(body.html, `${"<p>段</p>".repeat(2000)}<p>尾声-END</p>`);
  });

  test("the same construct twice is named once, with its count", () => {
    assert.deepEqual(sanitizeBody("<p>a</p><iframe></iframe><p>b</p><iframe></iframe>", PAGE).removed.map(inEnglish), ["<iframe> (2×)"]);
  });

  test("what was removed, in Chinese too, counted the same", () => {
    const { removed } = sanitizeBody('<p onclick="x()">a</p><p onclick="y()">b</p><iframe>c</iframe><blink>d</blink><textarea>', PAGE);
    assert.deepEqual(removed.map(inChinese), ["未闭合的 <textarea>（只删除了它的开始标签）", "<p> 上的 onclick=（2×）", "<iframe> 及其内容", "<blink>（保留了它的内容）"]);
  });
});

describe("cleanStyle", () => {
  const cases: Array<[string, string, string[]]> = [
    ["color:red; text-align:center", "color:red;text-align:center", []],
    ["position:fixed;z-index:9999;color:red", "color:red", ["position:fixed", "z-index:9999"]],
    ['background-color:red;font-family:"a;b"', 'background-color:red;font-family:"a;b"', []],
    ["background-image:url(https://evil.example/x.png)", "", ["background-image:url(https://evil.example/x.png)"]],
    ["width:expression(alert(1))", "", ["width:expression(alert(1))"]],
    ["color:red /* comment */", "", ["color:red /* comment */"]],
    ["font-size:12px;", "font-size:12px", []],
    ["behavior:url(x.htc)", "", ["behavior:url(x.htc)"]],
  ];
  for (const [style, kept, dropped] of cases) {
    test(`cleanStyle(${JSON.stringify(style)}) → ${JSON.stringify(kept)}, dropped ${JSON.stringify(dropped)}`, () => {
      assert.deepEqual(cleanStyle(style), { kept, dropped });
    });
  }
});
