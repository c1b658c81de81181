// What the `weekly` command knows of a site: found by running Eleventy with the site's own
// configuration in check mode, so it sees exactly what a build sees, and writing nothing there.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Problem } from "../core/errors.js";
import type { ResolvedOptions } from "../core/options.js";
import type { ExistingContent } from "../content/newWeek.js";

export interface SiteInspection {
  /** The folder of the site's Eleventy config: paths are relative to it. */
  siteDir: string;
  problems: Problem[];
  /** How many Markdown pages were read. */
  files: number;
  /** Eleventy's input folder, relative to the site's folder. */
  inputDir: string;
  options: ResolvedOptions;
  content: ExistingContent;
}

/**
 * Runs Eleventy on the site in `siteDir` with `WEEKLY_CHECK=1`: the plugin reads and analyses every
 * page, then stops the build before anything is rendered and hands back what it found. Eleventy
 * writes into a throwaway folder, so the site's own output is never touched. Returns the reason
 * instead when the check cannot run (no plugin in the config, a broken config).
 */
export async function inspectSite(startDir: string): Promise<SiteInspection | { failure: string }> {
  const siteDir = findSiteDir(startDir);
  if (!siteDir) return { failure: `no Eleventy config (${CONFIG_FILES.join(", ")}) in ${startDir} or any folder above it.` };
  const output = await mkdtemp(join(tmpdir(), "weekly-check-"));
  const previous = { cwd: process.cwd(), check: process.env.WEEKLY_CHECK };
  process.chdir(siteDir);
  process.env.WEEKLY_CHECK = "1";
  // Eleventy still prints some lines in quiet mode (a slow step's "Benchmark" warning): the
  // command's own output is the report, so nothing else reaches the console meanwhile.
  const consoleMethods = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  Object.assign(console, { log: () => {}, warn: () => {}, error: () => {}, info: () => {} });
  try {
    const eleventy = new Eleventy(undefined, output, { quietMode: true });
    eleventy.disableLogger();
    await eleventy.write();
    return { failure: "the site's Eleventy config does not add the weekly plugin (eleventyConfig.addPlugin(weekly))." };
  } catch (error) {
    const result = findCheckResult(error);
    if (result) return { problems: [...result.problems], files: result.files, siteDir, ...result.site };
    return { failure: errorText(error) };
  } finally {
    Object.assign(console, consoleMethods);
    process.chdir(previous.cwd);
    if (previous.check === undefined) delete process.env.WEEKLY_CHECK;
    else process.env.WEEKLY_CHECK = previous.check;
    await rm(output, { recursive: true, force: true });
  }
}

/** The file names Eleventy looks for its config under, in its order. */
const CONFIG_FILES = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

/** The nearest folder from `dir` up that holds an Eleventy config: the site's folder. */
function findSiteDir(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (CONFIG_FILES.some((name) => existsSync(join(at, name)))) return at;
    if (dirname(at) === at) return undefined;
  }
}

interface CheckResultLike {
  name: string;
  problems: Problem[];
  files: number;
  site: Omit<SiteInspection, "problems" | "files" | "siteDir">;
}

/** The plugin's result, wherever Eleventy wrapped it (the plugin may be another copy of this module). */
function findCheckResult(error: unknown): CheckResultLike | undefined {
  for (const e of errorChain(error)) {
    if (e.name === "WeeklyCheckResult" && Array.isArray((e as Partial<CheckResultLike>).problems)) return e as CheckResultLike;
  }
  return undefined;
}

function errorText(error: unknown): string {
  const messages = errorChain(error).map((e) => e.message).filter(Boolean);
  return messages.join("\n  ") || String(error);
}

function errorChain(error: unknown): Array<{ name?: string; message?: string }> {
  const chain: Array<{ name?: string; message?: string; originalError?: unknown; cause?: unknown }> = [];
  for (let e = error as (typeof chain)[number] | undefined; e && typeof e === "object" && chain.length < 20; e = (e.originalError ?? e.cause) as typeof e) {
    chain.push(e);
  }
  return chain;
}
