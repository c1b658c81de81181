// The words of a text as the related reports compare them: Chinese has no spaces between words, so
// each pair of neighbouring Han (or kana, Hangul) characters is a term (智能体 → 智能, 能体), and
// Latin words and numbers are terms of their own, lower-cased (AI模型 → ai, 模型).
import { isCjk } from "../core/readingTime.js";

/**
 * A text's terms and how often each occurs, sorted by term. Terms are kept as 30-bit FNV-1a hashes
 * in typed arrays: a report's 1,200 or so distinct terms then take 10 KB, where strings in a Map
 * take 60 KB, which 4,000 reports would feel. Two terms sharing a hash (a handful in a vocabulary
 * of hundreds of thousands) at worst make two reports look a little more alike.
 */
export interface TermCounts {
  terms: Uint32Array;
  counts: Uint16Array;
}

/** Shorter Latin runs (a lone `a`, `5`) say nothing about a report. */
const MIN_LATIN_LENGTH = 2;
/** 2^30: small enough that a hash is a small integer in V8, a cheap key for a Map. */
const HASH_MASK = 0x3fffffff;

/** The terms of a text, counted: CJK bigrams (a lone character alone), Latin words and numbers. */
export function termCounts(text: string): TermCounts {
  // Hashed as they are read, never made into strings, then sorted and counted: this runs over
  // every body of the site, and a Map of counts costs ten times the reading time's count.
  const found = new Uint32Array(text.length + 1); // a term ends at a character: never more terms than characters
  let size = 0;
  const add = (hash: number) => {
    found[size++] = hash & HASH_MASK;
  };
  let previous = -1; // the CJK character before this one, while the run goes on
  let runLength = 0;
  let word = FNV_OFFSET;
  let wordLength = 0;
  const endWord = () => {
    if (wordLength >= MIN_LATIN_LENGTH) add(word);
    word = FNV_OFFSET;
    wordLength = 0;
  };
  const endRun = () => {
    if (runLength === 1) add(mixCodePoint(FNV_OFFSET, previous));
    runLength = 0;
    previous = -1;
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.codePointAt(index)!;
    if (code > 0xffff) index++; // the second half of a surrogate pair
    if (isCjk(code)) {
      endWord();
      if (previous >= 0) add(mixCodePoint(mixCodePoint(FNV_OFFSET, previous), code));
      previous = code;
      runLength++;
    } else if (code >= 0x41 && code <= 0x5a) {
      endRun();
      word = mix(word, code + 0x20); // A-Z, lower-cased
      wordLength++;
    } else if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) {
      endRun();
      word = mix(word, code);
      wordLength++;
    } else if (code >= 0x80 && LETTER_OR_DIGIT_RE.test(String.fromCodePoint(code))) {
      endRun();
      const lower = String.fromCodePoint(code).toLowerCase();
      for (let i = 0; i < lower.length; i++) word = mix(word, lower.charCodeAt(i));
      wordLength++;
    } else {
      endRun();
      endWord();
    }
  }
  endRun();
  endWord();
  const sorted = found.subarray(0, size).sort();
  const terms = new Uint32Array(size);
  const counts = new Uint16Array(size);
  let distinct = 0;
  for (let i = 0; i < size; i++) {
    if (distinct > 0 && terms[distinct - 1] === sorted[i]) counts[distinct - 1] = Math.min(counts[distinct - 1]! + 1, 0xffff);
    else {
      terms[distinct] = sorted[i]!;
      counts[distinct++] = 1;
    }
  }
  return { terms: terms.slice(0, distinct), counts: counts.slice(0, distinct) };
}

/** The hash a term is kept as: FNV-1a over its UTF-16 code units, as `termCounts` makes it. */
export function hashOf(term: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) hash = mix(hash, term.charCodeAt(i));
  return hash & HASH_MASK;
}

const FNV_OFFSET = 0x811c9dc5;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;

function mix(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193) >>> 0;
}

/** A code point's UTF-16 units mixed in: two for one beyond the BMP. */
function mixCodePoint(hash: number, code: number): number {
  if (code <= 0xffff) return mix(hash, code);
  const offset = code - 0x10000;
  return mix(mix(hash, 0xd800 + (offset >> 10)), 0xdc00 + (offset & 0x3ff));
}
