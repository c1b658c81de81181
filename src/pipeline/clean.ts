// The output folder: files the content links to are copied in, and what earlier builds wrote
// but this one no longer produces is removed. Only files a build of this plugin wrote are ever
// removed: a record (the manifest) in the output folder remembers them per input file, and it is
// written before the files are (see build.ts), so that a build killed halfway leaves nothing the
// next one does not know of.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { within } from "../core/paths.js";
import { linkedFileSource, type LinkedFiles } from "../content/linkedFiles.js";
import { BOOKKEEPING_FOLDER } from "../content/contentData.js";
import { OUTPUT_RECORD } from "../content/outputFolders.js";

/** Input file (as Eleventy names it, or a copied file's source) → output files, relative to the output folder. */
export type OutputManifest = Record<string, string[]>;

/**
 * An empty record, without a prototype: its keys are file names, and a file named `constructor`
 * or `__proto__` must find its own entry, never a part of every object.
 */
export function newManifest(): OutputManifest {
  return Object.create(null) as OutputManifest;
}

/**
 * Why building into this output folder would be unsafe, if it would be: a folder that holds the
 * input or the project, or lies inside one of the site's source folders (its content, layouts or
 * data), through any symbolic link. Pages written there would land among the sources, and the
 * clean-up of a later build could remove a source file it once copied onto itself.
 */
export function unsafeOutputReason(outputDir: string, inputDir: string, projectDir: string, sourceFolders: readonly string[]): string | undefined {
  const output = realPathOf(outputDir);
  const shown = output === resolve(outputDir) ? outputDir : `${outputDir} (${output})`;
  const inside = (child: string, parent: string) => within(parent, child) !== undefined;
  if (inside(realPathOf(inputDir), output)) return `the output folder ${shown} holds the input folder`;
  if (inside(realPathOf(projectDir), output)) return `the output folder ${shown} holds the project`;
  for (const folder of sourceFolders) {
    const source = realPathOf(join(inputDir, folder));
    if (inside(output, source)) return `the output folder ${shown} is inside the source folder ${folder}`;
  }
  return undefined;
}

/** The real path of a folder that may not exist yet: its nearest existing parent's, links resolved. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  for (let at = absolute; ; at = dirname(at)) {
    try {
      return join(realpathSync(at), relative(at, absolute));
    } catch {
      if (dirname(at) === at) return absolute;
    }
  }
}

export interface BuildOutputs {
  /** The manifest of this build. */
  current: OutputManifest;
  /** True when this build rendered every page (not `--incremental`). */
  complete: boolean;
  /** Inputs that must leave no output: pages not yet published. */
  gone: ReadonlySet<string>;
}

/**
 * What an earlier build wrote that this build does not produce. After a complete build that is
 * every earlier file not written now; after an incremental one, only the earlier files of inputs
 * this build rendered again, or that must now leave no output.
 */
export function staleOutputs(previous: OutputManifest, { current, complete, gone }: BuildOutputs): string[] {
  const produced = new Set(Object.values(current).flat());
  const stale = new Set<string>();
  for (const [input, files] of Object.entries(previous)) {
    if (!complete && !Object.hasOwn(current, input) && !gone.has(input)) continue;
    for (const file of files) if (!produced.has(file)) stale.add(file);
  }
  return [...stale].sort();
}

/**
 * The manifest after a build: what it lists is on disk, and what is on disk that a build wrote is
 * listed. A complete build that removed what is stale lists what it wrote; any other build keeps
 * every earlier entry but the files it removed (`removed`), and adds its own. An input's files are
 * merged, never replaced: one template writes many files (the editions of every report, their
 * cards), and a preview that no longer writes one of them (a draft deleted) has not removed it.
 */
export function nextManifest(previous: OutputManifest, { current, complete }: BuildOutputs, removed: readonly string[]): OutputManifest {
  if (complete) return mergeManifests(current);
  const gone = new Set(removed);
  const kept = newManifest();
  for (const [input, files] of Object.entries(previous)) {
    const left = files.filter((file) => !gone.has(file));
    if (left.length > 0) kept[input] = left;
  }
  return mergeManifests(kept, current);
}

