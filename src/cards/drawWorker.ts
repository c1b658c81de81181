// One worker thread of the card pool (drawPool.ts): draws each card it is handed in the build's
// fonts, which it received once, as it started.
import { Tinypool } from "tinypool";
import { drawCard, type DrawnCard } from "./draw.js";
import type { CardFont } from "./fonts.js";
import type { CardTask, WorkerStart } from "./drawPool.js";

/** A font as satori is given it on the main thread: the bytes arrive as a Uint8Array, seen as a Buffer again (not copied). */
const asBuffer = (font: CardFont): CardFont => ({ ...font, data: Buffer.from(font.data.buffer, font.data.byteOffset, font.data.byteLength) });

/** The build's fonts: one array for every card this worker draws, so that satori parses them once. */
const buildFonts = (Tinypool.workerData as WorkerStart).fonts.map(asBuffer);

/** One card: its PNG bytes and the text it could not draw. */
export default async function drawTask({ content, fonts }: CardTask): Promise<DrawnCard> {
  return drawCard(content, fonts ? fonts.map(asBuffer) : buildFonts);
}
