import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listOutput, removeStale, staleFiles, unsafeOutputReason } from "../src/clean.js";

describe("staleFiles", () => {
  const cases: Array<[string[], string[], string[]]> = [
    [["index.html", "posts/a/index.html"], ["index.html", "posts/a/index.html"], []],
    [["index.html", "posts/old/index.html", "posts/a/index.html"], ["index.html", "posts/a/index.html"], ["posts/old/index.html"]],
    [["z.html", "a.html"], [], ["a.html", "z.html"]],
  ];
  for (const [existing, produced, stale] of cases) {
    test(`existing ${existing.join(",")} produced ${produced.join(",") || "nothing"} → stale ${stale.join(",") || "none"}`, () => {
      assert.deepEqual(staleFiles(existing, new Set(produced)), stale);
    });
  }
});

describe("unsafeOutputReason", () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ["/site/_site", "/site", "/site", undefined],
    ["/tmp/out", "/site", "/site", undefined],
    ["/site", "/site", "/site", "the output folder /site holds the input folder"],
    ["/", "/site/src", "/site", "the output folder / holds the input folder"],
    ["/work", "/elsewhere", "/work/site", "the output folder /work holds the project"],
  ];
  for (const [output, input, project, reason] of cases) {
    test(`output ${output}, input ${input}, project ${project} → ${reason ?? "safe"}`, () => {
      assert.equal(unsafeOutputReason(output, input, project), reason);
    });
  }
});

describe("removeStale", () => {
  test("removes stale files and the folders they empty, keeps the rest and never follows a link out", async () => {
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
      assert.deepEqual((await listOutput(out)).sort(), ["index.html", "link-out", "posts/kept/index.html", "posts/old/index.html"]);
      const removed = await removeStale(out, new Set(["index.html", "posts/kept/index.html"]));
      assert.deepEqual(removed, ["link-out", "posts/old/index.html"]);
      assert.deepEqual((await listOutput(out)).sort(), ["index.html", "posts/kept/index.html"]);
      assert.equal(existsSync(join(out, "posts", "old")), false);
      assert.equal(existsSync(join(outside, "precious.txt")), true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
  test("an output folder that does not exist has nothing stale", async () => {
    assert.deepEqual(await removeStale(join(tmpdir(), "weekly-does-not-exist-xyz"), new Set()), []);
  });
});
