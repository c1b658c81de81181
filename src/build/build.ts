// One build's state, between Eleventy's events: the clock and mode, pages admitted or held back,
// the analysed site once every URL is known, and the clean-up and summary at the end.
import { readFileSync, existsSync } from "node:fs";
import { posix, relative, resolve } from "node:path";
import { missingClosingLine } from "../core/yamlMistakes.js";
import { DateTime } from "luxon";
import type { MarkdownIt } from "markdown-it";
import type { AnalysisParser } from "../content/markdown.js";
import type { ResolvedOptions } from "../core/options.js";
import { WeeklyError, formatProblem, sortProblems, type Problem } from "../core/errors.js";
import { analyseSite, bodyInput, bodyReader, sameBodyInput, inputRelative, placeInFile, type BodyAnalysis, type BodyInput, type BodyReader, type CollectedPage, type HeldBack, type SiteIndex } from "../content/site.js";
import { allowsRawHtml, kindOf } from "../core/kinds.js";
import { pageView, type PageView } from "../present/views.js";
import { pageStem, resolveReference } from "../content/references.js";
import { sortByWeekDescending, sortNewestFirst, tagPages, type CollectionItem, type TagPage } from "../present/collections.js";
import { tagClashes } from "../content/tags.js";
import { formatIsoDate, isoWeekOf, parseSiteDate, weekInFileName } from "../core/dates.js";
import { buildSearchIndex, SEARCH_FOLDER } from "./search.js";
import { dataFileScope, readDataFile, encodingMessage, findContentFolderFiles, findLinkProblems, firstInvalidUtf8, isThroughLink, type LinkProblem } from "../content/files.js";
import { buildClock, publishState, summaryLine, type PublishState } from "../content/schedule.js";
import { closesFrontMatter, frontMatterKeyLine, frontMatterNotes, jsonKeyLine } from "../content/frontMatter.js";
import { checkFrontMatter, fieldMessage } from "../content/schema.js";
import { placeholderLine, type ExistingContent } from "../content/newWeek.js";
import { copyFiles, legacyManifestFile, lockFile, manifestFile, mergeManifests, nextManifest, readManifest, readManifestSync, removeFiles, staleOutputs, unsafeOutputReason, writeManifest, type OutputManifest } from "./clean.js";
import { acquireLock, OutputLocked, realLockEnvironment } from "./outputLock.js";
import { rm } from "node:fs/promises";
import { encodeUrl } from "../core/safety.js";
import { pageAddresses } from "../core/addresses.js";
import { checkOwnData, outputFileOf, reservedOutputs, type ReservedOutputs } from "../content/contentData.js";

interface ContentMap {
  inputPathToUrl: Record<string, string[]>;
}

interface CollectionApi {
  getAll(): CollectionItem[];
}

/** What Eleventy passes to `eleventy.before` and `eleventy.after`. */
export interface BuildEvent {
  directories?: { output?: string; data?: string; includes?: string };
  runMode?: string;
  outputMode?: string;
  incremental?: boolean;
  results?: Array<{ inputPath?: string; outputPath?: string | false }>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** The problems that stop a build, printed once. */
  error(message: string): void;
}

/** The build's environment: read once per build, so a test can set it. */
export interface BuildEnvironment {
  WEEKLY_NOW?: string | undefined;
  WEEKLY_PREVIEW?: string | undefined;
  /** Set by `weekly check`: analyse everything, write nothing, hand the problems back. */
  WEEKLY_CHECK?: string | undefined;
  /** Seconds a build waits for another build of the same output folder (default 600). */
  WEEKLY_LOCK_WAIT?: string | undefined;
}

/**
 * Thrown by a `weekly check` run once every problem is known, before anything is rendered. It
 * carries errors and warnings alike; the command prints them.
 */
export class WeeklyCheckResult extends Error {
  readonly skipOriginalStack = true;
  constructor(
    readonly problems: readonly Problem[],
    readonly files: number,
    /** What the `weekly` command needs to know of the site besides its problems. */
    readonly site: { inputDir: string; options: ResolvedOptions; content: ExistingContent },
  ) {
    super(`weekly check: ${problems.length} problems in ${files} files`);
    this.name = "WeeklyCheckResult";
  }
}

/** How long a build waits for another build of its output folder: `WEEKLY_LOCK_WAIT` seconds, 10 minutes by default. */
function lockWaitMs(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 600_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new WeeklyError(`WEEKLY_LOCK_WAIT: received ${JSON.stringify(value)}; expected a number of seconds, such as 600.`);
  return seconds * 1000;
}

