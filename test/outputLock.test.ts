// One build at a time per output folder: the lock itself, and many processes racing for a lock
// that a dead build left behind.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock, OutputLocked, realLockEnvironment, type LockEnvironment } from "../src/build/outputLock.js";
import { ROOT } from "./helpers.js";

const quick: LockEnvironment = { ...realLockEnvironment, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))) };

function folder(): string {
  return mkdtempSync(join(tmpdir(), "weekly-lock-"));
}

describe("acquireLock", () => {
  test("a second build waits, then stops naming the first; after the first gives it back, it gets it", async () => {
    const dir = folder();
    try {
      const file = join(dir, ".weekly", "build.lock");
      const release = await acquireLock(file, 0);
      const other = { ...JSON.parse(readFileSync(file, "utf8")), pid: process.ppid, token: "another build" };
      writeFileSync(file, JSON.stringify(other)); // as if another running process held it
      let waited: unknown;
      await assert.rejects(acquireLock(file, 100, { ...quick, waiting: (owner) => (waited = owner) }), (error: unknown) => {
        assert.ok(error instanceof OutputLocked);
        assert.equal(error.owner.pid, process.ppid);
        return true;
      });
      assert.deepEqual(waited, other);
      await release(); // not ours any more: left alone
      assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), other);
      rmSync(file);
      const again = await acquireLock(file, 0);
      await again();
      assert.throws(() => readFileSync(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a lock of a process that no longer runs, or half written, is taken over at once", async () => {
    for (const content of [JSON.stringify({ pid: 999_999_999, host: hostname(), since: "2026-01-01T00:00:00.000Z", token: "x" }), "{ half"]) {
      const dir = folder();
      try {
        const file = join(dir, "build.lock");
        writeFileSync(file, content);
        const release = await acquireLock(file, 0, quick);
        assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
        await release();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test("a lock held on another machine is waited for, never taken over", async () => {
    const dir = folder();
    try {
      const file = join(dir, "build.lock");
      writeFileSync(file, JSON.stringify({ pid: 999_999_999, host: `${hostname()}-other`, since: "2026-01-01T00:00:00.000Z", token: "x" }));
      await assert.rejects(acquireLock(file, 50, quick), OutputLocked);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("six processes racing for a dead build's lock hold it one at a time", { timeout: 120_000 }, async () => {
    const script = `
      import { acquireLock } from "./src/build/outputLock.ts";
      import { appendFileSync } from "node:fs";
      const [file, log] = process.argv.slice(-2);
      const release = await acquireLock(file, 60_000);
      appendFileSync(log, "in " + process.pid + "\\n");
      await new Promise((resolve) => setTimeout(resolve, 60));
      appendFileSync(log, "out " + process.pid + "\\n");
      await release();
    `;
    for (let round = 0; round < 4; round++) {
      const dir = folder();
      try {
        const file = join(dir, "build.lock");
        const log = join(dir, "log");
        writeFileSync(log, "");
        writeFileSync(file, JSON.stringify({ pid: 999_999_999, host: hostname(), since: "2026-01-01T00:00:00.000Z", token: "dead" }));
        const runs = Array.from({ length: 6 }, () => {
          const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, file, log], { cwd: ROOT, stdio: "inherit" });
          return new Promise<number | null>((resolve) => child.on("close", resolve));
        });
        assert.deepEqual(await Promise.all(runs), [0, 0, 0, 0, 0, 0]);
        const lines = readFileSync(log, "utf8").trim().split("\n");
        assert.equal(lines.length, 12);
        for (let i = 0; i < lines.length; i += 2) {
          const [inLine, outLine] = [lines[i]!, lines[i + 1]!];
          assert.ok(inLine.startsWith("in ") && outLine === `out ${inLine.slice(3)}`, `round ${round}: two held the lock at once:\n${lines.join("\n")}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
