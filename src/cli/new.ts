// `weekly new`: writes next week's report (and a digest stub) from the site's templates.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeNewWeek, planNewWeek, type NewWeekRequest } from "../content/newWeek.js";
import { buildClock } from "../content/schedule.js";
import type { SiteInspection } from "./inspect.js";

const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** `--weekday 4`, `thu` or `thursday` → 4 (ISO: Monday is 1); undefined when it is none of these. */
export function parseWeekday(text: string): number | undefined {
  if (/^[1-7]$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  const index = WEEKDAY_NAMES.findIndex((name) => lower.length >= 3 && name.startsWith(lower));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Writes the planned files, each only if it does not exist yet (`wx`), and returns their paths
 * relative to the site's folder, or the reason nothing was written.
 */
export async function writeNewWeek(
  siteDir: string,
  site: SiteInspection,
  request: NewWeekRequest,
  env: { WEEKLY_NOW?: string | undefined },
): Promise<{ paths: string[]; notes: string[] } | { error: string }> {
  const clock = buildClock(env.WEEKLY_NOW, site.options.timezone);
  if (clock.problem) return { error: clock.problem };
  const inSite = (path: string) => join(site.inputDir, path);
  const plan = planNewWeek(request, site.content, site.options, clock.now, existsIn(site));
  if ("error" in plan) return plan;
  const paths: string[] = [];
  for (const file of plan.files) {
    const target = join(siteDir, inSite(file.path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: "wx" });
    paths.push(inSite(file.path));
  }
  return { paths, notes: plan.notes };
}

/**
 * For a message of another command that proposes `weekly new`: what it would write now (", which
 * writes …"), or undefined when it would refuse (or the clock cannot be read).
 */
export function newWeekEffect(site: SiteInspection, request: NewWeekRequest, env: { WEEKLY_NOW?: string | undefined }): string | undefined {
  const clock = buildClock(env.WEEKLY_NOW, site.options.timezone);
  return clock.problem ? undefined : describeNewWeek(request, site.content, site.options, clock.now, existsIn(site));
}

/** Whether a file (relative to the input folder) exists, as `weekly new` asks before writing. */
function existsIn(site: SiteInspection): (path: string) => boolean {
  return (path) => existsSync(join(site.siteDir, site.inputDir, path));
}
