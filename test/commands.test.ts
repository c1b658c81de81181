// The README's commands run as real processes: `npx eleventy` on this blog and on a broken site.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { all, copySite, FIXTURES, listFiles, outputLines, problemsWithCode, readSite, removeOutput, ROOT, runEleventy, runWeeklyInProcess, tempOutput, text } from "./helpers.js";

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
        "Did you mean ../weekly_news/ai_news_2026-W07? [broken-link]";
      const lines = outputLines(run);
      assert.ok(lines.includes("[weekly] 1 problem in the content stopped the build:"), run.stderr);
      assert.equal(lines.filter((line) => line === message).length, 1, "each problem is printed once");
      assert.ok(!run.stderr.includes("(via "), run.stderr);
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
          "Did you mean ../weekly_news/ai_news_2026-W07? [broken-link]";
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

describe("two tags that share a URL", () => {
  test("`weekly check` lists the clash at each report's tags line, and the build stops on it, printed once", async () => {
    const site = copySite("scheduled");
    const output = tempOutput("tag-clash");
    try {
      writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), "---\ntitle: 第九周\ndate: 2026-02-26\ntags:\n  - ai\n---\n正文\n");
      const env = { WEEKLY_NOW: "2026-03-01T12:00" };
      const check = await runWeeklyInProcess(site, ["check"], env);
      assert.equal(check.status, 1, check.stderr);
      const expected = [
        'posts/2026-W05-ai-weekly.md:5:1  tags: "AI" and "ai" (posts/2026-W09-ai-weekly.md) would share the URL /tags/ai/: write them the same way, or give one a fixed slug with the tagSlugs option. [tag-clash]',
        'posts/2026-W09-ai-weekly.md:4:1  tags: "ai" and "AI" (posts/2026-W05-ai-weekly.md) would share the URL /tags/ai/: write them the same way, or give one a fixed slug with the tagSlugs option. [tag-clash]',
      ];
      assert.deepEqual(problemsWithCode(check.stdout.split("\n"), "tag-clash"), expected);
      const build = runEleventy(site, output, env);
      assert.equal(build.status, 1);
      for (const line of expected) assert.equal(outputLines(build).filter((l) => l === line).length, 1, line);
      assert.deepEqual(listFiles(output), []);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });
});