/** A URL path as the file Eleventy writes (`/tags/%E4%BA%BA/` is written `tags/人/`). */
function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** An on/off environment variable: `1`/`true` or `0`/`false`/unset; anything else is a mistake. */
function readSwitch(name: string, value: string | undefined): boolean {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  throw new WeeklyError(`${name}: received ${JSON.stringify(value)}; expected 1 (or true) to turn it on, 0 (or false) or nothing to leave it off.`);
}

export class WeeklyBuild {
  readonly #opts: ResolvedOptions;
  readonly #inputDir: string;
  readonly #logger: Logger;
  readonly #env: () => BuildEnvironment;
  readonly #dataExtensions: () => readonly string[];
  /** What the plugin writes itself, which no page's `permalink` may take. */
  readonly #reserved: ReservedOutputs;
  #parse: AnalysisParser | undefined;
  #now: DateTime | undefined;
  #preview = false;
  #checkOnly = false;
  /** The build's output folder, and whether it renders only what changed (`--incremental`). */
  #output: string | undefined;
  #incremental = false;
  #collected = new Map<string, CollectedPage>();
  #heldBack = new Map<string, HeldBack>();
  #problems = new Map<string, Problem>();
  /** Files copied as they are: output path → input path. */
  #passthrough = new Map<string, string>();
  #site: SiteIndex | undefined;
  /** Every page's URLs (paginated pages have several), by Eleventy's input path. */
  #allUrls = new Map<string, string[]>();
  #tagUrls = new Map<string, string>();
  #views = new Map<string, PageView | undefined>();
  #links: LinkProblem[] = [];
  /** Eleventy's folders for this build. */
  #directories: NonNullable<BuildEvent["directories"]> = {};
  /** Whether this build writes its output folder (not a check, a dry run or JSON output). */
  #writes = false;
  /** Gives back the output folder's lock, while this build holds it. */
  #release: (() => Promise<void>) | undefined;
  /** Data files with refused keys, as tests of the pages they apply to: those are never compiled. */
  #refusedData: Array<(path: string) => boolean> = [];
  /** Pages never compiled because their data was refused. */
  #refused = new Set<string>();
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
    this.#dataExtensions = () => ["json", ...dataExtensions().filter((ext) => ext !== "json")];
    this.#opts = opts;
    this.#inputDir = inputDir;
    this.#logger = logger;
    this.#env = env;
    this.#reserved = reservedOutputs(opts, SEARCH_FOLDER);
  }

  /** Eleventy's markdown-it, once the plugin's rules are on it: pages are analysed with it. */
  useMarkdown(md: MarkdownIt): void {
    // Parsed again when Eleventy renders: keeping every page's tokens until then costs more (memory
    // and garbage collection) than parsing twice, as measured with `npm run bench`.
    this.#parse = (source, env) => md.parse(source, env);
  }

  /**
   * `eleventy.before`: every build (and every rebuild under `--serve`) starts from nothing, reads
   * its clock and decides whether it is a preview (`--serve`, `--watch` or `WEEKLY_PREVIEW=1`).
   */
  start = async (event: BuildEvent = {}): Promise<void> => {
    this.#begin(event);
    await this.#takeOutput(event);
  };

  #begin(event: BuildEvent): void {
    this.#views = new Map();
    this.#collected = new Map();
    this.#heldBack = new Map();
    this.#problems = new Map();
    this.#passthrough = new Map();
    this.#site = undefined;
    this.#tagUrls = new Map();
    const env = this.#env();
    this.#checkOnly = env.WEEKLY_CHECK === "1";
    this.#output = event.directories?.output;
    this.#incremental = event.incremental === true && event.runMode === "build";
    const previewAsked = readSwitch("WEEKLY_PREVIEW", env.WEEKLY_PREVIEW);
    // A check reads every page, published or not, like a preview.
    this.#preview = this.#checkOnly || event.runMode === "serve" || event.runMode === "watch" || previewAsked;
    const clock = buildClock(env.WEEKLY_NOW, this.#opts.timezone);
    if (clock.problem) throw new WeeklyError(clock.problem);
    this.#now = clock.now;
    // Links Eleventy skips are reported now; those it follows, when a file comes through them.
    this.#links = findLinkProblems(this.#inputDir, [this.#opts.postsDir, this.#opts.digestsDir]);
    for (const link of this.#links.filter((l) => !l.followed)) this.#addFileProblem(link.path, "link", link.message, link.severity);
    this.#checkContentFolders();
  }

  /**
   * A build that writes takes its output folder before Eleventy writes anything: one that lies in
   * the sources is refused, and a second build of the same folder waits for the first.
   */
  async #takeOutput(event: BuildEvent): Promise<void> {
    const output = event.directories?.output;
    this.#directories = event.directories ?? {};
    this.#writes = !this.#checkOnly && output !== undefined && (event.outputMode ?? "fs") === "fs" && !process.argv.some((arg) => arg === "--dryrun" || arg.startsWith("--dryrun="));
    if (!this.#writes || !output) return;
    const unsafe = unsafeOutputReason(output, this.#inputDir, process.cwd(), this.#sourceFolders());
    if (unsafe) throw new WeeklyError(`${unsafe}: choose an output folder outside the sources, such as _site (--output=_site).`);
    if (this.#release) return; // this process holds it still (a rebuild after a failed one)
    const waitMs = lockWaitMs(this.#env().WEEKLY_LOCK_WAIT);
    this.#release = await acquireLock(lockFile(output), waitMs, {
      ...realLockEnvironment,
      waiting: (owner) => this.#logger.info(`[weekly] waiting for another build of ${output} (process ${owner.pid} on ${owner.host}, since ${owner.since}) to finish…`),
    }).catch((error: unknown) => {
      throw error instanceof OutputLocked ? new WeeklyError(`${output}: ${error.message}`) : error;
    });
  }

  async #giveBackOutput(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    await release?.();
  }

  /** The folders an output folder must never be in, relative to the input folder: content, layouts, Eleventy's data and includes. */
  #sourceFolders(): string[] {
    const { data, includes } = this.#directories;
    const eleventy = [data, includes].filter((dir): dir is string => typeof dir === "string").map((dir) => posix.relative(this.#inputDir, dir)).filter((dir) => dir !== "" && !dir.startsWith(".."));
    const project = posix.relative(this.#inputDir, ".") || ".";
    return [this.#opts.postsDir, this.#opts.digestsDir, this.#opts.layoutsDir, ...eleventy, posix.join(project, "node_modules"), posix.join(project, ".git")];
  }

  /**
   * Content is data: a template or script in a content folder, or Markdown with JavaScript front
   * matter, would run as code while Eleventy reads it, before any page could be held back, so the
   * build stops here, naming each one. A data file there is data, but its keys apply to the pages
   * it belongs to: they are checked like front matter, and those pages are never compiled when one
   * is refused (see `admit`). Only JSON and YAML data files can be read so; others are refused.
   */
  #checkContentFolders(): void {
    this.#refusedData = [];
    this.#refused = new Set();
    const found = findContentFolderFiles(this.#inputDir, [this.#opts.postsDir, this.#opts.digestsDir], this.#dataExtensions());
    const code = found.flatMap((file) => (file.kind === "data" ? [] : [this.#codeFileProblem(file.path, file.kind)]));
    if (code.length > 0) {
      if (this.#checkOnly) throw new WeeklyCheckResult(sortProblems(code), 0, this.#inspection(undefined));
      throw this.#stop(code);
    }
    for (const file of found.filter((f) => f.kind === "data")) {
      const text = this.#read(file.path);
      const read = readDataFile(file.path, text);
      const issues =
        "problem" in read
          ? [{ field: "data file", message: read.problem }]
          : checkOwnData(read.data, Object.keys(read.data), { reserved: this.#reserved, layoutsDir: this.#opts.layoutsDir, inDataFile: true });
      for (const issue of issues) this.#addProblem(file.path, issue.field, issue.message, "error", { line: jsonKeyLine(text, issue.field), column: 1 });
      if (issues.length > 0) this.#refusedData.push(dataFileScope(file.path));
    }
  }

  /** Prints the problems that stop the build, once, and returns the error to stop it with. */
  #stop(problems: readonly Problem[]): WeeklyError {
    this.#logger.error(WeeklyError.report(problems));
    return WeeklyError.fromProblems(problems);
  }

  #codeFileProblem(path: string, kind: "template" | "front matter"): Problem {
    const folder = posix.dirname(path).split("/")[0];
    const message =
      kind === "template"
        ? `a template or script in a content folder: Eleventy would run it as code while building. Reports and digests are Markdown (.md) files; move site templates out of ${folder}/ (layouts belong in ${this.#opts.layoutsDir}/).`
        : `front matter in a language that runs as code (such as ---js): reports and digests take YAML (---) or JSON (---json) front matter only.`;
    return { file: this.#file(path), ...(kind === "front matter" ? { line: 1, column: 1 } : {}), severity: "error", message };
  }

  /**
   * Preprocessor on every page: a page that is not yet published (or a draft) is dropped before
   * Eleventy gives it a URL, so no output, collection, tag or link can show it. A preview keeps it.
   * Markdown bodies are kept for the analysis.
   */
  admit = (inputPath: string, data: Record<string, unknown>, body: string): boolean => {
    if (!this.#now) this.#begin({});
    const path = this.#relative(inputPath);
    const kind = kindOf(path, this.#opts);
    const link = this.#links.find((l) => l.followed && isThroughLink(path, l.path));
    if (link) {
      // A second copy of a file of the site: reported once, at the link, and never analysed or built.
      this.#addFileProblem(link.path, "link", link.message, link.severity);
      return false;
    }
    const notes = frontMatterNotes(data);
    for (const problem of notes?.problems ?? []) this.#addProblem(path, problem.field, problem.message, problem.severity ?? "error", problem);
    if (inputPath.endsWith(".md") && (notes?.replacementCharacter || body.includes("\uFFFD"))) this.#checkEncoding(path);
    if (kind && inputPath.endsWith(".md")) this.#checkFileShape(path, body);
    if (kind && inputPath.endsWith(".md") && !notes?.problems.some((p) => p.field === "front matter")) {
      for (const issue of checkFrontMatter(data, notes?.keys ?? [], kind, this.#opts.timezone)) {
        this.#addProblem(path, issue.field, issue.message, issue.severity);
      }
    }
    let refused = false;
    if (kind) {
      // Content is data: a page whose own keys (or those of a data file that applies to it) would
      // instruct Eleventy is never compiled.
      const issues = checkOwnData(data, notes?.keys ?? [], { reserved: this.#reserved, layoutsDir: this.#opts.layoutsDir });
      for (const issue of issues) this.#addProblem(path, issue.field, issue.message, "error");
      refused = issues.length > 0 || this.#refusedData.some((applies) => applies(path));
      // And its body is Markdown only, whatever the site's markdownTemplateEngine says: Liquid or
      // Nunjucks would let it include files (and Nunjucks, run code).
      data.templateEngineOverride = "md";
    }
    // A Markdown page without a layout of its own (a report, a digest, about.md) gets the site's
    // layout for its kind, instead of being written as a bare fragment of HTML.
    const fallback = this.#opts.layouts[kind ?? "page"];
    if (inputPath.endsWith(".md") && data.layout === undefined && fallback !== false) data.layout = fallback;
    const schedule = publishState(data, this.#now!, this.#opts.timezone);
    for (const problem of schedule.problems) this.#addProblem(path, problem.field, problem.message, "error");
    // A page whose schedule cannot be read is kept for the analysis (so its links are checked
    // too): the build stops on its problem before anything is written.
    const status: PublishState = schedule.problems.length > 0 ? { state: "published" } : schedule.status;
    // Markdown pages are kept for the analysis, held-back ones too: their links are checked.
    if (kind && inputPath.endsWith(".md")) this.#checkFinished(path, body, status);
    if (inputPath.endsWith(".md")) this.#collected.set(path, { path, kind, data, body, status });
    if (refused) {
      // Analysed all the same, at its usual address, so that links to it are not reported too.
      this.#refused.add(path);
      return false;
    }
    if (status.state !== "published") {
      this.#heldBack.set(pageStem(path), { path, status });
      if (!this.#preview) return false;
    }
    return true;
  };

  /** `addDateParsing`: a front-matter `date` means a day or time in the site's zone. */
  parseDate = (value: unknown, inputPath: string | undefined): Date | undefined => {
    if (value === undefined || value === null || value === "") return this.#defaultDate(inputPath);
    return this.#readDate(value, inputPath);
  };

  #readDate(value: unknown, inputPath: string | undefined): Date {
    const parsed = parseSiteDate(value, this.#opts.timezone);
    if (parsed) return parsed.dateTime.toJSDate();
    const message = fieldMessage("date", value, this.#opts.timezone);
    if (!inputPath) throw new WeeklyError(message);
    this.#addProblem(this.#relative(inputPath), "date", message, "error");
    return new Date(0); // never written: the problem stops the build before rendering
  }

  /**
   * A digest without a `date` is dated by the week in its file name (its Monday, 00:00). A report
   * must have one (the schema says so): never the file's creation time, which changes with every
   * checkout.
   */
  #defaultDate(inputPath: string | undefined): Date | undefined {
    if (!inputPath) return undefined;
    const path = this.#relative(inputPath);
    const kind = kindOf(path, this.#opts);
    if (kind === "report") return new Date(0); // never written: the missing date stops the build
    if (kind !== "digest") return undefined;
    return weekInFileName(posix.basename(path), this.#opts.timezone)?.week?.start.toJSDate();
  }

  /**
   * `eleventy.contentMap`: every page's URL is known and nothing is rendered yet. Analyse the
   * content and stop the build here on any problem, so no page is written from bad input.
   */
  indexContent = async ({ inputPathToUrl }: ContentMap): Promise<void> => {
    // Eleventy creates its markdown-it only for a site that has Markdown pages.
    if (!this.#parse && this.#collected.size > 0) throw new Error("weekly plugin: markdown-it was not configured before the content map");
    const urls = new Map<string, string>();
    this.#allUrls = new Map();
    for (const [inputPath, list] of Object.entries(inputPathToUrl)) {
      const url = list[0];
      if (typeof url === "string") urls.set(this.#relative(inputPath), url);
      this.#allUrls.set(this.#relative(inputPath), list.filter((u): u is string => typeof u === "string"));
    }
    for (const path of this.#refused) if (!urls.has(path)) urls.set(path, `/${pageStem(path)}/`);
    const site = analyseSite(
      this.#collected.values(),
      urls,
      this.#readBody(),
      this.#opts,
      (path) => existsSync(posix.join(this.#inputDir, path)),
      // A preview shows held-back pages; a check still reports published links to them.
      this.#preview && !this.#checkOnly ? new Map() : this.#heldBack,
    );
    this.#site = site;
    const found = site.problems.flatMap((p) => {
      const severity = this.#severity(p);
      return severity === false ? [] : [this.#placeProblem({ ...p, severity })];
    });
    const all = sortProblems([...this.#problems.values(), ...found, ...this.#sharedAddresses(), ...this.#tagClashes(), ...this.#unpublishedSinceLastBuild()]);
    if (this.#checkOnly) throw new WeeklyCheckResult(all, this.#collected.size, this.#inspection(site));
    const errors = all.filter((p) => p.severity === "error");
    for (const warning of all.filter((p) => p.severity === "warning")) this.#logger.warn(formatProblem(warning));
    if (errors.length > 0) {
      await this.#giveBackOutput();
      throw this.#stop(errors);
    }
    await this.#journal(site);
  };

  /**
   * Before Eleventy writes a page, the record of the output folder lists every file this build may
   * write (pages and the files they link to), with what earlier builds wrote: a build killed at any
   * moment leaves nothing the next build does not know to remove.
   */
  async #journal(site: SiteIndex): Promise<void> {
    if (!this.#writes || !this.#output) return;
    const planned: OutputManifest = {};
    for (const [path, urls] of this.#allUrls) if (urls.length > 0) planned[path] = urls.map((url) => decodeURIComponentSafe(outputFileOf(url)));
    for (const file of site.files) planned[file] = [file];
    const manifest = manifestFile(this.#output);
    await writeManifest(manifest, mergeManifests(await this.#readRecord(this.#output), planned));
  }

  /** The record of an output folder, with what an earlier version kept in node_modules/.cache. */
  #readRecord(output: string): Promise<OutputManifest> {
    return readManifest(manifestFile(output), legacyManifestFile(process.cwd(), output));
  }

  /** Tags of the reports this build shows that would share a tag page's URL, at the `tags` line of a report using each. */
  #tagClashes(): Problem[] {
    const shown = [...this.#collected.values()].filter((page) => page.kind === "report" && (this.#preview || page.status.state === "published"));
    return tagClashes(shown, this.#opts.tagsPath, this.#opts.tagSlugs).map((clash) => ({
      file: this.#file(clash.path),
      line: frontMatterKeyLine(this.#read(clash.path), "tags") ?? 1,
      column: 1,
      severity: "error" as const,
      message: clash.message,
    }));
  }

  /** Two pages that would be written to one file: a report's or digest's permalink takes another page's address. */
  #sharedAddresses(): Problem[] {
    // Without case, as macOS and Windows folders compare names; a file also takes its path as a folder.
    const owners = new Map<string, string[]>();
    const own = (file: string, path: string) => owners.set(file, [...(owners.get(file) ?? []), path]);
    for (const [path, urls] of this.#allUrls) for (const url of urls) own(outputFileOf(url).toLowerCase(), path);
    const problems: Problem[] = [];
    for (const [path, urls] of this.#allUrls) {
      if (!kindOf(path, this.#opts)) continue;
      for (const url of urls) {
        const file = outputFileOf(url).toLowerCase();
        const folders = file.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"));
        const others = [...new Set([...(owners.get(file) ?? []), ...folders.flatMap((folder) => owners.get(folder) ?? [])])].filter((p) => p !== path);
        if (others.length === 0) continue;
        const line = frontMatterKeyLine(this.#read(path), "permalink") ?? 1;
        problems.push({ file: this.#file(path), line, column: 1, severity: "error", message: `permalink: ${outputFileOf(url)} is also where ${others.join(", ")} is written; give each page an address of its own.` });
      }
    }
    return problems;
  }

  /**
   * Bodies are read once and their analyses kept from one build to the next (under `--serve`, a
   * save re-reads only the bodies that changed); those of pages no longer in the site are dropped.
   */
  #readBody(): BodyReader {
    const read = bodyReader(this.#parse ?? (() => []), this.#opts);
    const previous = this.#bodies;
    this.#bodies = new Map();
    return (page) => {
      const input = bodyInput(page, this.#opts);
      const kept = previous.get(page.path);
      const analysis = kept && sameBodyInput(kept.input, input) ? kept.analysis : read(page);
      this.#bodies.set(page.path, { input, analysis });
      return analysis;
    };
  }

  #inspection(site: SiteIndex | undefined) {
    const content: ExistingContent = { reports: [], digests: [] };
    for (const page of site?.pages.values() ?? []) {
      const scheduled = typeof page.data.scheduled === "string" ? page.data.scheduled : undefined;
      if (page.kind) content[page.kind === "report" ? "reports" : "digests"].push({ path: page.path, week: page.week?.key, scheduled, draft: page.data.draft === true });
    }
    return { inputDir: this.#inputDir, options: this.#opts, content };
  }

  /**
   * How much a problem of the analysis weighs in this build. A preview is for writing (a report
   * may link to the digest not written yet), so there everything is a warning. `brokenLinks`
   * applies to missing targets only, never to a link that would point to a page not yet
   * published. A problem deferred in a page not yet published warns until that page goes live;
   * `weekly check` reports it as it is.
   */
  #severity(problem: SiteIndex["problems"][number]): Problem["severity"] | false {
    const links = this.#opts.brokenLinks;
    const relaxed = problem.rule === "link" && links !== "error" ? links && "warning" : problem.severity;
    if (this.#checkOnly) return relaxed;
    if (this.#preview || problem.deferred) return relaxed && "warning";
    return relaxed;
  }

  /**
   * An `--incremental` production build renders only the pages that changed, so the pages that
   * list or link a report held back since the last build would keep showing it: such a build
   * stops before writing anything and asks for a full one.
   */
  #unpublishedSinceLastBuild(): Problem[] {
    if (!this.#incremental || this.#preview || !this.#output) return [];
    const previous = readManifestSync(manifestFile(this.#output), legacyManifestFile(process.cwd(), this.#output));
    return [...this.#heldBack.values()]
      .filter((held) => (previous[held.path]?.length ?? 0) > 0)
      .map((held) => ({
        file: this.#file(held.path),
        line: 1,
        column: 1,
        severity: "error" as const,
        message: `was published by an earlier build and is not now; an --incremental build would leave it on the pages that list or link it. Build without --incremental.`,
      }));
  }

  /** `eleventy.passthrough`: the files copied as they are, by URL. */
  passthroughCopied = ({ map }: { map?: Record<string, string> }): void => {
    for (const [url, source] of Object.entries(map ?? {})) this.#passthrough.set(decodeURI(url).replace(/^\//, ""), source);
  };

  /**
   * `eleventy.after`: files the content links to are copied into the output; a production build
   * then removes what earlier builds wrote that it no longer produces (pages since unpublished or
   * deleted), and every build records what it wrote; every build prints its summary line.
   */
  finish = async (event: BuildEvent): Promise<void> => {
    const output = event.directories?.output;
    const results = event.results ?? [];
    try {
      // --dryrun reports no page and writes nothing: then nothing is copied, removed or recorded.
      if (output && this.#writes && results.length > 0) await this.#settleOutput(output, event, results);
    } finally {
      await this.#giveBackOutput();
    }
    this.#logger.info(summaryLine(this.#summary()));
  };

  async #settleOutput(output: string, event: BuildEvent, results: NonNullable<BuildEvent["results"]>): Promise<void> {
    const copied = await copyFiles(this.#inputDir, output, this.#site?.files ?? new Set());
    const current: OutputManifest = {};
    const add = (input: string, file: string) => (current[input] ??= []).push(file);
    for (const result of results) {
      if (typeof result.outputPath !== "string" || !result.inputPath) continue;
      add(this.#relative(result.inputPath), relative(resolve(output), resolve(result.outputPath)).split("\\").join("/"));
    }
    for (const [file, source] of this.#passthrough) add(this.#relative(source), file);
    for (const file of copied) add(file, file);
    // Only a production build removes anything; a preview's pages are recorded, so that the next
    // production build removes them.
    const production = event.runMode === "build" && !this.#preview;
    const outputs = {
      current,
      complete: production && !event.incremental,
      gone: new Set(production ? [...this.#heldBack.values()].map((h) => h.path) : []),
    };
    const manifest = manifestFile(output);
    const previous = await this.#readRecord(output);
    // The new index goes in first, made from the pages this build leaves (never from a stale or
    // held-back one still on disk): a build killed after it leaves no index naming such a page.
    // While previewing with --incremental, a save rebuilds in a moment only if the index (several
    // seconds for a large site) is kept from the preview's first build until the next full one.
    const { [SEARCH_FOLDER]: earlierIndex = [], ...pages } = previous;
    const keepIndex = event.incremental === true && event.runMode !== "build" && earlierIndex.length > 0;
    if (this.#opts.searchIndex && keepIndex) {
      current[SEARCH_FOLDER] = earlierIndex;
    } else if (this.#opts.searchIndex) {
      const html = Object.values(nextManifest(pages, outputs)).flat().filter((file) => file.endsWith(".html"));
      const journal = (files: string[]) => writeManifest(manifest, mergeManifests(previous, { [SEARCH_FOLDER]: files }));
      const index = await buildSearchIndex(output, html, journal);
      current[SEARCH_FOLDER] = index;
    }
    // Then what is stale goes, the earlier index's files that the new one does not use among them.
    if (production) await removeFiles(output, staleOutputs(previous, outputs));
    else await removeFiles(output, earlierIndex.filter((file) => !(current[SEARCH_FOLDER] ?? []).includes(file)));
    await writeManifest(manifest, nextManifest(previous, outputs));
    // The record now lives in the output folder; the one an earlier version kept is no longer read.
    await rm(legacyManifestFile(process.cwd(), output), { force: true });
  }

  #summary() {
    const count = (kind: "report" | "digest") => [...(this.#site?.pages.values() ?? [])].filter((p) => p.kind === kind).length;
    const waiting = [...this.#heldBack.values()];
    return {
      preview: this.#preview,
      reports: count("report"),
      digests: count("digest"),
      scheduled: waiting.flatMap((h) => (h.status.state === "scheduled" ? [{ path: h.path, at: h.status.at }] : [])),
      drafts: waiting.filter((h) => h.status.state === "draft").map((h) => h.path),
    };
  }

  /** markdown-it's parse: raw HTML kept in reports, shown as text in digests (by default). */
  allowsHtml = (inputPath: string): boolean | undefined => allowsRawHtml(kindOf(this.#relative(inputPath), this.#opts), this.#opts);

  /** markdown-it's link and image rules: the published URL of a source-relative link to a page or file. */
  rewriteHref = (inputPath: string, href: string): string | undefined => {
    const path = this.#relative(inputPath);
    const analysed = this.#site?.pages.get(path);
    if (analysed || !this.#site) return analysed?.rewrites.get(href);
    const resolution = resolveReference(href, { fromInputPath: path, pages: this.#site.lookup });
    return resolution.kind === "page" || resolution.kind === "file" ? resolution.href : undefined;
  };

  /** Filter `weeklyPage`: what a layout shows about a page (or collection item). */
  view = (page: { inputPath?: string } | string | undefined): PageView | undefined => {
    const inputPath = typeof page === "string" ? page : page?.inputPath;
    if (!inputPath || !this.#site) return undefined;
    // A page's view is asked for by its layouts and by every list it appears in: made once.
    if (!this.#views.has(inputPath)) this.#views.set(inputPath, pageView(this.#site, this.#relative(inputPath), (tag) => this.#tagUrls.get(tag)));
    return this.#views.get(inputPath);
  };

  /**
   * Whether a page must not be indexed: every page of a preview (its home and tag pages list
   * reports not yet published), and a held-back page wherever it is shown.
   */
  needsNoindex = (inputPath: string): boolean => this.#preview || this.#heldBack.has(pageStem(this.#relative(inputPath)));

  /**
   * Nunjucks global `weeklySitemap()`: every HTML page but the 404 and search pages, with absolute,
   * percent-encoded addresses, and the date of reports and digests.
   */
  sitemap = (): Array<{ loc: string; lastmod: string | undefined }> => {
    const entries: Array<{ loc: string; lastmod: string | undefined }> = [];
    const { notFound, search } = pageAddresses(this.#opts);
    for (const [path, urls] of this.#allUrls) {
      const date = this.#site?.pages.get(path)?.date;
      for (const url of urls) {
        if (!(url.endsWith("/") || url.endsWith(".html")) || url === notFound || url === search) continue;
        entries.push({ loc: encodeUrl(`${this.#opts.site.url}${url}`), lastmod: date ? formatIsoDate(date) : undefined });
      }
    }
    return entries.sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
  };

  /** Collection `weeklyArchive`: the reports by ISO week-year, newest first. */
  archive = (api: CollectionApi): Array<{ year: number; reports: CollectionItem[] }> => {
    const years = new Map<number, CollectionItem[]>();
    for (const item of this.reports(api)) {
      const year = isoWeekOf(DateTime.fromJSDate(item.date, { zone: this.#opts.timezone })).weekYear;
      const list = years.get(year);
      if (list) list.push(item);
      else years.set(year, [item]);
    }
    return [...years].map(([year, reports]) => ({ year, reports }));
  };

  /** Collection `reports`: every report, newest first. */
  reports = (api: CollectionApi): CollectionItem[] => sortNewestFirst(this.#ofKind(api, "report"));

  /** Collection `digests`: every digest, newest week first. */
  digests = (api: CollectionApi): CollectionItem[] => sortByWeekDescending(this.#ofKind(api, "digest"));

  /** Collection `weeklyTags`: one entry per tag of the reports, for the tag pages. */
  tags = (api: CollectionApi): TagPage[] => {
    const pages = tagPages(this.reports(api), this.#opts.tagsPath, this.#opts.tagSlugs);
    // Without tag pages, a tag is shown but links nowhere.
    this.#tagUrls = this.#opts.layouts.tag === false ? new Map() : new Map(pages.map((p) => [p.name, p.url]));
    return pages;
  };

  #ofKind(api: CollectionApi, kind: "report" | "digest"): CollectionItem[] {
    return api.getAll().filter((item) => item.url !== false && kindOf(this.#relative(item.inputPath), this.#opts) === kind);
  }

  #relative(inputPath: string): string {
    return inputRelative(inputPath, this.#inputDir);
  }

  #file(path: string): string {
    return posix.normalize(posix.join(this.#inputDir, path));
  }

  #read(path: string): string {
    try {
      return readFileSync(this.#file(path), "utf8");
    } catch {
      return ""; // the file vanished since Eleventy read it: report without a line
    }
  }

  /** A problem with a file as a whole (a link, say): no line to point at. */
  #addFileProblem(path: string, field: string, message: string, severity: Problem["severity"]): void {
    this.#problems.set(`${path}\0${field}`, { file: this.#file(path), severity, message });
  }

  /** A report or digest whose name cannot be a URL, or whose front matter swallowed its body. */
  #checkFileShape(path: string, body: string): void {
    if (/[#?]/.test(path)) {
      const name = posix.basename(path);
      this.#addFileProblem(path, "file name", `file name: ${name} holds "#" or "?", which end the path of a URL: links to its page would break. Rename the file without them.`, "error");
    }
    const text = /\S/.test(body) ? undefined : this.#read(path);
    if (text !== undefined && !closesFrontMatter(text)) {
      const line = missingClosingLine(text);
      const where = line === undefined ? "Add a line --- where the front matter ends." : "Add a line --- above this line, where the front matter ends.";
      this.#addProblem(path, "front matter", `front matter: no closing --- line, so the whole file was read as front matter and the body is empty. ${where}`, "error", { line: line ?? 1, column: 1 });
    }
  }

  /**
   * A report or digest still holding a placeholder of `weekly new`'s template (`……`) is never
   * published: the build that would publish it stops, naming the line. Until it goes live (and in a
   * preview) it is a warning, so that the author can write at ease.
   */
  #checkFinished(path: string, body: string, status: PublishState): void {
    const line = placeholderLine(body);
    if (line === undefined) return;
    const live = status.state === "published" && !this.#preview;
    const later = status.state === "scheduled" ? " (This page is not published yet: this will stop the build when it goes live.)" : "";
    const placeholder = `the template's placeholder "${body.split(/\r?\n/)[line]!.trim()}" is still here`;
    const message =
      status.state === "draft"
        ? `${placeholder}: write this part before removing draft: true.`
        : `${placeholder}: the page would go live unfinished. Write this part, or hold the page back with draft: true.${live ? "" : later}`;
    const severity = live || (this.#checkOnly && status.state === "published") ? "error" : "warning";
    // Placed in the file as the analysis places a body line (after the front matter).
    const placed = placeInFile({ file: path, bodyLine: line, column: 1, severity, message, rule: "markdown" }, this.#read(path), body);
    this.#addProblem(path, "placeholder", message, severity, { line: placed.line ?? 1, column: 1 });
  }

  /** A file whose text has U+FFFD: an error if that comes from bytes that are not UTF-8. */
  #checkEncoding(path: string): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.#file(path));
    } catch {
      return;
    }
    const invalid = firstInvalidUtf8(bytes);
    if (invalid) this.#addProblem(path, "encoding", encodingMessage(invalid), "error", invalid);
  }

  /** A front-matter problem, placed on the line of its key. Reported once however often Eleventy asks. */
  #addProblem(path: string, field: string, message: string, severity: Problem["severity"], at?: { line: number; column: number }): void {
    const line = at?.line ?? frontMatterKeyLine(this.#read(path), field) ?? 1;
    const column = at?.column ?? 1;
    const key = `${path}\0${field}`;
    if (severity === "warning" && this.#problems.get(key)?.severity === "error") return; // the error says more
    this.#problems.set(key, { file: this.#file(path), line, column, severity, message });
  }

  #placeProblem(problem: SiteIndex["problems"][number]): Problem {
    if (problem.deferred) problem = { ...problem, message: `${problem.message} (This page is not published yet: this will stop the build when it goes live.)` };
    const body = this.#collected.get(problem.file)?.body ?? "";
    return { ...placeInFile(problem, this.#read(problem.file), body), file: this.#file(problem.file) };
  }
}
