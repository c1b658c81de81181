// `weekly new` run in a temporary copy of a site (as the real command once, else in this process),
// then the site built.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { all, copySite, outputLines, readSite, removeOutput, runEleventy, runWeekly, runWeeklyInProcess, tempOutput, text } from "./helpers.js";

/** The copy's file as front matter (dates left as text, as the plugin reads them) and body. */
function readPost(site: string, path: string) {
  const parsed = matter(readFileSync(join(site, path), "utf8"), { engines: { yaml: (text: string) => parseYaml(text, { schema: "core" }) as object } });
  return { data: parsed.data as Record<string, unknown>, body: parsed.content };
}

/** The clock of these runs: a week in which the fixture's next week (2026-W53) is still ahead. */
const NOW = { WEEKLY_NOW: "2026-12-01" };

/** `weekly` in this process. */
const weekly = runWeeklyInProcess;

describe("weekly new", () => {
  let site: string;
  before(() => (site = copySite("new-week")));
  after(() => removeOutput(site));

  test("without a week: the week after the newest report, 2026-W53, on its Thursday 2026-12-31", () => {
    // The real process, the suite's one of `weekly new`: exit status and output as a shell sees them.
    const run = runWeekly(site, ["new"], NOW);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "posts/2026-W53-ai-weekly.md\nweekly_news/ai_news_2026-W53.md\n", "the report and its week's digest stub, which the report links");
    const { data, body } = readPost(site, "posts/2026-W53-ai-weekly.md");
    assert.deepEqual(data, {
      title: "2026年W53人工智能周报",
      description: null,
      date: "2026-12-31",
      scheduled: "2026-12-31",
      tags: ["AI", "Jeremy"],
      layout: "layouts/post.njk",
    });
    const headings = body.split("\n").filter((line) => line.startsWith("#"));
    assert.deepEqual(headings, [
      "# 2026年W53人工智能周报",
      "### 模型迭代与能力升级",
      "### AI 代理与自动化",
      "### 产业生态与商业化",
      "### 基础设施与算法创新",
      "### 风险、安全与监管",
      "## 趋势展望",
      "### 参考",
    ]);
    assert.ok(body.trimEnd().endsWith("### 参考\n- [AI Weekly Digest — 2026-W53](../weekly_news/ai_news_2026-W53)"), body);
  });

  test("again: across the year boundary to 2027-W01, Thursday 2027-01-07", async () => {
    const run = await weekly(site, ["new"], NOW);
    assert.equal(run.stdout, "posts/2027-W01-ai-weekly.md\nweekly_news/ai_news_2027-W01.md\n", run.stderr);
    assert.equal(readPost(site, "posts/2027-W01-ai-weekly.md").data.date, "2027-01-07");
  });

  const explicit: Array<[string, string]> = [
    ["2026-W01", "2026-01-01"], // 2026-W01 starts on Monday 2025-12-29
    ["2020-W53", "2020-12-31"], // 2020 has 53 ISO weeks
    ["2025-W01", "2025-01-02"], // 2025-W01 starts on Monday 2024-12-30
  ];
  for (const [week, thursday] of explicit) {
    test(`weekly new ${week} → posts/${week}-ai-weekly.md dated ${thursday}`, async () => {
      const run = await weekly(site, ["new", week], NOW);
      assert.equal(run.stdout, `posts/${week}-ai-weekly.md\nweekly_news/ai_news_${week}.md\n`, run.stderr);
      const { data } = readPost(site, `posts/${week}-ai-weekly.md`);
      assert.deepEqual([data.title, data.date, data.scheduled], [`${week.slice(0, 4)}年${week.slice(5)}人工智能周报`, thursday, thursday]);
      // Its Thursday is past: a skeleton published by the next build, unless both files are drafts.
      assert.equal(data.draft, true);
      assert.deepEqual(readPost(site, `weekly_news/ai_news_${week}.md`).data, { title: `AI Weekly Digest — ${week}`, description: null, scheduled: thursday, draft: true });
      assert.equal(
        run.stderr,
        `weekly new: ${thursday} is already past in Asia/Shanghai, so the new files are drafts (draft: true) and no build publishes them unfinished. Once written, remove draft: true from both: they go live at the next build, or at a later scheduled moment if you set one.\n`,
      );
    });
  }

  const refused: Array<[string[], string]> = [
    [["new", "2021-W53"], "weekly new: week 2021-W53 does not exist: 2021 has 52 ISO weeks.\n"],
    [["new", "2026-W54"], "weekly new: week 2026-W54 does not exist: 2026 has 53 ISO weeks.\n"],
    [["new", "2026-W7"], 'weekly new: week "2026-W7" is not a week; expected the form 2026-W07.\n'],
    [["new", "2026-W52"], "weekly new: week 2026-W52 already has a report, posts/2026-W52-ai-weekly.md, and its digest, weekly_news/ai_news_2026-W52.md; nothing written. Name another week, such as weekly new 2027-W02.\n"], // 2026-W53 and 2027-W01 have their reports by now
  ];
  for (const [args, message] of refused) {
    test(`weekly ${args.join(" ")} is refused, exit 1, nothing written`, async () => {
      const before = readFileSync(join(site, "posts/2026-W52-ai-weekly.md"), "utf8");
      const run = await weekly(site, args, NOW);
      assert.deepEqual([run.status, run.stdout, run.stderr], [1, "", message]);
      assert.equal(readFileSync(join(site, "posts/2026-W52-ai-weekly.md"), "utf8"), before);
    });
  }

  test("in a Chinese site's language (WEEKLY_LANG unset, or zh), the refusal is in Chinese, the same exit and nothing written", async () => {
    for (const language of [undefined, "zh"]) {
      const run = await weekly(site, ["new", "2021-W53"], { ...NOW, WEEKLY_LANG: language });
      assert.deepEqual([run.status, run.stdout, run.stderr], [1, "", "weekly new：第 2021-W53 周不存在：2021 年有 52 个 ISO 周。\n"]);
    }
  });

  test("a file in the way is never overwritten", async () => {
    writeFileSync(join(site, "posts/2027-W05-ai-weekly.md"), "my own notes\n");
    const run = await weekly(site, ["new", "2027-W05"], NOW);
    assert.deepEqual([run.status, run.stderr], [1, "weekly new: posts/2027-W05-ai-weekly.md already exists; nothing written.\n"]);
    assert.equal(readFileSync(join(site, "posts/2027-W05-ai-weekly.md"), "utf8"), "my own notes\n");
    rmSync(join(site, "posts/2027-W05-ai-weekly.md"));
  });

  test("a digest stub comes with the report; --weekday, --time, --tags and --title change the template", async () => {
    const run = await weekly(site, ["new", "2027-W02", "--weekday", "fri", "--time", "08:00", "--tags", "AI, 代理", "--title", "{year}年第{w}周"]);
    assert.equal(run.stdout, "posts/2027-W02-ai-weekly.md\nweekly_news/ai_news_2027-W02.md\n", run.stderr);
    const { data } = readPost(site, "posts/2027-W02-ai-weekly.md");
    assert.deepEqual([data.title, data.date, data.scheduled, data.tags], ["2027年第2周", "2027-01-15", "2027-01-15T08:00", ["AI", "代理"]]);
    const digest = readPost(site, "weekly_news/ai_news_2027-W02.md");
    assert.equal(digest.data.title, "AI Weekly Digest — 2027-W02");
    assert.equal(digest.data.scheduled, "2027-01-15T08:00", "the digest goes live with its report, not before");
    assert.equal(digest.data.draft, undefined);
    assert.match(digest.body, /2027-W02（2027-01-11 – 2027-01-17）/);
  });

  test("an existing digest is left alone", async () => {
    const digest = join(site, "weekly_news/ai_news_2027-W03.md");
    writeFileSync(digest, "---\ntitle: 已有的摘要\n---\n\n- **条目**：一句话。\n");
    const run = await weekly(site, ["new", "2027-W03"], NOW);
    assert.equal(run.stdout, "posts/2027-W03-ai-weekly.md\n", run.stderr);
    assert.equal(readFileSync(digest, "utf8"), "---\ntitle: 已有的摘要\n---\n\n- **条目**：一句话。\n");
  });

  test("--digest adds the digest to a week that has its report, and only that", async () => {
    rmSync(join(site, "weekly_news/ai_news_2027-W01.md"));
    const run = await weekly(site, ["new", "2027-W01", "--digest"], NOW);
    assert.deepEqual([run.status, run.stdout], [0, "weekly_news/ai_news_2027-W01.md\n"], run.stderr);
    assert.equal(readPost(site, "weekly_news/ai_news_2027-W01.md").data.scheduled, "2027-01-07", "scheduled with the week's report");
    const again = await weekly(site, ["new", "2027-W01"], NOW);
    assert.equal(again.status, 1);
  });

  test("without a week, when the week after the newest report is already over: refused, proposing this week", async () => {
    const run = await weekly(site, ["new"], { WEEKLY_NOW: "2027-03-10" });
    assert.deepEqual([run.status, run.stdout], [1, ""]);
    assert.equal(run.stderr, "weekly new: the week after the newest report (2027-W03) is 2027-W04, which ended on 2027-01-31; nothing written. For this week's report run weekly new 2027-W10, which writes posts/2027-W10-ai-weekly.md and weekly_news/ai_news_2027-W10.md from the template, scheduled at 2027-03-11, or name the week you mean.\n");
  });

  test("the new reports build at once in a preview, their digests beside them", () => {
    const output = tempOutput("new-preview");
    try {
      const run = runEleventy(site, output, { WEEKLY_PREVIEW: "1", WEEKLY_NOW: "2026-12-25" });
      assert.equal(run.status, 0, run.stderr);
      const doc = readSite(output).page("/posts/2026-W53-ai-weekly/");
      assert.equal(text(doc.querySelector(".preview-notice")), "定时发布 2026-12-31 00:00 (UTC+8)");
      assert.ok(!outputLines(run).some((line) => line.includes("matches no page")), outputLines(run).join("\n"));
    } finally {
      removeOutput(output);
    }
  });

  test("a skeleton never goes live: the check and the build name its placeholders; written, each report is published with its digest", async () => {
    const check = await weekly(site, ["check"], NOW);
    assert.equal(check.status, 0, check.stdout);
    const intro = `the template's placeholder "本周导语：用两三句话概括本周最重要的几条主线。" is still here`;
    const placeholder = (state: string) => `${intro}: the page would go live unfinished. Write this part, or hold the page back with draft: true.${state}`;
    const lines = check.stdout.split("\n");
    // 2026-W01, written after its Thursday, is a draft; 2026-W53 waits for its Thursday.
    assert.ok(lines.includes(`posts/2026-W01-ai-weekly.md:15:1  warning: ${intro}: write this part before removing draft: true. [placeholder]`), check.stdout);
    assert.ok(lines.includes(`posts/2026-W53-ai-weekly.md:14:1  warning: ${placeholder(" (This page is not published yet: this will stop the build when it goes live.)")} [placeholder]`), check.stdout);
    assert.ok(lines.some((line) => line.startsWith("weekly_news/ai_news_2026-W53.md:") && line.includes('placeholder "- **标题**：一句话摘要。"')), check.stdout);
    const stopped = tempOutput("new-skeleton");
    try {
      const run = runEleventy(site, stopped, { WEEKLY_NOW: "2027-02-01" });
      assert.equal(run.status, 1);
      assert.ok(outputLines(run).includes(`posts/2027-W01-ai-weekly.md:14:1  ${placeholder("")} [placeholder]`), run.stderr);
      assert.deepEqual(readSite(stopped).files.size, 0, "nothing published");
    } finally {
      removeOutput(stopped);
    }
    // The author writes each part.
    for (const folder of ["posts", "weekly_news"]) {
      for (const name of readdirSync(join(site, folder)).filter((n) => n.endsWith(".md"))) {
        const file = join(site, folder, name);
        const written = readFileSync(file, "utf8")
          .replace(/^(- )?……$/gm, "$1本周要闻一句话。")
          .replace(/^- \*\*标题\*\*：一句话摘要。$/gm, "- **要闻**：一句话。")
          .replace(/^本周导语：用两三句话概括本周最重要的几条主线。$/m, "本周导语：模型与代理齐头并进。");
        writeFileSync(file, written);
      }
    }
    assert.match((await weekly(site, ["check"], NOW)).stdout, /^No problems in \d+ files\.\n$/);
    const output = tempOutput("new-production");
    try {
      const run = runEleventy(site, output, { WEEKLY_NOW: "2027-02-01" });
      assert.equal(run.status, 0, run.stderr);
      const built = readSite(output);
      const link = all(built.page("/posts/2027-W02-ai-weekly/"), ".content a").find((a) => text(a) === "AI Weekly Digest — 2027-W02");
      assert.equal(link?.getAttribute("href"), "/weekly_news/ai_news_2027-W02/");
      assert.equal(all(built.page("/"), ".report-list h2 a")[0]?.getAttribute("href"), "/posts/2027-W03-ai-weekly/");
      assert.ok(existsSync(join(output, "weekly_news/ai_news_2027-W02/index.html")));
    } finally {
      removeOutput(output);
    }
  });
});
