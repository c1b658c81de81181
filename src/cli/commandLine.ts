// The `weekly` command line: each command declared once (its arguments, and its options with type,
// alias, value and description), from which both node:util's `parseArgs` (strict, per command) is
// configured and `--help` is written. Pure: the command's module runs what was parsed.
import { parseArgs } from "node:util";
import { show } from "../core/errors.js";
import { inChinese, inEnglish, type Said } from "../core/show.js";
import type { Language } from "../core/language.js";

/** An option without a value (`--digest`): true when given. */
export interface Flag {
  type: "boolean";
  short?: string;
  description: Said;
}

/** An option with a value (`--format json`), read into what the command takes. */
export interface Valued<T> {
  type: "string";
  short?: string;
  /** The value's placeholder in the help: `TEXT`, `SECONDS`, `text|json`. */
  value: string;
  description: Said;
  /** The value read from its text; undefined when it is not one the option accepts. */
  read: (text: string) => T | undefined;
  /** What the option accepts, named when a value is refused or missing: "text or json". */
  expected: Said;
  required?: boolean;
  default?: T;
}

// `any`: each command's options keep their own value types (`Values` reads them back).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionSpec = Flag | Valued<any>;
export type OptionSpecs = Record<string, OptionSpec>;

/** The values of a command's options: a flag's boolean, a valued option's read value (always there when required or defaulted). */
export type Values<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K] extends Valued<infer T> ? (O[K] extends { required: true } | { default: unknown } ? T : T | undefined) : boolean;
};

export interface Parsed<O extends OptionSpecs> {
  values: Values<O>;
  /** The arguments, in order (at most as many as the command declares). */
  positionals: string[];
}

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** The folder the command runs in. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  name: string;
  /** One line, in `weekly --help`. */
  summary: Said;
  /** More, under the usage line of `weekly <command> --help`. */
  description?: Said;
  /** Its arguments in order (`YYYY-Www`), each optional unless `required`. */
  arguments: ReadonlyArray<{ value: string; description: Said; required?: boolean }>;
  /** What may follow the command, for the message when an argument is missing or one too many: "expected one week such as 2026-W07". */
  expects: Said;
  /** The message when a required argument is missing ("name the report"); default: `<value> missing`. */
  missing?: Said;
  options: O;
  /** Rules between the options and arguments (`--import` goes alone): the problems found. */
  conflicts?: (args: Parsed<O>) => Said[];
  run: (args: Parsed<O>, io: Io) => Promise<number>;
}

/** A command as the help and the other commands' messages read it. */
export type CommandInfo = Omit<Command, "run" | "conflicts">;
/** A command of any options, as the list of commands holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any>;

/** Declares a command, keeping its options' types for its `run`. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

/** A valued option that takes one of `choices`: `--format text|json`. */
export function oneOf<const C extends string>(choices: readonly C[]): Pick<Valued<C>, "value" | "read" | "expected"> {
  return { value: choices.join("|"), read: (text) => choices.find((choice) => choice === text), expected: { en: listed(choices, "or"), zh: listedZh(choices, "or") } };
}

