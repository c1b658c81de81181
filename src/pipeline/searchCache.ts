// The search index kept between production builds, part by part: a part is a function of
// Pagefind's version and the pages it is given (their paths and what Pagefind reads of their bytes:
// core/searchBody.ts `indexedContent`), so a build whose pages of
// a part are the same as an earlier one's reuses that part instead of running Pagefind (the
// hourly rebuild that publishes nothing; a report going live rebuilds its year's part only). Each entry is checked before use against what was recorded when it was kept
// (each file's size and time, and its hash when those differ): a damaged entry is dropped and the
// index built anew, never used.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, copyFileSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { realLockEnvironment } from "./outputLock.js";

/** The record of what an entry holds, written last: an entry without it is not whole. */
export const RECORD = "weekly-index.json";

export interface SearchCache {
  /** The folder of a whole, undamaged index for this key, or undefined (said in one line when damaged). */
  lookup(key: string): Promise<string | undefined>;
  /** Keeps the index in `folder` under this key, and returns the kept folder. */
  store(key: string, folder: string): Promise<string>;
  /** Drops all but the indexes of these keys and as many others, the most recently used. */
  prune(keep: readonly string[]): Promise<void>;
}

/** Files under a folder, relative to it, with forward slashes, sorted. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/**
 * Reads whole files into one buffer, reused: the bytes returned are good until the next call.
 * Reading thousands of pages or index files one after another so allocates nothing per file,
 * where a new buffer each would hold memory until the garbage collector next runs.
 */
export function reusedReader(): (path: string) => Buffer {
  let buffer = Buffer.alloc(0); // grown to the largest file read
  return (path) => {
    const fd = openSync(path, "r");
    try {
      const size = fstatSync(fd).size;
      if (size > buffer.length) buffer = Buffer.alloc(Math.max(size, buffer.length * 2, 1 << 16));
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, size - read, read);
        if (n === 0) break; // it got shorter meanwhile
        read += n;
      }
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  };
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

export function searchCache(dir: string, warn: (line: Said) => void): SearchCache {
  const cache: SearchCache = {
    async lookup(key) {
      const entry = join(dir, key);
      let record: { key?: unknown; files?: Record<string, string>; stats?: Record<string, [number, number]> };
      try {
        record = JSON.parse(await readFile(join(entry, RECORD), "utf8")) as typeof record;
        if (typeof record !== "object" || record === null || typeof record.files !== "object" || record.files === null) throw new Error("not a record of files");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") return drop(entry, { en: `its record cannot be read (${(error as Error).message})`, zh: `它的记录无法读取（${(error as Error).message}）` });
        // Nothing kept for these pages, or a folder half removed (a crash while it was dropped):
        // an entry is renamed into place whole, its record in it.
        return existsSync(entry) ? drop(entry, { en: "its record is missing", zh: "它的记录不见了" }) : undefined;
      }
      const files = filesUnder(entry).filter((file) => file !== RECORD);
      const listed = Object.keys(record.files ?? {}).sort();
      if (record.key !== key || files.join("\n") !== listed.join("\n")) return drop(entry, { en: "its files are not the ones it recorded", zh: "它的文件与记录的不符" });
      // Files with the size and time they were kept with are taken as kept (as git takes its work
      // tree); any other is read and compared with its recorded hash. (Thousands of small files:
      // one call after another costs less than as many handed to the thread pool.)
      const read = reusedReader();
      const changed = files.find((file) => {
        const now = statSync(join(entry, file), { throwIfNoEntry: false });
        const [size, time] = record.stats?.[file] ?? [];
        if (!now) return true; // gone since the listing
        return (now.size !== size || now.mtimeMs !== time) && sha256(read(join(entry, file))) !== record.files![file];
      });
      if (changed !== undefined) return drop(entry, { en: `${changed} has changed since it was kept`, zh: `${changed} 在保存后被改动过` });
      const now = new Date();
      await utimes(entry, now, now); // used now: kept longest (see prune)
      return entry;
    },
    async store(key, folder) {
      const entry = join(dir, key);
      const partial = `${entry}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
      await rm(partial, { recursive: true, force: true });
      const files: Record<string, string> = {};
      const stats: Record<string, [number, number]> = {};
      const read = reusedReader();
      for (const file of filesUnder(folder)) {
        mkdirSync(dirname(join(partial, file)), { recursive: true });
        copyFileSync(join(folder, file), join(partial, file));
        files[file] = sha256(read(join(partial, file)));
        const kept = statSync(join(partial, file));
        stats[file] = [kept.size, kept.mtimeMs];
      }
      const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
      await writeFile(join(partial, RECORD), `${JSON.stringify({ key, files: sorted(files), stats: sorted(stats) })}\n`);
      try {
        await rename(partial, entry);
      } catch (error) {
        if (!["ENOTEMPTY", "EEXIST", "EPERM"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
        // Another build of the same pages kept the same index first: used as it is if it is whole,
        // else replaced by this one.
        if ((await cache.lookup(key)) === undefined) await rename(partial, entry);
        else await rm(partial, { recursive: true, force: true });
      }
      return entry;
    },
    prune: (keep) => prune(dir, keep),
  };
  return cache;

  async function drop(entry: string, why: Said): Promise<undefined> {
    const where = relative(process.cwd(), entry) || entry;
    warn({ en: `the search index kept in ${where} is damaged (${inEnglish(why)}): building the index anew.`, zh: `保存在 ${where} 的搜索索引已损坏（${inChinese(why)}）：重新构建索引。` });
    await remove(entry);
    return undefined;
  }
}

/**
 * At least how many indexes are kept besides those a build uses: a few, so that builds of the site
 * running side by side (other clocks, other outputs) keep theirs.
 */
const KEPT = 2;

/**
 * An index used within this time is never dropped: another build sharing the cache (of another
 * output folder, which its own lock does not hold back) may be putting it in place right now.
 */
const IN_USE_MS = 60 * 60 * 1000;

/**
 * Drops all but the given indexes and as many others (at least KEPT), the most recently used, and
 * those used within the last hour; and what builds no longer running left half-written.
 */
async function prune(dir: string, keep: readonly string[]): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  const used = new Set(keep);
  const whole = await Promise.all(names.filter((name) => /^[0-9a-f]{64}$/.test(name) && !used.has(name)).map(async (name) => ({ name, at: (await stat(join(dir, name))).mtimeMs })));
  const recent = Date.now() - IN_USE_MS;
  const old = whole
    .sort((a, b) => b.at - a.at)
    .slice(Math.max(KEPT, used.size))
    .filter(({ at }) => at < recent)
    .map(({ name }) => name);
  const abandoned = names.filter((name) => {
    const pid = /\.(\d+)\.[0-9a-f]+\.partial$/.exec(name)?.[1];
    return pid !== undefined && !realLockEnvironment.isRunning(Number(pid));
  });
  for (const name of old) await remove(join(dir, name));
  for (const name of abandoned) await rm(join(dir, name), { recursive: true, force: true });
}

/**
 * Removes a kept index: renamed aside first (as one of this process's partial folders), so that a
 * crash while its files go leaves a folder the next prune clears, never a half entry under its key.
 */
async function remove(entry: string): Promise<void> {
  const aside = `${entry}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  try {
    await rename(entry, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // gone already
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

