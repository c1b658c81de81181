// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. Pages are handed to Pagefind one at a time in path order, from the output the build
// just wrote: Pagefind numbers pages in the order it gets them, so the same pages give the same
// index files on any machine. (Its command and `addDirectory` index a folder on every core, but
// number pages in the order the file system lists them, which differs from one file system to
// another: see docs/PERFORMANCE.md.) An index made from the same pages before is reused from the
// cache (searchCache.ts).
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { filesUnder, inBatches, RECORD, type SearchCache } from "./searchCache.js";

export const SEARCH_FOLDER = "pagefind";

/** What a file of the index is called while it is copied into place. */
const PARTIAL = ".partial";

/** Pagefind's package, as this module resolves it. */
const PAGEFIND_URL = import.meta.resolve("pagefind");

/**
 * Indexes the given HTML files of the output folder (relative to it), those with a part marked
 * `data-pagefind-body`, and returns the files of the index, relative to the output folder. With
 * a cache, an index made from the same pages before is reused (`said` tells which happened).
 *
 * The index is made in a folder of its own first, then swapped into `pagefind/` file by file,
 * each linked (or copied) beside its place and renamed onto it: its data files (named by their content) first,
 * `pagefind-entry.json`, which names them, last. So the index readers load is whole at every
 * moment, the earlier one until the new one is complete, also after a crash, and files of the
 * site's own in `pagefind/` stay. `journal` is told every file name before any is written, so that
 * the next build knows what a crash left behind.
 */
export async function buildSearchIndex(
  outputDir: string,
  pages: readonly string[],
  journal: (files: string[]) => Promise<void>,
  cache: SearchCache | undefined,
  said: (line: string) => void,
): Promise<string[]> {
  const staging = await mkdtemp(join(tmpdir(), "weekly-pagefind-"));
  try {
    const indexed: string[] = [];
    const key = createHash("sha256").update(await pagefindIdentity());
    // Read several at a time, hashed in path order: the key of the same pages is the same.
    await inBatches([...pages].sort(), async (file) => readFile(join(outputDir, file)), (file, content) => {
      if (!content.includes("data-pagefind-body")) return; // the lists (home, archive, tags)
      indexed.push(file);
      key.update(`\0${file}\0${content.length}\0`).update(content);
    });
    const digest = key.digest("hex");
    let source = await cache?.lookup(digest);
    if (source) {
      said(`search index: reused (the ${indexed.length} indexed pages are those of an earlier build)`);
    } else {
      source = join(staging, "index");
      // The pages are read again rather than kept from the hashing above: holding every page for
      // a build that reuses its index (the usual hourly one) would cost memory for nothing.
      await indexPages(outputDir, indexed, source);
      if (cache) {
        // Put in place from the cache, which is usually on the output's disk (see swapFile).
        source = await cache.store(digest, source);
        said(`search index: built from ${indexed.length} pages, and kept for the next build`);
      }
    }
    const files = (await filesUnder(source)).filter((file) => file !== RECORD);
    const targets = files.map((file) => `${SEARCH_FOLDER}/${file}`);
    await journal([...targets, ...targets.map((file) => file + PARTIAL)]);
    await swapIn(source, join(outputDir, SEARCH_FOLDER), files);
    return [...targets].sort();
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Puts the index's files in place: its data files (named by their content) first, then scripts
 * and styles, `pagefind-entry.json`, which names the data files, last. Within each group files are
 * put in place several at a time; a file already there with the same bytes (an unchanged index in an
 * output folder that is kept) is left as it is.
 */
async function swapIn(source: string, target: string, files: readonly string[]): Promise<void> {
  for (const folder of new Set(files.map((file) => dirname(join(target, file))))) await mkdir(folder, { recursive: true });
  const group = (file: string) => (file === "pagefind-entry.json" ? 2 : /\.pf_(fragment|index|meta|filter)$/.test(file) ? 0 : 1);
  for (const order of [0, 1, 2]) {
    const batch = files.filter((file) => group(file) === order);
    await inBatches(batch, (file) => swapFile(join(source, file), join(target, file)));
  }
}

/**
 * One file of the index put in place, unless it is there already. A kept index is linked rather
 * than copied where the cache and the output share a disk (thousands of files: a copy costs
 * seconds, a link nothing); the link is made beside its place and renamed onto it all the same.
 */
async function swapFile(from: string, to: string): Promise<void> {
  const have = await stat(to).catch(() => undefined);
  if (have?.isFile()) {
    const want = await stat(from);
    const linked = have.ino !== 0 && have.ino === want.ino && have.dev === want.dev;
    if (linked || (have.size === want.size && (await readFile(to)).equals(await readFile(from)))) return;
  }
  // A .partial a crash left may be a link to a kept file: removed, never written into.
  await rm(to + PARTIAL, { force: true });
  // A copy where a link cannot be made (another disk).
  await link(from, to + PARTIAL).catch(() => copyFile(from, to + PARTIAL));
  await rename(to + PARTIAL, to);
}

/** Pagefind's version and how it is run: an index made otherwise is not reused. */
async function pagefindIdentity(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", PAGEFIND_URL), "utf8")) as { version: string };
  return `pagefind ${pkg.version}, Node API, default options, pages in path order`;
}

/** Pagefind's index of the given pages of the output (in this order), written into `into`. */
async function indexPages(outputDir: string, files: readonly string[], into: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    for (const file of files) {
      const content = await readFile(join(outputDir, file), "utf8");
      // Addresses from the site's root: Pagefind's search UI puts the folder the site is served from
      // (where it finds /pagefind/) before them.
      const added = await index.addHTMLFile({ url: `/${file.replace(/(^|\/)index\.html$/, "$1")}`, content });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}
