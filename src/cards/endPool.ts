// Ending a tinypool pool (the card pool's, the card thread's) safely, also while its workers fail.
import type { Tinypool } from "tinypool";

/** What tinypool 2.2's wrapper of a worker thread holds: the thread, and not always the method below. */
interface WorkerWrapper {
  thread?: { removeListener(event: string, listener: (...args: unknown[]) => void): unknown };
  removeListener?: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

/**
 * Ends a pool, also one whose workers are failing as they start. tinypool 2.2's destroy() waits for
 * each worker's exit with events.once() on its own wrapper of the thread, which lacks
 * removeListener: a worker that failed while destroy() waited threw a TypeError from its 'error'
 * event, uncaught (one run in eight of test/drawPool.test.ts). Each wrapper is lent its thread's
 * method, and the failure destroy() then reports is the one the caller has already met.
 */
export async function endPool(pool: Tinypool): Promise<void> {
  for (const worker of pool.threads as unknown as WorkerWrapper[]) {
    const thread = worker.thread;
    if (thread && typeof worker.removeListener !== "function") worker.removeListener = (event, listener) => thread.removeListener(event, listener);
  }
  await pool.destroy().catch(() => {});
}