/**
 * Where the record of an output folder is kept: in the folder itself (`.weekly/outputs.json`), so
 * that it goes wherever the output goes and survives \`npm ci\`, a removed node_modules and a fresh
 * clone building into a folder that is already served.
 */
export function manifestFile(outputDir: string): string {
  return join(outputDir, OUTPUT_RECORD);
}

/** The lock file of an output folder (see outputLock.ts). */
export function lockFile(outputDir: string): string {
  return join(outputDir, BOOKKEEPING_FOLDER, "build.lock");
}

/**
 * Where earlier versions kept the record: `node_modules/.cache` of the project (the nearest folder
 * from \`dir\` up with a package.json). Still read, so that a site updating the plugin loses nothing.
 */
export function legacyManifestFile(dir: string, outputDir: string): string {
  let project = resolve(dir);
  while (!existsSync(join(project, "package.json")) && dirname(project) !== project) project = dirname(project);
  if (!existsSync(join(project, "package.json"))) project = resolve(dir);
  const key = createHash("sha256").update(resolve(outputDir)).digest("hex").slice(0, 16);
  return join(project, "node_modules", ".cache", "eleventy-plugin-weekly", `outputs-${key}.json`);
}

/** Every record given, merged: a file any of them lists may have been written. */
export async function readManifest(...files: string[]): Promise<OutputManifest> {
  return mergeManifests(...(await Promise.all(files.map(async (file) => parseManifest(await readFile(file, "utf8").catch(() => ""))))));
}

export function readManifestSync(...files: string[]): OutputManifest {
  return mergeManifests(
    ...files.map((file) => {
      try {
        return parseManifest(readFileSync(file, "utf8"));
      } catch {
        return newManifest();
      }
    }),
  );
}

/** The union of records, input by input. */
export function mergeManifests(...manifests: OutputManifest[]): OutputManifest {
  const merged = newManifest();
  for (const manifest of manifests) {
    for (const [input, files] of Object.entries(manifest)) merged[input] = [...new Set([...(merged[input] ?? []), ...files])].sort();
  }
  return merged;
}

function parseManifest(text: string): OutputManifest {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return newManifest();
    const manifest = newManifest();
    for (const [input, files] of Object.entries(value)) {
      if (Array.isArray(files)) manifest[input] = files.filter((file): file is string => typeof file === "string");
    }
    return manifest;
  } catch {
    return newManifest(); // none yet, or unreadable: then nothing is known to be stale
  }
}

/** Written whole or not at all: a crash while writing leaves the earlier record. */
export async function writeManifest(file: string, manifest: OutputManifest): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  // In a fixed order, so that the same build writes the same bytes (Eleventy finishes pages in any order).
  const sorted = Object.fromEntries(Object.keys(manifest).sort().map((input) => [input, [...manifest[input]!].sort()]));
  await writeFile(draft, `${JSON.stringify(sorted, null, 1)}\n`);
  await rename(draft, file);
}

/**
 * Deletes the given files of the output folder (a link is removed, never followed), then the
 * folders they leave empty, never the output folder itself. A path that would leave the output
 * folder is ignored.
 */
export async function removeFiles(outputDir: string, files: readonly string[]): Promise<void> {
  const root = resolve(outputDir);
  const folders = new Set<string>();
  for (const file of files) {
    const path = resolve(root, file);
    const rel = within(root, path);
    if (rel === undefined || rel === "") continue;
    await rm(path, { force: true });
    for (let at = dirname(path); at !== root && at.startsWith(root); at = dirname(at)) folders.add(at);
  }
  // Deepest first, so a parent is tried only after its children.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    const stat = await lstat(folder).catch(() => undefined);
    if (stat?.isDirectory() && (await readdir(folder)).length === 0) await rmdir(folder);
  }
}

/**
 * Copies files of the input folder (images, PDFs linked from the content) to the same place in the
 * output, where the rewritten links point, each from the real path the site's rule (`linked`)
 * allows, all asked before the first is copied. Returns their paths, relative to the output.
 */
export async function copyFiles(linked: LinkedFiles, outputDir: string, paths: Iterable<string>): Promise<string[]> {
  const copied: string[] = [];
  const sources = [...paths].sort().map((path) => [path, linkedFileSource(linked, path)] as const);
  for (const [path, source] of sources) {
    const target = join(outputDir, path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
    copied.push(path);
  }
  return copied;
}
