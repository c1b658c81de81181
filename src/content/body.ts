// A page's Markdown body read once: headings, excerpt, reading time and links, with what the
// reading depended on, so that a rebuild reuses it when nothing it depends on changed.
import { digestSections, type CountedWords, type DigestSection } from "./words.js";
import { posix } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { allowsRawHtml } from "../core/kinds.js";
import { readingTime, textOfTokens, type ReadingTime } from "../core/readingTime.js";
import { assignHeadingIds, collectLinks, excerptFromTokens, inlineText, LOST_NESTING, type AnalysisParser, type Heading, type LinkRef } from "./markdownText.js";
import type { CollectedPage } from "./pageTypes.js";
import { termCounts, type TermCounts } from "./terms.js";

/** Eleventy's `./posts/a.md` (relative to the working folder) → `posts/a.md` relative to the input folder. */
export function inputRelative(inputPath: string, inputDir: string): string {
  return posix.relative(posix.normalize(inputDir), posix.normalize(inputPath));
}

/** What a page's Markdown body says, whatever the rest of the site: read once per body. */
export interface BodyAnalysis {
  headings: Heading[];
  excerpt: string;
  readingTime: ReadingTime;
  links: LinkRef[];
  /** The body's words, counted, for the related reports (see related.ts). */
  terms: TermCounts;
  /** A report's words as the hot words, trends and year pages count them (words.ts); absent when none of those pages is made. */
  words?: CountedWords;
  /** A digest's sources and their items, when those pages are made. */
  sections?: DigestSection[];
  /** The first body line (0-based) markdown-it dropped for being nested too deep, if any. */
  lostNesting?: number;
  /** A `# heading` in the body that is not the title (a repeated title is dropped), with its 0-based line. */
  extraTitle?: { line: number; text: string };
}

export type BodyReader = (page: CollectedPage) => BodyAnalysis;

/**
 * Reads bodies with Eleventy's markdown-it (and the plugin's rules), as they will be rendered.
 * `withTerms: false` (a check, which chooses no related reports) leaves the terms empty.
 */
export function bodyReader(parse: AnalysisParser, opts: ResolvedOptions, withTerms = true, countWords?: (text: string) => CountedWords): BodyReader {
  return (page) => {
    const env: Record<string, unknown> = { title: page.data.title, weeklyRawHtml: allowsRawHtml(page.kind, opts) };
    const tokens = parse(page.body, env);
    const lost = env[LOST_NESTING];
    // Written as a level-1 heading (`# x` or underlined with `=`), whatever level liftHeadings gives it.
    const h1 = page.kind ? tokens.findIndex((token) => token.type === "heading_open" && (token.markup === "#" || token.markup === "=")) : -1;
    const extraTitle = h1 >= 0 ? { line: tokens[h1]!.map?.[0] ?? 0, text: inlineText(tokens[h1 + 1]).trim() } : undefined;
    const text = textOfTokens(tokens);
    return {
      headings: assignHeadingIds(tokens),
      excerpt: excerptFromTokens(tokens, opts.excerptLength),
      readingTime: readingTime(text),
      terms: termCounts(withTerms ? text : ""),
      ...(countWords && page.kind === "report" ? { words: countWords(text) } : {}),
      ...(countWords && page.kind === "digest" ? { sections: digestSections(tokens) } : {}),
      links: collectLinks(tokens, page.body),
      ...(typeof lost === "number" ? { lostNesting: lost } : {}),
      ...(extraTitle ? { extraTitle } : {}),
    };
  };
}

/** What a body's analysis depends on: the body, the title (a repeated `# title` is dropped), whether raw HTML is kept, and whether its terms were counted. */
export interface BodyInput {
  body: string;
  title: string;
  rawHtml: boolean | undefined;
  withTerms: boolean;
  withWords: boolean;
}

export function bodyInput(page: CollectedPage, opts: ResolvedOptions, withTerms = true, withWords = false): BodyInput {
  return { body: page.body, title: typeof page.data.title === "string" ? page.data.title : "", rawHtml: allowsRawHtml(page.kind, opts), withTerms, withWords: withWords && (page.kind === "report" || page.kind === "digest") };
}

/** Equal inputs, equal analyses: a rebuild reuses them. */
export function sameBodyInput(a: BodyInput, b: BodyInput): boolean {
  return a.body === b.body && a.title === b.title && a.rawHtml === b.rawHtml && a.withTerms === b.withTerms && a.withWords === b.withWords;
}
