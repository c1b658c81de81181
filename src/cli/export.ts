// `weekly export`: a week's report as one of its editions (editions/registry.ts), made from the
// same Markdown the site renders, whether the report is published, scheduled or a draft.
import { commandLine, inChinese, inEnglish, type Said } from "../core/show.js";
import { stat } from "node:fs/promises";
import { posix, relative, resolve } from "node:path";
import { ISO_WEEK_RE } from "../core/dates.js";
import { formatProblem, plural } from "../core/errors.js";
import { imageSizeReader } from "../content/imageSize.js";
import type { AnalysedPage } from "../content/pageTypes.js";
import { editionReport } from "../editions/fromPage.js";
import { EDITIONS, editionNamed, type EditionName } from "../editions/registry.js";
import type { EditionPicture } from "../editions/pictures.js";
import { linkedFileSource } from "../content/linkedFiles.js";
import { variantBytes } from "../pipeline/imageVariants.js";
import { languageOfSite, siteOf, type SiteInspection } from "./inspect.js";
import { placeOutput, writePlaced } from "./writeTarget.js";
import { newWeekEffect } from "./new.js";
import { defineCommand, listed, listedZh, oneOf, spacedZh } from "./commandLine.js";

export const exportCommand = defineCommand({
  name: "export",
  summary: {
    en: `Make a report (published, scheduled or draft) into ${listed(EDITIONS.map((edition) => inEnglish(edition.summary)), "or")}.`,
    zh: `${spacedZh("把一篇报告（已发布、定时或草稿）做成", listedZh(EDITIONS.map((edition) => inChinese(edition.summary)), "or"))}。`,
  },
  arguments: [{ value: "YYYY-Www | FILE", description: { en: "the report's week, or its file", zh: "报告的周次，或它的文件" }, required: true }],
  expects: { en: "expected one week such as 2026-W07, or a report's file", zh: "需要一个周次（如 2026-W07）或一篇报告的文件" },
  missing: { en: "name the report", zh: "请指明是哪篇报告" },
  options: {
    format: {
      type: "string",
      ...oneOf(EDITIONS.map((edition) => edition.name)),
      required: true,
      description: {
        en: `the edition: ${listed(EDITIONS.map((edition) => `${edition.name} (${inEnglish(edition.summary)})`), "or")}`,
        zh: `版本：${listedZh(EDITIONS.map((edition) => `${edition.name}（${inChinese(edition.summary)}）`), "or")}`,
      },
    },
    output: {
      type: "string",
      short: "o",
      value: "FILE",
      read: (text) => text,
      expected: { en: "a file's path", zh: "一个文件路径" },
      description: { en: "write it to FILE (default: standard output)", zh: "写到 FILE（默认：标准输出）" },
    },
    unsubscribe: {
      type: "string",
      value: "TEXT",
      read: (text) => text,
      expected: { en: "your newsletter service's unsubscribe placeholder", zh: "邮件服务的退订占位符" },
      description: { en: "the email's unsubscribe link as your newsletter service writes it (default {{unsubscribe_url}})", zh: "邮件里的退订链接，按邮件服务的写法（默认 {{unsubscribe_url}}）" },
    },
  },
  conflicts: ({ values }) => {
    if (values.unsubscribe === undefined || editionNamed(values.format)?.unsubscribe !== false) return [];
    const having = EDITIONS.filter((e) => e.unsubscribe).map((e) => `--format ${e.name}`);
    return [
      {
        en: `--unsubscribe sets the unsubscribe link of ${listed(having, "or")}; --format ${values.format} has none.`,
        zh: `--unsubscribe 设置的是 ${listedZh(having, "or")} 的退订链接；--format ${values.format} 没有退订链接。`,
      },
    ];
  },
  async run({ values, positionals }, io) {
    const site = await siteOf("export", io);
    if (!site) return 2;
    const { format, output, unsubscribe } = values;
    return runExport(site, { which: positionals[0]!, format, output, unsubscribe, cwd: io.cwd, env: io.env }, io);
  },
});

