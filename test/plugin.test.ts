// The plugin entry, as Eleventy calls it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import weekly from "../src/eleventy/plugin.js";
import { ROOT } from "./helpers.js";

test("the plugin asks Eleventy for the versions of its peer dependency before anything else, and stops there on an older one", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
  const calls: string[] = [];
  const older = new Proxy({} as Record<string, unknown>, {
    get: (_, key) =>
      key === "versionCheck"
        ? (range: string) => {
            calls.push(`versionCheck ${range}`);
            throw new Error(`This project requires the Eleventy version to match ${range} but found 3.0.0.`);
          }
        : () => calls.push(String(key)),
  });
  assert.throws(() => weekly(older as never), /requires the Eleventy version to match >=3\.1\.0 \|\| >=4\.0\.0-alpha\.0 but found 3\.0\.0/);
  assert.deepEqual(calls, [`versionCheck ${manifest.peerDependencies["@11ty/eleventy"]}`]);
});
