// A site's pages as Eleventy finds them, found without Eleventy: the template files it would read
// (its globs and ignores), each one's data (its directory and template data files, then its front
// matter, read with the same front-matter library and engines) and the URL it would get. This is
// what `weekly check` reads instead of starting Eleventy's template machinery.
//
// What it leaves out, because only running the site's code could tell: JavaScript data files and
// templates' JavaScript data, global data, computed data and templated permalinks (such a page's
// URL is taken to be its default one). None of these can be in a content folder (see files.ts).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import matter from "gray-matter";
import { globSync } from "tinyglobby";
import { readDataFile } from "./files.js";
import { isPrototypeKey } from "../core/prototypeKeys.js";
import { outputFolders } from "./outputFolders.js";

/** Where a site keeps what, as its Eleventy configuration says (folders relative to the site's folder). */
export interface SiteFolders {
  /** The site's folder (absolute): every other folder is relative to it. */
  root: string;
  input: string;
  /** Relative to the input folder, as Eleventy's `dir.includes` ("" for the input folder itself). */
  includes: string;
  /** Relative to the input folder, as Eleventy's `dir.layouts`, when the site sets one (layouts are then looked for there, not in includes). */
  layouts?: string | undefined;
  data: string;
  output: string;
  /** The site's own ignores (`eleventyConfig.ignores`), relative to the site's folder. */
  ignores: readonly string[];
  /** Template extensions: Eleventy's defaults unless the site set others. */
  templateFormats: readonly string[];
  /** Data file extensions the site reads, json first. */
  dataExtensions: readonly string[];
  useGitIgnore: boolean;
}

/** A template as Eleventy would read it. */
export interface SourcePage {
  /** The path as Eleventy names it: `./posts/a.md`. */
  inputPath: string;
  /** Its data: directory and template data files, then front matter (the higher wins). */
  data: Record<string, unknown>;
  body: string;
}

export const DEFAULT_TEMPLATE_FORMATS = ["liquid", "md", "njk", "html", "11ty.js"] as const;

/** A front-matter engine: the text between the `---` lines → the data. */
export type FrontMatterEngine = (text: string, options?: { filePath?: unknown }) => Record<string, unknown>;

/**
 * Every template of the site, sorted by path, with its data. Front matter is read with the given
 * engines (the plugin's, which report mistakes in the data instead of throwing); JavaScript front
 * matter is never run: such a page reads as having none.
 */
export function readSitePages(folders: SiteFolders, engines: { yaml: FrontMatterEngine; json: FrontMatterEngine }): SourcePage[] {
  const input = clean(folders.input);
  const extensions = folders.templateFormats.map((format) => format.replace(/^\./, ""));
  const pattern = `${input === "." ? "" : `${input}/`}**/*.{${extensions.join(",")}}`;
  const found = globSync(extensions.length === 1 ? pattern.replace(/\{([^,}]*)\}$/, "$1") : pattern, {
    cwd: folders.root,
    ignore: ignoreGlobs(folders),
    dot: true,
    caseSensitiveMatch: false,
    followSymbolicLinks: true,
  }).sort();
  const never = () => ({});
  const options = { engines: { yaml: engines.yaml, json: engines.json, js: never, javascript: never } };
  const dataFile = dataFiles(folders.root);
  return found.map((file) => {
    const text = readFileSync(join(folders.root, file), "utf8");
    const isJavaScript = /\.(11ty\.)?[cm]?js$/.test(file);
    const inputPath = `./${file}`;
    // Eleventy hands the engines the page's path too (its `filePath`), as here.
    const { data, content } = isJavaScript ? { data: {}, content: text } : matter(text, { ...options, filePath: inputPath } as typeof options);
    const own = { ...(data as Record<string, unknown>) };
    return { inputPath, data: mergeData(...[...localData(folders, file, dataFile), own].map(cleanTags)), body: content };
  });
}

/**
 * The URL Eleventy gives a page: its plain `permalink` (`/a/index.html` is `/a/`), none for
 * `false`, else its path's (`posts/a.md` → `/posts/a/`, `posts/index.md` and `posts/posts.md` →
 * `/posts/`).
 */
