// `weekly <command>`: reads the arguments and runs one command; each command owns its module.
import { parseArgs } from "node:util";
import { runCheck, formatReport } from "./check.js";

const USAGE = `Usage: weekly <command> [options]

Commands:
  check [--format text|json]   Check every report and digest (front matter, links, weeks)
                               without building; exit 1 when there is an error.

Run it in the folder of the site (where its Eleventy config is).`;

/** Runs the command line; returns the exit code (0 clean, 1 problems found, 2 cannot run). */
export async function main(argv: readonly string[], out = process.stdout, err = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === "help") {
    (command === undefined && !parsed.values.help ? err : out).write(`${USAGE}\n`);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }
  if (command !== "check") {
    err.write(`weekly: unknown command "${command}"; expected check.\n\n${USAGE}\n`);
    return 2;
  }
  const format = parsed.values.format;
  if (format !== "text" && format !== "json") {
    err.write(`weekly check: --format received "${format}"; expected text or json.\n`);
    return 2;
  }
  if (rest.length > 0) {
    err.write(`weekly check: unexpected argument "${rest[0]}"; it checks the site in the current folder.\n`);
    return 2;
  }
  const report = await runCheck(process.cwd());
  if (report.failure) {
    err.write(`weekly check: ${report.failure}\n`);
    return 2;
  }
  out.write(formatReport(report, format));
  return report.problems.some((p) => p.severity === "error") ? 1 : 0;
}
