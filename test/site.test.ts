import { describe, test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { analyseSite } from "../src/content/site.js";
import { bodyReader, inputRelative } from "../src/content/body.js";
import { placeInFile } from "../src/content/place.js";
import { type CollectedPage } from "../src/content/pageTypes.js";
import { kindOf } from "../src/core/kinds.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";
import { resolveOptions } from "../src/core/options.js";
import { DateTime } from "luxon";
import { weekOf } from "../src/content/weeks.js";

const opts = resolveOptions();
const md = new MarkdownIt({ html: true });
installMarkdownRules(md, { rewriteHref: () => undefined, allowsHtml: () => undefined, owns: () => true });

function page(path: string, body: string, data: Record<string, unknown> = {}): CollectedPage {
  return { path, kind: kindOf(path, opts), data, body, status: { state: "published" } };
}

const pages = [
  page("posts/2026-W06-ai-weekly.md", "# 周报\n\n正文。\n\n- [摘要](../weekly_news/ai_news_2026-W06)\n- [下周](./2026-W07-ai-weekly.md)\n- [缺](../weekly_news/ai_news_2026-W60)", {
    title: "周报",
    // Sunday in UTC, Monday of the next week in Asia/Shanghai. (A report is dated by its own date:
    // never by Eleventy's page.date, which for one without a date is 1970.)
    date: "2026-02-01T17:00+00:00",
    page: { date: new Date(0) },
  }),
  page("weekly_news/ai_news_2026-W06.md", "## 来源\n\n- 条目", { title: "摘要" }),
  page("about.md", "[周报](posts/2026-W06-ai-weekly)"),
];
const urls = new Map([
  ["posts/2026-W06-ai-weekly.md", "/posts/2026-W06-ai-weekly/"],
  ["weekly_news/ai_news_2026-W06.md", "/weekly_news/ai_news_2026-W06/"],
  ["about.md", "/about/"],
]);

describe("kindOf / inputRelative", () => {
  const kinds: Array<[string, string | undefined]> = [
    ["posts/a.md", "report"],
    ["posts/2026/a.md", "report"],
    ["weekly_news/ai_news_2026-W06.md", "digest"],
    ["postscript.md", undefined],
    ["about.md", undefined],
  ];
  for (const [path, kind] of kinds) test(`kindOf(${path}) → ${kind}`, () => assert.equal(kindOf(path, opts), kind));
  const paths: Array<[string, string, string]> = [
    ["./posts/a.md", "./", "posts/a.md"],
    ["./site/posts/a.md", "site", "posts/a.md"],
    ["posts/a.md", ".", "posts/a.md"],
  ];
  for (const [inputPath, dir, expected] of paths) {
    test(`inputRelative(${inputPath}, ${dir}) → ${expected}`, () => assert.equal(inputRelative(inputPath, dir), expected));
  }
});

describe("weekOf: a report's week is its date's, a digest's its file name's, never a stand-in", () => {
  const EPOCH = { page: { date: new Date(0) } };
  const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
    ["posts/2026-W06-ai-weekly.md", { date: "2026-02-05", ...EPOCH }, "2026-W06"],
    ["posts/2026-W06-ai-weekly.md", EPOCH, undefined],
    ["posts/2026-W06-ai-weekly.md", { date: "2026-02-30", ...EPOCH }, undefined],
    ["weekly_news/ai_news_2026-W06.md", EPOCH, "2026-W06"],
  ];
  for (const [path, data, expected] of cases) {
    test(`weekOf(${path}, date ${JSON.stringify(data.date)}, Eleventy's date 1970-01-01) → ${expected}`, () => assert.equal(weekOf(page(path, "", data), opts.timezone)?.key, expected));
  }
});

