// Content is data: what a report's or digest's own front matter (and the data files of the content
// folders) may say to Eleventy. Text written by the author, or gathered from other sites into a
// digest, must never choose a template engine, render a value as a template, pick a file outside
// the layouts folder as its layout, or be written anywhere but its own place in the output.
import type { Said } from "../core/show.js";
import { posix } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { CARD_FOLDER, EDITIONS_FOLDER, FEED_STYLESHEET_URL, pageAddresses } from "../core/addresses.js";
import { problem, type ProblemCode, type Severity } from "../core/problemCodes.js";

/** Eleventy's keys that would turn data into instructions, and what each would do. */
export const REFUSED_KEYS: ReadonlyMap<string, Said> = new Map([
  ["templateEngineOverride", { en: "it would run the file's text as template code", zh: "它会把文件的文字当作模板代码运行" }],
  ["eleventyComputed", { en: "its values would be run as template code", zh: "它的值会被当作模板代码运行" }],
  ["pagination", { en: "it would make pages out of other data, at addresses run as template code", zh: "它会用别的数据生成页面，地址还会被当作模板代码运行" }],
  ["eleventyImport", { en: "it makes a page depend on collections, which only the site's own templates list", zh: "它让页面依赖集合，而集合只应由站点自己的模板列出" }],
  ["dynamicPermalink", { en: "it changes how the page's address is made", zh: "它会改变页面地址的生成方式" }],
  ["permalinkBypassOutputDir", { en: "it would write the page outside the output folder", zh: "它会把页面写到输出文件夹之外" }],
  [
    "eleventyExcludeFromCollections",
    { en: "it would hide a published page from the home page, feeds and tags (use draft: true to hold it back)", zh: "它会把已发布的页面从首页、订阅源和标签里藏起来（要暂缓发布请用 `draft: true`）" },
  ],
  ["eleventyDataSchema", { en: "it replaces the site's data checks", zh: "它会替换站点对数据的检查" }],
  ["weekly", { en: "it would replace the site's own settings (title, address, feeds) on this page", zh: "它会在这个页面上替换站点自己的设置（标题、地址、订阅源）" }],
]);

/**
 * Names Eleventy keeps for itself in every page's data: front matter that sets one stops Eleventy
 * with its own error before the plugin could name the file, so the front-matter engine drops them
 * from any page and reports them.
 */
export const RESERVED_KEYS: ReadonlyMap<string, Said> = new Map([
  ["content", { en: "the rendered page", zh: "渲染好的页面" }],
  ["collections", { en: "the site's collections", zh: "站点的集合" }],
  ["page", { en: "the page's own address and dates", zh: "页面自己的地址和日期" }],
  ["eleventy", { en: "its own data", zh: "它自己的数据" }],
  ["pkg", { en: "the site's package.json", zh: "站点的 package.json" }],
]);

/** Template extensions Eleventy may use for a layout. */
export const LAYOUT_EXTENSIONS = [".njk", ".liquid", ".html", ".md", ".11ty.js", ".11ty.cjs", ".11ty.mjs", ".webc"];

