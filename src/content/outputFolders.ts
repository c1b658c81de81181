// Output folders left in the input folder by earlier builds, which are never input: built pages
// read as templates would be published again under their folder's name (`/dist/posts/…`).
// Eleventy skips only the output folder of the build it runs; the plugin adds these to its ignores,
// and `weekly check` (siteFiles.ts) skips the same folders.
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { BOOKKEEPING_FOLDER } from "./contentData.js";

/** The record a build of the plugin keeps in its output folder (pipeline/clean.ts `manifestFile` joins it to the folder). */
export const OUTPUT_RECORD = posix.join(BOOKKEEPING_FOLDER, "outputs.json");

/**
 * Names builds are commonly told to write to (Eleventy's default, and `--output=dist`/`build`).
 * Not `public`: a site's static files often live there as input (eleventy-base-blog copies
 * `public/` through), so a folder of that name is skipped only when the plugin recorded it.
 */
const CONVENTIONAL_OUTPUTS: readonly string[] = ["_site", "dist", "build"];

/** A built site's home page: a folder of a conventional name holding one at its top is an output. */
const BUILT_HOME = "index.html";

/** How deep below the input folder a recorded output is looked for (`dist`, `out/site`). */
const RECORD_DEPTH = 2;

const NEVER_OUTPUT = new Set(["node_modules", ".git"]);

/**
 * The output folders inside the input folder (relative to the site's folder, forward slashes,
 * sorted): any folder up to two levels down holding the plugin's record (`.weekly/outputs.json`),
 * and a folder of a conventional name (`_site`, `dist`, `build`) holding an `index.html`. The
 * current output folder is among them when it is one; Eleventy skips it anyway.
 */
export function outputFolders(root: string, input: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string, depth: number) => {
    for (const name of subfolders(join(root, dir))) {
      if (NEVER_OUTPUT.has(name)) continue;
      const folder = posix.join(dir, name);
      const recorded = existsSync(join(root, folder, OUTPUT_RECORD));
      const conventional = depth === 1 && CONVENTIONAL_OUTPUTS.includes(name) && existsSync(join(root, folder, BUILT_HOME));
      if (recorded || conventional) found.add(folder);
      else if (depth < RECORD_DEPTH) visit(folder, depth + 1);
    }
  };
  visit(posix.normalize(input === "" ? "." : input).replace(/\/+$/, "") || ".", 1);
  return [...found].sort();
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}
