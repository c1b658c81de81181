// What every stage of every build shares: the options, the site's folder, where messages go, and
// how a content file is named and read.
import { messageLanguage, type Language } from "../core/language.js";
import { readFileSync } from "node:fs";
import { posix, resolve } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { inputRelative } from "../content/body.js";
import type { ReservedOutputs } from "../content/contentData.js";
import { linkedFiles, type LinkedFiles } from "../content/linkedFiles.js";
import type { BuildEnvironment } from "./state.js";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** The problems that stop a build, printed once. */
  error(message: string): void;
}

export interface BuildContext {
  opts: ResolvedOptions;
  /** Eleventy's input folder, as Eleventy names it (`./`). */
  inputDir: string;
  logger: Logger;
  env: () => BuildEnvironment;
  /** The data file extensions the site reads, json first. */
  dataExtensions: () => readonly string[];
  /** What the plugin writes itself, which no page's `permalink` may take. */
  reserved: ReservedOutputs;
}

/** The language the build's messages are printed in: the site's, unless `WEEKLY_LANG` says. */
export const languageOf = (ctx: BuildContext): Language => messageLanguage(ctx.opts.site.language, ctx.env().WEEKLY_LANG);

/** A path relative to the input folder (`posts/a.md`), from Eleventy's input path (`./posts/a.md`). */
export const relativePath = (ctx: BuildContext, inputPath: string): string => inputRelative(inputPath, ctx.inputDir);

/** The file of a content path, as the problems name it. */
export const fileOf = (ctx: BuildContext, path: string): string => posix.normalize(posix.join(ctx.inputDir, path));

/** A content file's text, or "" when it vanished since Eleventy read it (reported without a line). */
export function readText(ctx: BuildContext, path: string): string {
  try {
    return readFileSync(fileOf(ctx, path), "utf8");
  } catch {
    return "";
  }
}

/**
 * The rule of the files this build may publish because a page links to them (see
 * content/linkedFiles.ts), with the folders it writes: its output folder (relative to the working
 * folder, Eleventy's and `weekly check`'s) and the plugin's cache. Made fresh for each use, so a
 * file is judged again when it is copied.
 */
export function linkedFilesOf(ctx: BuildContext, output: string | undefined): LinkedFiles {
  const written = [
    ...(output === undefined ? [] : [{ name: `the output folder ${posix.normalize(output).replace(/\/$/, "")}`, path: output }]),
    ...(ctx.opts.cacheDir === false ? [] : [{ name: `the cache ${ctx.opts.cacheDir}`, path: ctx.opts.cacheDir }]),
  ];
  return linkedFiles({ inputDir: ctx.inputDir, projectDir: process.cwd(), written });
}

/** Where pictures' variants are kept between builds (imageCache.ts), unless the site turned the cache off. */
export function imageCacheOf(ctx: BuildContext): string | undefined {
  return ctx.opts.cacheDir === false ? undefined : resolve(ctx.opts.cacheDir, "images");
}
