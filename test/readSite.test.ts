// `weekly check` reads a site without Eleventy (pipeline/readSite.ts). It must find exactly what the
// plugin finds inside a real Eleventy build: on every fixture site, on this blog, and on a site
// made to differ from the defaults (another input and includes folder, directory and template data
// files, ignores, a templated permalink), the two lists of problems are the same, line for line.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eleventyCheck } from "./tools/eleventyCheck.js";
import { copySite, FIXTURES, listFiles, outputLines, problemsWithCode, removeOutput, ROOT, runEleventy, runWeeklyInProcess, tempOutput } from "./helpers.js";

interface Found {
  files: number;
  problems: Array<Record<string, unknown>>;
}

/**
 * The command and Eleventy, both in this process (neither is about the process), one after the other
 * (each runs in the site's folder); Eleventy a fresh instance for each site and clock.
 */
async function both(site: string, now: string): Promise<{ command: Found; eleventy: Found }> {
  const env = { WEEKLY_NOW: now, WEEKLY_PREVIEW: undefined, WEEKLY_CHECK: undefined };
  const command = await runWeeklyInProcess(site, ["check", "--format", "json"], env);
  assert.ok(command.status === 0 || command.status === 1, `weekly check in ${site} failed to run (exit ${command.status}): ${command.stderr}`);
  const parsed = JSON.parse(command.stdout) as Found;
  // The command adds each code's title and hint from the catalogue; the build's problems have neither.
  const problems = parsed.problems.map(({ title: _title, hint: _hint, ...problem }) => problem);
  // The build's problems carry their Chinese message too; the JSON gives the message in one language (English here).
  const eleventy = (await eleventyCheck(site, env)) as Found & { problems: Array<{ zh?: string }> };
  return { command: { files: parsed.files, problems }, eleventy: { ...eleventy, problems: eleventy.problems.map(({ zh: _zh, ...problem }) => problem) } as Found };
}

const CLOCKS = ["2026-02-10T12:00", "2026-11-30T10:00"];

