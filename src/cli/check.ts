// `weekly check`: every problem of a site's content, found by the same analysis a build runs,
// through Eleventy with the site's own configuration, writing nothing into the site.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Eleventy from "@11ty/eleventy";
import { formatProblem, type Problem } from "../errors.js";

export interface CheckReport {
  problems: Problem[];
  files: number;
  /** Why the check could not run at all (no plugin in the config, a broken config). */
  failure?: string;
}

/**
 * Runs Eleventy on the site in `siteDir` with `WEEKLY_CHECK=1`: the plugin reads and analyses every
 * page, then stops the build before anything is rendered and hands back what it found. Eleventy
 * writes into a throwaway folder, so the site's own output is never touched.
 */
export async function runCheck(siteDir: string): Promise<CheckReport> {
  const output = await mkdtemp(join(tmpdir(), "weekly-check-"));
  const previous = { cwd: process.cwd(), check: process.env.WEEKLY_CHECK };
  process.chdir(siteDir);
  process.env.WEEKLY_CHECK = "1";
  try {
    const eleventy = new Eleventy(undefined, output, { quietMode: true });
    eleventy.disableLogger();
    await eleventy.write();
    return { problems: [], files: 0, failure: "the site's Eleventy config does not add the weekly plugin (eleventyConfig.addPlugin(weekly))." };
  } catch (error) {
    const result = findCheckResult(error);
    if (result) return { problems: [...result.problems], files: result.files };
    return { problems: [], files: 0, failure: errorText(error) };
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
}

/** The plugin's result, wherever Eleventy wrapped it (the plugin may be another copy of this module). */
function findCheckResult(error: unknown): CheckResultLike | undefined {
  for (let e = error as { name?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) {
    if (e.name === "WeeklyCheckResult" && Array.isArray((e as CheckResultLike).problems)) return e as CheckResultLike;
  }
  return undefined;
}

function errorText(error: unknown): string {
  const messages: string[] = [];
  for (let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) {
    if (e.message) messages.push(e.message);
  }
  return messages.join("\n  ") || String(error);
}

/** The report as lines of `file:line:col  message` and a count, or as JSON. */
export function formatReport(report: CheckReport, format: "text" | "json"): string {
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.length - errors;
  if (format === "json") {
    return `${JSON.stringify({ files: report.files, errors, warnings, problems: report.problems }, null, 2)}\n`;
  }
  const files = `${report.files} file${report.files === 1 ? "" : "s"}`;
  if (report.problems.length === 0) return `No problems in ${files}.\n`;
  const count = [`${errors} error${errors === 1 ? "" : "s"}`, `${warnings} warning${warnings === 1 ? "" : "s"}`].join(", ");
  return `${report.problems.map(formatProblem).join("\n")}\n${count} in ${files}.\n`;
}
