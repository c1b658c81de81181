// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. The index is made in parts, one per year of the pages' dates (and one for pages
// without a date), which the search page merges in the browser (Pagefind's `mergeIndex`): the
// oldest part is `pagefind/` itself, with the search UI, each other one a folder in it
// (`pagefind/2026/`), and `pagefind/weekly-shards.json` names those. Each part is made by its own
// Pagefind process, several at once, from its pages in path order: Pagefind numbers pages in the
// order it gets them, so the same pages give the same files on any machine.
// (Its command and `addDirectory` number pages in the order the file system lists them, which
// differs from one file system to another: see docs/PERFORMANCE.md.) A part made from the same
// pages before is reused from the cache (searchCache.ts): a report going live rebuilds its year's.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { filesUnder, RECORD, reusedReader, type SearchCache } from "./searchCache.js";
import { indexedContent, SEARCH_BODY_RE } from "../core/searchBody.js";
import { PARTIAL, placeFile } from "../content/placeFile.js";

export const SEARCH_FOLDER = "pagefind";

/** The file that names the parts the search page merges into the first one. */
export const SHARDS_FILE = "weekly-shards.json";

/** The part of the pages without a date. */
const UNDATED = "pages";


/** Pagefind's package, as this module resolves it. */
const PAGEFIND_URL = import.meta.resolve("pagefind");

/** A part of the index to make: its pages in the output folder, in path order, and where to write it. */
interface ShardJob {
  name: string;
  outputDir: string;
  files: readonly string[];
  into: string;
}


/** At most this many Pagefind processes at once (a container may report its host's cores). */
const MAX_PROCESSES = 4;

/** Scripts and styles of the search UI: the first part carries them; the others need only their index (and its wasm). */
const UI_FILE = /^pagefind[\w.-]*\.(js|css)$/;

interface Shard {
  name: string;
  files: string[];
  key: string;
  /** The folder its index is in: kept, or made by this build. */
  source?: string;
}

/**
 * Indexes the given HTML files of the output folder (relative to it), those with a part marked
 * `data-pagefind-body`, in parts by `yearOf` each file, and returns the files of the index,
 * relative to the output folder. With a cache, a part made from the same pages before is reused
 * (`said` tells which happened).
 *
 * The parts are made in a folder of their own first, then swapped into `pagefind/` file by file,
 * each linked into its place, or linked (or copied) beside it and renamed onto it where a file is
 * there already: data files (named by their content) first, then scripts, then each part's
 * `pagefind-entry.json`, which names its data files, and the list of parts last (see swapIn).
 * So the index readers load is whole at every moment, the
 * earlier one until the new one is complete, also after a crash, and files of the site's own in
 * `pagefind/` stay. `journal` is told every file name before any is written, so that the next
 * build knows what a crash left behind.
 */
export async function buildSearchIndex(
  outputDir: string,
  pages: readonly string[],
  yearOf: (file: string) => number | undefined,
  journal: (files: string[]) => Promise<void>,
  cache: SearchCache | undefined,
  said: (line: string) => void,
): Promise<string[]> {
  const staging = await mkdtemp(join(tmpdir(), "weekly-pagefind-"));
  try {
    const shards = new Map<string, { files: string[]; key: ReturnType<typeof createHash> }>();
    const identity = await pagefindIdentity();
    // Read one after another, hashed in path order: the key of the same pages is the same.
    const read = reusedReader();
    for (const file of [...pages].sort()) {
      const bytes = read(join(outputDir, file)).toString("latin1");
      // The lists (home, archive, tags) are not marked; the attribute in a tag, not in text (a
      // report titled "data-pagefind-body" shows that text on them).
      if (!SEARCH_BODY_RE.test(bytes)) continue;
      // Keyed by what Pagefind reads of it: the related reports and pager it leaves out do not count.
      const content = indexedContent(bytes);
      const name = String(yearOf(file) ?? UNDATED);
      const shard = shards.get(name) ?? { files: [], key: createHash("sha256").update(identity) };
      shards.set(name, shard);
      shard.files.push(file);
      shard.key.update(`\0${file}\0${content.length}\0`).update(content, "latin1");
    }
    // With nothing to index, one empty part: the search page still finds its UI.
    if (shards.size === 0) shards.set(UNDATED, { files: [], key: createHash("sha256").update(identity) });
    const parts: Shard[] = [...shards].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, { files, key }]) => ({ name, files, key: key.digest("hex") }));
    for (const part of parts) part.source = await cache?.lookup(part.key);
    const missing = parts.filter((part) => !part.source);
    for (const part of missing) part.source = join(staging, part.name);
    await indexShards(missing.map(({ name, files, source }) => ({ name, outputDir, files, into: source! })));
    if (cache) {
      // Put in place from the cache, which is usually on the output's disk (see content/placeFile.ts).
      for (const part of missing) part.source = await cache.store(part.key, part.source!);
      await cache.prune(parts.map((part) => part.key));
    }
    const indexed = parts.reduce((sum, part) => sum + part.files.length, 0);
    const partsText = `${parts.length} ${parts.length === 1 ? "part" : "parts by year"}`;
    if (cache && missing.length === 0) said(`search index: reused (the ${indexed} indexed pages, in ${partsText}, are those of an earlier build)`);
    else if (cache) {
      const from = missing.reduce((sum, part) => sum + part.files.length, 0);
      said(`search index: built ${missing.length} of ${partsText} from ${from} pages (${parts.length - missing.length} reused), and kept for the next build`);
    }
    // The list of the parts merged into the first one, which is pagefind/ itself.
    const list = join(staging, SHARDS_FILE);
    await writeFile(list, `${JSON.stringify(parts.slice(1).map((part) => `${part.name}/`))}\n`);
    const moves: Move[] = [{ from: list, to: `${SEARCH_FOLDER}/${SHARDS_FILE}` }];
    for (const [n, part] of parts.entries()) {
      const files = filesUnder(part.source!).filter((file) => file !== RECORD && (n === 0 || !UI_FILE.test(file)));
      const folder = n === 0 ? SEARCH_FOLDER : `${SEARCH_FOLDER}/${part.name}`;
      moves.push(...files.map((file) => ({ from: join(part.source!, file), to: `${folder}/${file}` })));
    }
    const targets = moves.map((move) => move.to);
    await journal([...targets, ...targets.map((file) => file + PARTIAL)]);
    swapIn(outputDir, moves);
    return [...targets].sort();
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A file of the index and its place in the output folder. */
interface Move {
  from: string;
  to: string;
}

