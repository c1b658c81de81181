// Builds a site the way a reader would receive it, and reads the result back as parsed documents.
import assert from "node:assert/strict";
import { spawnSync, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import http from "node:http";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import Eleventy from "@11ty/eleventy";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const FIXTURES = join(ROOT, "test", "fixtures");

export interface BuiltSite {
  output: string;
  /** Every file in the output folder, relative path (forward slashes) → contents. */
  files: Map<string, string>;
  /** The parsed page at a URL path such as `/posts/a/`; fails the test when it does not exist. */
  page(url: string): Document;
  has(url: string): boolean;
}

/** The folders this file's tests made with the helpers below: removed when its process ends, passed or failed. */
const made: string[] = [];
process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const madeFolder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** A fresh, empty folder outside the project for one build's output. */
export function tempOutput(label: string): string {
  return madeFolder(`weekly-${label}-`);
}

/**
 * Builds the site in `siteDir` with its own config file, through Eleventy's programmatic API,
 * into a temporary folder. Eleventy resolves paths from the working folder, so the build runs
 * from `siteDir` (each test file is its own process).
 */
export async function buildSite(siteDir: string, configPath: string, output = tempOutput("site")): Promise<BuiltSite> {
  await inFolder(siteDir, {}, async () => {
    const eleventy = new Eleventy(".", output, { configPath, quietMode: true });
    eleventy.disableLogger();
    await eleventy.write();
  });
  return readSite(output);
}

/** A command that hangs is killed (and its test fails, with a null status) after this long. */
const COMMAND_TIMEOUT_MS = 180_000;

export const ELEVENTY_BIN = join(ROOT, "node_modules", ".bin", "eleventy");

/**
 * Runs the real `eleventy` command in `siteDir` as its own process, as the README's `npx eleventy`
 * does. Each build gets a fresh process: Eleventy caches layouts per process, so two builds of one
 * site with different settings must not share one.
 */
export function runEleventy(
  siteDir: string,
  output: string,
  env: Record<string, string | undefined> = {},
  args: string[] = [],
): SpawnSyncReturns<string> {
  return spawnSync(ELEVENTY_BIN, ["--output", output, ...args], {
    cwd: siteDir,
    env: { ...process.env, WEEKLY_NOW: undefined, WEEKLY_PREVIEW: undefined, ...env },
    encoding: "utf8",
    timeout: COMMAND_TIMEOUT_MS,
  });
}

/** Eleventy's own prefix and error-name suffix removed, so a test can compare whole lines. */
export function outputLines(run: { stdout: string; stderr: string }): string[] {
  return `${run.stdout}\n${run.stderr}`.split("\n").map((line) => line.replace(/^\[11ty\] /, ""));
}

/**
 * A copy of a fixture site in a temporary folder, set up as a site that installed the plugin: its
 * `node_modules` links this project's packages and `eleventy-plugin-weekly` to this project.
 * Linked folders of the fixture (its `layouts`) are copied as real folders.
 */
export function copySite(fixture: string): string {
  return copySiteInto(fixture, madeFolder(`weekly-${fixture}-`));
}

/** `copySite` into `dir`, an empty folder the caller owns (and removes). */
export function copySiteInto(fixture: string, dir: string): string {
  cpSync(join(FIXTURES, fixture), dir, { recursive: true, dereference: true, filter: (source) => !source.includes("node_modules") && !source.includes(".cache") });
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (!name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(modules, name));
  }
  symlinkSync(ROOT, join(modules, "eleventy-plugin-weekly"));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ private: true, type: "module", dependencies: { "eleventy-plugin-weekly": "*" } }, null, 2)}\n`);
  return dir;
}

/** Adds `count` published reports to a copy of a fixture site: one a week from 2025-W30 (Thursday 2025-07-24), each with a title of its own. */
export function addReports(siteDir: string, count: number): void {
  for (let n = 0; n < count; n++) {
    const week = `2025-W${30 + n}`;
    const date = new Date(Date.UTC(2025, 6, 24 + 7 * n)).toISOString().slice(0, 10);
    writeFileSync(join(siteDir, "posts", `${week}-ai-weekly.md`), `---\ntitle: ${week} 第 ${n + 1} 份加印周报\ndescription:\ndate: ${date}\ntags: [AI]\n---\n\n第 ${n + 1} 份加印周报的正文。\n`);
  }
}

export const WEEKLY_BIN = join(ROOT, "src", "cli", "weekly.js");

/** Runs the real `weekly` command in `siteDir`, as `npx weekly` does. */
export function runWeekly(siteDir: string, args: string[], env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [WEEKLY_BIN, ...args], {
    cwd: siteDir,
    env: { ...process.env, WEEKLY_NOW: undefined, WEEKLY_PREVIEW: undefined, ...env },
    encoding: "utf8",
    timeout: COMMAND_TIMEOUT_MS,
  });
}

/**
 * `weekly` run in this process, in `cwd`, with `env` set (or, undefined, unset) for the run: its exit code and what it
 * printed. As with `runWeekly`, the test's own WEEKLY_NOW and WEEKLY_PREVIEW are unset unless `env` gives them. The
 * command's module is loaded on first use, so files that never call it do not pay. For every test that is not about
 * the process itself (its exit code as the shell sees it, its streams, signals), this is the way to run `weekly`: a
 * process costs about a second and a half of startup on these machines.
 */
export async function runWeeklyInProcess(cwd: string, args: string[], given: Record<string, string | undefined> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { WEEKLY_NOW: undefined, WEEKLY_PREVIEW: undefined, ...given };
  const { main } = await import("../src/cli/main.js");
  const collect = () => {
    const chunks: string[] = [];
    return { stream: new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) }), text: () => chunks.join("") };
  };
  const [out, err] = [collect(), collect()];
  const status = await inFolder(cwd, env, () => main(args, out.stream, err.stream));
  return { status, stdout: out.text(), stderr: err.text() };
}

/**
 * `run` in the folder `cwd`, with `env` set (or, undefined, unset) while it runs; the working folder and
 * the environment are given back after, whatever happens. For work a test runs in its own process
 * (the `weekly` command, Eleventy), one at a time: the folder and environment are the process's.
 */
export async function inFolder<T>(cwd: string, env: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const [previous, saved] = [process.cwd(), Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]))];
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  process.chdir(cwd);
  setEnv(env);
  try {
    return await run();
  } finally {
    process.chdir(previous);
    setEnv(saved);
  }
}

/** `posts/a.md:4:1  warning: message [code]`: the code a problem line (of `weekly check` or a build's log) ends with. */
const PROBLEM_CODE_RE = /  .*\[([a-z-]+)\]$/;

/** The code of a problem line, or of a problem as `weekly check --format json` gives it. */
function codeOf(problem: string | { code?: unknown }): unknown {
  return typeof problem === "string" ? PROBLEM_CODE_RE.exec(problem)?.[1] : problem.code;
}

/** The codes the problem lines (or problems) of `expected` end with: the rules a test is about. */
export function codesOf(expected: ReadonlyArray<string | { code?: unknown }>): string[] {
  return [...new Set(expected.map(codeOf).filter((code): code is string => typeof code === "string"))];
}

/**
 * The problems (lines or JSON objects) of the rules a test is about, in their order. A fixture is
 * shared: a rule added later may find more in it, and a test that compares every problem, or their
 * total, would fail for a rule it is not about. Pin the problems of your codes, exactly.
 */
export function problemsWithCode<T extends string | { code?: unknown }>(problems: readonly T[], codes: string | readonly string[]): T[] {
  const wanted = typeof codes === "string" ? [codes] : codes;
  return problems.filter((problem) => wanted.includes(codeOf(problem) as string));
}

/**
 * The count `weekly check` ends its report with, for the problem lines it printed above it:
 * `2 errors, 1 warning in 17 files.` A test about the count compares it with the lines counted.
 */
export function checkSummary(problemLines: readonly string[], files: number): string {
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  if (problemLines.length === 0) return `No problems in ${plural(files, "file")}.`;
  const warnings = problemLines.filter((text) => /^\S+  warning: /.test(text)).length;
  return `${plural(problemLines.length - warnings, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}.`;
}

/** `[weekly] posts/a.md:2:1  warning: … [code]`: a warning about a file of the content, in a log or a check's report. */
export function isContentWarning(line: string): boolean {
  return /^(\[11ty\] )?(\[weekly\] )?\S+  warning: .*\[[a-z-]+\]$/.test(line);
}

/** A log's lines but its warnings about a page of the content: what a test of a site's setup expects empty when the content is not its own. */
export function besidesContentWarnings(log: string): string[] {
  return log.split("\n").filter((line) => line.trim() !== "" && !isContentWarning(line));
}

const STOPPED_RE = /^\[weekly\] (\d+) problems? in the content stopped the build:$/;

/** The errors a build's log lists under `[weekly] N problems in the content stopped the build:`, as many as it says. */
export function stoppingErrors(lines: readonly string[]): string[] {
  const first = lines.findIndex((text) => STOPPED_RE.test(text));
  assert.ok(first >= 0, `the build did not stop on problems of the content:\n${lines.join("\n")}`);
  const listed = lines.slice(first + 1, first + 1 + Number(STOPPED_RE.exec(lines[first]!)![1]));
  for (const text of listed) assert.match(text, /^\S+  (?!warning: ).*\[[a-z-]+\]$/, "the count names as many errors as are listed");
  return listed;
}

/** Pagefind's index files are gzip-compressed; read as text once unpacked, so they can be searched. */
const PAGEFIND_DATA_RE = /\.pf_(fragment|index|meta)$/;

export function readSite(output: string): BuiltSite {
  const files = new Map<string, string>();
  for (const file of listFiles(output)) {
    const bytes = readFileSync(join(output, file));
    files.set(file, (PAGEFIND_DATA_RE.test(file) ? gunzipSync(bytes) : bytes).toString("utf8"));
  }
  return {
    output,
    files,
    has: (url) => files.has(outputPathOf(url)),
    page(url) {
      const html = files.get(outputPathOf(url));
      if (html === undefined) throw new Error(`no page at ${url}; the output has ${[...files.keys()].join(", ")}`);
      return parseHTML(html).document as unknown as Document;
    },
  };
}

/** `/posts/a/` → `posts/a/index.html`, `/` → `index.html`, `/posts/a.png` → `posts/a.png`. */
export function outputPathOf(url: string): string {
  const path = decodeURI(url.split(/[?#]/)[0]!).replace(/^\//, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

export function removeOutput(site: BuiltSite | string): void {
  rmSync(typeof site === "string" ? site : site.output, { recursive: true, force: true });
}

/** Text as a reader sees it: whitespace collapsed. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}

export function all(doc: Document | Element, selector: string): Element[] {
  return Array.from(doc.querySelectorAll(selector));
}

/**
 * Adds to a copy of the `scheduled` fixture a published report of 2024 and one of 2025, so that
 * its search index is made in three parts (2024 in `pagefind/` itself, 2025 and 2026 merged in).
 * Each earlier report is about one thing (量子计算, 机器人) and names the other once: a search
 * for either should rank the report about it first, whichever part it is in.
 */
export function addEarlierYears(site: string): void {
  const report = (title: string, date: string, about: string, once: string) =>
    `---\ntitle: ${title}\ndescription: ${about}专题\ndate: ${date}\ntags: [AI]\n---\n\n# ${title}\n\n` +
    `${Array.from({ length: 6 }, (_, n) => `第 ${n + 1} 段：${about}是本期的主题，${about}的进展与${about}的应用。`).join("\n\n")}\n\n顺带一提：${once}。\n`;
  writeFileSync(join(site, "posts", "2024-W20-ai-weekly.md"), report("量子计算专题周报", "2024-05-16", "量子计算", "机器人"));
  writeFileSync(join(site, "posts", "2025-W50-ai-weekly.md"), report("机器人专题周报", "2025-12-11", "机器人", "量子计算"));
}

