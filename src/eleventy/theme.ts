// The shipped theme in a site: each layout the site lacks added where Eleventy looks for it, the
// theme's files importable from Nunjucks, the stylesheet the base layout inlines, and a warning for
// layouts Eleventy would not read.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedOptions } from "../core/options.js";
import { layoutFile } from "../content/contentData.js";
import { isLayoutName, missingLayouts, STYLESHEET, THEME_URL, themeLoader, type ThemeFile } from "../present/theme.js";
import type { EleventyConfig } from "./eleventyConfig.js";

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/** A folder as a path from the project without a trailing slash: `./_includes/` → `_includes`. */
const folder = (dir: string) => posix.normalize(dir).replace(/(.)\/+$/, "$1");

export interface InstalledTheme {
  /** A template inside the layouts root, the site's or the theme's, named with or without its extension (`layouts/post`): never a data file or a file outside. */
  layoutExists(layout: string): boolean;
  /** Whether an input path is one of the shipped layouts added to the site (never a page). */
  isShippedLayout(inputPath: string): boolean;
}

export function installTheme(eleventyConfig: EleventyConfig, opts: ResolvedOptions): InstalledTheme {
  const inputRoot = folder(eleventyConfig.directories.input);
  // Eleventy looks for `layout: layouts/post.njk` in the includes folder.
  const layoutsRoot = folder(eleventyConfig.directories.includes);
  const themeFolder = fileURLToPath(THEME_URL);
  const shipped: ThemeFile[] = readdirSync(themeFolder).sort().map((name) => ({ name, text: readFileSync(posix.join(themeFolder, name), "utf8") }));
  const siteHasLayout = (layout: string) => layoutFile(layout, layoutsRoot, isFile) !== undefined;
  const theme = missingLayouts(shipped, posix.relative(inputRoot, layoutsRoot), opts.layoutsDir, siteHasLayout);
  const themePaths = new Set(theme.map((layout) => posix.join(inputRoot, layout.virtualPath)));
  for (const layout of theme) eleventyConfig.addTemplate(layout.virtualPath, layout.content, {});
  // Includes and imports of the shipped layouts (`layouts/macros.njk`) fall back to the theme too.
  eleventyConfig.amendLibrary("njk", (env) => {
    env.loaders.push(themeLoader(shipped, themeFolder, opts.layoutsDir));
  });
  warnMisplacedLayouts(inputRoot, layoutsRoot, opts.layoutsDir, shipped);

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
    layoutExists: (layout) => layoutFile(layout, layoutsRoot, (path) => themePaths.has(path) || isFile(path)) !== undefined,
    isShippedLayout: (inputPath) => themePaths.has(posix.normalize(inputPath)),
  };
}

/**
 * Layouts in `<input>/layouts/` while Eleventy looks in another includes folder (`_includes/`)
 * are silently unused: the shipped ones would be built instead. Say where to move them.
 */
function warnMisplacedLayouts(inputRoot: string, layoutsRoot: string, layoutsDir: string, shipped: ThemeFile[]): void {
  if (posix.relative(inputRoot, layoutsRoot) === "") return;
  const misplaced = posix.join(inputRoot, layoutsDir);
  const names = new Set([...shipped.map((file) => file.name), STYLESHEET]);
  const unused = (statSync(misplaced, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(misplaced) : []).filter((name) => isLayoutName(name) || names.has(name));
  if (unused.length === 0) return;
  const target = posix.join(layoutsRoot, layoutsDir);
  console.warn(
    `[weekly] ${unused.map((name) => posix.join(misplaced, name)).join(", ")}: not used, because Eleventy looks for \`layout: ${layoutsDir}/…\` in ${layoutsRoot}/, this site's includes folder. ` +
      `Move ${unused.length === 1 ? "it" : "them"} to ${target}/, or set \`dir: { includes: "" }\` in the site's Eleventy configuration as the README shows.`,
  );
}
