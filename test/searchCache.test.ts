// The search index kept between production builds (`cacheDir`): a rebuild whose indexed pages are
// the same reuses it, and its output is byte for byte a cold build's; a damaged entry is said in
// one line and the index built anew; a preview, whose index holds pages not yet published, never
// keeps one.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addEarlierYears, copySite, listFiles, outputLines, readSite, removeOutput, runEleventy, tempOutput } from "./helpers.js";

const BEFORE_W07 = "2026-02-10T12:00";
const AFTER_W07 = "2026-02-13T12:00";

/** Every file of an output folder and its bytes, for a comparison byte for byte. */
function filesOf(output: string): Map<string, Buffer> {
  return new Map(listFiles(output).filter((file) => !file.startsWith(".weekly/")).map((file) => [file, readFileSync(join(output, file))]));
}

function build(site: string, now: string, env: Record<string, string> = {}) {
  const output = tempOutput("search-cache");
  const run = runEleventy(site, output, { WEEKLY_NOW: now, ...env });
  assert.equal(run.status, 0, run.stderr);
  return { output, lines: outputLines(run), files: filesOf(output) };
}

const searchLines = (lines: string[]) => lines.filter((line) => /search index/.test(line));

describe("the search index kept between production builds", () => {
  const site = copySite("scheduled");
  const cache = join(site, ".cache", "weekly", "search");
  const outputs: string[] = [];
  const built = (now: string, env: Record<string, string> = {}) => {
    const result = build(site, now, env);
    outputs.push(result.output);
    return result;
  };
  const entries = () => (existsSync(cache) ? readdirSync(cache) : []);

  const cold = built(BEFORE_W07);
  test("a cold build makes the index and keeps it, saying so in one line", () => {
    assert.deepEqual(searchLines(cold.lines), ["[weekly] search index: built 1 of 1 part from 6 pages (0 reused), and kept for the next build"]);
    assert.equal(entries().length, 1);
    assert.ok([...cold.files.keys()].some((file) => file.startsWith("pagefind/fragment/")));
  });

  test("a rebuild with the same pages reuses it, and its output is the cold build's, byte for byte", () => {
    const warm = built(BEFORE_W07);
    assert.deepEqual(searchLines(warm.lines), ["[weekly] search index: reused (the 6 indexed pages, in 1 part, are those of an earlier build)"]);
    assert.deepEqual([...warm.files.keys()], [...cold.files.keys()]);
    for (const [file, bytes] of cold.files) assert.ok(warm.files.get(file)!.equals(bytes), file);
  });

  test("the same output folder built again keeps its index files as they are", () => {
    const run = runEleventy(site, cold.output, { WEEKLY_NOW: BEFORE_W07 });
    assert.equal(run.status, 0, run.stderr);
    const again = filesOf(cold.output);
    for (const [file, bytes] of cold.files) assert.ok(again.get(file)!.equals(bytes), file);
  });

  for (const [name, damage] of [
    ["a changed file", (entry: string) => appendFileSync(join(entry, "pagefind-entry.json"), " ")],
    ["a missing file", (entry: string) => unlinkSync(join(entry, "pagefind-ui.js"))],
    [
      "a file of the same size with other bytes",
      (entry: string) => {
        const file = join(entry, "pagefind-ui.css");
        const bytes = readFileSync(file);
        bytes[0] = bytes[0] === 0x20 ? 0x0a : 0x20;
        writeFileSync(file, bytes);
      },
    ],
    ["an unreadable record", (entry: string) => writeFileSync(join(entry, "weekly-index.json"), "{")],
    [
      "a folder half removed (its record and some files gone)",
      (entry: string) => {
        unlinkSync(join(entry, "weekly-index.json"));
        rmSync(join(entry, "fragment"), { recursive: true });
      },
    ],
  ] as const) {
    test(`${name} in the kept index: one line says so, and the index is built anew, the same as the cold one`, () => {
      damage(join(cache, entries()[0]!));
      const rebuilt = built(BEFORE_W07);
      // (The warning is on standard error, the other line on standard output.)
      const [line, warning, ...more] = searchLines(rebuilt.lines);
      assert.deepEqual(more, []);
      assert.equal(line, "[weekly] search index: built 1 of 1 part from 6 pages (0 reused), and kept for the next build");
      assert.match(warning!, /^\[weekly\] the search index kept in \.cache\/weekly\/search\/[0-9a-f]{64} is damaged \(.+\): building the index anew\.$/);
      for (const [file, bytes] of cold.files) assert.ok(rebuilt.files.get(file)?.equals(bytes), file);
    });
  }

  test("a report going live changes the indexed pages: a new index, findable, kept beside the earlier one", () => {
    const earlier = entries();
    const later = built(AFTER_W07);
    assert.deepEqual(searchLines(later.lines), ["[weekly] search index: built 1 of 1 part from 7 pages (0 reused), and kept for the next build"]);
    assert.equal(entries().length, 2);
    assert.ok(entries().includes(earlier[0]!));
    assert.notDeepEqual(later.files.get("pagefind/pagefind-entry.json"), cold.files.get("pagefind/pagefind-entry.json"));
    const fragments = [...readSite(later.output).files].filter(([file]) => file.startsWith("pagefind/fragment/")).map(([, text]) => text);
    assert.ok(fragments.some((text) => text.includes("/posts/2026-W07-ai-weekly/")), "the report that went live is in the index");
    const before = [...readSite(cold.output).files].filter(([file]) => file.startsWith("pagefind/fragment/")).map(([, text]) => text);
    assert.ok(!before.some((text) => text.includes("/posts/2026-W07-ai-weekly/")), "and was not before");
  });

  test("a preview indexes its held-back pages but keeps nothing", () => {
    const kept = entries();
    const preview = built(BEFORE_W07, { WEEKLY_PREVIEW: "1" });
    assert.deepEqual(searchLines(preview.lines), []);
    assert.deepEqual(entries(), kept);
  });

  test("the index a build uses and the two most recently used before it are kept, and any used within the hour", () => {
    const first = entries();
    built("2026-02-20T12:00"); // W08 goes live: a third index
    assert.equal(entries().length, 3);
    const report = join(site, "posts", "2026-W05-ai-weekly.md");
    writeFileSync(report, `${readFileSync(report, "utf8")}\n一段新写的文字。\n`);
    built("2026-02-20T12:00"); // a fourth, while the others were used within the hour: all kept
    assert.equal(entries().length, 4);
    // Two hours later, another change: of the earlier ones, the two used last stay.
    const before = entries().map((name) => ({ name, at: statSync(join(cache, name)).mtime }));
    for (const { name, at } of before) utimesSync(join(cache, name), new Date(at.getTime() - 2 * 3600_000), new Date(at.getTime() - 2 * 3600_000));
    writeFileSync(report, `${readFileSync(report, "utf8")}\n又一段。\n`);
    built("2026-02-20T12:00");
    assert.equal(entries().length, 3);
    const oldest = [...before].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, 2).map(({ name }) => name);
    for (const name of oldest) assert.ok(!entries().includes(name), `${name} was used longest ago`);
    assert.ok(!first.every((entry) => entries().includes(entry)));
  });

  test("cacheDir: false keeps nothing", () => {
    const other = copySite("scheduled");
    try {
      const config = join(other, "eleventy.config.js");
      writeFileSync(config, readFileSync(config, "utf8").replace("addPlugin(weekly, {", "addPlugin(weekly, { cacheDir: false,"));
      const run = build(other, BEFORE_W07);
      outputs.push(run.output);
      assert.deepEqual(searchLines(run.lines), []);
      assert.equal(existsSync(join(other, ".cache")), false);
      for (const [file, bytes] of cold.files) assert.ok(run.files.get(file)?.equals(bytes), file);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test.after(() => {
    for (const output of outputs) removeOutput(output);
    rmSync(site, { recursive: true, force: true });
  });
});

describe("an index in parts by year", () => {
  const site = copySite("scheduled");
  addEarlierYears(site);
  const entries = () => readdirSync(join(site, ".cache", "weekly", "search"));
  const outputs: string[] = [];
  const built = (now: string) => {
    const result = build(site, now);
    outputs.push(result.output);
    return result;
  };
  const part = (files: Map<string, Buffer>, folder: string) =>
    new Map([...files].filter(([file]) => (folder === "" ? file.startsWith("pagefind/") && !/^pagefind\/\d{4}\//.test(file) : file.startsWith(`pagefind/${folder}/`))));

  // (Built here, as each test reads the one before it.)
  const cold = built(BEFORE_W07);
  const keptCold = entries().length;
  const later = built(AFTER_W07);
  const keptLater = entries().length;
  test("each year's pages make a part, each kept under its own key", () => {
    assert.deepEqual(searchLines(cold.lines), ["[weekly] search index: built 3 of 3 parts by year from 8 pages (0 reused), and kept for the next build"]);
    assert.equal(keptCold, 3);
    assert.equal(cold.files.get("pagefind/weekly-shards.json")!.toString(), '["2025/","2026/"]\n');
  });

  test("a report going live rebuilds its year's part only; the others are the same files", () => {
    assert.deepEqual(searchLines(later.lines), ["[weekly] search index: built 1 of 3 parts by year from 7 pages (2 reused), and kept for the next build"]);
    for (const folder of ["", "2025"]) {
      const before = part(cold.files, folder);
      const after = part(later.files, folder);
      assert.ok(before.size >= 5, folder); // its entry, meta, wasm, a fragment and an index file at least
      assert.deepEqual([...after.keys()], [...before.keys()], folder);
      for (const [file, bytes] of before) assert.ok(after.get(file)!.equals(bytes), file);
    }
    assert.notDeepEqual(later.files.get("pagefind/2026/pagefind-entry.json"), cold.files.get("pagefind/2026/pagefind-entry.json"));
    assert.equal(keptLater, 4, "the part it replaced is kept too, for a build side by side");
  });

  test("the output of a build from kept parts is byte for byte that of a build with nothing kept", () => {
    rmSync(join(site, ".cache"), { recursive: true, force: true });
    const fresh = built(AFTER_W07);
    assert.deepEqual(searchLines(fresh.lines), ["[weekly] search index: built 3 of 3 parts by year from 9 pages (0 reused), and kept for the next build"]);
    assert.deepEqual([...fresh.files.keys()], [...later.files.keys()]);
    for (const [file, bytes] of later.files) assert.ok(fresh.files.get(file)!.equals(bytes), file);
  });

  test("when the oldest year goes, the next one moves up into pagefind/ and its folder goes", () => {
    // Built again into the same output folder, as a cron build into the served one.
    rmSync(join(site, "posts", "2024-W20-ai-weekly.md"));
    const run = runEleventy(site, later.output, { WEEKLY_NOW: AFTER_W07 });
    assert.equal(run.status, 0, run.stderr);
    // The 2025 report's page changed in its pager only (its link to the previous report went),
    // which Pagefind ignores: its part is the kept one, and moves up.
    assert.deepEqual(searchLines(outputLines(run)), ["[weekly] search index: reused (the 8 indexed pages, in 2 parts by year, are those of an earlier build)"]);
    const moved = filesOf(later.output);
    assert.equal(moved.get("pagefind/weekly-shards.json")!.toString(), '["2026/"]\n');
    assert.ok(![...moved.keys()].some((file) => file.startsWith("pagefind/2025/")), "the 2025 folder is gone");
    assert.ok(moved.get("pagefind/pagefind-ui.js"), "pagefind/ keeps the search UI");
    const fragments = [...readSite(later.output).files].filter(([file]) => /^pagefind\/fragment\//.test(file)).map(([, text]) => text);
    assert.ok(fragments.some((text) => text.includes("/posts/2025-W50-ai-weekly/")), "pagefind/ is now the 2025 part");
    assert.ok(!fragments.some((text) => text.includes("/posts/2024-W20-ai-weekly/")), "and nothing of 2024 is left");
    for (const [file, bytes] of part(later.files, "2026")) assert.ok(moved.get(file)?.equals(bytes), file);
    // The part kept although its page's pager changed is byte for byte the part Pagefind makes of the page as it is now.
    rmSync(join(site, ".cache"), { recursive: true, force: true });
    const fresh = built(AFTER_W07);
    const index = (files: Map<string, Buffer>) => [...files].filter(([file]) => file.startsWith("pagefind/"));
    assert.deepEqual(index(fresh.files).map(([file]) => file), index(moved).map(([file]) => file));
    for (const [file, bytes] of index(moved)) assert.ok(fresh.files.get(file)!.equals(bytes), file);
  });

  test.after(() => {
    for (const output of outputs) removeOutput(output);
    rmSync(site, { recursive: true, force: true });
  });
});

describe("what the index holds", () => {
  test("only pages marked in their markup: a report titled data-pagefind-body leaves the lists that show its title out", () => {
    const site = copySite("scheduled");
    try {
      const report = join(site, "posts", "2026-W05-ai-weekly.md");
      writeFileSync(report, readFileSync(report, "utf8").replace("title: W05 已发布周报", 'title: "<div data-pagefind-body> 已发布周报"'));
      const { output, files } = build(site, BEFORE_W07);
      try {
        assert.ok(readFileSync(join(output, "index.html"), "utf8").includes("data-pagefind-body"), "the home page shows the title");
        assert.equal(files.get("pagefind/weekly-shards.json")!.toString(), "[]\n", "one part, no part of undated pages");
        const fragments = [...readSite(output).files].filter(([file]) => file.startsWith("pagefind/fragment/")).map(([, text]) => text);
        assert.equal(fragments.length, 6);
        for (const list of ['"url":"/"', '"url":"/archive/"', '"url":"/tags/']) assert.ok(!fragments.some((text) => text.includes(list)), list);
      } finally {
        removeOutput(output);
      }
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});
