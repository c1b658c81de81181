// A site's Eleventy configuration read without Eleventy: the config file is run against a
// stand-in for Eleventy's config object that records what `weekly check` needs (the plugin's
// options, the folders, ignores, template formats, data extensions and the Markdown library) and
// accepts every other call without doing anything. Other plugins run against it too, so that
// their Markdown changes are seen; one that fails there is skipped (it can only matter to pages).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { MarkdownIt } from "markdown-it";
import { WEEKLY_PLUGIN, type WeeklyOptions } from "../core/options.js";
import { DEFAULT_TEMPLATE_FORMATS, type SiteFolders } from "../content/siteFiles.js";

export interface SiteConfig {
  folders: SiteFolders;
  /** The options the site gives the weekly plugin; undefined when it does not add the plugin. */
  options: WeeklyOptions | undefined;
  markdown: {
    /** A markdown-it the site set with `setLibrary("md", …)`. */
    library: MarkdownIt | undefined;
    /** `amendLibrary("md", …)` callbacks, in order. */
    amendments: Array<(md: MarkdownIt) => void>;
  };
  /** Eleventy's `pathPrefix` as the config sets it (`/` when it does not). */
  pathPrefix: string;
}

/** The file names Eleventy looks for its config under, in its order. */
export const CONFIG_FILES = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

/** The nearest folder from `dir` up that holds an Eleventy config: the site's folder. */
export function findSiteDir(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (CONFIG_FILES.some((name) => existsSync(join(at, name)))) return at;
    if (dirname(at) === at) return undefined;
  }
}

type AnyFunction = (...args: unknown[]) => unknown;

/** Node's cache of CommonJS modules, where a CommonJS config stays whatever URL it is imported by. */
const { cache: commonJsModules } = createRequire(import.meta.url);

/**
 * The config file as it is now, not as this process first imported it: Node keeps a module for the
 * process's life, and a process may run the commands more than once (`main` called twice, after an
 * edit). The URL names the file's content; a CommonJS config is dropped from the cache for it.
 */
async function importConfig(file: string): Promise<unknown> {
  const url = new URL(pathToFileURL(file).href);
  url.searchParams.set("content", createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16));
  delete commonJsModules[file];
  return import(url.href);
}

/** Runs the site's config file against the stand-in and returns what it recorded. */
export async function loadSiteConfig(siteDir: string): Promise<SiteConfig> {
  const file = CONFIG_FILES.map((name) => join(siteDir, name)).find((path) => existsSync(path))!;
  const dirs: { input: string; includes: string; layouts?: string; data: string; output: string } = { input: ".", includes: "_includes", data: "_data", output: "_site" };
  const ignores = new Set<string>();
  const recorded: Omit<SiteConfig, "folders" | "pathPrefix"> & { templateFormats?: string[]; dataExtensions: string[]; useGitIgnore: boolean } = {
    options: undefined,
    markdown: { library: undefined, amendments: [] },
    dataExtensions: [],
    useGitIgnore: true,
  };
  const plugins: Array<[AnyFunction, unknown]> = [];
  const formats = (value: unknown) => (Array.isArray(value) ? value.map(String) : String(value).split(",")).map((f) => f.trim()).filter(Boolean);
  const known: Record<string, unknown> = {
    addPlugin(plugin: unknown, options: unknown) {
      if (typeof plugin !== "function") return;
      if ((plugin as unknown as Record<symbol, unknown>)[WEEKLY_PLUGIN]) recorded.options = (options ?? {}) as WeeklyOptions;
      else plugins.push([plugin as AnyFunction, options]);
    },
    ignores: { add: (glob: string) => ignores.add(glob), delete: (glob: string) => ignores.delete(glob), has: (glob: string) => ignores.has(glob) },
    amendLibrary(name: string, callback: (md: MarkdownIt) => void) {
      if (name === "md") recorded.markdown.amendments.push(callback);
    },
    setLibrary(name: string, library: MarkdownIt) {
      if (name === "md") recorded.markdown.library = library;
    },
    setInputDirectory: (dir: string) => void (dirs.input = dir),
    setIncludesDirectory: (dir: string) => void (dirs.includes = dir),
    setLayoutsDirectory: (dir: string) => void (dirs.layouts = dir),
    setDataDirectory: (dir: string) => void (dirs.data = dir),
    setOutputDirectory: (dir: string) => void (dirs.output = dir),
    setTemplateFormats: (value: unknown) => void (recorded.templateFormats = formats(value)),
    addTemplateFormats: (value: unknown) => void (recorded.templateFormats = [...(recorded.templateFormats ?? DEFAULT_TEMPLATE_FORMATS), ...formats(value)]),
    addDataExtension: (value: unknown) => void recorded.dataExtensions.push(...formats(value)),
    setUseGitIgnore: (value: unknown) => void (recorded.useGitIgnore = value !== false),
    directories: dirs,
    dir: dirs,
    pathPrefix: "/",
    resolvePlugin: () => () => {},
  };
  const config: Record<string, unknown> = new Proxy(known, {
    // Any other method does nothing and returns the config, as Eleventy's chainable ones do. It is
    // no promise (no `then`): a config function may return it, and it is awaited.
    get: (target, key) => (key in target ? target[key as string] : typeof key === "string" && key !== "then" ? () => config : undefined),
  });
  const module = (await importConfig(file)) as { default?: unknown; config?: { dir?: Partial<typeof dirs>; pathPrefix?: unknown } };
  // The folder the site is served from, as the plugin reads it (a `--pathprefix` on Eleventy's command line is not seen here).
  if (typeof module.config?.pathPrefix === "string") known.pathPrefix = module.config.pathPrefix;
  const configure = typeof module.default === "function" ? (module.default as AnyFunction) : undefined;
  // `export const config` sets the folders before the config function runs; a returned object, after.
  Object.assign(dirs, definedOnly(module.config?.dir));
  const returned = (await configure?.(config)) as { dir?: Partial<typeof dirs>; pathPrefix?: unknown } | undefined;
  if (typeof returned?.pathPrefix === "string") known.pathPrefix = returned.pathPrefix;
  for (let i = 0; i < plugins.length; i++) {
    const [plugin, options] = plugins[i]!;
    try {
      await plugin(config, options);
    } catch {
      // A plugin that needs the real Eleventy: it cannot change what the check reads.
    }
  }
  Object.assign(dirs, definedOnly(returned?.dir));
  return {
    folders: {
      root: siteDir,
      input: dirs.input,
      includes: dirs.includes,
      layouts: dirs.layouts,
      data: dirs.data,
      output: dirs.output,
      ignores: [...ignores],
      templateFormats: recorded.templateFormats ?? [...DEFAULT_TEMPLATE_FORMATS],
      dataExtensions: ["json", ...recorded.dataExtensions.filter((ext) => ext !== "json")],
      useGitIgnore: recorded.useGitIgnore,
    },
    options: recorded.options,
    markdown: recorded.markdown,
    pathPrefix: String(known.pathPrefix),
  };
}

function definedOnly(dir: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(dir ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
