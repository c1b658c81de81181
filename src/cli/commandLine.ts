// The `weekly` command line: each command declared once (its arguments, and its options with type,
// alias, value and description), from which both node:util's `parseArgs` (strict, per command) is
// configured and `--help` is written. Pure: the command's module runs what was parsed.
import { parseArgs } from "node:util";
import { show } from "../core/errors.js";

/** An option without a value (`--digest`): true when given. */
export interface Flag {
  type: "boolean";
  short?: string;
  description: string;
}

/** An option with a value (`--format json`), read into what the command takes. */
export interface Valued<T> {
  type: "string";
  short?: string;
  /** The value's placeholder in the help: `TEXT`, `SECONDS`, `text|json`. */
  value: string;
  description: string;
  /** The value read from its text; undefined when it is not one the option accepts. */
  read: (text: string) => T | undefined;
  /** What the option accepts, named when a value is refused or missing: "text or json". */
  expected: string;
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
  summary: string;
  /** More, under the usage line of `weekly <command> --help`. */
  description?: string;
  /** Its arguments in order (`YYYY-Www`), each optional unless `required`. */
  arguments: ReadonlyArray<{ value: string; description: string; required?: boolean }>;
  /** What may follow the command, for the message when an argument is missing or one too many: "expected one week such as 2026-W07". */
  expects: string;
  /** The message when a required argument is missing ("name the report"); default: `<value> missing`. */
  missing?: string;
  options: O;
  /** Rules between the options and arguments (`--import` goes alone): the problems found. */
  conflicts?: (args: Parsed<O>) => string[];
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
  return { value: choices.join("|"), read: (text) => choices.find((choice) => choice === text), expected: listed(choices, "or") };
}

/** `a`, `a or b`, `a, b or c`. */
export function listed(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

const HELP: Flag = { type: "boolean", short: "h", description: "show this help" };

export type Outcome<O extends OptionSpecs> = { help: true } | { problems: string[] } | { args: Parsed<O> };

/**
 * The command's arguments read by `parseArgs` in strict mode. Strict mode stops at its first
 * refusal; the tokens of a lenient pass then name every one (unknown options, with the command
 * they belong to; missing values; values given to a flag), with the values refused by `read`.
 */
export function parseCommand<O extends OptionSpecs>(command: Command<O>, argv: readonly string[], commands: readonly CommandInfo[] = []): Outcome<O> {
  const options: OptionSpecs = { ...command.options, help: HELP };
  const config = { args: [...argv], allowPositionals: true, options: parseArgsOptions(options) };
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
      if (spec === undefined) problems.push(unknownOption(token.rawName, command, commands));
      else if (spec.type === "string" && token.value === undefined) problems.push(`${token.rawName} received no value; expected ${spec.expected}.`);
      else if (spec.type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
        problems.push(`${token.rawName} received no value (${show(token.value)} reads as an option; write --${token.name}=${token.value} if it is the value); expected ${spec.expected}.`);
      } else if (spec.type === "boolean" && token.value !== undefined) problems.push(`${token.rawName} takes no value; received ${show(token.value)}.`);
    }
    problems.push(...readValues(command, lenient.values).problems);
    return { problems: problems.length > 0 ? problems : [(error as Error).message] };
  }
  if (strict.values.help === true) return { help: true };
  const { values, problems } = readValues(command, strict.values as Record<string, string | boolean | undefined>);
  const positionals = strict.positionals;
  const most = command.arguments.length;
  if (positionals.length > most) problems.push(`unexpected argument ${show(positionals[most])}; ${command.expects}.`);
  const absent = command.arguments.slice(positionals.length).find((argument) => argument.required);
  if (absent !== undefined) problems.push(`${command.missing ?? `${absent.value} missing`}; ${command.expects}.`);
  const args = { values: values as Values<O>, positionals };
  problems.push(...(command.conflicts?.(args) ?? []));
  return problems.length > 0 ? { problems } : { args };
}

function parseArgsOptions(options: OptionSpecs): Record<string, { type: "string" | "boolean"; short?: string }> {
  return Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }]));
}

