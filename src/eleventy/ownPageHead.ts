// The plugin's own pages in any layout: a report or digest rendered through the host's layout (a
// `layouts/post.njk` of the site's own) keeps its canonical address, social card, feed links, its
// place in the search index and the site's language; the pages the plugin generates keep their
// head and language. Every other page of the site is left byte for byte as it is.
import { posix } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { encodeUrl } from "../core/safety.js";
import { kindOf } from "../core/kinds.js";
import { cardLink } from "../cards/cardPages.js";
import { completeHead, markSearchBody, ownHeadTags, setLanguage, type OwnPageFacts } from "../present/hostLayout.js";
import { generatedPages, generatedPageUrls } from "../present/pages.js";
import type { CardLink } from "../present/views.js";
import type { EleventyConfig } from "./eleventyConfig.js";
import type { TemplateApi } from "./templateApi.js";

interface TransformPage {
  page: { inputPath: string; outputPath: unknown; url: unknown };
}

/** Transform `weekly-own-head`: what a host's layout leaves out of one of the plugin's pages, added. */
export function installOwnPageHead(eleventyConfig: EleventyConfig, opts: ResolvedOptions, api: TemplateApi): void {
  const input = posix.normalize(eleventyConfig.directories.input);
  const generated = new Map(generatedPages(opts).map((page) => [page.path, page.data]));
  const home = generatedPageUrls(opts).home;
  const absolute = (url: string) => encodeUrl(`${opts.site.url}${url}`);
  const feeds: OwnPageFacts["feeds"] = [];
  if (opts.feeds.atom !== false) feeds.push({ type: "application/atom+xml", title: opts.site.title, url: absolute(opts.feeds.atom) });
  if (opts.feeds.json !== false) feeds.push({ type: "application/feed+json", title: opts.site.title, url: absolute(opts.feeds.json) });
  const card = (link: CardLink | undefined) => (link && opts.cards ? { ...link, url: absolute(link.url) } : undefined);

  /** The facts of one of the plugin's pages, or undefined for a page of the host. */
  const factsOf = (inputPath: string, url: string): { facts: OwnPageFacts; searched: boolean } | undefined => {
    const path = posix.relative(input, posix.normalize(inputPath));
    // A page of the host is never looked at further: not even its view is made.
    const view = kindOf(path, opts) ? api.view(inputPath) : undefined;
    if (view) return { facts: { url: absolute(url), title: view.title, description: view.description, noindex: api.needsNoindex(inputPath), card: card(view.card), feeds }, searched: true };
    const data = generated.get(path);
    if (!data || data.layout === false) return undefined;
    const noindex = api.needsNoindex(inputPath);
    const title = typeof data.title === "string" && data.title !== "" ? data.title : opts.site.title;
    const homeCard = url === home ? card(cardLink(home, opts.site.title)) : undefined;
    return { facts: { url: absolute(url), title, description: opts.site.description, noindex: noindex || data.noindex === true, card: homeCard, feeds }, searched: false };
  };

  eleventyConfig.addTransform("weekly-own-head", function (this: TransformPage, html: string) {
    const { inputPath, outputPath, url } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html") || typeof url !== "string" || typeof html !== "string") return html;
    const own = factsOf(inputPath, url);
    if (!own) return html;
    const headed = setLanguage(completeHead(html, ownHeadTags(own.facts), opts.site.url), opts.site.language);
    return own.searched ? markSearchBody(headed) : headed;
  });
}
