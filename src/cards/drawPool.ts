// Cards drawn on every core: a pool of worker threads (tinypool), one per core, started for one
// build once its fonts are cut, and closed when the build ends. Each worker receives the build's
// fonts once, as it starts (satori keeps the fonts it parsed by their array, so a worker parses them
// once for all its cards); a card is sent as its text alone. A worker that cannot start, or a card
// that fails on one, gives way to this thread: that card and the rest are drawn here, as they are
// when the machine has one core; a build with only a few cards to draw draws them on the card
// thread (cardThread.ts) when it runs, else here.
import { availableParallelism } from "node:os";
import type { Tinypool } from "tinypool";
import type { CardContent } from "./layout.js";
import type { CardFont } from "./fonts.js";
import { DRAWING_HEAP, drawnHere, receivedCard, type CardDrawer, type DrawnCard, type SentCard } from "./draw.js";
import { PACKAGE_ROOT } from "../core/packageRoot.js";
import type { CardThread } from "./cardThread.js";
import { endPool } from "./endPool.js";

/**
 * Fewer cards than this are drawn on this thread. Alone, on 2 cores, this thread is as fast: it
 * lays out a card while resvg renders others on Node's thread pool, and each worker must first load
 * satori and resvg and parse the fonts (32 cards: 1.52 s here, 1.67 s on two workers started for
 * them; `test/bench/cardPool.ts`). In a build the workers leave this thread to Eleventy, and each
 * further core draws cards too (on 2 cores, 1001 cards took the same time either way:
 * docs/PERFORMANCE.md). A save under `--serve` draws one card, here, with no worker to start.
 */
export const POOL_FROM = 32;

/**
 * The worker's module: the compiled one, or, when the plugin runs from its TypeScript source (this
 * repository's blog and tests load src/ through tsx), one that registers tsx in the worker first:
 * Node 20 gives a worker thread none of the main thread's module hooks, and ignores `--import` in a
 * worker's execArgv. (The compiled dist/ could be started instead, but it may be stale or absent.)
 * Named from the package's folder: the compiled code is bundled into its entry points, so this
 * module's own address says nothing of where the worker's file is.
 */
export const DRAW_WORKER = new URL(import.meta.url.endsWith(".ts") ? "src/cards/drawWorkerSource.js" : "dist/cards/drawWorker.js", PACKAGE_ROOT);

/** What each worker receives once, as it starts. */
export interface WorkerStart {
  fonts: CardFont[];
}

/** What a worker is sent for one card: its text, and fonts only when they are not the build's (a card's own cut). */
export interface CardTask {
  content: CardContent;
  fonts?: CardFont[];
}

/** The message for one card: the build's fonts, which every worker has, are never sent again (the cut fonts are megabytes). */
export function cardTask(content: CardContent, fonts: CardFont[], buildFonts: CardFont[]): CardTask {
  return fonts === buildFonts ? { content } : { content, fonts };
}

/** Where a build draws its cards, given its fonts, how many cards it must draw and the card thread, when it runs (cardThread.ts). */
export type ChooseDrawer = (fonts: CardFont[], toDraw: number, thread?: CardThread) => CardDrawer;

export interface DrawerOptions {
  /** Threads to draw on: one per core. */
  threads?: number;
  /** The worker's module. */
  worker?: URL;
  /** The fewest cards drawn on worker threads. */
  from?: number;
}

/**
 * Worker threads, one per core, when the build has cards enough to draw (the card thread, when it
 * runs, as one of them); else the card thread when it runs, else this thread.
 */
export function cardDrawers({ threads = availableParallelism(), worker = DRAW_WORKER, from = POOL_FROM }: DrawerOptions = {}): ChooseDrawer {
  return (fonts, toDraw, thread) => {
    if (threads <= 1 || toDraw < from) return thread?.drawer(fonts) ?? drawnHere();
    const size = Math.min(threads, toDraw);
    if (!thread || thread.failed !== undefined) return new PoolDrawer(fonts, size, worker);
    return sharedDrawer(new PoolDrawer(fonts, size - 1, worker), size - 1, thread.drawer(fonts));
  };
}

/** Cards one side of a shared drawer is handed at once: the card thread draws a few at once (cardThread.ts), a pool worker one, with the next waiting. */
const THREAD_TAKES = 4;
const WORKER_TAKES = 2;

/**
 * The pool's workers and the card thread drawing one build's cards from one queue: a cold build
 * has the card thread running already (satori, resvg and the fonts loaded there), so the pool
 * starts one worker fewer, and the process holds the drawing one time fewer (each copy is
 * satori, resvg and the build's fonts). Each side is handed a card when it has room, so the
 * faster side draws more.
 */
export function sharedDrawer(pool: CardDrawer, workers: number, thread: CardDrawer): CardDrawer {
  const sides = [
    { drawer: thread, takes: THREAD_TAKES, busy: 0 },
    { drawer: pool, takes: WORKER_TAKES * workers, busy: 0 },
  ];
  const waiting: Array<() => void> = [];
  const free = () => sides.find((side) => side.busy < side.takes);
  return {
    get threads() {
      return pool.threads + (thread.fallback === undefined ? 1 : 0);
    },
    get fallback() {
      return pool.fallback ?? thread.fallback;
    },
    async draw(content, fonts) {
      let side = free();
      while (!side) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        side = free();
      }
      side.busy++;
      try {
        return await side.drawer.draw(content, fonts);
      } finally {
        side.busy--;
        waiting.shift()?.();
      }
    },
    close: () => Promise.all([pool.close(), thread.close()]).then(() => undefined),
  };
}

/** The pool, started with the first card (tinypool is loaded then), each worker with the build's fonts. */
class PoolDrawer implements CardDrawer {
  readonly #fonts: CardFont[];
  readonly #size: number;
  readonly #worker: URL;
  readonly #here = drawnHere();
  #pool: Promise<Tinypool> | undefined;
  #closed = false;
  fallback: string | undefined;

  constructor(fonts: CardFont[], size: number, worker: URL) {
    this.#fonts = fonts;
    this.#size = size;
    this.#worker = worker;
  }

  get threads(): number {
    return this.fallback === undefined ? this.#size : 1;
  }

  async draw(content: CardContent, fonts: CardFont[]): Promise<DrawnCard> {
    if (this.fallback === undefined && !this.#closed) {
      try {
        const pool = await (this.#pool ??= this.#start());
        const drawn = (await pool.run(cardTask(content, fonts, this.#fonts))) as SentCard;
        return receivedCard(drawn);
      } catch (error) {
        // Drawn here instead: a card that cannot be drawn fails here too, with this thread's error.
        this.#giveUp(error);
      }
    }
    return this.#here.draw(content, fonts);
  }

  async #start(): Promise<Tinypool> {
    const { Tinypool } = await import("tinypool");
    const workerData: WorkerStart = { fonts: this.#fonts };
    const pool = new Tinypool({ filename: this.#worker.href, minThreads: this.#size, maxThreads: this.#size, workerData, resourceLimits: DRAWING_HEAP });
    // A worker that fails with no card in hand (as it starts) is reported as an event, not thrown.
    pool.on("error", (error: unknown) => this.#giveUp(error));
    return pool;
  }

  #giveUp(error: unknown): void {
    if (this.fallback !== undefined) return;
    this.fallback = error instanceof Error ? error.message : String(error);
    // The cards still waiting for a worker are handed back (the pool rejects them) and drawn here.
    void this.#stop();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#stop();
  }

  async #stop(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.then(endPool, () => {});
  }
}
