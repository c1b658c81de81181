// The Eleventy-free core: a site's content folders read and analysed by the build's own table of
// stages (build.ts `STAGES`), those a check runs (start, admit, dates, analyse), fed from the files
// themselves where Eleventy would call them. `weekly check` and `weekly new` call it; the Eleventy
// plugin registers the same stages on Eleventy's events (eleventy/stageHooks.ts). Nothing is
// rendered or written.
import { posix } from "node:path";
import type { Problem } from "../core/errors.js";
import type { ResolvedOptions } from "../core/options.js";
import type { AnalysisParser } from "../content/markdownText.js";
import { inputRelative } from "../content/body.js";
import { isOwnPage } from "../core/kinds.js";
import { createFrontMatterEngine } from "../content/frontMatter.js";
import type { ExistingContent } from "../content/newWeek.js";
import type { SiteIndex } from "../content/pageTypes.js";
import { pageUrl, readSitePages, type SiteFolders, type SourcePage } from "../content/siteFiles.js";
import { STAGES, WeeklyBuild } from "./build.js";
import type { CheckResult } from "./checkResult.js";
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
export async function readSite(source: SiteSource): Promise<SiteRead> {
  const { opts, folders } = source;
  const silent = { info() {}, warn() {}, error() {} };
  const build = new WeeklyBuild(opts, folders.input, silent, () => ({ ...source.env, WEEKLY_CHECK: "1" }), () => folders.dataExtensions);
  build.parse = source.parse;
  // The site's other pages are read as Eleventy reads them without the plugin.
  const guest = { owns: (filePath: string) => isOwnPage(inputRelative(filePath, folders.input), opts) };
  const engines = { yaml: createFrontMatterEngine(source.layoutExists, "yaml", guest), json: createFrontMatterEngine(source.layoutExists, "json", guest) };
  let admitted: SourcePage[] = [];
  // Eleventy's part, played on the site's files: each stage a check runs, in the table's order.
  for (const stage of STAGES.filter((s) => s.check)) {
    switch (stage.on) {
      case "eleventy.before": {
        // The output folder, as a build's: files in it are never the site's to publish (see linkedFiles.ts).
        const ended = await stage.run(build, { directories: { output: folders.output } });
        // Code in a content folder: reported without reading a single page.
        if (ended) return siteRead(ended, undefined);
        break;
      }
      case "preprocessor":
        admitted = [...readSitePages(folders, engines)].filter((page) => stage.run(build, { inputPath: page.inputPath, data: page.data, body: page.body }));
        break;
      case "addDateParsing":
        for (const page of admitted) stage.run(build, page.data.date, page.inputPath);
        break;
      case "eleventy.contentMap": {
        const urls: Record<string, string[]> = Object.create(null);
        for (const page of admitted) {
          const url = pageUrl(posix.relative(folders.input, page.inputPath), page.data.permalink, folders.templateFormats);
          if (url !== false) urls[page.inputPath] = [url];
        }
        for (const [path, url] of source.virtualPages) urls[`./${posix.join(folders.input, path)}`] = [url];
        const ended = await stage.run(build, { inputPathToUrl: urls });
        if (ended) return siteRead(ended, build.state?.site);
        break;
      }
    }
  }
  throw new Error("weekly check: the analysis ended no check");
}

function siteRead(result: CheckResult, site: SiteIndex | undefined): SiteRead {
  return { problems: [...result.problems], files: result.files, site, content: result.site.content };
}
