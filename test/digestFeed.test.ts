// Reading feeds: the four formats to the same items, every encoding a Chinese source uses, and
// every way a body can fail to be a feed, each with a reason the command can print.
// The non-UTF-8 fixtures were made from UTF-8 text with iconv, for instance
// `iconv -f UTF-8 -t GBK`, `-t GB18030`, `-t BIG5`, and `-t UTF-16LE` after a printed BOM `\xff\xfe`.
import { inChinese, inEnglish, type Said } from "../src/core/show.js";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import markdownIt from "markdown-it";
import { AN_HTML_PAGE, NOT_A_FEED, readFeed, readFeedDate, type FeedItem, type FeedRead } from "../src/digest/feed.js";
import { decodeFeed, type Decoded } from "../src/digest/charset.js";
import { markdownText } from "../src/digest/itemText.js";
import { ROOT } from "./helpers.js";

const FEEDS = join(ROOT, "test", "data", "feeds");
const FEED_URL = "https://news.example.com/feeds/main.xml";
const show = (value: unknown) => JSON.stringify(value);
const bytes = (text: string) => new TextEncoder().encode(text);
const hex = (text: string) => Uint8Array.from(text.match(/[0-9a-f]{2}/gi)!, (pair) => parseInt(pair, 16));

type PlainItem = Omit<FeedItem, "published"> & { published: string | undefined };
/** A read with each date as its ISO text, offset included, so that a whole read compares at once. */
function plain(read: FeedRead) {
  return read.ok ? { ...read, items: read.items.map((item): PlainItem => ({ ...item, published: item.published?.toISO() ?? undefined })) } : read;
}
function readFixture(file: string, contentType?: string, feedUrl = FEED_URL) {
  return plain(readFeed(readFileSync(join(FEEDS, file)), contentType, feedUrl));
}
/** An expected item: the fields not named are undefined. */
function item(fields: Partial<PlainItem> & { title: string }): PlainItem {
  return { id: undefined, link: undefined, summary: undefined, published: undefined, unreadableDate: undefined, ...fields };
}

