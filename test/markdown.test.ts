import { describe, test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "./helpers.js";
import { LOST_NESTING, assignHeadingIds, collectLinks, dropRepeatedTitle, excerptFromTokens, liftHeadings, truncate } from "../src/content/markdownText.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";

const md = new MarkdownIt({ html: true });

test("the tests' markdown-it is the very one Eleventy renders pages with", () => {
  const eleventys = createRequire(join(ROOT, "node_modules", "@11ty", "eleventy", "package.json")).resolve("markdown-it");
  assert.equal(createRequire(import.meta.url).resolve("markdown-it"), eleventys);
});

describe("assignHeadingIds", () => {
  const cases: Array<[string, Array<[number, string]>]> = [
    ["### 模型迭代与能力升级：推理、多模态与轻量化齐头并进", [[3, "模型迭代与能力升级推理多模态与轻量化齐头并进"]]],
    ["## 趋势展望\n\n### 参考\n\n### 参考", [[2, "趋势展望"], [3, "参考"], [3, "参考-1"]]],
    ["## AI代理和自动化", [[2, "ai代理和自动化"]]],
    ["## `code` and *em*", [[2, "code-and-em"]]],
    ["## ？！\n\n## ？！", [[2, "uff1f-uff01"], [2, "uff1f-uff01-1"]]],
  ];
  for (const [source, expected] of cases) {
    test(`${JSON.stringify(source)} → ${expected.map(([, id]) => id).join(", ")}`, () => {
      const headings = assignHeadingIds(md.parse(source, {}));
      assert.deepEqual(headings.map((h) => [h.level, h.id]), expected);
    });
  }
  test("rendered ids are non-empty and unique", () => {
    const tokens = md.parse("# 一\n\n## 一\n\n## 二", {});
    assignHeadingIds(tokens);
    const html = md.renderer.render(tokens, md.options, {});
    assert.equal(html, '<h1 id="一">一</h1>\n<h2 id="一-1">一</h2>\n<h2 id="二">二</h2>\n');
  });
});

describe("dropRepeatedTitle", () => {
  const cases: Array<[string, string | undefined, string]> = [
    ["# 周报：标题\n\n正文", "周报：标题", "<p>正文</p>\n"],
    ["#  周报：标题 \n\n正文", "周报：标题", "<p>正文</p>\n"],
    ["# 另一个标题\n\n正文", "周报：标题", "<h1>另一个标题</h1>\n<p>正文</p>\n"],
    ["正文\n\n# 周报：标题", "周报：标题", "<p>正文</p>\n<h1>周报：标题</h1>\n"],
    ["## 周报：标题", "周报：标题", "<h2>周报：标题</h2>\n"],
    ["# 周报：标题", undefined, "<h1>周报：标题</h1>\n"],
  ];
  for (const [source, title, html] of cases) {
    test(`${JSON.stringify(source)} with title ${JSON.stringify(title)} → ${JSON.stringify(html)}`, () => {
      const tokens = md.parse(source, {});
      dropRepeatedTitle(tokens, title);
      assert.equal(md.renderer.render(tokens, md.options, {}), html);
    });
  }
});

describe("collectLinks", () => {
  const source = [
    "# 标题", // 0
    "",
    "见 [摘要](../weekly_news/ai_news_2026-W06) 与", // 2
    "[另一周](./2026-W07.md#参考) ![图](./chart.png)", // 3
    "",
    "- 列表 [中文链接](./周报)", // 5
    "",
    "[ref]: ../weekly_news/ai_news_2026-W05", // 7
    "",
    "引用 [定义][ref] 和 <https://example.org> 和 [外链](https://example.org/a)", // 9
    "",
    "🤖🤖 [emoji](./bot)", // 11: columns count characters, not UTF-16 units
  ].join("\n");
  const links = collectLinks(md.parse(source, {}), source);
  const cases: Array<[string, string, number, number]> = [
    ["../weekly_news/ai_news_2026-W06", "link", 2, 8],
    ["./2026-W07.md#%E5%8F%82%E8%80%83", "link", 3, 7],
    ["./chart.png", "image", 3, 30],
    ["./%E5%91%A8%E6%8A%A5", "link", 5, 13],
    ["../weekly_news/ai_news_2026-W05", "link", 7, 8],
    ["https://example.org/a", "link", 9, 45],
    ["./bot", "link", 11, 12],
  ];
  test(`finds ${cases.length} links and skips the autolink`, () => {
    assert.deepEqual(links.map((l) => l.href), cases.map(([href]) => href));
  });
  for (const [href, kind, line, column] of cases) {
    test(`${kind} ${decodeURI(href)} at line ${line}, column ${column}`, () => {
      const found = links.find((l) => l.href === href);
      assert.deepEqual(found, { href, kind, line, column });
    });
  }
});

describe("excerptFromTokens / truncate", () => {
  const cases: Array<[string, number, string]> = [
    ["# 标题\n\n第一段。\n\n第二段。", 50, "第一段。 第二段。"],
    ["## 小节\n\n**加粗**与`代码`与[链接](x)。", 50, "加粗与代码与链接。"],
    ["```\ncode\n```\n\n正文", 50, "正文"],
    ["一二三四五六七八九十一二三四五六七八九十", 10, "一二三四五六七八九…"],
    ["第一行\n第二行", 50, "第一行 第二行"],
  ];
  for (const [source, max, expected] of cases) {
    test(`excerpt(${JSON.stringify(source)}, ${max}) → ${expected}`, () => {
      assert.equal(excerptFromTokens(md.parse(source, {}), max), expected);
    });
  }
  const truncations: Array<[string, number, string]> = [
    ["短", 5, "短"],
    ["👩‍💻👩‍💻👩‍💻👩‍💻", 3, "👩‍💻👩‍💻…"],
    ["Hello world again", 8, "Hello w…"],
  ];
  for (const [text, max, expected] of truncations) {
    test(`truncate(${text}, ${max}) → ${expected}`, () => assert.equal(truncate(text, max), expected));
  }
});

describe("installMarkdownRules", () => {
  const site = new MarkdownIt({ html: true });
  installMarkdownRules(site, {
    rewriteHref: (from, href) => (from === "./posts/a.md" && href.startsWith("../weekly_news/") ? `/weekly_news/x/` : undefined),
    allowsHtml: (from) => (from.startsWith("./weekly_news/") ? false : from.startsWith("./posts/") ? true : undefined),
    owns: () => true,
  });
  test("a report's title heading is dropped, ids assigned, source links rewritten, others kept", () => {
    const html = site.render("# 题目\n\n## 小节\n\n[摘要](../weekly_news/x) [外](https://example.org) ![图](../weekly_news/x.png)", {
      title: "题目",
      page: { inputPath: "./posts/a.md" },
    });
    assert.equal(
      html,
      '<h2 id="小节">小节</h2>\n<p><a href="/weekly_news/x/">摘要</a> <a href="https://example.org">外</a> <img src="/weekly_news/x/" alt="图"></p>\n',
    );
  });
});

describe("installMarkdownRules: raw HTML by kind of page", () => {
  const site = new MarkdownIt({ html: true });
  installMarkdownRules(site, { rewriteHref: () => undefined, allowsHtml: (from) => (from.startsWith("./weekly_news/") ? false : from.startsWith("./posts/") ? true : undefined), owns: () => true });
  const source = '<div onclick="x()">块</div>\n\n行内 <script>alert(1)</script> 与 <img src=x onerror=y()>';
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["a report keeps its HTML", { page: { inputPath: "./posts/a.md" } }, '<div onclick="x()">块</div>\n<p>行内 <script>alert(1)</script> 与 <img src=x onerror=y()></p>\n'],
    ["a digest shows it as text", { page: { inputPath: "./weekly_news/a.md" } }, '<p>&lt;div onclick=&quot;x()&quot;&gt;块&lt;/div&gt;</p>\n<p>行内 &lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=y()&gt;</p>\n'],
    ["another page: as markdown-it is set", { page: { inputPath: "./about.md" } }, '<div onclick="x()">块</div>\n<p>行内 <script>alert(1)</script> 与 <img src=x onerror=y()></p>\n'],
    ["the analysis says which (weeklyRawHtml)", { weeklyRawHtml: false }, '<p>&lt;div onclick=&quot;x()&quot;&gt;块&lt;/div&gt;</p>\n<p>行内 &lt;script&gt;alert(1)&lt;/script&gt; 与 &lt;img src=x onerror=y()&gt;</p>\n'],
  ];
  for (const [name, env, html] of cases) {
    test(name, () => {
      assert.equal(site.render(source, env), html);
      assert.equal(site.options.html, true, "the setting is put back after the parse");
    });
  }
});

