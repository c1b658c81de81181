import { describe, test } from "node:test";
import { inChinese, inEnglish } from "../src/core/show.js";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { chooseWeek, describeNewWeek, fillTemplate, planNewWeek, type ExistingContent } from "../src/content/newWeek.js";
import { parseIsoWeek } from "../src/core/dates.js";
import { resolveOptions } from "../src/core/options.js";
import { parseWeekday } from "../src/cli/new.js";

const ZONE = "Asia/Shanghai";
const NOW = DateTime.fromISO("2026-11-28T12:00", { zone: ZONE });
const none: ExistingContent = { reports: [], digests: [] };
const withReports = (...weeks: string[]): ExistingContent => ({ reports: weeks.map((week) => ({ path: `posts/${week}.md`, week })), digests: [] });

describe("fillTemplate", () => {
  const cases: Array<[string, string, string]> = [
    ["{year}年W{ww}人工智能周报", "2026-W07", "2026年W07人工智能周报"],
    ["{week}-ai-weekly.md", "2026-W07", "2026-W07-ai-weekly.md"],
    ["{year}年第{w}周", "2027-W02", "2027年第2周"],
    ["{year}", "2026-W01", "2026"], // the ISO week-year, though the week starts on 2025-12-29
  ];
  for (const [template, week, expected] of cases) {
    test(`fillTemplate(${template}, ${week}) → ${expected}`, () => assert.equal(fillTemplate(template, parseIsoWeek(week, ZONE)!), expected));
  }
});

describe("chooseWeek", () => {
  const cases: Array<[string | undefined, ExistingContent, string]> = [
    [undefined, withReports("2026-W46", "2026-W47"), "2026-W48"],
    [undefined, withReports("2026-W47", "2026-W46"), "2026-W48"],
    [undefined, withReports("2026-W52"), "2026-W53"],
    [undefined, withReports("2026-W53"), "2027-W01"],
    [undefined, withReports("2026-W48"), "2026-W49"],
    [undefined, none, "2026-W48"], // no report yet: this week (2026-11-28 is in W48)
    // The week after the newest is over: nothing planned, this week proposed.
    [undefined, withReports("2026-W05", "2026-W06"), "the week after the newest report (2026-W06) is 2026-W07, which ended on 2026-02-15; nothing written. For this week's report run weekly new 2026-W48, or name the week you mean."],
    [undefined, withReports("2021-W52"), "the week after the newest report (2021-W52) is 2022-W01, which ended on 2022-01-09; nothing written. For this week's report run weekly new 2026-W48, or name the week you mean."],
    ["2020-W53", none, "2020-W53"],
    ["2021-W53", none, "week 2021-W53 does not exist: 2021 has 52 ISO weeks."],
    ["2026-W00", none, "week 2026-W00 does not exist: 2026 has 53 ISO weeks."],
    ["W07", none, 'week "W07" is not a week; expected the form 2026-W07.'],
  ];
  for (const [asked, existing, expected] of cases) {
    const newest = existing.reports.map((r) => r.week).join(", ") || "none";
    test(`chooseWeek(${asked ?? "default"}, reports ${newest}) → ${expected}`, () => {
      const week = chooseWeek(asked, existing, NOW, ZONE);
      assert.equal("error" in week ? inEnglish(week.error) : week.key, expected);
    });
  }
});

