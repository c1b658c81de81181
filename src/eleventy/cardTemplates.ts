// Social cards as Eleventy pages: a JavaScript template paginated over the reports and one for the
// home page, each rendering the card's PNG bytes (an async render may return a Buffer, written as
// it is: eleventy#3629). Being pages, they are in the output's record, removed when stale, and
// never made for a report held back (it is not in the reports collection of a production build).
import { resolve } from "node:path";
import type { EleventyConfig } from "./eleventyConfig.js";
import type { ResolvedOptions } from "../core/options.js";
import type { WeeklyBuild, BuildEvent, BuildState } from "../pipeline/build.js";
import type { CollectionItem } from "../present/collections.js";
import { generatedPageUrls } from "../present/pages.js";
import type { CardLink } from "../present/views.js";
import { BuildCards } from "../cards/cards.js";
import { cardCache } from "../cards/cache.js";
import { cardFonts } from "../cards/fonts.js";
import { startCardThread } from "../cards/cardThread.js";
import { messageLanguage } from "../core/language.js";
import { undrawnWarning } from "../cards/undrawn.js";
import { cardUrl } from "../cards/key.js";
import type { CardContent } from "../cards/layout.js";
import { cardLink, homeCard, reportCard } from "../cards/cardPages.js";
import type { TemplateApi } from "./templateApi.js";

/** What a warning about the home page's card names: the options it shows. */
const HOME_CARD_SOURCE = "the home page's card (site.title, site.description, site.url)";

/** A report's file, relative to the project, as problems name it. */
function sourceOf(item: CollectionItem | undefined): string {
  return (item?.inputPath ?? "a report").replace(/^\.\//, "");
}

interface CardData {
  report?: CollectionItem;
  collections: { all?: CollectionItem[] };
}

/** Filter `weeklyCard`, the card templates and, after each build, the cache pruned and the timing line (`WEEKLY_CARD_TIMING=1`). */
export function installCards(eleventyConfig: EleventyConfig, opts: ResolvedOptions, build: WeeklyBuild, api: TemplateApi, env: () => Record<string, string | undefined>, place: (url: string) => string | false = (url) => url): void {
  const home = opts.cards ? generatedPageUrls(opts).home : false;
  const homeLink = home === false ? undefined : cardLink(home, opts.site.title);
  // Filter `weeklyCard`: the card a page's <head> names, or undefined (a site without cards, a page without one).
  eleventyConfig.addFilter("weeklyCard", (page: { inputPath?: string; url?: unknown } | undefined): CardLink | undefined => {
    if (!opts.cards || !page) return undefined;
    return page.url === home ? homeLink : api.view(page)?.card;
  });
  if (!opts.cards) return;

  const fonts = cardFonts();
  const cache = opts.cacheDir === false ? undefined : cardCache(resolve(opts.cacheDir, "cards"));
  const homeContent = home === false ? undefined : homeCard(opts.site);
  const contentOf = (item: CollectionItem | undefined): CardContent => {
    const view = api.view(item);
    if (!view) throw new Error(`weekly plugin: no analysis of ${item?.inputPath ?? "a report"} for its card`);
    return reportCard(view, opts.site.title);
  };
  /** One build's cards, made with the first card it renders. */
  const runs = new WeakMap<BuildState, BuildCards>();
  /** The last build's cards: its threads are stopped when it ends, or when the next build starts if it failed. */
  let last: BuildCards | undefined;
  const runOf = (data: CardData): BuildCards => {
    const state = build.current;
    let run = runs.get(state);
    if (!run) {
      const reports = api.reports(data.collections.all ?? []);
      void last?.close();
      last = run = new BuildCards(fonts, cache, () => [...(homeContent ? [homeContent] : []), ...reports.map(contentOf)]);
      runs.set(state, run);
    }
    return run;
  };
  // A build that will draw every card (none is kept) starts the card thread as soon as it can (the
  // plugin is added as Eleventy reads the config; a later build under --serve, as it begins): satori,
  // resvg and subset-font load on another core while Eleventy reads the site (cards/cardThread.ts).
  const startIfCold = () => {
    if (!cache || cache.empty()) startCardThread(fonts.ownFiles);
  };
  startIfCold();
  eleventyConfig.on("eleventy.before", startIfCold);
  const common = { layout: false, eleventyExcludeFromCollections: true };
  eleventyConfig.addTemplate("weekly-plugin/card.11ty.js", {
    data: {
      ...common,
      pagination: { data: "collections.all", before: api.reports, size: 1, alias: "report", addAllPagesToCollections: false },
      eleventyComputed: { permalink: (data: CardData) => (typeof data.report?.url === "string" ? cardUrl(data.report.url) : false) },
    },
    render: async (data: CardData) => runOf(data).png(contentOf(data.report), sourceOf(data.report)),
  });
  if (home !== false && homeContent) {
    eleventyConfig.addTemplate("weekly-plugin/home-card.11ty.js", {
      // No card for a home page the site has its own of (guest.ts).
      data: { ...common, eleventyComputed: { permalink: () => (place(home) === false ? false : cardUrl(home)) } },
      render: async (data: CardData) => runOf(data).png(homeContent, HOME_CARD_SOURCE),
    });
  }

  eleventyConfig.on("eleventy.after", async (event: BuildEvent) => {
    const state = build.latest;
    const run = state && runs.get(state);
    if (!state || !run) return;
    await run.close();
    // Only a whole production build knows every card the site shows: the others it keeps.
    if (event.runMode === "build" && !state.preview && !event.incremental && state.writes) await run.prune();
    for (const [source, undrawn] of [...run.undrawn].sort(([a], [b]) => (a < b ? -1 : 1))) console.warn(`[weekly] ${undrawnWarning(source, undrawn, messageLanguage(opts.site.language, env().WEEKLY_LANG))}`);
    const drawnOn = await run.drawnOn();
    if (drawnOn?.fallback !== undefined) console.warn(`[weekly] the social cards were drawn on one thread: a worker thread failed (${drawnOn.fallback})`);
    const { drawn, reused, ms } = run.tally;
    const threads = drawnOn && drawnOn.threads > 1 ? ` on ${drawnOn.threads} threads` : "";
    if (env().WEEKLY_CARD_TIMING === "1") console.log(`[weekly] cards: ${drawn + reused} (${drawn} drawn, ${reused} from the cache) in ${(ms / 1000).toFixed(2)} s${threads}`);
  });
}
