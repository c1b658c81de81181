import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { buildClock, formatPublishTime, previewNotice, publishState, summaryLine } from "../src/content/schedule.js";

const SHANGHAI = "Asia/Shanghai";
const NEW_YORK = "America/New_York";
const at = (iso: string, zone = SHANGHAI) => DateTime.fromISO(iso, { zone, setZone: false }).setZone(zone);

describe("publishState", () => {
  const cases: Array<[string, Record<string, unknown>, string, string, string]> = [
    // name, front matter, zone, now, expected state
    ["no scheduled → published at once", {}, SHANGHAI, "2026-02-01T00:00", "published"],
    ["date-only, one second before 00:00 that day", { scheduled: "2026-02-12" }, SHANGHAI, "2026-02-11T23:59:59", "scheduled"],
    ["date-only, at 00:00 that day", { scheduled: "2026-02-12" }, SHANGHAI, "2026-02-12T00:00:00", "published"],
    ["date-only, one second after 00:00", { scheduled: "2026-02-12" }, SHANGHAI, "2026-02-12T00:00:01", "published"],
    ["date-time, one second before", { scheduled: "2026-02-12T08:00" }, SHANGHAI, "2026-02-12T07:59:59", "scheduled"],
    ["date-time, one second after", { scheduled: "2026-02-12T08:00" }, SHANGHAI, "2026-02-12T08:00:01", "published"],
    ["offset +00:00 is 08:00 in Shanghai, one second before", { scheduled: "2026-02-12T00:00+00:00" }, SHANGHAI, "2026-02-12T07:59:59", "scheduled"],
    ["offset +00:00 is 08:00 in Shanghai, one second after", { scheduled: "2026-02-12T00:00Z" }, SHANGHAI, "2026-02-12T08:00:01", "published"],
    ["date-only in New York starts at 00:00 EST", { scheduled: "2026-02-12" }, NEW_YORK, "2026-02-11T23:59:59", "scheduled"],
    // 2026-03-08: New York clocks jump from 01:59:59 EST to 03:00:00 EDT.
    ["DST spring: 03:00 EDT, one second before (01:59:59 EST)", { scheduled: "2026-03-08T03:00" }, NEW_YORK, "2026-03-08T01:59:59", "scheduled"],
    ["DST spring: 03:00 EDT, one second after", { scheduled: "2026-03-08T03:00" }, NEW_YORK, "2026-03-08T03:00:01", "published"],
    ["DST spring: 02:30 does not exist, read as 03:30 EDT", { scheduled: "2026-03-08T02:30" }, NEW_YORK, "2026-03-08T03:29:59", "scheduled"],
    // 2026-11-01: 01:00–01:59 happens twice; the later one (EST) is meant, so nothing goes live early.
    ["DST autumn: 01:30 is the second 01:30 (EST), not yet at the first", { scheduled: "2026-11-01T01:30" }, NEW_YORK, "2026-11-01T05:30:01Z", "scheduled"],
    ["DST autumn: 01:30 (EST), one second before", { scheduled: "2026-11-01T01:30" }, NEW_YORK, "2026-11-01T06:29:59Z", "scheduled"],
    ["DST autumn: 01:30 (EST), one second after", { scheduled: "2026-11-01T01:30" }, NEW_YORK, "2026-11-01T06:30:01Z", "published"],
    ["draft: true → draft even when the time has come", { draft: true, scheduled: "2020-01-01" }, SHANGHAI, "2026-02-12T00:00", "draft"],
    ["draft: false → published", { draft: false }, SHANGHAI, "2026-02-12T00:00", "published"],
  ];
  for (const [name, data, zone, now, expected] of cases) {
    test(`${name}: ${JSON.stringify(data)} at ${now} (${zone}) → ${expected}`, () => {
      const { status, problems } = publishState(data, at(now, zone), zone);
      assert.deepEqual(problems, []);
      assert.equal(status.state, expected);
    });
  }

  const bad: Array<[Record<string, unknown>, string]> = [
    [{ scheduled: "2026-02-30" }, 'scheduled: received "2026-02-30"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai).'],
    [{ scheduled: "next week" }, 'scheduled: received "next week"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai).'],
    [{ draft: "yes" }, 'draft: received "yes"; expected true or false.'],
  ];
  for (const [data, message] of bad) {
    test(`${JSON.stringify(data)} → held back, with "${message}"`, () => {
      const { status, problems } = publishState(data, at("2030-01-01T00:00"), SHANGHAI);
      assert.equal(status.state, "draft");
      assert.deepEqual(problems.map((p) => p.message), [message]);
    });
  }
});