describe("planNewWeek", () => {
  const opts = resolveOptions({ newWeek: { weekday: 4, tags: ["AI"] } });
  test("refuses a week that has a report, whatever its file name", () => {
    const plan = planNewWeek({ week: "2026-W06" }, { reports: [{ path: "posts/special.md", week: "2026-W06" }], digests: [] }, opts, NOW, () => false);
    assert.deepEqual(plan, {
      error: {
        en: "week 2026-W06 already has a report, posts/special.md, (add its digest with weekly new 2026-W06 --digest); nothing written. Name another week, such as weekly new 2026-W07.",
        zh: "2026-W06 周已有报告 posts/special.md（用 `weekly new 2026-W06 --digest` 补上它的摘要）；没有写入任何文件。请指明另一周，例如 `weekly new 2026-W07`。",
      },
    });
  });
  test("refuses when the file exists", () => {
    const plan = planNewWeek({ week: "2026-W07" }, none, opts, NOW, (path) => path === "posts/2026-W07-ai-weekly.md");
    assert.deepEqual(plan, { error: { en: "posts/2026-W07-ai-weekly.md already exists; nothing written.", zh: "posts/2026-W07-ai-weekly.md 已存在；没有写入任何文件。" } });
  });
  test("a digest stub comes with the report only when the week has no digest", () => {
    const withDigest = planNewWeek({ week: "2026-W07" }, { reports: [], digests: [{ path: "weekly_news/x.md", week: "2026-W07" }] }, opts, NOW, () => false);
    assert.deepEqual("files" in withDigest && withDigest.files.map((f) => f.path), ["posts/2026-W07-ai-weekly.md"]);
    const without = planNewWeek({ week: "2026-W07" }, none, opts, NOW, () => false);
    assert.deepEqual("files" in without && without.files.map((f) => f.path), ["posts/2026-W07-ai-weekly.md", "weekly_news/ai_news_2026-W07.md"]);
  });
  test("--digest on a week without a report plans the digest alone, scheduled at the template's moment", () => {
    const plan = planNewWeek({ week: "2026-W49", digest: true }, none, opts, NOW, () => false);
    assert.deepEqual("files" in plan && [plan.files.map((f) => f.path), plan.goesLive, plan.draft], [["weekly_news/ai_news_2026-W49.md"], "2026-12-03", undefined]);
  });
  test("describeNewWeek says what the plan writes", () => {
    const reported = { reports: [{ path: "posts/2026-W47-ai-weekly.md", week: "2026-W47", scheduled: "2026-11-19" }], digests: [] };
    assert.equal(inEnglish(describeNewWeek({ week: "2026-W49" }, none, opts, NOW, () => false)!), ", which writes posts/2026-W49-ai-weekly.md and weekly_news/ai_news_2026-W49.md from the template, scheduled at 2026-12-03");
    assert.equal(inChinese(describeNewWeek({ week: "2026-W47", digest: true }, reported, opts, NOW, () => false)!), "（它按模板只写出 weekly_news/ai_news_2026-W47.md，写成草稿（`draft: true`），因为它的报告的定时 2026-11-19 已经过去）");
    assert.equal(inEnglish(describeNewWeek({ week: "2026-W47", digest: true }, reported, opts, NOW, () => false)!), ", which writes only weekly_news/ai_news_2026-W47.md from the template, as a draft (draft: true) since its report's scheduled moment, 2026-11-19, has passed");
    assert.equal(describeNewWeek({ week: "2026-W47" }, reported, opts, NOW, () => false), undefined, "a command that would refuse is never described");
  });
  test("--digest on a week with its report plans the digest alone", () => {
    const reported = { reports: [{ path: "posts/2026-W07-ai-weekly.md", week: "2026-W07" }], digests: [] };
    const plan = planNewWeek({ week: "2026-W07", digest: true }, reported, opts, NOW, () => false);
    assert.deepEqual("files" in plan && plan.files.map((f) => f.path), ["weekly_news/ai_news_2026-W07.md"]);
  });
  // NOW is Saturday 2026-11-28, in 2026-W48 (Thursday 2026-11-26).
  const stub = (existing: ExistingContent, week: string) => {
    const plan = planNewWeek({ week, digest: true }, existing, opts, NOW, () => false);
    assert.ok("files" in plan, JSON.stringify(plan));
    const digest = plan.files.find((f) => f.path.startsWith("weekly_news/"))!.content;
    return { head: digest.slice(0, digest.indexOf("\n---\n", 4)), notes: plan.notes };
  };
  const digestCases: Array<[string, ExistingContent, string, string[], number]> = [
    ["a new report due later: the digest is scheduled with it", none, "2026-W49", ["scheduled: 2026-12-03"], 0],
    ["a new report whose Thursday has passed: both drafts, said once", none, "2026-W48", ["scheduled: 2026-11-26", "draft: true"], 1],
    ["--digest to a scheduled report: the report's moment", { reports: [{ path: "posts/r.md", week: "2026-W50", scheduled: "2026-12-11T08:00" }], digests: [] }, "2026-W50", ["scheduled: 2026-12-11T08:00"], 0],
    ["--digest to a published report: a draft", { reports: [{ path: "posts/r.md", week: "2026-W47", scheduled: "2026-11-19" }], digests: [] }, "2026-W47", ["scheduled: 2026-11-19", "draft: true"], 1],
    ["--digest to a report without scheduled: a draft", { reports: [{ path: "posts/r.md", week: "2026-W46" }], digests: [] }, "2026-W46", ["draft: true"], 1],
    ["--digest to a draft report: a draft", { reports: [{ path: "posts/r.md", week: "2026-W51", scheduled: "2026-12-17", draft: true }], digests: [] }, "2026-W51", ["scheduled: 2026-12-17", "draft: true"], 1],
  ];
  for (const [label, existing, week, lines, notes] of digestCases) {
    test(`the digest stub: ${label}`, () => {
      const planned = stub(existing, week);
      assert.deepEqual(planned.head.split("\n").filter((line) => /^(scheduled|draft):/.test(line)), lines);
      assert.equal(planned.notes.length, notes);
    });
  }
  test("the report's layout line follows the layouts option, and is left out when there is none", () => {
    const layoutOf = (layouts: Record<string, string | false>) => {
      const plan = planNewWeek({ week: "2026-W49" }, none, resolveOptions({ layouts }), NOW, () => false);
      return "files" in plan ? plan.files[0]!.content.split("\n").filter((line) => line.startsWith("layout:")) : [];
    };
    assert.deepEqual(layoutOf({}), ["layout: layouts/post.njk"]);
    assert.deepEqual(layoutOf({ report: "layouts/weekly.njk" }), ["layout: layouts/weekly.njk"]);
    assert.deepEqual(layoutOf({ report: false }), []);
  });
  test("quotes a title that YAML would otherwise misread", () => {
    const plan = planNewWeek({ week: "2026-W07", title: "周报: {week}" }, none, opts, NOW, () => false);
    assert.ok("files" in plan && plan.files[0]!.content.startsWith('---\ntitle: "周报: 2026-W07"\n'));
  });
});

describe("parseWeekday", () => {
  const cases: Array<[string, number | undefined]> = [
    ["4", 4], ["thu", 4], ["Thursday", 4], ["mon", 1], ["sun", 7], ["7", 7], ["0", undefined], ["8", undefined], ["th", undefined], ["周四", undefined],
  ];
  for (const [text, day] of cases) test(`parseWeekday(${text}) → ${day}`, () => assert.equal(parseWeekday(text), day));
});
