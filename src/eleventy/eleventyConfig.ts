// The parts of Eleventy's configuration API the plugin uses (Eleventy ships no TypeScript types).
import type { MarkdownIt } from "markdown-it";

export interface EleventyConfig {
  /** Eleventy's pathPrefix (`--pathprefix`), known once plugins run. */
  pathPrefix?: string;
  /** One of Eleventy's bundled plugins, by its package name. */
  resolvePlugin(name: "@11ty/eleventy/html-base-plugin"): unknown;
  /** Throws when the running Eleventy is not in the semver range. */
  versionCheck?(range: string): void;
  /** Paths from the project (`./content/`); `layouts` only when the site sets `dir.layouts`. */
  directories: { input: string; output: string; includes: string; layouts?: string | undefined };
  ignores: { add(glob: string): void };
  /** Globs `--serve` and `--watch` do not watch, from the project. */
  watchIgnores?: { add(glob: string): void };
  addTransform(name: string, callback: (this: never, content: string) => unknown): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addCollection(name: string, callback: (api: never) => unknown): void;
  addGlobalData(name: string, data: unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  /** `content`: a template's text, or a JavaScript template (`{ data, render }`) for a path ending in `.11ty.js`. */
  addTemplate(virtualPath: string, content: string | { data: Record<string, unknown>; render: (data: never) => unknown }, data?: Record<string, unknown>): void;
  addPreprocessor(
    name: string,
    extensions: string,
    callback: (this: { inputPath: string }, data: Record<string, unknown>, content: string) => unknown,
  ): void;
  addDateParsing(callback: (this: { page?: { inputPath?: string } }, value: unknown) => unknown): void;
  amendLibrary(name: "md", callback: (md: MarkdownIt) => void): void;
  amendLibrary(name: "njk", callback: (env: { loaders: unknown[] }) => void): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  /** The front-matter engines so far (Eleventy's, or the site's own), before the plugin adds its own. */
  frontMatterParsingOptions?: { engines?: Record<string, ((text: string, options?: unknown) => unknown) | undefined> };
  /** The dev server's options so far (the site's `setServerOptions`); merged into, arrays appended. */
  serverOptions?: { host?: unknown; module?: unknown; middleware?: unknown[] };
  setServerOptions(options: Record<string, unknown>): void;
  on(event: string, callback: (...args: never[]) => unknown): void;
  logger?: { warn?(message: string): void };
  /** Data file extensions added with `addDataExtension`, by extension. */
  dataExtensions?: Map<string, unknown>;
}
