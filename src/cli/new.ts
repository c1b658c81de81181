// `weekly new`: writes next week's report (and a digest stub) from the site's templates.
import { commandLine, type Said } from "../core/show.js";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeNewWeek, planNewWeek, type NewWeekRequest } from "../content/newWeek.js";
import { buildClock } from "../content/schedule.js";
import { siteOf, type SiteInspection, languageOfSite } from "./inspect.js";
import { defineCommand } from "./commandLine.js";

const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `--tags AI，代理、工具`: an author writing Chinese separates them with a full-width comma or 、. */
const TAG_SEPARATOR_RE = /[,，、]/;

export const newCommand = defineCommand({
  name: "new",
  summary: {
    en: "Start a week's report from the site's templates, with its digest stub when its week has none.",
    zh: "按站点的模板开始一周的报告；那一周还没有摘要时，一并写出摘要的草稿。",
  },
  arguments: [{ value: "YYYY-Www", description: { en: "the week (default: the week after the newest report)", zh: "周次（默认：最新一期报告的下一周）" } }],
  expects: { en: "expected one week such as 2026-W07", zh: "需要一个周次，如 2026-W07" },
  options: {
    title: { type: "string", value: "TEXT", read: (text) => text, expected: { en: "a title", zh: "一个标题" }, description: { en: "title; {year}, {ww}, {w} and {week} are filled in", zh: "标题；{year}、{ww}、{w} 和 {week} 会被填好" } },
    weekday: {
      type: "string",
      value: "1-7|mon…sun",
      read: parseWeekday,
      expected: { en: "1 (Monday) to 7 (Sunday), or mon … sun", zh: "1（星期一）到 7（星期日），或 mon … sun" },
      description: { en: "publishing weekday (default: the site's, Thursday unless set)", zh: "发布在星期几（默认：站点的设置，未设置时为星期四）" },
    },
    time: {
      type: "string",
      value: "HH:MM",
      read: (text) => (TIME_OF_DAY_RE.test(text) ? text : undefined),
      expected: { en: "a time of day such as 08:00", zh: "一个时刻，如 08:00" },
      description: { en: "time of day of scheduled (default: the day, 00:00)", zh: "`scheduled` 的时刻（默认：当天 00:00）" },
    },
    tags: { type: "string", value: "A,B", read: readTags, expected: { en: "tags separated by , or ，", zh: "用 , 或 ，分隔的标签" }, description: { en: "tags, separated by , or ，(default: the site's)", zh: "标签，用 , 或 ，分隔（默认：站点的设置）" } },
    digest: {
      type: "boolean",
      description: { en: "write only the week's digest stub, no report (a new report gets one anyway when its week has none)", zh: "只写出这一周的摘要草稿，不写报告（新报告所在的一周没有摘要时，本来就会一并写出）" },
    },
  },
  async run({ values, positionals }, io) {
    const site = await siteOf("new", io);
    if (!site) return 2;
    const { title, weekday, time, tags, digest } = values;
    const written = await writeNewWeek(site.siteDir, site, { week: positionals[0], title, weekday, time, tags, digest }, io.env);
    // In the site's language (or WEEKLY_LANG's): `weekly new：…` in Chinese.
    const said = (part: Said) => commandLine("weekly new", part, languageOfSite(site, io));
    if ("error" in written) {
      io.err.write(`${said(written.error)}\n`);
      return 1;
    }
    io.out.write(`${written.paths.join("\n")}\n`);
    for (const note of written.notes) io.err.write(`${said(note)}\n`);
    return 0;
  },
});

/** `AI， 代理` → ["AI", "代理"]. */
function readTags(text: string): string[] {
  return text.split(TAG_SEPARATOR_RE).map((tag) => tag.trim()).filter((tag) => tag !== "");
}

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
async function writeNewWeek(
  siteDir: string,
  site: SiteInspection,
  request: NewWeekRequest,
  env: { WEEKLY_NOW?: string | undefined },
): Promise<{ paths: string[]; notes: Said[] } | { error: Said }> {
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
export function newWeekEffect(site: SiteInspection, request: NewWeekRequest, env: { WEEKLY_NOW?: string | undefined }): Said | undefined {
  const clock = buildClock(env.WEEKLY_NOW, site.options.timezone);
  return clock.problem ? undefined : describeNewWeek(request, site.content, site.options, clock.now, existsIn(site));
}

/** Whether a file (relative to the input folder) exists, as `weekly new` asks before writing. */
function existsIn(site: SiteInspection): (path: string) => boolean {
  return (path) => existsSync(join(site.siteDir, site.inputDir, path));
}
