// What `weekly new` writes for a week: the report's file from its template, and a digest stub.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { show } from "../core/errors.js";
import { DateTime } from "luxon";
import { formatIsoDate, ISO_WEEK_RE, isoWeekOf, parseIsoWeek, parseSiteDate, weeksInWeekYear, type IsoWeek } from "../core/dates.js";
import type { ResolvedOptions } from "../core/options.js";
import type { AnalysedPage } from "./pageTypes.js";
import { digestContent, reportContent } from "./newWeekFiles.js";

/** Lines of `weekly new`'s templates that the author replaces: a page holding one is unfinished. */
export const PLACEHOLDER_LINES: readonly string[] = ["……", "- ……", "- **标题**：一句话摘要。", "本周导语：用两三句话概括本周最重要的几条主线。"];

/** The 0-based line of the first template placeholder left in a body, or undefined. */
export function placeholderLine(body: string): number | undefined {
  const index = body.split(/\r?\n/).findIndex((line) => PLACEHOLDER_LINES.includes(line.trim()));
  return index < 0 ? undefined : index;
}

export interface ExistingContent {
  /** Reports by path, with the ISO week of their date (in the site's zone). */
  reports: Array<{ path: string; week: string | undefined; scheduled?: string | undefined; draft?: boolean | undefined }>;
  digests: Array<{ path: string; week: string | undefined }>;
}

/** The reports and digests among pages, as `weekly new` needs them. */
export function existingOf(pages: Iterable<Pick<AnalysedPage, "path" | "kind" | "week" | "data">>): ExistingContent {
  const content: ExistingContent = { reports: [], digests: [] };
  for (const page of pages) {
    const scheduled = typeof page.data.scheduled === "string" ? page.data.scheduled : undefined;
    if (page.kind) content[page.kind === "report" ? "reports" : "digests"].push({ path: page.path, week: page.week?.key, scheduled, draft: page.data.draft === true });
  }
  return content;
}

export interface NewWeekRequest {
  /** `2026-W07`; absent: the week after the newest report, or this week when there is none. */
  week?: string | undefined;
  title?: string | undefined;
  weekday?: number | undefined;
  time?: string | undefined;
  tags?: string[] | undefined;
  digest?: boolean | undefined;
}

export interface PlannedFile {
  /** Relative to the input folder. */
  path: string;
  content: string;
}

export type NewWeekPlan =
  | {
      files: PlannedFile[];
      week: IsoWeek;
      notes: Said[];
      /** Why the files are drafts (`draft: true`), when they are. */
      draft?: Said | undefined;
      /** The `scheduled` the files are written with, when they have one. */
      goesLive?: string | undefined;
    }
  | { error: Said };

/** Fills `{week}`, `{year}`, `{ww}` and `{w}`. */
export function fillTemplate(template: string, week: IsoWeek): string {
  return template
    .replaceAll("{week}", week.key)
    .replaceAll("{year}", String(week.weekYear))
    .replaceAll("{ww}", String(week.weekNumber).padStart(2, "0"))
    .replaceAll("{w}", String(week.weekNumber));
}

/**
 * The week to write: the one asked for (which must exist), else the week after the newest report.
 * `effect` says what the command proposed instead would write (describeNewWeek).
 */
export function chooseWeek(asked: string | undefined, existing: ExistingContent, now: DateTime, zone: string, effect: (week: string) => Said = () => ""): IsoWeek | { error: Said } {
  if (asked !== undefined) return askedWeek(asked, zone);
  const current = isoWeekOf(now.setZone(zone));
  const newest = existing.reports.map((r) => r.week).filter((w): w is string => w !== undefined).sort().at(-1);
  if (newest === undefined) return current;
  const next = isoWeekOf(parseIsoWeek(newest, zone)!.start.plus({ weeks: 1 }));
  // A week already over would be published at the next build, template and all.
  if (next.start < current.start) {
    const said = effect(current.key);
    return {
      error: {
        en: `the week after the newest report (${newest}) is ${next.key}, which ended on ${formatIsoDate(next.end)}; nothing written. For this week's report run weekly new ${current.key}${inEnglish(said)}, or name the week you mean.`,
        zh: `最新一期（${newest}）的下一周是 ${next.key}，已在 ${formatIsoDate(next.end)} 结束；没有写入任何文件。要写本周的报告，请运行 \`weekly new ${current.key}\`${inChinese(said)}，或指明你要的那一周。`,
      },
    };
  }
  return next;
}

/** The week asked for (which must exist), else the week that holds now in the site's zone. */
export function weekOrCurrent(asked: string | undefined, now: DateTime, zone: string): IsoWeek | { error: Said } {
  return asked === undefined ? isoWeekOf(now.setZone(zone)) : askedWeek(asked, zone);
}

