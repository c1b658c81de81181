// Every command a message proposes does what the message says it does: each is taken from the
// message, run on a copy of a site, and the files it wrote and the next `weekly check` compared
// with the message's words, then the step the message names is taken and the check is clean.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, listFiles, problemsWithCode, removeOutput, runWeeklyInProcess } from "./helpers.js";

interface CheckProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** `weekly check --format json`, in this process. */
async function check(site: string, env: Record<string, string>): Promise<CheckProblem[]> {
  const run = await runWeeklyInProcess(site, ["check", "--format", "json"], env);
  return (JSON.parse(run.stdout) as { problems: CheckProblem[] }).problems;
}

/** The `weekly …` command a message proposes, as arguments, and the files it says the command writes. */
function proposed(message: string): { args: string[]; files: string[]; draft: boolean } {
  const match = /run (?:npx )?weekly (new [^,;]+?)(?:, which writes (only )?(.+?) from the template, (as (?:a )?drafts? )?)/.exec(message)
    ?? /(?:with|run) weekly (new \S+?), which writes (only )?(.+?) from the template, (as (?:a )?drafts? )?/.exec(message);
  assert.ok(match, `no command proposed in: ${message}`);
  return { args: match[1]!.split(" "), files: match[3]!.split(" and "), draft: match[4] !== undefined };
}

/** Runs the proposed command; returns the files it added to the site. */
async function runProposed(site: string, args: string[], env: Record<string, string>): Promise<{ added: string[]; stdout: string; stderr: string; status: number }> {
  const before = new Set(listFiles(site).filter((f) => !f.startsWith("node_modules/")));
  const run = await runWeeklyInProcess(site, args, env);
  const added = listFiles(site).filter((f) => !f.startsWith("node_modules/") && !before.has(f));
  return { ...run, added };
}

/** The author's part: every placeholder of the template written. */
function fillIn(site: string, file: string, edit: (text: string) => string = (t) => t): void {
  const text = readFileSync(join(site, file), "utf8")
    .replace(/^(- )?……$/gm, "$1本周要闻一句话。")
    .replace(/^- \*\*标题\*\*：一句话摘要。$/gm, "- **要闻**：一句话。")
    .replace(/^本周导语：用两三句话概括本周最重要的几条主线。$/m, "本周导语：模型与代理齐头并进。");
  writeFileSync(join(site, file), edit(text));
}

const REPORT = "posts/2026-W52-ai-weekly.md";
const of = (problems: CheckProblem[], file: string) => problems.filter((p) => p.file === file);
/** The rules of a link: what the step a message names changes in the fixture's report (the files a step writes are judged whole). */
const LINK_CODES = ["broken-link", "link-held-back", "missing-heading", "missing-file", "invalid-link"];

describe("the broken-link message's weekly new --digest, run as proposed", () => {
  // The report of 2026-W52 is live (since 2026-12-24) and links last week's digest, which does not exist.
  const NOW = { WEEKLY_NOW: "2027-01-05" };
  let site: string;
  before(() => {
    site = copySite("new-week");
    appendFileSync(join(site, REPORT), "- [上周摘要](../weekly_news/ai_news_2026-W51)\n");
  });
  after(() => removeOutput(site));

  test("proposes a command that writes only the digest, as a draft, and says what to do next; the command does exactly that", async () => {
    const [link] = of(await check(site, NOW), REPORT).filter((p) => p.code === "broken-link");
    assert.equal(
      link?.message,
      'link "../weekly_news/ai_news_2026-W51" matches no page (looked for weekly_news/ai_news_2026-W51.md and weekly_news/ai_news_2026-W51/index.md). ' +
        "Week 2026-W51 has no digest yet: write weekly_news/ai_news_2026-W51.md, or run npx weekly new 2026-W51 --digest, " +
        "which writes only weekly_news/ai_news_2026-W51.md from the template, as a draft (draft: true) since 2026-12-17, when it would go live, has passed in Asia/Shanghai; " +
        "then fill it in and remove draft: true.",
    );
    const said = proposed(link!.message);
    const run = await runProposed(site, said.args, NOW);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.added, said.files, "exactly the files the message named, no report");
    assert.equal(run.stdout, `${said.files.join("\n")}\n`);
    assert.equal(said.draft, true);
    assert.match(readFileSync(join(site, said.files[0]!), "utf8"), /^draft: true$/m);
  });

  test("the next check shows the step the message named: the link is to a draft, the draft unfilled", async () => {
    const problems = await check(site, NOW);
    const steps = problemsWithCode(of(problems, REPORT), LINK_CODES);
    assert.deepEqual(steps.map((p) => p.code), ["link-held-back"]);
    assert.match(steps[0]!.message, /which is a draft \(draft: true\)/);
    const unfilled = of(problems, "weekly_news/ai_news_2026-W51.md");
    assert.ok(unfilled.length > 0, "the unfilled draft is named");
    assert.ok(unfilled.every((p) => p.code === "placeholder" && p.severity === "warning"), JSON.stringify(unfilled));
  });

  test("filled in and draft: true removed, as the message said: no problem left", async () => {
    fillIn(site, "weekly_news/ai_news_2026-W51.md", (text) => text.replace(/^draft: true\n/m, ""));
    const problems = await check(site, NOW);
    assert.deepEqual([...problemsWithCode(of(problems, REPORT), LINK_CODES), ...of(problems, "weekly_news/ai_news_2026-W51.md")], []);
  });
});

