// What the search index's cache keys a page by (core/searchBody.ts `indexedContent`): the content
// of an element Pagefind ignores is left out where that is certain to change nothing Pagefind
// reads, and kept everywhere else.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { indexedContent } from "../src/core/searchBody.js";

describe("indexedContent(html): the page as the search index's cache keys it", () => {
  const body = (inner: string) => `<html lang="zh-CN"><body><article data-pagefind-body><h1>标题</h1><p>正文</p>${inner}</article></body></html>`;
  const cases: Array<[string, string, string]> = [
    ["the theme's related reports: left out whole (a report without any has no such list), the spaces around them one", '\n  <aside class="related-reports" data-pagefind-ignore><h2 id="weekly-related">相关报告</h2><ul><li><a href="/a/">甲<wbr>乙</a></li></ul></aside>\n', " "],
    ["the mark in text, not in a tag, is text", "<p>data-pagefind-ignore</p>", "<p>data-pagefind-ignore</p>"],
    ["the mark in another attribute's value is not the mark", '<div title="a data-pagefind-ignore b"><p>x</p></div>', '<div title="a data-pagefind-ignore b"><p>x</p></div>'],
    ["its value in capitals", '<div data-pagefind-ignore="INDEX"><p>x</p></div>', ""],
    ["its name in capitals is kept (looked for as the theme writes it; keeping is never wrong, only less often reused)", '<div DATA-PAGEFIND-IGNORE><p>x</p></div>', '<div DATA-PAGEFIND-IGNORE><p>x</p></div>'],
    ["the pager, in its `index` and `true` forms, its end tag spaced", '<nav class="pager" data-pagefind-ignore="index"><a rel="prev" href="/a/"><span>上一期</span> 甲</a></nav >x<div data-pagefind-ignore=true><p>x</p></div>', "x"],
    ["an attribute value with > in it does not end the tag", '<aside title="a>b" data-pagefind-ignore><p>x</p></aside>', ""],
    ["one with a filter of its own keeps its tags, its content left out", '<aside data-pagefind-ignore data-pagefind-filter="kind:report"><p>x</p></aside>', '<aside data-pagefind-ignore data-pagefind-filter="kind:report"></aside>'],
    ["`all` is kept: its metadata does not count either, but it is not what this leaves out", '<aside data-pagefind-ignore="all"><p>x</p></aside>', '<aside data-pagefind-ignore="all"><p>x</p></aside>'],
    ["a filter or metadata inside is kept (Pagefind reads those in ignored elements)", '<aside data-pagefind-ignore><span data-pagefind-filter="tag">AI</span></aside>', '<aside data-pagefind-ignore><span data-pagefind-filter="tag">AI</span></aside>'],
    ["an h1 or img inside is kept (the page's title and image may come from them)", '<div data-pagefind-ignore><img src="/a.png" alt=""></div><div data-pagefind-ignore><h1>别的标题</h1></div>', '<div data-pagefind-ignore><img src="/a.png" alt=""></div><div data-pagefind-ignore><h1>别的标题</h1></div>'],
    ["a script, a comment or a stray < inside is kept", '<div data-pagefind-ignore><script>x</script></div><div data-pagefind-ignore><!-- </div> --></div><div data-pagefind-ignore>1 < 2</div>', '<div data-pagefind-ignore><script>x</script></div><div data-pagefind-ignore><!-- </div> --></div><div data-pagefind-ignore>1 < 2</div>'],
    ["an element of the same name inside is kept (where it ends is not certain)", '<div data-pagefind-ignore><div>x</div></div>', '<div data-pagefind-ignore><div>x</div></div>'],
    ["an inline element is kept: its text is also a heading's anchor text", '<h2 id="a">小节<span data-pagefind-ignore>（注）</span></h2>', '<h2 id="a">小节<span data-pagefind-ignore>（注）</span></h2>'],
    ["the body itself marked ignore too is kept (the body wins)", '<section data-pagefind-body data-pagefind-ignore><p>x</p></section>', '<section data-pagefind-body data-pagefind-ignore><p>x</p></section>'],
    ["an element never closed is kept", '<aside data-pagefind-ignore><p>x</p>', '<aside data-pagefind-ignore><p>x</p>'],
    ["data-pagefind-ignored (another attribute) is not the mark", '<aside data-pagefind-ignored><p>x</p></aside>', '<aside data-pagefind-ignored><p>x</p></aside>'],
  ];
  for (const [what, inner, expected] of cases) {
    test(what, () => assert.equal(indexedContent(body(inner)), body(expected)));
  }

  test("two pages that differ only in what an ignored element shows key alike; any other difference keys apart", () => {
    const related = (title: string) => `<aside data-pagefind-ignore><ul><li><a href="/x/">${title}</a></li></ul></aside>`;
    assert.equal(indexedContent(body(related("甲"))), indexedContent(body(related("乙"))));
    assert.notEqual(indexedContent(body(`<p>甲</p>${related("甲")}`)), indexedContent(body(`<p>乙</p>${related("甲")}`)));
  });

  test("spaces alone between two tags count as one; spaces in text, and a page with > in an attribute's value, as they are", () => {
    const page = (gap: string, text = "甲 乙") => `<p>${text}</p>${gap}<aside data-pagefind-ignore><p>x</p></aside>${gap}<span data-pagefind-meta="title:标 题"></span>`;
    assert.equal(indexedContent(page("\n  \t")), indexedContent(page(" ")));
    assert.equal(indexedContent(page("\n  ")), indexedContent("<p>甲 乙</p>\n<span data-pagefind-meta=\"title:标 题\"></span>"), "the same page without the block");
    assert.notEqual(indexedContent(page(" ", "甲  乙")), indexedContent(page(" ")), "spaces within text are kept");
    assert.notEqual(indexedContent(page("")), indexedContent(page(" ")), "no space and a space are not the same");
    const withGt = `<p title="a>"></p>\n\n<p>x</p>`;
    assert.equal(indexedContent(withGt), withGt);
  });

  test("bytes read as latin1 come back the same: UTF-8 text outside the left-out content is untouched", () => {
    const html = Buffer.from(body('<aside data-pagefind-ignore><p>相关</p></aside><p>后记：人工智能</p>'), "utf8").toString("latin1");
    assert.equal(Buffer.from(indexedContent(html), "latin1").toString("utf8"), body("<p>后记：人工智能</p>"));
  });
});
