// Drawing one card: satori lays the elements out as SVG (text as paths, in the fonts given), then
// resvg turns it into PNG on Node's thread pool. The same on this thread and on a worker of the
// card pool (drawPool.ts).
import { readFile } from "node:fs/promises";
import type satoriModule from "satori/standalone";
import { CARD_HEIGHT, CARD_WIDTH, cardElement, type CardContent } from "./layout.js";
import type { CardFont } from "./fonts.js";

/** Text no font given can draw, as satori found it: a word or emoji, and the script it took it for (`th-TH`, `emoji`). */
export interface UndrawnText {
  script: string;
  text: string;
}

/** A card drawn: its PNG bytes, and the text it could not draw (left out: a gap in the picture). */
export interface DrawnCard {
  png: Buffer;
  undrawn: UndrawnText[];
}

/** WebAssembly's synchronous compiler (Node has it; the ES library types this package compiles against do not name it). */
const WASM = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;

/** satori, once loaded on this thread. */
let satoriLoaded: Promise<typeof satoriModule> | undefined;

/**
 * satori, with its layout engine's WebAssembly read from the package (`satori/layout.wasm`) and
 * compiled synchronously (`satori/standalone`), once per thread. satori's default entry carries the
 * same module as base64 (a larger file to parse) and compiles it asynchronously, after which V8
 * keeps the thread busy optimising it. The same engine: the same bytes drawn.
 */
export function loadSatori(): Promise<typeof satoriModule> {
  satoriLoaded ??= (async () => {
    const [{ default: satori, init }, wasm] = await Promise.all([import("satori/standalone"), readFile(new URL(import.meta.resolve("satori/layout.wasm")))]);
    await init(new WASM.Module(wasm) as Parameters<typeof init>[0]);
    return satori;
  })();
  return satoriLoaded;
}

/**
 * The card as PNG bytes, and the text it could not draw (left out: a gap in the picture). `fonts`
 * is the same array for every card of a build: satori keeps the fonts it parsed by that array.
 */
export async function drawCard(content: CardContent, fonts: CardFont[]): Promise<DrawnCard> {
  // Loaded when a card is drawn: a build whose cards are all cached, or a command, never loads them.
  const [satori, { renderAsync }] = await Promise.all([loadSatori(), import("@resvg/resvg-js")]);
  const undrawn: UndrawnText[] = [];
  // satori asks for more fonts for each piece of text none of those given has; none is added.
  const loadAdditionalAsset = async (script: string, text: string) => {
    undrawn.push({ script, text });
    return [];
  };
  // satori's types want a React element; the plain object is what it reads.
  const svg = await satori(cardElement(content) as unknown as Parameters<typeof satoriModule>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts, loadAdditionalAsset });
  // The SVG holds no text, only paths: no system font is needed, or allowed to differ between machines.
  const image = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false }, background: "#fdfdfc" });
  return { png: image.asPng(), undrawn };
}

/** Bytes that came from another thread as a Uint8Array, seen as a Buffer again (not copied). */
export const receivedBytes = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A font sent to a worker thread, as satori is given it there. */
export const receivedFont = (font: CardFont): CardFont => ({ ...font, data: receivedBytes(font.data) });

/** A card as a worker thread sends it: the PNG's bytes arrive as a Uint8Array. */
export type SentCard = Omit<DrawnCard, "png"> & { png: Uint8Array };

/** A card drawn on a worker thread, as this thread keeps it. */
export const receivedCard = (drawn: SentCard): DrawnCard => ({ ...drawn, png: receivedBytes(drawn.png) });

/**
 * The heap of a thread that draws cards. Left to V8's defaults, a drawing thread's heap grew to
 * 100–120 MB before it was collected, though a card needs little that outlives it (the build's
 * fonts as satori parsed them): at 1000 weeks a cold build's peak memory was 858 MiB, 737 MiB
 * with this limit, in the same time (docs/PERFORMANCE.md). A thread that outgrew it would fail,
 * and its cards be drawn on the build's thread.
 */
export const DRAWING_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 } as const;

/** Where a build's cards are drawn: on this thread (below), or on worker threads (drawPool.ts). */
export interface CardDrawer {
  /** Threads drawing the cards: 1 on this thread. */
  readonly threads: number;
  /** Why the worker threads gave way to this thread, when they did. */
  readonly fallback?: string;
  /** A card, drawn in `fonts`: the build's, or a cut of the card's own. */
  draw(content: CardContent, fonts: CardFont[]): Promise<DrawnCard>;
  /** Stops the threads it started; drawing on this thread needs no stopping. */
  close(): Promise<void>;
}

/** Cards drawn on this thread at once: one laid out while others are turned into PNG. */
const DRAWN_AT_ONCE = 4;

/**
 * Cards drawn on this thread. Eleventy renders every card at once: drawn a few at a time (resvg
 * works on Node's thread pool while satori lays out the next), a cold build of 1000 cards does not
 * hold 1000 SVGs at once.
 */
export function drawnHere(): CardDrawer {
  let drawing = 0;
  const waiting: Array<() => void> = [];
  return {
    threads: 1,
    async draw(content, fonts) {
      // A card done hands its turn to the next waiting one.
      if (drawing >= DRAWN_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
      else drawing++;
      try {
        return await drawCard(content, fonts);
      } finally {
        const next = waiting.shift();
        if (next) next();
        else drawing--;
      }
    },
    async close() {},
  };
}
