// One build at a time per output folder: the lock itself, and many processes racing for a lock
// that a dead build left behind.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock, OutputLocked, realLockEnvironment, startFromProcStat, type LockEnvironment } from "../src/pipeline/outputLock.js";
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
      const other = { ...JSON.parse(readFileSync(file, "utf8")), pid: process.ppid, token: "another build", started: await realLockEnvironment.startOf(process.ppid) };
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

  test("this process's lock records when it started, as the system tells it", async () => {
    const dir = folder();
    try {
      const file = join(dir, "build.lock");
      const release = await acquireLock(file, 0, quick);
      const started = JSON.parse(readFileSync(file, "utf8")).started;
      assert.match(started, /^boot \d+ tick \d+$/); // Linux, where the tests run
      assert.equal(started, await realLockEnvironment.startOf(process.pid));
      await release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("a lock whose process number runs: its start time decides", () => {
    // A live process that is not this one, whose number a lock names.
    const live = () => spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    // the start time the lock records (undefined: written by an older version), taken over?
    const cases: Array<[string, (real: string) => string | undefined, boolean]> = [
      ["another start time: the number was reused after the owner died, taken over", (real) => real.replace(/\d+$/, (ticks) => String(Number(ticks) - 1)), true],
      ["its own start time: the owner runs, waited for", (real) => real, false],
      ["no start time (an older version's lock): waited for, as before", () => undefined, false],
    ];
    for (const [name, recorded, takenOver] of cases) {
      test(name, async () => {
        const dir = folder();
        const child = live();
        try {
          await new Promise((resolve) => child.once("spawn", resolve));
          const real = await realLockEnvironment.startOf(child.pid!);
          assert.ok(real !== undefined);
          const file = join(dir, "build.lock");
          const started = recorded(real);
          writeFileSync(file, JSON.stringify({ pid: child.pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", token: "x", ...(started === undefined ? {} : { started }) }));
          if (takenOver) {
            const release = await acquireLock(file, 0, quick);
            assert.equal(JSON.parse(readFileSync(file, "utf8")).pid, process.pid);
            await release();
          } else {
            await assert.rejects(acquireLock(file, 50, quick), (error: unknown) => error instanceof OutputLocked && error.owner.pid === child.pid);
          }
        } finally {
          child.kill();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });

  describe("startFromProcStat", () => {
    const rest = (ticks: string) => `S 1 1 1 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ${ticks} 1000 10 18446744073709551615`;
    const cases: Array<[string, string | undefined]> = [
      [`4242 (node) ${rest("61398")}`, "61398"],
      [`4242 (a (b) c) ${rest("7")}`, "7"],
      [`4242 (x) y) ${rest("123456789")}`, "123456789"],
      ["4242 (node) S 1 1", undefined],
      ["", undefined],
    ];
    for (const [text, ticks] of cases) {
      test(`startFromProcStat(${JSON.stringify(text.slice(0, 20))}…) → ${ticks ?? "unknown"}`, () => assert.equal(startFromProcStat(text), ticks));
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
      import { acquireLock } from "./src/pipeline/outputLock.ts";
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