/** `a`, `a or b`, `a, b or c`. */
export function listed(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

/** `a`, `a 或 b`, `a、b 或 c`; `公众号文章或纯文本` (a space only between Chinese and Latin, as Chinese technical writing has it). */
export function listedZh(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1 ? (items[0] ?? "") : spacedZh(items.slice(0, -1).join("、"), conjunction === "and" ? "和" : "或", items.at(-1)!);
}

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_RE = /[A-Za-z0-9`\-{}|<>[\]*]/;

/** Chinese text put together: a space where a Chinese character meets a Latin letter, digit or code, none elsewhere. */
export function spacedZh(...parts: readonly string[]): string {
  return parts.reduce((text, part) => {
    const [before, after] = [text.at(-1) ?? "", part[0] ?? ""];
    const space = (CJK_RE.test(before) && LATIN_RE.test(after)) || (LATIN_RE.test(before) && CJK_RE.test(after));
    return text === "" ? part : `${text}${space ? " " : ""}${part}`;
  }, "");
}

/** A text in the language chosen. */
export const textIn = (text: Said, language: Language): string => (language === "zh" ? inChinese(text) : inEnglish(text));

const HELP: Flag = { type: "boolean", short: "h", description: { en: "show this help", zh: "显示本帮助" } };

export type Outcome<O extends OptionSpecs> = { help: true } | { problems: string[] } | { args: Parsed<O> };

/**
 * The command's arguments read by `parseArgs` in strict mode. Strict mode stops at its first
 * refusal; the tokens of a lenient pass then name every one (unknown options, with the command
 * they belong to; missing values; values given to a flag), with the values refused by `read`.
 */
export function parseCommand<O extends OptionSpecs>(command: Command<O>, argv: readonly string[], commands: readonly CommandInfo[] = [], language: Language = "en"): Outcome<O> {
  const options: OptionSpecs = { ...command.options, help: HELP };
  const config = { args: [...argv], allowPositionals: true, options: parseArgsOptions(options) };
  const zh = language === "zh";
  const expected = (spec: Valued<unknown>) => (zh ? `需要 ${inChinese(spec.expected)}` : `expected ${inEnglish(spec.expected)}`);
  let strict;
  try {
    strict = parseArgs({ ...config, strict: true });
  } catch (error) {
    const lenient = parseArgs({ ...config, strict: false, tokens: true });
    if (lenient.values.help === true) return { help: true };
    const problems: string[] = [];
    for (const token of lenient.tokens) {
      if (token.kind !== "option") continue;
      const spec = options[token.name];
      if (spec === undefined) problems.push(unknownOption(token.rawName, command, commands, language));
      else if (spec.type === "string" && token.value === undefined) problems.push(zh ? `${token.rawName} 缺少值；${expected(spec)}。` : `${token.rawName} received no value; ${expected(spec)}.`);
      else if (spec.type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
        const value = show(token.value);
        problems.push(
          zh
            ? `${token.rawName} 缺少值（${value} 被当成了选项；如果它就是值，请写成 --${token.name}=${token.value}）；${expected(spec)}。`
            : `${token.rawName} received no value (${value} reads as an option; write --${token.name}=${token.value} if it is the value); ${expected(spec)}.`,
        );
      } else if (spec.type === "boolean" && token.value !== undefined) problems.push(zh ? `${token.rawName} 不接受值；收到了 ${show(token.value)}。` : `${token.rawName} takes no value; received ${show(token.value)}.`);
    }
    problems.push(...readValues(command, lenient.values, language).problems);
    return { problems: problems.length > 0 ? problems : [(error as Error).message] };
  }
  if (strict.values.help === true) return { help: true };
  const { values, problems } = readValues(command, strict.values as Record<string, string | boolean | undefined>, language);
  const positionals = strict.positionals;
  const most = command.arguments.length;
  const expects = textIn(command.expects, language);
  if (positionals.length > most) problems.push(zh ? `多余的参数 ${show(positionals[most])}；${expects}。` : `unexpected argument ${show(positionals[most])}; ${expects}.`);
  const absent = command.arguments.slice(positionals.length).find((argument) => argument.required);
  if (absent !== undefined) {
    const missing = command.missing === undefined ? (zh ? `缺少 ${absent.value}` : `${absent.value} missing`) : textIn(command.missing, language);
    problems.push(zh ? `${missing}；${expects}。` : `${missing}; ${expects}.`);
  }
  const args = { values: values as Values<O>, positionals };
  problems.push(...(command.conflicts?.(args) ?? []).map((conflict) => textIn(conflict, language)));
  return problems.length > 0 ? { problems } : { args };
}

function parseArgsOptions(options: OptionSpecs): Record<string, { type: "string" | "boolean"; short?: string }> {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }]));
}

/** Each option's value: a flag's boolean, a valued option's read value or its default; the refusals. */
function readValues(command: CommandInfo, given: Record<string, string | boolean | Array<string | boolean> | undefined>, language: Language): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const zh = language === "zh";
  for (const [name, spec] of Object.entries(command.options)) {
    const text = given[name];
    if (spec.type === "boolean") values[name] = text === true;
    else if (text === undefined) {
      if (spec.required) problems.push(zh ? `缺少 --${name}；需要 ${inChinese(spec.expected)}。` : `--${name} missing; expected ${inEnglish(spec.expected)}.`);
      values[name] = spec.default;
    } else if (typeof text !== "string") {
      // Given without its value (only a lenient pass reads it so): named with the tokens already.
      values[name] = undefined;
    } else {
      values[name] = spec.read(text);
      if (values[name] === undefined) problems.push(zh ? `--${name} 收到 ${show(text)}；需要 ${inChinese(spec.expected)}。` : `--${name} received ${show(text)}; expected ${inEnglish(spec.expected)}.`);
    }
  }
  return { values, problems };
}

/** `unknown option --merge, an option of weekly digest (weekly check takes --format and --help); see weekly check --help.` */
function unknownOption(rawName: string, command: CommandInfo, commands: readonly CommandInfo[], language: Language): string {
  const name = rawName.replace(/^-+/, "");
  const owners = commands.filter((other) => other !== command && Object.entries(other.options).some(([long, spec]) => (rawName.startsWith("--") ? long === name : spec.short === name)));
  const longs = [...Object.keys(command.options), "help"].map((long) => `--${long}`);
  const ownerNames = owners.map((owner) => `weekly ${owner.name}`);
  if (language === "zh") {
    const elsewhere = owners.length === 0 ? "" : `，它是 ${listedZh(ownerNames, "and")} 的选项`;
    return `未知选项 ${rawName}${elsewhere}（weekly ${command.name} 接受 ${listedZh(longs, "and")}）；参见 \`weekly ${command.name} --help\`。`;
  }
  const elsewhere = owners.length === 0 ? "" : `, an option of ${listed(ownerNames, "and")}`;
  return `unknown option ${rawName}${elsewhere} (weekly ${command.name} takes ${listed(longs, "and")}); see weekly ${command.name} --help.`;
}

