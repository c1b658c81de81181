// Inside this repository, the code to run: the compiled dist/ when it is current (`npm run compile`
// ran after the last change to src/), else the TypeScript source through tsx, so that a change is
// never run stale and an unchanged tree does not pay for compiling it again in every process (tsx
// costs about a second of CPU per `weekly` command or `eleventy` build). Plain JavaScript: it runs
// before anything is compiled. Used by src/cli/weekly.js and the blog's .eleventy.js.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * True when `<root>/dist/<entry>` was written after every file of `<root>/src` was last changed
 * (a checkout or an edit makes a source newer; `npm run compile` rewrites all of dist/).
 */
export function compiledIsCurrent(root, entry = "index.js") {
  const compiled = statSync(join(root, "dist", entry), { throwIfNoEntry: false });
  if (!compiled) return false;
  const newer = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((item) =>
      item.isDirectory() ? newer(join(dir, item.name)) : statSync(join(dir, item.name)).mtimeMs > compiled.mtimeMs,
    );
  return !newer(join(root, "src"));
}
