// `--help` of the `weekly` command and of each of its commands, written from the declarations the
// parser reads (commandLine.ts), in English or in Chinese: Chinese is wrapped by the columns a
// terminal gives it (two for a Chinese character), between characters, never before closing
// punctuation.
import type { Language } from "../core/language.js";
import { inLanguage } from "../core/show.js";
import { HELP, type CommandInfo, type OptionSpecs } from "./commandLine.js";

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
    return [flag, `${inLanguage(spec.description, language)}${spec.type === "string" && spec.required ? frame.required : ""}${fallback}`] as const;
  });
  const args = command.arguments.map((argument) => [argument.value, inLanguage(argument.description, language)] as const);
  const about = [command.summary, ...(command.description === undefined ? [] : [command.description])].map((text) => inLanguage(text, language)).join(language === "zh" ? "" : " ");
  return [
    `${frame.usage}${synopsis(command, language)}`,
    "",
    ...wrap(about, 0, language),
    ...(args.length === 0 ? [] : ["", frame.arguments, ...columns(args, language)]),
    "",
    frame.options,
    ...columns(options, language),
    "",
    ...wrap(inLanguage(WHERE, language), 0, language),
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
    ...columns(commands.map((command) => [command.name, inLanguage(command.summary, language)]), language),
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
