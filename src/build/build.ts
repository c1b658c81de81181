// One build after another, as a table of stages on Eleventy's events. Each build starts from a
// fresh state (state.ts); the analyses of bodies are all that is kept from one build to the next.
//
//   eleventy.before      start     clock and mode, content folders checked, output folder taken
//   preprocessor         admit     each page checked; one not yet published dropped
//   addDateParsing       dates     front-matter dates read in the site's zone
//   eleventy.contentMap  analyse   the site analysed, every problem weighed; stop before writing
//   (rendering)          the template API (eleventy/templateApi.ts) reads the analysis
//   eleventy.passthrough passthrough  files Eleventy copied, for the record
//   eleventy.after       settle    linked files copied, search index, stale files removed, record
//                        summary   one line: published, scheduled, drafts
import type { MarkdownIt } from "markdown-it";
import type { AnalysisParser } from "../content/markdownText.js";
import type { ResolvedOptions } from "../core/options.js";
import { formatProblem, sortProblems } from "../core/errors.js";
import { bodyInput, bodyReader, sameBodyInput, type BodyAnalysis, type BodyInput, type BodyReader } from "../content/body.js";
import { reservedOutputs } from "../content/contentData.js";
import { summaryLine } from "../content/schedule.js";
import { SEARCH_FOLDER } from "./search.js";
import type { BuildContext, Logger } from "./context.js";
import type { BuildEnvironment, BuildEvent, BuildState } from "./state.js";
import { beginBuild } from "./start.js";
import { admitPage } from "./admit.js";
import { pageDate } from "./pageDates.js";
import { analyseBuild } from "./analyse.js";
import { journal, settleOutput, takeOutput, unpublishedSinceLastBuild } from "./output.js";
import type { OutputManifest } from "./clean.js";
import { stop } from "./problems.js";
import { existingContent, WeeklyCheckResult } from "./checkResult.js";
import { buildSummary } from "./summary.js";

export type { BuildEvent, BuildEnvironment, BuildState } from "./state.js";
export type { Logger } from "./context.js";
export type { OutputManifest } from "./clean.js";
export { WeeklyCheckResult } from "./checkResult.js";

export class WeeklyBuild {
  readonly #ctx: BuildContext;
  #parse: AnalysisParser | undefined;
  #state: BuildState | undefined;
  /** Gives back the output folder's lock, while this process holds it. */
  #release: (() => Promise<void>) | undefined;
  /** Each page's body analysis and what it was made from, by page path: kept for the next build. */
  #bodies = new Map<string, { input: BodyInput; analysis: BodyAnalysis }>();

