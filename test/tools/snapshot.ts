// The bytes a change must not alter: builds this blog and every fixture site at a fixed clock, in
// production and in preview, and prints one line per output file (its SHA-256) and per build (its
// exit status and problem lines). Two runs of the same code print the same text, so a refactoring
// is checked by comparing the text before and after:
//
//   node --import tsx test/tools/snapshot.ts > before.txt   (on the old commit)
//   node --import tsx test/tools/snapshot.ts > after.txt    (on the new one)
//   diff before.txt after.txt
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, FIXTURES, listFiles, outputLines, removeOutput, ROOT, runEleventy, runWeekly, tempOutput } from "../helpers.js";

const CLOCKS = ["2026-02-05T00:00", "2026-11-30T10:00"];
const lines: string[] = [];

function record(label: string, site: string, env: Record<string, string>): void {
  const output = tempOutput("snapshot");
  try {
    const run = runEleventy(site, output, env);
    lines.push(`## ${label} exit ${run.status}`);
    // Eleventy's own timing and "Writing" lines vary; the plugin's lines do not.
    for (const line of outputLines(run)) if (line.startsWith("[weekly]") || /^\S+\.md:\d+:\d+ /.test(line)) lines.push(`   ${line}`);
    for (const file of listFiles(output)) lines.push(`${createHash("sha256").update(readFileSync(join(output, file))).digest("hex").slice(0, 16)}  ${file}`);
  } finally {
    removeOutput(output);
  }
}

for (const clock of CLOCKS) {
  for (const preview of [false, true]) {
    const env = { WEEKLY_NOW: clock, ...(preview ? { WEEKLY_PREVIEW: "1" } : {}) };
    const mode = `${clock}${preview ? " preview" : ""}`;
    record(`blog ${mode}`, ROOT, env);
    for (const fixture of readdirSync(FIXTURES).sort()) {
      const site = copySite(fixture);
      try {
        record(`${fixture} ${mode}`, site, env);
        if (!preview) {
          const check = runWeekly(site, ["check", "--format", "json"], env);
          lines.push(`## ${fixture} check ${mode} exit ${check.status}`, check.stdout.trim());
        }
      } finally {
        removeOutput(site);
      }
    }
  }
}
process.stdout.write(`${lines.join("\n")}\n`);