describe("buildClock", () => {
  const real = () => DateTime.fromISO("2026-02-12T00:00:00Z");
  const cases: Array<[string | undefined, string, string | undefined]> = [
    [undefined, "2026-02-12T08:00:00.000+08:00", undefined],
    ["", "2026-02-12T08:00:00.000+08:00", undefined],
    ["2026-02-12", "2026-02-12T00:00:00.000+08:00", undefined],
    ["2026-02-12T07:59:59", "2026-02-12T07:59:59.000+08:00", undefined],
    ["2026-02-12T00:00Z", "2026-02-12T08:00:00.000+08:00", undefined],
    ["tomorrow", "2026-02-12T08:00:00.000+08:00", 'WEEKLY_NOW: received "tomorrow"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai).'],
  ];
  for (const [value, now, problem] of cases) {
    test(`WEEKLY_NOW=${JSON.stringify(value)} → ${problem ? "error" : now}`, () => {
      const clock = buildClock(value, SHANGHAI, real);
      assert.equal(clock.now.toISO(), now);
      assert.equal(clock.problem, problem);
    });
  }
});

describe("formatPublishTime / previewNotice", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-02-12T08:00", SHANGHAI, "2026-02-12 08:00 (UTC+8)"],
    ["2026-02-12T08:00:30", SHANGHAI, "2026-02-12 08:00:30 (UTC+8)"],
    ["2026-03-08T03:00", NEW_YORK, "2026-03-08 03:00 (UTC-4)"],
    ["2026-02-12T08:00", "Asia/Kolkata", "2026-02-12 08:00 (UTC+5:30)"],
    ["2026-02-12T08:00", "UTC", "2026-02-12 08:00 (UTC+0)"],
  ];
  for (const [iso, zone, expected] of cases) {
    test(`formatPublishTime(${iso} ${zone}) → ${expected}`, () => assert.equal(formatPublishTime(at(iso, zone)), expected));
  }
  test("notices: 定时发布 … / 草稿 / none", () => {
    assert.equal(previewNotice({ state: "scheduled", at: at("2026-02-12T08:00") }), "定时发布 2026-02-12 08:00 (UTC+8)");
    assert.equal(previewNotice({ state: "draft" }), "草稿");
    assert.equal(previewNotice({ state: "published" }), undefined);
  });
});

describe("summaryLine", () => {
  const scheduled = [
    { path: "posts/2026-W08-ai-weekly.md", at: at("2026-02-19T08:00") },
    { path: "posts/2026-W07-ai-weekly.md", at: at("2026-02-12T08:00") },
  ];
  const cases: Array<[string, Parameters<typeof summaryLine>[0], string]> = [
    [
      "nothing waiting",
      { preview: false, reports: 1, digests: 1, scheduled: [], drafts: [] },
      "[weekly] published 1 report and 1 digest; scheduled: none; drafts: none; nothing is waiting to go live.",
    ],
    [
      "two scheduled, one draft",
      { preview: false, reports: 6, digests: 7, scheduled, drafts: ["posts/idea.md"] },
      "[weekly] published 6 reports and 7 digests; scheduled: posts/2026-W07-ai-weekly.md at 2026-02-12 08:00 (UTC+8), " +
        "posts/2026-W08-ai-weekly.md at 2026-02-19 08:00 (UTC+8); drafts: posts/idea.md; next goes live 2026-02-12 08:00 (UTC+8): rebuild then.",
    ],
    [
      "preview",
      { preview: true, reports: 8, digests: 7, scheduled, drafts: ["posts/idea.md"] },
      "[weekly] preview built 8 reports and 7 digests; scheduled: posts/2026-W07-ai-weekly.md at 2026-02-12 08:00 (UTC+8), " +
        "posts/2026-W08-ai-weekly.md at 2026-02-19 08:00 (UTC+8); drafts: posts/idea.md (a production build publishes neither before its time).",
    ],
  ];
  for (const [name, summary, line] of cases) test(`${name} → ${line}`, () => assert.equal(summaryLine(summary), line));

  const zh: Array<[string, Parameters<typeof summaryLine>[0], string]> = [
    ["nothing waiting", { preview: false, reports: 1, digests: 1, scheduled: [], drafts: [] }, "[weekly] 已发布 1 期报告、1 份摘要；定时：无；草稿：无；没有等待上线的内容。"],
    [
      "two scheduled, one draft",
      { preview: false, reports: 6, digests: 7, scheduled, drafts: ["posts/idea.md"] },
      "[weekly] 已发布 6 期报告、7 份摘要；定时：posts/2026-W07-ai-weekly.md（2026-02-12 08:00 (UTC+8)）、posts/2026-W08-ai-weekly.md（2026-02-19 08:00 (UTC+8)）；草稿：posts/idea.md；下一篇 2026-02-12 08:00 (UTC+8) 上线：届时请重新构建。",
    ],
    [
      "preview",
      { preview: true, reports: 8, digests: 7, scheduled: [], drafts: [] },
      "[weekly] 预览已生成 8 期报告、7 份摘要；定时：无；草稿：无（正式构建不会提前发布它们）。",
    ],
  ];
  for (const [name, summary, line] of zh) test(`in Chinese, ${name} → ${line}`, () => assert.equal(summaryLine(summary, "zh"), line));
});
