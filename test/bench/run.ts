// `npm run bench`: builds a generated blog of N weeks with this plugin and with a bare Eleventy
// config rendering the same Markdown through a minimal layout, alternating, and prints medians and
// the ratios issue 15 sets as goals, side by side in one run:
//   bare          Eleventy alone                 bare+CLI     then Pagefind's command on its output
//   cold          the plugin, every feature on, nothing kept from an earlier build
//   unchanged     the same build again, the search index kept (the hourly rebuild)
//   publish-one   a build in which the newest report goes live, after one an hour before it
//   w/o search    the plugin with searchIndex: false
//   check         `weekly check` (the compiled command), RSS (peak, cold build), and the time a
//                 one-report save takes under `eleventy --serve --incremental` on both sites
// and, in a second table, the social cards: the time the plugin spent on them (WEEKLY_CARD_TIMING)
// in the cold build (every card drawn, on the threads named) and the unchanged one (every card read from the cache),
// their share of that build, and the unchanged build with cards: false, for comparison.
// Before it, this blog as it is (test/bench/blog.ts): its warm and cold build and its commands.
//   npm run bench                      this blog, then N = 250, 1000, 4000; 3 runs each
//   npm run bench -- --weeks 1000 --runs 5
//   npm run bench -- --only blog       (or --only weeks)
// Each part's tables are written into docs/PERFORMANCE.md with the date and the machine (record.ts);
// `--no-record` only prints them.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { median } from "./median.js";
import { benchBlog } from "./blog.js";
import { machineLine, recordRun } from "./record.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { values } = parseArgs({ options: { weeks: { type: "string", multiple: true }, runs: { type: "string", default: "3" }, keep: { type: "boolean" }, only: { type: "string" }, "no-record": { type: "boolean" } } });
const SIZES = (values.weeks ?? ["250", "1000", "4000"]).map(Number);
const RUNS = Number(values.runs);
const W06 = readFileSync(join(ROOT, "posts", "2026-W06-ai-weekly.md"), "utf8");
const W06_BODY = W06.slice(W06.indexOf("\n---", 3) + 4);
const TAGS = ["模型", "代理", "产业", "算力", "治理", "开源"];

/** The ISO weeks ending with 2026-W06, oldest first. */
function weeks(count: number): DateTime[] {
  const last = DateTime.fromObject({ weekYear: 2026, weekNumber: 6, weekday: 4 }, { zone: "Asia/Shanghai" });
  return Array.from({ length: count }, (_, i) => last.minus({ weeks: count - 1 - i }));
}

