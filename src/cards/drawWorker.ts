// One worker thread of the card pool (drawPool.ts): draws each card it is handed in the build's
// fonts, which it received once, as it started.
import { Tinypool } from "tinypool";
import { drawCard, receivedFont, type DrawnCard } from "./draw.js";
import type { CardTask, WorkerStart } from "./drawPool.js";

/** The build's fonts: one array for every card this worker draws, so that satori parses them once. */
const buildFonts = (Tinypool.workerData as WorkerStart).fonts.map(receivedFont);

/** One card: its PNG bytes and the text it could not draw. */
export default async function drawTask({ content, fonts }: CardTask): Promise<DrawnCard> {
  return drawCard(content, fonts ? fonts.map(receivedFont) : buildFonts);
}
