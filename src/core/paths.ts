// Whether one path lies inside another, for the places that must never reach outside a folder.
import { isAbsolute, relative, sep } from "node:path";

/**
 * `inner` relative to `outer`, with forward slashes, when it lies inside it ("" when it is `outer`
 * itself), else undefined. A name that merely starts with two dots (`..x`) is inside.
 */
export function within(outer: string, inner: string): string | undefined {
  const path = relative(outer, inner);
  return path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path) ? undefined : path.split(sep).join("/");
}
