// The admit stage (Eleventy's preprocessor, once per page): each page's front matter and shape
// checked, its layout and engine set, and a page not yet published dropped before it gets a URL.
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { kindOf } from "../core/kinds.js";
import { problem } from "../core/problemCodes.js";
import { missingClosingLine } from "../core/yamlMistakes.js";
import { checkOwnData } from "../content/contentData.js";
import { isThroughLink } from "../content/files.js";
import { firstInvalidUtf8 } from "../content/encoding.js";
import { closesFrontMatter, frontMatterKeyLine, frontMatterNotes } from "../content/frontMatter.js";
import { placeholderLine } from "../content/newWeek.js";
import { pageStem } from "../content/references.js";
import { publishState, type PublishState } from "../content/schedule.js";
import { checkFrontMatter } from "../content/schema.js";
import { placeInFile } from "../content/place.js";
import { fileOf, readText, relativePath, type BuildContext } from "./context.js";
import { addFileProblem, addProblem } from "./problems.js";
import type { BuildState } from "./state.js";

/**
 * A page that is not yet published (or a draft) is dropped before Eleventy gives it a URL, so no
 * output, collection, tag or link can show it; a preview keeps it. Markdown bodies are kept for
 * the analysis. Returns whether Eleventy builds the page.
 */
export function admitPage(ctx: BuildContext, state: BuildState, inputPath: string, data: Record<string, unknown>, body: string): boolean {
  const { opts } = ctx;
  const path = relativePath(ctx, inputPath);
  const kind = kindOf(path, opts);
  const markdown = inputPath.endsWith(".md");
  const link = state.links.find((l) => l.followed && isThroughLink(path, l.path));
  if (link) {
    // A second copy of a file of the site: reported once, at the link, and never analysed or built.
    addFileProblem(ctx, state, link.path, { field: "link", ...link }, link.severity);
    return false;
  }
  const notes = frontMatterNotes(data);
  if (notes?.unreadable) state.unreadable.add(path);
  for (const problem of notes?.problems ?? []) addProblem(ctx, state, path, problem, problem.severity ?? "error", problem);
  if (markdown && (notes?.replacementCharacter || body.includes("\uFFFD"))) checkEncoding(ctx, state, path);
  if (kind && markdown) checkFileShape(ctx, state, path, body);
  else if (path.includes("\\")) backslashName(ctx, state, path);
  if (kind && markdown && !notes?.unreadable) {
    for (const issue of checkFrontMatter(data, notes?.keys ?? [], kind, opts.timezone)) addProblem(ctx, state, path, issue, issue.severity);
  }
  let refused = false;
  if (kind) {
    // Content is data: a page whose own keys (or those of a data file that applies to it) would
    // instruct Eleventy is never compiled.
    const issues = checkOwnData(data, notes?.keys ?? [], { reserved: ctx.reserved, layoutsDir: opts.layoutsDir });
    for (const issue of issues) addProblem(ctx, state, path, issue, "error");
    refused = issues.length > 0 || state.refusedData.some((applies) => applies(path));
    // And its body is Markdown only, whatever the site's markdownTemplateEngine says: Liquid or
    // Nunjucks would let it include files (and Nunjucks, run code).
    data.templateEngineOverride = "md";
  }
  // A Markdown page without a layout of its own (a report, a digest, about.md) gets the site's
  // layout for its kind, instead of being written as a bare fragment of HTML. A report's or
  // digest's own layout is named by its front matter or a data file of its content folder; one
  // from the host's data above that folder (a folder-wide `layout` in a directory data file) is not.
  // (The file is read again for that only when its layout is another: a host layout's front matter
  // is merged into the page's notes, so they cannot tell.)
  const fallback = opts.layouts[kind ?? "page"];
  if (markdown && fallback !== false && data.layout === undefined) data.layout = fallback;
  else if (kind && markdown && fallback !== false && data.layout !== fallback && !ownLayout(ctx, state, path)) data.layout = fallback;
  // Drafts and schedules are the plugin's for its own pages: the site's pages are published as the site says.
  const schedule = kind ? publishState(data, state.now, opts.timezone) : { status: { state: "published" } as PublishState, problems: [] };
  for (const problem of schedule.problems) addProblem(ctx, state, path, problem, "error");
  // A page whose schedule cannot be read is kept for the analysis (so its links are checked
  // too): the build stops on its problem before anything is written. A draft stays one (draft:
  // true wins over any schedule): judged as published, its links to other drafts and its
  // placeholders would be errors that follow from the schedule's mistake.
  const status: PublishState = schedule.problems.length === 0 ? schedule.status : data.draft === true ? { state: "draft" } : { state: "published" };
  // Markdown pages are kept for the analysis, held-back ones too: their links are checked.
  if (kind && markdown) checkFinished(ctx, state, path, body, status);
  if (markdown) state.collected.set(path, { path, kind, data, body, status });
  if (refused) {
    // Analysed all the same, at its usual address, so that links to it are not reported too.
    state.refused.add(path);
    return false;
  }
  if (status.state !== "published") {
    state.heldBack.set(pageStem(path), { path, status });
    if (!state.preview) return false;
  }
  return true;
}

