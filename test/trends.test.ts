// The hot words, trends and years computed from the planted weeks of test/trendsKit.ts: the rising
// word first, the cooling one cooling, the steady one nowhere; counts per week exact; each year's
// months, numbers, tags, words and sources as planted; the charts drawn to one scale, named, and
// their text kept text.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { wordCounts, wordKey } from "../src/content/words.js";
import { hotWords, trends, wordWeeks, type TrendReport } from "../src/present/trends.js";
import { monthOfWeek, yearReviews, type YearDigest } from "../src/present/years.js";
import { barChart, sparkline } from "../src/present/charts.js";
import { parseIsoWeek, weekOfOrdinal, weekOrdinal } from "../src/core/dates.js";
import { COOLING, COOLING_UNTIL, DIGESTS, plantedReports, RISING, STEADY, WEEKS } from "./trendsKit.js";

const ZONE = "Asia/Shanghai";
const planted = plantedReports();
const REPORTS: TrendReport[] = planted.map((r) => ({ week: parseIsoWeek(r.key, ZONE)!, url: `/posts/${r.key}/`, title: `${r.key} 周报`, tags: r.tags, words: wordCounts(r.text) }));
const data = wordWeeks(REPORTS);

describe("weekOrdinal and weekOfOrdinal", () => {
  test("consecutive weeks are consecutive numbers across a year's end, and back", () => {
    const weeks = ["2020-W52", "2020-W53", "2021-W01", "2025-W52", "2026-W01"].map((key) => parseIsoWeek(key, ZONE)!);
    const ordinals = weeks.map(weekOrdinal);
    assert.deepEqual([ordinals[1]! - ordinals[0]!, ordinals[2]! - ordinals[1]!, ordinals[4]! - ordinals[3]!], [1, 1, 1]);
    assert.deepEqual(ordinals.map((ordinal) => weekOfOrdinal(ordinal).key), ["2020-W52", "2020-W53", "2021-W01", "2025-W52", "2026-W01"]);
  });
});

describe("hotWords: a rising-term score", () => {
  const hot = hotWords(data);
  test(`the word planted rising (${RISING}) ranks first, with its recent and earlier mentions`, () => {
    assert.equal(hot[0]!.shown, RISING);
    assert.deepEqual([hot[0]!.recent, hot[0]!.before, hot[0]!.size], [8 * 3 + 8, 0, 5]);
  });
  test(`the steady word (${STEADY}) and the tag on every report score no more than nothing: not hot`, () => {
    for (const word of [STEADY, "AI", COOLING]) assert.ok(!hot.some((w) => w.shown === word), `${word} is hot`);
  });
  test("ordered by score, ties by word, and sized 1 to 5", () => {
    for (let i = 1; i < hot.length; i++) assert.ok(hot[i - 1]!.score > hot[i]!.score || (hot[i - 1]!.score === hot[i]!.score && hot[i - 1]!.key < hot[i]!.key));
    assert.ok(hot.every((w) => w.size >= 1 && w.size <= 5));
  });
  test("a blog with one report: its words, by how often, ties by word", () => {
    const one = hotWords(wordWeeks(REPORTS.slice(0, 1)));
    assert.deepEqual(one.slice(0, 3).map((w) => [w.shown, w.recent]), [["价格", 3], ["回落", 3], [COOLING, 3]]);
  });
  test("no reports, no words", () => assert.deepEqual(hotWords(wordWeeks([])), []));
});

describe("trends: 52 weeks of each word and tag, and the quarters compared", () => {
  const hot = hotWords(data);
  const shape = trends(data, hot, REPORTS.flatMap((r) => r.tags));
  test("the weeks are the last 52, oldest first", () => {
    assert.equal(shape.weeks.length, 52);
    assert.deepEqual([shape.weeks[0], shape.weeks.at(-1)], [planted[WEEKS - 52]!.key, planted[WEEKS - 1]!.key]);
  });
  test(`the counts of ${RISING} each week are exact (three mentions and its tag in each of the last 8 weeks)`, () => {
    const series = shape.words.find((s) => s.shown === RISING)!;
    assert.deepEqual(series.counts, [...Array(44).fill(0), ...Array(8).fill(4)]);
  });
  test("every tag not among the hot words has its series; every chart has one scale", () => {
    assert.deepEqual(shape.tags.map((s) => s.shown), ["AI"]);
    assert.deepEqual(shape.tags[0]!.counts, Array(52).fill(1));
    assert.equal(shape.max, Math.max(...[...shape.words, ...shape.tags].flatMap((s) => s.counts)));
  });
  test(`rising: ${RISING} first; cooling: ${COOLING} (gone 13 weeks ago) among the first, with both quarters' counts`, () => {
    assert.deepEqual(shape.rising[0], { key: RISING, shown: RISING, before: 0, now: 32 });
    const cooling = shape.cooling.find((c) => c.shown === COOLING);
    assert.deepEqual(cooling, { key: COOLING, shown: COOLING, before: 3 * (COOLING_UNTIL - (WEEKS - 26)), now: 0 });
    assert.ok(!shape.rising.concat(shape.cooling).some((c) => c.shown === STEADY));
  });
});

