// Where `weekly export -o` may write: the policy on real paths (a table), the real path of a name
// through links (made by the test), and the write that never follows a link planted at the name.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPlaces, targetRefusal } from "../src/content/writeTargets.js";
import { realPath, writePlaced } from "../src/cli/writeTarget.js";
import type { SiteFolders } from "../src/content/siteFiles.js";

const ROOT = "/site";
const folders = (over: Partial<SiteFolders> = {}): SiteFolders => ({
  root: ROOT, input: ".", includes: "_includes", data: "_data", output: "_site", ignores: ["drafts-kept/**"],
  templateFormats: ["md", "njk", "html", "liquid", "11ty.js"], dataExtensions: ["json"], useGitIgnore: false, ...over,
});
const same = (path: string) => path;

describe("targetRefusal: what a build reads or serves, from the site's folders", () => {
  const cases: Array<[string, Partial<SiteFolders>, string | undefined]> = [
    ["/site/.drafts/w50.md", {}, "input ."],
    ["/site/.github/newsletter-w50.html", {}, "input ."],
    ["/site/w50.txt", {}, "input ."],
    ["/site/posts/posts.11tydata.js", {}, "input ."],
    ["/site/posts/2026-W50-ai-weekly.json", {}, "input ."],
    ["/site/_site/w50.html", {}, "output _site"],
    ["/site/public/w50.html", { output: "public" }, "output public"],
    ["/site/_data/w50.json", {}, "data _data"],
    ["/site/_includes/w50.njk", {}, "includes _includes"],
    ["/site/_layouts/layouts/post.njk", { input: "content", includes: "../_includes", layouts: "../_layouts" }, "layouts _layouts"],
    ["/site/.cache/weekly/cards/x.png", {}, "cache .cache/weekly"],
    ["/site/eleventy.config.js", { input: "src" }, "site-file eleventy.config.js"],
    ["/site/.eleventyignore", { input: "src" }, "site-file .eleventyignore"],
    ["/site/node_modules/eleventy-plugin-weekly/dist/index.js", {}, "modules node_modules"],
    ["/site/src/w50.md", { input: "src" }, "input src"],
    ["/site/src/_data/w50.json", { input: "src" }, "data src/_data"],
    // No build reads these.
    ["/site/drafts-kept/w50.md", {}, undefined],
    ["/site/.cache/exports/w50.html", { ignores: [".cache/exports/**"] }, undefined],
    ["/site/exports/w50.html", { input: "src" }, undefined],
    ["/elsewhere/w50.html", {}, undefined],
    ["/site-other/w50.html", {}, undefined],
    ["/site/.git/w50.html", {}, undefined],
  ];
  for (const [target, over, expected] of cases) {
    test(`targetRefusal(${target}, ${JSON.stringify(over)}) → ${expected ?? "written"}`, () => {
      const refusal = targetRefusal(target, buildPlaces(folders(over), ".cache/weekly", same));
      assert.equal(refusal === undefined ? undefined : `${refusal.why} ${refusal.place}`, expected);
    });
  }
  test("a folder listed in .gitignore or .eleventyignore is written to; one in neither is not", () => {
    const site = mkdtempSync(join(tmpdir(), "weekly-targets-"));
    writeFileSync(join(site, ".gitignore"), "out/\n");
    writeFileSync(join(site, ".eleventyignore"), "letters\n");
    const places = buildPlaces(folders({ root: site, useGitIgnore: true }), ".cache/weekly", same);
    assert.equal(targetRefusal(join(site, "out/w50.html"), places), undefined);
    assert.equal(targetRefusal(join(site, "letters/2026/w50.html"), places), undefined);
    assert.deepEqual(targetRefusal(join(site, "notes/w50.html"), places), { why: "input", place: "." });
    const noGit = buildPlaces(folders({ root: site, useGitIgnore: false }), ".cache/weekly", same);
    assert.deepEqual(targetRefusal(join(site, "out/w50.html"), noGit), { why: "input", place: "." });
  });
});

describe("realPath: where a name's bytes land, every link followed", () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "weekly-real-")));
  mkdirSync(join(dir, "posts"));
  symlinkSync("posts", join(dir, "into-posts"));
  symlinkSync("posts/new.md", join(dir, "dangling.md"));
  symlinkSync("loop-b", join(dir, "loop-a"));
  symlinkSync("loop-a", join(dir, "loop-b"));
  const cases: Array<[string, string]> = [
    ["into-posts/w50.md", "posts/w50.md"],
    ["into-posts/new/deeper/w50.md", "posts/new/deeper/w50.md"],
    ["dangling.md", "posts/new.md"],
    ["missing/w50.md", "missing/w50.md"],
  ];
  for (const [name, expected] of cases) {
    test(`realPath(${name}) → ${expected}`, () => assert.equal(realPath(join(dir, name)), join(dir, expected)));
  }
  test("a loop of links is an error, not a hang", () => assert.throws(() => realPath(join(dir, "loop-a", "w50.md"))));
});

describe("writePlaced", () => {
  test("a link planted at the name, or at the temporary's name, is replaced, and what it points to is left alone", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "weekly-placed-")));
    writeFileSync(join(dir, "victim.md"), "kept");
    symlinkSync(join(dir, "victim.md"), join(dir, "w50.html"));
    symlinkSync(join(dir, "victim.md"), join(dir, `w50.html.${process.pid}.partial`));
    await writePlaced(join(dir, "w50.html"), "edition");
    assert.equal(readFileSync(join(dir, "victim.md"), "utf8"), "kept");
    assert.equal(lstatSync(join(dir, "w50.html")).isSymbolicLink(), false);
    assert.equal(readFileSync(join(dir, "w50.html"), "utf8"), "edition");
  });
});
