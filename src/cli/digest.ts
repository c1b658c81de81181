// `weekly digest`: the week's items fetched from every source's feed and written as the week's
// digest; `--import` adds an OPML file's feeds to the sources.
import { REASONS } from "../digest/fetchReasons.js";
import { tallyLines, type Fetched } from "./digestTally.js";
import { commandLine, inChinese, inEnglish, type Said } from "../core/show.js";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createFile, replaceFile } from "../content/wholeFile.js";
import { dirname, join, posix } from "node:path";
import type { DateTime } from "luxon";
import { formatProblem, plural } from "../core/errors.js";
import { formatIsoDate, type IsoWeek } from "../core/dates.js";
import { draftReason, weekOrCurrent, fillTemplate, plannedMoment } from "../content/newWeek.js";
import { buildClock } from "../content/schedule.js";
import { readSources, sourcesYaml, type Source } from "../content/sources.js";
import { DEFAULT_FETCH, fetchFeed, mapLimited, type FetchOptions } from "../digest/http.js";
import { decodeFeed } from "../digest/charset.js";
import { readFeed } from "../digest/feed.js";
import { newSources, sourcesFromOpml } from "../digest/opml.js";
import { selectWeek, type Tally } from "../digest/select.js";
import { digestMarkdown, mergeDigest, type FailedSource } from "../digest/write.js";
import { languageOfSite, siteOf, type SiteInspection } from "./inspect.js";
import { defineCommand, timeoutOption } from "./commandLine.js";
import { PACKAGE_ROOT } from "../core/packageRoot.js";

/** Sources fetched at once. */
const AT_ONCE = 4;

export const digestCommand = defineCommand({
  name: "digest",
  summary: {
    en: "Collect a week's news from the feeds of weekly_news/sources.yml into the week's digest; exit 1 when a source failed, 2 when the sources file is wrong.",
    zh: "从 weekly_news/sources.yml 列出的订阅源收集一周的新闻，写进这一周的摘要；有来源失败时以 1 退出，来源文件有误时以 2 退出。",
  },
  arguments: [{ value: "YYYY-Www", description: { en: "the week (default: the ISO week that holds now)", zh: "周次（默认：现在所在的 ISO 周）" } }],
  expects: { en: "expected one week such as 2026-W07", zh: "需要一个周次，如 2026-W07" },
  options: {
    timeout: timeoutOption(20, { en: "the most one source may take, retries included", zh: "一个来源最多可用的时间，含重试" }),
    offline: { type: "boolean", description: { en: "work from the last good response of each feed, kept in the cache", zh: "使用缓存里每个订阅源上一次成功的响应，不联网" } },
    merge: { type: "boolean", description: { en: "add the items the week's existing digest lacks, nothing else", zh: "只把这一周已有摘要里缺少的条目加进去，别的不动" } },
    "dry-run": { type: "boolean", description: { en: "print the digest instead of writing it", zh: "打印摘要，不写入文件" } },
    import: {
      type: "string",
      value: "FILE.opml",
      read: (text) => text,
      expected: { en: "a feed reader's OPML export", zh: "阅读器导出的 OPML 文件" },
      description: { en: "add a feed reader's subscriptions to the sources, then stop", zh: "把阅读器的订阅加进来源，然后结束" },
    },
  },
  conflicts: ({ values, positionals }) =>
    values.import !== undefined && (positionals.length > 0 || values.merge || values["dry-run"] || values.offline)
      ? [{ en: "--import adds sources and stops; run it without a week, --merge, --dry-run or --offline.", zh: "--import 只添加来源然后结束；运行它时不要带周次、--merge、--dry-run 或 --offline。" }]
      : [],
  async run({ values, positionals }, io) {
    const site = await siteOf("digest", io);
    if (!site) return 2;
    if (values.import !== undefined) return importSources(site, values.import, io);
    return runDigest(site, { week: positionals[0], timeoutSeconds: values.timeout, offline: values.offline, merge: values.merge, dryRun: values["dry-run"] }, io);
  },
});
const SOURCES_HEADER = "# 每周新闻摘要的来源：weekly digest 按顺序抓取；重复的条目归排在前面的来源。\n# name: 小节标题；feed: 订阅源（RSS、Atom、RDF 或 JSON Feed）的地址；home: 来源主页（可省）。\n";