/** Whether a report or digest names its layout itself: in its front matter, or a data file of its content folder. */
function ownLayout(ctx: BuildContext, state: BuildState, path: string): boolean {
  return state.layoutData.some((applies) => applies(path)) || frontMatterKeyLine(readText(ctx, path), "layout") !== undefined;
}

/** A report or digest whose name cannot be a URL (`#`, `?`, `\`), or whose front matter swallowed its body. */
function checkFileShape(ctx: BuildContext, state: BuildState, path: string, body: string): void {
  if (/[#?]/.test(path)) {
    const name = posix.basename(path);
    addFileProblem(ctx, state, path, problem("file-name-url", { field: "file name" }, { name, backslash: false }), "error");
  } else if (path.includes("\\")) backslashName(ctx, state, path);
  const text = /\S/.test(body) ? undefined : readText(ctx, path);
  if (text !== undefined && !closesFrontMatter(text)) {
    const line = missingClosingLine(text);
    addProblem(ctx, state, path, problem("front-matter-unclosed", { field: "front matter" }, { emptyBody: true, lineNamed: line !== undefined }), "error", { line: line ?? 1, column: 1 });
  }
}

/**
 * A page (any page: the search index and the output's record read every page's file) whose name
 * holds "\\": Eleventy writes it under the name as it is, and every reader of its URL takes "\\"
 * for "/", so the build would stop with ENOENT after writing pages.
 */
function backslashName(ctx: BuildContext, state: BuildState, path: string): void {
  const name = posix.basename(path);
  addFileProblem(ctx, state, path, problem("file-name-url", { field: "file name" }, { name, backslash: true }), "error");
}

/**
 * A report or digest still holding a placeholder of `weekly new`'s template (`……`) is never
 * published: the build that would publish it stops, naming the line. Until it goes live (and in a
 * preview) it is a warning, so that the author can write at ease.
 */
function checkFinished(ctx: BuildContext, state: BuildState, path: string, body: string, status: PublishState): void {
  const line = placeholderLine(body);
  if (line === undefined) return;
  const live = status.state === "published" && !state.preview;
  const severity = live || (state.checkOnly && status.state === "published") ? "error" : "warning";
  const params = { text: body.split(/\r?\n/)[line]!.trim(), draft: status.state === "draft", waiting: !live && status.state === "scheduled" };
  // Placed in the file as the analysis places a body line (after the front matter).
  const placed = placeInFile(problem("placeholder", { file: path, bodyLine: line, column: 1, severity, rule: "markdown" as const }, params), readText(ctx, path), body);
  addProblem(ctx, state, path, problem("placeholder", { field: "placeholder", severity }, params), severity, { line: placed.line ?? 1, column: 1 });
}

/** A file whose text has U+FFFD: an error if that comes from bytes that are not UTF-8. */
function checkEncoding(ctx: BuildContext, state: BuildState, path: string): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(fileOf(ctx, path));
  } catch {
    return;
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid) addProblem(ctx, state, path, problem("not-utf8", { field: "encoding" }, invalid), "error", invalid);
}