function askedWeek(asked: string, zone: string): IsoWeek | { error: Said } {
  if (!ISO_WEEK_RE.test(asked)) return { error: { en: `week ${show(asked)} is not a week; expected the form 2026-W07.`, zh: `${show(asked)} 不是一个周；应写成 \`2026-W07\` 这样。` } };
  const week = parseIsoWeek(asked, zone);
  if (week) return week;
  const year = Number(asked.slice(0, 4));
  return { error: { en: `week ${asked} does not exist: ${year} has ${weeksInWeekYear(year)} ISO weeks.`, zh: `第 ${asked} 周不存在：${year} 年有 ${weeksInWeekYear(year)} 个 ISO 周。` } };
}

/**
 * Plans the files of a new week. Nothing is overwritten: a week that already has a report, or a
 * file that exists, is refused. `--digest` plans the week's digest stub and nothing else, whether
 * or not the week has its report, and only when the week has no digest.
 */
export function planNewWeek(
  request: NewWeekRequest,
  existing: ExistingContent,
  opts: ResolvedOptions,
  now: DateTime,
  fileExists: (path: string) => boolean,
): NewWeekPlan {
  const week = chooseWeek(request.week, existing, now, opts.timezone, (key) => describeNewWeek({ week: key }, existing, opts, now, fileExists) ?? "");
  if ("error" in week) return week;
  const template = opts.newWeek;
  const weekday = request.weekday ?? template.weekday;
  const time = request.time ?? template.time;
  const date = formatIsoDate(week.start.plus({ days: weekday - 1 }));
  const scheduled = plannedMoment(week, weekday, time);
  const reportPath = `${opts.postsDir}/${fillTemplate(template.reportFile, week)}`;
  const digestTitle = fillTemplate(template.digestTitle, week);
  const digestFile = fillTemplate(template.digestFile, week);
  const digestPath = `${opts.digestsDir}/${digestFile}`;
  const existingDigest = existing.digests.find((d) => d.week === week.key)?.path ?? (fileExists(digestPath) ? digestPath : undefined);
  const sameWeek = existing.reports.find((r) => r.week === week.key);
  const goesLive = sameWeek ? sameWeek.scheduled : scheduled;
  const why = draftReason(sameWeek, scheduled, now, opts.timezone);
  const draft = why !== undefined;
  const digest: PlannedFile[] = existingDigest ? [] : [{ path: digestPath, content: digestContent(digestTitle, week, goesLive, draft) }];
  // `--digest`: the digest alone, never a report the author did not ask for.
  if (request.digest) {
    if (existingDigest) return { error: { en: `week ${week.key} already has its digest, ${existingDigest}; nothing written.`, zh: `${week.key} 周已有摘要 ${existingDigest}；没有写入任何文件。` } };
    const notes: Said[] = why !== undefined ? [{ en: `the digest is a draft (draft: true), since ${inEnglish(why)}: remove draft: true once it is written.`, zh: `摘要是草稿（\`draft: true\`），因为${inChinese(why)}：写好后删掉 \`draft: true\`。` }] : [];
    return { files: digest, week, notes, draft: why, goesLive };
  }
  if (sameWeek) {
    const free = freeWeekAfter(week, existing, (w) => fileExists(`${opts.postsDir}/${fillTemplate(template.reportFile, w)}`)).key;
    const what = existingDigest ? `and its digest, ${existingDigest}` : `(add its digest with weekly new ${week.key} --digest)`;
    const whatZh = existingDigest ? `和摘要 ${existingDigest}` : `（用 \`weekly new ${week.key} --digest\` 补上它的摘要）`;
    return {
      error: {
        en: `week ${week.key} already has a report, ${sameWeek.path}, ${what}; nothing written. Name another week, such as weekly new ${free}.`,
        zh: `${week.key} 周已有报告 ${sameWeek.path}${whatZh}；没有写入任何文件。请指明另一周，例如 \`weekly new ${free}\`。`,
      },
    };
  }
  if (fileExists(reportPath)) return { error: { en: `${reportPath} already exists; nothing written.`, zh: `${reportPath} 已存在；没有写入任何文件。` } };

  const title = fillTemplate(request.title ?? template.title, week);
  const tags = request.tags ?? template.tags;
  const digestStem = digestFile.replace(/\.md$/, "");
  // The report links its week's digest: the stub is written with it when the week has none, so
  // that the new report builds at once.
  const layout = opts.layouts.report === false ? undefined : opts.layouts.report;
  const report = reportContent({ title, date, scheduled, draft, tags, layout, digestTitle, digestLink: `../${opts.digestsDir}/${digestStem}` });
  const both = digest.length > 0;
  const notes: Said[] = draft
    ? [
        {
          en: `${scheduled} is already past in ${opts.timezone}, so the new ${both ? "files are drafts" : "report is a draft"} (draft: true) and no build publishes ${both ? "them" : "it"} unfinished. Once written, remove draft: true${both ? " from both" : ""}: ${both ? "they go" : "it goes"} live at the next build, or at a later scheduled moment if you set one.`,
          zh: `${scheduled} 在 ${opts.timezone} 已经过去，所以新的${both ? "两个文件都是" : "报告是"}草稿（\`draft: true\`），不会有构建把未写完的内容发布出去。写好后删掉${both ? "两个文件里的" : ""} \`draft: true\`：下一次构建就会上线，若另设了更晚的 \`scheduled\`，则在那时上线。`,
        },
      ]
    : [];
  return { files: [{ path: reportPath, content: report }, ...digest], week, notes, draft: why, goesLive: scheduled };
}

