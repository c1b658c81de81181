// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. Pagefind's own command indexes a folder of pages on every core, which its Node API
// does not, so this build's indexed pages are put in a folder of their own and the command run
// on it: the index then holds exactly those pages, never a stale or held-back one still in the
// output, and the same pages give the same index files, byte for byte.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, mkdtemp, readFile, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
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
 * each copied beside its place and renamed onto it: its data files (named by their content) first,
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
      const site = join(staging, "site");
      await inBatches(indexed, async (file) => {
        await mkdir(dirname(join(site, file)), { recursive: true });
        await copyFile(join(outputDir, file), join(site, file));
      });
      source = join(staging, "index");
      await runPagefind(site, source);
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
 * copied several at a time; a file already there with the same bytes (an unchanged index in an
 * output folder that is kept) is left as it is.
 */
async function swapIn(source: string, target: string, files: readonly string[]): Promise<void> {
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
  const [have, want] = await Promise.all([stat(to).catch(() => undefined), stat(from)]);
  if (have?.isFile() && (have.ino === want.ino || (have.size === want.size && (await readFile(to)).equals(await readFile(from))))) return;
  await mkdir(dirname(to), { recursive: true });
  await rm(to + PARTIAL, { force: true });
  await link(from, to + PARTIAL).catch(() => copyFile(from, to + PARTIAL));
  await rename(to + PARTIAL, to);
}

/** Pagefind's version and the binary that indexes: an index made by another is not reused. */
async function pagefindIdentity(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", PAGEFIND_URL), "utf8")) as { version: string };
  return `pagefind ${pkg.version} ${basename(await pagefindBinary())} default options`;
}

/** Pagefind's binary (the extended one, which segments Chinese), as Pagefind's own wrapper finds it. */
async function pagefindBinary(): Promise<string> {
  const { resolveBinaryPath } = (await import(new URL("./resolveBinary.js", PAGEFIND_URL).href)) as { resolveBinaryPath(names: string[]): string };
  return resolveBinaryPath(["pagefind_extended", "pagefind"]);
}

/** Runs Pagefind's command on a folder of pages; its output is shown only when it fails. */
async function runPagefind(site: string, output: string): Promise<void> {
  const binary = await pagefindBinary();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(binary, ["--site", site, "--output-path", output], { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    const said: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => said.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => said.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Pagefind could not build the search index (exit ${code}):\n${Buffer.concat(said).toString("utf8").trim()}`));
    });
  });
}
