// Reading time counted the way Chinese is read: characters, not space-separated words.
import type { Token } from "markdown-it";

/**
 * Han (with its extensions and compatibility forms), kana and Hangul, by code point: each
 * character is read as a unit. Ranges rather than a Unicode-property regex, which costs more than
 * the rest of the build's analysis on a long report.
 */
const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x3400, 0x4dbf], // Han extension A
  [0x4e00, 0x9fff], // Han
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // Han compatibility
  [0x20000, 0x3134f], // Han extensions B–G
];

function isCjk(code: number): boolean {
  return CJK_RANGES.some(([low, high]) => code >= low && code <= high);
}

/** Letters and digits of other scripts; `\p{L}` only for what is not plain ASCII. */
function isWordChar(code: number, ch: string): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return WORD_CHAR_RE.test(ch);
}

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
/** Joins letters into one word when between two of them: `4.5`, `don't`, `e-mail`. */
const JOINERS = new Set([".", "'", "’", "-"]);

/** Characters of Chinese read per minute, and words of English: common figures for adult readers. */
export const CJK_PER_MINUTE = 400;
export const WORDS_PER_MINUTE = 200;

export interface ReadingTime {
  /** CJK characters. */
  characters: number;
  /** Words in other scripts. */
  words: number;
  /** Whole minutes, at least 1. */
  minutes: number;
}

/** Reading time of a text mixing Chinese and Latin: characters at 400/min, words at 200/min. */
export function readingTime(text: string): ReadingTime {
  let characters = 0;
  let words = 0;
  let inWord = false;
  let afterJoiner = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (isCjk(code)) {
      characters += 1;
      inWord = false;
    } else if (isWordChar(code, ch)) {
      if (!inWord) words += 1;
      inWord = true;
    } else if (inWord && !afterJoiner && JOINERS.has(ch)) {
      afterJoiner = true; // `4.5`: the word goes on if a letter or digit follows
      continue;
    } else {
      inWord = false;
    }
    afterJoiner = false;
  }
  const minutes = Math.max(1, Math.round(characters / CJK_PER_MINUTE + words / WORDS_PER_MINUTE));
  return { characters, words, minutes };
}

/** The readable text of a parsed Markdown body: every inline run, code included. */
export function textOfTokens(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === "inline") parts.push((token.children ?? []).map((c) => c.content).join(""));
    else if (token.type === "fence" || token.type === "code_block") parts.push(token.content);
  }
  return parts.join("\n");
}
