// The output folder: files the content links to are copied in, and what earlier builds wrote
// but this one no longer produces is removed. Only files a build of this plugin wrote are ever
// removed: a manifest, kept outside the output folder, remembers them per input file.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { within } from "./paths.js";

/** Input file (as Eleventy names it, or a copied file's source) → output files, relative to the output folder. */
export type OutputManifest = Record<string, string[]>;

/**
 * Why cleaning this output folder would be unsafe, if it would be: a folder that holds the input
 * or the project must never be cleaned, whatever a manifest says.
 */
export function unsafeOutputReason(outputDir: string, inputDir: string, projectDir: string): string | undefined {
  const output = resolve(outputDir);
  const inside = (child: string, parent: string) => within(parent, child) !== undefined;
  if (inside(resolve(inputDir), output)) return `the output folder ${outputDir} holds the input folder`;
  if (inside(resolve(projectDir), output)) return `the output folder ${outputDir} holds the project`;
  return undefined;
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
    if (!complete && !(input in current) && !gone.has(input)) continue;
    for (const file of files) if (!produced.has(file)) stale.add(file);
  }
  return [...stale].sort();
}

/** The manifest after a build: this build's, or (incremental, preview) the earlier one updated. */
export function nextManifest(previous: OutputManifest, { current, complete, gone }: BuildOutputs): OutputManifest {
  if (complete) return current;
  const next: OutputManifest = {};
  for (const [input, files] of Object.entries(previous)) if (!gone.has(input)) next[input] = files;
  return { ...next, ...current };
}

/**
 * Where the manifest of an output folder is kept: in `node_modules/.cache` of the project, the
 * nearest folder from `dir` up that has a package.json (as other build tools keep their caches).
 */
export function manifestFile(dir: string, outputDir: string): string {
  let project = resolve(dir);
  while (!existsSync(join(project, "package.json")) && dirname(project) !== project) project = dirname(project);
  if (!existsSync(join(project, "package.json"))) project = resolve(dir);
  const key = createHash("sha256").update(resolve(outputDir)).digest("hex").slice(0, 16);
  return join(project, "node_modules", ".cache", "eleventy-plugin-weekly", `outputs-${key}.json`);
}

export async function readManifest(file: string): Promise<OutputManifest> {
  return parseManifest(await readFile(file, "utf8").catch(() => ""));
}

export function readManifestSync(file: string): OutputManifest {
  try {
    return parseManifest(readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

function parseManifest(text: string): OutputManifest {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as OutputManifest) : {};
  } catch {
    return {}; // none yet, or unreadable: then nothing is known to be stale
  }
}

export async function writeManifest(file: string, manifest: OutputManifest): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(manifest, null, 1)}\n`);
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
 * output, where the rewritten links point. Returns their paths, relative to the output.
 */
export async function copyFiles(inputDir: string, outputDir: string, paths: Iterable<string>): Promise<string[]> {
  const copied: string[] = [];
  for (const path of [...paths].sort()) {
    const target = join(outputDir, path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(inputDir, path), target);
    copied.push(path);
  }
  return copied;
}