describe("weekly new --digest proposed for a report that goes live later, or for a digest due after the page", () => {
  // 2026-12-20: the report of 2026-W52 is scheduled for 2026-12-24.
  const NOW = { WEEKLY_NOW: "2026-12-20" };
  let site: string;
  before(() => {
    site = copySite("new-week");
    rmSync(join(site, "weekly_news/ai_news_2026-W52.md"));
    appendFileSync(join(site, REPORT), "- [下周摘要](../weekly_news/ai_news_2027-W01)\n");
  });
  after(() => removeOutput(site));

  test("the week's own digest: written scheduled with its report; filled in, no problem left", async () => {
    const link = of(await check(site, NOW), REPORT).find((p) => p.code === "broken-link" && p.message.includes("2026-W52"));
    assert.ok(link?.message.endsWith(
      "run npx weekly new 2026-W52 --digest, which writes only weekly_news/ai_news_2026-W52.md from the template, scheduled at 2026-12-24; then fill it in before it goes live.",
    ), link?.message);
    const said = proposed(link!.message);
    const run = await runProposed(site, said.args, NOW);
    assert.deepEqual([run.status, run.added], [0, said.files], run.stderr);
    assert.match(readFileSync(join(site, said.files[0]!), "utf8"), /^scheduled: 2026-12-24$/m);
    assert.doesNotMatch(readFileSync(join(site, said.files[0]!), "utf8"), /draft/);
    fillIn(site, said.files[0]!);
    const problems = await check(site, NOW);
    assert.deepEqual(of(problems, REPORT).filter((p) => p.message.includes("2026-W52")), []);
    assert.deepEqual(of(problems, said.files[0]!), []);
  });

  test("next week's digest, due after the page: the message says to schedule it no later than the page, and that is enough", async () => {
    const link = of(await check(site, NOW), REPORT).find((p) => p.code === "broken-link" && p.message.includes("2027-W01"));
    assert.ok(link?.message.endsWith(
      "run npx weekly new 2027-W01 --digest, which writes only weekly_news/ai_news_2027-W01.md from the template, scheduled at 2027-01-07; then fill it in and schedule it no later than this page.",
    ), link?.message);
    const said = proposed(link!.message);
    const run = await runProposed(site, said.args, NOW);
    assert.deepEqual([run.status, run.added], [0, said.files], run.stderr);
    assert.deepEqual(problemsWithCode(of(await check(site, NOW), REPORT), LINK_CODES).map((p) => p.code), ["link-held-back"], "the step the message named is still to take");
    fillIn(site, said.files[0]!, (text) => text.replace(/^scheduled: 2027-01-07$/m, "scheduled: 2026-12-24"));
    const problems = await check(site, NOW);
    assert.deepEqual([...problemsWithCode(of(problems, REPORT), LINK_CODES), ...of(problems, said.files[0]!)], []);
  });
});

