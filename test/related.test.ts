// Related reports: the choice as a pure function (tables of reports), and on a whole build of the
// `scheduled` fixture, where every link must lead to a published report.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DateTime } from "luxon";
import { hashOf, termCounts } from "../src/content/terms.js";
import { relatedReports, RELATED_LIMIT, type RelatedInput } from "../src/content/related.js";
import { all, FIXTURES, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";

/** A report of the tables: its text is its body; dated by its number of days into 2026. */
function report(path: string, tags: string[], body: string, options: { day?: number; published?: boolean; title?: string } = {}): RelatedInput {
  return {
    path,
    date: DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone: "Asia/Shanghai" }).plus({ days: options.day ?? 0 }),
    published: options.published ?? true,
    tags,
    title: options.title ?? "",
    description: "",
    body: termCounts(body),
  };
}

const chosen = (reports: RelatedInput[]) => Object.fromEntries([...relatedReports(reports)].sort(([a], [b]) => (a < b ? -1 : 1)));

describe("termCounts: the words of Chinese and Latin text", () => {
  const cases: Array<[string, string[]]> = [
    ["智能体", ["智能", "能体"]],
    ["AI模型", ["ai", "模型"]],
    ["Claude Opus 4.5专注token节省", ["claude", "opus", "专注", "token", "节省"]],
    ["单", ["单"]],
    ["多个智能体，智能体。", ["多个", "个智", "智能", "能体", "智能", "能体"]],
    ["a 5 。", []],
  ];
  for (const [input, terms] of cases) {
    test(`termCounts(${JSON.stringify(input)}) → ${terms.join(" ") || "nothing"}`, () => {
      const counts = new Map<number, number>();
      for (const term of terms) counts.set(hashOf(term), (counts.get(hashOf(term)) ?? 0) + 1);
      const found = termCounts(input);
      assert.deepEqual(new Map([...found.terms].map((term, i) => [term, found.counts[i]])), counts);
    });
  }
});

describe("relatedReports", () => {
  const cases: Array<{ name: string; reports: RelatedInput[]; expected: Record<string, string[]> }> = [
    {
      name: "a shared tag beats shared words; a shared word beats nothing",
      reports: [
        report("a.md", ["模型"], "多个智能体协同完成任务"),
        report("b.md", ["模型"], "天气预报说明天晴朗"),
        report("c.md", [], "多个智能体协同完成任务"),
        report("d.md", [], "股票市场今日收盘"),
      ],
      expected: { "a.md": ["b.md", "c.md"], "b.md": ["a.md"], "c.md": ["a.md"], "d.md": [] },
    },
    {
      name: "Chinese bigrams: 智能体 in two bodies written differently",
      reports: [
        report("agents.md", [], "本周多个智能体开始协同工作"),
        report("more-agents.md", [], "智能体之间的通信协议"),
        report("weather.md", [], "天气预报很准确"),
        report("stocks.md", [], "股票市场今日收盘"),
      ],
      expected: { "agents.md": ["more-agents.md"], "more-agents.md": ["agents.md"], "weather.md": [], "stocks.md": [] },
    },
    {
      name: "at most three, the rarer tag first, ties to the newer report, then by path",
      reports: [
        report("a.md", ["开源", "算力"], "甲"),
        report("b.md", ["开源"], "乙", { day: 1 }),
        report("c.md", ["开源"], "丙", { day: 3 }),
        report("d.md", ["开源"], "丁", { day: 3 }),
        report("e.md", ["开源", "算力"], "戊", { day: 2 }),
        report("f.md", ["治理"], "己", { day: 9 }),
      ],
      expected: {
        "a.md": ["e.md", "c.md", "d.md"],
        "b.md": ["c.md", "d.md", "e.md"],
        "c.md": ["d.md", "e.md", "b.md"],
        "d.md": ["c.md", "e.md", "b.md"],
        "e.md": ["a.md", "c.md", "d.md"],
        "f.md": [],
      },
    },
    {
      name: "a report held back (scheduled or draft) is never chosen, but gets its own list",
      reports: [
        report("published.md", ["代理"], "智能体协同"),
        report("other.md", ["代理"], "智能体协同", { day: 1 }),
        report("scheduled.md", ["代理"], "智能体协同", { day: 7, published: false }),
        report("draft.md", ["代理"], "智能体协同", { day: 8, published: false }),
        report("unrelated.md", [], "股票市场今日收盘"),
      ],
      expected: { "published.md": ["other.md"], "other.md": ["published.md"], "scheduled.md": ["other.md", "published.md"], "draft.md": ["other.md", "published.md"], "unrelated.md": [] },
    },
    {
      name: "a tag or word every published report has tells nothing; the title's words count",
      reports: [
        report("a.md", ["AI"], "正文", { title: "开源模型周报" }),
        report("b.md", ["AI"], "正文", { title: "开源模型再进一步" }),
        report("c.md", ["AI"], "正文", { title: "芯片出口管制" }),
      ],
      expected: { "a.md": ["b.md"], "b.md": ["a.md"], "c.md": [] },
    },
  ];
  for (const { name, reports, expected } of cases) {
    test(`${name} → ${JSON.stringify(expected)}`, () => assert.deepEqual(chosen(reports), expected));
    test(`${name}: the same choice whatever the order of the reports`, () => {
      for (const order of [[...reports].reverse(), [...reports.slice(2), ...reports.slice(0, 2)], reports.filter((_, i) => i % 2 === 1).concat(reports.filter((_, i) => i % 2 === 0))]) {
        assert.deepEqual(chosen(order), expected);
      }
    });
  }

  test(`never the report itself, never more than ${RELATED_LIMIT}, only published reports: 40 reports with tags and words in common`, () => {
    const words = ["智能体", "算力", "芯片", "开源", "模型", "监管"];
    const reports = Array.from({ length: 40 }, (_, i) =>
      report(`r${String(i).padStart(2, "0")}.md`, [`t${i % 4}`, "AI"], `${words[i % 6]}与${words[(i * 7) % 6]}的进展，第${i}期`, { day: i, published: i % 5 !== 0 }),
    );
    const result = relatedReports(reports);
    const published = new Set(reports.filter((r) => r.published).map((r) => r.path));
    assert.equal(result.size, 40);
    for (const [path, list] of result) {
      assert.ok(!list.includes(path), `${path} lists itself`);
      assert.equal(list.length, RELATED_LIMIT, `${path}: ${list.join(", ")}`);
      assert.equal(new Set(list).size, list.length);
      for (const other of list) assert.ok(published.has(other), `${path} lists ${other}, which is not published`);
    }
  });
});

