// A file the user names on the command line (`weekly export -o`), resolved to where its bytes
// would land (every symbolic link followed, a dangling one too) before it is judged, refused where
// a build would read or serve it, and written without following a link planted at its name.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { buildPlaces, targetRefusal, type TargetRefusal, type WhyRefused } from "../content/writeTargets.js";
import type { SiteInspection } from "./inspect.js";

/** Links followed before a name is taken to loop (Linux's own limit). */
const MAX_LINKS = 40;

/** Why each place is refused, in the words of the refusal. */
const BECAUSE: Record<WhyRefused, (place: string) => string> = {
  output: (place) => `inside the output folder (${place}), which is published as it is, and where a file no build wrote stays through every later build`,
  cache: (place) => `inside the plugin's cache (${place}), from which builds take social cards, pictures and the search index`,
  data: (place) => `inside the global data folder (${place}), which every build reads`,
  includes: (place) => `inside the includes folder (${place}), from which builds read layouts and includes`,
  layouts: (place) => `inside the layouts folder (${place}), from which builds read layouts`,
  "site-file": (place) => `the site's own ${place}, which every build reads`,
  modules: (place) => `inside ${place}, from which builds load Eleventy and the plugin`,
  input: (place) => `inside the site's input folder (${place}), where the next build would read it as a page or data and publish it`,
};

/** Where a named file may be written: the real path its bytes would land at, or why not. */
export type Placement = { path: string } | { refused: string };

/**
 * Judges `-o NAME` (relative to `cwd`): where the file would be written (its folder's real path
 * and its name) and, when NAME is itself a link, where the link leads; both must be outside
 * everything a build reads or serves.
 */
export function placeOutput(site: SiteInspection, name: string, cwd: string): Placement {
  const lexical = resolve(cwd, name);
  let landing: string;
  let leadsTo: string;
  try {
    landing = join(realPath(dirname(lexical)), basename(lexical));
    leadsTo = realPath(lexical);
  } catch (error) {
    return { refused: `cannot write ${name}: ${(error as Error).message}` };
  }
  const places = buildPlaces(site.folders, site.options.cacheDir, realPath);
  // Where a link leads first: the refusal then names it.
  for (const [path, refusal] of [[leadsTo, targetRefusal(leadsTo, places)], [landing, targetRefusal(landing, places)]] as const) {
    if (refusal) return { refused: refusalText(name, path, lexical, refusal, site, cwd) };
  }
  return { path: landing };
}

function refusalText(name: string, path: string, lexical: string, refusal: TargetRefusal, site: SiteInspection, cwd: string): string {
  const shown = (at: string) => relative(cwd, at) || at;
  const link = path === lexical ? "" : ` leads to ${relative(site.siteDir, path) || path}, which is`;
  const outside = shown(join(dirname(resolve(site.siteDir, site.inputDir)), basename(lexical)));
  return `-o ${name}${link} ${link === "" ? "is " : ""}${BECAUSE[refusal.why](refusal.place)}; nothing written. Write it outside what a build reads, such as -o ${outside}, or in a folder the site ignores (one listed in .eleventyignore).`;
}

/**
 * The real path of a file that may not exist yet: its deepest existing ancestor's real path, plus
 * the rest. A link along the way (a dangling one too) is followed; a loop is an error.
 */
export function realPath(path: string, links = 0): string {
  const rest: string[] = [];
  let existing = resolve(path);
  for (;;) {
    const stat = lstatSync(existing, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) {
      try {
        return join(realpathSync(existing), ...rest);
      } catch {
        // A dangling link: where it points, judged as the file it would create.
        if (links >= MAX_LINKS) throw new Error(`too many symbolic links at ${existing}`);
        return realPath(join(resolve(dirname(existing), readlinkSync(existing)), ...rest), links + 1);
      }
    }
    if (stat) return join(realpathSync(existing), ...rest);
    if (dirname(existing) === existing) return join(existing, ...rest);
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
}

/**
 * Writes `text` at `path` (a real path from placeOutput): beside it first, in a new file that is
 * never a link (`wx`), then renamed over the name, which replaces a link there instead of writing
 * through it. A crash leaves the old file or the new one, never half of one.
 */
export async function writePlaced(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await rm(temporary, { force: true });
    await writeFile(temporary, text, { flag: "wx" });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}
