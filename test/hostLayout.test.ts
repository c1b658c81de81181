// What one of the plugin's pages keeps in a host's layout: the head elements it lacks, and the
// search index's mark, each added only where the page has none.
import { test } from "node:test";
import assert from "node:assert/strict";
import { completeHead, markSearchBody, ownHeadTags, setLanguage, type OwnPageFacts } from "../src/present/hostLayout.js";

const BASE = "https://guest.example.org";
const FACTS: OwnPageFacts = {
  url: `${BASE}/posts/a/`,
  title: "第五周 & <更多>",
  description: "摘要",
  noindex: false,
  card: { url: `${BASE}/cards/posts/a/index.png`, width: 1200, height: 630, alt: "第五周" },
  feeds: [{ type: "application/atom+xml", title: "Guest", url: `${BASE}/feed.xml` }],
};
const page = (head: string, body = "<main><p>正文</p></main>") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const added = (before: string, after: string) => after.slice(before.indexOf("</head>"), after.indexOf("</head>")).trim().split("\n").filter(Boolean);

const headCases: Array<{ name: string; head: string; facts?: Partial<OwnPageFacts>; expected: string[] }> = [
  {
    name: "a head with none of them gets all, in the shipped layout's order, values escaped",
    head: "<title>t</title>",
    expected: [
      `<link rel="canonical" href="${BASE}/posts/a/">`,
      '<meta property="og:title" content="第五周 &amp; &lt;更多&gt;">',
      '<meta property="og:description" content="摘要">',
      `<meta property="og:url" content="${BASE}/posts/a/">`,
      `<meta property="og:image" content="${BASE}/cards/posts/a/index.png">`,
      '<meta property="og:image:width" content="1200">',
      '<meta property="og:image:height" content="630">',
      '<meta property="og:image:alt" content="第五周">',
      '<meta name="twitter:card" content="summary_large_image">',
      `<meta name="twitter:image" content="${BASE}/cards/posts/a/index.png">`,
      `<link rel="alternate" type="application/atom+xml" title="Guest" href="${BASE}/feed.xml">`,
    ],
  },
  {
    name: "the host's own canonical, og:title (as name=, attributes in any order, single quotes) and a feed link to the same root-relative address are kept and not repeated",
    head: `<LINK href="/elsewhere/" rel='canonical'><meta content="host title" name="og:title"><link type="application/atom+xml" rel="alternate" href="/feed.xml">`,
    facts: { card: undefined, description: "d" },
    expected: ['<meta property="og:description" content="d">', `<meta property="og:url" content="${BASE}/posts/a/">`],
  },
  {
    name: "a host feed at another address does not stand for the weekly feed",
    head: '<link rel="alternate" type="application/atom+xml" href="/feed/feed.xml">',
    facts: { card: undefined, noindex: true },
    expected: ['<meta property="og:title" content="第五周 &amp; &lt;更多&gt;">', '<meta property="og:description" content="摘要">', `<link rel="alternate" type="application/atom+xml" title="Guest" href="${BASE}/feed.xml">`],
  },
];
for (const c of headCases) {
  test(`completeHead: ${c.name}`, () => {
    const html = page(c.head);
    assert.deepEqual(added(html, completeHead(html, ownHeadTags({ ...FACTS, ...c.facts }), BASE)), c.expected);
  });
}

test("completeHead: the shipped layout's own head (feeds root-relative under a site folder) is left byte for byte", () => {
  const base = `${BASE}/blog`;
  const head =
    `<link rel="canonical" href="${base}/posts/a/"><meta property="og:title" content="t"><meta property="og:description" content="d"><meta property="og:url" content="${base}/posts/a/">` +
    `<meta property="og:image" content="x"><meta property="og:image:width" content="1"><meta property="og:image:height" content="1"><meta property="og:image:alt" content="a">` +
    `<meta name="twitter:card" content="summary_large_image"><meta name="twitter:image" content="x"><link rel="alternate" type="application/atom+xml" title="G" href="/feed.xml">`;
  const html = page(head);
  const facts = { ...FACTS, url: `${base}/posts/a/`, feeds: [{ type: "application/atom+xml", title: "G", url: `${base}/feed.xml` }] };
  assert.equal(completeHead(html, ownHeadTags(facts), base), html);
});

test("completeHead: a page without a head is left as it is", () => {
  assert.equal(completeHead("<p>fragment</p>", ownHeadTags(FACTS), BASE), "<p>fragment</p>");
});

const markCases: Array<[string, string, string]> = [
  ["<main> gets the mark", "<body><main id=\"skip\"><p>x</p></main></body>", '<body><main data-pagefind-body id="skip"><p>x</p></main></body>'],
  ["without <main>, <body> gets it", "<body class=\"b\"><p>x</p></body>", '<body data-pagefind-body class="b"><p>x</p></body>'],
  ["a page marked already is left", "<body><main><article data-pagefind-body>x</article></main></body>", "<body><main><article data-pagefind-body>x</article></main></body>"],
  ["the words data-pagefind-body in text are no mark", "<body><main><p>about data-pagefind-body</p></main></body>", "<body><main data-pagefind-body><p>about data-pagefind-body</p></main></body>"],
  ["<mainframe> is not <main>", "<body><mainframe>x</mainframe></body>", "<body data-pagefind-body><mainframe>x</mainframe></body>"],
];
for (const [name, html, expected] of markCases) {
  test(`markSearchBody: ${name}`, () => {
    assert.equal(markSearchBody(html), expected);
  });
}

const LANGUAGE_CASES: Array<[string, string, string]> = [
  ['<html lang="en"><head>', "zh-CN", '<html lang="zh-CN"><head>'],
  ["<html class='x' lang='en'>", "zh-CN", "<html class='x' lang=\"zh-CN\">"],
  ["<html lang=en dir=ltr>", "zh-CN", '<html lang="zh-CN" dir=ltr>'],
  ["<html>", "zh-CN", '<html lang="zh-CN">'],
  ['<html lang="zh-CN">', "zh-CN", '<html lang="zh-CN">'],
  ['<!doctype html><html data-lang="en" lang="en">', "zh-CN", '<!doctype html><html data-lang="en" lang="zh-CN">'],
  ["<p>no html element</p>", "zh-CN", "<p>no html element</p>"],
];
for (const [html, language, expected] of LANGUAGE_CASES) {
  test(`setLanguage(${JSON.stringify(html)}, ${language}) → ${JSON.stringify(expected)}`, () => {
    assert.equal(setLanguage(html, language), expected);
  });
}
