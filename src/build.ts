// One build's state, between Eleventy's events: pages collected before rendering, the analysed
// site once every URL is known, and the answers layouts and markdown-it ask of it.
import { readFileSync, existsSync } from "node:fs";
import { posix } from "node:path";
import type { MarkdownIt } from "markdown-it";
import type { ResolvedOptions } from "./options.js";
import { WeeklyError, formatProblem, sortProblems, type Problem } from "./errors.js";
import { analyseSite, inputRelative, kindOf, placeInFile, type CollectedPage, type SiteIndex } from "./site.js";
import { pageView, type PageView } from "./views.js";
import { resolveReference } from "./references.js";
import { sortByWeekDescending, sortNewestFirst, tagPages, type CollectionItem, type TagPage } from "./collections.js";
import { parseSiteDate, weekInFileName, ACCEPTED_DATE_FORMS } from "./dates.js";

interface ContentMap {
  inputPathToUrl: Record<string, string[]>;
}

interface CollectionApi {
  getAll(): CollectionItem[];
}

export interface Logger {
  warn(message: string): void;
}

export class WeeklyBuild {
  readonly #opts: ResolvedOptions;
  readonly #inputDir: string;
  readonly #logger: Logger;
  #md: MarkdownIt | undefined;
  #collected = new Map<string, CollectedPage>();
  #site: SiteIndex | undefined;
  #tagUrls = new Map<string, string>();

  constructor(opts: ResolvedOptions, inputDir: string, logger: Logger) {
    this.#opts = opts;
    this.#inputDir = inputDir;
    this.#logger = logger;
  }

  /** Eleventy's markdown-it, once the plugin's rules are on it: pages are analysed with it. */
  useMarkdown(md: MarkdownIt): void {
    this.#md = md;
  }

  /** `eleventy.before`: a rebuild under `--serve` starts from nothing. */
  reset = (): void => {
    this.#collected = new Map();
    this.#site = undefined;
    this.#tagUrls = new Map();
  };

  /** Preprocessor on Markdown pages: keeps each body as Eleventy read it, for the analysis. */
  collect = (inputPath: string, data: Record<string, unknown>, body: string): void => {
    const path = this.#relative(inputPath);
    this.#collected.set(path, { path, kind: kindOf(path, this.#opts), data, body });
  };

  /** `addDateParsing`: a front-matter `date` means a day or time in the site's zone. */
  parseDate = (value: unknown, inputPath: string | undefined): Date | undefined => {
    if (value === undefined || value === null || value === "") return this.#defaultDate(inputPath);
    if (typeof value === "string" && /^(git )?(last modified|created)$/i.test(value)) return undefined;
    const parsed = parseSiteDate(value, this.#opts.timezone);
    if (!parsed) {
      const file = inputPath ? this.#relative(inputPath) : "(unknown file)";
      throw new WeeklyError(`${file}  date: received ${JSON.stringify(value)}; expected ${ACCEPTED_DATE_FORMS} (read in ${this.#opts.timezone}).`);
    }
    return parsed.dateTime.toJSDate();
  };

  /** A digest without a `date` is dated by the week in its file name (its Monday, 00:00). */
  #defaultDate(inputPath: string | undefined): Date | undefined {
    if (!inputPath) return undefined;
    const path = this.#relative(inputPath);
    if (kindOf(path, this.#opts) !== "digest") return undefined;
    return weekInFileName(posix.basename(path), this.#opts.timezone)?.week?.start.toJSDate();
  }

  /**
   * `eleventy.contentMap`: every page's URL is known and nothing is rendered yet. Analyse the
   * content and stop the build here if a link is broken, so no page is written from bad input.
   */
  indexContent = ({ inputPathToUrl }: ContentMap): void => {
    if (!this.#md) throw new Error("weekly plugin: markdown-it was not configured before the content map");
    const urls = new Map<string, string>();
    for (const [inputPath, list] of Object.entries(inputPathToUrl)) {
      const url = list[0];
      if (typeof url === "string") urls.set(this.#relative(inputPath), url);
    }
    const site = analyseSite(this.#collected.values(), urls, this.#md, this.#opts, (path) =>
      existsSync(posix.join(this.#inputDir, path)),
    );
    this.#site = site;
    if (this.#opts.brokenLinks === false || site.problems.length === 0) return;
    const placed = sortProblems(site.problems.map((p) => this.#placeProblem(p)));
    if (this.#opts.brokenLinks === "warn") {
      for (const problem of placed) this.#logger.warn(formatProblem({ ...problem, severity: "warning" }));
      return;
    }
    throw WeeklyError.fromProblems(placed);
  };

  /** markdown-it's link and image rules: the published URL of a source-relative link to a page or file. */
  rewriteHref = (inputPath: string, href: string): string | undefined => {
    const path = this.#relative(inputPath);
    const known = this.#site?.pages.get(path)?.rewrites.get(href);
    if (known !== undefined || !this.#site) return known;
    const resolution = resolveReference(href, { fromInputPath: path, pages: this.#site.lookup });
    return resolution.kind === "page" || resolution.kind === "file" ? resolution.href : undefined;
  };

  /** Filter `weeklyPage`: what a layout shows about a page (or collection item). */
  view = (page: { inputPath?: string } | string | undefined): PageView | undefined => {
    const inputPath = typeof page === "string" ? page : page?.inputPath;
    if (!inputPath || !this.#site) return undefined;
    return pageView(this.#site, this.#relative(inputPath), (tag) => this.#tagUrls.get(tag));
  };

  /** Collection `reports`: every report, newest first. */
  reports = (api: CollectionApi): CollectionItem[] => sortNewestFirst(this.#ofKind(api, "report"));

  /** Collection `digests`: every digest, newest week first. */
  digests = (api: CollectionApi): CollectionItem[] => sortByWeekDescending(this.#ofKind(api, "digest"));

  /** Collection `weeklyTags`: one entry per tag of the reports, for the tag pages. */
  tags = (api: CollectionApi): TagPage[] => {
    const pages = tagPages(this.reports(api), this.#opts.tagsPath, this.#opts.tagSlugs);
    this.#tagUrls = new Map(pages.map((p) => [p.name, p.url]));
    return pages;
  };

  #ofKind(api: CollectionApi, kind: "report" | "digest"): CollectionItem[] {
    return api.getAll().filter((item) => item.url !== false && kindOf(this.#relative(item.inputPath), this.#opts) === kind);
  }

  #relative(inputPath: string): string {
    return inputRelative(inputPath, this.#inputDir);
  }

  #placeProblem(problem: SiteIndex["problems"][number]): Problem {
    const page = this.#collected.get(problem.file);
    const file = posix.join(this.#inputDir, problem.file);
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // The file vanished since Eleventy read it; the body line is still the best we know.
    }
    return { ...placeInFile(problem, text, page?.body ?? ""), file: posix.normalize(file) };
  }
}
