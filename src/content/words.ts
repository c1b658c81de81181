// The words of a report, for the hot words, trends and year pages: Chinese segmented into words by
// the ICU dictionary that Intl.Segmenter carries (not the character pairs the related reports
// compare), Latin words and model names kept whole (`GPT-5`, `Claude Opus 4.5`, `Llama`), numbers,
// one-character words and a stop list of function words and the weekly's own boilerplate left out.
// Pure: the text in, the counts out.
import type { Token } from "markdown-it";
import { isCjk } from "../core/readingTime.js";
import { inlineText } from "./markdownText.js";

/** A word as counted: its key (Latin lower-cased), how often, and how it was written most often. */
export interface WordCount {
  key: string;
  count: number;
  shown: string;
}

/** A text's words, counted, under the hash of the text (the cache's key: pipeline/wordCache.ts). */
export interface CountedWords {
  hash: string;
  counts: WordCount[];
}

/**
 * A Latin word, with its joined parts (`GPT-5`, `DeepLearning.AI`, `C++`), and a model name: capitalised
 * words ending in a version (`Claude Opus 4.5`, `Llama 3.1`, `Gemini 3`). Words that end in no
 * version stay apart (`OpenAI Microsoft` is two words); a word glued to a number before it
 * (`2GW`) is a quantity, not a word.
 */
const LATIN_RE = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*\+*(?:(?: [A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)* \d+(?:\.\d+)*[A-Za-z]?(?![\w.]))?/g;

/** Latin words that say nothing of a week. */
const LATIN_STOP = new Set(
  "a an and are as at be but by can do does for from has have how in into is it its it's more new not of on or our so than that the their them then there these they this to up via was we were what when which who will with you your".split(" "),
);

/** A week's name (`W06`): every report has its own. */
const WEEK_RE = /^W\d{1,2}$/i;

/**
 * Chinese words that say nothing of a week: pronouns and function words the segmenter returns as
 * words, and the words every weekly report and digest carries (its sections, its own name).
 */
const CHINESE_STOP = new Set(
  (
    "我们 你们 他们 它们 我的 自己 这个 那个 这些 那些 这种 这样 一个 一些 一种 一次 以及 通过 进行 可以 能够 可能 没有 已经 正在 " +
    "开始 成为 同时 此外 其中 之一 不仅 而且 并且 或者 因此 所以 但是 然而 如果 虽然 由于 对于 关于 随着 包括 为了 作为 根据 " +
    "目前 当前 未来 近期 最近 今年 去年 今天 本周 上周 下周 本期 每周 周报 新闻 报道 摘要 来源 原文 链接 阅读 更多 相关 主要 " +
    "重要 显著 进一步 持续 不断 更加 非常 整体 看来 来看 方面 领域 其他 以上 以下 之间 之后 之前 不是 就是 还是 也是 都是 " +
    "中的 的是 之中 展望 综述 总结 要闻 编者按 导读 本文 文章"
  ).split(" "),
);

/** Characters that are words of their own, never part of a longer word the dictionary missed. */
const FUNCTION_CHARACTERS = new Set([..."的了和与在是也就都而及或把被让向从对为以将等这那有中上下不很更最又并其之于着过个们到说要会能可还已再所如若但则即每各该此"]);

/** Shorter words are function words (的, 了) or fragments. */
const MIN_CHINESE_LENGTH = 2;
const MIN_LATIN_LENGTH = 2;

/** A sentence, or a piece of at most 500 characters of a longer one: what is segmented at once. */
const SENTENCE_RE = /[^\n。！？；!?;]{1,500}/g;

let segmenter: Intl.Segmenter | undefined;

/** The words of a text, counted, sorted by key. */
export function wordCounts(text: string): WordCount[] {
  const counts = new Map<string, number>();
  const forms = new WrittenForms();
  const add = (key: string, written: string) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    forms.add(key, written);
  };
  // Latin first, each match blanked, so that the segmenter sees only the rest.
  const rest = text.replace(LATIN_RE, (word) => {
    const key = word.toLowerCase();
    if (word.length >= MIN_LATIN_LENGTH && !LATIN_STOP.has(key) && !WEEK_RE.test(word)) add(key, word);
    return " ";
  });
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  // The dictionary knows few new terms and cuts them into characters (芯|片, 降|温): neighbouring
  // single characters are joined into one word, unless one is a function character (的, 与).
  let joined = "";
  const endJoined = () => {
    if (joined.length >= MIN_CHINESE_LENGTH && !CHINESE_STOP.has(joined)) add(joined, joined);
    joined = "";
  };
  // Sentence by sentence: the segmenter's time grows with the square of a string's length (a
  // 100 000-character text took 11 s at once, 0.1 s in sentences), and no word crosses a full stop.
  for (const [sentence] of rest.matchAll(SENTENCE_RE)) {
    for (const { segment, isWordLike } of segmenter.segment(sentence)) {
      const chinese = isWordLike === true && isCjk(segment.codePointAt(0)!);
      if (chinese && segment.length === 1 && !FUNCTION_CHARACTERS.has(segment)) {
        joined += segment;
        continue;
      }
      endJoined();
      if (!chinese || segment.length < MIN_CHINESE_LENGTH || CHINESE_STOP.has(segment)) continue;
      add(segment, segment);
    }
    endJoined();
  }
  return [...counts]
    .map(([key, count]) => ({ key, count, shown: forms.shown(key) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The form written most often; of two as often, the first in code-point order (the same every build). */
export function mostWritten(written: ReadonlyMap<string, number>): string {
  let best = "";
  let most = 0;
  for (const [form, count] of written) {
    if (count > most || (count === most && form < best)) [best, most] = [form, count];
  }
  return best;
}

/** How each word (by its key) was written, and how often: it is shown as written most. */
export class WrittenForms {
  readonly #forms = new Map<string, Map<string, number>>();

  add(key: string, form: string, count = 1): void {
    let forms = this.#forms.get(key);
    if (!forms) this.#forms.set(key, (forms = new Map()));
    forms.set(form, (forms.get(form) ?? 0) + count);
  }

  /** The form written most (mostWritten); the key itself for one never added. */
  shown(key: string): string {
    const forms = this.#forms.get(key);
    return forms ? mostWritten(forms) : key;
  }
}

/** The key a tag or a word is counted under: Latin lower-cased, Chinese as written. */
export const wordKey = (word: string): string => word.trim().toLowerCase();

/** A digest's section: the source a `## heading` names, and the list items under it. */
export interface DigestSection {
  name: string;
  items: number;
}

/** The sections of a digest's body as markdown-it read it: each `##` heading's text, and the items of the lists under it. */
export function digestSections(tokens: readonly Token[]): DigestSection[] {
  const sections: DigestSection[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open" && token.tag === "h2") sections.push({ name: inlineText(tokens[i + 1]).trim(), items: 0 });
    else if (token.type === "list_item_open" && token.level === 1 && sections.length > 0) sections.at(-1)!.items++;
  }
  return sections.filter((section) => section.name !== "");
}
