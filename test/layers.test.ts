// The shape of the code: src/ is in layers, and imports go one way only. Every relative import of
// every module is read (type-only imports included, since a circle closed through types is still
// a circle of knowledge), then checked against the layers and searched for circles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { listFiles, ROOT } from "./helpers.js";

const SRC = join(ROOT, "src");

/**
 * Each layer and the layers it may import. `core` knows nothing of the others; `content` reads a
 * site's files with the core's help; `pipeline` runs the stages of one build; `present` makes what
 * readers see; `digest` collects a week's news from its sources' feeds; `editions` makes a report's
 * email, WeChat and text editions; `cards` draws the social cards; `notify` announces a live report on team chats, a webhook and WebSub; `eleventy` adapts it all to Eleventy; `cli` is the `weekly`
 * command.
 */
const LAYERS: Record<string, readonly string[]> = {
  core: ["core"],
  content: ["core", "content"],
  pipeline: ["core", "content", "pipeline"],
  present: ["core", "content", "present"],
  digest: ["core", "content", "digest"],
  editions: ["core", "content", "present", "editions"],
  cards: ["core", "content", "present", "cards"],
  eleventy: ["core", "content", "pipeline", "present", "editions", "cards", "eleventy"],
  notify: ["core", "content", "notify"],
  cli: ["core", "content", "pipeline", "present", "digest", "editions", "cards", "notify", "cli"],
  // The package's entry and the declarations of Eleventy's API.
  ".": ["eleventy", "."],
};

const modules = listFiles(SRC).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith(".d.ts"));
const layerOf = (file: string) => (file.includes("/") ? file.split("/")[0]! : ".");

/** The modules of src/ a module imports: static imports and re-exports (type-only too), and `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const found = new Set<string>();
  for (const [, fromClause, dynamic] of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.\.?\/[^"']+)["']|\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)) {
    // `.js` specifiers name the `.ts` sources.
    found.add(posix.normalize(posix.join(posix.dirname(file), (fromClause ?? dynamic)!)).replace(/\.js$/, ".ts"));
  }
  return [...found].filter((target) => modules.includes(target));
}

const graph = new Map(modules.map((file) => [file, importsOf(file)]));

test("every module of src/ is in a known layer", () => {
  assert.ok(modules.length > 30);
  for (const file of modules) assert.ok(layerOf(file) in LAYERS, `${file} is in no layer (${Object.keys(LAYERS).join(", ")})`);
});

test("imports go one way: no module imports a layer above its own", () => {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) if (!LAYERS[layerOf(file)]!.includes(layerOf(target))) wrong.push(`${file} → ${target}`);
  }
  assert.deepEqual(wrong, []);
});

test("no import circle, type-only imports included", () => {
  const circles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      circles.push([...path.slice(path.indexOf(file)), file].join(" → "));
      return;
    }
    state.set(file, "open");
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of modules) visit(file, []);
  assert.deepEqual(circles, []);
});

test("the scan sees imports: the plugin imports the pipeline, the pipeline the content, the content the core", () => {
  assert.ok(graph.get("eleventy/plugin.ts")!.some((t) => t.startsWith("pipeline/")));
  assert.ok([...graph].some(([file, targets]) => file.startsWith("pipeline/") && targets.some((t) => t.startsWith("content/"))));
  assert.ok([...graph].some(([file, targets]) => file.startsWith("content/") && targets.some((t) => t.startsWith("core/"))));
});

test("no file in src/ is over 300 lines", () => {
  const long = modules.map((file) => [file, readFileSync(join(SRC, file), "utf8").split("\n").length] as const).filter(([, lines]) => lines > 300);
  assert.deepEqual(long, []);
});

test("no two files in src/ share a name: a search, a review or an editor's tab names one module", () => {
  const byName = new Map<string, string[]>();
  for (const file of listFiles(SRC).filter((f) => /\.(ts|js)$/.test(f))) {
    const name = posix.basename(file).replace(/\.(d\.)?(ts|js)$/, "");
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  assert.deepEqual([...byName.values()].filter((files) => files.length > 1), []);
});