/** Each option's value: a flag's boolean, a valued option's read value or its default; the refusals. */
function readValues(command: CommandInfo, given: Record<string, string | boolean | Array<string | boolean> | undefined>): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(command.options)) {
    const text = given[name];
    if (spec.type === "boolean") values[name] = text === true;
    else if (text === undefined) {
      if (spec.required) problems.push(`--${name} missing; expected ${spec.expected}.`);
      values[name] = spec.default;
    } else if (typeof text !== "string") {
      // Given without its value (only a lenient pass reads it so): named with the tokens already.
      values[name] = undefined;
    } else {
      values[name] = spec.read(text);
      if (values[name] === undefined) problems.push(`--${name} received ${show(text)}; expected ${spec.expected}.`);
    }
  }
  return { values, problems };
}

/** `unknown option --merge, an option of weekly digest (weekly check takes --format and --help); see weekly check --help.` */
function unknownOption(rawName: string, command: CommandInfo, commands: readonly CommandInfo[]): string {
  const name = rawName.replace(/^-+/, "");
  const owners = commands.filter((other) => other !== command && Object.entries(other.options).some(([long, spec]) => (rawName.startsWith("--") ? long === name : spec.short === name)));
  const elsewhere = owners.length === 0 ? "" : `, an option of ${listed(owners.map((owner) => `weekly ${owner.name}`), "and")}`;
  const takes = listed([...Object.keys(command.options), "help"].map((long) => `--${long}`), "and");
  return `unknown option ${rawName}${elsewhere} (weekly ${command.name} takes ${takes}); see weekly ${command.name} --help.`;
}

/** The columns the help is wrapped to. */
const HELP_WIDTH = 100;
const WHERE = "Run it in the site's folder (where its Eleventy config is) or any folder below it; paths are relative to the site's folder.";

/** `weekly new [YYYY-Www] [options]`. */
export function synopsis(command: CommandInfo): string {
  const args = command.arguments.map((argument) => (argument.required ? `<${argument.value}>` : `[${argument.value}]`));
  const required = Object.entries(command.options).flatMap(([name, spec]) => (spec.type === "string" && spec.required ? [`--${name} ${spec.value}`] : []));
  return ["weekly", command.name, ...args, ...required, "[options]"].join(" ");
}

/** `weekly <command> --help`: its usage, what it does, its arguments and every option. */
export function commandHelp(command: CommandInfo): string {
  const all: OptionSpecs = { ...command.options, help: HELP };
  const options = Object.entries(all).map(([name, spec]) => {
    const flag = `${spec.short === undefined ? "    " : `-${spec.short}, `}--${name}${spec.type === "string" ? ` ${spec.value}` : ""}`;
    const fallback = spec.type === "string" && spec.default !== undefined ? ` (default ${spec.default})` : "";
    return [flag, `${spec.description}${spec.type === "string" && spec.required ? " (required)" : ""}${fallback}`] as const;
  });
  const args = command.arguments.map((argument) => [argument.value, argument.description] as const);
  return [
    `Usage: ${synopsis(command)}`,
    "",
    ...wrap(`${command.summary}${command.description === undefined ? "" : ` ${command.description}`}`, 0),
    ...(args.length === 0 ? [] : ["", "Arguments:", ...columns(args)]),
    "",
    "Options:",
    ...columns(options),
    "",
    ...wrap(WHERE, 0),
  ].join("\n");
}

/** `weekly --help`: every command and what it does. */
export function mainHelp(commands: readonly CommandInfo[]): string {
  return [
    "Usage: weekly <command> [options]",
    "",
    "Commands:",
    ...columns(commands.map((command) => [command.name, command.summary])),
    "",
    ...wrap(`Run weekly <command> --help (or weekly help <command>) for its options. ${WHERE}`, 0),
  ].join("\n");
}

/** Two columns, the second wrapped under itself. */
function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 4;
  return rows.flatMap(([left, right]) => {
    const [first = "", ...rest] = wrap(right, width + 2);
    return [`  ${left.padEnd(width)}${first.trimStart()}`, ...rest];
  });
}

/** Words in lines of at most HELP_WIDTH columns, each after `indent` spaces. */
function wrap(text: string, indent: number): string[] {
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
