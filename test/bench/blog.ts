// `npm run bench`'s first table: this blog as it is, where a one-report blog's author feels the
// time. Every figure is a whole process, as the author starts it (`npx eleventy`, `npx weekly …`),
// beside bare Eleventy building the same Markdown through a minimal layout, alternating:
//   bare      Eleventy alone on the blog's posts/ and weekly_news/ Markdown
//   warm      `eleventy` on a copy of this blog (its .eleventy.js, layouts and content; src/, dist/
//             and node_modules linked), its .cache/ and output kept from the build before
//   cold      the same with no .cache/ and no output
//   check     `weekly check`; new: `weekly new 2026-W10` (its files removed after); export: `weekly
//             export 2026-W06 --format email`
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { median } from "./median.js";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const ELEVENTY = join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs");
const WEEKLY = join(ROOT, "src", "cli", "weekly.js");
const NOW = "2026-03-01T12:00";
export const BLOG_GOALS = { warm: 2.0, cold: 3.0, command: 1.5 } as const;

/** This blog, copied where a build may write: its config, layouts and content; its code linked. */
function blogCopy(dir: string): void {
  mkdirSync(dir);
  for (const item of [".eleventy.js", "package.json", "posts", "weekly_news", "layouts"]) cpSync(join(ROOT, item), join(dir, item), { recursive: true });
  for (const item of ["src", "dist", "node_modules"]) symlinkSync(join(ROOT, item), join(dir, item));
}

/** The blog's Markdown alone, for Eleventy alone. */
function bareCopy(dir: string): void {
  mkdirSync(join(dir, "layouts"), { recursive: true });
  for (const folder of ["posts", "weekly_news"]) {
    mkdirSync(join(dir, folder));
    for (const file of readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(".md"))) cpSync(join(ROOT, folder, file), join(dir, folder, file));
  }
  const layout = `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main>{{ content | safe }}</main></body></html>\n`;
  writeFileSync(join(dir, "layouts", "post.njk"), layout);
  writeFileSync(join(dir, "posts", "posts.11tydata.json"), '{ "layout": "layouts/post.njk" }\n');
  writeFileSync(join(dir, "weekly_news", "weekly_news.11tydata.json"), '{ "layout": "layouts/post.njk" }\n');
  writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  writeFileSync(join(dir, "eleventy.config.js"), 'export const config = { dir: { includes: "" }, markdownTemplateEngine: false };\n');
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
}

/** Wall time of one process, in ms; fails when it fails. */
function timed(cwd: string, args: string[], expected: readonly number[] = [0]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, WEEKLY_NOW: NOW, WEEKLY_PREVIEW: undefined }, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (!expected.includes(run.status ?? -1)) throw new Error(`${args.join(" ")} in ${cwd} exited ${run.status}:\n${run.stdout}${run.stderr}`);
  return ms;
}

/** What a process pays before it does anything: each line a whole process, so the differences name the parts. */
const STARTUP: Array<[string, string[]]> = [
  ["node alone", ["-e", "0"]],
  ["+ import Eleventy", ["--input-type=module", "-e", 'await import("@11ty/eleventy")']],
  ["+ import the plugin (dist/index.js)", ["--input-type=module", "-e", `await import("@11ty/eleventy"); await import(${JSON.stringify(join(ROOT, "dist", "index.js"))})`]],
  ["weekly --help, compiled", [WEEKLY, "--help"]],
  ["weekly --help, source through tsx", ["--import", "tsx", "--input-type=module", "-e", `const { main } = await import(${JSON.stringify(join(ROOT, "src", "cli", "main.ts"))}); process.exitCode = await main(["--help"], { write: () => true });`]],
];

/** Prints the startup table: medians of `runs` runs of each line, in ms. */
function benchStartup(cwd: string, runs: number): void {
  const times = STARTUP.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [n, [, args]] of STARTUP.entries()) times[n]!.push(timed(cwd, args));
  console.log("Startup, whole processes (medians, ms):");
  console.log(`| ${STARTUP.map(([label]) => label).join(" | ")} |`);
  console.log(`|${STARTUP.map(() => "---|").join("")}`);
  console.log(`| ${times.map((t) => median(t).toFixed(0)).join(" | ")} |\n`);
}

const ratio = (value: number, base: number, goal: number) => `${(value / base).toFixed(2)} ${value / base <= goal ? "✓" : "✗"}`;

/** Prints the table of this blog's build and commands, medians of `runs` alternating runs. */
export function benchBlog(runs: number, keep: boolean): void {
  const root = mkdtempSync(join(tmpdir(), "weekly-bench-blog-"));
  try {
    const [blog, bare] = [join(root, "blog"), join(root, "bare")];
    blogCopy(blog);
    bareCopy(bare);
    const output = join(root, "blog-output");
    const times = { bare: [] as number[], warm: [] as number[], cold: [] as number[], check: [] as number[], new: [] as number[], export: [] as number[] };
    timed(blog, [ELEVENTY, "--quiet", "--output", output]); // the first warm build has something kept
    for (let i = 0; i < runs; i++) {
      times.bare.push(timed(bare, [ELEVENTY, "--quiet", "--output", join(root, "bare-output")]));
      times.warm.push(timed(blog, [ELEVENTY, "--quiet", "--output", output]));
      rmSync(join(blog, ".cache"), { recursive: true, force: true });
      rmSync(output, { recursive: true, force: true });
      times.cold.push(timed(blog, [ELEVENTY, "--quiet", "--output", output]));
      times.check.push(timed(blog, [WEEKLY, "check"]));
      const before = new Set(readdirSync(join(blog, "posts")));
      times.new.push(timed(blog, [WEEKLY, "new", "2026-W10"]));
      for (const file of readdirSync(join(blog, "posts"))) if (!before.has(file)) rmSync(join(blog, "posts", file));
      for (const file of readdirSync(join(blog, "weekly_news"))) if (!readdirSync(join(ROOT, "weekly_news")).includes(file)) rmSync(join(blog, "weekly_news", file));
      times.export.push(timed(blog, [WEEKLY, "export", "2026-W06", "--format", "email"]));
    }
    const [bareMs, warm, cold, check, made, exported] = [times.bare, times.warm, times.cold, times.check, times.new, times.export].map(median) as [number, number, number, number, number, number];
    const reports = readdirSync(join(ROOT, "posts")).filter((f) => f.endsWith(".md")).length;
    console.log(`This blog as it is (${reports} ${reports === 1 ? "report" : "reports"}), whole processes. Goals: warm ≤ ${BLOG_GOALS.warm} × bare, cold ≤ ${BLOG_GOALS.cold} × bare, each command ≤ ${BLOG_GOALS.command} × bare.`);
    console.log("| bare | warm | ratio | cold | ratio | weekly check | ratio | weekly new | ratio | weekly export | ratio |");
    console.log("|---|---|---|---|---|---|---|---|---|---|---|");
    console.log(
      `| ${[
        bareMs.toFixed(0), warm.toFixed(0), ratio(warm, bareMs, BLOG_GOALS.warm), cold.toFixed(0), ratio(cold, bareMs, BLOG_GOALS.cold),
        check.toFixed(0), ratio(check, bareMs, BLOG_GOALS.command), made.toFixed(0), ratio(made, bareMs, BLOG_GOALS.command), exported.toFixed(0), ratio(exported, bareMs, BLOG_GOALS.command),
      ].join(" | ")} |\n`,
    );
    benchStartup(blog, runs);
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
    else console.error(`kept ${root}`);
  }
}
