// The output folder: taken before Eleventy writes (one build at a time, never inside the
// sources), journalled before the first page is written, and settled after the last one (linked
// files copied, pictures' variants written, the search index made, stale files removed, the record
// written).
import { inLanguage } from "../core/show.js";
import { rm } from "node:fs/promises";
import { posix, relative, resolve } from "node:path";
import { show, WeeklyError, type Problem } from "../core/errors.js";
import { outputFileOf } from "../content/contentData.js";
import { problem } from "../core/problemCodes.js";
import { copyFiles, legacyManifestFile, lockFile, manifestFile, mergeManifests, newManifest, nextManifest, readManifest, readManifestSync, removeFiles, staleOutputs, unsafeOutputReason, writeManifest, type OutputManifest } from "./clean.js";
import { acquireLock, OutputLocked, realLockEnvironment } from "./outputLock.js";
import { buildSearchIndex, SEARCH_FOLDER } from "./search.js";
import { PARTIAL } from "../content/placeFile.js";
import { searchCache } from "./searchCache.js";
import { writeImages } from "./imageVariants.js";
import { pruneImageCache, rememberPreviewed } from "./imageCache.js";
import { variantFiles, type ImagePlan } from "../content/images.js";
import { fileOf, imageCacheOf, languageOf, linkedFilesOf, relativePath, type BuildContext } from "./context.js";
import type { BuildEvent, BuildState } from "./state.js";

/** How long a build waits for another build of its output folder: `WEEKLY_LOCK_WAIT` seconds, 10 minutes by default. */
function lockWaitMs(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 600_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new WeeklyError(`WEEKLY_LOCK_WAIT: received ${show(value)}; expected a number of seconds, such as 600.`);
  return seconds * 1000;
}

/** A URL path as the file Eleventy writes (`/tags/%E4%BA%BA/` is written `tags/人/`). */
function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * A build that writes takes its output folder before Eleventy writes anything: one that lies in
 * the sources is refused, and a second build of the same folder waits for the first. Returns how
 * to give it back, or undefined when this build writes nothing.
 */
export async function takeOutput(ctx: BuildContext, state: BuildState, event: BuildEvent, held: boolean): Promise<(() => Promise<void>) | undefined> {
  const output = event.directories?.output;
  state.directories = event.directories ?? {};
  state.writes = !state.checkOnly && output !== undefined && (event.outputMode ?? "fs") === "fs" && !process.argv.some((arg) => arg === "--dryrun" || arg.startsWith("--dryrun="));
  if (!state.writes || !output) return undefined;
  const unsafe = unsafeOutputReason(output, ctx.inputDir, process.cwd(), sourceFolders(ctx, state));
  if (unsafe) throw new WeeklyError(`${unsafe}: choose an output folder outside the sources, such as _site (--output=_site).`);
  if (held) return undefined; // this process holds it still (a rebuild after a failed one)
  const waitMs = lockWaitMs(ctx.env().WEEKLY_LOCK_WAIT);
  return acquireLock(lockFile(output), waitMs, {
    ...realLockEnvironment,
    waiting: (owner) => ctx.logger.info(`[weekly] waiting for another build of ${output} (process ${owner.pid} on ${owner.host}, since ${owner.since}) to finish…`),
  }).catch((error: unknown) => {
    throw error instanceof OutputLocked ? new WeeklyError(`${output}: ${error.message}`) : error;
  });
}

/** The folders an output folder must never be in, relative to the input folder: content, layouts, Eleventy's data and includes. */
function sourceFolders(ctx: BuildContext, state: BuildState): string[] {
  const { data, includes } = state.directories;
  const eleventy = [data, includes].filter((dir): dir is string => typeof dir === "string").map((dir) => posix.relative(ctx.inputDir, dir)).filter((dir) => dir !== "" && !dir.startsWith(".."));
  const project = posix.relative(ctx.inputDir, ".") || ".";
  return [ctx.opts.postsDir, ctx.opts.digestsDir, ctx.opts.layoutsDir, ...eleventy, posix.join(project, "node_modules"), posix.join(project, ".git")];
}