describe("installMarkdownRules: no link to a script or data target", () => {
  const cases: Array<[string, string]> = [
    ["[a](javascript:alert(1))", "<p>[a](javascript:alert(1))</p>\n"],
    ["[a](JaVaScRiPt:alert(1))", "<p>[a](JaVaScRiPt:alert(1))</p>\n"],
    ["[a](jav&#x61;script:alert(1))", "<p>[a](javascript:alert(1))</p>\n"],
    ["[a](vbscript:msgbox)", "<p>[a](vbscript:msgbox)</p>\n"],
    ["[a](file:///etc/passwd)", "<p>[a](file:///etc/passwd)</p>\n"],
    ["[a](data:text/html,<b>x</b>)", "<p>[a](data:text/html,&lt;b&gt;x&lt;/b&gt;)</p>\n"],
    ["[a **b**](data:image/png;base64,AAAA) 后", "<p>a <strong>b</strong> 后</p>\n"],
    ["<data:image/png;base64,AAAA>", "<p>data:image/png;base64,AAAA</p>\n"],
    ["<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>\n"],
    ["[a][r]\n\n[r]: javascript:alert(1)", "<p>[a][r]</p>\n<p>[r]: javascript:alert(1)</p>\n"],
    ["![图](data:image/png;base64,AAAA)", '<p><img src="data:image/png;base64,AAAA" alt="图"></p>\n'],
    ["![图](data:image/svg+xml,<svg>)", "<p>![图](data:image/svg+xml,&lt;svg&gt;)</p>\n"],
    ["[外](https://example.org/javascript:x) [相对](./javascript:x)", '<p><a href="https://example.org/javascript:x">外</a> <a href="./javascript:x">相对</a></p>\n'],
    ["[[内](https://a.example)](data:text/html,x)", '<p>[<a href="https://a.example">内</a>](data:text/html,x)</p>\n'],
  ];
  const site = new MarkdownIt({ html: false });
  installMarkdownRules(site, { rewriteHref: () => undefined, allowsHtml: () => undefined, owns: () => true });
  for (const [source, html] of cases) {
    test(`${JSON.stringify(source)} → ${JSON.stringify(html)}`, () => assert.equal(site.render(source, {}), html));
  }
});

