// The output folder: files the content links to are copied in, and after a production build it
// holds exactly what that build produced.
import { copyFile, lstat, mkdir, readdir, rm, rmdir } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

/** Files of the output folder (relative, forward slashes) that this build did not produce. */
export function staleFiles(existing: readonly string[], produced: ReadonlySet<string>): string[] {
  return existing.filter((file) => !produced.has(file)).sort();
}

/**
 * Why cleaning this output folder would be unsafe, if it would be: the folder must be a real
 * subfolder that holds neither the input nor the project, so that nothing else is ever deleted.
 */
export function unsafeOutputReason(outputDir: string, inputDir: string, projectDir: string): string | undefined {
  const output = resolve(outputDir);
  const inside = (child: string, parent: string) => {
    const rel = relative(parent, child);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  };
  if (inside(resolve(inputDir), output)) return `the output folder ${outputDir} holds the input folder`;
  if (inside(resolve(projectDir), output)) return `the output folder ${outputDir} holds the project`;
  return undefined;
}

/** Every file below `dir` (symbolic links included, never followed), relative with forward slashes. */
export async function listOutput(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

/**
 * Deletes the stale files and then the folders they leave empty, never the output folder itself.
 * Returns what was removed.
 */
export async function removeStale(outputDir: string, produced: ReadonlySet<string>): Promise<string[]> {
  const stale = staleFiles(await listOutput(outputDir), produced);
  for (const file of stale) await rm(join(outputDir, file), { force: true });
  const folders = new Set<string>();
  for (const file of stale) {
    for (let at = file.lastIndexOf("/"); at > 0; at = file.lastIndexOf("/", at - 1)) folders.add(file.slice(0, at));
  }
  // Deepest first, so a parent is tried only after its children.
  for (const folder of [...folders].sort((a, b) => b.split("/").length - a.split("/").length)) {
    const path = join(outputDir, folder);
    const stat = await lstat(path).catch(() => undefined);
    if (stat?.isDirectory() && (await readdir(path)).length === 0) await rmdir(path);
  }
  return stale;
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
