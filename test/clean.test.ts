import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { legacyManifestFile, manifestFile, mergeManifests, nextManifest, readManifest, removeFiles, staleOutputs, unsafeOutputReason, writeManifest, type OutputManifest } from "../src/pipeline/clean.js";
import { listFiles } from "./helpers.js";

const previous: OutputManifest = {
  "posts/a.md": ["posts/a/index.html"],
  "posts/b.md": ["posts/b/index.html"],
  "weekly-plugin/tag.njk": ["tags/ai/index.html", "tags/old/index.html"],
};

describe("staleOutputs / nextManifest", () => {
  const cases: Array<[string, OutputManifest, boolean, string[], string[], OutputManifest]> = [
    [
      "a complete build without b and without one tag",
      { "posts/a.md": ["posts/a/index.html"], "weekly-plugin/tag.njk": ["tags/ai/index.html"] },
      true,
      [],
      ["posts/b/index.html", "tags/old/index.html"],
      { "posts/a.md": ["posts/a/index.html"], "weekly-plugin/tag.njk": ["tags/ai/index.html"] },
    ],
    [
      "an incremental build of a only keeps b and the tags",
      { "posts/a.md": ["posts/a/index.html"] },
      false,
      [],
      [],
      previous,
    ],
    [
      "an incremental build that re-renders the tag pages removes the vanished tag",
      { "weekly-plugin/tag.njk": ["tags/ai/index.html"] },
      false,
      [],
      ["tags/old/index.html"],
      { ...previous, "weekly-plugin/tag.njk": ["tags/ai/index.html"] },
    ],
    [
      "an incremental build after b was unpublished removes b",
      { "posts/a.md": ["posts/a/index.html"] },
      false,
      ["posts/b.md"],
      ["posts/b/index.html"],
      { "posts/a.md": ["posts/a/index.html"], "weekly-plugin/tag.njk": ["tags/ai/index.html", "tags/old/index.html"] },
    ],
    [
      "a file another input now writes is not stale",
      { "posts/c.md": ["posts/b/index.html"], "posts/a.md": ["posts/a/index.html"], "weekly-plugin/tag.njk": ["tags/ai/index.html", "tags/old/index.html"] },
      true,
      [],
      [],
      { "posts/c.md": ["posts/b/index.html"], "posts/a.md": ["posts/a/index.html"], "weekly-plugin/tag.njk": ["tags/ai/index.html", "tags/old/index.html"] },
    ],
  ];
  for (const [name, current, complete, gone, stale, next] of cases) {
    test(`${name} → stale ${stale.join(", ") || "none"}`, () => {
      const outputs = { current, complete, gone: new Set(gone) };
      assert.deepEqual(staleOutputs(previous, outputs), stale);
      assert.deepEqual({ ...nextManifest(previous, outputs, stale) }, next);
    });
  }
  test("a build that removes nothing keeps every file it no longer writes: a preview without a deleted draft's edition still lists it", () => {
    const current = { "weekly-plugin/tag.njk": ["tags/ai/index.html"] };
    assert.deepEqual({ ...nextManifest(previous, { current, complete: false, gone: new Set() }, []) }, previous);
  });
  test("a build lists no file it removed, and adds its own to an input's earlier files", () => {
    const current = { "weekly-plugin/tag.njk": ["tags/new/index.html"] };
    const next = nextManifest(previous, { current, complete: false, gone: new Set() }, ["tags/old/index.html"]);
    assert.deepEqual(next["weekly-plugin/tag.njk"], ["tags/ai/index.html", "tags/new/index.html"]);
  });
  test("a file named constructor or __proto__ has its own entry in every record", () => {
    const named = JSON.parse('{"constructor": ["constructor"], "__proto__": ["__proto__"]}') as OutputManifest;
    const merged = mergeManifests(named, JSON.parse('{"constructor": ["c2"]}') as OutputManifest);
    assert.deepEqual(Object.entries(merged), [["constructor", ["c2", "constructor"]], ["__proto__", ["__proto__"]]]);
    assert.equal(Object.getPrototypeOf({}).polluted, undefined);
    const next = nextManifest(named, { current: JSON.parse('{"constructor": ["constructor"]}') as OutputManifest, complete: false, gone: new Set() }, []);
    assert.deepEqual(Object.entries(next), [["constructor", ["constructor"]], ["__proto__", ["__proto__"]]]);
    assert.deepEqual(staleOutputs(named, { current: JSON.parse('{"constructor": []}') as OutputManifest, complete: false, gone: new Set() }), ["constructor"]);
  });
  test("nothing is stale without an earlier manifest", () => {
    assert.deepEqual(staleOutputs({}, { current: {}, complete: true, gone: new Set() }), []);
  });
});

