// The reports' words kept between builds (.cache/weekly/words.json): a text counted once, read back
// by the next build, the file written only when it changed, a damaged file counted anew, the
// texts of this build only, and those reused under --serve kept.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { wordCache } from "../src/pipeline/wordCache.js";
import { wordCounts } from "../src/content/words.js";
import { tempOutput } from "./helpers.js";

const A = "量子计算有新进展。Claude Opus 4.5 上线。";
const B = "比特币价格回落。";

async function build(file: string | undefined, texts: string[]) {
  const cache = wordCache(file);
  await cache.load();
  const counted = texts.map((text) => cache.count(text));
  await cache.save();
  return { cache, counted };
}

describe("wordCache", () => {
  test("the counts are those of wordCounts, kept in the file and read back by the next build", async () => {
    const file = join(tempOutput("words"), "words.json");
    const first = await build(file, [A, B]);
    assert.deepEqual(first.counted.map((c) => c.counts), [wordCounts(A), wordCounts(B)]);
    const kept = JSON.parse(readFileSync(file, "utf8")) as { version: number; texts: Record<string, string> };
    assert.deepEqual([kept.version, Object.keys(kept.texts).length], [1, 2]);
    const second = await build(file, [A, B]);
    assert.deepEqual(second.counted, first.counted);
  });

  test("an unchanged build does not write the file again", async () => {
    const file = join(tempOutput("words"), "words.json");
    await build(file, [A]);
    writeFileSync(file, readFileSync(file, "utf8")); // a known mtime to compare
    const before = statSync(file).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await build(file, [A]);
    assert.equal(statSync(file).mtimeMs, before);
  });

  test("a text no longer in the site is dropped; one counted anew is added", async () => {
    const file = join(tempOutput("words"), "words.json");
    const { counted } = await build(file, [A, B]);
    await build(file, [A, "新的正文。"]);
    const texts = Object.keys((JSON.parse(readFileSync(file, "utf8")) as { texts: Record<string, string> }).texts);
    assert.equal(texts.length, 2);
    assert.ok(texts.includes(counted[0]!.hash) && !texts.includes(counted[1]!.hash));
  });

  test("under --serve, counts reused from the last build (keep) stay in the file", async () => {
    const file = join(tempOutput("words"), "words.json");
    const cache = wordCache(file);
    await cache.load();
    const a = cache.count(A);
    cache.count(B);
    await cache.save();
    cache.keep(a); // the next build reuses A's analysis, and counts no text
    await cache.save();
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { texts: Record<string, string> }).texts), [a.hash]);
  });

  for (const [name, content] of [["not JSON", "{ broken"], ["another version", '{"version": 0, "texts": {}}'], ["texts of the wrong kind", '{"version": 1, "texts": {"x": 5}}']] as const) {
    test(`a file that is ${name}: every text counted again and the file written anew`, async () => {
      const file = join(tempOutput("words"), "words.json");
      writeFileSync(file, content);
      const { counted } = await build(file, [A]);
      assert.deepEqual(counted[0]!.counts, wordCounts(A));
      assert.equal((JSON.parse(readFileSync(file, "utf8")) as { version: number }).version, 1);
    });
  }

  test("without a cache folder (cacheDir: false) every text is counted, and saving keeps nothing to read back", async () => {
    const first = await build(undefined, [A]);
    assert.deepEqual(first.counted[0]!.counts, wordCounts(A));
    const second = await build(undefined, [A]);
    assert.deepEqual(second.counted, first.counted);
  });
});