describe("readFeed: the four formats", () => {
  test("RSS 2.0: relative links, guid as the link, HTML titles only when tagged, a missing and an unreadable date", () => {
    assert.deepEqual(readFixture("rss2.xml"), {
      ok: true,
      format: "rss",
      title: "AI 新闻 & 评论",
      items: [
        item({ id: "news-1001", link: "https://news.example.com/posts/2026/02/new-model?utm_source=rss", title: "OpenAI 发布新模型", summary: "模型在推理上更强。 详情 见&正文。", published: "2026-02-03T08:00:00.000+08:00" }),
        item({ link: "https://news.example.com/a/2", title: "Single-digit day and hour, GMT+8", published: "2026-02-04T09:30:00.000+08:00" }),
        item({ id: "https://news.example.com/a/3", link: "https://news.example.com/a/3", title: "The guid is the link", summary: "Plain escaped HTML", published: "2026-02-05T01:00:00.000Z" }),
        item({ link: "https://news.example.com/b/4", title: "Why std::vector<int> is fast", summary: "Only in content:encoded.", published: "2026-02-05T10:00:00.000+08:00" }),
        item({ link: "https://news.example.com/a/5", title: "Title with bold & more" }),
        item({ link: "https://news.example.com/a/6", title: "An unreadable date", unreadableDate: "next Tuesday" }),
      ],
    });
  });

  test("RSS 1.0 (RDF): rdf:about as the id, dc:date, HTML descriptions", () => {
    assert.deepEqual(readFixture("rss1.rdf", undefined, "https://papers.example.net/rss"), {
      ok: true,
      format: "rdf",
      title: "arXiv 风格的论文列表",
      items: [
        item({ id: "https://papers.example.net/abs/2602.00001", link: "https://papers.example.net/abs/2602.00001", title: "Scaling Laws for 推理模型", summary: "Abstract: we study scaling.", published: "2026-02-02T00:00:00.000Z" }),
        item({ id: "https://papers.example.net/abs/2602.00002", link: "https://papers.example.net/abs/2602.00002", title: "A paper without a date" }),
      ],
    });
  });

  test("Atom 1.0: text, html and xhtml titles and summaries, xml:base, the alternate link, published before updated", () => {
    assert.deepEqual(readFixture("atom.xml", undefined, "https://blog.example.org/feed"), {
      ok: true,
      format: "atom",
      title: "研究博客",
      items: [
        item({ id: "tag:blog.example.org,2026:1", link: "https://blog.example.org/ai/posts/one.html", title: "Text title with <tags> kept & shown", summary: "A summary on two lines", published: "2026-02-02T09:00:00.000+08:00" }),
        item({ id: "tag:blog.example.org,2026:2", link: "https://blog.example.org/archive/two", title: "HTML title & entity", summary: "From the content, as there is no summary.", published: "2026-02-04T12:00:00.000Z" }),
        item({ id: "tag:blog.example.org,2026:3", link: "https://other.example.com/three", title: "XHTML title & more", summary: "Para one Para two", published: "2026-02-05T00:00:00.000Z" }),
        item({ id: "tag:blog.example.org,2026:4", title: "Only a self link, an unreadable date", unreadableDate: "yesterday" }),
      ],
    });
  });

  test("JSON Feed 1.0: titles are text, content_html is HTML, an impossible date_published gives way to date_modified", () => {
    assert.deepEqual(readFixture("json10.json", "application/feed+json", "https://json.example.com/feed.json"), {
      ok: true,
      format: "json",
      title: "JSON Feed 1.0 & friends",
      items: [
        item({ id: "1", link: "https://json.example.com/2026/02/03/first", title: "Text title <b>not HTML</b> &amp; kept", summary: "Only HTML content & an entity.", published: "2026-02-03T08:00:00.000+08:00" }),
        item({ id: "2", link: "https://json.example.com/second", title: "Summary first", summary: "The summary wins.", published: "2026-02-04T08:00:00.000Z" }),
      ],
    });
  });

  test("JSON Feed 1.1: external_url, an item without a title, content_text, an unreadable date", () => {
    assert.deepEqual(readFixture("json11.json", undefined, "https://json11.example.com/feed.json"), {
      ok: true,
      format: "json",
      title: "JSON Feed 1.1",
      items: [
        item({ id: "tag:json11.example.com,2026:1", link: "https://elsewhere.example.com/story", title: "", summary: "A micro post without a title.", published: "2026-02-05T12:30:00.000-05:00" }),
        item({ id: "tag:json11.example.com,2026:2", link: "https://json11.example.com/posts/2", title: "人工智能周报", summary: "纯文本内容", unreadableDate: "sometime" }),
      ],
    });
  });

  test("xml:base on <rss> and on an item resolves the item's link", () => {
    const xml = `<rss version="2.0" xml:base="https://base.example/news/"><channel><title>x</title><item xml:base="2026/"><title>a</title><link>a.html</link></item><item><title>b</title><link>b.html</link></item></channel></rss>`;
    const read = readFeed(bytes(xml), undefined, FEED_URL);
    assert.ok(read.ok);
    assert.deepEqual(read.items.map((i) => i.link), ["https://base.example/news/2026/a.html", "https://base.example/news/b.html"]);
  });

  test("a channel or feed with nothing in it is a feed with no items", () => {
    assert.deepEqual(plain(readFeed(bytes(`<rss version="2.0"><channel></channel></rss>`), undefined, FEED_URL)), { ok: true, format: "rss", title: undefined, items: [] });
    assert.deepEqual(plain(readFeed(bytes(`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`), undefined, FEED_URL)), { ok: true, format: "atom", title: undefined, items: [] });
  });
});

