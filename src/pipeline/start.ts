// The first stage (`eleventy.before`): the build's clock and mode, and the content folders checked
// for anything that would run as code before Eleventy reads a page.
import { readdirSync, statSync } from "node:fs";
import { posix } from "node:path";
import { DEFAULTS } from "../core/options.js";
import { misplacedContent, type ContentFolder, type FolderReader } from "../content/contentFolders.js";
import { show, sortProblems, WeeklyError, type Problem } from "../core/errors.js";
import { dataFileScope, findContentFolderFiles, findLinkProblems, MAX_CONTENT_FILE_BYTES, readDataFile } from "../content/files.js";
import { jsonKeyLine, unusableTag } from "../content/frontMatter.js";
import { checkOwnData, type DataIssue } from "../content/contentData.js";
import { keyLine, placePrototypeKeys } from "../core/prototypeKeys.js";
import { problem } from "../core/problemCodes.js";
import { buildClock } from "../content/schedule.js";
import { fileOf, readText, type BuildContext } from "./context.js";
import { addFileProblem, addProblem, stop } from "./problems.js";
import { newBuildState, type BuildEvent, type BuildState } from "./state.js";

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
  if (state.stopped) return state;
  warnMisplacedContent(ctx, state);
  return state;
}

/** Reports or digests where the plugin does not look, and content folders the input folder lacks: warnings naming both places. */
function warnMisplacedContent(ctx: BuildContext, state: BuildState): void {
  const folders: ContentFolder[] = [
    { option: "postsDir", dir: ctx.opts.postsDir, holds: "reports", chosen: ctx.opts.postsDir !== DEFAULTS.postsDir },
    { option: "digestsDir", dir: ctx.opts.digestsDir, holds: "digests", chosen: ctx.opts.digestsDir !== DEFAULTS.digestsDir },
  ];
  for (const issue of misplacedContent(ctx.inputDir, folders, FOLDER_READER)) {
    state.problems.set(`${issue.file}\0${issue.field}`, { file: issue.file, severity: issue.severity, code: issue.code, message: issue.message, zh: issue.zh });
  }
}

/** The disk as misplacedContent reads it: folders, and the Markdown files under one (not in node_modules). */
const FOLDER_READER: FolderReader = {
  isFolder: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true,
  markdownFiles: (path) =>
    (readdirSync(path, { recursive: true, encoding: "utf8" }) as string[]).filter((file) => file.toLowerCase().endsWith(".md") && !file.split(/[\\/]/).includes("node_modules")).length,
};

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
  const early = found.flatMap((file) =>
    file.kind === "data" ? [] : file.kind === "too large" || file.kind === "not a file" ? [tooLargeProblem(ctx, file.path, file.size)] : [codeFileProblem(ctx, file.path, file.kind)],
  );
  const later: Array<{ path: string; issues: DataIssue[]; text: string }> = [];
  for (const file of found.filter((f) => f.kind === "data")) {
    const text = readText(ctx, file.path);
    const read = readDataFile(file.path, text);
    if ("problem" in read) {
      later.push({ path: file.path, issues: [problem("data-file", { field: "data file" }, read.problem)], text });
      continue;
    }
    early.push(...beforeEleventyReads(ctx, file.path, read.data, text));
    if (read.data.layout !== undefined) state.layoutData.push(dataFileScope(file.path));
    const issues = checkOwnData(read.data, Object.keys(read.data), { reserved: ctx.reserved, layoutsDir: ctx.opts.layoutsDir, inDataFile: true });
    later.push({ path: file.path, issues, text });
  }
  if (early.length > 0) {
    // Stopping here, with the other problems of the data files too.
    for (const { path, issues, text } of later) for (const issue of issues) early.push({ file: fileOf(ctx, path), line: jsonKeyLine(text, issue.field), column: 1, severity: "error", code: issue.code, message: issue.message, zh: issue.zh });
    // A build stops; a check hands them back (the start stage returns them).
    if (!state.checkOnly) throw stop(ctx, sortProblems(early));
    state.stopped = sortProblems(early);
    return;
  }
  for (const { path, issues, text } of later) {
    for (const issue of issues) addProblem(ctx, state, path, issue, "error", { line: jsonKeyLine(text, issue.field), column: 1 });
    if (issues.length > 0) state.refusedData.push(dataFileScope(path));
  }
}

/**
 * What in a data file of a content folder Eleventy acts on while it reads the site, before any page
 * could be held back: a prototype key (its merge of data would change every object of the build)
 * and a tag Eleventy's collections stop on (`__proto__`, `__defineGetter__`). The build stops at
 * its start on these, as on code, with every other problem of the data files.
 */
function beforeEleventyReads(ctx: BuildContext, path: string, data: Record<string, unknown>, text: string): Problem[] {
  const at = (line: number | undefined) => ({ file: fileOf(ctx, path), line: line ?? 1, column: 1 });
  const problems: Problem[] = placePrototypeKeys(text, data, { remove: true }).map((key) => problem("prototype-key", at(key.line), { path: key.path, key: key.key }));
  const tag = unusableTag(data);
  if (tag) problems.push(problem("prototype-key", at(keyLine(text, "tags")), tag));
  return problems;
}

function codeFileProblem(ctx: BuildContext, path: string, kind: "template" | "front matter"): Problem {
  if (kind === "front matter") return problem("code-front-matter", { file: fileOf(ctx, path), line: 1, column: 1 });
  return problem("code-file", { file: fileOf(ctx, path) }, { folder: posix.dirname(path).split("/")[0]!, layoutsDir: ctx.opts.layoutsDir });
}

/** A page or data file over the limit, or (no size) one that is not a regular file at all. */
function tooLargeProblem(ctx: BuildContext, path: string, size: number | undefined): Problem {
  const what = path.toLowerCase().endsWith(".md") ? "a report or digest" : "a data file of a content folder";
  const limit = `${megabytes(MAX_CONTENT_FILE_BYTES)} (${MAX_CONTENT_FILE_BYTES} bytes) for ${what}`;
  return problem("file-too-large", { file: fileOf(ctx, path) }, { limit, size: size === undefined ? undefined : `${megabytes(size)} (${size} bytes)` });
}

/** Bytes as mebibytes, written MB as the README does: 209715200 → "200 MB", 10485761 → "10.0 MB". */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
