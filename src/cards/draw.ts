// Drawing one card: satori lays the elements out as SVG (text as paths, in the fonts given), then
// resvg turns it into PNG on Node's thread pool, so that two cards are drawn at once.
import type satoriModule from "satori";
import { CARD_HEIGHT, CARD_WIDTH, cardElement, type CardContent } from "./layout.js";
import type { CardFont } from "./fonts.js";

/** Text no font given can draw, as satori found it: a word or emoji, and the script it took it for (`th-TH`, `emoji`). */
export interface UndrawnText {
  script: string;
  text: string;
}

/**
 * The card as PNG bytes, and the text it could not draw (left out: a gap in the picture). `fonts`
 * is the same array for every card of a build: satori keeps the fonts it parsed by that array.
 */
export async function drawCard(content: CardContent, fonts: CardFont[]): Promise<{ png: Buffer; undrawn: UndrawnText[] }> {
  // Loaded when a card is drawn: a build whose cards are all cached, or a command, never loads them.
  const [{ default: satori }, { renderAsync }] = await Promise.all([import("satori"), import("@resvg/resvg-js")]);
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
