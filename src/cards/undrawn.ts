// What a build says about text a social card could not draw: the card's source, each piece of text
// and the script satori took it for, so that the author sees the gap before readers do.
import { formatProblem } from "../core/errors.js";
import { problem } from "../core/problemCodes.js";
import type { UndrawnText } from "./draw.js";
import type { Language } from "../core/language.js";

/** One warning line (without the `[weekly]` prefix), in the form of the build's other problems. */
export function undrawnWarning(source: string, undrawn: readonly UndrawnText[], language: Language = "en"): string {
  const pieces = [...new Map(undrawn.map((piece) => [`${piece.script}\0${piece.text}`, piece])).values()];
  return formatProblem(problem("card-glyphs", { file: source }, { pieces }), language);
}