describe("weekly check without Eleventy finds what the plugin finds inside Eleventy", () => {
  for (const fixture of readdirSync(FIXTURES).sort()) {
    test(`the ${fixture} fixture`, async () => {
      const site = copySite(fixture);
      try {
        for (const now of CLOCKS) {
          const { command, eleventy } = await both(site, now);
          assert.deepEqual(command, eleventy, `at ${now}`);
        }
      } finally {
        rmSync(site, { recursive: true, force: true });
      }
    });
  }

  test("this blog", async () => {
    const { command, eleventy } = await both(ROOT, CLOCKS[1]!);
    assert.deepEqual(command, eleventy);
    assert.ok(command.files > 0);
  });

  test("a site with its own folders, data files, ignores and templated permalinks", async () => {
    const site = copySite("broken-link");
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), text);
    };
    try {
      rmSync(join(site, "eleventy.config.js"));
      rmSync(join(site, "posts"), { recursive: true });
      rmSync(join(site, "weekly_news"), { recursive: true });
      write(
        "eleventy.config.js",
        [
          'import weekly from "eleventy-plugin-weekly";',
          "export default function (eleventyConfig) {",
          '  eleventyConfig.ignores.add("src/posts/ignored-by-config.md");',
          '  eleventyConfig.addPlugin(weekly, { layouts: { home: false, tag: false, tagIndex: false, archive: false, digestIndex: false, search: false, notFound: false }, searchIndex: false });',
          "}",
          'export const config = { dir: { input: "src", includes: "_includes" }, markdownTemplateEngine: false };',
          "",
        ].join("\n"),
      );
      const dates: Record<string, string> = { "04": "2026-01-22", "05": "2026-01-29", "06": "2026-02-05" };
      const report = (week: string, extra = "", body = "") => `---\ntitle: 第${week}周\ndate: ${dates[week]}\n${extra}---\n\n正文。${body}\n`;
      // The folder's data makes every report a draft unless its own front matter says otherwise;
      // the template data file of W05 gives it a scheduled that is not a date.
      write("src/posts/posts.json", JSON.stringify({ draft: true }));
      write("src/posts/2026-W04-ai-weekly.md", report("04"));
      write("src/posts/2026-W05-ai-weekly.md", report("05", "draft: false\n", "[失效](./2026-W03-ai-weekly)"));
      write("src/posts/2026-W05-ai-weekly.11tydata.json", JSON.stringify({ scheduled: "2026-13-01" }));
      write(
        "src/posts/2026-W06-ai-weekly.md",
        report("06", "draft: false\n", "[摘要](../weekly_news/ai_news_2026-W06) [关于](/about-us/) [旧](../about.md) [联系](../contact.njk) [草稿](./2026-W04-ai-weekly)"),
      );
      // Broken, but never read: ignored by the config and by .eleventyignore.
      write("src/posts/ignored-by-config.md", "---\ntitle: [broken\n---\n");
      write("src/posts/ignored.md", "---\ntitle: [broken\n---\n");
      write("src/.eleventyignore", "posts/ignored.md\n");
      write("src/weekly_news/ai_news_2026-W06.md", "---\ntitle: 新闻\n---\n\n## 来源\n\n- 一条\n");
      write("src/about.md", "---\npermalink: /about-us/\n---\n\n关于。\n");
      write("src/contact.njk", "---\npermalink: \"/{{ 'reach' }}-us/\"\n---\n联系。\n");
      write("src/_includes/layouts/post.njk", "{{ content | safe }}\n");
      for (const now of CLOCKS) {
        const { command, eleventy } = await both(site, now);
        assert.deepEqual(command, eleventy, `at ${now}`);
        // The cascade and the ignores are in effect: W04 is a draft by its folder's data (so W06's
        // link to it would be dead), W05's scheduled comes from its data file, the pages outside the
        // content folders are found at their addresses, the ignored files (broken YAML) are not read.
        assert.deepEqual(
          problemsWithCode(command.problems, ["invalid-field", "broken-link", "link-held-back", "front-matter-yaml"]).map((p) => [p.file, p.code]),
          [
            ["src/posts/2026-W05-ai-weekly.md", "invalid-field"],
            ["src/posts/2026-W05-ai-weekly.md", "broken-link"],
            ["src/posts/2026-W06-ai-weekly.md", "link-held-back"],
          ],
        );
        assert.equal(command.files, 5);
      }
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

/** `posts/a.md:4:1  message [code]` (or without a line) → [file, line, code]; errors only (a warning a later rule adds to the fixture is not what these tests are about). */
const PROBLEM_LINE_RE = /^(\S+?)(?::(\d+):\d+)?  (?!warning: ).*\[([a-z-]+)\]$/;

describe("what the build refuses, `weekly check` finds, with the same code", () => {
  const report = (week: string, date: string, head = "") => `---\ntitle: 第${week}周\ndate: ${date}\n${head}---\n\n第${week}周的正文。\n`;
  const cases: Array<[string, (site: string) => void, Array<[string, number | undefined, string]>]> = [
    [
      "addresses the plugin writes, file names with a backslash, a report as a layout, prototype keys",
      (site) => {
        writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), report("09", "2026-02-26", "permalink: /feed.xsl/\n"));
        writeFileSync(join(site, "posts", "2026-W10-ai\\weekly.md"), report("10", "2026-03-05"));
        writeFileSync(join(site, "about\\us.md"), "---\ntitle: 关于\n---\n\n关于我们。\n");
        writeFileSync(join(site, "posts", "2026-W11-ai-weekly.md"), report("11", "2026-03-12", "layout: layouts/../posts/2026-W11-ai-weekly.md\n"));
        writeFileSync(join(site, "posts", "2026-W12-ai-weekly.md"), report("12", "2026-03-19", "layout: layouts/../posts/2026-W05-ai-weekly\n"));
        writeFileSync(join(site, "posts", "2026-W13-ai-weekly.md"), report("13", "2026-03-26", "tags: [__proto__]\nextra:\n  __proto__:\n    polluted: yes\n"));
        // Where a preview shows a report's email edition.
        writeFileSync(join(site, "weekly_news", "ai_news_2026-W09.md"), "---\ntitle: 摘要\npermalink: /posts/2026-W08-ai-weekly/editions/email/\n---\n\n## 来源\n\n- 一条\n");
      },
      [
        ["about\\us.md", undefined, "file-name-url"],
        ["posts/2026-W09-ai-weekly.md", 4, "unsafe-permalink"],
        ["posts/2026-W10-ai\\weekly.md", undefined, "file-name-url"],
        ["posts/2026-W11-ai-weekly.md", 4, "unknown-layout"],
        ["posts/2026-W12-ai-weekly.md", 4, "unknown-layout"],
        ["posts/2026-W13-ai-weekly.md", 4, "prototype-key"],
        ["posts/2026-W13-ai-weekly.md", 6, "prototype-key"],
        ["weekly_news/ai_news_2026-W09.md", 3, "unsafe-permalink"],
      ],
    ],
  ];
  for (const [name, write, expected] of cases) {
    test(name, async () => {
      const site = copySite("scheduled");
      const output = tempOutput("check-build");
      try {
        write(site);
        const now = CLOCKS[1]!;
        // A preview: it writes every page the check reads (edition pages too).
        const build = runEleventy(site, output, { WEEKLY_NOW: now, WEEKLY_PREVIEW: "1" });
        const built = outputLines(build).flatMap((line) => {
          const match = PROBLEM_LINE_RE.exec(line);
          return match ? [[match[1]!, match[2] === undefined ? undefined : Number(match[2]), match[3]!] as [string, number | undefined, string]] : [];
        });
        assert.equal(build.status, 1, build.stderr);
        assert.deepEqual(built, expected, outputLines(build).join("\n"));
        assert.ok(!/^\s+at .+:\d+:\d+\)?$/m.test(build.stderr), `no stack trace:\n${build.stderr}`);
        assert.deepEqual(listFiles(output), [], "nothing written");
        const { command, eleventy } = await both(site, now);
        assert.deepEqual(command, eleventy);
        assert.deepEqual(
          command.problems.filter((p) => p.severity === "error").map((p) => [p.file, p.line, p.code]),
          expected,
        );
      } finally {
        rmSync(site, { recursive: true, force: true });
        removeOutput(output);
      }
    });
  }
});
