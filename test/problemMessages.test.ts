// Every problem code's message, in English and in Chinese, from one sample of the values a file
// gives it: the table below is typed by the catalogue, so a new code does not compile until it
// has its sample. Every message is written to test/.output/messages-all.md for a person to read.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROBLEM_CODES, problemKind, problemMessage, problemMessageZh, type ProblemCode, type ProblemParams } from "../src/core/problemCodes.js";
import { ROOT } from "./helpers.js";

const HAN = /\p{Script=Han}/u;
/** Two English words in a row: English left in a Chinese message. */
const ENGLISH_WORDS = /\b[a-z]{3,} [a-z]{3,}\b/;
/** Codes whose message quotes a parser's own reason (js-yaml's, JSON.parse's), in its words. */
const QUOTES_A_PARSER = new Set<ProblemCode>(["front-matter-yaml", "front-matter-json", "sources-yaml"]);

/** One sample of each code's values, as a page or the site would give them. */
const SAMPLES: { [C in ProblemCode]: ProblemParams<C> } = {
  "front-matter-yaml": [{ reason: "bad indentation of a mapping entry (3:7)" }],
  "front-matter-json": [{ reason: "Unexpected token } in JSON at position 41" }],
  "front-matter-shape": [],
  "front-matter-unclosed": [{ readAsYaml: "## 本周要点" }],
  "full-width-colon": [{ key: "title" }],
  "curly-quotes": [{ key: "title", value: "“OpenAI: 新模型”" }],
  "curly-quoted-value": [{ key: "title", open: "“", close: "”", inner: "OpenAI: 新模型" }],
  "unquoted-colon": [{ key: "title", value: "OpenAI: 新模型" }],
  "tag-separator": [{ joined: "AI，代理", separator: "，", parts: ["AI", "代理"] }],
  "invalid-field": [{ field: "scheduled", value: "2026-02-30", expected: { en: "a date such as 2026-02-05", zh: "日期，如 `2026-02-05`" }, zone: "Asia/Shanghai" }],
  "unknown-key": [{ key: "schedule", near: "scheduled", known: ["title", "scheduled"] }],
  "reserved-key": [{ key: "page", value: 3, keptFor: { en: "the page's own address and dates", zh: "页面自己的地址和日期" } }],
  "template-engine": [{ value: "ejs" }],
  "unknown-layout": [{ value: "layouts/nope.njk" }],
  "refused-key": [{ key: "eleventyComputed", why: { en: "its values would be run as template code", zh: "它的值会被当作模板代码运行" } }],
  "prototype-key": [{ tag: "__proto__" }],
  "unsafe-permalink": [{ value: "{{ 7 * 7 }}", why: { en: "expected a plain address such as /posts/2026-w06/", zh: "应为普通的地址，如 `/posts/2026-w06/`" } }],
  "code-file": [{ folder: "posts", layoutsDir: "layouts" }],
  "code-front-matter": [],
  "data-file": [{ ext: "js" }],
  "not-utf8": [{ byte: 0xb1 }],
  "file-too-large": [{ limit: "2 MB", size: "3.1 MB" }],
  "file-name-url": [{ name: "第 7 期#草稿.md", backslash: false }],
  "file-name-week": [{ name: "ai_news_latest.md" }],
  "no-such-week": [{ week: "2026-W54", year: 2026, weeks: 53 }],
  "broken-symlink": [{ why: { en: "its target ../elsewhere does not exist", zh: "它指向的 ../elsewhere 不存在" } }],
  "symlink-twice": [{ link: "posts/again", folder: true }],
  "content-outside-input": [{ count: 2, found: "../posts", root: "src", looked: "src/posts", option: "postsDir", dir: "../posts", holds: "reports" }],
  "missing-content-folder": [{ root: ".", looked: "posts", option: "postsDir", dir: "posts", holds: "reports" }],
  placeholder: [{ text: "TODO", draft: false, waiting: true }],
  "broken-link": [{ written: "../weekly_news/ai_news_2026-W70", looked: ["weekly_news/ai_news_2026-W70.md"], hint: { en: " Did you mean ../weekly_news/ai_news_2026-W07?", zh: "是不是 `../weekly_news/ai_news_2026-W07`？" } }],
  "missing-file": [{ kind: "image", written: "./chart.png", path: "posts/chart.png", near: "posts/charts.png" }],
  "bad-image": [{ written: "./chart.png", path: "posts/chart.png", why: "is not a PNG, JPEG, GIF or WebP picture" }],
  "missing-heading": [{ written: "#本周要点", fragment: "本周要点", target: undefined, headings: { en: "本周一览 (#本周一览)", zh: "本周一览（#本周一览）" } }],
  "invalid-link": [{ written: "http://[::1", why: { en: "is not a valid address", zh: "不是有效的地址" } }],
  "link-outside-site": [{ kind: "link", written: "./.env", path: "posts/.env", why: { en: "is a hidden file .env", zh: "是隐藏文件 .env" }, rule: { en: "a page publishes only files of the site", zh: "页面只发布站点自己的文件" } }],
  "link-held-back": [{ written: "./2026-W08-ai-weekly.md", target: "posts/2026-W08-ai-weekly.md", conflict: { en: "which is a draft.", zh: "它是草稿。" } }],
  "second-title": [{ heading: "本周 AI 周报", title: "2026 年第 7 周 AI 周报" }],
  "nesting-too-deep": [{ waiting: false }],
  "date-outside-week": [{ date: "2026-02-20", week: "2026-W07", named: "posts/2026-W07-ai-weekly.md", start: "2026-02-09", end: "2026-02-15" }],
  "second-report": [{ week: "2026-W07", first: "posts/2026-W07-ai-weekly.md" }],
  "tag-clash": [{ tag: "AI", others: [{ tag: "ai", path: "posts/2026-W06-ai-weekly.md" }], url: "/tags/ai/" }],
  "address-clash": [{ file: "posts/w07/index.html", others: ["posts/w07.md"] }],
  "sources-yaml": [{ reason: "bad indentation of a sequence entry (4:3)" }],
  "sources-shape": [{ source: 2, value: "https://example.org/feed" }],
  "invalid-source": [{ source: 1, field: "feed", value: "ftp://example.org/feed", expected: { en: "the http(s) address of a feed", zh: "一个订阅源的 http(s) 地址" } }],
  "duplicate-source": [{ source: 3, first: 1, feed: "https://example.org/feed.xml" }],
  "card-glyphs": [{ pieces: [{ text: "ไทย", script: "th-TH" }] }],
  "stale-incremental": [],
};

const written: string[] = [];
after(() => {
  const out = join(ROOT, "test", ".output");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "messages-all.md"), `# Every problem code's message in English and Chinese (one sample each)\n\n${written.join("\n")}`);
});

describe("every problem code's message, in English and in Chinese", () => {
  for (const code of Object.keys(PROBLEM_CODES).sort() as ProblemCode[]) {
    test(code, () => {
      const params = SAMPLES[code] as unknown[];
      const en = (problemMessage as (code: ProblemCode, ...params: unknown[]) => string)(code, ...params);
      const zh = (problemMessageZh as (code: ProblemCode, ...params: unknown[]) => string)(code, ...params);
      const [titleEn, titleZh] = [problemKind(code, "en"), problemKind(code, "zh")];
      assert.match(zh, HAN, zh);
      assert.notEqual(zh, en);
      if (!QUOTES_A_PARSER.has(code)) assert.doesNotMatch(zh, ENGLISH_WORDS, zh);
      for (const text of [titleZh.title, titleZh.hint]) assert.match(text, HAN, text);
      written.push(`## ${code}`, "", `- en: ${en}`, `- zh: ${zh}`, `- ${titleEn.title} / ${titleZh.title}`, "");
    });
  }
});
