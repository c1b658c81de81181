// The reports' words kept between builds: segmenting a report's text into words (Intl.Segmenter,
// content/words.ts) takes a few milliseconds, seconds for a thousand reports, so each text's
// counts are kept in one file of the cache (`.cache/weekly/words.json`) under the hash of the
// text. A build reads the file once, counts only the texts it has not seen, and writes the file
// again (whole, by way of a `.partial`) only when it counted one or dropped one it no longer has.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { replaceFile } from "../content/wholeFile.js";
import { dirname } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import type { Said } from "../core/show.js";
import { wordCounts, type CountedWords, type WordCount } from "../content/words.js";

/** Counts the words of a text, from the cache when it has them. */
export type CountWords = (text: string) => CountedWords;

export interface WordCache {
  /** Loads the kept counts (once; a missing or damaged file is an empty cache). */
  load(): Promise<void>;
  count: CountWords;
  /** Counts a build reuses from the one before (under --serve) without counting: kept in the file too. */
  keep(words: CountedWords): void;
  /** Writes the counts of the texts this build counted, when they differ from those kept. */
  save(): Promise<void>;
}

/** The file, in the cache folder. */
export const WORDS_FILE = "words.json";

/** Whether a build counts the reports' words: only when a page shows them (the hot words and trends page, the year pages). */
export const countsWords = (opts: ResolvedOptions): boolean => opts.layouts.trends !== false || opts.layouts.year !== false;

/** The warning when the file cannot be written. */
export const wordsNotKept = (error: unknown): Said => {
  const why = error instanceof Error ? error.message : String(error);
  return { en: `the reports' word counts could not be kept for the next build (${why})`, zh: `报告的词频没能保存下来供下次构建使用（${why}）` };
};

/** The file's version: counts written by another way of counting are not read. */
const VERSION = 1;

/** A text's counts as the file keeps them: `key\tcount\tshown` lines (the shown form only when it is not the key). */
const encode = (counts: readonly WordCount[]) => counts.map(({ key, count, shown }) => (shown === key ? `${key}\t${count}` : `${key}\t${count}\t${shown}`)).join("\n");

function decode(text: string): WordCount[] {
  if (text === "") return [];
  return text.split("\n").map((line) => {
    const [key, count, shown] = line.split("\t") as [string, string, string | undefined];
    return { key, count: Number(count), shown: shown ?? key };
  });
}

const hashOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

/** The counts kept in `file`; `undefined` (no cache folder): every text counted each build. */
export function wordCache(file: string | undefined): WordCache {
  let kept = new Map<string, string>();
  let used = new Map<string, string>();
  let changed = false;
  let loaded: Promise<void> | undefined;
  return {
    load() {
      loaded ??= (async () => {
        if (file === undefined) return;
        try {
          const parsed = JSON.parse(await readFile(file, "utf8")) as { version?: unknown; texts?: unknown };
          if (parsed.version === VERSION && parsed.texts !== null && typeof parsed.texts === "object") {
            kept = new Map(Object.entries(parsed.texts as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
          }
        } catch {
          // None yet, or not ours to read: counted again.
        }
      })();
      return loaded;
    },
    count(text) {
      const hash = hashOf(text);
      const known = used.get(hash) ?? kept.get(hash);
      if (known !== undefined) {
        used.set(hash, known);
        return { hash, counts: decode(known) };
      }
      const counts = wordCounts(text);
      used.set(hash, encode(counts));
      changed = true;
      return { hash, counts };
    },
    keep({ hash, counts }) {
      if (!used.has(hash)) used.set(hash, kept.get(hash) ?? encode(counts));
    },
    async save() {
      const texts = used;
      const same = !changed && texts.size === kept.size && [...texts.keys()].every((hash) => kept.has(hash));
      // The next build starts from this one's: a report edited under --serve leaves no trail of its drafts.
      kept = texts;
      used = new Map();
      changed = false;
      if (file === undefined || same) return;
      const sorted = Object.fromEntries([...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await mkdir(dirname(file), { recursive: true });
      await replaceFile(file, JSON.stringify({ version: VERSION, texts: sorted }));
    },
  };
}
