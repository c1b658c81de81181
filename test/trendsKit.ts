// The trends fixture: 64 weeks of reports (2025-W01 to 2026-W12) with planted words, a few digests,
// and one report not yet live, written into a copy of test/fixtures/trends. What was planted is
// exported, so that tests compute what each page must show from it, not from the pages.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { copySite } from "./helpers.js";

export const WEEKS = 64;
/** The clock of the build: Saturday of 2026-W12; the held-back report goes live the next Thursday. */
export const NOW = "2026-03-21T12:00";
/** Mentioned three times a week in the last 8 weeks, never before; also a tag of those weeks. */
export const RISING = "量子";
/** Mentioned three times a week until 13 weeks before the end. */
export const COOLING = "比特币";
export const COOLING_UNTIL = 51;
/** Mentioned twice a week, every week. */
export const STEADY = "开源";
/** Only in the report not yet live: must appear nowhere. */
export const HELD_WORD = "秘密词汇";
export const HELD_TAG = "秘密标签";

export interface PlantedReport {
  index: number;
  key: string;
  weekYear: number;
  weekNumber: number;
  /** The week's Thursday (its month is the week's month on the year page). */
  thursday: DateTime;
  tags: string[];
  text: string;
}

const FIRST = DateTime.fromObject({ weekYear: 2025, weekNumber: 1, weekday: 4 }, { zone: "Asia/Shanghai" });

export function plantedReports(): PlantedReport[] {
  return Array.from({ length: WEEKS }, (_, index) => {
    const thursday = FIRST.plus({ weeks: index });
    const rising = index >= WEEKS - 8;
    const parts = ["本周综述。", `${STEADY}社区很活跃，${STEADY}模型更多。`, ...(rising ? Array(3).fill(`${RISING}计算有新进展。`) : []), ...(index < COOLING_UNTIL ? Array(3).fill(`${COOLING}价格回落。`) : [])];
    return {
      index,
      key: `${thursday.weekYear}-W${String(thursday.weekNumber).padStart(2, "0")}`,
      weekYear: thursday.weekYear,
      weekNumber: thursday.weekNumber,
      thursday,
      tags: rising ? ["AI", RISING] : ["AI"],
      text: parts.join(""),
    };
  });
}

/** Digests of three weeks of 2025 and one of 2026: sources and their items. */
export const DIGESTS: Array<{ index: number; sections: Array<[string, number]> }> = [
  { index: 2, sections: [["来源甲", 3], ["来源乙", 1]] },
  { index: 10, sections: [["来源甲", 2], ["来源丙", 4]] },
  { index: 30, sections: [["来源乙", 2]] },
  { index: 60, sections: [["来源丙", 1]] },
];

/** A copy of the fixture with every report and digest written. */
export function trendsSite(): string {
  const site = copySite("trends");
  mkdirSync(join(site, "posts"), { recursive: true });
  mkdirSync(join(site, "weekly_news"), { recursive: true });
  const reports = plantedReports();
  for (const report of reports) {
    const date = report.thursday.toISODate();
    writeFileSync(
      join(site, "posts", `${report.key}-ai-weekly.md`),
      `---\ntitle: ${report.key} 周报\ndescription: 第 ${report.index + 1} 期。\ndate: ${date}\nscheduled: ${date}\ntags: [${report.tags.join(", ")}]\n---\n\n${report.text}\n`,
    );
  }
  const held = FIRST.plus({ weeks: WEEKS });
  writeFileSync(
    join(site, "posts", `${held.weekYear}-W${String(held.weekNumber).padStart(2, "0")}-ai-weekly.md`),
    `---\ntitle: 尚未上线的周报\ndescription: 下周四上线。\ndate: ${held.toISODate()}\nscheduled: ${held.toISODate()}T08:00\ntags: [AI, ${HELD_TAG}]\n---\n\n${Array(9).fill(`${HELD_WORD}出现了。${RISING}也在。`).join("")}\n`,
  );
  for (const digest of DIGESTS) {
    const report = reports[digest.index]!;
    const body = digest.sections.map(([name, items]) => `## ${name}\n\n${Array.from({ length: items }, (_, i) => `- [${name}的第 ${i + 1} 条](https://news.example.org/${report.key}/${i})`).join("\n")}`).join("\n\n");
    writeFileSync(join(site, "weekly_news", `ai_news_${report.key}.md`), `---\ntitle: ${report.key} 新闻摘要\ndescription: 本周新闻。\n---\n\n${body}\n`);
  }
  return site;
}
