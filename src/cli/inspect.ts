// What the `weekly` command knows of a site: its configuration read without Eleventy
// (siteConfig.ts), then its content read and analysed by the same stages a build runs
// (pipeline/readSite.ts). Nothing is rendered and nothing is written.
import { localeLanguage, messageLanguage, type Language } from "../core/language.js";
import { commandLine, type Said } from "../core/show.js";
import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import markdownIt, { type MarkdownIt } from "markdown-it";
import { sortProblems, type Problem } from "../core/errors.js";
import { resolveOptions, type ResolvedOptions } from "../core/options.js";
import { inputRelative } from "../content/body.js";
import { installMarkdownRules, type RenderContext } from "../content/markdownRules.js";
import { allowsRawHtml, kindOf } from "../core/kinds.js";
import { resolveBasePath } from "../core/basePath.js";
import type { ExistingContent } from "../content/newWeek.js";
import type { SiteIndex } from "../content/pageTypes.js";
import type { SiteFolders } from "../content/siteFiles.js";
import { readSources, SOURCES_FILE, type Source } from "../content/sources.js";
import { readSite } from "../pipeline/readSite.js";
import { generatedPages } from "../present/pages.js";
import { FEED_STYLESHEET_URL } from "../core/addresses.js";
import { layoutsRootOf, readShippedTheme, siteTheme } from "../present/theme.js";
import { CONFIG_FILES, findSiteDir, loadSiteConfig, type SiteConfig } from "./siteConfig.js";

export interface SiteInspection {
  /** The folder of the site's Eleventy config: paths are relative to it. */
  siteDir: string;
  problems: Problem[];
  /** How many Markdown pages were read. */
  files: number;
  /** Eleventy's input folder, relative to the site's folder. */
  inputDir: string;
  /** Every folder of the site as its config sets them (input, output, includes, data, ignores, formats). */
  folders: SiteFolders;
  options: ResolvedOptions;
  content: ExistingContent;
  /** The analysed site (pages, their URLs and links), when its content could be read. */
  site: SiteIndex | undefined;
  /** The site's markdown-it with the plugin's rules, links rewritten to the published URLs of `site`. */
  markdown: MarkdownIt;
  /** The digest's sources, as far as the sources file could be read (none without the file). */
  sources: Source[];
  /** The sources file's path, relative to the site's folder. */
  sourcesFile: string;
}

/**
 * Reads the site in `startDir` (or the nearest folder above it with an Eleventy config) as a
 * build would, and returns every problem of its content. Returns the reason instead when the
 * check cannot run (no plugin in the config, a broken config, options the plugin refuses).
 */
export async function inspectSite(startDir: string): Promise<SiteInspection | { failure: Said }> {
  const siteDir = findSiteDir(startDir);
  if (!siteDir) {
    return { failure: { en: `no Eleventy config (${CONFIG_FILES.join(", ")}) in ${startDir} or any folder above it.`, zh: `${startDir} 及其上层文件夹里都没有 Eleventy 配置文件（${CONFIG_FILES.join("、")}）。` } };
  }
  const previous = process.cwd();
  // Paths in a site's config and in its folders are relative to the site's folder, as for Eleventy.
  process.chdir(siteDir);
  try {
    const config = await loadSiteConfig(siteDir);
    if (!config.options) {
      return { failure: { en: "the site's Eleventy config does not add the weekly plugin (eleventyConfig.addPlugin(weekly)).", zh: "站点的 Eleventy 配置没有加入 weekly 插件（`eleventyConfig.addPlugin(weekly)`）。" } };
    }
    const opts = resolveOptions(config.options);
    // As the plugin does: a site served from a folder has it in site.url, for every absolute URL.
    opts.site.url = `${new URL(opts.site.url).origin}${resolveBasePath(opts.site.url, config.pathPrefix)}`;
    const { folders } = config;
    const theme = siteTheme(folders.input, layoutsRootOf(folders), opts, readShippedTheme().files);
    // Links are rewritten only when a page is rendered (`weekly export`), from the analysis below.
    let rewrite: (from: string, href: string) => string | undefined = () => undefined;
    const md = markdownFor(config, {
      rewriteHref: (from, href) => rewrite(from, href),
      // As the plugin renders: raw HTML by kind of page (the `rawHtml` option).
      allowsHtml: (from) => allowsRawHtml(kindOf(inputRelative(from, folders.input), opts), opts),
      // The check parses (and `weekly export` renders) only the plugin's own pages.
      owns: () => true,
    });
    const read = await readSite({ opts, folders, env: process.env, layoutExists: theme.layoutExists, parse: (source, env) => md.parse(source, env), virtualPages: virtualPages(opts) });
    const sourcesFile = posix.join(folders.input, opts.digestsDir, SOURCES_FILE);
    const sources = existsSync(sourcesFile) ? readSources(sourcesFile, readFileSync(sourcesFile, "utf8")) : { sources: [], problems: [] };
    const problems = sortProblems([...read.problems, ...sources.problems]);
    rewrite = (from, href) => read.site?.pages.get(inputRelative(from, folders.input))?.rewrites.get(href);
    return { siteDir, problems, files: read.files, inputDir: folders.input, folders, options: opts, content: read.content, site: read.site, markdown: md, sources: sources.sources, sourcesFile };
  } catch (error) {
    return { failure: errorText(error) };
  } finally {
    process.chdir(previous);
  }
}

/** The site of the folder the command runs in, or undefined once the reason it cannot be read is printed (the command then exits 2). */
export async function siteOf(command: string, io: { cwd: string; err: NodeJS.WritableStream; env: Record<string, string | undefined> }): Promise<SiteInspection | undefined> {
  const site = await inspectSite(io.cwd);
  if (!("failure" in site)) return site;
  // No site read: the locale's language (core/language.ts).
  io.err.write(`${commandLine(`weekly ${command}`, site.failure, localeLanguage(io.env))}\n`);
  return undefined;
}

/** The markdown-it Eleventy would render with: the site's (or one with Eleventy's defaults), its amendments, then the plugin's rules. */
function markdownFor(config: SiteConfig, context: RenderContext): MarkdownIt {
  const md = config.markdown.library ?? markdownIt({ html: true });
  for (const amend of config.markdown.amendments) amend(md);
  installMarkdownRules(md, context);
  return md;
}

/** The pages the plugin adds with a fixed address (home, archive, feeds, sitemap, …), by a path of their own. */
function virtualPages(opts: ResolvedOptions): Map<string, string> {
  const pages = new Map<string, string>();
  for (const page of generatedPages(opts)) {
    if (page.url !== undefined) pages.set(page.path, page.url);
  }
  if (opts.feeds.atom !== false) pages.set("weekly-plugin/feed-atom.njk", opts.feeds.atom);
  if (opts.feeds.atom !== false) pages.set("weekly-plugin/feed-xsl.njk", FEED_STYLESHEET_URL);
  if (opts.feeds.json !== false) pages.set("weekly-plugin/feed-json.njk", opts.feeds.json);
  return pages;
}

function errorText(error: unknown): string {
  const messages: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e && typeof e === "object" && messages.length < 20; e = e.cause as typeof e) {
    if (e.message) messages.push(e.message);
  }
  return messages.join("\n  ") || String(error);
}

/** The language the command prints its messages in: the site's, unless `WEEKLY_LANG` says (core/language.ts). */
export function languageOfSite(site: Pick<SiteInspection, "options">, io: { env: Record<string, string | undefined> }): Language {
  return messageLanguage(site.options.site.language, io.env.WEEKLY_LANG);
}
