// The cards of one build: each read from the cache when it is kept, else drawn and kept. The fonts
// are cut once per build, to the characters of every card this build must draw, and only when one
// must be drawn: a build whose cards are all kept never reads the font files, nor starts a thread.
// The cards are drawn on worker threads, one per core, when there are enough of them (drawPool.ts),
// else on the card thread when it runs (cardThread.ts), which cuts the fonts too.
import { cardCharacters, type CardContent } from "./layout.js";
import { cardKey } from "./key.js";
import type { CardCache } from "./cache.js";
import type { CardFont, FontFiles } from "./fonts.js";
import type { CardDrawer, UndrawnText } from "./draw.js";
import { cardDrawers, type ChooseDrawer } from "./drawPool.js";
import { runningCardThread, type CardThread } from "./cardThread.js";
import { placeBytes, placeFile } from "../content/placeFile.js";

/** What a build did with its cards, for the timing line. */
export interface CardTally {
  /** Cards drawn, and cards read from the cache. */
  drawn: number;
  reused: number;
  /** Milliseconds during which at least one card was being made (read, or cut fonts and drawn). */
  ms: number;
}

/** What the build draws with: its fonts, the characters they were cut to, and where it draws. */
interface Prepared {
  fonts: CardFont[];
  characters: Set<string>;
  thread: CardThread | undefined;
  drawer: CardDrawer;
}

export class BuildCards {
  readonly #fonts: FontFiles;
  readonly #cache: CardCache | undefined;
  readonly #all: () => CardContent[];
  /** The keys of the cards this build made: the cache keeps these when the build is done. */
  readonly used = new Set<string>();
  readonly tally: CardTally = { drawn: 0, reused: 0, ms: 0 };
  readonly #drawers: ChooseDrawer;
  readonly #thread: () => CardThread | undefined;
  #prepared: Promise<Prepared> | undefined;
  #busy = 0;
  #since = 0;

  /** `all`: every card this build shows, asked for when the first must be drawn; `drawers`: where the cards are drawn; `thread`: the card thread, when it runs. */
  constructor(fonts: FontFiles, cache: CardCache | undefined, all: () => CardContent[], drawers: ChooseDrawer = cardDrawers(), thread: () => CardThread | undefined = runningCardThread) {
    this.#fonts = fonts;
    this.#cache = cache;
    this.#all = all;
    this.#drawers = drawers;
    this.#thread = thread;
  }

  /** Text a card drawn by this build left out (no font has it), by the card's source: `posts/a.md`. */
  readonly undrawn = new Map<string, UndrawnText[]>();

  /**
   * Puts a card's PNG at `to`, a file of the output folder: the kept card linked there (or
   * copied, content/placeFile.ts), else the card drawn, kept, and put there. `source` names the
   * card in a warning: the report's file.
   */
  place(content: CardContent, source: string, to: string): Promise<void> {
    return this.#timed(async () => {
      const key = await this.#keyOf(content);
      const kept = this.#cache?.kept(key);
      if (kept) {
        this.tally.reused++;
        return placeFile(kept, to);
      }
      const png = await this.#draw(content, source, key);
      const drawn = this.#cache?.kept(key);
      if (drawn) placeFile(drawn, to);
      else placeBytes(png, to);
    });
  }

  async #keyOf(content: CardContent): Promise<string> {
    const key = cardKey(content, await this.#fonts.identity());
    this.used.add(key);
    return key;
  }

  async #draw(content: CardContent, source: string, key: string): Promise<Buffer> {
    const { drawer, fonts } = await this.#drawingOf(content);
    const { png, undrawn } = await drawer.draw(content, fonts);
    if (undrawn.length > 0) this.undrawn.set(source, undrawn);
    await this.#cache?.write(key, png);
    this.tally.drawn++;
    return png;
  }

  /** Runs `make`, counting the time during which at least one card is being made. */
  async #timed<T>(make: () => Promise<T>): Promise<T> {
    if (this.#busy++ === 0) this.#since = performance.now();
    try {
      return await make();
    } finally {
      if (--this.#busy === 0) this.tally.ms += performance.now() - this.#since;
    }
  }

  /** Removes from the cache every card this build did not make (a production build's, once it is done). */
  async prune(): Promise<number> {
    return (await this.#cache?.prune(this.used)) ?? 0;
  }

  /** Where this build's cards were drawn: the threads, and why the worker threads gave way, if they did (none drawn: undefined). */
  async drawnOn(): Promise<Pick<CardDrawer, "threads" | "fallback"> | undefined> {
    const prepared = await this.#prepared?.catch(() => undefined);
    return prepared && { threads: prepared.drawer.threads, fallback: prepared.drawer.fallback };
  }

  /** Stops the threads drawing this build's cards, once the build is done (or given up). */
  async close(): Promise<void> {
    await (await this.#prepared?.catch(() => undefined))?.drawer.close();
  }

  /**
   * The fonts, cut to the characters of every card not kept (one cut for the build, since a cut
   * costs as much as drawing a few cards), and where those cards are drawn; a card whose characters
   * that cut lacks (its entry vanished meanwhile) gets a cut of its own.
   */
  async #drawingOf(content: CardContent): Promise<{ drawer: CardDrawer; fonts: CardFont[] }> {
    this.#prepared ??= (async () => {
      const identity = await this.#fonts.identity();
      const missing = this.#all().filter((card) => !this.#cache?.has(cardKey(card, identity)));
      const characters = new Set([...missing, content].flatMap((card) => [...cardCharacters(card)]));
      const thread = this.#thread();
      const fonts = await this.#fonts.subset([...characters].join(""), thread?.cut);
      return { fonts, characters, thread, drawer: this.#drawers(fonts, Math.max(missing.length, 1), thread) };
    })();
    const prepared = await this.#prepared;
    const own = cardCharacters(content);
    const fonts = [...own].every((char) => prepared.characters.has(char)) ? prepared.fonts : await this.#fonts.subset(own, prepared.thread?.cut);
    return { drawer: prepared.drawer, fonts };
  }
}
