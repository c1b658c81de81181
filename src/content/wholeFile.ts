// Files written whole or not at all (a digest, the word counts and the notify record the cache
// keeps): a crash leaves the old file or the new one, never half of one, and a link planted at a
// predictable name is never followed.
import { link, rename, rm, writeFile } from "node:fs/promises";

/**
 * Writes a new file whole or not at all: beside it first, then linked into place, which fails
 * rather than replace a file that appeared meanwhile. Returns whether it was written.
 */
export async function createFile(path: string, text: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.partial`;
  // Never through a link planted at the temporary's predictable name: a new file (`wx`), a stale one removed first.
  await rm(temporary, { force: true });
  await writeFile(temporary, text, { flag: "wx" });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Writes beside the file, then renames: a crash leaves the old file or the new one, never half of one. */
export async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  // Never through a link planted at the temporary's predictable name: a new file (`wx`), a stale one removed first.
  await rm(temporary, { force: true });
  await writeFile(temporary, text, { flag: "wx" });
  await rename(temporary, path);
}
