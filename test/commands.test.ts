// The README's commands run as real processes: `npx eleventy` on this blog and on a broken site.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { all, FIXTURES, listFiles, outputLines, readSite, removeOutput, ROOT, runEleventy, tempOutput, text } from "./helpers.js";

describe("npx eleventy", () => {
  test("TZ=America/Los_Angeles still dates the W06 report 2026年2月5日", () => {
    const output = tempOutput("tz");
    try {
      const run = runEleventy(ROOT, output, { TZ: "America/Los_Angeles" });
      assert.equal(run.status, 0, run.stderr);
      const time = readSite(output).page("/posts/2026-W06-ai-weekly/").querySelector("article header time");
      assert.equal(time?.getAttribute("datetime"), "2026-02-05");
      assert.equal(text(time), "2026年2月5日");
    } finally {
      removeOutput(output);
    }
  });

  test("a link to a missing digest fails the build, naming file, line and link, and writes nothing", () => {
    const output = tempOutput("broken");
    try {
      mkdirSync(join(output, "old"), { recursive: true });
      writeFileSync(join(output, "old", "index.html"), "previous build");
      const run = runEleventy(join(FIXTURES, "broken-link"), output);
      assert.equal(run.status, 1);
      const message =
        'posts/2026-W07-ai-weekly.md:11:33  link "../weekly_news/ai_news_2026-W70" matches no page ' +
        "(looked for weekly_news/ai_news_2026-W70.md and weekly_news/ai_news_2026-W70/index.md). " +
        "Did you mean ../weekly_news/ai_news_2026-W07?";
      const lines = outputLines(run);
      assert.ok(lines.includes("1 problem in the content stopped the build:"), run.stderr);
      assert.ok(lines.includes(message), run.stderr);
      assert.ok(!/\n\s+at /.test(run.stderr), "no stack trace for an author's mistake");
      assert.deepEqual(listFiles(output), ["old/index.html"]);
    } finally {
      removeOutput(output);
    }
  });

  for (const severity of ["warn", "false"] as const) {
    test(`brokenLinks: ${severity} builds anyway, ${severity === "warn" ? "warning with the same message" : "silently"}, leaving the link as written`, () => {
      const output = tempOutput(`broken-${severity}`);
      try {
        const run = runEleventy(join(FIXTURES, "broken-link"), output, { BROKEN_LINKS: severity });
        assert.equal(run.status, 0, run.stderr);
        const warning =
          '[weekly] posts/2026-W07-ai-weekly.md:11:33  warning: link "../weekly_news/ai_news_2026-W70" matches no page ' +
          "(looked for weekly_news/ai_news_2026-W70.md and weekly_news/ai_news_2026-W70/index.md). " +
          "Did you mean ../weekly_news/ai_news_2026-W07?";
        assert.deepEqual(outputLines(run).filter((line) => line.includes("matches no page")), severity === "warn" ? [warning] : []);
        const doc = readSite(output).page("/posts/2026-W07-ai-weekly/");
        assert.deepEqual(all(doc, "a").map((a) => a.getAttribute("href")), ["../weekly_news/ai_news_2026-W70"]);
        assert.deepEqual(all(doc, ".tags li").map((li) => li.innerHTML), ["<span>AI</span>"], "without tag pages a tag links nowhere");
      } finally {
        removeOutput(output);
      }
    });
  }
});
