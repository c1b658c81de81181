// The search index: Pagefind indexes the built reports and digests (the pages marked
// `data-pagefind-body`) and writes its index and search UI into the output, with Chinese segmented
// into words. Pages are handed to Pagefind as Eleventy renders them: Pagefind works in a process of
// its own, so indexing runs beside rendering instead of after it.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_FOLDER = "pagefind";

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

export class SearchIndexer {
  #index: Promise<Index> | undefined;
  #pending: Array<Promise<{ errors: string[] }>> = [];
  #urls = new Set<string>();

  /** Starts the Pagefind service on first use. */
  #open(): Promise<Index> {
    this.#index ??= pagefind.createIndex({}).then(({ index, errors }) => {
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      return index;
    });
    return this.#index;
  }

  /** Hands one rendered page to Pagefind; does not wait for it. */
  add(url: string, html: string): void {
    this.#urls.add(url);
    const added = this.#open().then((index) => index.addHTMLFile({ url, content: html }));
    added.catch(() => undefined); // awaited in write() or settled in close(): never unhandled
    this.#pending.push(added);
  }

  /**
   * Writes the index into the output folder and returns the files written, relative to it.
   * `pages` are every HTML file the output should hold (relative to it): those not rendered by this
   * build (an incremental one renders only what changed) are read from the output and indexed too.
   */
  async write(outputDir: string, pages: readonly string[]): Promise<string[]> {
    const index = await this.#open();
    for (const file of pages) {
      const url = `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
      if (this.#urls.has(url)) continue;
      const html = await readFile(join(outputDir, file), "utf8");
      if (html.includes("data-pagefind-body")) this.add(url, html);
    }
    const pending = this.#pending;
    this.#pending = [];
    const errors = (await Promise.all(pending)).flatMap((result) => result.errors);
    if (errors.length > 0) throw new Error(`Pagefind could not index the pages: ${errors.join("; ")}`);
    const folder = join(outputDir, SEARCH_FOLDER);
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write ${folder}: ${written.errors.join("; ")}`);
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(outputDir, join(entry.parentPath, entry.name)).split(sep).join("/"))
      .sort();
  }

  /** Stops the service and forgets the pages: the next build starts a new index. */
  async close(): Promise<void> {
    const opened = this.#index;
    const pending = this.#pending;
    this.#index = undefined;
    this.#pending = [];
    this.#urls = new Set();
    await Promise.allSettled(pending);
    if (opened) {
      await opened.catch(() => undefined);
      await pagefind.close();
    }
  }
}