function writeCorpus(dir: string, count: number): number {
  mkdirSync(join(dir, "posts"), { recursive: true });
  mkdirSync(join(dir, "weekly_news"), { recursive: true });
  for (const [i, day] of weeks(count).entries()) {
    const key = `${day.weekYear}-W${String(day.weekNumber).padStart(2, "0")}`;
    const date = day.toFormat("yyyy-MM-dd");
    const title = `${day.weekYear}年W${String(day.weekNumber).padStart(2, "0")}人工智能周报：第 ${i + 1} 期`;
    const body = W06_BODY.replace(/^# .*$/m, `# ${title}`).replaceAll("ai_news_2026-W06", `ai_news_${key}`).replaceAll("2026-W06", key);
    writeFileSync(
      join(dir, "posts", `${key}-ai-weekly.md`),
      `---\ntitle: ${title}\ndescription:\ndate: ${date}\nscheduled: ${date}\ntags:\n  - AI\n  - Jeremy\n  - ${TAGS[i % TAGS.length]}\nlayout: layouts/post.njk\n---\n${body}`,
    );
    const items = Array.from({ length: 30 }, (_, n) => `- **条目 ${n + 1}**：${key} 的第 ${n + 1} 条新闻，一句话摘要，讲述模型、代理与算力的进展。`);
    const groups = [0, 10, 20].map((start, g) => `## 来源 ${g + 1}\n\n${items.slice(start, start + 10).join("\n")}\n`);
    writeFileSync(join(dir, "weekly_news", `ai_news_${key}.md`), `---\ntitle: AI Weekly Digest — ${key}\n---\n\n${groups.join("\n")}`);
  }
  return count * 2;
}

function linkModules(dir: string): void {
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (!name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  }
  symlinkSync(ROOT, join(dir, "node_modules", "eleventy-plugin-weekly"));
  writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
}

/** The blog as it is: its layouts and its config, the plugin installed as a package. */
function pluginSite(dir: string, count: number): number {
  const pages = writeCorpus(dir, count);
  cpSync(join(ROOT, "layouts"), join(dir, "layouts"), { recursive: true });
  cpSync(join(ROOT, "posts", "posts.11tydata.json"), join(dir, "posts", "posts.11tydata.json"));
  cpSync(join(ROOT, "weekly_news", "weekly_news.11tydata.json"), join(dir, "weekly_news", "weekly_news.11tydata.json"));
  writeFileSync(
    join(dir, "eleventy.config.js"),
    `import weekly from "eleventy-plugin-weekly";
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(weekly, {
    site: { title: "AI 周报", url: "https://weekly.example.org", author: "Jeremy" },
    // Every feature on, unless the benchmark asks for a build without the search index or cards.
    searchIndex: process.env.WEEKLY_BENCH_SEARCH !== "0",
    cards: process.env.WEEKLY_BENCH_CARDS !== "0",
    // The hot words, trends and year pages, unless the benchmark asks for a build without them.
    ...(process.env.WEEKLY_BENCH_TRENDS === "0" ? { layouts: { trends: false, year: false } } : {}),
  });
}
export const config = { dir: { includes: "" }, markdownTemplateEngine: false };
`,
  );
  linkModules(dir);
  return pages;
}

/** The same Markdown, rendered by Eleventy alone through a minimal layout. */
function bareSite(dir: string, count: number): void {
  writeCorpus(dir, count);
  mkdirSync(join(dir, "layouts"));
  const layout = `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>\n`;
  writeFileSync(join(dir, "layouts", "post.njk"), layout);
  writeFileSync(join(dir, "layouts", "digest.njk"), layout);
  writeFileSync(join(dir, "weekly_news", "weekly_news.11tydata.json"), '{ "layout": "layouts/digest.njk" }\n');
  writeFileSync(
    join(dir, "eleventy.config.js"),
    `export default function (eleventyConfig) { eleventyConfig.ignores.add("layouts/**"); }
export const config = { dir: { includes: "" }, markdownTemplateEngine: false };
`,
  );
  linkModules(dir);
}

interface Run {
  ms: number;
  maxRssKiB: number;
  /** The plugin's social cards in this build (absent when it made none). */
  cards?: { drawn: number; reused: number; ms: number; threads: number };
}

/** The clock of every build: every report is live. */
const NOW = "2026-03-01";
/** An hour before the newest report (2026-W06, scheduled 2026-02-05) goes live. */
const BEFORE_NEWEST = "2026-02-04T23:00";

function build(siteDir: string, env: Record<string, string> = {}, then?: (output: string) => void): Run {
  const output = mkdtempSync(join(tmpdir(), "weekly-bench-out-"));
  try {
    const started = performance.now();
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "test", "bench", "build-once.ts"), siteDir, output], {
      encoding: "utf8",
      cwd: ROOT,
      env: { ...process.env, WEEKLY_NOW: NOW, WEEKLY_CARD_TIMING: "1", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`build of ${siteDir} failed:\n${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Run;
    if (!then) return result;
    then(output);
    return { ...result, ms: performance.now() - started };
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

/** Pagefind's own command on a built site, as someone would run it by hand after Eleventy. */
function pagefindCli(output: string): void {
  const run = spawnSync(process.execPath, [join(ROOT, "node_modules", "pagefind", "lib", "runner", "bin.cjs"), "--site", output], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pagefind failed:\n${run.stdout}${run.stderr}`);
}

/** What a site's builds kept (or only its search index), gone: the next build is a cold one. */
const forgetCache = (siteDir: string, part = "") => rmSync(join(siteDir, ".cache", part === "" ? "" : `weekly/${part}`), { recursive: true, force: true });

/** `npx weekly check` as an installed site runs it: the compiled command. */
function check(siteDir: string): number {
  const started = performance.now();
  const script = `const { main } = await import(${JSON.stringify(new URL("dist/cli/main.js", `file://${ROOT}`).href)}); process.exitCode = await main(["check"]);`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: siteDir, encoding: "utf8", env: { ...process.env, WEEKLY_NOW: NOW } });
  if (run.status !== 0) throw new Error(`weekly check failed:\n${run.stdout}${run.stderr}`);
  return performance.now() - started;
}

/**
 * Starts \`eleventy --serve --incremental\` on the site, then appends a line to its newest report
 * three times: the median time from each save to Eleventy's "Wrote … files" line. The watcher of a
 * large site needs a while after the first build before it sees a save.
 */
async function editRebuild(siteDir: string, port: number, pages: number): Promise<number> {
  const eleventy = join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
  const child = spawn(process.execPath, [eleventy, "--serve", "--incremental", "--port", String(port)], {
    cwd: siteDir,
    env: { ...process.env, WEEKLY_NOW: NOW },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const waiters: Array<() => void> = [];
  let buffered = "";
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) if (/Wrote \d+ files?/.test(line)) waiters.shift()?.();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const nextWrite = (what: string, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no rebuild after ${what} within ${ms / 1000} s`)), ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  try {
    await nextWrite("starting", 30 * 60_000); // the first, full build
    await sleep(2000 + pages * 5); // the watcher settles
    const newest = readdirSync(join(siteDir, "posts")).filter((f) => f.endsWith(".md")).sort().at(-1)!;
    const times: number[] = [];
    for (let edit = 1; edit <= 3; edit++) {
      const written = nextWrite(`edit ${edit}`, 5 * 60_000);
      const started = performance.now();
      appendFileSync(join(siteDir, "posts", newest), `\n第 ${edit} 次修改。\n`);
      await written;
      times.push(performance.now() - started);
      await sleep(1000);
    }
    return median(times);
  } finally {
    child.kill("SIGINT");
  }
}


/** Issue 30's goals for the generated sites (issue 15 had set cold ≤ 1.0, w/o search ≤ 1.5, RSS ≤ 1.5, edit ≤ 1.2). */
const GOALS = { cold: 3.0, unchanged: 1.1, publishOne: 1.3, noSearch: 1.8, check: 0.5, rss: 2.0, edit: 2.0, warmCards: 0.05, trends: 0.05 } as const;
const ratio = (value: number, base: number, goal: number) => `${(value / base).toFixed(2)} ${value / base <= goal ? "✓" : "✗"}`;

const MACHINE = machineLine();
const COMMAND = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
/** What the run printed since its last part was recorded: each part goes into docs/PERFORMANCE.md (record.ts). */
const printed: string[] = [];
const print = console.log.bind(console);
console.log = (...args: unknown[]) => {
  printed.push(args.join(" "));
  print(...args);
};
const record = (part: string) => {
  const lines = printed.splice(0);
  if (!values["no-record"]) recordRun(part, lines, COMMAND, MACHINE);
};

print(`Machine: ${MACHINE}; ${RUNS} runs each, alternating; medians, ms.`);
if (values.only !== "weeks") {
  benchBlog(RUNS, values.keep ?? false);
  // The preview of this blog: a save that adds a 3000 px photo against a plain save (test/bench/previewPhoto.ts).
  for (const line of await (await import("./previewPhoto.js")).previewPhotoRows(RUNS)) console.log(line);
  record("blog");
}
if (values.only === "blog") process.exit(0);
console.log(
  `Goals: cold ≤ ${GOALS.cold} × bare+CLI; unchanged ≤ ${GOALS.unchanged} × w/o search; publish-one ≤ ${GOALS.publishOne} × w/o search; ` +
    `w/o search ≤ ${GOALS.noSearch} × bare; check ≤ ${GOALS.check} × bare; RSS ≤ ${GOALS.rss} × bare; edit ≤ ${GOALS.edit} × bare edit.`,
);
console.log("| weeks | pages | bare | bare+CLI | cold | ratio | unchanged | ratio | publish-one | ratio | w/o search | ratio | check | ratio | bare RSS MiB | RSS MiB | ratio | bare edit | edit | ratio |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
const coldBySize = new Map<number, number>();
const cardRows: string[] = [];
const trendRows: string[] = [];
for (const count of SIZES) {
  const root = mkdtempSync(join(tmpdir(), `weekly-bench-${count}-`));
  try {
    const site = join(root, "plugin");
    const pages = pluginSite(site, count);
    bareSite(join(root, "bare"), count);
    const rows = { bare: [] as Run[], bareCli: [] as Run[], cold: [] as Run[], unchanged: [] as Run[], publishOne: [] as Run[], noSearch: [] as Run[], noCards: [] as Run[], noTrends: [] as Run[], check: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      rows.bare.push(build(join(root, "bare")));
      rows.bareCli.push(build(join(root, "bare"), {}, pagefindCli));
      forgetCache(site);
      rows.cold.push(build(site));
      rows.unchanged.push(build(site)); // the hourly rebuild: nothing changed, the index and cards kept
      // The same without cards; once first, so that its pages' search index is kept too.
      build(site, { WEEKLY_BENCH_CARDS: "0" });
      rows.noCards.push(build(site, { WEEKLY_BENCH_CARDS: "0" }));
      // The same without the trends and year pages (no word counted); once first, for its own search index.
      build(site, { WEEKLY_BENCH_TRENDS: "0" });
      rows.noTrends.push(build(site, { WEEKLY_BENCH_TRENDS: "0" }));
      forgetCache(site, "search"); // the cards stay: an hourly rebuild has them
      build(site, { WEEKLY_NOW: BEFORE_NEWEST }); // an hour earlier: the newest report not yet live
      rows.publishOne.push(build(site)); // now it is
      rows.noSearch.push(build(site, { WEEKLY_BENCH_SEARCH: "0" }));
      rows.check.push(check(site));
    }
    const bareEditMs = await editRebuild(join(root, "bare"), 8190 + SIZES.indexOf(count), pages);
    const editMs = await editRebuild(site, 8090 + SIZES.indexOf(count), pages);
    const ms = (runs: Run[]) => median(runs.map((r) => r.ms));
    const [bare, bareCli, cold, unchanged, publishOne, noSearch, checkMs] = [
      ms(rows.bare), ms(rows.bareCli), ms(rows.cold), ms(rows.unchanged), ms(rows.publishOne), ms(rows.noSearch), median(rows.check),
    ];
    coldBySize.set(count, cold);
    const bareRss = median(rows.bare.map((r) => r.maxRssKiB)) / 1024;
    const rss = median(rows.cold.map((r) => r.maxRssKiB)) / 1024;
    const cells = [
      count, pages, bare.toFixed(0), bareCli.toFixed(0),
      cold.toFixed(0), ratio(cold, bareCli, GOALS.cold),
      unchanged.toFixed(0), ratio(unchanged, noSearch, GOALS.unchanged),
      publishOne.toFixed(0), ratio(publishOne, noSearch, GOALS.publishOne),
      noSearch.toFixed(0), ratio(noSearch, bare, GOALS.noSearch),
      checkMs.toFixed(0), ratio(checkMs, bare, GOALS.check),
      bareRss.toFixed(0), rss.toFixed(0), ratio(rss, bareRss, GOALS.rss),
      bareEditMs.toFixed(0), editMs.toFixed(0), ratio(editMs, bareEditMs, GOALS.edit),
    ];
    console.log(`| ${cells.join(" | ")} |`);
    const noTrends = ms(rows.noTrends);
    trendRows.push(`| ${count} | ${unchanged.toFixed(0)} | ${noTrends.toFixed(0)} | ${(((unchanged - noTrends) / noTrends) * 100).toFixed(1)} % ${unchanged <= noTrends * (1 + GOALS.trends) ? "✓" : "✗"} |`);
    const cardMs = (runs: Run[]) => median(runs.map((r) => r.cards?.ms ?? Number.NaN));
    const [coldCards, warmCards, noCards] = [cardMs(rows.cold), cardMs(rows.unchanged), ms(rows.noCards)];
    const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
    const drawn = rows.cold[0]?.cards;
    cardRows.push(
      `| ${count} | ${drawn ? drawn.drawn + drawn.reused : 0} | ${drawn?.threads ?? 0} | ${cold.toFixed(0)} | ${coldCards.toFixed(0)} | ${share(coldCards, cold)} | ${unchanged.toFixed(0)} | ${warmCards.toFixed(0)} | ` +
        `${share(warmCards, unchanged)} ${warmCards / unchanged < GOALS.warmCards ? "✓" : "✗"} | ${noCards.toFixed(0)} | ${(unchanged - noCards).toFixed(0)} (${share(unchanged - noCards, unchanged)}) |`,
    );
  } finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
    else console.error(`kept ${root}`);
  }
}
console.log(`\nSocial cards (goal: an unchanged build spends under ${GOALS.warmCards * 100} % of its time on cards); "cards" is the time during which the plugin was making at least one card.`);
console.log("| weeks | cards | threads | cold build | cards (cold) | share | unchanged build | cards (unchanged) | share | unchanged, cards: false | difference |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of cardRows) console.log(row);
console.log(`\nThe hot words, trends and year pages (goal: the unchanged build grows by at most ${GOALS.trends * 100} %; the words are kept in the cache).`);
console.log("| weeks | unchanged build | the same, trends and year pages off | growth |");
console.log("|---|---|---|---|");
for (const row of trendRows) console.log(row);
if (coldBySize.has(1000) && coldBySize.has(4000)) {
  const scale = coldBySize.get(4000)! / coldBySize.get(1000)!;
  console.log(`4000 weeks / 1000 weeks, cold build: ${scale.toFixed(2)} (goal ≤ 4.3) ${scale <= 4.3 ? "✓" : "✗"}`);
}
record("weeks");
