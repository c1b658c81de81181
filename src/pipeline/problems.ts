// The problem log of one build: each problem once, at its file, line and column, with the weight
// it has in this build.
import { WeeklyError, type Problem } from "../core/errors.js";
import { NOT_LIVE_YET, NOT_LIVE_YET_ZH, relievedIn, type ProblemCode } from "../core/problemCodes.js";
import { frontMatterKeyLine } from "../content/frontMatter.js";
import { placeInFile } from "../content/place.js";
import { type SiteIndex } from "../content/pageTypes.js";
import { fileOf, languageOf, readText, type BuildContext } from "./context.js";
import type { BuildState } from "./state.js";

/** What is wrong with one field (or one aspect) of a file. */
export interface FileIssue {
  field: string;
  code: ProblemCode;
  message: string;
  /** The message in Chinese. */
  zh: string;
}

/** A front-matter problem, placed on the line of its key. Reported once however often Eleventy asks. */
export function addProblem(
  ctx: BuildContext,
  state: BuildState,
  path: string,
  issue: FileIssue,
  severity: Problem["severity"],
  at?: { line: number; column: number },
): void {
  const line = at?.line ?? frontMatterKeyLine(readText(ctx, path), issue.field) ?? 1;
  const column = at?.column ?? 1;
  const key = `${path}\0${issue.field}`;
  if (severity === "warning" && state.problems.get(key)?.severity === "error") return; // the error says more
  state.problems.set(key, { file: fileOf(ctx, path), line, column, severity, code: issue.code, message: issue.message, zh: issue.zh });
}

/** A problem with a file as a whole (a link, say): no line to point at. */
export function addFileProblem(ctx: BuildContext, state: BuildState, path: string, issue: FileIssue, severity: Problem["severity"]): void {
  state.problems.set(`${path}\0${issue.field}`, { file: fileOf(ctx, path), severity, code: issue.code, message: issue.message, zh: issue.zh });
}

/**
 * How much a problem of the analysis weighs in this build, as its code's entry of the catalogue
 * says (`relievedIn`). A preview is for writing (a report may link to the digest not written yet),
 * so there the analysis's errors are warnings. `brokenLinks` applies to missing targets only, never
 * to a link that would point to a page not yet published. A problem deferred in a page not yet
 * published warns until that page goes live; `weekly check` reports it as it is.
 */
export function severityIn(ctx: BuildContext, state: BuildState, problem: SiteIndex["problems"][number]): Problem["severity"] | false {
  const links = ctx.opts.brokenLinks;
  const relaxed = relievedIn(problem.code, "brokenLinks") && links !== "error" ? links && "warning" : problem.severity;
  if (state.checkOnly) return relaxed;
  if ((state.preview && relievedIn(problem.code, "preview")) || problem.deferred) return relaxed && "warning";
  return relaxed;
}

/** A problem of the analysis, placed in its file (body lines after the front matter). */
export function placeProblem(ctx: BuildContext, state: BuildState, problem: SiteIndex["problems"][number]): Problem {
  if (problem.deferred) problem = { ...problem, message: `${problem.message}${NOT_LIVE_YET}`, zh: `${problem.zh}${NOT_LIVE_YET_ZH}` };
  const body = state.collected.get(problem.file)?.body ?? "";
  return { ...placeInFile(problem, readText(ctx, problem.file), body), file: fileOf(ctx, problem.file) };
}

/** Prints the problems that stop the build, once, and returns the error to stop it with. */
export function stop(ctx: BuildContext, problems: readonly Problem[]): WeeklyError {
  ctx.logger.error(WeeklyError.report(problems, languageOf(ctx)));
  return WeeklyError.fromProblems(problems);
}
