// A site's Eleventy config read without Eleventy: the stand-in records what the check needs and
// goes along with everything else, whatever style the config is written in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSiteConfig } from "../src/cli/siteConfig.js";

const configs: Array<[string, string]> = [
  [
    "an arrow function that returns the config's own chained call (not a promise)",
    `const weekly = Object.defineProperty(() => {}, Symbol.for("eleventy-plugin-weekly"), { value: true });
export default (c) => { c.addPlugin(weekly, { timezone: "UTC" }); return c.addPassthroughCopy("css").addWatchTarget("x"); };
export const config = { dir: { input: "src" } };`,
  ],
  [
    "a plugin that adds the weekly plugin, and folders returned by the config",
    `const weekly = Object.defineProperty(() => {}, Symbol.for("eleventy-plugin-weekly"), { value: true });
export default async function (c) {
  c.addPlugin((inner) => inner.addPlugin(weekly, { timezone: "UTC" }));
  c.ignores.add("drafts/**");
  return { dir: { input: "src" } };
}`,
  ],
];

for (const [name, text] of configs) {
  test(name, async () => {
    const dir = mkdtempSync(join(tmpdir(), "weekly-site-config-"));
    try {
      writeFileSync(join(dir, "eleventy.config.mjs"), text);
      let timer: NodeJS.Timeout | undefined;
      const read = await Promise.race([loadSiteConfig(dir), new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 5000)))]);
      clearTimeout(timer);
      assert.notEqual(read, "hung", "reading the config never finished");
      if (read === "hung") return;
      assert.deepEqual(read.options, { timezone: "UTC" });
      assert.equal(read.folders.input, "src");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

for (const [name, file, exported] of [
  ["an ES module", "eleventy.config.mjs", "export default"],
  ["a CommonJS module", "eleventy.config.cjs", "module.exports ="],
] as const) {
  test(`a config (${name}) edited after this process read it is read as it is now`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "weekly-site-config-"));
    const write = (input: string) =>
      writeFileSync(join(dir, file), `const weekly = Object.defineProperty(() => {}, Symbol.for("eleventy-plugin-weekly"), { value: true });\n${exported} (c) => { c.addPlugin(weekly, {}); return { dir: { input: "${input}" } }; };\n`);
    try {
      write("first");
      assert.equal((await loadSiteConfig(dir)).folders.input, "first");
      assert.equal((await loadSiteConfig(dir)).folders.input, "first");
      write("second");
      assert.equal((await loadSiteConfig(dir)).folders.input, "second");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
