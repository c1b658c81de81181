// The home page of a blog with more reports than it shows: the newest ten, newest first, and a
// link to the archive, which lists every report.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { DateTime } from "luxon";
import { join } from "node:path";
import { all, copySite, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";

let fixture: string;
let site: BuiltSite;

before(() => {
  fixture = copySite("scheduled");
  // Eleven more weeks of 2025 before the fixture's four of 2026: fifteen reports.
  for (let week = 40; week <= 50; week++) {
    const monday = DateTime.fromObject({ weekYear: 2025, weekNumber: week, weekday: 1 }).toISODate();
    writeFileSync(join(fixture, "posts", `2025-W${week}-ai-weekly.md`), `---\ntitle: 2025 年第 ${week} 周\ndate: ${monday}\n---\n\n正文。\n`);
  }
  const output = tempOutput("home");
  const run = runEleventy(fixture, output, { WEEKLY_NOW: "2026-03-01T12:00" });
  assert.equal(run.status, 0, run.stderr);
  site = readSite(output);
});

after(() => {
  if (site) removeOutput(site);
  if (fixture) removeOutput(fixture);
});

describe("a home page with more reports than it shows", () => {
  test("lists the newest ten, newest first", () => {
    const hrefs = all(site.page("/"), ".report-list h2 a").map((a) => a.getAttribute("href"));
    assert.deepEqual(hrefs, [
      "/posts/2026-W08-ai-weekly/",
      "/posts/2026-W07-ai-weekly/",
      "/posts/2026-W06-ai-weekly/",
      "/posts/2026-W05-ai-weekly/",
      ...[50, 49, 48, 47, 46, 45].map((w) => `/posts/2025-W${w}-ai-weekly/`),
    ]);
  });

  test("links to the archive, which has all fifteen", () => {
    const more = site.page("/").querySelector(".more a");
    assert.equal(more?.getAttribute("href"), "/archive/");
    assert.equal(text(more), "在归档中查看全部 15 期报告");
    assert.equal(all(site.page("/archive/"), 'a[href^="/posts/"]').length, 15);
  });
});
