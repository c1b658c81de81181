import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { parseIsoWeek } from "../src/core/dates.js";
import type { FeedItem } from "../src/digest/feed.js";
import { NO_TITLE, selectWeek } from "../src/digest/select.js";

const A = { name: "A", feed: "https://a.example/feed", home: undefined };
const B = { name: "B", feed: "https://b.example/feed", home: undefined };

function item(title: string, published: string | undefined, extra: Partial<FeedItem> = {}): FeedItem {
  return { id: undefined, link: `https://a.example/${encodeURIComponent(title)}`, title, summary: undefined, published: published === undefined ? undefined : DateTime.fromISO(published, { setZone: true }), unreadableDate: undefined, ...extra };
}

describe("selectWeek: the ISO week's bounds in the site's zone, whatever the feed's offset", () => {
  const cases: Array<[string, string, string, boolean]> = [
    // zone, week, published (with the feed's own offset), inside?
    ["Asia/Shanghai", "2026-W07", "2026-02-08T16:30:00Z", true], // Monday 00:30 in Shanghai, still Sunday in UTC
    ["Asia/Shanghai", "2026-W07", "2026-02-08T15:59:59Z", false], // Sunday 23:59:59 in Shanghai: W06
    ["Asia/Shanghai", "2026-W07", "2026-02-09T00:00:00+08:00", true], // Monday 00:00 exactly
    ["Asia/Shanghai", "2026-W07", "2026-02-15T23:59:59+08:00", true],
    ["Asia/Shanghai", "2026-W07", "2026-02-16T00:00:00+08:00", false], // the next Monday 00:00: W08
    ["Asia/Shanghai", "2026-W07", "2026-02-15T11:00:00-05:00", false], // Monday 00:00 in Shanghai, written in New York
    ["America/New_York", "2026-W07", "2026-02-09T12:00:00+08:00", false], // Sunday 23:00 in New York
    ["America/New_York", "2026-W11", "2026-03-09T03:59:00Z", false], // the week after a change to summer time: Sunday 23:59 EDT
    ["America/New_York", "2026-W11", "2026-03-09T04:00:00Z", true],
    ["Asia/Shanghai", "2026-W01", "2025-12-29T00:00:00+08:00", true], // W01 of 2026 starts in 2025
  ];
  for (const [zone, key, published, inside] of cases) {
    test(`${published} ${inside ? "is" : "is not"} in ${key} of ${zone}`, () => {
      const { tallies } = selectWeek([A], [[item("x", published)]], parseIsoWeek(key, zone)!);
      assert.equal(tallies[0]!.inWeek, inside ? 1 : 0);
    });
  }
});

describe("selectWeek", () => {
  const week = parseIsoWeek("2026-W07", "Asia/Shanghai")!;

  test("oldest first within a source; the feed's order among items of one moment", () => {
    const { sections } = selectWeek([A], [[item("c", "2026-02-12T00:00:00Z"), item("a", "2026-02-10T00:00:00Z"), item("b2", "2026-02-11T00:00:00Z"), item("b1", "2026-02-11T00:00:00Z")]], week);
    assert.deepEqual(sections[0]!.entries.map((e) => e.title), ["a", "b2", "b1", "c"]);
  });

  test("duplicates across sources by id and by link (no fragment, no tracking, any host case): the first source listed keeps the item", () => {
    const feeds = [
      [item("one", "2026-02-10T00:00:00Z", { link: "https://news.example/p?id=1&utm_source=x#f" }), item("two", "2026-02-10T00:00:00Z", { id: "urn:2", link: undefined })],
      [item("one again", "2026-02-11T00:00:00Z", { link: "https://NEWS.example/p?fbclid=z&id=1" }), item("two again", "2026-02-11T00:00:00Z", { id: "urn:2", link: "https://b.example/2" }), item("three", "2026-02-11T00:00:00Z")],
    ];
    const { sections, tallies } = selectWeek([A, B], feeds, week);
    assert.deepEqual(sections.map((s) => [s.source.name, s.entries.map((e) => e.title)]), [["A", ["one", "two"]], ["B", ["three"]]]);
    assert.deepEqual(tallies.map((t) => [t.inFeed, t.inWeek, t.kept, t.duplicate]), [[2, 2, 2, 0], [3, 3, 1, 2]]);
  });

  test("an id without a scheme (42) names an item only within its own feed", () => {
    const feeds = [[item("a", "2026-02-10T00:00:00Z", { id: "42" })], [item("b", "2026-02-10T00:00:00Z", { id: "42" })]];
    const { sections } = selectWeek([A, B], feeds, week);
    assert.deepEqual(sections.map((s) => s.entries.map((e) => e.title)), [["a"], ["b"]]);
  });

  test("undated items are skipped and counted; an unreadable date is named", () => {
    const { tallies } = selectWeek([A], [[item("no date", undefined), item("bad date", undefined, { unreadableDate: "someday" })]], week);
    assert.deepEqual([tallies[0]!.undated, tallies[0]!.warnings], [2, [{ en: 'item "bad date": date "someday" cannot be read; skipped.', zh: '条目 "bad date"：日期 "someday" 无法读取；已跳过。' }]]);
  });

  test("a link that is not http(s) is dropped with a warning, the item kept", () => {
    const { sections, tallies } = selectWeek([A], [[item("x", "2026-02-10T00:00:00Z", { link: "javascript:alert(1)" })]], week);
    assert.equal(sections[0]!.entries[0]!.link, undefined);
    assert.deepEqual(tallies[0]!.warnings[0]!, {
      en: 'item "x": link "javascript:alert(1)" refused (only http and https links are kept, not javascript:); written without its link.',
      zh: '条目 "x"：链接 "javascript:alert(1)" 被拒绝（只保留 http 和 https 链接，不保留 javascript:）；写入时不带链接。',
    });
  });

  test("titles and summaries: whitespace collapsed, an empty title named, a summary equal to the title dropped, a long one cut to 120 characters", () => {
    const long = "甲".repeat(200);
    const { sections } = selectWeek([A], [[
      item("  a \n b  ", "2026-02-10T00:00:00Z", { summary: "a b" }),
      item("", "2026-02-10T01:00:00Z", { summary: long }),
    ]], week);
    const [first, second] = sections[0]!.entries;
    assert.deepEqual([first!.title, first!.summary], ["a b", undefined]);
    assert.equal(second!.title, NO_TITLE);
    assert.equal([...second!.summary!].length, 120);
    assert.ok(second!.summary!.endsWith("…"));
  });

  test("a failed source has no section and no tally; a source without items in the week has a tally only", () => {
    const { sections, tallies } = selectWeek([A, B], [undefined, [item("old", "2025-01-01T00:00:00Z")]], week);
    assert.deepEqual(sections, []);
    assert.deepEqual(tallies.map((t) => [t.source.name, t.inFeed, t.inWeek]), [["B", 1, 0]]);
  });
});
