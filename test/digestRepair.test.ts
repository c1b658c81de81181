// Repairing malformed feeds (src/digest/repair.ts): each kind of repair, the text it gives and the
// place it names (line, and column in characters: a Chinese character or 𠀀 is one), and never a
// repair that makes markup of text.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLValidator } from "fast-xml-parser";
import { repairJson, repairWarning, repairXml, type Repair } from "../src/digest/repair.js";
import { inChinese, inEnglish } from "../src/core/show.js";

const show = (value: unknown) => JSON.stringify(value);
const at = (what: string, line: number, column: number): Repair => ({ what, line, column });
/** A repair as the cases give it: what it found, in English. */
const inEnglishRepair = (repair: Repair): Repair => ({ ...repair, what: inEnglish(repair.what) });

describe("repairXml", () => {
  // the text, the repaired text, the repairs
  const cases: Array<[string, string, Repair[]]> = [
    ["<t>AT&T</t>", "<t>AT&amp;T</t>", [at('bare "&"', 1, 6)]],
    ["<link>https://a.example/?a=1&b=2&copy=3</link>", "<link>https://a.example/?a=1&amp;b=2&amp;copy=3</link>", [at('bare "&"', 1, 29), at('bare "&"', 1, 33)]],
    ['<link href="?a=1&b=2"/>', '<link href="?a=1&amp;b=2"/>', [at('bare "&"', 1, 17)]],
    ["<t>a & b &</t>", "<t>a &amp; b &amp;</t>", [at('bare "&"', 1, 6), at('bare "&"', 1, 10)]],
    ["<t>a&nbsp;b&mdash;c&hellip;</t>", "<t>a\u00a0b—c…</t>", [at('HTML entity "&nbsp;"', 1, 5), at('HTML entity "&mdash;"', 1, 12), at('HTML entity "&hellip;"', 1, 20)]],
    // An HTML entity for a markup character is written as XML's: the text stays text.
    ["<t>&LT;script&GT;alert(1)&LT;/script&GT;</t>", "<t>&lt;script&gt;alert(1)&lt;/script&gt;</t>", [at('HTML entity "&LT;"', 1, 4), at('HTML entity "&GT;"', 1, 14), at('HTML entity "&LT;"', 1, 26), at('HTML entity "&GT;"', 1, 37)]],
    ["<t>&AMP;lt;script&QUOT;</t>", "<t>&amp;lt;script&quot;</t>", [at('HTML entity "&AMP;"', 1, 4), at('HTML entity "&QUOT;"', 1, 18)]],
    ["<t>&foo; &lol9;</t>", "<t>&amp;foo; &amp;lol9;</t>", [at('unknown entity "&foo;" (kept as text)', 1, 4), at('unknown entity "&lol9;" (kept as text)', 1, 10)]],
    ["<t>a\u0001b\u000bc\u001f\u0000</t>", "<t>abc</t>", [at("control character U+0001 (removed)", 1, 5), at("control character U+000B (removed)", 1, 7), at("control character U+001F (removed)", 1, 9), at("control character U+0000 (removed)", 1, 10)]],
    ["<t>1 < 2 <= 3 <<</t>", "<t>1 &lt; 2 &lt;= 3 &lt;&lt;</t>", [at('bare "<"', 1, 6), at('bare "<"', 1, 10), at('bare "<"', 1, 15), at('bare "<"', 1, 16)]],
    // Columns in characters after Chinese text and a character outside the BMP (two UTF-16 units, one character), lines after line breaks.
    ["<rss>\n<t>人工智能 & 𠀀 & x</t>\r\n<d>中文&nbsp;</d></rss>", "<rss>\n<t>人工智能 &amp; 𠀀 &amp; x</t>\r\n<d>中文\u00a0</d></rss>", [at('bare "&"', 2, 9), at('bare "&"', 2, 13), at('HTML entity "&nbsp;"', 3, 6)]],
    // What XML reads as it is: references, CDATA, comments, processing instructions, entities the DOCTYPE declares.
    ["<t>&amp; &lt; &gt; &quot; &apos; &#60; &#x3C;</t>", "<t>&amp; &lt; &gt; &quot; &apos; &#60; &#x3C;</t>", []],
    ["<t><![CDATA[a & b < c &nbsp;]]></t><!-- a & b < c --><?pi a & b?>", "<t><![CDATA[a & b < c &nbsp;]]></t><!-- a & b < c --><?pi a & b?>", []],
    ["<t><![CDATA[a\u0002b]]></t>", "<t><![CDATA[ab]]></t>", [at("control character U+0002 (removed)", 1, 14)]],
    ['<!DOCTYPE rss [<!ENTITY me "x & y">]>\n<t>&me; & </t>', '<!DOCTYPE rss [<!ENTITY me "x & y">]>\n<t>&me; &amp; </t>', [at('bare "&"', 2, 9)]],
    ["<t>已经是好的 XML</t>", "<t>已经是好的 XML</t>", []],
  ];
  for (const [input, text, repairs] of cases) {
    test(`repairXml(${show(input)}) → ${show(text)}, ${repairs.length} repairs`, () => {
      const repaired = repairXml(input);
      assert.deepEqual([repaired.text, repaired.repairs.map(inEnglishRepair), repaired.count], [text, repairs, repairs.length]);
    });
  }

  test("the repaired text is well-formed XML, and no repair adds an element", () => {
    const input = "<rss><t>AT&T &nbsp; &LT;script&GT; 1 < 2 \u0001 &foo;</t></rss>";
    const repaired = repairXml(input);
    assert.equal(XMLValidator.validate(input) === true, false, "the input is not");
    assert.equal(XMLValidator.validate(repaired.text), true);
    assert.deepEqual(repaired.text.match(/<[^!?/&]/g), ["<r", "<t"]);
  });

  test("a feed of many repairs: the first five placed, every one counted and repaired", () => {
    const repaired = repairXml(`<t>${"a & b\n".repeat(1000)}</t>`);
    assert.deepEqual([repaired.count, repaired.repairs.map((r) => [r.line, r.column])], [1000, [[1, 6], [2, 3], [3, 3], [4, 3], [5, 3]]]);
    assert.equal(repaired.text, `<t>${"a &amp; b\n".repeat(1000)}</t>`);
  });

  test("originalPlace gives a place of the repaired text in the text as given", () => {
    // After "AT&amp;T" (4 more characters) the closing tag's `<` is at column 15 repaired, 11 as given.
    const repaired = repairXml("<t>AT&T</t x>\n<u>&nbsp;中</v>");
    assert.deepEqual(repaired.originalPlace(1, 15), { line: 1, column: 11 });
    assert.deepEqual(repaired.originalPlace(2, 5), { line: 2, column: 10 });
    // Inside a repair: the repaired spot's own place.
    assert.deepEqual(repaired.originalPlace(1, 7), { line: 1, column: 6 });
  });
});

