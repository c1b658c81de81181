// The cards of one build: each read from the cache when it is kept, else drawn and kept. The fonts
// are cut once per build, to the characters of every card this build must draw, and only when one
// must be drawn: a build whose cards are all kept never reads the font files.
import { cardCharacters, type CardContent } from "./layout.js";
import { cardKey } from "./key.js";
import type { CardCache } from "./cache.js";
import type { CardFont, FontFiles } from "./fonts.js";
import { drawCard, type UndrawnText } from "./draw.js";

/** Cards drawn at once: one laid out while others are turned into PNG. */
const DRAWN_AT_ONCE = 4;

/** What a build did with its cards, for the timing line. */
export interface CardTally {
  /** Cards drawn, and cards read from the cache. */
  drawn: number;
  reused: number;
  /** Milliseconds during which at least one card was being made (read, or cut fonts and drawn). */
  ms: number;
}

export class BuildCards {
  readonly #fonts: FontFiles;
  readonly #cache: CardCache | undefined;
  readonly #all: () => CardContent[];
  /** The keys of the cards this build made: the cache keeps these when the build is done. */
  readonly used = new Set<string>();
  readonly tally: CardTally = { drawn: 0, reused: 0, ms: 0 };
  #prepared: Promise<{ fonts: CardFont[]; characters: Set<string> }> | undefined;
  #busy = 0;
  #since = 0;
  /** Cards being drawn, and those waiting their turn. */
  #drawingNow = 0;
  #waiting: Array<() => void> = [];

  /** `all`: every card this build shows, asked for when the first must be drawn. */
  constructor(fonts: FontFiles, cache: CardCache | undefined, all: () => CardContent[]) {
    this.#fonts = fonts;
    this.#cache = cache;
    this.#all = all;
  }

  /** Text a card drawn by this build left out (no font has it), by the card's source: `posts/a.md`. */
  readonly undrawn = new Map<string, UndrawnText[]>();

  /** A card's PNG bytes. `source` names the card in a warning: the report's file. */
  async png(content: CardContent, source: string): Promise<Buffer> {
    if (this.#busy++ === 0) this.#since = performance.now();
    try {
      const key = cardKey(content, await this.#fonts.identity());
      this.used.add(key);
      const kept = this.#cache?.read(key);
      if (kept) {
        this.tally.reused++;
        return kept;
      }
      const fonts = await this.#fontsFor(content);
      const { png, undrawn } = await this.#drawing(() => drawCard(content, fonts));
      if (undrawn.length > 0) this.undrawn.set(source, undrawn);
      await this.#cache?.write(key, png);
      this.tally.drawn++;
      return png;
    } finally {
      if (--this.#busy === 0) this.tally.ms += performance.now() - this.#since;
    }
  }

  /**
   * Eleventy renders every card at once: drawn a few at a time (resvg works on Node's thread pool
   * while satori lays out the next), a cold build of 1000 cards does not hold 1000 SVGs at once.
   */
  async #drawing<T>(draw: () => Promise<T>): Promise<T> {
    // A card done hands its turn to the next waiting one.
    if (this.#drawingNow >= DRAWN_AT_ONCE) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#drawingNow++;
    try {
      return await draw();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#drawingNow--;
    }
  }

  /** Removes from the cache every card this build did not make (a production build's, once it is done). */
  async prune(): Promise<number> {
    return (await this.#cache?.prune(this.used)) ?? 0;
  }

  /**
   * The fonts, cut to the characters of every card not kept (one cut for the build, since a cut
   * costs as much as drawing a few cards); a card whose characters that cut lacks (its entry
   * vanished meanwhile) gets a cut of its own.
   */
  async #fontsFor(content: CardContent): Promise<CardFont[]> {
    this.#prepared ??= (async () => {
      const identity = await this.#fonts.identity();
      const missing = this.#all().filter((card) => !this.#cache?.has(cardKey(card, identity)));
      const characters = new Set([...missing, content].flatMap((card) => [...cardCharacters(card)]));
      return { fonts: await this.#fonts.subset([...characters].join("")), characters };
    })();
    const prepared = await this.#prepared;
    const own = cardCharacters(content);
    return [...own].every((char) => prepared.characters.has(char)) ? prepared.fonts : this.#fonts.subset(own);
  }
}
