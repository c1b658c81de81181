// The default theme shipped in the package: the layouts and the stylesheet of its `layouts/`
// folder. A site uses its own file of the same name where it has one (in its includes folder,
// where Eleventy looks for `layout: layouts/post.njk`), and the shipped one everywhere else, so a
// site holding only `posts/` and `weekly_news/` builds the whole site.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedOptions } from "../core/options.js";
import { layoutFile } from "../content/contentData.js";
import { within } from "../core/paths.js";
import { PACKAGE_ROOT } from "../core/packageRoot.js";

/** The package's theme folder, next to `src/` and `dist/`. */
export const THEME_URL = new URL("layouts/", PACKAGE_ROOT);

/** The theme's stylesheet, inlined into every page by the base layout. */
export const STYLESHEET = "style.css";

export interface ThemeFile {
  /** The file's name in the theme folder: `post.njk`. */
  name: string;
  text: string;
}

export interface ThemeLayout {
  /** The layout's name in front matter: `layouts/post.njk`. */
  layout: string;
  /**
   * The name Eleventy asks its virtual templates for: the layout's path from the project with the
   * input folder taken off its start (`_includes/layouts/post.njk` for `_includes/` in the input
   * folder and for `../_includes/` beside it alike).
   */
  virtualPath: string;
  content: string;
}

/**
 * The virtual template's name of a layout file, as Eleventy 3.1 computes it when it resolves
 * `layout:` (ProjectDirectories#getLayoutPathRelativeToInputDirectory: the path with a leading
 * input folder stripped, by TemplatePath.stripLeadingSubPath, a plain prefix test).
 */
export function virtualLayoutPath(inputRoot: string, layoutPath: string): string {
  const path = posix.normalize(layoutPath);
  const input = posix.normalize(inputRoot).replace(/(.)\/+$/, "$1");
  return input !== "." && path.startsWith(input) ? path.slice(input.length + 1) : path;
}

/** Whether a theme file is a layout (the stylesheet and anything else are not). */
export const isLayoutName = (name: string): boolean => name.endsWith(".njk");

/**
 * The shipped layouts the site does not have, as virtual templates at the place Eleventy looks
 * for them: in the layouts root (the includes folder, or `dir.layouts`), inside the input folder
 * or outside it. The shipped layouts name each other as `layouts/…`; a site whose layouts folder
 * has another name gets them under that name.
 */
export function missingLayouts(shipped: ThemeFile[], inputRoot: string, layoutsRoot: string, layoutsDir: string, siteHas: (layout: string) => boolean): ThemeLayout[] {
  return shipped
    .filter((file) => isLayoutName(file.name))
    .map((file) => ({ file, layout: `${layoutsDir}/${file.name}` }))
    .filter(({ layout }) => !siteHas(layout))
    .map(({ file, layout }) => ({
      layout,
      virtualPath: virtualLayoutPath(inputRoot, posix.join(layoutsRoot, layout)),
      content: layoutsDir === "layouts" ? file.text : file.text.replace(/^(layout:\s*)layouts\//m, `$1${layoutsDir}/`),
    }));
}

/** What Nunjucks asks a loader for a template it is to include or import. */
export interface TemplateSource {
  src: string;
  path: string;
  noCache: boolean;
}

/**
 * A Nunjucks loader of the shipped theme's files, asked after the site's own folders: a layout's
 * `{% import "layouts/macros.njk" %}` finds the shipped file when the site has none. It serves
 * the theme's files and nothing else.
 */
export function themeLoader(shipped: readonly ThemeFile[], folder: string, layoutsDir: string) {
  return {
    // Nunjucks keeps the templates it compiled here; Eleventy reads pathsToNames when a file changes.
    cache: {} as Record<string, unknown>,
    pathsToNames: {} as Record<string, string>,
    getSource(name: string): TemplateSource | null {
      const file = shipped.find((candidate) => `${layoutsDir}/${candidate.name}` === name);
      return file ? { src: file.text, path: `${folder.replace(/\/$/, "")}/${file.name}`, noCache: false } : null;
    },
  };
}

/** The theme's files, read from the package. */
export function readShippedTheme(): { folder: string; files: ThemeFile[] } {
  const folder = fileURLToPath(THEME_URL);
  return { folder, files: readdirSync(folder).sort().map((name) => ({ name, text: readFileSync(posix.join(folder, name), "utf8") })) };
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/** A folder as a path from the project without a trailing slash: `./_includes/` → `_includes`. */
export const folderPath = (dir: string): string => posix.normalize(dir).replace(/(.)\/+$/, "$1");

export interface SiteTheme {
  /** The shipped layouts the site lacks, as virtual templates. */
  layouts: ThemeLayout[];
  /** Their paths from the project, where Eleventy reads them as layouts (`_includes/layouts/post.njk`). */
  paths: ReadonlySet<string>;
  /**
   * Where Eleventy would also list them as pages (the input folder joined to their virtual name):
   * `content/_includes/layouts/post.njk` for includes outside the input folder `content/`. The
   * plugin drops these before they are read as pages.
   */
  pagePaths: ReadonlySet<string>;
  /** A template inside the layouts root, the site's or the theme's, named with or without its extension (`layouts/post`): never a data file or a file outside. */
  layoutExists(layout: string): boolean;
}

/**
 * Where Eleventy looks for `layout: layouts/post.njk`: `dir.layouts` when the site sets it, else
 * the includes folder (both relative to the input folder, as Eleventy reads them), as a path from
 * the project.
 */
export function layoutsRootOf(folders: { input: string; includes: string; layouts?: string | undefined }): string {
  return folderPath(posix.join(folders.input, folders.layouts ?? folders.includes));
}

/**
 * The theme as a site gets it: Eleventy looks for `layout: layouts/post.njk` in the layouts root
 * (`layoutsRootOf`), and every layout missing there comes from the theme. The plugin adds these
 * layouts to Eleventy; `weekly check` asks the same question of the same files.
 */
export function siteTheme(inputDir: string, layoutsRootDir: string, opts: Pick<ResolvedOptions, "layoutsDir" | "postsDir" | "digestsDir">, shipped: ThemeFile[]): SiteTheme {
  const inputRoot = folderPath(inputDir);
  const layoutsRoot = folderPath(layoutsRootDir);
  const siteHas = (layout: string) => layoutFile(layout, layoutsRoot, isFile) !== undefined;
  const layouts = missingLayouts(shipped, inputRoot, layoutsRoot, opts.layoutsDir, siteHas);
  const paths = new Set(layouts.map((layout) => posix.normalize(posix.join(layoutsRoot, layout.layout))));
  const pagePaths = new Set(layouts.map((layout) => posix.normalize(posix.join(inputRoot, layout.virtualPath))));
  // A report or digest is a page, never a layout: as its own layout (`layouts/../posts/a.md`) it
  // would stop Eleventy on a circle of layouts, and as another's it would wrap that page's text.
  const content = [opts.postsDir, opts.digestsDir].map((dir) => folderPath(posix.join(inputRoot, dir)));
  const inContent = (file: string) => content.some((folder) => within(folder, folderPath(file)) !== undefined);
  return {
    layouts,
    paths,
    pagePaths,
    layoutExists: (layout) => {
      const file = layoutFile(layout, layoutsRoot, (path) => paths.has(path) || isFile(path));
      return file !== undefined && !inContent(file);
    },
  };
}
