// The plugin as a guest in a site: before each build, the site's own pages' addresses are read from
// its files (as `weekly check` reads them, without Eleventy) and from other plugins' virtual
// templates; a page the plugin would generate at one of them is not generated (permalink false),
// and a line says so, once.
import { posix } from "node:path";
import yaml from "js-yaml";
import type { EleventyConfig } from "./eleventyConfig.js";
import type { ResolvedOptions } from "../core/options.js";
import { GENERATED_FOLDER, pageAddresses } from "../core/addresses.js";
import { kindOf } from "../core/kinds.js";
import { clean, DEFAULT_TEMPLATE_FORMATS, pageUrl, readSitePages, type FrontMatterEngine, type SiteFolders } from "../content/siteFiles.js";
import { placeOf, plannedPages, yieldToSite, type Yielded } from "../present/hostPages.js";

export interface Guest {
  /** Where a generated page goes: `url`, or false when the site has its own page there. */
  place(url: string): string | false;
  /** Whether the site has its own tag pages (then a report's tags link nowhere of the plugin's). */
  yieldsTags(): boolean;
}

interface BeforeEvent {
  directories?: { input?: string; includes?: string; data?: string; output?: string };
}

/** What the site's config object says, besides its folders, about the files Eleventy reads. */
interface SiteConfigView {
  ignores?: Iterable<string>;
  templateFormats?: unknown;
  templateFormatsAdded?: unknown[];
  useGitIgnore?: boolean;
  virtualTemplates?: Record<string, { data?: Record<string, unknown> } | undefined>;
}

export function installGuest(eleventyConfig: EleventyConfig, opts: ResolvedOptions, say: (line: string) => void): Guest {
  const tagIndex = pageAddresses(opts).tagIndex;
  const said = new Set<string>();
  let yielded: Yielded | undefined;
  eleventyConfig.on("eleventy.before", (event: BeforeEvent) => {
    const urls = siteUrls(eleventyConfig as unknown as SiteConfigView, event, opts);
    yielded = yieldToSite(plannedPages(opts), urls, tagIndex);
    for (const line of yielded.lines) {
      if (!said.has(line)) say(line);
      said.add(line);
    }
  });
  return {
    place: (url) => placeOf(yielded, url, tagIndex),
    yieldsTags: () => yielded?.tags ?? false,
  };
}

/** Eleventy's own reading of YAML and JSON front matter, for the site's pages. */
const SITE_ENGINES: { yaml: FrontMatterEngine; json: FrontMatterEngine } = {
  yaml: (text) => tolerant(() => yaml.load(text)),
  json: (text) => tolerant(() => JSON.parse(text)),
};

/** A page whose front matter cannot be read has no permalink here: Eleventy names its mistake when it reads it. */
function tolerant(read: () => unknown): Record<string, unknown> {
  try {
    const data = read();
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The URLs of the site's own pages: its templates (not the reports and digests) at their plain
 * permalink or their path's address, and other plugins' virtual templates. A permalink made by
 * code (computed data, JavaScript front matter) is not known here.
 */
function siteUrls(config: SiteConfigView, event: BeforeEvent, opts: ResolvedOptions): Set<string> {
  const dirs = event.directories ?? {};
  const input = clean(dirs.input ?? ".");
  const formats = Array.isArray(config.templateFormats) ? config.templateFormats.map(String) : [...DEFAULT_TEMPLATE_FORMATS];
  for (const added of config.templateFormatsAdded ?? []) formats.push(...(Array.isArray(added) ? added.map(String) : String(added).split(",")));
  const folders: SiteFolders = {
    root: process.cwd(),
    input,
    includes: posix.relative(input, clean(dirs.includes ?? posix.join(input, "_includes"))),
    data: posix.relative(input, clean(dirs.data ?? posix.join(input, "_data"))),
    output: clean(dirs.output ?? "_site"),
    // The reports and digests are the plugin's own, never read here: the start stage reads them,
    // after refusing what must not be read (a file too large, a device).
    ignores: [...(config.ignores ?? []), ...[opts.postsDir, opts.digestsDir].map((dir) => `${clean(posix.join(input, dir))}/**`)],
    templateFormats: formats,
    dataExtensions: ["json"],
    useGitIgnore: config.useGitIgnore !== false,
  };
  const urls = new Set<string>();
  for (const page of readSitePages(folders, SITE_ENGINES)) {
    const path = posix.relative(input, page.inputPath);
    if (kindOf(path, opts) !== undefined) continue;
    const url = pageUrl(path, page.data.permalink, formats);
    if (url !== false) urls.add(url);
  }
  for (const [path, template] of Object.entries(config.virtualTemplates ?? {})) {
    if (path.startsWith(`${GENERATED_FOLDER}/`)) continue;
    const url = pageUrl(path, template?.data?.permalink, formats);
    if (url !== false) urls.add(url);
  }
  return urls;
}