describe("analyseSite", () => {
  const site = analyseSite(pages, urls, bodyReader((source, env) => md.parse(source, env), opts), opts, () => ({ kind: "missing" }));
  const report = site.pages.get("posts/2026-W06-ai-weekly.md")!;

  test("reads the report's week in the site's zone and its excerpt without the title", () => {
    assert.equal(report.week?.key, "2026-W06");
    assert.equal(report.excerpt, "正文。 摘要 下周 缺");
    assert.deepEqual(report.headings, []);
  });
  test("maps each link that names a page to its URL", () => {
    assert.deepEqual([...report.rewrites], [["../weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/"]]);
  });
  test("leaves a page of the site's own (about.md) alone: its address is known, its links are the site's", () => {
    assert.equal(site.pages.get("about.md")?.url, "/about/");
    assert.deepEqual([...site.pages.get("about.md")!.rewrites], []);
    assert.equal(site.problems.filter((p) => p.file === "about.md").length, 0);
  });
  test("records which reports cite the digest, not pages of other kinds", () => {
    assert.deepEqual(site.citedBy.get("weekly_news/ai_news_2026-W06.md"), ["posts/2026-W06-ai-weekly.md"]);
    assert.equal(site.citedBy.get("posts/2026-W06-ai-weekly.md"), undefined);
  });
  test("reports each missing target once, at its body line and column", () => {
    assert.deepEqual(
      site.problems.map((p) => [p.file, p.bodyLine, p.column, p.message]),
      [
        ["posts/2026-W06-ai-weekly.md", 5, 8, 'link "./2026-W07-ai-weekly.md" matches no page (looked for posts/2026-W07-ai-weekly.md).'],
        ["posts/2026-W06-ai-weekly.md", 6, 7, 'link "../weekly_news/ai_news_2026-W60" matches no page (looked for weekly_news/ai_news_2026-W60.md and weekly_news/ai_news_2026-W60/index.md). Did you mean ../weekly_news/ai_news_2026-W06?'],
      ],
    );
  });
  test("a digest's week comes from its file name", () => {
    assert.equal(site.pages.get("weekly_news/ai_news_2026-W06.md")!.week?.key, "2026-W06");
  });
});

describe("placeInFile", () => {
  const body = "\n正文\n[x](y)\n";
  const crlf = body.replace(/\n/g, "\r\n");
  const cases: Array<[string, string, string, number]> = [
    ["LF front matter", `---\ntitle: a\n---\n${body}`, body, 6],
    ["CRLF file and body, as Eleventy hands them over", `---\r\ntitle: a\r\n---\r\n${crlf}`, crlf, 6],
    ["no front matter", body, body, 3],
  ];
  for (const [name, file, given, line] of cases) {
    test(`${name}: body line 2 → file line ${line}`, () => {
      const placed = placeInFile({ file: "a.md", bodyLine: 2, column: 1, severity: "error", code: "broken-link", message: "m", zh: "m", rule: "link" }, file, given);
      assert.equal(placed.line, line);
    });
  }
});

describe("analyseSite: a list nested past what Markdown reads", () => {
  const deep = Array.from({ length: 60 }, (_, level) => `${"  ".repeat(level)}- 第${level}层`).join("\n");
  const body = `开头\n\n${deep}\n\n## 之后\n\n### 参考\n`;
  const later = { state: "scheduled", at: DateTime.fromISO("2026-06-01T08:00", { zone: opts.timezone }) } as const;
  const cases: Array<[string, CollectedPage["status"], string, string]> = [
    ["published", { state: "published" }, "error", ""],
    ["scheduled", later, "warning", " (This page is not published yet: this will stop the build when it goes live.)"],
    ["draft", { state: "draft" }, "warning", ""],
  ];
  for (const [name, status, severity, suffix] of cases) {
    test(`a ${name} report → ${severity} nesting-too-deep at the first line not shown`, () => {
      const deepPage = { ...page("posts/2026-W01-deep.md", body, { title: "深" }), status };
      const url = status.state === "published" ? "/posts/2026-W01-deep/" : undefined;
      const site = analyseSite([deepPage], new Map(url ? [[deepPage.path, url]] : []), bodyReader((source, env) => md.parse(source, env), opts), opts, () => ({ kind: "missing" }));
      const found = site.problems.filter((problem) => problem.code === "nesting-too-deep");
      assert.deepEqual(
        found.map(({ bodyLine, severity: weight, message }) => ({ bodyLine, severity: weight, message })),
        [{ bodyLine: 51, severity, message: `lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote and everything after it in the page is not shown. Nest less deeply.${suffix}` }],
      );
    });
  }
});