/**
 * What `weekly new` with `request` would write, as a message that proposes the command says it
 * (", which writes only weekly_news/ai_news_2026-W05.md from the template, as a draft …"), from the
 * command's own plan; undefined when the command would refuse.
 */
export function describeNewWeek(
  request: NewWeekRequest,
  existing: ExistingContent,
  opts: ResolvedOptions,
  now: DateTime,
  fileExists: (path: string) => boolean,
): Said | undefined {
  const plan = planNewWeek(request, existing, opts, now, fileExists);
  return "error" in plan ? undefined : describePlan(plan);
}

/** How a message says what a plan of `weekly new` writes (see describeNewWeek). */
export function describePlan(plan: Exclude<NewWeekPlan, { error: unknown }>): Said {
  const paths = plan.files.map((file) => file.path);
  const files = paths.length === 1 ? `only ${paths[0]}` : paths.join(" and ");
  const many = paths.length > 1;
  const state = plan.draft !== undefined
    ? `as ${many ? "drafts" : "a draft"} (draft: true) since ${inEnglish(plan.draft)}`
    : plan.goesLive === undefined ? "without a scheduled moment" : `scheduled at ${plan.goesLive}`;
  const stateZh = plan.draft !== undefined
    ? `写成草稿（\`draft: true\`），因为${inChinese(plan.draft)}`
    : plan.goesLive === undefined ? "不设定时" : `定时 ${plan.goesLive}`;
  return { en: `, which writes ${files} from the template, ${state}`, zh: `（它按模板${paths.length === 1 ? "只" : ""}写出 ${paths.join(" 和 ")}，${stateZh}）` };
}

/**
 * Why a file written now for a week must be a draft (`draft: true`), or undefined when it may stay
 * scheduled. A stub or a collected digest goes live with its week's report (without one, at the
 * template's moment `planned`), never before; one whose moment has passed would be published
 * unread by the next build (the hourly cron's), so it is held back until the author removes the mark.
 */
export function draftReason(report: { path: string; scheduled?: string | undefined; draft?: boolean | undefined } | undefined, planned: string, now: DateTime, timezone: string): Said | undefined {
  if (report?.draft) return { en: `its report, ${report.path}, is a draft`, zh: `它的报告 ${report.path} 是草稿` };
  const goesLive = report ? report.scheduled : planned;
  if (goesLive === undefined) return { en: `its report, ${report!.path}, has no scheduled moment`, zh: `它的报告 ${report!.path} 没有定时` };
  const moment = parseSiteDate(goesLive, timezone)?.dateTime;
  if (moment !== undefined && moment > now) return undefined;
  return report
    ? { en: `its report's scheduled moment, ${goesLive}, has passed`, zh: `它的报告的定时 ${goesLive} 已经过去` }
    : { en: `${goesLive}, when it would go live, has passed in ${timezone}`, zh: `它本该上线的 ${goesLive} 在 ${timezone} 已经过去` };
}

/** When a week's report goes live by the template: its weekday, at its time (`2026-02-12T08:00`), or the day. */
export function plannedMoment(week: IsoWeek, weekday: number, time: string): string {
  const date = formatIsoDate(week.start.plus({ days: weekday - 1 }));
  return time === "" ? date : `${date}T${time}`;
}

/** The first week after `week` that `weekly new` would start: no report, and no file at its report's name. */
function freeWeekAfter(week: IsoWeek, existing: ExistingContent, reportFileExists: (week: IsoWeek) => boolean): IsoWeek {
  let next = isoWeekOf(week.start.plus({ weeks: 1 }));
  while (existing.reports.some((r) => r.week === next.key) || reportFileExists(next)) next = isoWeekOf(next.start.plus({ weeks: 1 }));
  return next;
}