/** A port on 127.0.0.1 nothing listens on (asked of the system, then freed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** What a server answered: its status, Content-Type and body. */
export interface Answer {
  status: number;
  type: string;
  bytes: Buffer;
}

/** A GET of `url` as a browser asks for a subresource (an <img>, a <source>): the answer, whatever its status. */
export function httpGet(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "sec-fetch-mode": "no-cors" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), bytes: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** The folders a preview (`eleventy --serve`) of process `pid` kept in the temporary folder: removed. */
export function removePreviewCopies(pid: number | undefined): void {
  const parent = join(tmpdir(), "eleventy-plugin-weekly-preview");
  const names = existsSync(parent) ? readdirSync(parent) : [];
  for (const name of names) if (pid !== undefined && name.endsWith(`-${pid}`)) rmSync(join(parent, name), { recursive: true, force: true });
  if (existsSync(parent) && readdirSync(parent).length === 0) rmSync(parent, { recursive: true, force: true });
}

/** Stops an `eleventy --serve` started as the leader of its own process group (`detached`), and removes what its preview kept in the temporary folder. */
export async function stopPreview(child: ChildProcess): Promise<void> {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
  await exited;
  removePreviewCopies(child.pid);
}

/**
 * A value with every problem's Chinese message (`zh`) left out, however deep: for tests about the
 * English message and the rest of a problem (test/messagesBothLanguages.test.ts checks the Chinese).
 */
export function withoutZh<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutZh) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "zh").map(([key, inner]) => [key, withoutZh(inner)])) as T;
}

/** A page's HTML as a reader reads its text: titles and headings carry a <wbr> between words (content/wordBreaks.ts). */
export function asRead(html: string): string {
  return html.replaceAll("<wbr>", "");
}
