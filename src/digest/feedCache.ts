// Each feed's last good response, kept on disk for conditional requests and offline runs: one
// file per feed URL, named by its hash, holding a line of JSON (the URL, the validators, the body's
// length and hash) then the body's bytes. A file that does not match its own line (cut short,
// edited, another format) is absent, never used.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Bumped when the layout of a cache file changes: an entry of another format is absent. */
const CACHE_FORMAT = 1;

/** The last good response of a feed (`url`, as asked for), as kept under the cache folder. */
export interface CacheEntry {
  url: string;
  finalUrl: string;
  etag: string | undefined;
  lastModified: string | undefined;
  contentType: string | undefined;
  body: Uint8Array;
}

const cacheFile = (cacheDir: string, url: string) => join(cacheDir, `${sha256(url)}.feed`);
const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

export async function readEntry(cacheDir: string, url: string): Promise<CacheEntry | undefined> {
  // None kept, or unreadable: the feed is fetched whole.
  const bytes = await readFile(cacheFile(cacheDir, url)).catch(() => undefined);
  if (!bytes) return undefined;
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined; // cut short within its first line
  try {
    const head = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Record<string, unknown>;
    const body = bytes.subarray(newline + 1);
    const text = (key: string) => (typeof head[key] === "string" ? (head[key] as string) : undefined);
    if (head?.format !== CACHE_FORMAT || head.url !== url || typeof head.finalUrl !== "string") return undefined;
    if (head.bytes !== body.byteLength || head.sha256 !== sha256(body)) return undefined;
    return { url, finalUrl: head.finalUrl, etag: text("etag"), lastModified: text("lastModified"), contentType: text("contentType"), body };
  } catch {
    return undefined; // not JSON: damaged
  }
}

/** Written beside its place and renamed into it, so that a reader never sees half an entry. */
export async function writeEntry(cacheDir: string, entry: CacheEntry): Promise<void> {
  const file = cacheFile(cacheDir, entry.url);
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.partial`;
  const { body, ...fields } = entry;
  const head = JSON.stringify({ format: CACHE_FORMAT, ...fields, bytes: body.byteLength, sha256: sha256(body) });
  await mkdir(cacheDir, { recursive: true });
  try {
    await writeFile(partial, Buffer.concat([Buffer.from(`${head}\n`), body]));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
