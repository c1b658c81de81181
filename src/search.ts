// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. Pages are read from the output in a fixed order, so the same site gives the same
// index files (Pagefind numbers pages in the order it is given them).
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_FOLDER = "pagefind";

/**
 * Indexes the given HTML files of the output folder (relative to it), those with a part marked
 * `data-pagefind-body`, and returns the files Pagefind wrote, relative to the output folder.
 */
export async function buildSearchIndex(outputDir: string, pages: readonly string[]): Promise<string[]> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (const file of [...pages].sort()) {
      const content = await readFile(join(outputDir, file), "utf8");
      if (!content.includes("data-pagefind-body")) continue; // the lists (home, archive, tags)
      const added = await index.addHTMLFile({ url: `/${file.replace(/(^|\/)index\.html$/, "$1")}`, content });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
    }
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