describe("weekly new proposed by other messages, run as proposed", () => {
  let site: string;
  before(() => (site = copySite("new-week")));
  after(() => removeOutput(site));

  test("weekly new --digest on a week without a report writes the digest alone, never a report", async () => {
    const run = await runProposed(site, ["new", "2026-W49", "--digest"], { WEEKLY_NOW: "2027-01-05" });
    assert.deepEqual([run.status, run.added], [0, ["weekly_news/ai_news_2026-W49.md"]], run.stderr);
    assert.equal(run.stderr, "weekly new: the digest is a draft (draft: true), since 2026-12-03, when it would go live, has passed in Asia/Shanghai: remove draft: true once it is written.\n");
    const again = await runProposed(site, ["new", "2026-W49", "--digest"], { WEEKLY_NOW: "2027-01-05" });
    assert.deepEqual([again.status, again.added, again.stderr], [1, [], "weekly new: week 2026-W49 already has its digest, weekly_news/ai_news_2026-W49.md; nothing written.\n"]);
  });

  test("weekly export of a week without a report: weekly new writes the report and its digest, as drafts", async () => {
    const NOW = { WEEKLY_NOW: "2027-01-05" };
    const run = await runWeeklyInProcess(site, ["export", "2026-W50", "--format", "text"], NOW);
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      "weekly export: no report for 2026-W50 (the newest is 2026-W52); start one with weekly new 2026-W50, which writes posts/2026-W50-ai-weekly.md and weekly_news/ai_news_2026-W50.md from the template, as drafts (draft: true) since 2026-12-10, when it would go live, has passed in Asia/Shanghai.\n",
    );
    const said = proposed(run.stderr);
    const made = await runProposed(site, said.args, NOW);
    assert.deepEqual([made.status, made.added], [0, said.files], made.stderr);
    for (const file of said.files) assert.match(readFileSync(join(site, file), "utf8"), /^draft: true$/m);
    assert.match(made.stderr, /Once written, remove draft: true from both: they go live at the next build/);
    // The step weekly new names: written, draft: true removed, both go live with no problem.
    for (const file of said.files) fillIn(site, file, (text) => text.replace(/^draft: true\n/m, ""));
    const problems = await check(site, NOW);
    assert.deepEqual(said.files.flatMap((file) => of(problems, file)), []);
  });

  test("weekly new when the next week is over: the week proposed is written as the message says", async () => {
    const NOW = { WEEKLY_NOW: "2027-03-10" }; // a Wednesday: 2027-W10's Thursday is ahead
    const run = await runWeeklyInProcess(site, ["new"], NOW);
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      "weekly new: the week after the newest report (2026-W52) is 2026-W53, which ended on 2027-01-03; nothing written. For this week's report run weekly new 2027-W10, which writes posts/2027-W10-ai-weekly.md and weekly_news/ai_news_2027-W10.md from the template, scheduled at 2027-03-11, or name the week you mean.\n",
    );
    const said = proposed(run.stderr);
    const made = await runProposed(site, said.args, NOW);
    assert.deepEqual([made.status, made.added], [0, said.files], made.stderr);
    for (const file of said.files) assert.match(readFileSync(join(site, file), "utf8"), /^scheduled: 2027-03-11$/m);
  });

  test("a week with a report and no digest: its --digest adds the digest alone; the week proposed instead is free", async () => {
    const NOW = { WEEKLY_NOW: "2027-03-10" };
    rmSync(join(site, "weekly_news/ai_news_2027-W10.md"));
    const refused = await runWeeklyInProcess(site, ["new", "2027-W10"], NOW);
    assert.equal(
      refused.stderr,
      "weekly new: week 2027-W10 already has a report, posts/2027-W10-ai-weekly.md, (add its digest with weekly new 2027-W10 --digest); nothing written. Name another week, such as weekly new 2027-W11.\n",
    );
    const digest = await runProposed(site, ["new", "2027-W10", "--digest"], NOW);
    assert.deepEqual([digest.status, digest.added], [0, ["weekly_news/ai_news_2027-W10.md"]], digest.stderr);
    const other = await runProposed(site, ["new", "2027-W11"], NOW);
    assert.deepEqual([other.status, other.added], [0, ["posts/2027-W11-ai-weekly.md", "weekly_news/ai_news_2027-W11.md"]], other.stderr);
    // 2026-W52 has its report and digest; 2026-W53 and 2027-W01 get reports: the week proposed skips them.
    for (const week of ["2026-W53", "2027-W01"]) {
      const made = await runWeeklyInProcess(site, ["new", week], NOW);
      assert.equal(made.status, 0, made.stderr);
    }
    const skip = await runWeeklyInProcess(site, ["new", "2026-W52"], NOW);
    assert.match(skip.stderr, /Name another week, such as weekly new 2027-W02\.\n$/);
  });
});
