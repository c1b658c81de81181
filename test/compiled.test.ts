// Inside this repository `weekly` and the blog's build run dist/ only when it is current: compiled
// after the last change to any file of src/ (src/cli/compiled.js); otherwise the source, through tsx.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error: a plain JavaScript module without declarations (it runs before anything is compiled).
import { compiledIsCurrent } from "../src/cli/compiled.js";
import { tempOutput } from "./helpers.js";

const isCurrent = compiledIsCurrent as (root: string, entry?: string) => boolean;

/** A tree with src/a.ts, src/cli/b.ts and dist/index.js, each given its time in seconds. */
function tree(times: { a: number; b: number; dist?: number }): string {
  const root = tempOutput("compiled");
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  mkdirSync(join(root, "dist"));
  const files: Array<[string, number | undefined]> = [["src/a.ts", times.a], ["src/cli/b.ts", times.b], ["dist/index.js", times.dist]];
  for (const [file, seconds] of files) {
    if (seconds === undefined) continue;
    writeFileSync(join(root, file), "");
    utimesSync(join(root, file), seconds, seconds);
  }
  return root;
}

const T = 1_800_000_000;
for (const [name, times, expected] of [
  ["compiled after every source", { a: T, b: T + 10, dist: T + 20 }, true],
  ["a source changed after the compile", { a: T + 30, b: T, dist: T + 20 }, false],
  ["a source in a folder of src/ changed after the compile", { a: T, b: T + 30, dist: T + 20 }, false],
  ["never compiled", { a: T, b: T }, false],
] as const) {
  test(`${name}: ${expected ? "dist/" : "the source"}`, () => {
    assert.equal(isCurrent(tree(times)), expected);
  });
}
