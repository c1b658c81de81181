// Is this page published at time T? `scheduled`, `draft`, the build's clock, and the build's summary.
import type { Language } from "../core/language.js";
import { DateTime } from "luxon";
import { ACCEPTED_DATE_FORMS, parseSiteDate } from "../core/dates.js";
import { fieldParams } from "./schema.js";
import { problem, type Severity } from "../core/problemCodes.js";
import { plural, show } from "../core/errors.js";
import { UI } from "../core/strings.js";

export type PublishState =
  | { state: "published" }
  /** Goes live at `at`; until then a production build leaves no trace of it. */
  | { state: "scheduled"; at: DateTime }
  /** `draft: true`: never published by a production build. */
  | { state: "draft" };

export interface FieldProblem {
  field: string;
  severity: Severity;
  code: "invalid-field";
  message: string;  /** The message in Chinese. */
  zh: string;
}

/**
 * Decides whether a page is live at `now`. A page is published from the moment in `scheduled`
 * (inclusive); without `scheduled` it is published at once. `draft: true` wins over any schedule.
 */
export function publishState(
  data: Readonly<Record<string, unknown>>,
  now: DateTime,
  zone: string,
): { status: PublishState; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const draft = data.draft;
  if (draft !== undefined && draft !== null && typeof draft !== "boolean") {
    problems.push(problem("invalid-field", { field: "draft" }, fieldParams("draft", draft, zone)));
  }
  let at: DateTime | undefined;
  const scheduled = data.scheduled;
  if (scheduled !== undefined && scheduled !== null && scheduled !== "") {
    const parsed = parseSiteDate(scheduled, zone);
    if (parsed) at = parsed.dateTime;
    else problems.push(problem("invalid-field", { field: "scheduled" }, fieldParams("scheduled", scheduled, zone)));
  }
  // A page whose draft flag or schedule cannot be read is held back: the build fails anyway.
  if (draft === true || problems.length > 0) return { status: { state: "draft" }, problems };
  if (at !== undefined && now < at) return { status: { state: "scheduled", at }, problems };
  return { status: { state: "published" }, problems };
}

/**
 * The build's "now": `WEEKLY_NOW` when set (so a build can be reproduced), else the real clock,
 * both in the site's zone. A malformed `WEEKLY_NOW` is an error, never silently the real clock.
 */
export function buildClock(
  weeklyNow: string | undefined,
  zone: string,
  realClock: () => DateTime = () => DateTime.now(),
): { now: DateTime; problem?: string } {
  if (weeklyNow === undefined || weeklyNow.trim() === "") return { now: realClock().setZone(zone) };
  const parsed = parseSiteDate(weeklyNow, zone);
  if (parsed) return { now: parsed.dateTime };
  return {
    now: realClock().setZone(zone),
    problem: `WEEKLY_NOW: received ${show(weeklyNow)}; expected ${ACCEPTED_DATE_FORMS} (read in ${zone}).`,
  };
}

/** `2026-02-12 08:00 (UTC+8)`: the publish moment as the author reads it, with its offset. */
export function formatPublishTime(at: DateTime): string {
  const seconds = at.second !== 0 ? ":ss" : "";
  return `${at.toFormat(`yyyy-MM-dd HH:mm${seconds}`)} (UTC${at.toFormat("Z")})`;
}

/** The notice a preview shows on a page that a production build would not publish. */
export function previewNotice(status: PublishState): string | undefined {
  if (status.state === "scheduled") return UI.notice.scheduled(formatPublishTime(status.at));
  if (status.state === "draft") return UI.notice.draft;
  return undefined;
}

export interface BuildSummary {
  preview: boolean;
  reports: number;
  digests: number;
  scheduled: Array<{ path: string; at: DateTime }>;
  drafts: string[];
}

/**
 * The one line every build ends with: what was published, what waits, and when the next page goes
 * live, so whoever runs the periodic rebuild knows when it is due.
 */
export function summaryLine(summary: BuildSummary, language: Language = "en"): string {
  const waiting = [...summary.scheduled].sort((a, b) => a.at.toMillis() - b.at.toMillis() || (a.path < b.path ? -1 : 1));
  if (language === "zh") return summaryLineZh(summary, waiting);
  const scheduled = waiting.length === 0 ? "none" : waiting.map((s) => `${s.path} at ${formatPublishTime(s.at)}`).join(", ");
  const drafts = summary.drafts.length === 0 ? "none" : [...summary.drafts].sort().join(", ");
  const counts = `${plural(summary.reports, "report")} and ${plural(summary.digests, "digest")}`;
  if (summary.preview) {
    return `[weekly] preview built ${counts}; scheduled: ${scheduled}; drafts: ${drafts} (a production build publishes neither before its time).`;
  }
  const next = waiting[0] ? `next goes live ${formatPublishTime(waiting[0].at)}: rebuild then.` : "nothing is waiting to go live.";
  return `[weekly] published ${counts}; scheduled: ${scheduled}; drafts: ${drafts}; ${next}`;
}

/** The same line in Chinese: `[weekly] 已发布 1 期报告、1 份摘要；定时：无；草稿：无；没有等待上线的内容。` */
function summaryLineZh(summary: BuildSummary, waiting: BuildSummary["scheduled"]): string {
  const scheduled = waiting.length === 0 ? "无" : waiting.map((s) => `${s.path}（${formatPublishTime(s.at)}）`).join("、");
  const drafts = summary.drafts.length === 0 ? "无" : [...summary.drafts].sort().join("、");
  const counts = `${summary.reports} 期报告、${summary.digests} 份摘要`;
  if (summary.preview) return `[weekly] 预览已生成 ${counts}；定时：${scheduled}；草稿：${drafts}（正式构建不会提前发布它们）。`;
  const next = waiting[0] ? `下一篇 ${formatPublishTime(waiting[0].at)} 上线：届时请重新构建。` : "没有等待上线的内容。";
  return `[weekly] 已发布 ${counts}；定时：${scheduled}；草稿：${drafts}；${next}`;
}
