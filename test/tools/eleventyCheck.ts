// The reference for `weekly check`: the plugin's check run inside Eleventy itself (WEEKLY_CHECK=1
// stops the build after the analysis and hands the problems back), printed as JSON. The command
// reads the site without Eleventy; test/readSite.test.ts compares the two on every fixture site.
//
//   cd <site> && node --import tsx <repo>/test/tools/eleventyCheck.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";

interface CheckResultLike {
  name: string;
  problems: unknown[];
  files: number;
}

function findResult(error: unknown): CheckResultLike | undefined {
  for (let e = error as (CheckResultLike & { originalError?: unknown; cause?: unknown }) | undefined, i = 0; e && i < 20; e = (e.originalError ?? e.cause) as typeof e, i++) {
    if (e.name === "WeeklyCheckResult") return e;
  }
  return undefined;
}

const output = await mkdtemp(join(tmpdir(), "weekly-eleventy-check-"));
process.env.WEEKLY_CHECK = "1";
const quiet = { log: console.log, warn: console.warn, error: console.error, info: console.info };
Object.assign(console, { log: () => {}, warn: () => {}, error: () => {}, info: () => {} });
let result: CheckResultLike | undefined;
try {
  const eleventy = new Eleventy(undefined, output, { quietMode: true });
  eleventy.disableLogger();
  await eleventy.write();
} catch (error) {
  result = findResult(error);
  if (!result) throw error;
} finally {
  Object.assign(console, quiet);
  await rm(output, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ files: result?.files, problems: result?.problems }, null, 1)}\n`);
