// One of the threads that make the parts of the search index (search.ts): each runs its own
// Pagefind process, so that parts are indexed on every core. A job names the pages of one part,
// which are handed to Pagefind one at a time in path order (Pagefind numbers pages in the order it
// gets them: the same pages make the same files, whichever thread makes them); the thread answers
// with the part's name, or with why it could not be made. "done" ends the thread and its Pagefind.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";

export interface ShardJob {
  name: string;
  /** The output folder, and the part's pages in it (relative, in path order). */
  outputDir: string;
  files: readonly string[];
  /** Where the part's index is written. */
  into: string;
}

export type ShardAnswer = { name: string; error?: undefined } | { name: string; error: string };

async function indexShard({ outputDir, files, into }: ShardJob): Promise<void> {
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

const port = parentPort;
port?.on("message", (job: ShardJob | "done") => {
  if (job === "done") {
    void pagefind.close().then(() => port.close());
    return;
  }
  indexShard(job).then(
    () => port.postMessage({ name: job.name } satisfies ShardAnswer),
    (error: unknown) => port.postMessage({ name: job.name, error: error instanceof Error ? error.message : String(error) } satisfies ShardAnswer),
  );
});
