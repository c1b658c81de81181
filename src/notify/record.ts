// What `weekly notify` has announced, kept in `.cache/weekly/notify.json` (the README's CI and cron
// recipes keep the cache between runs): for each channel, the moment it was first run (reports live
// before it are never announced, so a first run does not announce a whole archive) and each report
// announced, by its file, with when. Written whole (content/wholeFile.ts) after each message
// a service took: a run killed between the two sends that report again once, and never loses one.
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { DateTime } from "luxon";
import { replaceFile } from "../content/wholeFile.js";

export interface ChannelRecord {
  /** From when this channel announces reports (ISO). */
  since: string;
  /** Report file (`posts/2026-W06-ai-weekly.md`) → when it was announced (ISO). */
  sent: Record<string, string>;
}

export interface NotifyRecord {
  version: 1;
  channels: Record<string, ChannelRecord>;
}

export const NOTIFY_FILE = "notify.json";

/** The record in `file`; an empty one when there is none; an error (never an empty record) when it cannot be read. */
export async function readRecord(file: string): Promise<NotifyRecord> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, channels: Object.create(null) as Record<string, ChannelRecord> };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<NotifyRecord>;
  if (parsed.version !== 1 || parsed.channels === null || typeof parsed.channels !== "object") throw new Error("not a record of weekly notify (version 1)");
  const channels = Object.create(null) as Record<string, ChannelRecord>;
  for (const [name, channel] of Object.entries(parsed.channels)) {
    if (typeof channel?.since !== "string" || !DateTime.fromISO(channel.since).isValid || channel.sent === null || typeof channel.sent !== "object") throw new Error(`channel ${JSON.stringify(name)} has no valid since or sent`);
    channels[name] = { since: channel.since, sent: Object.assign(Object.create(null) as Record<string, string>, channel.sent) };
  }
  return { version: 1, channels };
}

/** Writes the record whole (content/wholeFile.ts). */
export async function writeRecord(file: string, record: NotifyRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await replaceFile(file, `${JSON.stringify(record, null, 2)}\n`);
}
