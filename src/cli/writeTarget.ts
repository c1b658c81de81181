// A file the user names on the command line (`weekly export -o`), resolved to where its bytes
// would land (every symbolic link followed, a dangling one too) before it is judged, refused where
// a build would read or serve it, and written without following a link planted at its name.
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { buildPlaces, targetRefusal, type TargetRefusal, type WhyRefused } from "../content/writeTargets.js";
import type { SiteInspection } from "./inspect.js";
import type { Said } from "../core/show.js";

/** Links followed before a name is taken to loop (Linux's own limit). */
const MAX_LINKS = 40;

/** Why each place is refused, in the words of the refusal. */
const BECAUSE: Record<WhyRefused, (place: string) => { en: string; zh: string }> = {
  output: (place) => ({
    en: `inside the output folder (${place}), which is published as it is, and where a file no build wrote stays through every later build`,
    zh: `在输出文件夹（${place}）里：它原样发布，不是构建写的文件会一直留在那里`,
  }),
  cache: (place) => ({ en: `inside the plugin's cache (${place}), from which builds take social cards, pictures and the search index`, zh: `在插件的缓存（${place}）里：构建从那里取社交卡片、图片和搜索索引` }),
  data: (place) => ({ en: `inside the global data folder (${place}), which every build reads`, zh: `在全局数据文件夹（${place}）里：每次构建都会读取它` }),
  includes: (place) => ({ en: `inside the includes folder (${place}), from which builds read layouts and includes`, zh: `在 includes 文件夹（${place}）里：构建从那里读取布局和片段` }),
  layouts: (place) => ({ en: `inside the layouts folder (${place}), from which builds read layouts`, zh: `在布局文件夹（${place}）里：构建从那里读取布局` }),
  "site-file": (place) => ({ en: `the site's own ${place}, which every build reads`, zh: `站点自己的 ${place}：每次构建都会读取它` }),
  modules: (place) => ({ en: `inside ${place}, from which builds load Eleventy and the plugin`, zh: `在 ${place} 里：构建从那里加载 Eleventy 和插件` }),
  input: (place) => ({ en: `inside the site's input folder (${place}), where the next build would read it as a page or data and publish it`, zh: `在站点的输入文件夹（${place}）里：下次构建会把它当作页面或数据读取并发布` }),
};

/** Where a named file may be written: the real path its bytes would land at, or why not. */
export type Placement = { path: string } | { refused: Said };

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
    return { refused: { en: `cannot write ${name}: ${(error as Error).message}`, zh: `无法写入 ${name}：${(error as Error).message}` } };
  }
  const places = buildPlaces(site.folders, site.options.cacheDir, realPath);
  // Where a link leads first: the refusal then names it.
  for (const [path, refusal] of [[leadsTo, targetRefusal(leadsTo, places)], [landing, targetRefusal(landing, places)]] as const) {
    if (refusal) return { refused: refusalText(name, path, lexical, refusal, site, cwd) };
  }
  return { path: landing };
}

function refusalText(name: string, path: string, lexical: string, refusal: TargetRefusal, site: SiteInspection, cwd: string): Said {
  const shown = (at: string) => relative(cwd, at) || at;
  const to = path === lexical ? undefined : relative(site.siteDir, path) || path;
  const outside = shown(join(dirname(resolve(site.siteDir, site.inputDir)), basename(lexical)));
  const because = BECAUSE[refusal.why](refusal.place);
  return {
    en: `-o ${name}${to === undefined ? " is" : ` leads to ${to}, which is`} ${because.en}; nothing written. Write it outside what a build reads, such as -o ${outside}, or in a folder the site ignores (one listed in .eleventyignore).`,
    zh: `-o ${name} ${to === undefined ? "" : `指向 ${to}，它`}${because.zh}；什么也没有写。请写到构建不读取的地方，比如 -o ${outside}，或站点忽略的文件夹（.eleventyignore 里列出的）。`,
  };
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
