// The shipped theme in a site: each layout the site lacks added where Eleventy looks for it, the
// theme's files importable from Nunjucks, the stylesheet the base layout inlines, and a warning for
// layouts Eleventy would not read.
import { inLanguage } from "../core/show.js";
import { messageLanguage, type Language } from "../core/language.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { folderPath, isLayoutName, readShippedTheme, siteTheme, STYLESHEET, themeLoader, type ThemeFile } from "../present/theme.js";
import type { EleventyConfig } from "./eleventyConfig.js";

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

export interface InstalledTheme {
  /** A template inside the layouts root, the site's or the theme's, named with or without its extension (`layouts/post`): never a data file or a file outside. */
  layoutExists(layout: string): boolean;
  /** Whether an input path is one of the shipped layouts added to the site (never a page). */
  isShippedLayout(inputPath: string): boolean;
}

export function installTheme(eleventyConfig: EleventyConfig, opts: ResolvedOptions): InstalledTheme {
  const inputRoot = folderPath(eleventyConfig.directories.input);
  // Eleventy looks for `layout: layouts/post.njk` in `dir.layouts` when the site sets one, else in
  // the includes folder (both known here as paths from the project), inside the input folder or not.
  const layoutsRoot = folderPath(eleventyConfig.directories.layouts ?? eleventyConfig.directories.includes);
  const { folder: themeFolder, files: shipped } = readShippedTheme();
  const theme = siteTheme(inputRoot, layoutsRoot, opts, shipped);
  for (const layout of theme.layouts) eleventyConfig.addTemplate(layout.virtualPath, layout.content, {});
  // Includes and imports of the shipped layouts (`layouts/macros.njk`) fall back to the theme too.
  eleventyConfig.amendLibrary("njk", (env) => {
    env.loaders.push(themeLoader(shipped, themeFolder, opts.layoutsDir));
  });
  const rootName = eleventyConfig.directories.layouts ? { en: "layouts folder (dir.layouts)", zh: "布局文件夹（`dir.layouts`）" } : { en: "includes folder", zh: "includes 文件夹" };
  warnMisplacedLayouts(inputRoot, layoutsRoot, rootName, opts.layoutsDir, shipped, messageLanguage(opts.site.language, process.env.WEEKLY_LANG));

  // The stylesheet the base layout inlines: the site's own `layouts/style.css`, else the shipped
  // one; read once per build, so an edit shows on the next rebuild of `--serve`.
  let css: string | undefined;
  eleventyConfig.on("eleventy.before", () => {
    css = undefined;
  });
  eleventyConfig.addNunjucksGlobal("weeklyStylesheet", () => {
    const own = posix.join(layoutsRoot, opts.layoutsDir, STYLESHEET);
    css ??= isFile(own) ? readFileSync(own, "utf8") : (shipped.find((file) => file.name === STYLESHEET)?.text ?? "");
    return css;
  });

  return {
    layoutExists: theme.layoutExists,
    isShippedLayout: (inputPath) => theme.pagePaths.has(posix.normalize(inputPath)),
  };
}

/**
 * Layouts in `<input>/layouts/` while Eleventy looks in another layouts root (`_includes/`)
 * are silently unused: the shipped ones would be built instead. Say where to move them.
 */
function warnMisplacedLayouts(inputRoot: string, layoutsRoot: string, rootName: { en: string; zh: string }, layoutsDir: string, shipped: ThemeFile[], language: Language): void {
  if (posix.relative(inputRoot, layoutsRoot) === "") return;
  const misplaced = posix.join(inputRoot, layoutsDir);
  const names = new Set([...shipped.map((file) => file.name), STYLESHEET]);
  const unused = (statSync(misplaced, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(misplaced) : []).filter((name) => isLayoutName(name) || names.has(name));
  if (unused.length === 0) return;
  const target = posix.join(layoutsRoot, layoutsDir);
  const files = unused.map((name) => posix.join(misplaced, name));
  const warning = {
    en:
      `${files.join(", ")}: not used, because Eleventy looks for \`layout: ${layoutsDir}/…\` in ${layoutsRoot}/, this site's ${rootName.en}. ` +
      `Move ${unused.length === 1 ? "it" : "them"} to ${target}/, or set \`dir: { includes: "" }\` in the site's Eleventy configuration as the README shows.`,
    zh:
      `${files.join("、")}：没有用上，因为 Eleventy 在 ${layoutsRoot}/（这个站点的${rootName.zh}）里找 \`layout: ${layoutsDir}/…\`。` +
      `把${unused.length === 1 ? "它" : "它们"}移到 ${target}/，或者按 README 所示，在站点的 Eleventy 配置里设置 \`dir: { includes: "" }\`。`,
  };
  console.warn(`[weekly] ${inLanguage(warning, language)}`);
}
