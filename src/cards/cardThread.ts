// The card thread: one worker thread in the process that cuts the cards' fonts and draws the cards
// of a build with fewer to draw than the card pool takes (drawPool.ts). A build that will draw its
// cards (none is kept: a first build, a cleared cache) starts it as it begins, and the thread loads
// satori, resvg and subset-font and compiles their WebAssembly on another core while the build's
// thread reads the site (cardThreadWorker.ts): on the build's thread that loading and compiling was
// most of a one-report blog's cold build beyond bare Eleventy (docs/PERFORMANCE.md). The thread
// outlives the build, for the next one (a save under `--serve`, the next site a test builds), and
// never keeps the process alive when it has nothing to do. A thread that cannot start or fails
// gives way to this thread, which cuts and draws as it did before.
import type { Tinypool } from "tinypool";
import type { CardContent } from "./layout.js";
import { cutHere, type CardFont, type CutFonts } from "./fonts.js";
import { DRAWING_HEAP, drawnHere, receivedBytes, receivedCard, type CardDrawer, type SentCard } from "./draw.js";
import { PACKAGE_ROOT } from "../core/packageRoot.js";
import { endPool } from "./endPool.js";

/** What the thread receives as it starts: the files of the card's own font, to warm up with. */
export interface ThreadStart {
  ownFiles: readonly string[];
}

/** What the thread is asked: fonts cut; a build's fonts, handed once under a key; a card drawn in them (or in a cut of its own). */
export type ThreadTask =
  | { kind: "cut"; paths: readonly string[]; text: string }
  | { kind: "fonts"; key: number; fonts: CardFont[] }
  | { kind: "draw"; key: number; content: CardContent; fonts?: CardFont[] };

/** The worker's module: compiled, or through tsx from the source (as drawPool.ts explains for its worker). */
export const CARD_THREAD_WORKER = new URL(import.meta.url.endsWith(".ts") ? "src/cards/cardThreadSource.js" : "dist/cards/cardThreadWorker.js", PACKAGE_ROOT);

/** Cards drawn at once on the thread: one laid out while others become PNG on its thread pool (as draw.ts does here). */
const DRAWN_AT_ONCE = 4;

export interface CardThread {
  /** Fonts cut on the thread (here, once it has failed). */
  cut: CutFonts;
  /** Where one build draws its cards in `fonts`, handed to the thread once. */
  drawer(fonts: CardFont[]): CardDrawer;
  /** Why the thread gave way, once it has. */
  readonly failed: string | undefined;
}

let running: ThreadOnWorker | undefined;

/** The process's card thread, started now if it is not running (its worker: `worker`). */
export function startCardThread(ownFiles: readonly string[], worker: URL = CARD_THREAD_WORKER): CardThread {
  if (!running || running.failed !== undefined) running = new ThreadOnWorker(ownFiles, worker);
  return running;
}

/** The card thread, when one was started and has not failed. */
export function runningCardThread(): CardThread | undefined {
  return running?.failed === undefined ? running : undefined;
}

/** Stops the card thread (a test leaving no thread behind; a process exits without). */
export async function stopCardThread(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.stop();
}

class ThreadOnWorker implements CardThread {
  readonly #pool: Promise<Tinypool>;
  readonly #here = cutHere();
  #keys = 0;
  failed: string | undefined;

  constructor(ownFiles: readonly string[], worker: URL) {
    this.#pool = (async () => {
      const { Tinypool } = await import("tinypool");
      const workerData: ThreadStart = { ownFiles };
      const pool = new Tinypool({ filename: worker.href, minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: DRAWN_AT_ONCE, workerData, useAtomics: false, resourceLimits: DRAWING_HEAP });
      // A worker that fails with no task in hand (as it starts) is reported as an event, not thrown.
      pool.on("error", (error: unknown) => this.giveUp(error));
      return pool;
    })();
    this.#pool.catch((error: unknown) => this.giveUp(error));
  }

  /** Runs a task on the thread; undefined once the thread has failed (the caller does it here). */
  async run(task: ThreadTask): Promise<unknown> {
    if (this.failed !== undefined) return undefined;
    try {
      return await (await this.#pool).run(task);
    } catch (error) {
      this.giveUp(error);
      return undefined;
    }
  }

  cut: CutFonts = async (paths, text) => {
    const fonts = (await this.run({ kind: "cut", paths, text })) as Uint8Array[] | undefined;
    return fonts ? fonts.map(receivedBytes) : this.#here(paths, text);
  };

  drawer(fonts: CardFont[]): CardDrawer {
    const key = this.#keys++;
    const here = drawnHere();
    let handed: Promise<unknown> | undefined;
    const thread = this;
    return {
      get threads() {
        return 1;
      },
      get fallback() {
        return thread.failed;
      },
      async draw(content, own) {
        if (own === fonts) await (handed ??= thread.run({ kind: "fonts", key, fonts }));
        const drawn = (await thread.run(own === fonts ? { kind: "draw", key, content } : { kind: "draw", key, content, fonts: own })) as SentCard | undefined;
        return drawn ? receivedCard(drawn) : here.draw(content, own);
      },
      // The thread outlives the build.
      async close() {},
    };
  }

  giveUp(error: unknown): void {
    if (this.failed !== undefined) return;
    this.failed = error instanceof Error ? error.message : String(error);
    void this.stop();
  }

  async stop(): Promise<void> {
    await this.#pool.then(endPool, () => {});
  }
}
