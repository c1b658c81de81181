// The cache of pictures' variants (`.cache/weekly/images/`, the `cacheDir` option): each variant
// kept under its own name (the hash of what it was made from), written whole; what the last whole
// preview showed; and pruning after a whole production build.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import type { ImagePlan, ImageVariant } from "../content/images.js";

/** A variant's file in the cache: its name alone (the name carries the hash of what it was made from). */
export function cachedVariant(cacheDir: string, variant: ImageVariant): string {
  return join(cacheDir, posix.basename(variant.file));
}

/**
 * The variants the last whole preview showed, a draft's pictures among them: a production build
 * does not show those, and without this list it would drop them from the cache, and each preview
 * after it would encode them again.
 */
const PREVIEWED_FILE = "previewed.json";

/** After a whole preview: the names of the variants it showed, for the next production build's pruning. */
export async function rememberPreviewed(cacheDir: string, plans: ReadonlyMap<string, ImagePlan>): Promise<void> {
  const names = [...plans.values()].flatMap((plan) => (plan.kind === "responsive" ? plan.variants.map((v) => posix.basename(v.file)) : [])).sort();
  await writeWhole(join(cacheDir, PREVIEWED_FILE), Buffer.from(`${JSON.stringify(names)}\n`));
}

async function readPreviewed(cacheDir: string): Promise<string[]> {
  try {
    const value: unknown = JSON.parse(await readFile(join(cacheDir, PREVIEWED_FILE), "utf8"));
    return Array.isArray(value) ? value.filter((name): name is string => typeof name === "string") : [];
  } catch {
    return [];
  }
}

/**
 * After a whole production build, the cache keeps only the variants of the pictures that build
 * showed, and those the last whole preview showed (a draft's): a picture changed or dropped leaves
 * nothing behind once a preview and a production build have run without it. Another build's file
 * still being written (`.tmp`) is left alone. Returns how many files went.
 */
export async function pruneImageCache(cacheDir: string, plans: ReadonlyMap<string, ImagePlan>): Promise<number> {
  const keep = new Set([...plans.values()].flatMap((plan) => (plan.kind === "responsive" ? plan.variants.map((v) => posix.basename(v.file)) : [])));
  for (const name of await readPreviewed(cacheDir)) keep.add(name);
  const entries = await readdir(cacheDir).catch(() => [] as string[]);
  const stale = entries.filter((name) => !keep.has(name) && name !== PREVIEWED_FILE && !name.endsWith(".tmp"));
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
  return stale.length;
}

/** A file written under a temporary name, then renamed: a build stopped midway never leaves half a picture to reuse. */
export async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

