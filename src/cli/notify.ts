// `weekly notify`: run after the deploy step, it announces each report that is live and not yet
// announced on each channel of the `notify` option (notify/messages.ts): once its page answers at
// the site's address, then recorded (notify/record.ts). A channel that fails is named, with the
// service's own words, and the others are still sent; secrets never appear in what it prints.
import { resolve } from "node:path";
import { DateTime } from "luxon";
import { commandLine, type Said } from "../core/show.js";
import { formatIsoDate, parseSiteDate } from "../core/dates.js";
import { formatProblem } from "../core/errors.js";
import { buildClock } from "../content/schedule.js";
import { tagsOf } from "../content/tags.js";
import type { AnalysedPage } from "../content/pageTypes.js";
import { cardUrl } from "../cards/key.js";
import { encodeUrl } from "../core/safety.js";
import { answerError, isBusy, requestsFor, type Announcement, type Channel } from "../notify/messages.js";
import { deliver } from "../notify/deliver.js";
import { NOTIFY_FILE, readRecord, writeRecord, type NotifyRecord } from "../notify/record.js";
import { channelsOf, masker } from "../notify/channels.js";
import { languageOfSite, siteOf, type SiteInspection } from "./inspect.js";
import { acquireLock, realLockEnvironment } from "../pipeline/outputLock.js";
import { defineCommand, timeoutOption } from "./commandLine.js";

const RETRIES = 3;
/** How long a run waits for another to finish. */
const LOCK_WAIT_MS = 10 * 60_000;

export const notifyCommand = defineCommand({
  name: "notify",
  summary: {
    en: "Announce each report that went live, once per channel of the notify option (team chats, a webhook, a WebSub hub); run it after the deploy. Exit 1 when a channel failed, 2 when it cannot run.",
    zh: "把上线的每篇报告按 notify 选项的每个渠道（团队群聊、webhook、WebSub hub）各通知一次；在部署之后运行。有渠道失败时以 1 退出，无法运行时以 2 退出。",
  },
  arguments: [],
  expects: { en: "expected no argument", zh: "不需要参数" },
  options: {
    "dry-run": { type: "boolean", description: { en: "print every message instead of sending it (nothing is recorded)", zh: "打印每条消息而不发送（也不记录）" } },
    since: {
      type: "string",
      value: "DATE",
      read: (text) => (parseSiteDate(text, "UTC") ? text : undefined),
      expected: { en: "a date such as 2026-02-01 or 2026-02-01T08:00", zh: "一个日期，如 2026-02-01 或 2026-02-01T08:00" },
      description: { en: "also announce reports that went live from DATE on (default: from each channel's first run)", zh: "也通知从 DATE 起上线的报告（默认：从每个渠道第一次运行起）" },
    },
    timeout: timeoutOption(30, { en: "time for each channel, retries included (default 30)", zh: "每个渠道的时限，含重试（默认 30）" }),
  },
  async run({ values }, io) {
    const site = await siteOf("notify", io);
    if (!site) return 2;
    return runNotify(site, { dryRun: values["dry-run"], since: values.since, timeoutSeconds: values.timeout }, io);
  },
});

export interface NotifyRequest {
  dryRun: boolean;
  since: string | undefined;
  timeoutSeconds: number;
}