/** Characters a plain address never needs; `{`, `}` and `%` would start template code in some engine. */
const PERMALINK_RE = /^\/?(?:[^\s/\\{}%<>"'`|^?#\u0000-\u001F\u007F]+\/)*(?:[^\s/\\{}%<>"'`|^?#\u0000-\u001F\u007F]+\.html)?$/u;

export interface DataIssue {
  field: string;
  severity: Severity;
  code: ProblemCode;
  message: string;
  /** The message in Chinese. */
  zh: string;
}

/** The output files and folders the plugin writes itself: a page's `permalink` may not take them. */
export interface ReservedOutputs {
  files: ReadonlySet<string>;
  /** Folders (with a trailing `/`) whose whole content is the plugin's. */
  folders: readonly string[];
}

/** The folder of the output the plugin keeps its own records in (what earlier builds wrote, the lock). */
export const BOOKKEEPING_FOLDER = ".weekly";

export function reservedOutputs(opts: ResolvedOptions, searchFolder: string): ReservedOutputs {
  const files = new Set<string>();
  for (const url of Object.values(pageAddresses(opts))) files.add(outputFileOf(url));
  for (const url of [opts.feeds.atom, opts.feeds.json]) if (url !== false) files.add(outputFileOf(url));
  if (opts.feeds.atom !== false) files.add(outputFileOf(FEED_STYLESHEET_URL));
  if (opts.sitemap) for (const url of ["/sitemap.xml", "/robots.txt"]) files.add(outputFileOf(url));
  const cards = opts.cards ? [`${CARD_FOLDER}/`] : [];
  return { files, folders: [`${opts.tagsPath}/`, `${searchFolder}/`, `${BOOKKEEPING_FOLDER}/`, ...cards] };
}

/** `/a/b/` → `a/b/index.html`, `/a.html` → `a.html`: where Eleventy writes a page with that address. */
export function outputFileOf(url: string): string {
  const path = url.replace(/^\/+/, "");
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

/**
 * The problems of a content file's own keys (front matter, or a data file of a content folder):
 * each refused key, a `permalink` that is not a plain address of its own, a `layout` outside the
 * layouts folder. `inDataFile`: the keys apply to every file of a folder, where no one address fits.
 */
export function checkOwnData(
  data: Readonly<Record<string, unknown>>,
  ownKeys: readonly string[],
  rules: { reserved: ReservedOutputs; layoutsDir: string; inDataFile?: boolean },
): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const key of ownKeys) {
    const why = REFUSED_KEYS.get(key);
    if (why) issues.push(problem("refused-key", { field: key }, { key, why }));
  }
  if (ownKeys.includes("permalink")) {
    const why = rules.inDataFile
      ? { en: "a data file of a content folder cannot give its pages one address; write permalink in a file's own front matter", zh: "内容文件夹里的数据文件不能给它的页面同一个地址；请把 `permalink` 写在文件自己的前置数据里" }
      : permalinkProblem(data.permalink, rules.reserved);
    if (why) issues.push(problem("unsafe-permalink", { field: "permalink" }, { value: data.permalink, why }));
  }
  if (ownKeys.includes("layout") && data.layout !== undefined && data.layout !== null) {
    const why = layoutOutside(data.layout, rules.layoutsDir);
    if (why) issues.push(problem("unknown-layout", { field: "layout" }, { value: data.layout, why }));
  }
  return issues;
}

/** Why a report's `permalink` is refused, or undefined for a plain address the plugin does not use. */
export function permalinkProblem(value: unknown, reserved: ReservedOutputs): Said | undefined {
  const expected = { en: "expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html", zh: "应为普通的地址，如 `/posts/2026-w06/` 或 `/posts/2026-w06.html`" };
  if (value === false) return { en: "a report or digest is always written; use draft: true to hold one back", zh: "报告和摘要总会写出；要暂缓发布请用 `draft: true`" };
  if (typeof value !== "string" || value.trim() === "") return expected;
  if (!PERMALINK_RE.test(value) || value.split("/").some((segment) => segment === "." || segment === "..")) {
    return {
      en: `${expected.en}, without template code ({{ }}, {% %}), "..", "\\", spaces, "%", "?" or "#"`,
      zh: `${expected.zh}，不含模板代码（\`{{ }}\`、\`{% %}\`）、".."、"\\"、空格、"%"、"?" 或 "#"`,
    };
  }
  // Compared without case (macOS and Windows folders ignore it), and as a folder too:
  // /feed.xml/ would need feed.xml to be a folder.
  const file = outputFileOf(value).toLowerCase();
  const taken = [...reserved.files].find((reservedFile) => file === reservedFile.toLowerCase() || file.startsWith(`${reservedFile.toLowerCase()}/`));
  if (taken) return { en: `the site already writes ${taken} there; choose another address`, zh: `站点已经在那里写出 ${taken}；请换一个地址` };
  const folder = reserved.folders.find((prefix) => file.startsWith(prefix.toLowerCase()));
  if (folder) return { en: `the plugin writes everything under /${folder}; choose an address outside it`, zh: `插件会写出 /${folder} 下的一切；请选它之外的地址` };
  // A preview writes each recent report's editions below its address; which reports those are is
  // known only once the site is analysed, so the place is refused under any address.
  const parts = file.split("/");
  if (parts.length >= 3 && parts.at(-3) === EDITIONS_FOLDER && parts.at(-1) === "index.html") {
    return {
      en: `a preview shows a report's editions under its address's /${EDITIONS_FOLDER}/ folder; choose an address outside one`,
      zh: `预览会把报告的各个版本放在它地址下的 /${EDITIONS_FOLDER}/ 文件夹里；请选这种文件夹之外的地址`,
    };
  }
  return undefined;
}

/** Why a layout name does not name a template in the layouts folder (`layouts/post.njk`), or undefined. */
export function layoutOutside(layout: unknown, layoutsDir: string): Said | undefined {
  const expected = { en: `expected a template of the ${layoutsDir} folder, such as ${layoutsDir}/post.njk`, zh: `应为 ${layoutsDir} 文件夹里的一个模板，如 \`${layoutsDir}/post.njk\`` };
  if (typeof layout !== "string" || layout.trim() === "" || layout.includes("\\") || layout.includes("\0")) return expected;
  const normalized = posix.normalize(layout);
  if (posix.isAbsolute(layout) || !normalized.startsWith(`${layoutsDir}/`) || normalized.split("/").includes("..")) return expected;
  return undefined;
}

/**
 * The file a layout name leads to, among the candidates Eleventy tries (the name itself, or with a
 * template extension), as long as it stays inside the layouts root (the includes folder) and is a
 * template; undefined when none exists there.
 */
export function layoutFile(layout: string, layoutsRoot: string, isFile: (path: string) => boolean): string | undefined {
  if (layout === "" || layout.includes("\0") || posix.isAbsolute(layout)) return undefined;
  const path = posix.normalize(posix.join(layoutsRoot, layout));
  const root = posix.normalize(layoutsRoot === "" ? "." : layoutsRoot).replace(/(.)\/+$/, "$1");
  if (root !== "." && !path.startsWith(`${root}/`)) return undefined;
  if (root === "." && (path === ".." || path.startsWith("../"))) return undefined;
  const candidates = LAYOUT_EXTENSIONS.some((ext) => path.endsWith(ext)) ? [path] : LAYOUT_EXTENSIONS.map((ext) => path + ext);
  return candidates.find(isFile);
}
