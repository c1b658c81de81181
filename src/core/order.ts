// The one order of pages by time that every list shares.
import type { DateTime } from "luxon";

/** Newest first; pages of the same moment by path, so the order never depends on the file system. */
export function newestFirst(a: { date?: DateTime | undefined; path: string }, b: { date?: DateTime | undefined; path: string }): number {
  const byDate = (b.date?.toMillis() ?? 0) - (a.date?.toMillis() ?? 0);
  return byDate !== 0 ? byDate : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
