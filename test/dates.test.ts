import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatChineseDate, formatIsoDate, isoWeekOf, parseIsoWeek, parseSiteDate, weekInFileName } from "../src/core/dates.js";

const SHANGHAI = "Asia/Shanghai";

describe("parseSiteDate", () => {
  const cases: Array<[unknown, string, string | undefined, boolean?]> = [
    // value, zone, expected ISO instant in that zone (undefined: rejected), date-only?
    ["2026-02-05", SHANGHAI, "2026-02-05T00:00:00.000+08:00", true],
    ["2026-02-05", "America/Los_Angeles", "2026-02-05T00:00:00.000-08:00", true],
    ["2026-02-12T08:00", SHANGHAI, "2026-02-12T08:00:00.000+08:00", false],
    ["2026-02-12 08:00:30", SHANGHAI, "2026-02-12T08:00:30.000+08:00", false],
    ["2026-02-12T08:00+08:00", "UTC", "2026-02-12T00:00:00.000Z", false],
    ["2026-02-12T00:00Z", SHANGHAI, "2026-02-12T08:00:00.000+08:00", false],
    ["2026-03-08T02:30", "America/New_York", "2026-03-08T03:30:00.000-04:00", false],
    [new Date("2026-02-05T00:00:00Z"), SHANGHAI, "2026-02-05T00:00:00.000+08:00", true],
    [new Date("2026-02-05T10:00:00Z"), SHANGHAI, "2026-02-05T18:00:00.000+08:00", false],
    ["2026-02-30", SHANGHAI, undefined],
    ["2026-13-01", SHANGHAI, undefined],
    ["2026/02/05", SHANGHAI, undefined],
    ["next thursday", SHANGHAI, undefined],
    ["2026-02-05T25:00", SHANGHAI, undefined],
    [20260205, SHANGHAI, undefined],
    [new Date("nope"), SHANGHAI, undefined],
  ];
  for (const [value, zone, expected, dateOnly] of cases) {
    const shown = value instanceof Date ? `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})` : JSON.stringify(value);
    test(`parseSiteDate(${shown}, ${zone}) → ${expected ?? "rejected"}`, () => {
      const parsed = parseSiteDate(value, zone);
      if (expected === undefined) return assert.equal(parsed, undefined);
      assert.ok(parsed);
      assert.equal(parsed.dateTime.toISO(), expected);
      assert.equal(parsed.dateOnly, dateOnly);
    });
  }
});

describe("formatChineseDate / formatIsoDate", () => {
  const cases: Array<[string, string, string, string]> = [
    ["2026-02-05", SHANGHAI, "2026年2月5日", "2026-02-05"],
    ["2026-12-31T23:30", SHANGHAI, "2026年12月31日", "2026-12-31"],
    ["2026-02-05T01:00+08:00", "America/Los_Angeles", "2026年2月4日", "2026-02-04"],
  ];
  for (const [value, zone, label, iso] of cases) {
    test(`${value} in ${zone} → ${label} / ${iso}`, () => {
      const parsed = parseSiteDate(value, zone)!;
      assert.equal(formatChineseDate(parsed.dateTime), label);
      assert.equal(formatIsoDate(parsed.dateTime), iso);
    });
  }
});

describe("parseIsoWeek", () => {
  const cases: Array<[string, string | undefined, string?]> = [
    ["2026-W06", "2026-02-02", "2026-02-08"],
    ["2026-W01", "2025-12-29", "2026-01-04"],
    ["2020-W53", "2020-12-28", "2021-01-03"],
    ["2026-W53", "2026-12-28", "2027-01-03"],
    ["2021-W53", undefined],
    // 53 weeks: a year starting on a Thursday (2015), or a leap year starting on a Wednesday (1992);
    // 52 for a leap year starting on a Tuesday (2008) or a year starting on a Wednesday (2025).
    ["2015-W53", "2015-12-28", "2016-01-03"],
    ["1992-W53", "1992-12-28", "1993-01-03"],
    ["2008-W53", undefined],
    ["2025-W53", undefined],
    ["2026-W54", undefined],
    ["2026-W00", undefined],
    ["2026-W6", undefined],
    ["2026W06", undefined],
  ];
  for (const [text, start, end] of cases) {
    test(`parseIsoWeek(${text}) → ${start ? `${start} – ${end}` : "no such week"}`, () => {
      const week = parseIsoWeek(text, SHANGHAI);
      if (start === undefined) return assert.equal(week, undefined);
      assert.ok(week);
      assert.equal(week.key, text);
      assert.equal(formatIsoDate(week.start), start);
      assert.equal(formatIsoDate(week.end), end);
      assert.equal(week.start.zoneName, SHANGHAI);
    });
  }
});

describe("isoWeekOf", () => {
  const cases: Array<[string, string, string]> = [
    ["2026-02-05", SHANGHAI, "2026-W06"],
    ["2025-12-29", SHANGHAI, "2026-W01"],
    ["2021-01-03", SHANGHAI, "2020-W53"],
    // Monday 07:00 in Shanghai is still Sunday in UTC: the week is counted in the site's zone.
    ["2026-02-09T07:00", SHANGHAI, "2026-W07"],
  ];
  for (const [value, zone, key] of cases) {
    test(`isoWeekOf(${value} in ${zone}) → ${key}`, () => {
      assert.equal(isoWeekOf(parseSiteDate(value, zone)!.dateTime).key, key);
    });
  }
});

describe("weekInFileName", () => {
  const cases: Array<[string, string | undefined, boolean?]> = [
    ["ai_news_2026-W06.md", "2026-W06", true],
    ["2026-W06-ai-weekly.md", "2026-W06", true],
    ["ai_news_2026-W54.md", "2026-W54", false],
    ["ai_news_2026-W061.md", undefined],
    ["about.md", undefined],
  ];
  for (const [name, text, exists] of cases) {
    test(`weekInFileName(${name}) → ${text ?? "none"}${text ? (exists ? " (exists)" : " (no such week)") : ""}`, () => {
      const found = weekInFileName(name, SHANGHAI);
      if (text === undefined) return assert.equal(found, undefined);
      assert.equal(found?.text, text);
      assert.equal(found?.week !== undefined, exists);
    });
  }
});
