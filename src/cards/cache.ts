// Cards kept between builds, one PNG per key (key.ts) in the cache folder: a card whose text,
// size, fonts and drawing are unchanged is read, never drawn again. Each is written whole (a
// temporary file renamed into place); one that is not a whole PNG is drawn anew.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The last chunk of every PNG: its length (0), type and checksum. */
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const ENTRY_RE = /^[0-9a-f]{64}\.png$/;
const PARTIAL_AGE_MS = 3_600_000;

export interface CardCache {
  /** Whether a card is kept under this key (it may still prove damaged when read). */
  has(key: string): boolean;
  /** Whether no card at all is kept (a first build, a cleared cache): the build will draw every card. */
  empty(): boolean;
  /** The file of the kept card, or undefined when there is none or it is not a whole PNG (its first and last bytes read, not the rest). */
  kept(key: string): string | undefined;
  write(key: string, png: Buffer): Promise<void>;
  /** Removes every card but these, and what a killed build left half written; returns how many went. */
  prune(keep: ReadonlySet<string>): Promise<number>;
}

/** A whole PNG: its signature first, its end chunk last. */
export function isWholePng(bytes: Buffer): boolean {
  return bytes.length > PNG_SIGNATURE.length + PNG_END.length && pngEnds(bytes.subarray(0, PNG_SIGNATURE.length), bytes.subarray(-PNG_END.length));
}

/** Whether a file's first bytes are a PNG's signature and its last its end chunk. */
function pngEnds(head: Buffer, tail: Buffer): boolean {
  return head.equals(PNG_SIGNATURE) && tail.equals(PNG_END);
}

export function cardCache(dir: string): CardCache {
  const file = (key: string) => join(dir, `${key}.png`);
  return {
    has: (key) => existsSync(file(key)),
    empty() {
      try {
        return !readdirSync(dir).some((name) => ENTRY_RE.test(name));
      } catch {
        return true;
      }
    },
    kept(key) {
      let fd: number;
      try {
        fd = openSync(file(key), "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        const size = fstatSync(fd).size;
        if (size <= PNG_SIGNATURE.length + PNG_END.length) return undefined;
        const [head, tail] = [Buffer.alloc(PNG_SIGNATURE.length), Buffer.alloc(PNG_END.length)];
        readSync(fd, head, 0, head.length, 0);
        readSync(fd, tail, 0, tail.length, size - tail.length);
        return pngEnds(head, tail) ? file(key) : undefined;
      } finally {
        closeSync(fd);
      }
    },
    async write(key, png) {
      await mkdir(dir, { recursive: true });
      const partial = `${file(key)}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
      await writeFile(partial, png);
      await rename(partial, file(key));
    },
    async prune(keep) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw error;
      }
      // A file half written an hour ago is a killed build's; a newer one may be another build's, still writing.
      const abandoned = Date.now() - PARTIAL_AGE_MS;
      const gone: string[] = [];
      for (const name of names) {
        if (ENTRY_RE.test(name) ? !keep.has(name.slice(0, -4)) : name.endsWith(".partial") && ((await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? Infinity) < abandoned) gone.push(name);
      }
      await Promise.all(gone.map((name) => rm(join(dir, name), { force: true })));
      return gone.length;
    },
  };
}