export interface ExportRequest {
  /** `2026-W07`, or the report's file (relative to the folder the command runs in). */
  which: string;
  format: EditionName;
  /** Where to write; undefined: standard output. */
  output: string | undefined;
  /** The email's unsubscribe placeholder. */
  unsubscribe: string | undefined;
  /** The folder the command was run in, for a file named relative to it. */
  cwd: string;
  /** The environment: `WEEKLY_NOW`, for what a proposed `weekly new` would write. */
  env: { WEEKLY_NOW?: string | undefined };
}

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** Writes the edition; returns the exit code (0 written, 1 no such report or it has problems). */
async function runExport(site: SiteInspection, request: ExportRequest, io: Io): Promise<number> {
  const zh = languageOfSite(site, request) === "zh";
  const say = (line: Said) => io.err.write(`${commandLine("weekly export", line, zh ? "zh" : "en")}\n`);
  const printErrors = (files: (file: string) => boolean) => {
    const errors = site.problems.filter((p) => p.severity === "error" && files(p.file));
    for (const problem of errors) io.err.write(`${formatProblem(problem, languageOfSite(site, request))}\n`);
    return errors.length;
  };
  if (!site.site) {
    const count = printErrors(() => true);
    return say({ en: `the site's content cannot be read (${plural(count, "problem")}); fix it first (weekly check lists every one).`, zh: `站点的内容无法读取（${count} 个问题）；请先修正（\`weekly check\` 会逐一列出）。` }), 1;
  }
  // Judged before anything else, by where the bytes would land once every link is followed.
  const placement = request.output === undefined ? undefined : placeOutput(site, request.output, request.cwd);
  if (placement && "refused" in placement) return say(placement.refused), 2;
  const found = findReport(site, request);
  if ("error" in found) {
    // A report of that week whose front matter is wrong is not found by its week: its problems say why.
    printErrors((file) => ISO_WEEK_RE.test(request.which) && file.includes(request.which));
    return say(found.error), 1;
  }
  const page = found.page;
  const file = posix.join(site.inputDir, page.path);
  const errors = site.problems.filter((p) => p.file === file && p.severity === "error");
  if (errors.length > 0) {
    for (const problem of errors) io.err.write(`${formatProblem(problem, languageOfSite(site, request))}\n`);
    return say({ en: `${file} has ${plural(errors.length, "problem")}; fix ${errors.length === 1 ? "it" : "them"} first (weekly check lists every one).`, zh: `${file} 有 ${errors.length} 个问题；请先修正（\`weekly check\` 会逐一列出）。` }), 1;
  }
  const body = site.markdown.render(page.body, { page: { inputPath: `./${posix.join(site.inputDir, page.path)}` }, title: page.title });
  const report = editionReport(page, site.site, site.options, body);
  const kind = editionNamed(request.format)!;
  // Only the files the site may publish are read for their sizes (the rule of content/linkedFiles.ts).
  const imageSize = imageSizeReader(site.options.site.url, site.site.linked);
  const edition = kind.render(report, { imageSize, unsubscribe: request.unsubscribe });
  const size = Buffer.byteLength(edition, "utf8");
  if (kind.limit !== undefined && size > kind.limit.bytes) {
    const [kb, limit] = [Math.ceil(size / 1024), kind.limit.bytes / 1024];
    return say({
      en: `the ${kind.name} of ${file} is ${kb} KB, over ${limit} KB: ${inEnglish(kind.limit.beyond)}. Shorten the report, or send a link to the web page.`,
      zh: `${file} 的 ${kind.name} 版有 ${kb} KB，超过 ${limit} KB：${inChinese(kind.limit.beyond)}。请缩短报告，或改为发送网页链接。`,
    }), 1;
  }
  // Made (or found) before the edition is written: a picture that cannot be read stops the export.
  const weight = kind.sendsPictures ? await pictureWeight(site, report.pictures) : { bytes: 0, large: [] };
  if ("failed" in weight) return say(weight.failed), 2;
  if (request.output === undefined) io.out.write(edition);
  else if (placement && "path" in placement) {
    try {
      await writePlaced(placement.path, edition);
    } catch (error) {
      return say({ en: `cannot write ${request.output}: ${(error as Error).message}`, zh: `无法写入 ${request.output}：${(error as Error).message}` }), 2;
    }
    io.out.write(`${relative(request.cwd, resolve(request.cwd, request.output)) || placement.path}\n`);
  }
  // Written all the same: what the allow-list removed could not be in any edition (editions/sanitize.ts).
  if (report.removed.length > 0) say({ en: `warning: ${file}: what no edition keeps was removed: ${report.removed.map(inEnglish).join("; ")}.`, zh: `警告：${file}：删除了任何版本都不保留的内容：${report.removed.map(inChinese).join("；")}。` });
  for (const big of weight.large) {
    const kb = kilobytes(big.bytes);
    say({ en: `warning: ${big.input} is ${kb} KB, sent as it is (a GIF is not re-encoded): make it smaller, or link to it.`, zh: `警告：${big.input} 有 ${kb} KB，将原样发送（GIF 不会重新编码）：请把它改小，或改为链接。` });
  }
  // On standard error, as every line but the edition: standard output stays the edition.
  if (kind.sendsPictures) say(weightLine(request.format, size, weight.bytes, report.pictures.length, report.picturesElsewhere));
  const live = status(page, site.options.timezone);
  say({ en: `${file} as ${request.format}; ${live.en}`, zh: `${file} 已导出为 ${request.format}；${live.zh}` });
  return 0;
}

/** A GIF sent as it is, over this size, is named: every reader's mail client loads it whole. */
const LARGE_GIF_BYTES = 1024 * 1024;