/** The columns the help is wrapped to. */
const HELP_WIDTH = 100;
const WHERE = {
  en: "Run it in the site's folder (where its Eleventy config is) or any folder below it; paths are relative to the site's folder.",
  zh: "在站点的文件夹（Eleventy 配置文件所在的文件夹）或它下面的任一文件夹里运行；路径都相对于站点的文件夹。",
};
/** The words of the help's frame. */
const FRAME = {
  en: { usage: "Usage: ", arguments: "Arguments:", options: "Options:", commands: "Commands:", required: " (required)", default: (value: unknown) => ` (default ${String(value)})`, command: "<command>", optionsWord: "[options]" },
  zh: { usage: "用法：", arguments: "参数：", options: "选项：", commands: "命令：", required: "（必填）", default: (value: unknown) => `（默认 ${String(value)}）`, command: "<命令>", optionsWord: "[选项]" },
};

/** `weekly new [YYYY-Www] [options]`. */
export function synopsis(command: CommandInfo, language: Language = "en"): string {
  const args = command.arguments.map((argument) => (argument.required ? `<${argument.value}>` : `[${argument.value}]`));
  const required = Object.entries(command.options).flatMap(([name, spec]) => (spec.type === "string" && spec.required ? [`--${name} ${spec.value}`] : []));
  return ["weekly", command.name, ...args, ...required, FRAME[language].optionsWord].join(" ");
}

/** `weekly <command> --help`: its usage, what it does, its arguments and every option. */
export function commandHelp(command: CommandInfo, language: Language = "en"): string {
  const frame = FRAME[language];
  const all: OptionSpecs = { ...command.options, help: HELP };
  const options = Object.entries(all).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? "    " : `-${spec.short}, `}--${name}${spec.type === "string" ? ` ${spec.value}` : ""}`;
    const fallback = spec.type === "string" && spec.default !== undefined ? frame.default(spec.default) : "";
    return [flag, `${textIn(spec.description, language)}${spec.type === "string" && spec.required ? frame.required : ""}${fallback}`] as const;
  });
  const args = command.arguments.map((argument) => [argument.value, textIn(argument.description, language)] as const);
  const about = [command.summary, ...(command.description === undefined ? [] : [command.description])].map((text) => textIn(text, language)).join(language === "zh" ? "" : " ");
  return [
    `${frame.usage}${synopsis(command, language)}`,
    "",
    ...wrap(about, 0, language),
    ...(args.length === 0 ? [] : ["", frame.arguments, ...columns(args, language)]),
    "",
    frame.options,
    ...columns(options, language),
    "",
    ...wrap(textIn(WHERE, language), 0, language),
  ].join("\n");
}

/** `weekly --help`: every command and what it does. */
export function mainHelp(commands: readonly CommandInfo[], language: Language = "en"): string {
  const frame = FRAME[language];
  const more =
    language === "zh"
      ? `运行 \`weekly <命令> --help\`（或 \`weekly help <命令>\`）查看它的选项。${WHERE.zh}`
      : `Run weekly <command> --help (or weekly help <command>) for its options. ${WHERE.en}`;
  return [
    `${frame.usage}weekly ${frame.command} ${frame.optionsWord}`,
    "",
    frame.commands,
    ...columns(commands.map((command) => [command.name, textIn(command.summary, language)]), language),
    "",
    ...wrap(more, 0, language),
  ].join("\n");
}

/** Two columns, the second wrapped under itself. */
function columns(rows: ReadonlyArray<readonly [string, string]>, language: Language): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 4;
  return rows.flatMap(([left, right]) => {
    const [first = "", ...rest] = wrap(right, width + 2, language);
    return [`  ${left.padEnd(width)}${first.trimStart()}`, ...rest];
  });
}

/** Words in lines of at most HELP_WIDTH columns, each after `indent` spaces. */
function wrap(text: string, indent: number, language: Language): string[] {
  if (language === "zh") return wrapWide(text, indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(`${" ".repeat(indent)}${line}`);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, `${" ".repeat(indent)}${line}`];
}

/** A character a terminal shows two columns wide: Han, kana, Hangul, full-width forms and punctuation. */
const WIDE_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** Pieces a Chinese line may break between: one Chinese character with the closing punctuation after it, a Latin word, a space. */
const PIECE_RE = /(?:[（《「『“‘【])*(?:[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]+)[，。；：、！？）》」』”’】]*|\s+|./gsu;

function columnsOf(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE_RE.test(char) ? 2 : 1;
  return width;
}

/** Chinese in lines of at most HELP_WIDTH columns (a Chinese character is two), broken between characters or at spaces, never before closing punctuation. */
function wrapWide(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const piece of text.match(PIECE_RE) ?? []) {
    if (line !== "" && indent + columnsOf(line.trimEnd()) + columnsOf(piece.trimEnd()) > HELP_WIDTH && piece.trim() !== "") {
      lines.push(`${" ".repeat(indent)}${line.trimEnd()}`);
      line = piece;
    } else if (!(line === "" && piece.trim() === "")) line += piece;
  }
  return [...lines, `${" ".repeat(indent)}${line.trimEnd()}`];
}