describe("unsafeOutputReason", () => {
  const SOURCES = ["posts", "weekly_news", "layouts"];
  const cases: Array<[string, string, string, string | undefined]> = [
    ["/site/_site", "/site", "/site", undefined],
    ["/tmp/out", "/site", "/site", undefined],
    ["/site", "/site", "/site", "the output folder /site holds the input folder"],
    ["/", "/site/src", "/site", "the output folder / holds the input folder"],
    ["/work", "/elsewhere", "/work/site", "the output folder /work holds the project"],
    ["/site/posts", "/site", "/site", "the output folder /site/posts is inside the source folder posts"],
    ["/site/layouts/out", "/site", "/site", "the output folder /site/layouts/out is inside the source folder layouts"],
  ];
  for (const [output, input, project, reason] of cases) {
    test(`output ${output}, input ${input}, project ${project} → ${reason ?? "safe"}`, () => {
      assert.equal(unsafeOutputReason(output, input, project, SOURCES), reason);
    });
  }

  test("a link that leads into the sources or to the project is followed", () => {
    const root = mkdtempSync(join(tmpdir(), "weekly-unsafe-"));
    try {
      mkdirSync(join(root, "posts"));
      symlinkSync(join(root, "posts"), join(root, "to-posts"));
      symlinkSync(root, join(root, "to-project"));
      assert.equal(unsafeOutputReason(join(root, "to-posts"), root, root, SOURCES), `the output folder ${join(root, "to-posts")} (${join(root, "posts")}) is inside the source folder posts`);
      assert.equal(unsafeOutputReason(join(root, "to-project", "sub"), root, root, SOURCES), undefined, "a folder below the project is fine");
      assert.equal(unsafeOutputReason(join(root, "to-project"), root, root, SOURCES), `the output folder ${join(root, "to-project")} (${root}) holds the input folder`);
      assert.equal(unsafeOutputReason(join(root, "to-posts", "new", "deeper"), root, root, SOURCES), `the output folder ${join(root, "to-posts", "new", "deeper")} (${join(root, "posts", "new", "deeper")}) is inside the source folder posts`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the manifest and removeFiles", () => {
  test("a record per output folder, inside it, read back as written; a broken one reads as empty", async () => {
    const out = mkdtempSync(join(tmpdir(), "weekly-manifest-"));
    try {
      const a = manifestFile(out);
      assert.equal(a, join(out, ".weekly", "outputs.json"));
      assert.deepEqual({ ...(await readManifest(a)) }, {});
      await writeManifest(a, previous);
      assert.deepEqual({ ...(await readManifest(a)) }, previous);
      assert.deepEqual(readdirSync(join(out, ".weekly")), ["outputs.json"], "no draft left beside it");
      writeFileSync(a, "{ broken");
      assert.deepEqual({ ...(await readManifest(a)) }, {});
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test("records are merged: a file any of them lists may have been written", async () => {
    assert.deepEqual({ ...mergeManifests({ a: ["x", "y"] }, { a: ["z", "x"], b: ["w"] }, {}) }, { a: ["x", "y", "z"], b: ["w"] });
    const project = mkdtempSync(join(tmpdir(), "weekly-legacy-"));
    writeFileSync(join(project, "package.json"), "{}\n");
    try {
      const legacy = legacyManifestFile(project, "/srv/a");
      assert.notEqual(legacy, legacyManifestFile(project, "/srv/b"));
      mkdirSync(join(project, "docs"));
      assert.equal(legacyManifestFile(join(project, "docs"), "/srv/a"), legacy, "found from a subfolder of the project");
      await writeManifest(legacy, { "posts/a.md": ["posts/a/index.html"] });
      const current = join(project, "out.json");
      await writeManifest(current, { "posts/b.md": ["posts/b/index.html"] });
      assert.deepEqual({ ...(await readManifest(current, legacy, join(project, "missing.json"))) }, { "posts/a.md": ["posts/a/index.html"], "posts/b.md": ["posts/b/index.html"] });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  test("removes the files and the folders they empty, never follows a link out, never leaves the folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "weekly-clean-"));
    try {
      const out = join(root, "out");
      const outside = join(root, "outside");
      mkdirSync(join(out, "posts", "old"), { recursive: true });
      mkdirSync(join(out, "posts", "kept"), { recursive: true });
      mkdirSync(outside);
      writeFileSync(join(outside, "precious.txt"), "keep me");
      writeFileSync(join(out, "index.html"), "new");
      writeFileSync(join(out, "posts", "old", "index.html"), "old");
      writeFileSync(join(out, "posts", "kept", "index.html"), "new");
      symlinkSync(outside, join(out, "link-out"));
      await removeFiles(out, ["link-out", "posts/old/index.html", "../outside/precious.txt", "missing.html"]);
      assert.deepEqual(listFiles(out), ["index.html", "posts/kept/index.html"]);
      assert.equal(existsSync(join(out, "posts", "old")), false);
      assert.equal(readFileSync(join(outside, "precious.txt"), "utf8"), "keep me");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
