// Social cards as files the plugin puts into the output folder: a PNG for each report the build
// shows and one for the home page, named by their og:image. They are placed while Eleventy renders
// the pages (begun once the analysis knows every report and its address), each linked from the
// card cache, or drawn and kept there first; they are in the output's record like pages (under the
// inputs `weekly-plugin/card.11ty.js` and `weekly-plugin/home-card.11ty.js`), so removed when
// stale, and never made for a report held back (the analysis does not publish it). Not being
// Eleventy pages, they cost Eleventy nothing: a save under --serve no longer renders and writes
// every card again, and a kept card is a link, not 40 kB written.
import { inLanguage } from "../core/show.js";
import { mkdirSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { EleventyConfig } from "./eleventyConfig.js";
import type { ResolvedOptions } from "../core/options.js";
import type { WeeklyBuild, BuildEvent, BuildState } from "../pipeline/build.js";
import { journalOwnFiles, outputFileOfUrl } from "../pipeline/output.js";
import { generatedPageUrls } from "../present/pages.js";
import type { CardLink } from "../present/views.js";
import { BuildCards } from "../cards/cards.js";
import { cardCache } from "../cards/cache.js";
import { cardFonts } from "../cards/fonts.js";
import { startCardThread } from "../cards/cardThread.js";
import { messageLanguage } from "../core/language.js";
import { undrawnWarning } from "../cards/undrawn.js";
import { cardKey, cardUrl } from "../cards/key.js";
import type { CardContent } from "../cards/layout.js";
import { cardLink, homeCard, reportCard } from "../cards/cardPages.js";
import type { TemplateApi } from "./templateApi.js";

/** What a warning about the home page's card names: the options it shows. */
const HOME_CARD_SOURCE = "the home page's card (site.title, site.description, site.url)";

/** A report's file, relative to the project, as problems name it. */
const sourceOf = (inputPath: string) => inputPath.replace(/^\.\//, "");

/** The inputs the output's record lists the cards under (they were Eleventy templates of these names once). */
const CARD_INPUT = "weekly-plugin/card.11ty.js";
const HOME_CARD_INPUT = "weekly-plugin/home-card.11ty.js";

/** Filter `weeklyCard`, the cards put into the output folder and, after each build, the cache pruned and the timing line (`WEEKLY_CARD_TIMING=1`). */
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
  /** Each build's cards. */
  const runs = new WeakMap<BuildState, BuildCards>();
  /** The last build's cards: its threads are stopped when it ends, or when the next build starts if it failed. */
  let last: BuildCards | undefined;
  // A build that will draw every card (none is kept) starts the card thread as soon as it can (the
  // plugin is added as Eleventy reads the config; a later build under --serve, as it begins): satori,
  // resvg and subset-font load on another core while Eleventy reads the site (cards/cardThread.ts).
  const startIfCold = () => {
    if (!cache || cache.empty()) startCardThread(fonts.ownFiles);
  };
  startIfCold();
  eleventyConfig.on("eleventy.before", startIfCold);
  // Once the analysis passed: every card of the build, placed while Eleventy renders the pages.
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }: { inputPathToUrl: Record<string, string[]> }) => {
    const state = build.current;
    const placed = build.analysed.then((analysed) => (analysed === state && state.writes && state.output ? placeCards(state, state.output, inputPathToUrl) : []));
    placed.catch(() => undefined); // reported when the output is settled (pipeline/output.ts)
    state.ownFiles.push(placed);
  });
  /** The cards of this build's reports and home page, in its output folder: their [input, file] pairs. */
  const placeCards = async (state: BuildState, output: string, inputPathToUrl: Record<string, string[]>): Promise<Array<[string, string]>> => {
    const cards: Array<{ input: string; content: CardContent; source: string; file: string }> = [];
    for (const [inputPath, urls] of Object.entries(inputPathToUrl)) {
      const view = urls.length > 0 ? api.view(inputPath) : undefined;
      if (view?.kind === "report") cards.push({ input: CARD_INPUT, content: reportCard(view, opts.site.title), source: sourceOf(inputPath), file: outputFileOfUrl(cardUrl(view.url)) });
    }
    if (home !== false && homeContent && place(home) !== false) cards.push({ input: HOME_CARD_INPUT, content: homeContent, source: HOME_CARD_SOURCE, file: outputFileOfUrl(cardUrl(home)) });
    await journalOwnFiles(state, cards.map(({ input, file }) => [input, file] as const));
    // A card to draw (a report gone live, a title changed): drawn on the card thread, which loads
    // the drawing on another core while this one renders the pages (and stays for the next save).
    const identity = await fonts.identity();
    if (cache && cards.some(({ content }) => !cache.has(cardKey(content, identity)))) startCardThread(fonts.ownFiles);
    void last?.close();
    const run = (last = new BuildCards(fonts, cache, () => cards.map((card) => card.content)));
    runs.set(state, run);
    const root = resolve(output);
    await Promise.all(
      cards.map(async ({ content, source, file }) => {
        const to = resolve(root, file);
        if (!to.startsWith(root + sep)) throw new Error(`weekly plugin: the card of ${source} would be written outside the output folder (${file})`);
        mkdirSync(dirname(to), { recursive: true });
        await run.place(content, source, to);
      }),
    );
    return cards.map(({ input, file }) => [input, file]);
  };

  eleventyConfig.on("eleventy.after", async (event: BuildEvent) => {
    const state = build.latest;
    await Promise.allSettled(state?.ownFiles ?? []);
    const run = state && runs.get(state);
    if (!state || !run) return;
    await run.close();
    // Only a whole production build knows every card the site shows: the others it keeps.
    if (event.runMode === "build" && !state.preview && !event.incremental && state.writes) await run.prune();
    for (const [source, undrawn] of [...run.undrawn].sort(([a], [b]) => (a < b ? -1 : 1))) console.warn(`[weekly] ${undrawnWarning(source, undrawn, messageLanguage(opts.site.language, env().WEEKLY_LANG))}`);
    const drawnOn = await run.drawnOn();
    if (drawnOn?.fallback !== undefined) {
      const warning = { en: `the social cards were drawn on one thread: a worker thread failed (${drawnOn.fallback})`, zh: `社交卡片改在一个线程上绘制：一个工作线程失败了（${drawnOn.fallback}）` };
      console.warn(`[weekly] ${inLanguage(warning, messageLanguage(opts.site.language, env().WEEKLY_LANG))}`);
    }
    const { drawn, reused, ms } = run.tally;
    const threads = drawnOn && drawnOn.threads > 1 ? ` on ${drawnOn.threads} threads` : "";
    if (env().WEEKLY_CARD_TIMING === "1") console.log(`[weekly] cards: ${drawn + reused} (${drawn} drawn, ${reused} from the cache) in ${(ms / 1000).toFixed(2)} s${threads}`);
  });
}
