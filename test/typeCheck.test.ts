// The type check checks what ships: the sources with the configuration that compiles them (no DOM:
// they run in Node), the tests with their own (the DOM, for the pages they parse). A scratch file
// type-checked with the sources' configuration must fail on a browser-only name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

const TSC = join(ROOT, "node_modules", ".bin", "tsc");

/** Type-checks `source` as if it were a file of src/, with src/tsconfig.json's options. */
function checkAsSource(source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "weekly-typecheck-"));
  try {
    writeFileSync(join(dir, "scratch.ts"), source);
    const config = { extends: join(ROOT, "src", "tsconfig.json"), compilerOptions: { noEmit: true, rootDir: ".", typeRoots: [join(ROOT, "node_modules", "@types")] }, include: ["scratch.ts"] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config));
    const run = spawnSync(TSC, ["-p", dir], { encoding: "utf8", timeout: 120_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a source that uses the DOM's document fails the sources' type check", () => {
  const run = checkAsSource(`export const title = (): string => document.title;\n`);
  assert.notEqual(run.status, 0, run.output);
  assert.match(run.output, /scratch\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
});

test("the same check passes a source that uses only Node and the language", () => {
  const run = checkAsSource(`import { join } from "node:path";\nexport const at = (name: string): string => join(process.cwd(), new URL(name, "file:///").pathname);\n`);
  assert.equal(run.status, 0, run.output);
});

test("npm test type-checks the sources with src/tsconfig.json and the tests with test/tsconfig.json", () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  assert.match(scripts.test!, /npm run typecheck/);
  assert.match(scripts.typecheck!, /tsc --noEmit -p src\b/);
  assert.match(scripts.typecheck!, /tsc --noEmit -p test\b/);
  const lib = (file: string) => (JSON.parse(readFileSync(join(ROOT, file), "utf8").replace(/^\s*\/\/.*$/gm, "")) as { compilerOptions: { lib?: string[] } }).compilerOptions.lib;
  assert.deepEqual(lib("src/tsconfig.json"), ["ES2023"]);
  assert.ok(lib("test/tsconfig.json")?.includes("DOM"));
});