  constructor(
    opts: ResolvedOptions,
    inputDir: string,
    logger: Logger,
    env: () => BuildEnvironment = () => process.env,
    /** The data file extensions the site reads besides json (`addDataExtension`). */
    dataExtensions: () => readonly string[] = () => [],
  ) {
    this.#ctx = {
      opts,
      inputDir,
      logger,
      env,
      dataExtensions: () => ["json", ...dataExtensions().filter((ext) => ext !== "json")],
      reserved: reservedOutputs(opts, SEARCH_FOLDER),
    };
  }

  /** The stages that run on Eleventy's events, in the order Eleventy emits them. */
  get events() {
    return [
      { event: "eleventy.before", run: this.start },
      { event: "eleventy.contentMap", run: this.indexContent },
      { event: "eleventy.passthrough", run: this.passthroughCopied },
      { event: "eleventy.after", run: this.finish },
    ] as const;
  }

  /** This build's state; a page admitted before any build started (programmatic use) starts one. */
  get current(): BuildState {
    this.#state ??= beginBuild(this.#ctx, {});
    return this.#state;
  }

  /** The state of the build under way or last run, for the template API; none before the first. */
  get latest(): BuildState | undefined {
    return this.#state;
  }

  /** Eleventy's markdown-it, once the plugin's rules are on it: pages are analysed with it. */
  useMarkdown(md: MarkdownIt): void {
    // Parsed again when Eleventy renders: keeping every page's tokens until then costs more (memory
    // and garbage collection) than parsing twice, as measured with `npm run bench`.
    this.#parse = (source, env) => md.parse(source, env);
  }

  /** `eleventy.before`: a fresh state, and the output folder taken. */
  start = async (event: BuildEvent = {}): Promise<void> => {
    this.#state = beginBuild(this.#ctx, event);
    const release = await takeOutput(this.#ctx, this.#state, event, this.#release !== undefined);
    this.#release ??= release;
  };

  /** The preprocessor: whether Eleventy builds this page. */
  admit = (inputPath: string, data: Record<string, unknown>, body: string): boolean => admitPage(this.#ctx, this.current, inputPath, data, body);

  /** `addDateParsing`: a front-matter `date` means a day or time in the site's zone. */
  parseDate = (value: unknown, inputPath: string | undefined): Date | undefined => pageDate(this.#ctx, this.current, value, inputPath);

  /** `eleventy.contentMap`: the analysis and every check, before anything is written. */
  indexContent = async ({ inputPathToUrl }: { inputPathToUrl: Record<string, string[]> }): Promise<void> => {
    const state = this.current;
    // Eleventy creates its markdown-it only for a site that has Markdown pages.
    if (!this.#parse && state.collected.size > 0) throw new Error("weekly plugin: markdown-it was not configured before the content map");
    const all = sortProblems([...analyseBuild(this.#ctx, state, inputPathToUrl, this.#readBody()), ...unpublishedSinceLastBuild(this.#ctx, state)]);
    if (state.checkOnly) throw new WeeklyCheckResult(all, state.collected.size, { inputDir: this.#ctx.inputDir, options: this.#ctx.opts, content: existingContent(state.site) });
    const errors = all.filter((p) => p.severity === "error");
    for (const warning of all.filter((p) => p.severity === "warning")) this.#ctx.logger.warn(formatProblem(warning));
    if (errors.length > 0) {
      await this.#giveBackOutput();
      throw stop(this.#ctx, errors);
    }
    await journal(state);
  };

  /** `eleventy.passthrough`: the files copied as they are, by URL. */
  passthroughCopied = ({ map }: { map?: Record<string, string> }): void => {
    for (const [url, source] of Object.entries(map ?? {})) this.#state?.passthrough.set(decodeURI(url).replace(/^\//, ""), source);
  };

  /** What the last build wrote into its output folder, once it has settled (undefined: nothing, or it failed). */
  settled: Promise<OutputManifest | undefined> = Promise.resolve(undefined);

  /** `eleventy.after`: the output folder settled and given back, and the summary line. */
  finish = (event: BuildEvent): Promise<void> => {
    const done = this.#finish(event);
    this.settled = done.catch(() => undefined);
    return done.then(() => undefined);
  };

  async #finish(event: BuildEvent): Promise<OutputManifest | undefined> {
    const state = this.#state;
    if (!state) return undefined;
    const output = event.directories?.output;
    const results = event.results ?? [];
    let written: OutputManifest | undefined;
    try {
      // --dryrun reports no page and writes nothing: then nothing is copied, removed or recorded.
      if (output && state.writes && results.length > 0) written = await settleOutput(this.#ctx, state, output, event, results);
    } finally {
      await this.#giveBackOutput();
    }
    this.#ctx.logger.info(summaryLine(buildSummary(state)));
    return written;
  }

  async #giveBackOutput(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    await release?.();
  }

  /**
   * Bodies are read once and their analyses kept from one build to the next (under `--serve`, a
   * save re-reads only the bodies that changed); those of pages no longer in the site are dropped.
   */
  #readBody(): BodyReader {
    const read = bodyReader(this.#parse ?? (() => []), this.#ctx.opts);
    const previous = this.#bodies;
    this.#bodies = new Map();
    return (page) => {
      const input = bodyInput(page, this.#ctx.opts);
      const kept = previous.get(page.path);
      const analysis = kept && sameBodyInput(kept.input, input) ? kept.analysis : read(page);
      this.#bodies.set(page.path, { input, analysis });
      return analysis;
    };
  }
}
