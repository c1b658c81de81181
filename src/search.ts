// The search index: Pagefind reads the built pages (those marked `data-pagefind-body`) and writes
// its index and its search UI into the output, with Chinese segmented into words.
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_FOLDER = "pagefind";

/** Indexes the output folder and returns the files Pagefind wrote, relative to it. */
export async function buildSearchIndex(outputDir: string): Promise<string[]> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${outputDir}: ${added.errors.join("; ")}`);
    const folder = join(outputDir, SEARCH_FOLDER);
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${folder}: ${written.errors.join("; ")}`);
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(outputDir, join(entry.parentPath, entry.name)).split(sep).join("/"))
      .sort();
  } finally {
    await pagefind.close();
  }
}
