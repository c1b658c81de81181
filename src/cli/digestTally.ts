// The lines `weekly digest` ends with: one per source, in the sources' order, in the author's language.
import { inChinese, inEnglish, inLanguage, type Said } from "../core/show.js";
import type { Language } from "../core/language.js";
import type { Source } from "../content/sources.js";
import type { Tally } from "../digest/select.js";
import type { FeedItem } from "../digest/feed.js";

/** One source as `weekly digest` fetched it: its items and warnings, or why it failed. */
export type Fetched = { source: Source; items: FeedItem[]; warnings: Said[] } | { source: Source; failure: Said };

/** One line per source, in the sources' order: `Import AI: 25 in the feed, 6 in the week, 5 written; skipped 1 undated, 1 duplicate`, or why it failed. */
export function tallyLines(results: readonly Fetched[], tallies: readonly Tally[], wrote: Map<Source, number> | undefined, language: Language = "en"): string[] {
  const lines: string[] = [];
  const zh = language === "zh";
  for (const result of results) {
    const { source } = result;
    const tally = tallies.find((t) => t.source === source);
    if ("failure" in result || tally === undefined) {
      const why = "failure" in result ? inLanguage(result.failure, language) : zh ? "没有结果" : "no result";
      lines.push(zh ? `${source.name}：读取失败：${why}（${source.feed}）` : `${source.name}: failed: ${why} (${source.feed})`);
      continue;
    }
    const written = wrote?.get(source) ?? 0;
    lines.push(
      zh
        ? `${source.name}：订阅源 ${tally.inFeed} 条，本周 ${tally.inWeek} 条，写入 ${written} 条；跳过无日期 ${tally.undated} 条、重复 ${tally.duplicate} 条`
        : `${source.name}: ${tally.inFeed} in the feed, ${tally.inWeek} in the week, ${written} written; skipped ${tally.undated} undated, ${tally.duplicate} duplicate`,
    );
    for (const warning of [...tally.warnings, ...result.warnings]) lines.push(zh ? `  警告：${inChinese(warning)}` : `  warning: ${inEnglish(warning)}`);
  }
  return lines;
}