describe("yearReviews", () => {
  const digests: YearDigest[] = DIGESTS.map((d) => ({ week: parseIsoWeek(planted[d.index]!.key, ZONE)!, sections: d.sections.map(([name, items]) => ({ name, items })) }));
  const years = yearReviews(REPORTS, digests);
  test("each ISO week-year with reports, newest first, linked to the years around it", () => {
    assert.deepEqual(years.map((y) => [y.year, y.reports, y.previous, y.next]), [[2026, 12, 2025, undefined], [2025, 52, undefined, 2026]]);
  });
  test("a week's month is its Thursday's: the months' counts as the planted dates say", () => {
    for (const year of years) {
      const expected = Array.from({ length: 12 }, (_, m) => planted.filter((r) => r.weekYear === year.year && r.thursday.month === m + 1).length);
      assert.deepEqual(year.months.map((m) => m.reports.length), expected);
    }
    assert.equal(monthOfWeek({ weekYear: 2026, weekNumber: 1 }), 1);
    assert.equal(monthOfWeek({ weekYear: 2020, weekNumber: 53 }), 12);
  });
  test("digest items, sources by items cited, tags and words by the reports that have them", () => {
    const y2025 = years.find((y) => y.year === 2025)!;
    assert.equal(y2025.digestItems, 3 + 1 + 2 + 4 + 2);
    assert.deepEqual(y2025.sources.map((s) => [s.shown, s.count]), [["来源甲", 5], ["来源丙", 4], ["来源乙", 3]]);
    assert.deepEqual(y2025.tags.map((t) => [t.shown, t.count]), [["AI", 52]]);
    assert.deepEqual(y2025.words.slice(0, 2).map((w) => [w.shown, w.count]), [[STEADY, 52], ["模型", 52]]);
    assert.equal(y2025.words.find((w) => w.shown === COOLING)?.count, COOLING_UNTIL);
    const y2026 = years.find((y) => y.year === 2026)!;
    assert.deepEqual(y2026.tags.map((t) => [t.shown, t.count]), [["AI", 12], [RISING, 8]]);
  });
  test("tags are counted by key: 'ai' and 'AI' are one tag, shown as written most", () => {
    const mixed = yearReviews([{ ...REPORTS[0]!, tags: ["ai"] }, { ...REPORTS[1]!, tags: ["AI"] }, { ...REPORTS[2]!, tags: ["AI"] }], []);
    assert.deepEqual(mixed[0]!.tags, [{ key: wordKey("AI"), shown: "AI", count: 3 }]);
  });
});

describe("charts", () => {
  test("a sparkline: named by its title and description, its text escaped, the latest value marked and labelled", () => {
    const svg = sparkline([0, 2, 4], 8, "t1", "「<b>&」每周", "合计 6 次");
    assert.match(svg, /^<svg class="chart sparkline" viewBox="0 0 160 36" width="160" height="36" role="img" aria-labelledby="t1-title t1-desc">/);
    assert.match(svg, /<title id="t1-title">「&lt;b&gt;&amp;」每周<\/title><desc id="t1-desc">合计 6 次<\/desc>/);
    assert.match(svg, /<circle class="chart-dot" cx="132" cy="18" r="2.5"\/><text class="chart-label" [^>]*>4<\/text><\/svg>$/);
  });
  test("sparklines of one scale: the same count is drawn at the same height", () => {
    const y = (svg: string) => /<circle [^>]*cy="([\d.]+)"/.exec(svg)![1];
    assert.equal(y(sparkline([1, 3], 8, "a", "a", "a")), y(sparkline([5, 0, 3], 8, "b", "b", "b")));
  });
  test("bars: one per month with its value above and its label below", () => {
    const svg = barChart([{ label: "1", value: 4 }, { label: "2", value: 0 }, { label: "<3>", value: 5 }], "y", "每月", "1 月 4 期");
    assert.equal((svg.match(/<rect class="chart-bar"/g) ?? []).length, 3);
    assert.deepEqual([...svg.matchAll(/<text class="chart-value"[^>]*>(\d+)<\/text>/g)].map((m) => m[1]), ["4", "0", "5"]);
    assert.match(svg, />&lt;3&gt;<\/text>/);
  });
  test("the same input, the same bytes", () => assert.equal(sparkline([1, 2, 3], 5, "x", "x", "x"), sparkline([1, 2, 3], 5, "x", "x", "x")));
});

