// One build after another, as a table of stages (STAGES, at the end): each stage is named, runs on
// one of Eleventy's events or hooks, and is a function of the builds' `WeeklyBuild`. The plugin
// registers every stage on its hook (eleventy/stageHooks.ts); `weekly check` runs the same table
// on a site's files without Eleventy (readSite.ts), up to the analysis. Each build starts from a
// fresh state (state.ts); the analyses of bodies are all that is kept from one build to the next.
// Between analyse and settle Eleventy renders, the template API (eleventy/templateApi.ts) reading
// the analysis.
import { resolve } from "node:path";
import { countsWords, wordCache, wordsNotKept, WORDS_FILE, type WordCache } from "./wordCache.js";
import { inLanguage } from "../core/show.js";
import type { MarkdownIt } from "markdown-it";
import type { AnalysisParser } from "../content/markdownText.js";
import type { ResolvedOptions } from "../core/options.js";
import { formatProblem, sortProblems, type Problem } from "../core/errors.js";
import type { SiteIndex } from "../content/pageTypes.js";
import { bodyInput, bodyReader, sameBodyInput, type BodyAnalysis, type BodyInput, type BodyReader } from "../content/body.js";
import { reservedOutputs } from "../content/contentData.js";
import { summaryLine } from "../content/schedule.js";
import { SEARCH_FOLDER } from "./search.js";
import { languageOf, type BuildContext, type Logger } from "./context.js";
import type { BuildEnvironment, BuildEvent, BuildState } from "./state.js";
import { beginBuild } from "./start.js";
import { admitPage } from "./admit.js";
import { pageDate } from "./pageDates.js";
import { analyseBuild } from "./analyse.js";
import { journal, settleOutput, takeOutput, unpublishedSinceLastBuild } from "./output.js";
import type { OutputManifest } from "./clean.js";
import { stop } from "./problems.js";
import { existingContent, type CheckResult } from "./checkResult.js";
import { buildSummary } from "./summary.js";

export type { BuildEvent, BuildEnvironment, BuildState } from "./state.js";
export type { Logger } from "./context.js";
export type { OutputManifest } from "./clean.js";
export type { CheckResult } from "./checkResult.js";

/** The builds of one site, one after another: what their stages share, and what one build keeps for the next. */
export class WeeklyBuild {
  readonly ctx: BuildContext;
  /** Eleventy's markdown-it once the plugin's rules are on it (`useMarkdown`), or the check's: pages are analysed with it. */
  parse: AnalysisParser | undefined;
  /** The build under way, or the last one. */
  state: BuildState | undefined;
  /** Gives back the output folder's lock, while this process holds it. */
  release: (() => Promise<void>) | undefined;
  /** Each page's body analysis and what it was made from, by page path: kept for the next build. */
  bodies = new Map<string, { input: BodyInput; analysis: BodyAnalysis }>();
  /** The last build's state once its analysis passed, before any page is written (undefined: it stopped). */
  analysed: Promise<BuildState | undefined> = Promise.resolve(undefined);
  /** What the last build wrote into its output folder, once it has settled (undefined: nothing, or it failed). */
  settled: Promise<OutputManifest | undefined> = Promise.resolve(undefined);
  /**
   * Whether the preview's server (`--serve`) encodes a picture's variant when the browser asks for
   * it (eleventy/previewPictures.ts): its builds then write only the variants the cache holds.
   */
  picturesOnRequest = false;
  /** The reports' words kept between builds, when a page shows them (hot words, trends, years); else undefined and never counted. */
  readonly words: WordCache | undefined;

  constructor(
    opts: ResolvedOptions,
    inputDir: string,
    logger: Logger,
    env: () => BuildEnvironment = () => process.env,
    /** The data file extensions the site reads besides json (`addDataExtension`). */
    dataExtensions: () => readonly string[] = () => [],
  ) {
    this.ctx = {
      opts,
      inputDir,
      logger,
      env,
      dataExtensions: () => ["json", ...dataExtensions().filter((ext) => ext !== "json")],
      reserved: reservedOutputs(opts, SEARCH_FOLDER),
    };
    this.words = countsWords(opts) ? wordCache(opts.cacheDir === false ? undefined : resolve(opts.cacheDir, WORDS_FILE)) : undefined;
  }

