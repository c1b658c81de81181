// `weekly <command>`: finds the command, has its arguments parsed by its own declaration
// (commandLine.ts) and runs it; each command owns its module and its declaration.
import { closest, distance } from "fastest-levenshtein";
import { show } from "../core/errors.js";
import { commandLine, type Said } from "../core/show.js";
import { listed, listedZh, parseCommand, type AnyCommand, type Io } from "./commandLine.js";
import { commandHelp, mainHelp } from "./commandHelp.js";
import { localeLanguage, type Language } from "../core/language.js";
import { checkCommand } from "./check.js";
import { newCommand } from "./new.js";
import { digestCommand } from "./digest.js";
import { exportCommand } from "./export.js";
import { notifyCommand } from "./notify.js";

/** A command named with at most this many letters wrong is proposed (`chek`, `exprot`). */
const MAX_DISTANCE = 2;

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly AnyCommand[] = [checkCommand, newCommand, digestCommand, exportCommand, notifyCommand];

/** Runs the command line; returns the exit code (0 done, 1 problems found or refused, 2 cannot run). */
export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Before a site is read: WEEKLY_LANG, else the locale (core/language.ts).
  const language = localeLanguage(env);
  const zh = language === "zh";
  const [first, ...rest] = argv;
  const usage = mainHelp(COMMANDS, language);
  const names = COMMANDS.map((c) => c.name);
  const oneOfNames = zh ? listedZh(names, "or") : listed(names, "or");
  if (first === undefined) return err.write(`${usage}\n`), 2;
  if (first === "--help" || first === "-h" || (first === "help" && rest.length === 0)) return out.write(`${usage}\n`), 0;
  const say = (name: string, line: Said) => `${commandLine(name, line, language)}\n`;
  if (first === "help") {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    if (command && rest.length === 1) return out.write(`${commandHelp(command, language)}\n`), 0;
    const [other, wrong] = rest.length > 1 ? [show(rest[1]), { en: "unexpected argument", zh: "多余的参数" }] : [show(rest[0]), { en: "unknown command", zh: "未知命令" }];
    return err.write(say("weekly help", { en: `${wrong.en} ${other}; expected one of ${oneOfNames}.`, zh: `${wrong.zh} ${other}；需要 ${oneOfNames} 之一。` })), 2;
  }
  if (first.startsWith("-")) {
    return err.write(say("weekly", { en: `${first} before the command; options go after it (weekly <command> ${first} …), see weekly --help.`, zh: `${first} 写在了命令前面；选项要写在命令后面（weekly <命令> ${first} …），参见 \`weekly --help\`。` })), 2;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) {
    const near = closest(first, names);
    const close = distance(first, near) <= MAX_DISTANCE;
    const unknown = { en: `unknown command ${show(first)}; expected ${oneOfNames}${close ? ` (did you mean ${near}?)` : ""}.`, zh: `未知命令 ${show(first)}；需要 ${oneOfNames}${close ? `（是不是想输入 ${near}？）` : ""}。` };
    return err.write(`${say("weekly", unknown)}\n${usage}\n`), 2;
  }
  return runCommand(command, rest, { out, err, cwd: process.cwd(), env }, language);
}

async function runCommand(command: AnyCommand, argv: readonly string[], io: Io, language: Language): Promise<number> {
  const parsed = parseCommand(command, argv, COMMANDS, language);
  if ("help" in parsed) return io.out.write(`${commandHelp(command, language)}\n`), 0;
  if ("problems" in parsed) {
    for (const problem of parsed.problems) io.err.write(`${commandLine(`weekly ${command.name}`, problem, language)}\n`);
    return 2;
  }
  return command.run(parsed.args, io);
}