describe("readFeed: encodings", () => {
  const simplified = ["人工智能周报", "第 6 周：模型与代理", "本周要闻：大模型推理能力提升"];
  // file, Content-Type, the feed's title, its item's title and summary
  const cases: Array<[string, string | undefined, string[]]> = [
    ["rss2.xml", undefined, ["AI 新闻 & 评论", "OpenAI 发布新模型", "模型在推理上更强。 详情 见&正文。"]],
    ["utf8-bom.xml", undefined, simplified],
    ["utf8-bom.xml", "application/rss+xml; charset=GBK", simplified],
    ["utf16le.xml", undefined, simplified],
    ["utf16be.xml", "text/xml", simplified],
    ["gbk.xml", undefined, simplified],
    ["gbk.xml", "application/xml; charset=gb2312", simplified],
    ["gb18030.xml", "application/rss+xml; charset=GB18030", ["人工智能周报", "第 6 周：𠀀 与 € 只在 GB18030 中", "本周要闻：大模型推理能力提升"]],
    ["big5.xml", undefined, ["人工智能週報", "第 6 週：模型與代理", "本週要聞：大模型推理能力提升"]],
  ];
  for (const [file, contentType, [title, itemTitle, summary]] of cases) {
    test(`readFeed(${file}${contentType === undefined ? "" : `, ${show(contentType)}`}) → ${show(title)}, ${show(itemTitle)}`, () => {
      const read = readFeed(readFileSync(join(FEEDS, file)), contentType, FEED_URL);
      assert.ok(read.ok, show(read));
      assert.deepEqual([read.title, read.items[0]?.title, read.items[0]?.summary], [title, itemTitle, summary]);
    });
  }
});

describe("decodeFeed", () => {
  const gbk = "c8cbb9a4d6c7c4dc"; // 人工智能
  const cases: Array<[string, Uint8Array, string | undefined, { text: string; note?: string } | { reason: string }]> = [
    ["UTF-8, nothing declared", bytes("<rss>人工智能</rss>"), undefined, { text: "<rss>人工智能</rss>" }],
    ["the header beats the declaration", hex(`${Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>').toString("hex")}${gbk}`), "text/xml; charset=gbk", { text: '<?xml version="1.0" encoding="ISO-8859-1"?>人工智能' }],
    ["a quoted charset", bytes("人"), 'text/xml; charset="utf-8"', { text: "人" }],
    ["the BOM beats the header", hex("efbbbfe4baba"), "text/xml; charset=gbk", { text: "人" }],
    ["UTF-16LE without a BOM, from its <?xml", hex("3c003f0078006d006c00"), undefined, { text: "<?xml" }],
    ["a declaration read as ASCII is not UTF-16", bytes('<?xml version="1.0" encoding="UTF-16"?><a>人</a>'), undefined, { text: '<?xml version="1.0" encoding="UTF-16"?><a>人</a>' }],
    ["a bad byte becomes U+FFFD", hex("3c613eff3c2f613e"), undefined, { text: "<a>\uFFFD</a>" }],
    ["an unknown charset in the header, bytes not UTF-8", hex(`3c613e${gbk}3c2f613e`), "text/xml; charset=x-foo", { reason: 'unknown encoding "x-foo"' }],
    ["an unknown encoding in the declaration, bytes not UTF-8", hex(`${Buffer.from('<?xml version="1.0" encoding="x-foo"?><a>').toString("hex")}${gbk}`), undefined, { reason: 'unknown encoding "x-foo"' }],
    // Labels that the bytes prove wrong: UTF-8 with a character outside ASCII is read as UTF-8, and said so.
    ["an unknown charset in the header, ASCII bytes", bytes("<a/>"), "text/xml; charset=x-foo", { text: "<a/>" }],
    ["UTF-8 declared ISO-8859-1", bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>人工智能</a>'), undefined, { text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>人工智能</a>', note: 'read as UTF-8, not "ISO-8859-1" as the XML declaration says (the bytes are UTF-8)' }],
    ["UTF-8 declared GBK", bytes('<?xml version="1.0" encoding="GBK"?><a>人工智能</a>'), undefined, { text: '<?xml version="1.0" encoding="GBK"?><a>人工智能</a>', note: 'read as UTF-8, not "GBK" as the XML declaration says (the bytes are UTF-8)' }],
    ["UTF-8 served as ISO-8859-1", bytes("<a>人工智能</a>"), "text/xml; charset=ISO-8859-1", { text: "<a>人工智能</a>", note: 'read as UTF-8, not "ISO-8859-1" as the Content-Type header says (the bytes are UTF-8)' }],
    ["UTF-8 served with an unknown charset", bytes("<a>人</a>"), "text/xml; charset=x-foo", { text: "<a>人</a>", note: 'read as UTF-8, not "x-foo" as the Content-Type header says (the bytes are UTF-8)' }],
    ["GBK served as UTF-8, declared GBK", hex(`${Buffer.from('<?xml version="1.0" encoding="gbk"?>').toString("hex")}${gbk}`), "text/xml; charset=utf-8", { text: '<?xml version="1.0" encoding="gbk"?>人工智能', note: 'read as "gbk" as the XML declaration says, not "utf-8" as the Content-Type header says (the bytes are not "utf-8")' }],
  ];
  for (const [name, input, contentType, expected] of cases) {
    test(`decodeFeed: ${name} → ${show(expected)}`, () => assert.deepEqual(decodedInEnglish(decodeFeed(input, contentType)), expected));
  }

  test("the notes and the refusal in Chinese", () => {
    assert.deepEqual(inChinese((decodeFeed(bytes("<a>人工智能</a>"), "text/xml; charset=GBK") as { note: Said }).note), "按 UTF-8 读取，而不是Content-Type 头所说的 \"GBK\"（这些字节是 UTF-8）");
    assert.deepEqual(inChinese((decodeFeed(hex(`3c613e${gbk}3c2f613e`), "text/xml; charset=x-foo") as { reason: Said }).reason), '未知的编码 "x-foo"');
  });
});

