// Every problem weekly check finds in the fixtures, printed in English and in Chinese: the same
// problems at the same places with the same codes and JSON keys, the Chinese message in Chinese.
// Both texts of every code met are written to test/.output/messages.md for a person to read.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, removeOutput, ROOT, runWeeklyInProcess } from "./helpers.js";

const FIXTURES = ["invalid", "broken-link", "schedule-errors", "hostile", "digest", "images"];
const HAN = /\p{Script=Han}/u;

interface JsonProblem {
  file: string;
  line?: number;
  column?: number;
  severity: string;
  code: string;
  message: string;
  title: string;
  hint: string;
}

const sites: string[] = [];
after(() => sites.forEach(removeOutput));

async function check(site: string, language: "en" | "zh"): Promise<{ problems: JsonProblem[]; keys: string[] }> {
  const run = await runWeeklyInProcess(site, ["check", "--format", "json"], { WEEKLY_NOW: "2026-02-13T00:00", WEEKLY_LANG: language });
  const report = JSON.parse(run.stdout) as { problems: JsonProblem[] };
  return { problems: report.problems, keys: [...new Set(report.problems.flatMap((problem) => Object.keys(problem)))].sort() };
}

describe("weekly check in English and in Chinese", () => {
  const seen = new Map<string, { en: JsonProblem; zh: JsonProblem }>();
  for (const fixture of FIXTURES) {
    test(`${fixture}: the same problems, places, codes and keys; each Chinese message, title and hint in Chinese`, async () => {
      const site = copySite(fixture);
      sites.push(site);
      const [en, zh] = [await check(site, "en"), await check(site, "zh")];
      assert.deepEqual(zh.keys, en.keys);
      const place = (p: JsonProblem) => [p.file, p.line, p.column, p.severity, p.code];
      assert.deepEqual(zh.problems.map(place), en.problems.map(place));
      for (const [i, problem] of zh.problems.entries()) {
        for (const text of [problem.message, problem.title, problem.hint]) assert.match(text, HAN, `${problem.code}: ${text}`);
        assert.notEqual(problem.message, en.problems[i]!.message, problem.code);
        if (!seen.has(problem.code)) seen.set(problem.code, { en: en.problems[i]!, zh: problem });
      }
    });
  }

  test("the text output speaks the site's language unless WEEKLY_LANG says: a Chinese site's check ends in Chinese", async () => {
    const site = copySite("invalid");
    sites.push(site);
    const zh = await runWeeklyInProcess(site, ["check"], { WEEKLY_NOW: "2026-02-13T00:00", WEEKLY_LANG: undefined });
    assert.match(zh.stdout.trimEnd().split("\n").at(-1)!, /^\d+ 个文件中有 \d+ 个错误、\d+ 个警告。$/);
    const en = await runWeeklyInProcess(site, ["check"], { WEEKLY_NOW: "2026-02-13T00:00", WEEKLY_LANG: "en" });
    assert.match(en.stdout.trimEnd().split("\n").at(-1)!, /^\d+ errors?, \d+ warnings? in \d+ files?\.$/);
  });

  test("the codes met, in both languages, written for a person to read", () => {
    assert.ok(seen.size >= 10, `${seen.size} codes met`);
    const lines = [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([code, { en, zh }]) => [`## ${code}`, "", `- en: ${en.message}`, `- zh: ${zh.message}`, `- ${en.title} / ${zh.title}`, ""]);
    const out = join(ROOT, "test", ".output");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "messages.md"), `# Problem messages in English and Chinese\n\n${lines.join("\n")}`);
  });
});
