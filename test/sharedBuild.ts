// Builds shared by the test files of one `npm test` run. Several files read the same build (this
// blog as it is, the hostile fixture at its clock): the first file that asks builds it, with the
// real `eleventy` command, into the run's shared folder (WEEKLY_TEST_SHARED, set by
// test/tools/suite.mjs and removed with the run's temporary folder); a file that asks meanwhile
// waits for it. A file run on its own (no WEEKLY_TEST_SHARED) builds its own. A shared build is
// read, never changed: a test that changes a site or its output makes its own.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, copySiteInto, ROOT, runEleventy, tempOutput } from "./helpers.js";

export interface SharedBuild {
  /** The site's folder: this project for the blog, else a copy of the fixture. */
  site: string;
  output: string;
  /** What the build printed, as `runEleventy` gives it. */
  stdout: string;
  stderr: string;
}

/** Longer than any build of a fixture here takes, with two other files building beside it. */
const WAIT_MS = 300_000;
const POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fixture (a folder name under test/fixtures, or ROOT for this blog, built where it is) built
 * with `env` and `args`, once per run; fails the test when the build fails.
 */
export async function sharedBuild(fixture: string, env: Record<string, string> = {}, args: string[] = []): Promise<SharedBuild> {
  const shared = process.env.WEEKLY_TEST_SHARED;
  if (!shared) return checked(build(fixture, fixture === ROOT ? ROOT : copySite(fixture), tempOutput("shared"), env, args));
  const dir = join(shared, createHash("sha256").update(JSON.stringify([fixture, env, args])).digest("hex").slice(0, 16));
  const done = join(dir, "done.json");
  let mine = false;
  try {
    mkdirSync(dir, { recursive: false });
    mine = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (mine) {
    const site = fixture === ROOT ? ROOT : copySiteInto(fixture, join(dir, "site"));
    // Written whole, then named: a file waiting never reads half of it.
    writeFileSync(`${done}.tmp`, JSON.stringify(build(fixture, site, join(dir, "output"), env, args)));
    renameSync(`${done}.tmp`, done);
  }
  for (const started = Date.now(); !existsSync(done); await sleep(POLL_MS)) {
    assert.ok(Date.now() - started < WAIT_MS, `the shared build of ${fixture} (${dir}) did not finish in ${WAIT_MS / 1000} s`);
  }
  return checked(JSON.parse(readFileSync(done, "utf8")) as SharedBuild & { status: number | null });
}

function build(fixture: string, site: string, output: string, env: Record<string, string>, args: string[]): SharedBuild & { status: number | null; fixture: string } {
  const run = runEleventy(site, output, env, args);
  return { fixture, site, output, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function checked(run: SharedBuild & { status: number | null }): SharedBuild {
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  return { site: run.site, output: run.output, stdout: run.stdout, stderr: run.stderr };
}