describe("repairJson", () => {
  const cases: Array<[string, string, Repair[]]> = [
    ['{"title": "a\u0001b\tc"}', '{"title": "a\\u0001b\\u0009c"}', [at("control character U+0001 in a string (escaped)", 1, 13), at("control character U+0009 in a string (escaped)", 1, 15)]],
    ['{"title": "中文\\"\u0002"}\u0003\n', '{"title": "中文\\"\\u0002"}\n', [at("control character U+0002 in a string (escaped)", 1, 16), at("control character U+0003 (removed)", 1, 19)]],
    ['{\n\t"a": "b"\r\n}', '{\n\t"a": "b"\r\n}', []],
  ];
  for (const [input, text, repairs] of cases) {
    test(`repairJson(${show(input)}) → ${show(text)}`, () => {
      const repaired = repairJson(input);
      assert.deepEqual([repaired.text, repaired.repairs.map(inEnglishRepair), repaired.count], [text, repairs, repairs.length]);
      assert.doesNotThrow(() => JSON.parse(repaired.text));
    });
  }
});

describe("repairWarning", () => {
  const many = Array.from({ length: 5 }, (_, i) => at('bare "&"', 21 + i, 17));
  // the repairs placed (the first five), how many in all, the encoding's note, the warning
  const cases: Array<[string, Repair[], number, string | undefined, string | undefined]> = [
    ["nothing repaired", [], 0, undefined, undefined],
    ["one spot", [at('bare "&"', 21, 17)], 1, undefined, 'repaired 1 spot (bare "&" at line 21, column 17)'],
    ["two kinds", [at('bare "&"', 21, 17), at('HTML entity "&nbsp;"', 22, 5)], 2, undefined, 'repaired 2 spots (bare "&" at line 21, column 17; HTML entity "&nbsp;" at line 22, column 5)'],
    ["the first five named, the rest counted", many, 7, undefined, 'repaired 7 spots (bare "&" at line 21, column 17; bare "&" at line 22, column 17; bare "&" at line 23, column 17; bare "&" at line 24, column 17; bare "&" at line 25, column 17; 2 more)'],
    ["the encoding only", [], 0, 'read as UTF-8, not "GBK" as the XML declaration says (the bytes are UTF-8)', 'read as UTF-8, not "GBK" as the XML declaration says (the bytes are UTF-8)'],
    ["the encoding, then the spots", [at('bare "&"', 1, 2)], 1, "read as UTF-8, not …", 'read as UTF-8, not …; repaired 1 spot (bare "&" at line 1, column 2)'],
  ];
  for (const [name, repairs, count, note, expected] of cases) {
    test(`repairWarning: ${name} → ${show(expected)}`, () => {
      const warning = repairWarning({ repairs, count }, note);
      assert.equal(warning && inEnglish(warning), expected);
    });
  }
});

describe("repairWarning in Chinese", () => {
  test("each repair named with its place, the rest counted, the encoding's note first", () => {
    const repaired = repairXml('<r><t>a & b&nbsp;c\u0007&foo;</t></r>');
    const warning = repairWarning(repaired, { en: "read as UTF-8", zh: "按 UTF-8 读取" });
    assert.equal(warning && inChinese(warning), '按 UTF-8 读取；修复了 4 处（单独的 "&"，第 1 行第 9 列；HTML 实体 "&nbsp;"，第 1 行第 12 列；控制字符 U+0007（已删除），第 1 行第 19 列；未知实体 "&foo;"（保留为文本），第 1 行第 20 列）');
  });
});
