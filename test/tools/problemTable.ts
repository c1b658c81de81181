// Writes the README's "Problem codes" table from the catalogue (src/core/problemCodes.ts), between
// its two marker comments: `npm run docs`. test/problemCodes.test.ts runs it in memory and fails
// when the README differs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PROBLEM_CODES, type ProblemKind, type Relief } from "../../src/core/problemCodes.js";

export const README = join(fileURLToPath(new URL("../..", import.meta.url)), "README.md");
const START = "<!-- problem-codes: written by npm run docs from src/core/problemCodes.ts -->";
const END = "<!-- /problem-codes -->";

const RELIEF: Record<Relief, string> = {
  preview: "a warning in a preview",
  waiting: "until the page goes live",
  brokenLinks: "as `brokenLinks` says",
};

/** `error`, `warning`, or `error (a warning in a preview, until the page goes live)`. */
function weight(kind: ProblemKind<unknown>): string {
  const reliefs = kind.relievedIn ?? [];
  return reliefs.length === 0 ? kind.severity : `${kind.severity} (${reliefs.map((relief) => RELIEF[relief]).join(", ")})`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table, one row per code in the catalogue's order. */
export function problemTable(): string {
  const rows = Object.entries(PROBLEM_CODES as Record<string, ProblemKind<unknown>>).map(
    ([code, kind]) => `| \`${code}\` | ${weight(kind)} | ${cell(kind.title)} | ${cell(kind.hint)} |`,
  );
  return ["| Code | Weight | What | How to fix it |", "|---|---|---|---|", ...rows].join("\n");
}

/** The README with the table between its markers written anew. */
export function withProblemTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${problemTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync(README, "utf8");
  const after = withProblemTable(before);
  if (after !== before) writeFileSync(README, after);
  console.log(after === before ? "README.md: the problem codes table is up to date" : "README.md: the problem codes table written");
}