export interface DigestRequest {
  week: string | undefined;
  timeoutSeconds: number;
  offline: boolean;
  merge: boolean;
  dryRun: boolean;
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  env: { WEEKLY_NOW?: string | undefined; WEEKLY_LANG?: string | undefined };
  /** How hosts are resolved and connected to (default: the system's resolver, the address checked). */
  network?: Pick<FetchOptions, "resolve" | "connectTo">;
}

/** Fetches, selects and writes; returns the exit code (0 every source read, 1 one failed or refused, 2 cannot run). */
export async function runDigest(site: SiteInspection, request: DigestRequest, io: Io): Promise<number> {
  const language = languageOfSite(site, io);
  const say = (line: Said) => io.err.write(`${commandLine("weekly digest", line, language)}\n`);
  const sourceErrors = site.problems.filter((p) => p.file === site.sourcesFile && p.severity === "error");
  if (sourceErrors.length > 0) {
    for (const problem of sourceErrors) io.err.write(`${formatProblem(problem, language)}\n`);
    say({ en: `${site.sourcesFile} has ${plural(sourceErrors.length, "problem")}; nothing fetched, nothing written.`, zh: `${site.sourcesFile} 有 ${sourceErrors.length} 个问题；没有抓取，也没有写入。` });
    return 2;
  }
  if (site.sources.length === 0) {
    say({
      en: `no sources: list them in ${site.sourcesFile} (- name: …, feed: https://…), or add a feed reader's export with weekly digest --import subscriptions.opml.`,
      zh: `没有来源：请在 ${site.sourcesFile} 里列出（\`- name: …\`、\`feed: https://…\`），或用 \`weekly digest --import subscriptions.opml\` 导入 RSS 阅读器的订阅。`,
    });
    return 2;
  }
  const opts = site.options;
  const clock = buildClock(io.env.WEEKLY_NOW, opts.timezone);
  if (clock.problem) return say(clock.problem), 2;
  const week = weekOrCurrent(request.week, clock.now, opts.timezone);
  if ("error" in week) return say(week.error), 2;

  const file = posix.join(site.inputDir, opts.digestsDir, fillTemplate(opts.newWeek.digestFile, week));
  const target = join(site.siteDir, file);
  const existing = site.content.digests.find((d) => d.week === week.key)?.path;
  const existingFile = existing === undefined ? (existsSync(target) ? file : undefined) : posix.join(site.inputDir, existing);
  // A digest too large to read (the check refused it unread) is never read to merge into.
  const tooLarge = site.problems.find((p) => p.code === "file-too-large" && p.file === existingFile);
  if (tooLarge && request.merge) {
    io.err.write(`${formatProblem(tooLarge, languageOfSite(site, io))}\n`);
    say({ en: `${existingFile} is too large to merge into; nothing fetched, nothing written.`, zh: `${existingFile} 太大，无法合并；没有抓取，也没有写入。` });
    return 2;
  }
  if (existingFile !== undefined && !request.merge && !request.dryRun) {
    say({ en: `${existingFile} exists; nothing written. Add the new items with --merge, or see the digest with --dry-run.`, zh: `${existingFile} 已存在；没有写入。用 \`--merge\` 追加新条目，或用 \`--dry-run\` 先看看摘要。` });
    return 1;
  }

  const fetchOptions: FetchOptions = {
    ...DEFAULT_FETCH,
    timeoutMs: request.timeoutSeconds * 1000,
    userAgent: `weekly-digest/${await toolVersion()} (+${opts.site.url ?? "no site url"})`,
    cacheDir: opts.cacheDir === false ? undefined : join(site.siteDir, opts.cacheDir, "digest"),
    offline: request.offline,
    ...io.network,
  };
  const results = await mapLimited(site.sources, AT_ONCE, (source) => fetchSource(source, fetchOptions));
  const { sections, tallies } = selectWeek(site.sources, results.map((r) => ("items" in r ? r.items : undefined)), week);
  const failed = results.filter((r) => "failure" in r);
  // Each failure leaves a note in the digest, with the moment it was met in the site's zone.
  const at = clock.now.setZone(opts.timezone).toFormat("yyyy-MM-dd HH:mm");
  const failures: FailedSource[] = results.flatMap((r) => ("failure" in r ? [{ source: r.source, reason: r.failure, at }] : []));
  const read = results.flatMap((r) => ("failure" in r ? [] : [r.source]));

  let wrote: Map<Source, number> | undefined;
  if (failed.length === results.length) {
    say({ en: "no source could be read; nothing written.", zh: "没有一个来源能读取；没有写入。" });
  } else if (sections.length === 0) {
    say({ en: `no items in ${week.key} (${formatIsoDate(week.start)} – ${formatIsoDate(week.end)}, ${opts.timezone}); nothing written.`, zh: `${week.key}（${formatIsoDate(week.start)} – ${formatIsoDate(week.end)}，${opts.timezone}）没有条目；没有写入。` });
  } else if (existingFile !== undefined && request.merge) {
    const merged = mergeDigest(await readFile(join(site.siteDir, existingFile), "utf8"), sections, { read, failed: failures, week: week.key });
    wrote = merged.added;
    if (request.dryRun) io.out.write(merged.text);
    else if (merged.added.size > 0 || merged.notes > 0) await replaceFile(join(site.siteDir, existingFile), merged.text);
    const count = [...merged.added.values()].reduce((a, b) => a + b, 0);
    const notes = merged.notes === 0 ? "" : `; ${plural(merged.notes, "note")} on unread sources ${request.dryRun ? "would be " : ""}written, updated or removed`;
    const notesZh = merged.notes === 0 ? "" : `；${request.dryRun ? "将" : "已"}写入、更新或删除 ${merged.notes} 行未能读取来源的注释`;
    say({
      en: `${count === 0 ? `${existingFile} already holds every item of ${week.key}; nothing added` : `${request.dryRun ? "would add" : "added"} ${plural(count, "item")} to ${existingFile}`}${notes}.`,
      zh: `${count === 0 ? `${existingFile} 已有 ${week.key} 的全部条目；没有追加` : `${request.dryRun ? "将向" : "已向"} ${existingFile} 追加 ${count} 条`}${notesZh}。`,
    });
  } else {
    const front = frontMatter(site, week, clock.now);
    const text = digestMarkdown(front, week, sections, failures, site.sources);
    wrote = new Map(sections.map((s) => [s.source, s.entries.length]));
    if (request.dryRun) io.out.write(text);
    else {
      await mkdir(dirname(target), { recursive: true });
      if (!(await createFile(target, text))) return say({ en: `${file} appeared while the feeds were read; nothing written. Add the items with --merge.`, zh: `读取订阅源期间出现了 ${file}；没有写入。请用 \`--merge\` 追加条目。` }), 1;
      io.out.write(`${file}\n`);
    }
    // Nothing the author has not read goes live: collected after its moment, the digest waits.
    if (front.why !== undefined) {
      say({
        en: `${file} ${request.dryRun ? "would be" : "is"} a draft (draft: true), since ${inEnglish(front.why)}: read it, then remove draft: true to publish it.`,
        zh: `${file} ${request.dryRun ? "将是" : "是"}草稿（\`draft: true\`），因为${inChinese(front.why)}：读一遍，然后删掉 \`draft: true\` 发布它。`,
      });
    }
  }
  for (const line of tallyLines(results, tallies, wrote, language)) io.err.write(`${line}\n`);
  return failed.length > 0 ? 1 : 0;
}


