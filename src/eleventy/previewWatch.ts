// The preview's watcher: a file deleted under `--serve` or `--watch` rebuilds the site, as a saved
// one does. Eleventy 3.1's watcher only logs `File deleted` and forgets the file, so a deleted
// report stayed in the preview (and its files in the output) until the next save. And the plugin's
// cache is never watched.
import type { Said } from "../core/show.js";
import { isAbsolute, relative, resolve } from "node:path";

/** The part of Eleventy's class the preview teaches: `watch()` resolves to the function a change runs. */
interface EleventyPrototype {
  watch?: (this: EleventyInstance, ...args: unknown[]) => Promise<unknown>;
  [REBUILDS_ON_DELETE]?: true;
}
/** Eleventy's watcher (chokidar): Eleventy listens to its `change` events, and sets it once, after the first build. */
interface Watcher {
  on(event: "unlink", listener: (path: string) => void): unknown;
  listeners?(event: "change"): Array<(path: string) => unknown>;
}
interface EleventyInstance {
  watcher?: Watcher | undefined;
  [TAUGHT]?: true;
}
const REBUILDS_ON_DELETE = Symbol.for("eleventy-plugin-weekly.rebuildsOnDelete");
/** Marks an Eleventy whose `watch()` ran taught: its watcher needs nothing more. */
const TAUGHT = Symbol.for("eleventy-plugin-weekly.watchTaught");

/**
 * Teaches Eleventy's `watch()` to run a deleted file as a change: Eleventy's own `unlink` listener
 * has already dropped it from the files it finds, so the rebuild no longer renders it, and the
 * build's clean-up removes its pages (pipeline/output.ts). Returns false for an Eleventy of a shape it
 * does not know.
 */
export function rebuildOnDelete(eleventy: { prototype: EleventyPrototype }): boolean {
  const prototype = eleventy.prototype;
  const original = prototype.watch;
  if (typeof original !== "function") return false;
  if (prototype[REBUILDS_ON_DELETE]) return true;
  prototype.watch = async function (this: EleventyInstance, ...args: unknown[]) {
    this[TAUGHT] = true;
    const run = await original.apply(this, args);
    if (typeof run === "function") this.watcher?.on("unlink", (path) => void (run as (path: string) => Promise<void>)(path));
    return run;
  };
  // The plugin learns Eleventy's class through an import that resolves a moment after the config
  // ran, and Eleventy may have called `watch()` meanwhile, untaught: then the watcher it sets after
  // the first build is taught instead, a deletion run through Eleventy's own `change` listener
  // (which logs it as a change). Without this, a deletion rebuilt the preview only now and then.
  if (!Object.getOwnPropertyDescriptor(prototype, "watcher")) {
    const watchers = new WeakMap<object, Watcher>();
    Object.defineProperty(prototype, "watcher", {
      configurable: true,
      get(this: EleventyInstance) {
        return watchers.get(this);
      },
      set(this: EleventyInstance, watcher: Watcher | undefined) {
        if (watcher === undefined) return void watchers.delete(this);
        watchers.set(this, watcher);
        if (!this[TAUGHT]) watcher.on("unlink", (path) => watcher.listeners?.("change").forEach((change) => void change(path)));
      },
    });
  }
  prototype[REBUILDS_ON_DELETE] = true;
  return true;
}

/**
 * Under `--serve` and `--watch` only: Eleventy's class, as the running Eleventy loaded it, learns to
 * rebuild on a deletion before its watcher starts (the first build comes first). `warn` is told
 * when it cannot.
 */
export function installRebuildOnDelete(env: Readonly<Record<string, string | undefined>>, warn: (message: Said) => void): void {
  if (env.ELEVENTY_RUN_MODE !== "serve" && env.ELEVENTY_RUN_MODE !== "watch") return;
  const cannot = () =>
    warn({
      en: "a file deleted while previewing does not rebuild the preview (@11ty/eleventy changed): save another file to rebuild.",
      zh: "预览时删除文件不会重新构建预览（@11ty/eleventy 有了变化）：保存另一个文件来重新构建。",
    });
  import("@11ty/eleventy").then(
    (module) => {
      const eleventy = (module as unknown as { default?: { prototype: EleventyPrototype } }).default;
      if (!eleventy || !rebuildOnDelete(eleventy)) cannot();
    },
    cannot,
  );
}

/**
 * The plugin's cache (`cacheDir`) is not watched: what a preview writes there (the variants of the
 * pictures it showed, encoded on request; its cards) would otherwise rebuild it, again and again.
 * A cache outside the project is not watched anyway.
 */
export function ignoreCache(eleventyConfig: { watchIgnores?: { add(glob: string): void } }, cacheDir: string | false, project = process.cwd()): void {
  if (cacheDir === false) return;
  const folder = relative(project, resolve(project, cacheDir)).split("\\").join("/");
  if (folder === "" || folder.startsWith("..") || isAbsolute(folder)) return;
  eleventyConfig.watchIgnores?.add(`${folder}/**`);
}