export function pageUrl(path: string, permalink: unknown, formats: readonly string[] = DEFAULT_TEMPLATE_FORMATS): string | false {
  // `permalink: { build: … }`: the address Eleventy writes the page at, none without one.
  if (typeof permalink === "object" && permalink !== null) permalink = (permalink as { build?: unknown }).build ?? false;
  if (permalink === false) return false;
  if (typeof permalink === "string" && permalink.trim() !== "" && !/\{[{%]/.test(permalink)) {
    return withoutIndex(`/${permalink.trim().replace(/^\/+/, "")}`);
  }
  const stem = templateStem(path, formats);
  const folder = posix.dirname(stem);
  const name = posix.basename(stem);
  const parts = [...(folder === "." ? [] : [folder]), ...(name === "index" || posix.basename(folder) === name ? [] : [name])];
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
}

/** A template's path without its template extension (the longest that fits): `posts/v1.2.md` → `posts/v1.2`. */
function templateStem(path: string, formats: readonly string[]): string {
  const format = [...formats].sort((a, b) => b.length - a.length).find((ext) => path.toLowerCase().endsWith(`.${ext.toLowerCase()}`));
  return format ? path.slice(0, -format.length - 1) : path;
}

/** Eleventy's `page.url` drops a last `index.html`, `index/` or `index`. */
function withoutIndex(url: string): string {
  const match = /\/index(\.html|\/)?$/.exec(url);
  return match ? `${url.slice(0, match.index)}/` : url;
}

/**
 * What Eleventy ignores: node_modules, .git, the output folder, the includes, layouts and data folders,
 * the lines of .gitignore (unless turned off) and .eleventyignore, and the site's own ignores; and
 * what the plugin adds to them: earlier builds' output folders in the input folder (outputFolders.ts).
 */
export function ignoreGlobs(folders: SiteFolders): string[] {
  const input = clean(folders.input);
  const inInput = (dir: string) => clean(posix.join(input, dir));
  const globs = ["**/node_modules/**", ".git/**", `${clean(folders.output)}/**`];
  if (clean(folders.includes) !== ".") globs.push(`${inInput(folders.includes)}/**`);
  if (folders.layouts !== undefined && clean(folders.layouts) !== ".") globs.push(`${inInput(folders.layouts)}/**`);
  globs.push(`${inInput(folders.data)}/**`);
  const ignoreFiles = [...(folders.useGitIgnore ? [".gitignore"] : []), ".eleventyignore", ...(input === "." ? [] : [posix.join(input, ".eleventyignore")])];
  for (const file of ignoreFiles) {
    const at = join(folders.root, file);
    if (!existsSync(at)) continue;
    const dir = posix.dirname(file);
    for (const raw of readFileSync(at, "utf8").split("\n")) {
      const line = raw.trim();
      if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
      const path = clean(posix.join(dir, line.replace(/^\/+/, "")));
      globs.push(statSync(join(folders.root, path), { throwIfNoEntry: false })?.isDirectory() ? `${path}/**` : path);
    }
  }
  for (const ignore of folders.ignores) globs.push(ignore.startsWith("**/") ? ignore : clean(ignore));
  for (const folder of outputFolders(folders.root, input)) globs.push(`${folder}/**`);
  return globs;
}

/**
 * The data files that apply to a template, lowest first, as Eleventy orders them: the input
 * folder's, then each folder's down to the template's own (`posts/posts.json`, then
 * `posts/posts.11tydata.json`), then the template's (`posts/a.json`, `posts/a.11tydata.json`).
 * JavaScript data files are left out: they would have to run.
 */
function localData(folders: SiteFolders, file: string, dataFile: (path: string) => Record<string, unknown> | undefined): Array<Record<string, unknown>> {
  const input = clean(folders.input);
  const relative = input === "." ? file : posix.relative(input, file);
  const dirs = posix.dirname(relative).split("/").filter((part) => part !== ".");
  const bases: string[] = [];
  if (input !== ".") bases.push(posix.join(input, posix.basename(input)));
  for (let depth = 1; depth <= dirs.length; depth++) {
    const dir = dirs.slice(0, depth).join("/");
    bases.push(posix.join(input, dir, dirs[depth - 1]!));
  }
  bases.push(posix.join(input, templateStem(relative, folders.templateFormats)));
  const extensions = folders.dataExtensions.filter((ext) => ext !== "json");
  return bases.flatMap((base) =>
    ["", ".11tydata"].flatMap((suffix) =>
      [...extensions, "json"].flatMap((ext) => {
        const data = dataFile(`${base}${suffix}.${ext}`);
        return data ? [data] : [];
      }),
    ),
  );
}

/**
 * Reads data files, each once however many pages it applies to (a folder's data file applies to
 * every page in it), and looks for them in listings of their folders, each read once. Each page
 * gets its own copy of the data.
 */
function dataFiles(root: string): (path: string) => Record<string, unknown> | undefined {
  const listings = new Map<string, Set<string>>();
  const read = new Map<string, Record<string, unknown> | undefined>();
  const listed = (folder: string) => {
    let names = listings.get(folder);
    if (!names) {
      try {
        names = new Set(readdirSync(join(root, folder)));
      } catch {
        names = new Set(); // no such folder
      }
      listings.set(folder, names);
    }
    return names;
  };
  return (path) => {
    if (!read.has(path)) {
      const found = listed(posix.dirname(path)).has(posix.basename(path));
      const result = found ? readDataFile(path, readFileSync(join(root, path), "utf8")) : undefined;
      read.set(path, result && "data" in result ? result.data : undefined);
    }
    const data = read.get(path);
    return data && structuredClone(data);
  };
}

/**
 * Eleventy's clean-up of each layer of data before the merge: `tags` as a list (text split at
 * commas, duplicates dropped, each a text; nothing for an empty value). Any other value is left
 * for the plugin's checks to name.
 */
function cleanTags(layer: Record<string, unknown>): Record<string, unknown> {
  if (!("tags" in layer)) return layer;
  const tags = layer.tags;
  if (!tags) return { ...layer, tags: [] };
  if (typeof tags === "string") return { ...layer, tags: [...new Set(tags.split(","))] };
  if (Array.isArray(tags)) return { ...layer, tags: [...new Set(tags)].map(String) };
  return layer;
}

/**
 * Eleventy's deep merge of data: objects merged key by key, lists joined, anything else replaced.
 * A prototype key is never merged (the plugin reports it where it is written): here it would
 * change the prototype of the merged object.
 */
export function mergeData(...layers: Array<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (isPrototypeKey(key)) continue;
      const before = merged[key];
      if (Array.isArray(before) && Array.isArray(value)) merged[key] = [...before, ...value];
      else if (isPlainObject(before) && isPlainObject(value)) merged[key] = mergeData(before, value);
      else merged[key] = value;
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `./posts/` → `posts`, `./` → `.`. */
export function clean(dir: string): string {
  const normal = posix.normalize(dir === "" ? "." : dir).replace(/\/+$/, "");
  return normal === "" ? "." : normal;
}
