// Reading time counted the way Chinese is read: characters, not space-separated words.
import type { Token } from "markdown-it";

/**
 * Han (with its extensions and compatibility forms), kana and Hangul, by code point: each
 * character is read as a unit. Plain comparisons rather than a Unicode-property regex per
 * character, which cost more than the rest of the analysis of a long report (npm run bench).
 */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // Han
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // Han extension A
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // Han compatibility
    (code >= 0x20000 && code <= 0x3134f) // Han extensions B–G
  );
}

/** Letters and digits of other scripts; `\p{L}` only for what is not plain ASCII. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return WORD_CHAR_RE.test(String.fromCodePoint(code));
}

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
/** Joins letters into one word when between two of them: `4.5`, `don't`, `e-mail`. */
const JOINERS = new Set([0x2e, 0x27, 0x2019, 0x2d]);

/** Characters of Chinese read per minute, and words of English: common figures for adult readers. */
const CJK_PER_MINUTE = 400;
const WORDS_PER_MINUTE = 200;

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
  for (let index = 0; index < text.length; index++) {
    const code = text.codePointAt(index)!;
    if (code > 0xffff) index++; // the second half of a surrogate pair
    if (isCjk(code)) {
      characters += 1;
      inWord = false;
    } else if (isWordChar(code)) {
      if (!inWord) words += 1;
      inWord = true;
    } else if (inWord && !afterJoiner && JOINERS.has(code)) {
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
