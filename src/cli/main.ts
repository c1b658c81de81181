// `weekly <command>`: reads the arguments and runs one command; each command owns its module.
import { show } from "../core/errors.js";
import { parseArgs } from "node:util";
import { inspectSite, type SiteInspection } from "./inspect.js";
import { formatReport } from "./check.js";
import { parseWeekday, writeNewWeek } from "./new.js";
import { importSources, runDigest } from "./digest.js";
import { FORMATS, runExport, type Format } from "./export.js";

const USAGE = `Usage: weekly <command> [options]

Commands:
  check [--format text|json]   Check every report and digest (front matter, links, weeks)
                               without building; exit 1 when there is an error.
  new [YYYY-Www]               Start a week's report (default: the week after the newest one)
      [--title TEXT]           title; {year}, {ww}, {w} and {week} are filled in
      [--weekday 1-7|mon…sun]  publishing weekday (default Thursday)
      [--time HH:MM]           time of day of scheduled (default: the day, 00:00)
      [--tags A,B]             tags, separated by , or ，(default: the site's)
      [--digest]               write only the week's digest stub, no report (a new
                               report gets one anyway when its week has none)
  digest [YYYY-Www]            Collect a week's news (default: this week) from the feeds of
                               weekly_news/sources.yml into the week's digest; exit 1 when a
                               source failed, 2 when the sources file is wrong.
      [--timeout SECONDS]      the most one source may take, retries included (default 20)
      [--offline]              work from the last good response of each feed, kept in the cache
      [--merge]                add the items the week's existing digest lacks, nothing else
      [--dry-run]              print the digest instead of writing it
      [--import FILE.opml]     add a feed reader's subscriptions to the sources, then stop
  export <YYYY-Www | FILE>     A report (published, scheduled or draft) as an edition:
      --format email|wechat|text   an HTML email, a 公众号 article, or plain text
      [-o FILE]                write it to FILE (default: standard output)
      [--unsubscribe TEXT]     the email's unsubscribe link as your newsletter service
                               writes it (default {{unsubscribe_url}})

Run it in the site's folder (where its Eleventy config is) or any folder below it; paths are
relative to the site's folder.`;

const OPTIONS = {
  format: { type: "string" },
  title: { type: "string" },
  weekday: { type: "string" },
  time: { type: "string" },
  tags: { type: "string" },
  digest: { type: "boolean" },
  timeout: { type: "string" },
  offline: { type: "boolean" },
  merge: { type: "boolean" },
  "dry-run": { type: "boolean" },
  import: { type: "string" },
  output: { type: "string", short: "o" },
  unsubscribe: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Runs the command line; returns the exit code (0 done, 1 problems found or refused, 2 cannot run). */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    err.write(`weekly: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  const [command, ...rest] = parsed.positionals;
  if (values.help || command === "help") {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (command === "check") return check(values.format ?? "text", rest, out, err);
  if (command === "new") return newWeek(values, rest, out, err);
  if (command === "digest") return digest(values, rest, out, err);
  if (command === "export") return exportEdition(values, rest, out, err);
  err.write(command === undefined ? `${USAGE}\n` : `weekly: unknown command ${show(command)}; expected check, new, digest or export.\n\n${USAGE}\n`);
  return 2;
}

/** The site in `dir`, or undefined once the reason it cannot be read is printed (the command then exits 2). */
async function siteOf(command: string, dir: string, err: NodeJS.WritableStream): Promise<SiteInspection | undefined> {
  const site = await inspectSite(dir);
  if (!("failure" in site)) return site;
  err.write(`weekly ${command}: ${site.failure}\n`);
  return undefined;
}

async function check(format: string, rest: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (format !== "text" && format !== "json") {
    err.write(`weekly check: --format received ${show(format)}; expected text or json.\n`);
    return 2;
  }
  if (rest.length > 0) {
    err.write(`weekly check: unexpected argument ${show(rest[0])}; it checks the site in the current folder.\n`);
    return 2;
  }
  const site = await siteOf("check", process.cwd(), err);
  if (!site) return 2;
  out.write(formatReport(site, format));
  return site.problems.some((p) => p.severity === "error") ? 1 : 0;
}

async function newWeek(
  values: { title?: string; weekday?: string; time?: string; tags?: string; digest?: boolean },
  rest: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (rest.length > 1) {
    err.write(`weekly new: unexpected argument ${show(rest[1])}; expected one week such as 2026-W07.\n`);
    return 2;
  }
  const weekday = values.weekday === undefined ? undefined : parseWeekday(values.weekday);
  if (values.weekday !== undefined && weekday === undefined) {
    err.write(`weekly new: --weekday received ${show(values.weekday)}; expected 1 (Monday) to 7 (Sunday), or mon … sun.\n`);
    return 2;
  }
  if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) {
    err.write(`weekly new: --time received ${show(values.time)}; expected a time of day such as 08:00.\n`);
    return 2;
  }
  const tags = values.tags?.split(/[,，、]/).map((t) => t.trim()).filter((t) => t !== "");
  const site = await siteOf("new", process.cwd(), err);
  if (!site) return 2;
  const written = await writeNewWeek(
    site.siteDir,
    site,
    { week: rest[0], title: values.title, weekday, time: values.time, tags, digest: values.digest },
    process.env,
  );
  if ("error" in written) {
    err.write(`weekly new: ${written.error}\n`);
    return 1;
  }
  out.write(`${written.paths.join("\n")}\n`);
  for (const note of written.notes) err.write(`weekly new: ${note}\n`);
  return 0;
}

async function digest(
  values: { timeout?: string; offline?: boolean; merge?: boolean; "dry-run"?: boolean; import?: string },
  rest: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (rest.length > 1) {
    err.write(`weekly digest: unexpected argument ${show(rest[1])}; expected one week such as 2026-W07.\n`);
    return 2;
  }
  const timeout = values.timeout === undefined ? 20 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 600) {
    err.write(`weekly digest: --timeout received ${show(values.timeout)}; expected a number of seconds from 1 to 600, such as 20.\n`);
    return 2;
  }
  const site = await siteOf("digest", process.cwd(), err);
  if (!site) return 2;
  const io = { out, err, env: process.env };
  if (values.import !== undefined) {
    if (rest.length > 0 || values.merge || values["dry-run"] || values.offline) {
      err.write(`weekly digest: --import adds sources and stops; run it without a week, --merge, --dry-run or --offline.\n`);
      return 2;
    }
    return importSources(site, values.import, io);
  }
  return runDigest(site, { week: rest[0], timeoutSeconds: timeout, offline: values.offline ?? false, merge: values.merge ?? false, dryRun: values["dry-run"] ?? false }, io);
}

async function exportEdition(
  values: { format?: string; output?: string; unsubscribe?: string },
  rest: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (rest.length !== 1) {
    err.write(`weekly export: ${rest.length === 0 ? "name the report" : `unexpected argument ${show(rest[1])}`}; expected one week such as 2026-W07, or a report's file.\n`);
    return 2;
  }
  if (!FORMATS.includes(values.format as Format)) {
    err.write(`weekly export: --format ${values.format === undefined ? "missing" : `received ${show(values.format)}`}; expected ${FORMATS.join(", ")}.\n`);
    return 2;
  }
  const cwd = process.cwd();
  const site = await siteOf("export", cwd, err);
  if (!site) return 2;
  return runExport(site, { which: rest[0]!, format: values.format as Format, output: values.output, unsubscribe: values.unsubscribe, cwd, env: process.env }, { out, err });
}