describe("related reports on a build of the scheduled fixture", () => {
  const reportsOf = (site: BuiltSite) => [...site.files.keys()].filter((file) => /^posts\/[^/]+\/index\.html$/.test(file)).map((file) => `/${file.slice(0, -"index.html".length)}`);
  const relatedOf = (site: BuiltSite, url: string) => all(site.page(url), "aside.related-reports li a").map((a) => ({ href: a.getAttribute("href")!, title: text(a) }));

  for (const [label, env] of [
    ["production", { WEEKLY_NOW: "2026-02-13T00:00" }],
    ["preview", { WEEKLY_NOW: "2026-02-13T00:00", WEEKLY_PREVIEW: "1" }],
  ] as const) {
    describe(label, () => {
      let site: BuiltSite;
      before(() => {
        const output = tempOutput("related");
        const run = runEleventy(join(FIXTURES, "scheduled"), output, env);
        assert.equal(run.status, 0, run.stderr);
        site = readSite(output);
      });
      after(() => removeOutput(site));

      test("each report's related links lead to other published reports, shown with their titles and dates", () => {
        const published = new Set(["/posts/2026-W05-ai-weekly/", "/posts/2026-W06-ai-weekly/", "/posts/2026-W07-ai-weekly/"]);
        let links = 0;
        for (const url of reportsOf(site)) {
          for (const { href, title } of relatedOf(site, url)) {
            links++;
            assert.ok(published.has(href), `${url} links ${href}, which is not a published report`);
            assert.notEqual(href, url);
            assert.equal(title, text(site.page(href).querySelector("h1")));
          }
          const aside = site.page(url).querySelector("aside.related-reports");
          if (aside) {
            assert.equal(text(aside.querySelector("h2")), "相关报告");
            assert.ok(aside.hasAttribute("data-pagefind-ignore"));
            // Beside the week's digest, another <aside>: each named, so a screen reader tells them apart.
            assert.equal(aside.getAttribute("aria-label"), "相关报告");
            assert.equal(site.page(url).querySelector("aside.digest-links")?.getAttribute("aria-label"), "本周新闻摘要");
            assert.equal(aside.querySelectorAll("li").length, aside.querySelectorAll("li time[datetime]").length);
          }
        }
        // W06 and W07 share words (定时, 上周见, W06); W06 names W05 (上周见 W05) less often than W07's words.
        assert.deepEqual(relatedOf(site, "/posts/2026-W06-ai-weekly/").map((l) => l.href), ["/posts/2026-W07-ai-weekly/", "/posts/2026-W05-ai-weekly/"]);
        assert.deepEqual(relatedOf(site, "/posts/2026-W07-ai-weekly/").map((l) => l.href), ["/posts/2026-W06-ai-weekly/"]);
        assert.ok(links >= 2);
      });

      test("the list comes after the report's content and before the pager", () => {
        const article = site.page("/posts/2026-W06-ai-weekly/").querySelector("article.report")!;
        const order = [...article.children].map((child) => child.className || child.tagName.toLowerCase());
        assert.ok(order.indexOf("content") < order.indexOf("related-reports"), order.join(" "));
        assert.ok(order.indexOf("related-reports") < order.indexOf("pager"), order.join(" "));
      });
    });
  }
});
