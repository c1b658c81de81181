// `npm test`'s runner: Node's test runner over test/*.test.ts (or the files given), several files at
// once, in a temporary folder of its own that is removed at the end, passed or failed or
// interrupted, with whatever a test, a build, Pagefind or Chromium left in it. Ends with one line:
// how many files, how long, how many at once. Plain JavaScript: run without tsx, whose cache would
// otherwise be made in the temporary folder before this runner can move it.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * Test files at once: the files mostly wait on the builds and commands they start, so one more file
 * than the 2 cores of the machine the suite is timed on keeps them busy. WEEKLY_TEST_CONCURRENCY
 * overrides it.
 */
const DEFAULT_CONCURRENCY = 3;

const concurrency = Number(process.env.WEEKLY_TEST_CONCURRENCY ?? DEFAULT_CONCURRENCY);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`npm test: WEEKLY_TEST_CONCURRENCY=${JSON.stringify(process.env.WEEKLY_TEST_CONCURRENCY)} is not a number of files at once; use a whole number such as 1 or 3.`);
  process.exit(2);
}
const given = process.argv.slice(2);
const files = given.length > 0 ? given : readdirSync(join(ROOT, "test")).filter((name) => name.endsWith(".test.ts")).sort().map((name) => join("test", name));

const scratch = mkdtempSync(join(tmpdir(), "weekly-tests-"));
// Builds several files read, made once per run (test/sharedBuild.ts).
const shared = join(scratch, "shared");
mkdirSync(shared);
const started = performance.now();
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", `--test-concurrency=${concurrency}`, ...files], {
  cwd: ROOT,
  stdio: "inherit",
  // Messages in English unless a test asks for Chinese (WEEKLY_LANG=zh): the fixtures' sites are Chinese, which would choose Chinese.
  env: { ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch, WEEKLY_TEST_SHARED: shared, WEEKLY_LANG: "en" },
});
/** @param {NodeJS.Signals} signal */
const forward = (signal) => child.kill(signal);
process.on("SIGINT", forward).on("SIGTERM", forward);
child.on("exit", (code, signal) => {
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const outcome = signal ? `stopped by ${signal}` : code === 0 ? "passed" : "failed";
  console.log(`npm test: ${files.length} test files ${outcome} in ${seconds} s, ${concurrency} at once, ${scratch} removed`);
  process.exit(code ?? 1);
});
