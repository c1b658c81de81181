// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. Pages are read from the output in a fixed order, so the same site gives the same
// index files (Pagefind numbers pages in the order it is given them).
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_FOLDER = "pagefind";

/** What a file of the index is called while it is copied into place. */
const PARTIAL = ".partial";

/**
 * Indexes the given HTML files of the output folder (relative to it), those with a part marked
 * `data-pagefind-body`, and returns the files of the index, relative to the output folder.
 *
 * The index is written into a folder of its own first, then swapped into `pagefind/` file by file,
 * each copied beside its place and renamed onto it: its data files (named by their content) first,
 * `pagefind-entry.json`, which names them, last. So the index readers load is whole at every
 * moment, the earlier one until the new one is complete, also after a crash, and files of the
 * site's own in `pagefind/` stay. `journal` is told every file name before any is written, so that
 * the next build knows what a crash left behind.
 */
export async function buildSearchIndex(outputDir: string, pages: readonly string[], journal: (files: string[]) => Promise<void>): Promise<string[]> {
  const staging = await mkdtemp(join(tmpdir(), "weekly-pagefind-"));
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (const file of [...pages].sort()) {
      const content = await readFile(join(outputDir, file), "utf8");
      if (!content.includes("data-pagefind-body")) continue; // the lists (home, archive, tags)
      // Addresses from the site's root: Pagefind's search UI puts the folder the site is served from
      // (where it finds /pagefind/) before them.
      const added = await index.addHTMLFile({ url: `/${file.replace(/(^|\/)index\.html$/, "$1")}`, content });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: staging });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    const files = (await readdir(staging, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => relative(staging, join(entry.parentPath, entry.name)).split(sep).join("/"))
      .sort((a, b) => swapOrder(a) - swapOrder(b) || (a < b ? -1 : 1));
    const targets = files.map((file) => `${SEARCH_FOLDER}/${file}`);
    await journal([...targets, ...targets.map((file) => file + PARTIAL)]);
    for (const file of files) {
      const target = join(outputDir, SEARCH_FOLDER, file);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(staging, file), target + PARTIAL);
      await rename(target + PARTIAL, target);
    }
    return targets.sort();
  } finally {
    await pagefind.close();
    await rm(staging, { recursive: true, force: true });
  }
}

/** Data files first (their names change with their content), then scripts and styles, the entry last. */
function swapOrder(file: string): number {
  if (file === "pagefind-entry.json") return 2;
  return /\.pf_(fragment|index|meta|filter)$/.test(file) ? 0 : 1;
}
