// The markdown-it rules the plugin adds to Eleventy's (and the check's) markdown-it: raw HTML by
// kind of page, no unsafe link, heading ids, no repeated title, pictures, links from source paths
// to page URLs, and a note of what markdown-it drops for nesting too deep. What the analysis reads
// out of the tokens is in markdownText.ts.
import type { MarkdownIt } from "markdown-it";
import type { RendererRule, Token } from "markdown-it";
import { isSafeLink } from "../core/safety.js";
import { markFirstPicture, pictureRule, type PictureMaker } from "./images.js";
import { assignHeadingIds, dropCommentParagraphs, dropRepeatedTitle, HEADING_WORDS, liftHeadings, LOST_NESTING, markHeadingWords } from "./markdownText.js";
import { wordBreakHtml } from "./wordBreaks.js";

/** What the render-time rules need from the rest of the plugin. */
export interface RenderContext extends PictureMaker {
  /** The URL a link in this file should point to, or undefined to leave it as written. */
  rewriteHref(fromInputPath: string, href: string): string | undefined;
  /** Whether raw HTML in this file is kept (true) or shown as text (false); undefined: as markdown-it is set. */
  allowsHtml(inputPath: string): boolean | undefined;
  /** Whether the page is the plugin's own (kinds.ts `isOwnPage`): the rules below leave any other page as the site renders it. */
  owns(inputPath: string): boolean;
}

interface RenderEnv {
  page?: { inputPath?: string };
  title?: unknown;
  /** Set by the analysis, which parses a page before Eleventy gives it an env: see `allowsHtml`. */
  weeklyRawHtml?: boolean;
  [key: string | symbol]: unknown;
}

/**
 * Removes the links whose target is not safe (`[text](data:…)` keeps its text, loses the link).
 * markdown-it's own link check has already refused script targets and every `data:` target but a
 * GIF, PNG, JPEG or WebP picture (kept for images), leaving them as written text; this also holds
 * if a site loosens that check.
 */
function dropUnsafeLinks(tokens: Token[]): void {
  for (const token of tokens) {
    if (token.type !== "inline" || !token.children?.some((child) => child.type === "link_open")) continue;
    const dropped: boolean[] = []; // one entry per open link: was it removed?
    token.children = token.children.filter((child) => {
      if (child.type === "link_open") {
        const drop = !isSafeLink(String(child.attrGet("href") ?? ""));
        dropped.push(drop);
        return !drop;
      }
      if (child.type === "link_close") return !dropped.pop();
      return true;
    });
  }
}

/**
 * markdown-it stops reading blocks nested deeper than its `maxNesting` (100 levels: about 50
 * nested lists or 100 quotes) and drops the rest of that container without a word. The block
 * parser is wrapped so that a parse notes the first line it dropped, for a warning at that line.
 */
function noteLostNesting(md: MarkdownIt): void {
  type BlockState = { level: number; env: Record<string, unknown>; bMarks: number[]; eMarks: number[]; tShift: number[] };
  const block = md.block as unknown as { tokenize(state: BlockState, startLine: number, endLine: number): void };
  const tokenize = block.tokenize.bind(block);
  // A markdown-it option its type declarations leave out (100 by default).
  const maxNesting = (md.options as { maxNesting?: number }).maxNesting ?? 100;
  block.tokenize = (state, startLine, endLine) => {
    if (state.level >= maxNesting && state.env[LOST_NESTING] === undefined) {
      for (let line = startLine; line < endLine; line++) {
        if (state.bMarks[line]! + state.tShift[line]! < state.eMarks[line]!) {
          state.env[LOST_NESTING] = line;
          break;
        }
      }
    }
    tokenize(state, startLine, endLine);
  };
}

/**
 * Adds the plugin's rules to Eleventy's markdown-it: raw HTML kept or shown as text by kind of
 * page, no link to a script or data target, heading ids, no repeated title, and links rewritten
 * from source paths to page URLs.
 */
export function installMarkdownRules(md: MarkdownIt, context: RenderContext): void {
  // markdown-it reads `options.html` while it parses; parsing is synchronous, so the setting is
  // changed for one page's parse and put back.
  const parse = md.parse.bind(md);
  md.parse = (source: string, env: RenderEnv = {}) => {
    const from = env.page?.inputPath;
    const html = env.weeklyRawHtml ?? (from === undefined ? undefined : context.allowsHtml(from)) ?? md.options.html;
    if (html === md.options.html) return parse(source, env);
    const saved = md.options.html;
    md.options.html = html;
    try {
      return parse(source, env);
    } finally {
      md.options.html = saved;
    }
  };
  noteLostNesting(md);
  // A page Eleventy renders names itself in the env; the analysis parses only the plugin's pages.
  const own = (env: unknown, from = (env as RenderEnv | undefined)?.page?.inputPath) => from === undefined || context.owns(from);
  md.core.ruler.push("weekly_safe_links", (state) => void (own(state.env) && dropUnsafeLinks(state.tokens)));
  md.core.ruler.push("weekly_headings", (state) => {
    const env = state.env as RenderEnv;
    if (!own(env)) return;
    if (!state.md.options.html) dropCommentParagraphs(state.tokens);
    dropRepeatedTitle(state.tokens, env.title);
    liftHeadings(state.tokens);
    assignHeadingIds(state.tokens);
    markHeadingWords(state.tokens);
    markFirstPicture(state.tokens);
  });
  const rewrite = (attr: "href" | "src", fallback: RendererRule): RendererRule => (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = token.attrGet(attr);
    const from = (env as RenderEnv | undefined)?.page?.inputPath;
    if (href !== null && from && context.owns(from)) {
      const url = context.rewriteHref(from, String(href));
      if (url !== undefined) token.attrSet(attr, url);
    }
    return fallback(tokens, idx, options, env, self);
  };
  const renderToken: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
  md.renderer.rules.link_open = rewrite("href", md.renderer.rules.link_open ?? renderToken);
  // A code block may scroll sideways on a phone: keyboard users must be able to reach it.
  for (const rule of ["fence", "code_block"] as const) {
    const render = md.renderer.rules[rule] ?? renderToken;
    md.renderer.rules[rule] = (tokens, idx, options, env, self) => (own(env) ? render(tokens, idx, options, env, self).replace(/^<pre(?=[\s>])/, '<pre tabindex="0"') : render(tokens, idx, options, env, self));
  }
  // A heading's text breaks between words only (wordBreaks.ts): marked while parsing, written here, so the analysis reads the text as written.
  const text = md.renderer.rules.text ?? renderToken;
  md.renderer.rules.text = (tokens, idx, options, env, self) => (tokens[idx]!.meta?.[HEADING_WORDS] === true ? wordBreakHtml(tokens[idx]!.content) : text(tokens, idx, options, env, self));
  const [image, picture] = [md.renderer.rules.image ?? renderToken, pictureRule(context, rewrite("src", md.renderer.rules.image ?? renderToken))];
  md.renderer.rules.image = (tokens, idx, options, env, self) => (own(env) ? picture : image)(tokens, idx, options, env, self);
}