/**
 * Makes the parts' indexes, as many at once as there are cores (up to MAX_PROCESSES), each by a Pagefind process of its
 * own: Pagefind's Node API drives one process per instance of its module, so each of these loads
 * the module afresh (a URL of its own). A part that cannot be made stops the build; the parts
 * being made meanwhile are finished first, and no other is started.
 */
async function indexShards(jobs: ShardJob[]): Promise<void> {
  const queue = [...jobs];
  const runs = Array.from({ length: Math.min(jobs.length, availableParallelism(), MAX_PROCESSES) }, async (_, n) => {
    const pagefind = (await import(`${PAGEFIND_URL}?process=${n}`)) as typeof import("pagefind");
    try {
      for (let job = queue.shift(); job; job = queue.shift()) {
        await indexShard(pagefind, job).catch((error: unknown) => {
          queue.length = 0;
          throw error;
        });
      }
    } finally {
      await pagefind.close();
    }
  });
  // A Pagefind process that dies leaves its request unanswered: nothing else is then left to run,
  // and Node would end the build as if it had succeeded. It fails instead.
  let stopped: () => void = () => {};
  const died = new Promise<never>((_, reject) => {
    stopped = () => reject(new Error("a Pagefind process stopped before it had written its index (killed, or out of memory?)"));
  });
  process.once("beforeExit", stopped);
  try {
    const failed = (await Promise.race([Promise.allSettled(runs), died])).find((run) => run.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    process.off("beforeExit", stopped);
  }
}

/** One part's index: its pages handed to Pagefind one by one, in path order. */
async function indexShard(pagefind: typeof import("pagefind"), { outputDir, files, into }: ShardJob): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (const file of files) {
      const content = await readFile(join(outputDir, file), "utf8");
      // Addresses from the site's root: Pagefind's search UI puts the folder the site is served
      // from (where it finds /pagefind/) before them.
      const added = await index.addHTMLFile({ url: `/${file.replace(/(^|\/)index\.html$/, "$1")}`, content });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
}

/**
 * Puts the index's files in place: data files (named by their content) first, then scripts and
 * styles, then each later part's `pagefind-entry.json`, which names its data files, then the first
 * part's, and last the list of parts. A file already there with the same bytes (an unchanged index
 * in an output folder that is kept) is left as it is.
 */
function swapIn(outputDir: string, moves: readonly Move[]): void {
  for (const folder of new Set(moves.map((move) => dirname(join(outputDir, move.to))))) mkdirSync(folder, { recursive: true });
  const group = (to: string) =>
    to === `${SEARCH_FOLDER}/${SHARDS_FILE}` ? 4 : to === `${SEARCH_FOLDER}/pagefind-entry.json` ? 3 : to.endsWith("/pagefind-entry.json") ? 2 : /\.pf_(fragment|index|meta|filter)$/.test(to) ? 0 : 1;
  for (const order of [0, 1, 2, 3, 4]) {
    for (const move of moves) if (group(move.to) === order) placeFile(move.from, join(outputDir, move.to));
  }
}

/** Pagefind's version and how it is run: an index made otherwise is not reused. */
async function pagefindIdentity(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", PAGEFIND_URL), "utf8")) as { version: string };
  return `pagefind ${pkg.version}, Node API, default options, pages in path order, keyed by what it reads of them`;
}