/** One source: its feed fetched and read. Whatever goes wrong is that source's failure, never the run's. */
async function fetchSource(source: Source, options: FetchOptions): Promise<Fetched> {
  try {
    const response = await fetchFeed(source.feed, options);
    if (!response.ok) return { source, failure: response.reason };
    const feed = readFeed(response.body, response.contentType, response.url);
    if (!feed.ok) return { source, failure: feed.reason };
    // The response is kept once it read as a feed; a cache that cannot be written costs only that.
    const kept = await response.remember().then(
      () => [],
      (error: unknown) => [REASONS.notKept((error as Error).message)],
    );
    // A malformed feed read all the same: one warning names what was repaired and where.
    return { source, items: feed.items, warnings: [...(feed.repaired === undefined ? [] : [feed.repaired]), ...kept] };
  } catch (error) {
    return { source, failure: REASONS.unreadable((error as Error).message) };
  }
}

/**
 * The digest goes live with its week's report: the report's moment, else the one the template
 * plans; a draft when that moment has passed (or the report is a draft), with the reason in `why`.
 */
function frontMatter(site: SiteInspection, week: IsoWeek, now: DateTime) {
  const opts = site.options;
  const report = site.content.reports.find((r) => r.week === week.key);
  const planned = plannedMoment(week, opts.newWeek.weekday, opts.newWeek.time);
  const why = draftReason(report, planned, now, opts.timezone);
  return {
    title: fillTemplate(opts.newWeek.digestTitle, week),
    description: `${week.weekYear} 年第 ${week.weekNumber} 周（${formatIsoDate(week.start)} 至 ${formatIsoDate(week.end)}）人工智能新闻摘要，按来源整理。`,
    scheduled: report === undefined ? planned : report.scheduled,
    draft: why !== undefined,
    why,
  };
}