/** A decoded feed with its note or reason in English, as the cases give them. */
function decodedInEnglish(decoded: Decoded): { text: string; note?: string } | { reason: string } {
  if ("reason" in decoded) return { reason: inEnglish(decoded.reason) };
  return decoded.note === undefined ? { text: decoded.text } : { text: decoded.text, note: inEnglish(decoded.note) };
}

describe("readFeed: bodies that are not feeds", () => {
  const fixture = (file: string) => readFileSync(join(FEEDS, file));
  const cases: Array<[string, Uint8Array, string]> = [
    ["html-page.html", fixture("html-page.html"), inEnglish(AN_HTML_PAGE)],
    ["an XHTML page", bytes('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), inEnglish(AN_HTML_PAGE)],
    ["sitemap.xml", fixture("sitemap.xml"), inEnglish(NOT_A_FEED)],
    ["broken.xml", fixture("broken.xml"), "XML error at line 3, column 25: Expected closing tag 'title' (opened in line 3, col 12) instead of closing tag 'titel'."],
    ["blank lines before the declaration, then an error", bytes('\n\n<?xml version="1.0"?>\n<rss version="2.0"><channel></chanel></rss>'), "XML error at line 4, column 29: Expected closing tag 'channel' (opened in line 4, col 20) instead of closing tag 'chanel'."],
    // What repairs cannot mend, at its place in the feed as served (the repairs before it moved it in the repaired text).
    ["a bare & and 中文, then a wrong closing tag", bytes('<rss version="2.0"><channel><item>\n<title>AT&T 中文 &nbsp;</titel></item></channel></rss>'), "XML error at line 2, column 22: Expected closing tag 'title' (opened in line 2, col 1) instead of closing tag 'titel'."],
    ["XML cut short", bytes('<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>a & b</title><item><title>c'), `XML error at line 1, column 1: Invalid '[ "rss", "channel", "item", "item", "title"]' found.`],
    ["an external entity", bytes('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>&xxe;</title></channel></rss>'), "XML error: External entities are not supported"],
    ["truncated.json", fixture("truncated.json"), "JSON error at line 5, column 30: Unterminated string"],
    ["a trailing comma in JSON", bytes('{\n  "version": "https://jsonfeed.org/version/1.1",\n}'), "JSON error at line 3, column 1: Expected double-quoted property name"],
    ["JSON broken where V8 gives no position", bytes('{"a": }'), `JSON error: Unexpected token '}', "{"a": }" is not valid JSON`],
    ["a JSON array", bytes("[1, 2]"), inEnglish(NOT_A_FEED)],
    ["JSON that is not a JSON Feed", bytes('{"version": "2.0", "items": []}'), inEnglish(NOT_A_FEED)],
    ["plain text", bytes("Service Unavailable"), inEnglish(NOT_A_FEED)],
    ["an empty body", bytes(""), inEnglish(NOT_A_FEED)],
  ];
  for (const [name, input, reason] of cases) {
    test(`readFeed(${name}) → ${show(reason)}`, () => {
      const read = readFeed(input, undefined, FEED_URL);
      assert.deepEqual(read.ok ? read : { ok: false, reason: inEnglish(read.reason) }, { ok: false, reason });
    });
  }

  test("the reasons in Chinese: the parser's own message, at its place", () => {
    const reasonOf = (input: Uint8Array) => {
      const read = readFeed(input, undefined, FEED_URL);
      return read.ok ? undefined : inChinese(read.reason);
    };
    assert.equal(reasonOf(fixture("html-page.html")), "不是订阅源（是一个 HTML 页面）");
    assert.equal(reasonOf(bytes("Service Unavailable")), "不是订阅源（应为 RSS、Atom、RDF 或 JSON Feed）");
    assert.equal(reasonOf(fixture("broken.xml")), "XML 错误（第 3 行第 25 列）：Expected closing tag 'title' (opened in line 3, col 12) instead of closing tag 'titel'.");
    assert.equal(reasonOf(fixture("truncated.json")), "JSON 错误（第 5 行第 30 列）：Unterminated string");
  });
});

describe("readFeed: malformed feeds, repaired and read whole", () => {
  test("a WordPress feed with bare &, HTML entities, an &LT;script&GT; and a control character: every item, one warning naming each spot", () => {
    const read = readFixture("wordpress-malformed.xml", "application/rss+xml; charset=UTF-8", "https://wp.example/feed/");
    assert.ok(read.ok && read.repaired !== undefined, "read, with a repair");
    assert.equal(inChinese(read.repaired), '修复了 10 处（单独的 "&"，第 21 行第 12 列；单独的 "&"，第 22 行第 32 列；HTML 实体 "&nbsp;"，第 26 行第 18 列；HTML 实体 "&hellip;"，第 26 行第 26 列；HTML 实体 "&LT;"，第 29 行第 10 列；另有 5 处）');
    assert.deepEqual({ ...read, repaired: inEnglish(read.repaired) }, {
      ok: true,
      format: "rss",
      title: "WP 博客",
      items: [
        item({ id: "https://wp.example/?p=1", link: "https://wp.example/?p=1&lang=zh", title: "AT&T 与 OpenAI 合作", summary: "模型 上线…", published: "2026-02-10T02:00:00.000Z" }),
        // The repaired entities spell <script>: text, as &lt; is.
        item({ link: "https://wp.example/?p=2", title: "<script>alert(1)</script> 与 a < b 都是文字", summary: "CDATA 里的 & 与 不用修。", published: "2026-02-11T02:00:00.000Z" }),
        item({ link: "https://wp.example/?p=3", title: "周报 Q&A", published: "2026-02-12T02:00:00.000Z" }),
      ],
      repaired: 'repaired 10 spots (bare "&" at line 21, column 12; bare "&" at line 22, column 32; HTML entity "&nbsp;" at line 26, column 18; HTML entity "&hellip;" at line 26, column 26; HTML entity "&LT;" at line 29, column 10; 5 more)',
    });
    const md = markdownIt({ html: true, linkify: true });
    const html = md.render(`- ${markdownText(read.ok ? read.items[1]!.title : "")}`);
    assert.equal(html, "<ul>\n<li>&lt;script&gt;alert(1)&lt;/script&gt; 与 a &lt; b 都是文字</li>\n</ul>\n");
  });

  const rssOf = (title: string) => `<rss version="2.0"><channel><item><title>${title}</title></item></channel></rss>`;
  // the body, its Content-Type, the item's title, the warning
  const cases: Array<[string, Uint8Array, string | undefined, string, string]> = [
    ["a bare &", bytes(rssOf("a & b")), undefined, "a & b", 'repaired 1 spot (bare "&" at line 1, column 44)'],
    ["an undeclared entity in Chinese text", bytes(rssOf("人工智能&nbsp;周报")), undefined, "人工智能 周报", 'repaired 1 spot (HTML entity "&nbsp;" at line 1, column 46)'],
    ["a control character", bytes(rssOf("周报")), undefined, "周报", 'repaired 1 spot (control character U+0007 (removed) at line 1, column 43)'],
    ["UTF-8 declared ISO-8859-1", bytes(`<?xml version="1.0" encoding="ISO-8859-1"?>${rssOf("人工智能")}`), undefined, "人工智能", 'read as UTF-8, not "ISO-8859-1" as the XML declaration says (the bytes are UTF-8)'],
    ["UTF-8 served as GBK, with a bare &", bytes(rssOf("人工智能 & 周报")), "application/rss+xml; charset=GBK", "人工智能 & 周报", 'read as UTF-8, not "GBK" as the Content-Type header says (the bytes are UTF-8); repaired 1 spot (bare "&" at line 1, column 47)'],
    ["a JSON Feed with a control character in a title", bytes(`{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "title": "周\u0001报"}]}`), undefined, "周报", 'repaired 1 spot (control character U+0001 in a string (escaped) at line 1, column 96)'],
  ];
  for (const [name, input, contentType, title, warning] of cases) {
    test(`readFeed(${name}) → ${show(title)}, ${show(warning)}`, () => {
      const read = readFeed(input, contentType, FEED_URL);
      assert.ok(read.ok, show(read));
      assert.deepEqual([read.items.map((i) => i.title), read.repaired && inEnglish(read.repaired)], [[title], warning]);
    });
  }
});

describe("readFeed: hostile feeds", () => {
  test("an entity bomb is read at once, its entities left as text", () => {
    // Expanded, the bomb is 3 GB of "lol": the entities come back as their own text, unexpanded.
    const read = readFixture("entity-bomb.xml");
    assert.deepEqual(read, { ok: true, format: "rss", title: "Laughs &lol9;", items: [item({ link: "https://bomb.example/1", title: "&lol9;", summary: "before &lol9; after" })] });
  });

  // A pattern that backtracks without end would hang here: the test's own time limit fails it.
  test("a body that opens with many comments, and a date of 20,000 brackets, are read at once", { timeout: 20_000 }, () => {
    const comments = "<!-- generated -->\n".repeat(40);
    const dateText = `03 Feb 2026 08:00 ${"(".repeat(20_000)}x`;
    const read = readFeed(bytes(`${comments}<rss version="2.0"><channel><item><title>t</title><pubDate>${dateText}</pubDate></item></channel></rss>`), undefined, FEED_URL);
    assert.deepEqual(plain(read), { ok: true, format: "rss", title: undefined, items: [item({ title: "t", unreadableDate: dateText })] });
  });

  test("HTML, scripts, Markdown and javascript: links are read as they are, tags removed", () => {
    const read = readFixture("hostile.xml");
    assert.deepEqual(read, {
      ok: true,
      format: "rss",
      // The title names no tag but <script>: text, as written (the digest escapes it).
      title: '<script>alert("feed")</script>Hostile [feed](javascript:alert(1))',
      items: [
        item({ id: '"><script>alert(5)</script>', link: "javascript:alert(document.cookie)", title: "**Bold** [click](javascript:alert(1))", summary: "Hi there # not a heading {{ nunjucks }} {% raw %}", published: "2026-02-03T08:00:00.000Z" }),
        item({ link: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", title: "# 标题 _a_ `code` ![i](http://e/x.png) &copy; https://evil.example/ www.evil.example", summary: "Text <b> stays escaped [link](https://evil.example/)" }),
      ],
    });
  });

  test("and once through markdownText, none of their text renders as markup", () => {
    const read = readFeed(readFileSync(join(FEEDS, "hostile.xml")), undefined, FEED_URL);
    assert.ok(read.ok);
    const md = markdownIt({ html: true, linkify: true });
    for (const text of [read.title!, ...read.items.flatMap((i) => [i.title, i.summary!])]) {
      const html = md.render(`- ${markdownText(text)}`);
      assert.match(html, /^<ul>\n<li>[^<]*<\/li>\n<\/ul>\n$/, `${show(text)} rendered ${show(html)}`);
    }
  });
});

describe("readFeedDate", () => {
  const cases: Array<[string, string | undefined]> = [
    ["Tue, 03 Feb 2026 08:00:00 +0800", "2026-02-03T08:00:00.000+08:00"],
    ["Tue, 03 Feb 2026 08:00:00 GMT", "2026-02-03T08:00:00.000Z"],
    ["Tue, 3 Feb 2026 08:00:00 -0500", "2026-02-03T08:00:00.000-05:00"],
    ["Tue, 03 Feb 26 08:00:00 GMT", "2026-02-03T08:00:00.000Z"],
    ["Tue, 03 Feb 2026 08:00:00 CST", "2026-02-03T08:00:00.000-06:00"],
    ["Tuesday, 03-Feb-26 08:00:00 GMT", "2026-02-03T08:00:00.000Z"],
    ["Tue Feb  3 08:00:00 2026", "2026-02-03T08:00:00.000Z"],
    // The fallback: what feeds write and luxon's RFC 2822 reader refuses.
    ["Wed, 03 Feb 2026 08:00:00 GMT", "2026-02-03T08:00:00.000Z"],
    ["Tue, 03 Feb 2026 8:00 GMT+8", "2026-02-03T08:00:00.000+08:00"],
    ["Tue, 03 Feb 2026 08:00:00 UTC+08:00", "2026-02-03T08:00:00.000+08:00"],
    ["03 February 2026 08:00:00 +08:00", "2026-02-03T08:00:00.000+08:00"],
    ["tue, 03 feb 2026 08:00:00 utc", "2026-02-03T08:00:00.000Z"],
    ["Tue, 03 Feb 2026 08:00:00 +0800 (CST)", "2026-02-03T08:00:00.000+08:00"],
    ["Tue, 03 Feb 2026 08:00:00", "2026-02-03T08:00:00.000Z"],
    ["2026-02-03T08:00:00+08:00", "2026-02-03T08:00:00.000+08:00"],
    ["2026-02-03T08:00:00.123456-05:00", "2026-02-03T08:00:00.123-05:00"],
    ["2026-02-03 08:00:00+08:00", "2026-02-03T08:00:00.000+08:00"],
    ["2026-02-03T08:00:00", "2026-02-03T08:00:00.000Z"],
    ["2026-02-03", "2026-02-03T00:00:00.000Z"],
    ["Tue, 31 Feb 2026 08:00:00 GMT", undefined],
    ["Tue, 03 Feb 2026 25:00:00 GMT", undefined],
    ["Tue, 03 Feb 2026 08:00:00 GMT+15", undefined],
    ["Tue, 03 Feb 2026 08:00:00 HKT", undefined],
    ["Tue, 03 Feb 2026 08:00:00 constructor", undefined],
    ["2026-02-30T08:00:00Z", undefined],
    ["08:00", undefined],
    ["2026年2月3日", undefined],
    ["next Tuesday", undefined],
  ];
  for (const [text, expected] of cases) {
    test(`readFeedDate(${show(text)}) → ${expected ?? "unreadable"}`, () => assert.equal(readFeedDate(text)?.toISO() ?? undefined, expected));
  }
});
