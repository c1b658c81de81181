// What a build says about text a social card could not draw: the card's source, each piece of text
// and the script satori took it for, so that the author sees the gap before readers do.
import { show } from "../core/errors.js";
import type { ProblemCode } from "../core/problemCodes.js";
import type { UndrawnText } from "./draw.js";

const CODE: ProblemCode = "card-glyphs";

/** One warning line (without the `[weekly]` prefix), in the form of the build's other problems. */
export function undrawnWarning(source: string, undrawn: readonly UndrawnText[]): string {
  const pieces = [...new Map(undrawn.map((piece) => [`${piece.script}\0${piece.text}`, piece])).values()];
  const named = pieces.map(({ script, text }) => `${show(text)} (${script})`).join(", ");
  return `${source}  warning: its social card cannot draw ${named}: no font of the card has these characters, so the picture leaves them out (the page itself shows them). Write the title without them, or accept the gap. [${CODE}]`;
}