/**
 * The bytes of the pictures an edition sends, each read where a build put it or made now as a
 * build makes it (pipeline/imageVariants.ts `variantBytes`: kept in the site's cache, never written into
 * the output folder, which is a build's and its record's).
 */
async function pictureWeight(site: SiteInspection, pictures: readonly EditionPicture[]): Promise<{ bytes: number; large: Array<{ input: string; bytes: number }> } | { failed: Said }> {
  const linked = site.site!.linked;
  const output = resolve(site.siteDir, site.folders.output);
  const cacheDir = site.options.cacheDir === false ? undefined : resolve(site.siteDir, site.options.cacheDir, "images");
  const plans = new Map([...site.site!.images, ...site.site!.heldImages]);
  let bytes = 0;
  const large: Array<{ input: string; bytes: number }> = [];
  for (const picture of pictures) {
    const plan = plans.get(picture.input);
    const variant = plan?.kind === "responsive" ? plan.variants.find((v) => v.file === picture.file) : undefined;
    try {
      const size = variant ? (await variantBytes(linked, picture.input, variant, { output, cacheDir })).length : (await stat(linkedFileSource(linked, picture.input))).size;
      if (!variant && size > LARGE_GIF_BYTES) large.push({ input: picture.input, bytes: size });
      bytes += size;
    } catch (error) {
      return { failed: { en: `cannot read or make ${picture.file}: ${(error as Error).message}`, zh: `无法读取或生成 ${picture.file}：${(error as Error).message}` } };
    }
  }
  return { bytes, large };
}

/** `email: 38 KB HTML + 412 KB in 3 pictures (460123 bytes in all)`. */
function weightLine(format: string, html: number, pictures: number, count: number, elsewhere: number): Said {
  const other = elsewhere === 0 ? { en: "", zh: "" } : { en: `; ${plural(elsewhere, "picture")} of other sites not counted`, zh: `；另有 ${elsewhere} 张其他网站的图片未计入` };
  return {
    en: `${format}: ${kilobytes(html)} KB HTML + ${kilobytes(pictures)} KB in ${plural(count, "picture")} (${html + pictures} bytes in all${other.en})`,
    zh: `${format}：HTML ${kilobytes(html)} KB + ${count} 张图片 ${kilobytes(pictures)} KB（共 ${html + pictures} 字节${other.zh}）`,
  };
}

function kilobytes(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

/** The report a week or a file names, scheduled and draft ones included. */
function findReport(site: SiteInspection, request: ExportRequest): { page: AnalysedPage } | { error: Said } {
  const pages = [...(site.site?.pages.values() ?? [])].filter((page) => page.kind === "report");
  if (ISO_WEEK_RE.test(request.which)) {
    const page = pages.find((p) => p.week?.key === request.which);
    if (page) return { page };
    const newest = pages.map((p) => p.week?.key).filter((w): w is string => w !== undefined).sort().at(-1);
    const effect = newWeekEffect(site, { week: request.which }, request.env);
    const start = effect === undefined ? { en: "", zh: "" } : { en: `; start one with weekly new ${request.which}${inEnglish(effect)}`, zh: `；用 \`weekly new ${request.which}\` 开始这一期${inChinese(effect)}` };
    return {
      error: {
        en: `no report for ${request.which}${newest === undefined ? "" : ` (the newest is ${newest})`}${start.en}.`,
        zh: `没有 ${request.which} 的报告${newest === undefined ? "" : `（最新一期是 ${newest}）`}${start.zh}。`,
      },
    };
  }
  const path = posix.normalize(relative(resolve(site.siteDir, site.inputDir), resolve(request.cwd, request.which)).split("\\").join("/"));
  const page = pages.find((p) => p.path === path || p.path === `${path}.md`);
  if (page) return { page };
  return {
    error: {
      en: `${request.which} is not a report of the site; name a week such as 2026-W07, or a report's file such as posts/2026-W07-ai-weekly.md.`,
      zh: `${request.which} 不是本站的报告；请给出一个周次（如 2026-W07）或一篇报告的文件（如 posts/2026-W07-ai-weekly.md）。`,
    },
  };
}

/** When the web page is (or goes) live: the edition may be prepared before. */
function status(page: AnalysedPage, zone: string): { en: string; zh: string } {
  const state = page.status;
  if (state.state === "draft") return { en: "the report is a draft (draft: true): its web page is not published yet.", zh: "这篇报告是草稿（`draft: true`）：它的网页还没有发布。" };
  if (state.state === "scheduled") {
    const at = state.at.setZone(zone).toFormat("yyyy-MM-dd HH:mm");
    return { en: `its web page goes live at ${at} (${zone}).`, zh: `它的网页将于 ${at}（${zone}）上线。` };
  }
  return { en: "its web page is live.", zh: "它的网页已经上线。" };
}
