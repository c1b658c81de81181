// `weekly check`: every problem of a site's content, found by the analysis a build runs.
import { formatProblem, messageIn, plural, type Problem } from "../core/errors.js";
import { messageLanguage, type Language } from "../core/language.js";
import { problemKind } from "../core/problemCodes.js";
import { defineCommand, oneOf } from "./commandLine.js";
import { siteOf } from "./inspect.js";

export const checkCommand = defineCommand({
  name: "check",
  summary: {
    en: "Check every report and digest (front matter, links, weeks) without building; exit 1 when there is an error.",
    zh: "不构建，检查每篇报告和摘要（front matter、链接、周次）；有错误时以 1 退出。",
  },
  arguments: [],
  expects: { en: "it checks the site in the current folder", zh: "它检查当前文件夹里的站点" },
  options: {
    format: {
      type: "string",
      ...oneOf(["text", "json"]),
      description: { en: "lines of file:line:column, or JSON with each problem's code, title and hint", zh: "按“文件:行:列”逐行列出，或输出 JSON（每个问题带代码、标题和提示）" },
      default: "text",
    },
  },
  async run({ values }, io) {
    const site = await siteOf("check", io);
    if (!site) return 2;
    io.out.write(formatReport(site, values.format, messageLanguage(site.options.site.language, io.env.WEEKLY_LANG)));
    return site.problems.some((p) => p.severity === "error") ? 1 : 0;
  },
});

export interface CheckReport {
  problems: Problem[];
  files: number;
}

/**
 * The report as lines of `file:line:col  message [code]` and a count, or as JSON, where each
 * problem also carries its code's title and the general way to fix it (from the catalogue).
 */
export function formatReport(report: CheckReport, format: "text" | "json", language: Language = "en"): string {
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.length - errors;
  if (format === "json") {
    // The same keys in either language: the message, title and hint are in the language chosen.
    const problems = report.problems.map(({ zh: _zh, ...problem }) => ({ ...problem, message: messageIn({ ...problem, zh: _zh }, language), ...problemKind(problem.code, language) }));
    return `${JSON.stringify({ files: report.files, errors, warnings, problems }, null, 2)}\n`;
  }
  const lines = report.problems.map((problem) => formatProblem(problem, language)).join("\n");
  if (language === "zh") {
    if (report.problems.length === 0) return `${report.files} 个文件，没有问题。\n`;
    return `${lines}\n${report.files} 个文件中有 ${errors} 个错误、${warnings} 个警告。\n`;
  }
  const files = plural(report.files, "file");
  if (report.problems.length === 0) return `No problems in ${files}.\n`;
  const count = [plural(errors, "error"), plural(warnings, "warning")].join(", ");
  return `${lines}\n${count} in ${files}.\n`;
}