describe("liftHeadings", () => {
  const cases: Array<[string, string]> = [
    ["### 小节\n\n#### 细节", "<h2>小节</h2>\n<h3>细节</h3>\n"],
    // W06's shape: five ### sections, then ## and a ### under it.
    ["### 小节\n\n### 又一节\n\n## 展望\n\n### 参考", "<h2>小节</h2>\n<h2>又一节</h2>\n<h2>展望</h2>\n<h3>参考</h3>\n"],
    ["# 一级\n\n### 三级", "<h2>一级</h2>\n<h3>三级</h3>\n"],
    ["## 二级\n\n#### 四级\n\n###### 六级", "<h2>二级</h2>\n<h3>四级</h3>\n<h4>六级</h4>\n"],
    ["## 甲\n\n### 乙\n\n#### 丙\n\n## 丁", "<h2>甲</h2>\n<h3>乙</h3>\n<h4>丙</h4>\n<h2>丁</h2>\n"],
    ["#### 深\n\n## 浅\n\n### 中", "<h2>深</h2>\n<h2>浅</h2>\n<h3>中</h3>\n"],
    ["## 一\n\n### 二\n\n#### 三\n\n##### 四\n\n###### 五", "<h2>一</h2>\n<h3>二</h3>\n<h4>三</h4>\n<h5>四</h5>\n<h6>五</h6>\n"],
    ["没有标题", "<p>没有标题</p>\n"],
  ];
  for (const [source, html] of cases) {
    test(`liftHeadings(${JSON.stringify(source)}) → ${JSON.stringify(html)}`, () => {
      const tokens = md.parse(source, {});
      liftHeadings(tokens);
      assert.equal(md.renderer.render(tokens, md.options, {}), html);
    });
  }
});

describe("installMarkdownRules: content lost to nesting is noted", () => {
  const ruled = new MarkdownIt({ html: true });
  installMarkdownRules(ruled, { rewriteHref: () => undefined, allowsHtml: () => undefined, owns: () => true });
  const deepList = Array.from({ length: 60 }, (_, level) => `${"  ".repeat(level)}- 第${level}层`).join("\n");
  const cases: Array<[string, string, number | undefined]> = [
    ["a list 60 levels deep", `开头\n\n${deepList}`, 51],
    ["a quote 120 levels deep", `${">".repeat(120)} 深处\n\n之后`, 0],
    ["a list 40 levels deep", Array.from({ length: 40 }, (_, level) => `${"  ".repeat(level)}- ${level}`).join("\n"), undefined],
    ["a quote 90 levels deep", `${">".repeat(90)} 深处`, undefined],
  ];
  for (const [label, source, line] of cases) {
    test(`${label} → ${line === undefined ? "nothing lost" : `lost from body line ${line}`}`, () => {
      const env: Record<string, unknown> = {};
      ruled.parse(source, env);
      assert.equal(env[LOST_NESTING], line);
    });
  }
});

describe("installMarkdownRules: a page of the site that is not the plugin's is rendered as the site renders it", () => {
  const plain = new MarkdownIt({ html: true });
  const ruled = new MarkdownIt({ html: true });
  installMarkdownRules(ruled, { rewriteHref: () => "/rewritten/", allowsHtml: () => undefined, owns: (from) => from.startsWith("./posts/"), picture: () => "<picture></picture>" });
  const source = "# About\n\n## Section Header\n\n[first](blog/firstpost.md) ![a possum](possum.png) [x](javascript:alert(1))\n\n```js\nlet a = 1;\n```\n";
  test("./about.md: no heading ids, no dropped title, links, pictures and code blocks as written", () => {
    const env = { title: "About", page: { inputPath: "./about.md" } };
    assert.equal(ruled.render(source, env), plain.render(source, env));
  });
  test("./posts/a.md: the plugin's rules", () => {
    const html = ruled.render(source, { title: "About", page: { inputPath: "./posts/a.md" } });
    assert.match(html, /<h2 id="section-header">/);
    assert.match(html, /href="\/rewritten\/"/);
    assert.match(html, /<pre tabindex="0"/);
  });
});