  /** This build's state; a page admitted before any build started (programmatic use) starts one. */
  get current(): BuildState {
    this.state ??= beginBuild(this.ctx, {});
    return this.state;
  }

  /** The state of the build under way or last run, for the template API; none before the first. */
  get latest(): BuildState | undefined {
    return this.state;
  }

  /** Eleventy's markdown-it, once the plugin's rules are on it: pages are analysed with it. */
  useMarkdown(md: MarkdownIt): void {
    // Parsed again when Eleventy renders: keeping every page's tokens until then costs more (memory
    // and garbage collection) than parsing twice, as measured with `npm run bench`.
    this.parse = (source, env) => md.parse(source, env);
  }
}

/** A page as Eleventy's preprocessor hands it over: its path, its merged data and its body. */
export interface PageInput {
  inputPath: string;
  data: Record<string, unknown>;
  body: string;
}

/** What each of Eleventy's events and hooks hands its stage, and what the stage gives back. */
export interface StageHooks {
  "eleventy.before": (build: WeeklyBuild, event?: BuildEvent) => Promise<CheckResult | undefined>;
  preprocessor: (build: WeeklyBuild, page: PageInput) => boolean;
  addDateParsing: (build: WeeklyBuild, value: unknown, inputPath: string | undefined) => Date | undefined;
  "eleventy.contentMap": (build: WeeklyBuild, map: { inputPathToUrl: Record<string, string[]> }) => Promise<CheckResult | undefined>;
  "eleventy.passthrough": (build: WeeklyBuild, copied: { map?: Record<string, string> }) => void;
  "eleventy.after": (build: WeeklyBuild, event: BuildEvent) => Promise<void>;
}

export type Hook = keyof StageHooks;

/** One row of the table: a stage, the hook it runs on, whether `weekly check` runs it, what it does, and the function. */
export type Stage = { [H in Hook]: { name: string; on: H; check: boolean; does: string; run: StageHooks[H] } }[Hook];

/** `eleventy.before`: a fresh state, and the output folder taken. A check with code in a content folder ends here. */
export async function start(build: WeeklyBuild, event: BuildEvent = {}): Promise<CheckResult | undefined> {
  const state = beginBuild(build.ctx, event);
  build.state = state;
  if (state.stopped) return checkResult(build, state.stopped, 0, undefined);
  const release = await takeOutput(build.ctx, state, event, build.release !== undefined);
  build.release ??= release;
  return undefined;
}

/** The preprocessor: whether Eleventy builds this page. */
export function admit(build: WeeklyBuild, page: PageInput): boolean {
  return admitPage(build.ctx, build.current, page.inputPath, page.data, page.body);
}

/** `addDateParsing`: a front-matter `date` means a day or time in the site's zone. */
export function dates(build: WeeklyBuild, value: unknown, inputPath: string | undefined): Date | undefined {
  return pageDate(build.ctx, build.current, value, inputPath);
}

/** `eleventy.contentMap`: the analysis and every check, before anything is written. A check ends here with every problem. */
export function analyse(build: WeeklyBuild, map: { inputPathToUrl: Record<string, string[]> }): Promise<CheckResult | undefined> {
  const done = analyseBuildOf(build, map);
  build.analysed = done.then(
    (result) => (result === undefined ? build.state : undefined),
    () => undefined,
  );
  return done;
}

async function analyseBuildOf(build: WeeklyBuild, { inputPathToUrl }: { inputPathToUrl: Record<string, string[]> }): Promise<CheckResult | undefined> {
  const { ctx } = build;
  const state = build.current;
  // Eleventy creates its markdown-it only for a site that has Markdown pages.
  if (!build.parse && state.collected.size > 0) throw new Error("weekly plugin: markdown-it was not configured before the content map");
  const words = state.checkOnly ? undefined : build.words;
  await words?.load();
  const all = sortProblems([...analyseBuild(ctx, state, inputPathToUrl, readBody(build, words)), ...unpublishedSinceLastBuild(ctx, state)]);
  if (state.checkOnly) return checkResult(build, all, state.collected.size, state.site);
  // Kept for the next build; a cache that cannot be written costs only the counting next time.
  await words?.save().catch((error: unknown) => ctx.logger.warn(inLanguage(wordsNotKept(error), languageOf(ctx))));
  const errors = all.filter((p) => p.severity === "error");
  for (const warning of all.filter((p) => p.severity === "warning")) ctx.logger.warn(formatProblem(warning, languageOf(ctx)));
  if (errors.length > 0) {
    await giveBackOutput(build);
    throw stop(ctx, errors);
  }
  await journal(state);
  return undefined;
}

