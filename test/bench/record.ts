// `npm run bench` writes what it printed into docs/PERFORMANCE.md, each part of the run between its
// own markers (`<!-- bench:blog -->` … `<!-- /bench:blog -->`, the same for `weeks`), with the date,
// the machine and the command, so that the document always holds the latest run of each part and a
// partial run (`--only blog`) leaves the other part as it was. `--no-record` prints only.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";

const ROOT = new URL("../../", import.meta.url).pathname;
export const PERFORMANCE_DOC = `${ROOT}docs/PERFORMANCE.md`;

/** The versions and the machine a run's figures belong to. */
export function machineLine(): string {
  // Read from node_modules: a package's exports may not include its package.json (Eleventy's do not).
  const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  const cpu = cpus();
  const [load] = loadavg();
  return (
    `${cpu[0]?.model.trim() ?? "?"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${load!.toFixed(2)} at the start; ` +
    `Node ${process.version}, Eleventy ${version("@11ty/eleventy")}, Pagefind ${version("pagefind")}`
  );
}

/** The document with the block of `part` replaced by `lines` (the markers must be there: a part is never added silently elsewhere). */
export function withRun(doc: string, part: string, lines: readonly string[], heading: string): string {
  const [open, close] = [`<!-- bench:${part} -->`, `<!-- /bench:${part} -->`];
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) throw new Error(`docs/PERFORMANCE.md has no ${open} … ${close} block for the benchmark to write into`);
  // A table starts after a blank line (Markdown would read it as the paragraph's text otherwise).
  const spaced = lines.flatMap((line, i) => (line.startsWith("|") && i > 0 && lines[i - 1]!.trim() !== "" && !lines[i - 1]!.startsWith("|") ? ["", line] : [line]));
  const body = [heading, "", ...spaced].join("\n").replace(/\n{3,}/g, "\n\n").trimEnd();
  return `${doc.slice(0, start + open.length)}\n${body}\n${doc.slice(end)}`;
}

/** Writes one part of a run into docs/PERFORMANCE.md. */
export function recordRun(part: string, lines: readonly string[], command: string, machine: string): void {
  const date = DateTime.now().setZone("Asia/Shanghai").toFormat("yyyy-MM-dd HH:mm 'Asia/Shanghai'");
  const heading = `Written by \`${command}\` on ${date}. ${machine}.`;
  writeFileSync(PERFORMANCE_DOC, withRun(readFileSync(PERFORMANCE_DOC, "utf8"), part, lines, heading));
}