export interface NotifyIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Announces what is due; returns the exit code. */
export async function runNotify(site: SiteInspection, request: NotifyRequest, io: NotifyIo): Promise<number> {
  const language = languageOfSite(site, io);
  const opts = site.options;
  const say = (line: Said) => io.err.write(`${commandLine("weekly notify", line, language)}\n`);
  if (opts.notify.length === 0) {
    say({ en: "the notify option lists no channel: add one, such as notify: [{ service: \"slack\", urlEnv: \"SLACK_WEBHOOK_URL\" }].", zh: "notify 选项里没有渠道：请加一个，如 `notify: [{ service: \"slack\", urlEnv: \"SLACK_WEBHOOK_URL\" }]`。" });
    return 2;
  }
  const errors = site.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    for (const problem of errors) io.err.write(`${formatProblem(problem, language)}\n`);
    say({ en: "the site has errors (above): nothing announced.", zh: "站点有错误（见上）：什么也没有通知。" });
    return 2;
  }
  const clock = buildClock(io.env.WEEKLY_NOW, opts.timezone);
  if (clock.problem) return say(clock.problem), 2;
  const recordFile = opts.cacheDir === false ? undefined : resolve(site.siteDir, opts.cacheDir, NOTIFY_FILE);
  if (!recordFile) {
    say({ en: "cacheDir is false: weekly notify needs the cache to remember what it announced.", zh: "`cacheDir` 为 false：`weekly notify` 需要缓存来记住通知过什么。" });
    return 2;
  }
  // One run at a time (an hourly job and a push overlapping): both would send what neither recorded yet.
  let release: () => Promise<void> = async () => {};
  if (!request.dryRun) {
    try {
      release = await acquireLock(`${recordFile}.lock`, LOCK_WAIT_MS, { ...realLockEnvironment, waiting: (owner) => say({ en: `waiting for another weekly notify (process ${owner.pid}, since ${owner.since}).`, zh: `等待另一个 weekly notify 结束（进程 ${owner.pid}，自 ${owner.since} 起）。` }) });
    } catch (error) {
      say({ en: `another weekly notify is running and did not finish in time (${(error as Error).message}); nothing announced.`, zh: `另一个 weekly notify 正在运行，没有及时结束（${(error as Error).message}）；什么也没有通知。` });
      return 2;
    }
  }
  try {
    return await announceDue(site, request, io, { now: clock.now, recordFile, say });
  } finally {
    await release();
  }
}

/** What the run has settled before it announces: its moment (`WEEKLY_NOW`, else the clock), its record's file, and where it speaks. */
interface RunContext {
  now: DateTime;
  recordFile: string;
  say: (line: Said) => void;
}

