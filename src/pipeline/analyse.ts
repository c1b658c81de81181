// The analyse-and-check stage (`eleventy.contentMap`): every page's URL is known and nothing is
// rendered yet. The content is analysed as a whole (links, weeks, digests), the problems of the
// build gathered and weighed; the build stops here on any error, before a page is written.
import { sortProblems, type Problem } from "../core/errors.js";
import { problem, readsFrontMatter } from "../core/problemCodes.js";
import { kindOf } from "../core/kinds.js";
import { outputFileOf } from "../content/contentData.js";
import { frontMatterKeyLine } from "../content/frontMatter.js";
import { pageStem } from "../content/references.js";
import { analyseSite } from "../content/site.js";
import { type BodyReader } from "../content/body.js";
import { tagClashes, tagUrls } from "../content/tags.js";
import { siteFiles } from "./imageVariants.js";
import { fileOf, linkedFilesOf, readText, relativePath, type BuildContext } from "./context.js";
import { placeProblem, severityIn } from "./problems.js";
import type { BuildState } from "./state.js";

/** Analyses the site into `state.site` and returns every problem of the build, sorted. */
export function analyseBuild(ctx: BuildContext, state: BuildState, inputPathToUrl: Record<string, string[]>, readBody: BodyReader): Problem[] {
  const urls = new Map<string, string>();
  state.allUrls = new Map();
  for (const [inputPath, list] of Object.entries(inputPathToUrl)) {
    const url = list[0];
    if (typeof url === "string") urls.set(relativePath(ctx, inputPath), url);
    state.allUrls.set(relativePath(ctx, inputPath), list.filter((u): u is string => typeof u === "string"));
  }
  for (const path of state.refused) if (!urls.has(path)) urls.set(path, `/${pageStem(path)}/`);
  const linked = linkedFilesOf(ctx, state.output);
  const site = analyseSite(
    state.collected.values(),
    urls,
    readBody,
    ctx.opts,
    linked,
    // A preview shows held-back pages; a check still reports published links to them.
    state.preview && !state.checkOnly ? new Map() : state.heldBack,
    siteFiles(ctx.inputDir, linked),
    state.now,
  );
  state.site = site;
  const shown = shownReports(state);
  // Without tag pages, a tag is shown but links nowhere. A refused page is never built: its tags have no page.
  const built = shown.filter((page) => !state.refused.has(page.path));
  state.tagUrls = ctx.opts.layouts.tag === false ? new Map() : tagUrls(built, ctx.opts.tagsPath, ctx.opts.tagSlugs);
  const found = site.problems.flatMap((p) => {
    const severity = severityIn(ctx, state, p);
    return severity === false ? [] : [placeProblem(ctx, state, { ...p, severity })];
  });
  return sortProblems(withoutFollowOns(ctx, state, [...state.problems.values(), ...found, ...sharedAddresses(ctx, state), ...clashingTags(ctx, shown)]));
}

/**
 * One mistake, one message: a page whose front matter could not be read has no title, date or
 * schedule the author wrote, so every rule that reads them (`readsFrontMatter` in the catalogue of codes)
 * would judge stand-ins (the file's name, 1970, "published"). Only the front matter's problem,
 * and those of its body, are reported.
 */
function withoutFollowOns(ctx: BuildContext, state: BuildState, problems: Problem[]): Problem[] {
  if (state.unreadable.size === 0) return problems;
  const unreadable = new Set([...state.unreadable].map((path) => fileOf(ctx, path)));
  return problems.filter((problem) => !(unreadable.has(problem.file) && readsFrontMatter(problem.code)));
}

/** The reports this build shows: published ones, and in a preview held-back ones too. */
function shownReports(state: BuildState) {
  return [...state.collected.values()].filter((page) => page.kind === "report" && (state.preview || page.status.state === "published"));
}

/** Tags of the reports this build shows that would share a tag page's URL, at the `tags` line of a report using each. */
function clashingTags(ctx: BuildContext, shown: ReturnType<typeof shownReports>): Problem[] {
  return tagClashes(shown, ctx.opts.tagsPath, ctx.opts.tagSlugs).map((clash) => ({
    file: fileOf(ctx, clash.path),
    line: frontMatterKeyLine(readText(ctx, clash.path), "tags") ?? 1,
    column: 1,
    severity: clash.severity,
    code: clash.code,
    message: clash.message,
    zh: clash.zh,
  }));
}

/** Two pages that would be written to one file: a report's or digest's permalink takes another page's address. */
function sharedAddresses(ctx: BuildContext, state: BuildState): Problem[] {
  // Without case, as macOS and Windows folders compare names; a file also takes its path as a folder.
  const owners = new Map<string, string[]>();
  const own = (file: string, path: string) => owners.set(file, [...(owners.get(file) ?? []), path]);
  for (const [path, urls] of state.allUrls) for (const url of urls) own(outputFileOf(url).toLowerCase(), path);
  const problems: Problem[] = [];
  for (const [path, urls] of state.allUrls) {
    if (!kindOf(path, ctx.opts)) continue;
    for (const url of urls) {
      const file = outputFileOf(url).toLowerCase();
      const folders = file.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"));
      const others = [...new Set([...(owners.get(file) ?? []), ...folders.flatMap((folder) => owners.get(folder) ?? [])])].filter((p) => p !== path);
      if (others.length === 0) continue;
      const line = frontMatterKeyLine(readText(ctx, path), "permalink") ?? 1;
      problems.push(problem("address-clash", { file: fileOf(ctx, path), line, column: 1 }, { file: outputFileOf(url), others }));
    }
  }
  return problems;
}
