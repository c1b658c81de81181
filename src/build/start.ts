// The first stage (`eleventy.before`): the build's clock and mode, and the content folders checked
// for anything that would run as code before Eleventy reads a page.
import { posix } from "node:path";
import { show, sortProblems, WeeklyError, type Problem } from "../core/errors.js";
import { dataFileScope, findContentFolderFiles, findLinkProblems, MAX_CONTENT_FILE_BYTES, readDataFile } from "../content/files.js";
import { jsonKeyLine } from "../content/frontMatter.js";
import { checkOwnData } from "../content/contentData.js";
import { buildClock } from "../content/schedule.js";
import { fileOf, readText, type BuildContext } from "./context.js";
import { addFileProblem, addProblem, stop } from "./problems.js";
import { newBuildState, type BuildEvent, type BuildState } from "./state.js";
import { existingContent, WeeklyCheckResult } from "./checkResult.js";

/** An on/off environment variable: `1`/`true` or `0`/`false`/unset; anything else is a mistake. */
export function readSwitch(name: string, value: string | undefined): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  throw new WeeklyError(`${name}: received ${show(value)}; expected 1 (or true) to turn it on, 0 (or false) or nothing to leave it off.`);
}

/**
 * Every build (and every rebuild under `--serve`) starts from nothing, reads its clock and decides
 * whether it is a preview (`--serve`, `--watch` or `WEEKLY_PREVIEW=1`).
 */
export function beginBuild(ctx: BuildContext, event: BuildEvent): BuildState {
  const env = ctx.env();
  const checkOnly = env.WEEKLY_CHECK === "1";
  const previewAsked = readSwitch("WEEKLY_PREVIEW", env.WEEKLY_PREVIEW);
  const clock = buildClock(env.WEEKLY_NOW, ctx.opts.timezone);
  if (clock.problem) throw new WeeklyError(clock.problem);
  const state = newBuildState({
    now: clock.now,
    // A check reads every page, published or not, like a preview.
    preview: checkOnly || event.runMode === "serve" || event.runMode === "watch" || previewAsked,
    checkOnly,
    output: event.directories?.output,
    incremental: event.incremental === true && event.runMode === "build",
  });
  // Links Eleventy skips are reported now; those it follows, when a file comes through them.
  state.links = findLinkProblems(ctx.inputDir, [ctx.opts.postsDir, ctx.opts.digestsDir]);
  for (const link of state.links.filter((l) => !l.followed)) addFileProblem(ctx, state, link.path, { field: "link", ...link }, link.severity);
  checkContentFolders(ctx, state);
  return state;
}

/**
 * Content is data: a template or script in a content folder, or Markdown with JavaScript front
 * matter, would run as code while Eleventy reads it, before any page could be held back, so the
 * build stops here, naming each one. A data file there is data, but its keys apply to the pages
 * it belongs to: they are checked like front matter, and those pages are never compiled when one
 * is refused (see admit.ts). Only JSON and YAML data files can be read so; others are refused.
 * A page or data file too large to read is refused here too, by its size alone, before Eleventy
 * or the check reads a byte of it.
 */
function checkContentFolders(ctx: BuildContext, state: BuildState): void {
  const found = findContentFolderFiles(ctx.inputDir, [ctx.opts.postsDir, ctx.opts.digestsDir], ctx.dataExtensions());
  const code = found.flatMap((file) =>
    file.kind === "data" ? [] : file.kind === "too large" ? [tooLargeProblem(ctx, file.path, file.size!)] : [codeFileProblem(ctx, file.path, file.kind)],
  );
  if (code.length > 0) {
    if (state.checkOnly) throw new WeeklyCheckResult(sortProblems(code), 0, { inputDir: ctx.inputDir, options: ctx.opts, content: existingContent(undefined) });
    throw stop(ctx, code);
  }
  for (const file of found.filter((f) => f.kind === "data")) {
    const text = readText(ctx, file.path);
    const read = readDataFile(file.path, text);
    const issues =
      "problem" in read
        ? [{ field: "data file", code: "data-file" as const, message: read.problem }]
        : checkOwnData(read.data, Object.keys(read.data), { reserved: ctx.reserved, layoutsDir: ctx.opts.layoutsDir, inDataFile: true });
    for (const issue of issues) addProblem(ctx, state, file.path, issue, "error", { line: jsonKeyLine(text, issue.field), column: 1 });
    if (issues.length > 0) state.refusedData.push(dataFileScope(file.path));
  }
}

function codeFileProblem(ctx: BuildContext, path: string, kind: "template" | "front matter"): Problem {
  const folder = posix.dirname(path).split("/")[0];
  const message =
    kind === "template"
      ? `a template or script in a content folder: Eleventy would run it as code while building. Reports and digests are Markdown (.md) files; move site templates out of ${folder}/ (layouts belong in ${ctx.opts.layoutsDir}/).`
      : `front matter in a language that runs as code (such as ---js): reports and digests take YAML (---) or JSON (---json) front matter only.`;
  return { file: fileOf(ctx, path), ...(kind === "front matter" ? { line: 1, column: 1 } : {}), severity: "error", code: kind === "template" ? "code-file" : "code-front-matter", message };
}

function tooLargeProblem(ctx: BuildContext, path: string, size: number): Problem {
  const what = path.toLowerCase().endsWith(".md") ? "a report or digest" : "a data file of a content folder";
  return {
    file: fileOf(ctx, path),
    severity: "error",
    code: "file-too-large",
    message: `the file is ${megabytes(size)} (${size} bytes), over the limit of ${megabytes(MAX_CONTENT_FILE_BYTES)} (${MAX_CONTENT_FILE_BYTES} bytes) for ${what}: it is not read. Split it into smaller files, or move what is not text (pictures, data) into files it links to.`,
  };
}

/** Bytes as mebibytes, written MB as the README does: 209715200 → "200 MB", 10485761 → "10.0 MB". */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
