// Earlier builds' output folders are never input: which folders they are (a table over folders the
// test makes), and a site built with --output=dist, then built again into _site, as the check reads it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { OUTPUT_RECORD, outputFolders } from "../src/content/outputFolders.js";
import { manifestFile } from "../src/pipeline/clean.js";
import { buildPlaces, targetRefusal } from "../src/content/writeTargets.js";
import { copySite, ELEVENTY_BIN, listFiles, outputLines, removeOutput, runEleventy, runWeeklyInProcess } from "./helpers.js";
import { inspectSite } from "../src/cli/inspect.js";
import { readSitePages } from "../src/content/siteFiles.js";
import { createFrontMatterEngine } from "../src/content/frontMatter.js";

/** A folder holding `files` (paths relative to it, each with a line of text). */
function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "weekly-outputs-"));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), "<p>x</p>\n");
  }
  return root;
}

describe("outputFolders: the folders of the input folder that are earlier builds' outputs", () => {
  const cases: Array<[string, string[], string, string[]]> = [
    ["a folder holding the plugin's record", ["dist/.weekly/outputs.json", "dist/posts/a/index.html"], ".", ["dist"]],
    ["a recorded folder of any name, public too", ["public/.weekly/outputs.json"], ".", ["public"]],
    ["a recorded folder two levels down", ["out/site/.weekly/outputs.json"], ".", ["out/site"]],
    ["_site, dist and build holding a built home page", ["_site/index.html", "dist/index.html", "build/index.html"], ".", ["_site", "build", "dist"]],
    ["public holding a home page but no record: a site's static input", ["public/index.html"], ".", []],
    ["dist without a home page: not a built site", ["dist/tool.js", "dist/notes.md"], ".", []],
    ["a conventional name below the top: a site's own folder", ["docs/dist/index.html"], ".", []],
    ["a record three levels down: further than the plugin looks", ["a/b/c/.weekly/outputs.json"], ".", []],
    ["inside node_modules: never", ["node_modules/x/.weekly/outputs.json"], ".", []],
    ["in the input folder src, named from the site's folder", ["src/dist/index.html", "src/posts/a.md"], "src", ["src/dist"]],
    ["outside the input folder src: Eleventy never reads it", ["dist/index.html", "src/posts/a.md"], "src", []],
    ["the input folder written ./src/", ["src/_site/.weekly/outputs.json"], "./src/", ["src/_site"]],
  ];
  for (const [name, files, input, expected] of cases) {
    test(`outputFolders(${JSON.stringify(files)}, input ${input}) → ${JSON.stringify(expected)}: ${name}`, () => {
      const root = tree(files);
      try {
        assert.deepEqual(outputFolders(root, input), expected);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }

  test("the record looked for is the one a build writes", () => {
    assert.equal(manifestFile("/site/dist"), join("/site/dist", OUTPUT_RECORD));
  });

  test("weekly export -o refuses an earlier build's output folder, which is no longer input", () => {
    const root = tree(["dist/.weekly/outputs.json", "dist/index.html"]);
    try {
      const places = buildPlaces({ root, input: ".", includes: "_includes", data: "_data", output: "_site", ignores: [], templateFormats: ["md", "html"], dataExtensions: ["json"], useGitIgnore: false }, ".cache/weekly", (path) => path);
      assert.deepEqual(targetRefusal(join(root, "dist/w50.html"), places), { why: "output", place: "dist" });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("a site built with --output=dist, then with the default output", () => {
  const NOW = { WEEKLY_NOW: "2027-01-05" };
  let site: string;
  let first: SpawnSyncReturns<string>;
  let second: SpawnSyncReturns<string>;
  before(() => {
    site = copySite("new-week");
    // A host's own page in a folder named like an output, but not one: it stays a page.
    mkdirSync(join(site, "public"));
    writeFileSync(join(site, "public", "index.html"), "<!doctype html><title>Host</title><p>The host's own page.</p>\n");
    first = runEleventy(site, "dist", NOW);
    // `npx eleventy`: the default output folder, _site.
    second = spawnSync(ELEVENTY_BIN, [], { cwd: site, env: { ...process.env, WEEKLY_PREVIEW: undefined, ...NOW }, encoding: "utf8" });
  });
  after(() => removeOutput(site));

  test("both builds succeed; the first wrote its record in dist", () => {
    assert.equal(first.status, 0, first.stderr);
    assert.equal(second.status, 0, second.stderr);
    assert.ok(listFiles(join(site, "dist")).includes(OUTPUT_RECORD));
  });

  test("_site holds no page of dist, and the same pages as dist", () => {
    const built = listFiles(join(site, "_site"));
    assert.deepEqual(built.filter((file) => file.startsWith("dist/")), []);
    assert.ok(built.includes("posts/2026-W52-ai-weekly/index.html"), built.join("\n"));
    assert.deepEqual(built, listFiles(join(site, "dist")));
  });

  test("the host's page in public/ is published as before", () => {
    assert.equal(readFileSync(join(site, "_site/public/index.html"), "utf8"), "<!doctype html><title>Host</title><p>The host's own page.</p>\n");
  });

  test("no line of the second build names a file of dist", () => {
    assert.deepEqual(outputLines(second).filter((line) => line.includes("dist/")), []);
  });

  test("weekly check reads the same pages: none of dist, the host's public/index.html", async () => {
    const inspected = await inspectSite(site);
    assert.ok(!("failure" in inspected), "failure" in inspected ? JSON.stringify(inspected.failure) : "");
    // The templates the check reads, as Eleventy finds them.
    const engine = createFrontMatterEngine(() => true, "yaml");
    const pages = readSitePages(inspected.folders, { yaml: engine, json: engine }).map((page) => page.inputPath);
    assert.deepEqual(pages.filter((path) => path.includes("dist/")), []);
    assert.ok(pages.includes("./public/index.html"), pages.join("\n"));
    const check = await runWeeklyInProcess(site, ["check", "--format", "json"], NOW);
    // It read the site (exit 0 or 1: problems of other rules in the copied fixture are theirs).
    assert.ok(check.status === 0 || check.status === 1, check.stderr);
    assert.deepEqual((JSON.parse(check.stdout) as { problems: Array<{ file: string }> }).problems.filter((p) => p.file.startsWith("dist/")), []);
  });
});
