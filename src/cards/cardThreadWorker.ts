// The card thread's worker (cardThread.ts): as it starts it loads satori, resvg and subset-font, reads
// the card font's files and cuts them once, so that harfbuzz's WebAssembly is compiled and optimised
// while the build's thread is still reading the site; then it cuts the fonts and draws
// the cards it is asked to, in the fonts each build handed it once.
import { Tinypool } from "tinypool";
import { drawCard, loadSatori, receivedFont, type DrawnCard } from "./draw.js";
import { cutHere, type CardFont } from "./fonts.js";
import type { ThreadStart, ThreadTask } from "./cardThread.js";

const { ownFiles } = Tinypool.workerData as ThreadStart;
/** The fonts cut here, each file read once and kept (as on the build's thread: fonts.ts). */
const cut = cutHere();

/**
 * The warming: satori and resvg loaded, the font files read and cut once (harfbuzz's WebAssembly is
 * compiled, and optimised, with the first cut). A failure here is left for the first task to meet.
 */
const warm = Promise.all([loadSatori(), import("@resvg/resvg-js"), cut(ownFiles, "周")]).catch(() => undefined);

/** The fonts of the builds that handed them, by key; the newest few (a build draws in its own). */
const fontsOf = new Map<number, CardFont[]>();
const KEPT_FONTS = 4;

export default async function threadTask(task: ThreadTask): Promise<Uint8Array[] | DrawnCard | null> {
  await warm;
  switch (task.kind) {
    case "cut":
      return cut(task.paths, task.text);
    case "fonts":
      fontsOf.set(task.key, task.fonts.map(receivedFont));
      for (const key of [...fontsOf.keys()].slice(0, -KEPT_FONTS)) fontsOf.delete(key);
      return null;
    case "draw": {
      const fonts = task.fonts ? task.fonts.map(receivedFont) : fontsOf.get(task.key);
      if (!fonts) throw new Error(`the card thread has no fonts under ${task.key}`);
      return drawCard(task.content, fonts);
    }
  }
}