/** The record of an output folder, with what an earlier version kept in node_modules/.cache. */
function readRecord(output: string): Promise<OutputManifest> {
  return readManifest(manifestFile(output), legacyManifestFile(process.cwd(), output));
}

/**
 * Before Eleventy writes a page, the record of the output folder lists every file this build may
 * write (pages and the files they link to), with what earlier builds wrote: a build killed at any
 * moment leaves nothing the next build does not know to remove.
 */
export async function journal(state: BuildState): Promise<void> {
  if (!state.writes || !state.output || !state.site) return;
  const planned = newManifest();
  for (const [path, urls] of state.allUrls) if (urls.length > 0) planned[path] = urls.map((url) => decodeURIComponentSafe(outputFileOf(url)));
  for (const file of state.site.files) planned[file] = [file, ...variantFiles(state.site.images.get(file) ?? { kind: "plain" })];
  await writeManifest(manifestFile(state.output), mergeManifests(await readRecord(state.output), planned));
}

/**
 * Before the plugin puts files of its own into the output folder (`ownFiles`), the record lists
 * them, as `journal` does the pages: by input, each file with its `.partial` (content/placeFile.ts).
 */
export async function journalOwnFiles(state: BuildState, files: ReadonlyArray<readonly [input: string, file: string]>): Promise<void> {
  if (!state.writes || !state.output || files.length === 0) return;
  const planned = newManifest();
  for (const [input, file] of files) (planned[input] ??= []).push(file, file + PARTIAL);
  await writeManifest(manifestFile(state.output), mergeManifests(await readRecord(state.output), planned));
}

/** A URL as the file Eleventy would write for it, relative to the output folder: `/cards/a/card.png` → `cards/a/card.png`. */
export function outputFileOfUrl(url: string): string {
  return decodeURIComponentSafe(outputFileOf(url));
}

/**
 * An `--incremental` production build renders only the pages that changed, so the pages that
 * list or link a report held back since the last build would keep showing it: such a build
 * stops before writing anything and asks for a full one.
 */
export function unpublishedSinceLastBuild(ctx: BuildContext, state: BuildState): Problem[] {
  if (!state.incremental || state.preview || !state.output) return [];
  const previous = readManifestSync(manifestFile(state.output), legacyManifestFile(process.cwd(), state.output));
  return [...state.heldBack.values()]
    .filter((held) => (previous[held.path]?.length ?? 0) > 0)
    .map((held) => problem("stale-incremental", { file: fileOf(ctx, held.path), line: 1, column: 1 }));
}

