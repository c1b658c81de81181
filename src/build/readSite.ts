// The Eleventy-free core: a site's content folders read and analysed by the same stages a build
// runs (start, admit, dates, analyse), fed from the files themselves instead of Eleventy's events.
// `weekly check` and `weekly new` call it; the Eleventy plugin calls the same stages on Eleventy's
// events (build.ts). Nothing is rendered or written.
import { posix } from "node:path";
import { sortProblems, type Problem } from "../core/errors.js";
import type { ResolvedOptions } from "../core/options.js";
import type { AnalysisParser } from "../content/markdownText.js";
import { bodyReader, inputRelative } from "../content/body.js";
import { isOwnPage } from "../core/kinds.js";
import { reservedOutputs } from "../content/contentData.js";
import { createFrontMatterEngine } from "../content/frontMatter.js";
import type { ExistingContent } from "../content/newWeek.js";
import type { SiteIndex } from "../content/pageTypes.js";
import { pageUrl, readSitePages, type SiteFolders } from "../content/siteFiles.js";
import { admitPage } from "./admit.js";
import { analyseBuild } from "./analyse.js";
import { existingContent, WeeklyCheckResult } from "./checkResult.js";
import type { BuildContext } from "./context.js";
import { pageDate } from "./pageDates.js";
import { SEARCH_FOLDER } from "./search.js";
import { beginBuild } from "./start.js";
import type { BuildEnvironment } from "./state.js";

export interface SiteSource {
  opts: ResolvedOptions;
  folders: SiteFolders;
  /** `WEEKLY_NOW` and the like: the clock of the check. */
  env: BuildEnvironment;
  /** Whether a `layout` names a template (the site's, or the shipped theme's). */
  layoutExists(layout: string): boolean;
  /** The site's markdown-it, with the plugin's rules, as Eleventy would render with it. */
  parse: AnalysisParser;
  /** The URLs of pages that are not files (the plugin's generated pages), by a path of their own. */
  virtualPages: ReadonlyMap<string, string>;
}

export interface SiteRead {
  problems: Problem[];
  /** How many Markdown pages were read. */
  files: number;
  site: SiteIndex | undefined;
  content: ExistingContent;
}

/** Every problem of a site's content, as a build would find them, with the analysed site. */
export function readSite(source: SiteSource): SiteRead {
  const { opts, folders } = source;
  const ctx: BuildContext = {
    opts,
    inputDir: folders.input,
    logger: { info() {}, warn() {}, error() {} },
    env: () => ({ ...source.env, WEEKLY_CHECK: "1" }),
    dataExtensions: () => folders.dataExtensions,
    reserved: reservedOutputs(opts, SEARCH_FOLDER),
  };
  let state;
  try {
    // The output folder, as a build's: files in it are never the site's to publish (see linkedFiles.ts).
    state = beginBuild(ctx, { directories: { output: folders.output } });
  } catch (error) {
    // Code in a content folder: reported without reading a single page.
    if (error instanceof WeeklyCheckResult) return { problems: [...error.problems], files: 0, site: undefined, content: existingContent(undefined) };
    throw error;
  }
  // The site's other pages are read as Eleventy reads them without the plugin.
  const guest = { owns: (filePath: string) => isOwnPage(inputRelative(filePath, folders.input), opts) };
  const engines = { yaml: createFrontMatterEngine(source.layoutExists, "yaml", guest), json: createFrontMatterEngine(source.layoutExists, "json", guest) };
  const urls: Record<string, string[]> = Object.create(null);
  for (const page of readSitePages(folders, engines)) {
    if (!admitPage(ctx, state, page.inputPath, page.data, page.body)) continue;
    pageDate(ctx, state, page.data.date, page.inputPath);
    const url = pageUrl(posix.relative(folders.input, page.inputPath), page.data.permalink, folders.templateFormats);
    if (url !== false) urls[page.inputPath] = [url];
  }
  for (const [path, url] of source.virtualPages) urls[`./${posix.join(folders.input, path)}`] = [url];
  const problems = analyseBuild(ctx, state, urls, bodyReader(source.parse, opts));
  return { problems: sortProblems(problems), files: state.collected.size, site: state.site, content: existingContent(state.site) };
}
