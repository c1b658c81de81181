// One build at a time per output folder: two builds writing one folder (an hourly cron job that
// overlaps the previous one, a preview and a production build) would each record only what it
// wrote, and a page one of them published could outlive its unpublishing. A build takes the lock
// before Eleventy writes anything and gives it back when its output is settled.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { promisify } from "node:util";

export interface LockOwner {
  pid: number;
  host: string;
  /** When the build took the lock (ISO 8601, UTC). */
  since: string;
  token: string;
  /**
   * When its process started, as the system tells it (`startOf`): a process with the same number
   * that started at another time is another process, the owner having died. Absent in locks of
   * older versions and where the system does not tell.
   */
  started?: string;
}

export interface LockEnvironment {
  /** Whether a process of this machine is running. */
  isRunning(pid: number): boolean;
  /** When a running process started, in a form compared only for equality; undefined when unknown. */
  startOf(pid: number): Promise<string | undefined>;
  sleep(ms: number): Promise<void>;
  now(): Date;
  /** Told once when the build has to wait. */
  waiting(owner: LockOwner): void;
}

export const realLockEnvironment: LockEnvironment = {
  isRunning(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM"; // running, as another user
    }
  },
  startOf: async (pid) => (await linuxStart(pid)) ?? (await psStart(pid)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => new Date(),
  waiting: () => {},
};

/** `btime` of /proc/stat: when the machine booted (seconds since the epoch). */
const BOOT_TIME_RE = /^btime (\d+)$/m;
/** starttime is field 22 of /proc/<pid>/stat (proc(5)), the 20th after the command's closing parenthesis. */
const START_FIELD_AFTER_COMMAND = 19;

/** The start time in /proc/<pid>/stat (clock ticks after boot); the command, in parentheses, may hold spaces and parentheses. */
export function startFromProcStat(text: string): string | undefined {
  const fields = text.slice(text.lastIndexOf(")") + 1).trim().split(/\s+/);
  const ticks = fields[START_FIELD_AFTER_COMMAND];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
}

/** On Linux: `boot <btime> tick <starttime>`, exact, and the same whoever asks. */
async function linuxStart(pid: number): Promise<string | undefined> {
  const [stat, system] = await Promise.all([readFile(`/proc/${pid}/stat`, "utf8"), readFile("/proc/stat", "utf8")].map((p) => p.catch(() => undefined)));
  const ticks = stat === undefined ? undefined : startFromProcStat(stat);
  const boot = system === undefined ? undefined : BOOT_TIME_RE.exec(system)?.[1];
  return ticks === undefined || boot === undefined ? undefined : `boot ${boot} tick ${ticks}`;
}

/** Elsewhere (macOS, BSD): `ps -o lstart`, to the second. */
async function psStart(pid: number): Promise<string | undefined> {
  const out = await promisify(execFile)("ps", ["-o", "lstart=", "-p", String(pid)], { env: { ...process.env, LC_ALL: "C", TZ: "UTC" } }).catch(() => undefined);
  const start = out?.stdout.trim();
  return start ? `started ${start}` : undefined;
}

export class OutputLocked extends Error {
  constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {
    super(
      `another build (process ${owner.pid} on ${owner.host}, since ${owner.since}) is writing this output folder, and it did not finish in time. ` +
        `Wait for it, or build into another folder with --output. If no build is running, remove ${file}.`,
    );
    this.name = "OutputLocked";
  }
}

const POLL_MS = 250;

/**
 * Takes the lock file of an output folder, waiting up to `waitMs` for another build to finish.
 * A lock left by a build that died (its process no longer runs on this machine, or its number now
 * belongs to a process that started at another time) is taken over;
 * one this process holds already (a rebuild under `--serve` after a failed build) is kept.
 * Returns the function that gives it back.
 */
export async function acquireLock(file: string, waitMs: number, env: LockEnvironment = realLockEnvironment): Promise<() => Promise<void>> {
  const started = await env.startOf(process.pid);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: env.now().toISOString(), token: randomUUID(), ...(started === undefined ? {} : { started }) };
  await mkdir(dirname(file), { recursive: true });
  const deadline = env.now().getTime() + waitMs;
  let told = false;
  // Written whole beside it, then linked into place: a lock file is never seen half-written.
  const draft = `${file}.${me.token}`;
  await writeFile(draft, `${JSON.stringify(me)}\n`);
  try {
    for (;;) {
      try {
        await link(draft, file);
        return () => release(file, me.token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = await waitingFor(file, me, env);
      if (owner === undefined) {
        await env.sleep(5); // freed or taken over: try again, without spinning while another build takes over
        continue;
      }
      if (env.now().getTime() >= deadline) throw new OutputLocked(file, owner);
      if (!told) env.waiting(owner);
      told = true;
      await env.sleep(POLL_MS);
    }
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/** The live build that holds the lock, or undefined once it is free (given back, or left by a build that died). */
async function waitingFor(file: string, me: LockOwner, env: LockEnvironment): Promise<LockOwner | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined; // given back meanwhile
  const owner = parseOwner(text);
  const mine = owner?.pid === process.pid && owner.host === me.host;
  const dead = !owner || (owner.host === me.host && (!env.isRunning(owner.pid) || (await numberReused(owner, env))));
  if (!mine && !dead) return owner;
  await removeDeadLock(file, text, env);
  return undefined;
}

/** Whether the owner's process number now belongs to a process that started at another time. */
async function numberReused(owner: LockOwner, env: LockEnvironment): Promise<boolean> {
  if (owner.started === undefined) return false; // a lock of an older version: its number is all there is
  const now = await env.startOf(owner.pid);
  return now !== undefined && now !== owner.started;
}

/** A takeover that takes longer than this was left by a build that died in the middle of it. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * Removes a dead build's lock, if it is still the one read. Only one build at a time may do so
 * (it holds `<lock>.takeover`, a folder made atomically): two builds finding the same dead lock
 * could otherwise each remove it, the second removing the lock the first had just taken.
 */
async function removeDeadLock(file: string, text: string, env: LockEnvironment): Promise<void> {
  const guard = `${file}.takeover`;
  try {
    await mkdir(guard);
  } catch {
    const since = await stat(guard).then((s) => s.mtimeMs, () => undefined);
    if (since !== undefined && env.now().getTime() - since > TAKEOVER_STALE_MS) await rmdir(guard).catch(() => {});
    return; // another build is taking over: look again
  }
  try {
    if ((await readFile(file, "utf8").catch(() => undefined)) === text) await unlink(file).catch(() => {});
  } finally {
    await rmdir(guard).catch(() => {});
  }
}

async function release(file: string, token: string): Promise<void> {
  const owner = parseOwner((await readFile(file, "utf8").catch(() => "")) ?? "");
  if (owner?.token === token) await unlink(file).catch(() => {});
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.since === "string" && typeof value.token === "string" && (value.started === undefined || typeof value.started === "string")) return value as LockOwner;
  } catch {
    // a lock cut short by a crash while it was written
  }
  return undefined;
}