/** The pictures only held-back pages show (a draft's), which a production build does not plan: by path. */
function heldBackPictures(state: BuildState): Map<string, ImagePlan> {
  const pages = [...(state.site?.pages.values() ?? [])];
  const shownBy = (published: boolean) =>
    new Set(pages.filter((page) => (page.status.state === "published") === published).flatMap((page) => [...page.rewrites.values()].map((href) => decodeURIComponentSafe(href.split(/[?#]/, 1)[0]!).replace(/^\//, ""))));
  const [published, held] = [shownBy(true), shownBy(false)];
  return new Map([...(state.site?.images ?? [])].filter(([path]) => held.has(path) && !published.has(path)));
}

/**
 * Files the content links to are copied into the output; a production build then removes what
 * earlier builds wrote that it no longer produces (pages since unpublished or deleted), and every
 * build records what it wrote. Returns what this build wrote, by input. `picturesOnRequest`: the
 * preview's server encodes a variant the cache lacks when it is asked for (imageVariants.ts).
 */
export async function settleOutput(ctx: BuildContext, state: BuildState, output: string, event: BuildEvent, results: NonNullable<BuildEvent["results"]>, picturesOnRequest = false): Promise<OutputManifest> {
  // Each linked file judged again as it is read: the analysis's answer may be a build old.
  const linked = linkedFilesOf(ctx, output);
  const copied = await copyFiles(linked, output, state.site?.files ?? new Set());
  const current = newManifest();
  const add = (input: string, file: string) => (current[input] ??= []).push(file);
  for (const result of results) {
    if (typeof result.outputPath !== "string" || !result.inputPath) continue;
    add(relativePath(ctx, result.inputPath), relative(resolve(output), resolve(result.outputPath)).split("\\").join("/"));
  }
  for (const [file, source] of state.passthrough) add(relativePath(ctx, source), file);
  for (const files of await Promise.all(state.ownFiles)) for (const [input, file] of files) add(input, file);
  for (const file of copied) add(file, file);
  // Each picture's variants, kept in the cache between builds (a preview's too: they are the bytes of its files).
  const imageCache = imageCacheOf(ctx);
  const images = await writeImages(linked, output, state.site?.images ?? new Map(), imageCache, picturesOnRequest);
  for (const [input, files] of images) for (const file of files) add(input, file);
  // A production build removes what is stale, and so does a whole preview (`--serve` without
  // --incremental renders every page): a page deleted while previewing goes from the preview too.
  // An incremental preview removes nothing; its pages stay recorded for the next build to remove.
  const production = event.runMode === "build" && !state.preview;
  if (production && !event.incremental && imageCache !== undefined) await pruneImageCache(imageCache, state.site?.images ?? new Map());
  if (state.preview && !event.incremental && imageCache !== undefined) await rememberPreviewed(imageCache, heldBackPictures(state));
  const outputs = {
    current,
    complete: !event.incremental,
    gone: new Set(production ? [...state.heldBack.values()].map((h) => h.path) : []),
  };
  const removes = production || outputs.complete;
  const manifest = manifestFile(output);
  const previous = await readRecord(output);
  // The new index goes in first, made from the pages this build leaves (never from a stale or
  // held-back one still on disk): a build killed after it leaves no index naming such a page.
  // While previewing with --incremental, a save rebuilds in a moment only if the index (several
  // seconds for a large site) is kept from the preview's first build until the next full one.
  const { [SEARCH_FOLDER]: earlierIndex = [], ...pages } = previous;
  const keepIndex = event.incremental === true && event.runMode !== "build" && earlierIndex.length > 0;
  if (ctx.opts.searchIndex && keepIndex) {
    current[SEARCH_FOLDER] = earlierIndex;
  } else if (ctx.opts.searchIndex) {
    const next = Object.entries(nextManifest(pages, outputs, removes ? staleOutputs(pages, outputs) : []));
    const html = next.flatMap(([, files]) => files).filter((file) => file.endsWith(".html"));
    // The index is made in parts by year: a page's ISO week-year, or its date's year.
    const inputOf = new Map(next.flatMap(([input, files]) => files.map((file) => [file, input] as const)));
    const yearOf = (file: string) => {
      const page = state.site?.pages.get(inputOf.get(file) ?? "");
      return page?.week?.weekYear ?? page?.date?.year;
    };
    const journalIndex = (files: string[]) => writeManifest(manifest, mergeManifests(previous, { [SEARCH_FOLDER]: files }));
    // Only a production build's index may be kept: a preview's holds pages not yet published.
    const cache = production && ctx.opts.cacheDir !== false ? searchCache(resolve(ctx.opts.cacheDir, "search"), (line) => ctx.logger.warn(inLanguage(line, languageOf(ctx)))) : undefined;
    current[SEARCH_FOLDER] = await buildSearchIndex(output, html, yearOf, journalIndex, cache, (line) => ctx.logger.info(`[weekly] ${line}`));
  }
  // Then what is stale goes, the earlier index's files that the new one does not use among them.
  const stale = removes ? staleOutputs(previous, outputs) : earlierIndex.filter((file) => !(current[SEARCH_FOLDER] ?? []).includes(file));
  await removeFiles(output, stale);
  await writeManifest(manifest, nextManifest(previous, outputs, stale));
  // The record now lives in the output folder; the one an earlier version kept is no longer read.
  await rm(legacyManifestFile(process.cwd(), output), { force: true });
  return current;
}
