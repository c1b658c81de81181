// The `weekly` command line: each command declared once (its arguments, and its options with type,
// alias, value and description), from which both node:util's `parseArgs` (strict, per command) is
// configured and `--help` is written (commandHelp.ts). Pure: the command's module runs what was parsed.
import { parseArgs } from "node:util";
import { show } from "../core/errors.js";
import { inChinese, inEnglish, inLanguage, type Said } from "../core/show.js";
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

/** The most a `--timeout` may be: ten minutes for one source or channel is already a hung one. */
const MAX_TIMEOUT_SECONDS = 600;

/** `--timeout SECONDS`, 1 to 600, with its default (what it bounds is in the description). */
export function timeoutOption(fallback: number, description: Said): Valued<number> & { default: number } {
  return {
    type: "string",
    value: "SECONDS",
    read: (text) => (Number(text) >= 1 && Number(text) <= MAX_TIMEOUT_SECONDS ? Number(text) : undefined),
    expected: { en: `a number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}, such as ${fallback}`, zh: `1 到 ${MAX_TIMEOUT_SECONDS} 之间的秒数，如 ${fallback}` },
    description,
    default: fallback,
  };
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


export const HELP: Flag = { type: "boolean", short: "h", description: { en: "show this help", zh: "显示本帮助" } };

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
  const expects = inLanguage(command.expects, language);
  if (positionals.length > most) problems.push(zh ? `多余的参数 ${show(positionals[most])}；${expects}。` : `unexpected argument ${show(positionals[most])}; ${expects}.`);
  const absent = command.arguments.slice(positionals.length).find((argument) => argument.required);
  if (absent !== undefined) {
    const missing = command.missing === undefined ? (zh ? `缺少 ${absent.value}` : `${absent.value} missing`) : inLanguage(command.missing, language);
    problems.push(zh ? `${missing}；${expects}。` : `${missing}; ${expects}.`);
  }
  const args = { values: values as Values<O>, positionals };
  problems.push(...(command.conflicts?.(args) ?? []).map((conflict) => inLanguage(conflict, language)));
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
