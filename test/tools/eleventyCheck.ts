// The reference for `weekly check`: the plugin's check run inside Eleventy itself (WEEKLY_CHECK=1
// stops the build after the analysis and hands the problems back). The command reads the site
// without Eleventy; test/readSite.test.ts compares the two on every fixture site, running this in
// its own process (Eleventy's programmatic API, a fresh instance per site and clock). Run by hand,
// it prints the problems as JSON:
//
//   cd <site> && node --import tsx <repo>/test/tools/eleventyCheck.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import { inFolder } from "../helpers.js";

interface CheckResultLike {
  name: string;
  problems: unknown[];
  files: number;
}

export interface EleventyFound {
  files: number | undefined;
  problems: unknown[] | undefined;
}

function findResult(error: unknown): CheckResultLike | undefined {
  for (let e = error as (CheckResultLike & { originalError?: unknown; cause?: unknown }) | undefined, i = 0; e && i < 20; e = (e.originalError ?? e.cause) as typeof e, i++) {
    if (e.name === "WeeklyCheckResult") return e;
  }
  return undefined;
}

/**
 * Eleventy's check of the site in `site`, in this process, with `env` set (undefined: unset) for the
 * run and WEEKLY_CHECK=1. The working folder, the environment and the console are given back after.
 */
export async function eleventyCheck(site: string, env: Record<string, string | undefined> = {}): Promise<EleventyFound> {
  const output = await mkdtemp(join(tmpdir(), "weekly-eleventy-check-"));
  const quiet = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  let result: CheckResultLike | undefined;
  Object.assign(console, { log: () => {}, warn: () => {}, error: () => {}, info: () => {} });
  try {
    await inFolder(site, { ...env, WEEKLY_CHECK: "1" }, async () => {
      const eleventy = new Eleventy(undefined, output, { quietMode: true });
      eleventy.disableLogger();
      await eleventy.write();
    });
  } catch (error) {
    result = findResult(error);
    if (!result) throw error;
  } finally {
    Object.assign(console, quiet);
    await rm(output, { recursive: true, force: true });
  }
  return { files: result?.files, problems: result?.problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await eleventyCheck(process.cwd()), null, 1)}\n`);
}