async function announceDue(site: SiteInspection, request: NotifyRequest, io: NotifyIo, { now, recordFile, say }: RunContext): Promise<number> {
  const opts = site.options;
  const since = request.since === undefined ? undefined : parseSiteDate(request.since, opts.timezone)!.dateTime;
  let record: NotifyRecord;
  try {
    record = await readRecord(recordFile);
  } catch (error) {
    say({ en: `${recordFile} cannot be read (${(error as Error).message}): fix or remove it; nothing announced.`, zh: `${recordFile} 无法读取（${(error as Error).message}）：请修复或删除它；什么也没有通知。` });
    return 2;
  }

  const { channels, missing } = channelsOf(opts, io.env);
  const mask = masker(channels, io.env, opts);
  const fetcher = io.fetch ?? globalThis.fetch;
  const reports = liveReports(site, now);
  let failed = missing.length > 0;
  for (const { name, variable } of missing) say({ en: `${name}: the environment variable ${variable} is not set; nothing sent on this channel.`, zh: `${name}：环境变量 ${variable} 没有设置；这个渠道什么也没有发送。` });

  // Which reports each channel still owes, oldest first; a first run starts from now (or --since).
  const owed = new Map<Channel, AnalysedPage[]>();
  for (const channel of channels) {
    const kept = record.channels[channel.name];
    const from = since ?? (kept ? DateTime.fromISO(kept.since) : now);
    if (!kept && !request.dryRun) record.channels[channel.name] = { since: from.toISO()!, sent: Object.create(null) as Record<string, string> };
    owed.set(channel, reports.filter(({ page, liveAt }) => liveAt >= from && !kept?.sent[page.path]).map(({ page }) => page));
  }
  // Each owed report's page must answer at the site's address first: no one is told before the deploy.
  const answering = new Map<string, boolean>();
  for (const page of new Set([...owed.values()].flat())) {
    const url = `${opts.site.url}${page.url}`;
    // Its own page, not a redirect to the home page or a login: a 2xx at that address.
    const ok = await fetcher(url, { redirect: "manual", signal: AbortSignal.timeout(request.timeoutSeconds * 1000) }).then((r) => (void r.body?.cancel(), r.status >= 200 && r.status < 300), () => false);
    answering.set(page.url, ok);
    if (!ok) say({ en: `${url} does not answer yet: left for the next run.`, zh: `${url} 还不能访问：留到下次运行。` });
  }

  for (const [channel, pages] of owed) {
    const due = pages.filter((page) => answering.get(page.url));
    const deadline = performance.now() + request.timeoutSeconds * 1000;
    let sent = 0;
    for (const page of due) {
      // In the site's language, for its readers (WEEKLY_LANG chooses only the author's); signed at
      // the real time, which the services check (WEEKLY_NOW only says which reports are live).
      const requests = requestsFor(channel, announcement(page, site), /^zh\b/i.test(opts.site.language) ? "zh" : "en", new Date());
      if (request.dryRun) {
        for (const outgoing of requests) io.out.write(`${mask(`# ${channel.name} (${channel.service}): ${page.url}\nPOST ${outgoing.url}\n${outgoing.body}`)}\n\n`);
        sent++;
        continue;
      }
      let error: string | undefined;
      for (const outgoing of requests) {
        const answer = await deliver(outgoing, { fetch: fetcher, sleep: io.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))), deadline, retries: RETRIES, busy: (_, body) => isBusy(channel.service, body) });
        // The service's own words, also when it still refused after the retries (429, 5xx).
        error = answer.ok || answer.status !== undefined ? answerError(channel.service, answer.status ?? 0, answer.body) ?? (answer.ok ? undefined : answer.error) : answer.error;
        if (error !== undefined) break;
      }
      if (error !== undefined) {
        failed = true;
        say({ en: `${channel.name}: ${page.url} was not taken: ${mask(error)}; it is sent again next run.`, zh: `${channel.name}：${page.url} 没有发送成功：${mask(error)}；下次运行会再发。` });
        break; // the rest wait, in order, for the next run
      }
      // By the report's file: its address may change (a permalink, a slug) without it being news again.
      record.channels[channel.name]!.sent[page.path] = DateTime.now().setZone(opts.timezone).toISO()!;
      await writeRecord(recordFile, record);
      sent++;
    }
    say(request.dryRun ? { en: `${channel.name}: ${sent} to send.`, zh: `${channel.name}：将发送 ${sent} 篇。` } : { en: `${channel.name}: ${sent} sent.`, zh: `${channel.name}：已发送 ${sent} 篇。` });
  }
  if (!request.dryRun) await writeRecord(recordFile, record);
  return failed ? 1 : 0;
}

/** The site's published reports at `now`, oldest first, with the moment each went live (its `scheduled`, else its date). */
function liveReports(site: SiteInspection, now: DateTime): Array<{ page: AnalysedPage; liveAt: DateTime }> {
  const zone = site.options.timezone;
  return [...(site.site?.pages.values() ?? [])]
    .filter((page) => page.kind === "report" && page.status.state === "published" && page.url !== "")
    .map((page) => ({ page, liveAt: parseSiteDate(page.data.scheduled, zone)?.dateTime ?? page.date ?? now }))
    .filter(({ liveAt }) => liveAt <= now)
    .sort((a, b) => a.liveAt.toMillis() - b.liveAt.toMillis() || (a.page.path < b.page.path ? -1 : 1));
}

function announcement(page: AnalysedPage, site: SiteInspection): Announcement {
  const opts = site.options;
  const description = typeof page.data.description === "string" && page.data.description.trim() !== "" ? page.data.description.trim() : page.excerpt || page.title;
  return {
    title: page.title,
    summary: description,
    url: encodeUrl(`${opts.site.url}${page.url}`),
    card: opts.cards ? encodeUrl(`${opts.site.url}${cardUrl(page.url)}`) : undefined,
    week: page.week?.key,
    date: page.date ? formatIsoDate(page.date) : undefined,
    tags: tagsOf(page.data),
  };
}