/** `eleventy.passthrough`: the files copied as they are, by URL. */
export function passthrough(build: WeeklyBuild, { map }: { map?: Record<string, string> }): void {
  for (const [url, source] of Object.entries(map ?? {})) build.state?.passthrough.set(decodeURI(url).replace(/^\//, ""), source);
}

/** `eleventy.after`: the output folder settled and given back, and the summary line. */
export function settle(build: WeeklyBuild, event: BuildEvent): Promise<void> {
  const done = settleBuild(build, event);
  build.settled = done.catch(() => undefined);
  return done.then(() => undefined);
}

async function settleBuild(build: WeeklyBuild, event: BuildEvent): Promise<OutputManifest | undefined> {
  const state = build.state;
  if (!state) return undefined;
  const output = event.directories?.output;
  const results = event.results ?? [];
  let written: OutputManifest | undefined;
  try {
    // --dryrun reports no page and writes nothing: then nothing is copied, removed or recorded.
    const picturesOnRequest = build.picturesOnRequest && event.runMode === "serve";
    if (output && state.writes && results.length > 0) written = await settleOutput(build.ctx, state, output, event, results, picturesOnRequest);
  } finally {
    await giveBackOutput(build);
  }
  build.ctx.logger.info(summaryLine(buildSummary(state), languageOf(build.ctx)));
  return written;
}

async function giveBackOutput(build: WeeklyBuild): Promise<void> {
  const release = build.release;
  build.release = undefined;
  await release?.();
}

/** A check's end: its problems, how many pages it read, and the site as `weekly new` needs it. */
function checkResult(build: WeeklyBuild, problems: readonly Problem[], files: number, site: SiteIndex | undefined): CheckResult {
  return { problems, files, site: { inputDir: build.ctx.inputDir, options: build.ctx.opts, content: existingContent(site) } };
}

/**
 * Bodies are read once and their analyses kept from one build to the next (under `--serve`, a
 * save re-reads only the bodies that changed); those of pages no longer in the site are dropped.
 */
function readBody(build: WeeklyBuild, words: WordCache | undefined): BodyReader {
  // A check shows no related reports: it counts no body's terms.
  const withTerms = !build.current.checkOnly;
  const read = bodyReader(build.parse ?? (() => []), build.ctx.opts, withTerms, words?.count);
  const previous = build.bodies;
  build.bodies = new Map();
  return (page) => {
    const input = bodyInput(page, build.ctx.opts, withTerms, words !== undefined);
    const kept = previous.get(page.path);
    const reused = kept && sameBodyInput(kept.input, input) ? kept.analysis : undefined;
    if (reused?.words) words?.keep(reused.words);
    const analysis = reused ?? read(page);
    build.bodies.set(page.path, { input, analysis });
    return analysis;
  };
}

/** The stages, in the order Eleventy runs them. Eleventy renders (and copies passthrough files) between analyse and settle. */
export const STAGES = [
  { name: "start", on: "eleventy.before", check: true, does: "clock and mode, content folders checked, output folder taken", run: start },
  { name: "admit", on: "preprocessor", check: true, does: "each page checked; one not yet published dropped", run: admit },
  { name: "dates", on: "addDateParsing", check: true, does: "front-matter dates read in the site's zone", run: dates },
  { name: "analyse", on: "eleventy.contentMap", check: true, does: "the site analysed, every problem weighed; stop before writing", run: analyse },
  { name: "passthrough", on: "eleventy.passthrough", check: false, does: "files Eleventy copied as they are, for the record", run: passthrough },
  { name: "settle", on: "eleventy.after", check: false, does: "linked files copied, pictures, search index, stale files removed, record, summary line", run: settle },
] as const satisfies readonly Stage[];

