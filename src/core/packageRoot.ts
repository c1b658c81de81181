// The plugin package's own folder (the one holding its package.json, `layouts/`, `src/` and
// `dist/`), found from this module's place whatever it was compiled or bundled into: the theme and
// the package's version are read from there, never from a path counted in `../`.
import { existsSync, readFileSync } from "node:fs";

const NAME = "eleventy-plugin-weekly";

function findRoot(from: URL): URL {
  for (let dir = new URL(".", from); ; dir = new URL("..", dir)) {
    const manifest = new URL("package.json", dir);
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === NAME) return dir;
    if (new URL("..", dir).href === dir.href) throw new Error(`${NAME}: no package.json named ${NAME} above ${from.href}`);
  }
}

/** `file:///…/eleventy-plugin-weekly/`, ending in a slash. */
export const PACKAGE_ROOT = findRoot(new URL(import.meta.url));
