// Each command, and the plugin, loads only what it uses: the email inliner, the image encoder, the
// card renderer and the feed parser are loaded the first time they are needed, not when a module
// naming them is. A child process records every package it loads (ES modules through a resolve
// hook, CommonJS through the require cache) while it runs the compiled command or an Eleventy build.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { addReports, copySite, ROOT, tempOutput } from "./helpers.js";
import { POOL_FROM } from "../src/cards/drawPool.js";

/** Loaded on first use only (src/core/onFirstUse.ts and `await import()` where they are used). */
const ON_USE = ["juice", "@11ty/eleventy-img", "satori", "@resvg/resvg-js", "subset-font", "tinypool", "feedsmith"];
const NOW = "2026-02-13T00:00";

const PACKAGE_RE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** The packages a child process loaded while it ran `body` (a module's text, top-level await allowed) in `cwd`. */
function loadedBy(cwd: string, body: string): { packages: Set<string>; status: number | null; stderr: string } {
  const dir = tempOutput("loading");
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";\nexport async function resolve(specifier, context, next) {\n  const resolved = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");\n  return resolved;\n}\n`,
  );
  writeFileSync(
    join(dir, "run.mjs"),
    [
      'import { register, createRequire } from "node:module";',
      'import { appendFileSync } from "node:fs";',
      `register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});`,
      body,
      `appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join("\\n") + "\\n");`,
    ].join("\n"),
  );
  const run = spawnSync(process.execPath, [join(dir, "run.mjs")], { cwd, encoding: "utf8", env: { ...process.env, WEEKLY_NOW: NOW, WEEKLY_PREVIEW: undefined } });
  const packages = new Set(readFileSync(log, "utf8").split("\n").flatMap((line) => PACKAGE_RE.exec(line)?.[1] ?? []));
  return { packages, status: run.status, stderr: run.stderr };
}

const MAIN = pathToFileURL(join(ROOT, "dist", "cli", "main.js")).href;
const command = (args: string[]) => `const { main } = await import(${JSON.stringify(MAIN)});\nprocess.exitCode = await main(${JSON.stringify(args)}, { write: () => true }, { write: () => true });`;
const onUse = (packages: Set<string>) => ON_USE.filter((name) => packages.has(name));

describe("the weekly command loads only what the command uses", () => {
  const site = copySite("scheduled");
  for (const args of [["--help"], ["check"], ["new", "2026-W20"], ["export", "2026-W06", "--format", "text"], ["digest", "--help"]]) {
    test(`weekly ${args.join(" ")}`, () => {
      const run = loadedBy(site, command(args));
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.packages.has("luxon"), "the record names the packages the command loaded");
      assert.deepEqual(onUse(run.packages), []);
    });
  }

  test("weekly export --format email loads the email inliner, which the other editions never load", () => {
    const run = loadedBy(site, command(["export", "2026-W06", "--format", "email"]));
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(onUse(run.packages), ["juice"]);
  });
});

describe("the plugin loads only what the build uses", () => {
  test("importing it loads none of them", () => {
    const run = loadedBy(ROOT, `await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist", "index.js")).href)});`);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(onUse(run.packages), []);
  });

  /** A production build of `site` into `output`, recorded. */
  const build = (site: string, output: string) =>
    loadedBy(site, `const { default: Eleventy } = await import(${JSON.stringify(import.meta.resolve("@11ty/eleventy"))});\nconst eleventy = new Eleventy(".", ${JSON.stringify(output)}, { quietMode: true });\nawait eleventy.write();`);

  test("a first production build of a site without pictures draws its few cards on the card thread, and loads neither the inliner nor the image encoder", () => {
    const site = copySite("scheduled");
    const output = tempOutput("loading-build");
    const run = build(site, output);
    assert.equal(run.status, 0, run.stderr);
    // satori, resvg and subset-font load on the card thread (whether this record sees a worker's loads depends on Node's version).
    assert.deepEqual(
      onUse(run.packages).filter((name) => !["satori", "@resvg/resvg-js", "subset-font"].includes(name)),
      ["tinypool"],
    );
    const again = build(site, output);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(again.packages.has("luxon"), "the record names the packages the build loaded");
    assert.deepEqual(onUse(again.packages), [], "every card kept: no renderer, no font cut, no card thread");
  });

  test(`a build with ${POOL_FROM} cards or more to draw loads the thread pool`, { skip: availableParallelism() < 2 && "one core: every card is drawn on the main thread" }, () => {
    const site = copySite("scheduled");
    addReports(site, POOL_FROM);
    const run = build(site, tempOutput("loading-pool"));
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.packages.has("tinypool"), [...run.packages].join(" "));
  });
});

describe("the compiled entry points are each one module", () => {
  // `npm run compile` bundles them and the card worker (esbuild): a build or a command loads one file of the plugin's own
  // code instead of about 130, each import a round trip through Eleventy's import hooks.
  for (const entry of ["index.js", "cli/main.js", "cards/drawWorker.js", "cards/cardThreadWorker.js"]) {
    test(`dist/${entry} imports packages only`, () => {
      const code = readFileSync(join(ROOT, "dist", entry), "utf8");
      const relative = [...code.matchAll(/\b(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(relative, []);
      assert.match(code, /(?:from\s*|import\()\s*"[^.\/][^"]*"/, "the packages stay outside the bundle");
    });
  }
});
