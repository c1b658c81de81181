// The text of the files `weekly new` writes (newWeek.ts plans them): a report from its template,
// and a digest stub, each with front matter that reads back as written.
import { formatIsoDate, type IsoWeek } from "../core/dates.js";

/** YAML text that reads back as the same string (quoted when it would otherwise not). */
function yamlText(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._—–-]*$/u.test(text) && !/^(true|false|null|~|\d[\d.:-]*)$/i.test(text) ? text : JSON.stringify(text);
}

/** The report's file: its front matter, the section skeleton and the link to the week's digest. */
export function reportContent(fields: { title: string; date: string; scheduled: string; draft: boolean; tags: string[]; layout: string | undefined; digestTitle: string; digestLink: string }): string {
  const tags = fields.tags.length === 0 ? "tags: []" : `tags:\n${fields.tags.map((t) => `  - ${yamlText(t)}`).join("\n")}`;
  return `---
title: ${yamlText(fields.title)}
description:
date: ${fields.date}
scheduled: ${fields.scheduled}
${fields.draft ? "draft: true\n" : ""}${tags}
${fields.layout === undefined ? "" : `layout: ${fields.layout}\n`}---

# ${fields.title}

本周导语：用两三句话概括本周最重要的几条主线。

---

### 模型迭代与能力升级

……

---

### AI 代理与自动化

……

---

### 产业生态与商业化

……

---

### 基础设施与算法创新

……

---

### 风险、安全与监管

……

---

## 趋势展望

- ……

### 参考
- [${fields.digestTitle}](${fields.digestLink})
`;
}

/** The week's digest stub: its front matter and a placeholder section per source. */
export function digestContent(title: string, week: IsoWeek, scheduled: string | undefined, draft: boolean): string {
  return `---
title: ${yamlText(title)}
description:
${scheduled === undefined ? "" : `scheduled: ${scheduled}\n`}${draft ? "draft: true\n" : ""}---

${week.key}（${formatIsoDate(week.start)} – ${formatIsoDate(week.end)}）的新闻摘要，按来源分组，每条一句话。

## DeepLearning.AI The Batch

- **标题**：一句话摘要。

## Import AI

- **标题**：一句话摘要。
`;
}
