// Reading time counted the way Chinese is read: characters, not space-separated words.
import type { Token } from "markdown-it";

/** Han, kana and Hangul: each character is read as a unit. */
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** Runs of Latin letters or digits (`OpenAI`, `2GW`, `4.5`): each read as a word. */
const WORD_RE = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu;

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
  const characters = text.match(CJK_RE)?.length ?? 0;
  const words = text.replace(CJK_RE, " ").match(WORD_RE)?.length ?? 0;
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