/** `--import FILE`: the OPML's feeds added at the end of the sources file; those it holds are skipped. */
async function importSources(site: SiteInspection, opmlPath: string, io: Io): Promise<number> {
  const language = languageOfSite(site, io);
  const say = (line: Said) => io.err.write(`${commandLine("weekly digest", line, language)}\n`);
  let bytes;
  try {
    bytes = await readFile(opmlPath);
  } catch (error) {
    return say({ en: `cannot read ${opmlPath}: ${(error as Error).message}`, zh: `无法读取 ${opmlPath}：${(error as Error).message}` }), 2;
  }
  // Feed readers export UTF-16 (with a BOM) or GBK as well as UTF-8: read as a feed is.
  const decoded = decodeFeed(bytes, undefined);
  if ("reason" in decoded) return say({ en: `${opmlPath}: ${inEnglish(decoded.reason)}; nothing imported.`, zh: `${opmlPath}：${inChinese(decoded.reason)}；什么也没有导入。` }), 2;
  if (decoded.note !== undefined) say({ en: `${opmlPath}: ${inEnglish(decoded.note)}.`, zh: `${opmlPath}：${inChinese(decoded.note)}。` });
  const read = sourcesFromOpml(decoded.text);
  if ("reason" in read) return say({ en: `${opmlPath}: ${inEnglish(read.reason)}; nothing imported.`, zh: `${opmlPath}：${inChinese(read.reason)}；什么也没有导入。` }), 2;
  const sourcesPath = join(site.siteDir, site.sourcesFile);
  const before = existsSync(sourcesPath) ? await readFile(sourcesPath, "utf8") : SOURCES_HEADER;
  const current = readSources(site.sourcesFile, before);
  if (current.problems.some((p) => p.severity === "error")) {
    for (const problem of current.problems) io.err.write(`${formatProblem(problem, languageOfSite(site, io))}\n`);
    return say({ en: `fix ${site.sourcesFile} first; nothing imported.`, zh: `请先修正 ${site.sourcesFile}；什么也没有导入。` }), 2;
  }
  const { added, present } = newSources(current.sources, read.sources);
  for (const skipped of read.skipped) {
    const at = `${opmlPath}${skipped.line === undefined ? "" : `:${skipped.line}`}`;
    say({ en: `${at}: ${inEnglish(skipped.message)}.`, zh: `${at}：${inChinese(skipped.message)}。` });
  }
  for (const source of present) say({ en: `skipped ${source.name}: ${source.feed} is listed already.`, zh: `跳过了 ${source.name}：${source.feed} 已经在列表里。` });
  if (added.length > 0) {
    const after = `${before}${before === "" || before.endsWith("\n") ? "" : "\n"}${sourcesYaml(added)}`;
    // Appending must leave a file that reads back with every source: never write one that does not.
    const check = readSources(site.sourcesFile, after);
    if (check.problems.some((p) => p.severity === "error") || check.sources.length !== current.sources.length + added.length) {
      return say({
        en: `${site.sourcesFile} is not a plain list that sources can be added to (write it as - name: … entries); nothing imported.`,
        zh: `${site.sourcesFile} 不是可以追加来源的普通列表（请写成一条条 \`- name: …\`）；什么也没有导入。`,
      }), 2;
    }
    await mkdir(dirname(sourcesPath), { recursive: true });
    await replaceFile(sourcesPath, after);
  }
  io.out.write(`${site.sourcesFile}\n`);
  say({
    en: `added ${plural(added.length, "source")} from ${opmlPath}${present.length > 0 ? `, ${present.length} listed already` : ""}.`,
    zh: `从 ${opmlPath} 加入了 ${added.length} 个来源${present.length > 0 ? `，${present.length} 个已经在列表里` : ""}。`,
  });
  return 0;
}

async function toolVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version: string };
  return pkg.version;
}
