// A file put into the output folder from a kept copy (the search index's parts, the social cards):
// linked where the copy and the output share a disk (thousands of files: a copy costs seconds, a
// link nothing), copied where they do not, and never seen half written.
import { copyFileSync, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";

/** What a file is called while it is put into place: the output's record lists these too, so that a crash leaves none behind. */
export const PARTIAL = ".partial";

/**
 * Puts `from` at `to`, unless it is there already (the same file linked, or the same bytes). A
 * file new to its place is linked there at once; one that replaces another is linked (or copied)
 * beside it and renamed onto it, so a reader sees the old file or the new one, never part of one.
 * (One call after another: for thousands of small files that costs less than handing them to the
 * thread pool.)
 */
export function placeFile(from: string, to: string): void {
  const have = statSync(to, { throwIfNoEntry: false });
  if (have?.isFile()) {
    const want = statSync(from);
    const linked = have.ino !== 0 && have.ino === want.ino && have.dev === want.dev;
    if (linked || (have.size === want.size && readFileSync(to).equals(readFileSync(from)))) return;
  } else if (!have) {
    // Nothing there yet: a link appears whole at once (the usual case of a fresh output folder).
    try {
      return linkSync(from, to);
    } catch {
      // Another disk, or something appeared there meanwhile: by way of a .partial, as below.
    }
  }
  // A .partial a crash left may be a link to a kept file: removed, never written into.
  rmSync(to + PARTIAL, { force: true });
  try {
    linkSync(from, to + PARTIAL);
  } catch {
    copyFileSync(from, to + PARTIAL); // where a link cannot be made (another disk)
  }
  renameSync(to + PARTIAL, to);
}

/** Writes `bytes` at `to` by way of a .partial renamed onto it, unless the same bytes are there already. */
export function placeBytes(bytes: Uint8Array, to: string): void {
  const have = statSync(to, { throwIfNoEntry: false });
  if (have?.isFile() && have.size === bytes.length && readFileSync(to).equals(bytes)) return;
  rmSync(to + PARTIAL, { force: true });
  writeFileSync(to + PARTIAL, bytes);
  renameSync(to + PARTIAL, to);
}
