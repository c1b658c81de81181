// What the `weekly` command knows of a site: found by running Eleventy with the site's own
// configuration in check mode, so it sees exactly what a build sees, and writing nothing there.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import type { Problem } from "../errors.js";
import type { ResolvedOptions } from "../options.js";
import type { ExistingContent } from "../newWeek.js";

export interface SiteInspection {
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
export async function inspectSite(siteDir: string): Promise<SiteInspection | { failure: string }> {
  const output = await mkdtemp(join(tmpdir(), "weekly-check-"));
  const previous = { cwd: process.cwd(), check: process.env.WEEKLY_CHECK };
  process.chdir(siteDir);
  process.env.WEEKLY_CHECK = "1";
  try {
    const eleventy = new Eleventy(undefined, output, { quietMode: true });
    eleventy.disableLogger();
    await eleventy.write();
    return { failure: "the site's Eleventy config does not add the weekly plugin (eleventyConfig.addPlugin(weekly))." };
  } catch (error) {
    const result = findCheckResult(error);
    if (result) return { problems: [...result.problems], files: result.files, ...result.site };
    return { failure: errorText(error) };
  } finally {
    process.chdir(previous.cwd);
    if (previous.check === undefined) delete process.env.WEEKLY_CHECK;
    else process.env.WEEKLY_CHECK = previous.check;
    await rm(output, { recursive: true, force: true });
  }
}

interface CheckResultLike {
  name: string;
  problems: Problem[];
  files: number;
  site: Omit<SiteInspection, "problems" | "files">;
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
