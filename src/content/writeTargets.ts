// Where a command may write a file the user names (`weekly export -o`): only where no build reads
// or serves it. The places are real paths (every link resolved by the caller, before this check),
// so a name that leads into the site through a symbolic link is judged by where it leads.
import { posix } from "node:path";
import picomatch from "picomatch";
import { clean, ignoreGlobs, type SiteFolders } from "./siteFiles.js";
import { outputFolders } from "./outputFolders.js";

/** The files at the site's folder every build reads, whatever the input folder. */
const SITE_FILES = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventyignore", ".gitignore", "package.json"];
const MODULES_RE = /(^|\/)node_modules(\/|$)/;

/** What a build reads or serves, as absolute real paths (forward slashes). */
export interface BuildPlaces {
  root: string;
  input: string;
  output: string;
  /** Earlier builds' output folders in the input folder (outputFolders.ts): ignored as input, perhaps served. */
  outputs: readonly string[];
  data: string;
  /** Undefined when the includes folder is the input folder itself (every template is in it). */
  includes: string | undefined;
  /** The layouts folder (`dir.layouts`), when the site sets one apart from the input folder. */
  layouts: string | undefined;
  /** The plugin's cache; undefined when the site turns it off. */
  cache: string | undefined;
  /** Whether Eleventy skips a path (relative to the site's folder) when it looks for templates. */
  ignored: (path: string) => boolean;
}

export type WhyRefused = "output" | "cache" | "data" | "includes" | "layouts" | "site-file" | "modules" | "input";

/** Why a build would read or serve a file there, and the folder (or file) that makes it so. */
export interface TargetRefusal {
  why: WhyRefused;
  /** That folder or file, relative to the site's folder. */
  place: string;
}

/** The places of a site whose folders are known; `real` resolves a path's links (the caller's file system). */
export function buildPlaces(folders: SiteFolders, cacheDir: string | false, real: (path: string) => string): BuildPlaces {
  const at = (dir: string) => real(posix.join(folders.root, clean(dir)));
  const input = at(folders.input);
  const includes = clean(folders.includes) === "." ? undefined : at(posix.join(folders.input, folders.includes));
  const layouts = folders.layouts === undefined || clean(folders.layouts) === "." ? undefined : at(posix.join(folders.input, folders.layouts));
  const match = picomatch(ignoreGlobs(folders), { dot: true, nocase: true });
  return {
    root: real(folders.root),
    input,
    output: at(folders.output),
    outputs: outputFolders(folders.root, folders.input).map(at),
    data: at(posix.join(folders.input, folders.data)),
    includes,
    layouts,
    cache: cacheDir === false ? undefined : at(cacheDir),
    // A folder matched by an ignore is skipped with everything in it.
    ignored: (path) => ancestry(path).some((each) => match(each)),
  };
}

/**
 * Why a build would read or serve a file written at `target` (absolute, real), or undefined when
 * no build does: the output folder (published as it is; Eleventy never deletes a file it did not
 * write), the plugin's cache (cards, pictures and search index are taken from it), the global data,
 * includes and layouts folders, the config and ignore files, node_modules (code every build loads), and
 * the input folder but for what Eleventy ignores (any file there is a template, a data file or a
 * file a page may link to).
 */
export function targetRefusal(target: string, places: BuildPlaces): TargetRefusal | undefined {
  const site = (path: string) => posix.relative(places.root, path) || ".";
  const inside = (folder: string | undefined) => folder !== undefined && within(target, folder);
  if (inside(places.output)) return { why: "output", place: site(places.output) };
  const earlier = places.outputs.find(inside);
  if (earlier !== undefined) return { why: "output", place: site(earlier) };
  if (inside(places.cache)) return { why: "cache", place: site(places.cache!) };
  if (inside(places.data)) return { why: "data", place: site(places.data) };
  if (inside(places.includes)) return { why: "includes", place: site(places.includes!) };
  if (inside(places.layouts)) return { why: "layouts", place: site(places.layouts!) };
  const fromRoot = within(target, places.root) ? posix.relative(places.root, target) : undefined;
  if (fromRoot !== undefined && SITE_FILES.includes(fromRoot)) return { why: "site-file", place: fromRoot };
  if (fromRoot !== undefined && MODULES_RE.test(fromRoot)) return { why: "modules", place: fromRoot.slice(0, fromRoot.indexOf("node_modules") + "node_modules".length) };
  if (inside(places.input) && !(fromRoot !== undefined && places.ignored(fromRoot))) return { why: "input", place: site(places.input) };
  return undefined;
}

/** `a/b/c.md` → `a`, `a/b`, `a/b/c.md`. */
function ancestry(path: string): string[] {
  const parts = path.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

function within(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path);
  return relative === "" || (relative !== ".." && !relative.startsWith("../") && !posix.isAbsolute(relative));
}
