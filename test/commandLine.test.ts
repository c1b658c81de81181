// The `weekly` command line: each command's arguments parsed by its own declaration (strict: an
// unknown, misplaced or bad option is named with the command), the help written from the same
// declarations, and every command line the README shows accepted.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { listed, parseCommand, type AnyCommand, type OptionSpecs } from "../src/cli/commandLine.js";
import { commandHelp } from "../src/cli/commandHelp.js";
import { COMMANDS, main } from "../src/cli/main.js";
import { EDITIONS } from "../src/editions/registry.js";
import { inFolder, ROOT } from "./helpers.js";
import { inChinese, inEnglish } from "../src/core/show.js";
import { tmpdir } from "node:os";

/** `email, wechat or text`: read from the registry, so that a new edition changes no case here. */
const FORMATS = listed(EDITIONS.map((edition) => edition.name), "or");
const command = (name: string): AnyCommand => COMMANDS.find((c) => c.name === name)!;
const parse = (name: string, argv: string[]) => parseCommand(command(name), argv, COMMANDS);

/** `weekly …` in this process: its exit code and what it printed (nothing here reads a site). */
async function weekly(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return weeklyIn(process.env, ...argv);
}

/** The same with this environment (the language of what it prints). */
async function weeklyIn(env: Record<string, string | undefined>, ...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const collect = () => {
    const chunks: string[] = [];
    return { stream: new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) }), text: () => chunks.join("") };
  };
  const [out, err] = [collect(), collect()];
  const status = await main(argv, out.stream, err.stream, env);
  return { status, stdout: out.text(), stderr: err.text() };
}

/** [command, argv, the values read (those named) and arguments]. */
const ACCEPTED: Array<[string, string[], Record<string, unknown>, string[]]> = [
  ["check", [], { format: "text" }, []],
  ["check", ["--format", "json"], { format: "json" }, []],
  ["check", ["--format=json"], { format: "json" }, []],
  ["new", [], { title: undefined, weekday: undefined, time: undefined, tags: undefined, digest: false }, []],
  ["new", ["2027-W01", "--digest"], { digest: true }, ["2027-W01"]],
  ["new", ["2027-W02", "--weekday", "fri", "--time", "08:00", "--tags", "AI, 代理", "--title", "{year}年第{w}周"], { weekday: 5, time: "08:00", tags: ["AI", "代理"], title: "{year}年第{w}周" }, ["2027-W02"]],
  ["new", ["2026-W20", "--tags", "AI，代理、工具"], { tags: ["AI", "代理", "工具"] }, ["2026-W20"]],
  ["new", ["--weekday", "7"], { weekday: 7 }, []],
  ["digest", [], { timeout: 20, offline: false, merge: false, "dry-run": false, import: undefined }, []],
  ["digest", ["2026-W08", "--dry-run", "--offline"], { "dry-run": true, offline: true }, ["2026-W08"]],
  ["digest", ["2026-W06", "--dry-run", "--timeout", "2"], { timeout: 2 }, ["2026-W06"]],
  ["digest", ["2026-W07", "--merge", "--offline"], { merge: true, offline: true }, ["2026-W07"]],
  ["digest", ["--import", "subscriptions.opml"], { import: "subscriptions.opml" }, []],
  ["export", ["2026-W07", "--format", "email", "-o", "letters/w07.html"], { format: "email", output: "letters/w07.html", unsubscribe: undefined }, ["2026-W07"]],
  ["export", ["posts/2026-W06-ai-weekly.md", "--format", "text"], { format: "text", output: undefined }, ["posts/2026-W06-ai-weekly.md"]],
  ["export", ["--format=wechat", "2026-W07", "--output", "../w07.html"], { format: "wechat", output: "../w07.html" }, ["2026-W07"]],
  ["export", ["2026-W07", "--format", "email", "--unsubscribe", "*|UNSUB|*"], { unsubscribe: "*|UNSUB|*" }, ["2026-W07"]],
  ["export", ["--format", "text", "--", "-odd-name.md"], { format: "text" }, ["-odd-name.md"]],
];

/** [command, argv, every problem, in order]. */
const REFUSED: Array<[string, string[], string[]]> = [
  ["check", ["--merge"], ["unknown option --merge, an option of weekly digest (weekly check takes --format and --help); see weekly check --help."]],
  ["check", ["--format", "xml"], ['--format received "xml"; expected text or json.']],
  ["check", ["--format"], ["--format received no value; expected text or json."]],
  ["check", ["posts"], ['unexpected argument "posts"; it checks the site in the current folder.']],
  ["check", ["-x", "--format", "xml"], ["unknown option -x (weekly check takes --format and --help); see weekly check --help.", '--format received "xml"; expected text or json.']],
  ["new", ["--weekday", "9"], ['--weekday received "9"; expected 1 (Monday) to 7 (Sunday), or mon … sun.']],
  ["new", ["--weekday", "9", "--time", "25:00"], ['--weekday received "9"; expected 1 (Monday) to 7 (Sunday), or mon … sun.', '--time received "25:00"; expected a time of day such as 08:00.']],
  ["new", ["--digest=yes"], ['--digest takes no value; received "yes".']],
  ["new", ["--title", "--digest"], ['--title received no value ("--digest" reads as an option; write --title=--digest if it is the value); expected a title.']],
  ["new", ["2027-W01", "2027-W02"], ['unexpected argument "2027-W02"; expected one week such as 2026-W07.']],
  ["new", ["--format", "json"], ["unknown option --format, an option of weekly check and weekly export (weekly new takes --title, --weekday, --time, --tags, --digest and --help); see weekly new --help."]],
  ["digest", ["--timeout", "0"], ['--timeout received "0"; expected a number of seconds from 1 to 600, such as 20.']],
  ["digest", ["--timeout", "abc"], ['--timeout received "abc"; expected a number of seconds from 1 to 600, such as 20.']],
  ["digest", ["2026-W08", "--import", "x.opml"], ["--import adds sources and stops; run it without a week, --merge, --dry-run or --offline."]],
  ["digest", ["--import", "x.opml", "--merge", "--timeout", "601"], ['--timeout received "601"; expected a number of seconds from 1 to 600, such as 20.', "--import adds sources and stops; run it without a week, --merge, --dry-run or --offline."]],
  ["export", ["2026-W07", "--weekday", "9", "--format", "text"], ["unknown option --weekday, an option of weekly new (weekly export takes --format, --output, --unsubscribe and --help); see weekly export --help."]],
  ["export", ["2026-W07"], [`--format missing; expected ${FORMATS}.`]],
  ["export", ["2026-W07", "--format", "pdf"], [`--format received "pdf"; expected ${FORMATS}.`]],
  ["export", [], [`--format missing; expected ${FORMATS}.`, "name the report; expected one week such as 2026-W07, or a report's file."]],
  ["export", ["2026-W07", "2026-W08", "--format", "text"], ['unexpected argument "2026-W08"; expected one week such as 2026-W07, or a report\'s file.']],
  ["export", ["2026-W07", "--format", "text", "-o"], ["-o received no value; expected a file's path."]],
  ["export", ["2026-W07", "--format"], [`--format received no value; expected ${FORMATS}.`]],
  ["export", ["2026-W07", "--format", "text", "-o", "-x"], ['-o received no value ("-x" reads as an option; write --output=-x if it is the value); expected a file\'s path.']],
  ["export", ["2026-W07", "--format", "text", "--unsubscribe", "*|UNSUB|*"], ["--unsubscribe sets the unsubscribe link of --format email; --format text has none."]],
];

describe("parseCommand: each command's arguments, read by its declaration", () => {
  for (const [name, argv, values, positionals] of ACCEPTED) {
    test(`weekly ${name} ${argv.join(" ")} → ${JSON.stringify(values)}${positionals.length > 0 ? ` ${JSON.stringify(positionals)}` : ""}`, () => {
      const outcome = parse(name, argv);
      assert.ok("args" in outcome, JSON.stringify(outcome));
      for (const [key, value] of Object.entries(values)) assert.deepEqual(outcome.args.values[key], value, key);
      assert.deepEqual(outcome.args.positionals, positionals);
    });
  }
  for (const [name, argv, problems] of REFUSED) {
    test(`weekly ${name} ${argv.join(" ")} → ${problems.join(" | ")}`, () => {
      assert.deepEqual(parse(name, argv), { problems });
    });
  }
  for (const help of [["--help"], ["-h"], ["--merge", "--help"], ["2026-W07", "-h", "--format", "pdf"]]) {
    for (const { name } of COMMANDS) {
      test(`weekly ${name} ${help.join(" ")} → its help`, () => assert.deepEqual(parse(name, help), { help: true }));
    }
  }
});

describe("weekly: usage problems exit 2 naming the command; help exits 0 on standard output", () => {
  test("weekly check --merge: exit 2, the option and the command named, nothing on standard output", async () => {
    assert.deepEqual(await weekly("check", "--merge"), {
      status: 2,
      stdout: "",
      stderr: "weekly check: unknown option --merge, an option of weekly digest (weekly check takes --format and --help); see weekly check --help.\n",
    });
  });
  test("weekly export --weekday 9: both problems at once", async () => {
    const run = await weekly("export", "--weekday", "9", "2026-W07");
    assert.equal(run.status, 2);
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      "weekly export: unknown option --weekday, an option of weekly new (weekly export takes --format, --output, --unsubscribe and --help); see weekly export --help.",
      `weekly export: --format missing; expected ${FORMATS}.`,
    ]);
  });
  test("an option before the command is misplaced: exit 2", async () => {
    assert.deepEqual(await weekly("--format", "json", "check"), { status: 2, stdout: "", stderr: "weekly: --format before the command; options go after it (weekly <command> --format …), see weekly --help.\n" });
  });
  test("an unknown command: exit 2, the commands listed and the nearest proposed", async () => {
    const run = await weekly("chek");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^weekly: unknown command "chek"; expected check, new, digest, export or notify \(did you mean check\?\)\.\n\nUsage: weekly <command>/);
  });
  test("no command: the usage on standard error, exit 2", async () => {
    const run = await weekly();
    assert.deepEqual([run.status, run.stdout], [2, ""]);
    assert.match(run.stderr, /^Usage: weekly <command> \[options\]\n/);
  });
  for (const argv of [["--help"], ["-h"], ["help"]]) {
    test(`weekly ${argv.join(" ")} lists every command with its summary, exit 0`, async () => {
      const run = await weekly(...argv);
      assert.deepEqual([run.status, run.stderr], [0, ""]);
      for (const { name, summary } of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${name} +${inEnglish(summary).split(" ")[0]}`, "m"), name);
    });
  }
  for (const { name } of COMMANDS) {
    test(`weekly ${name} --help and weekly help ${name} print its help, exit 0`, async () => {
      const run = await weekly(name, "--help");
      assert.deepEqual(run, { status: 0, stdout: `${commandHelp(command(name))}\n`, stderr: "" });
      assert.deepEqual(await weekly("help", name), run);
    });
  }
  test("weekly help publish: exit 2", async () => {
    assert.deepEqual(await weekly("help", "publish"), { status: 2, stdout: "", stderr: 'weekly help: unknown command "publish"; expected one of check, new, digest, export or notify.\n' });
  });
});

describe("in Chinese (WEEKLY_LANG=zh, or a Chinese locale such as LANG=zh_CN.UTF-8)", () => {
  const HAN = /\p{Script=Han}/u;
  /** Columns a terminal gives a line: two for a Chinese character or full-width mark. */
  const columnsOf = (line: string) => [...line].reduce((sum, char) => sum + (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char) ? 2 : 1), 0);
  for (const env of [{ WEEKLY_LANG: "zh" }, { LANG: "zh_CN.UTF-8" }]) {
    test(`weekly --help with ${JSON.stringify(env)}: every command's summary in Chinese`, async () => {
      const run = await weeklyIn(env, "--help");
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^用法：weekly <命令> \[选项\]$/m);
      for (const { name, summary } of COMMANDS) assert.match(run.stdout, new RegExp(`^  ${name} +${[...inChinese(summary)].slice(0, 4).join("")}`, "m"), name);
    });
  }
  for (const cmd of COMMANDS) {
    test(`weekly ${cmd.name} --help in Chinese: each option and argument described in Chinese, lines of at most 100 columns, none starting with closing punctuation`, () => {
      const help = commandHelp(cmd, "zh");
      const lines = help.split("\n");
      for (const [name, spec] of Object.entries({ ...(cmd.options as OptionSpecs) })) {
        const line = lines.find((l) => l.trimStart().startsWith(`${spec.short === undefined ? "" : `-${spec.short}, `}--${name}`));
        assert.ok(line, `--${name} in\n${help}`);
        assert.ok(line.includes([...inChinese(spec.description)].slice(0, 3).join("")), line);
      }
      for (const argument of cmd.arguments) assert.ok(help.includes(`${[...inChinese(argument.description)].slice(0, 2).join("")}`), argument.value);
      assert.match(help, /^用法：weekly /);
      assert.ok(lines.some((l) => l.trimStart().startsWith("-h, --help ") && l.includes("显示本帮助")));
      for (const line of lines) assert.ok(columnsOf(line) <= 100, `${columnsOf(line)} columns: ${line}`);
      for (const line of lines) assert.doesNotMatch(line.trimStart(), /^[，。；：、）」』]/, line);
      // Every line of prose is Chinese: the usage line's options word, the summary, the closing note.
      for (const line of [lines[0]!, lines[2]!, lines.at(-1)!]) assert.match(line, HAN, line);
    });
  }
  test("the command line's complaints, in Chinese: options and values as typed", async () => {
    const run = await weeklyIn({ WEEKLY_LANG: "zh" }, "export", "2026-W07", "--format", "pdf", "--weekday", "3");
    assert.equal(run.status, 2);
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      "weekly export：未知选项 --weekday，它是 weekly new 的选项（weekly export 接受 --format、--output、--unsubscribe 和 --help）；参见 `weekly export --help`。",
      `weekly export：--format 收到 "pdf"；需要 ${EDITIONS.map((e) => e.name).slice(0, -1).join("、")} 或 ${EDITIONS.at(-1)!.name}。`,
    ]);
    const typo = await weeklyIn({ WEEKLY_LANG: "zh" }, "chek");
    assert.match(typo.stderr, /^weekly：未知命令 "chek"；需要 check、new、digest、export 或 notify（是不是想输入 check？）。/);
    const missing = await weeklyIn({ WEEKLY_LANG: "zh" }, "export", "--format", "text");
    assert.equal(missing.stderr, "weekly export：请指明是哪篇报告；需要一个周次（如 2026-W07）或一篇报告的文件。\n");
  });
  test("a folder with no site, in Chinese", async () => {
    const run = await inFolder(tmpdir(), { WEEKLY_LANG: "zh" }, () => weeklyIn({ WEEKLY_LANG: "zh" }, "check"));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^weekly check：\S+ 及其上层文件夹里都没有 Eleventy 配置文件（\.eleventy\.js、eleventy\.config\.js、/);
  });
});

describe("the help is written from the declarations the parser reads", () => {
  for (const cmd of COMMANDS) {
    test(`weekly ${cmd.name} --help names each of its options with its alias, value and description, and its arguments`, () => {
      const help = commandHelp(cmd);
      const lines = help.split("\n");
      for (const [name, spec] of Object.entries(cmd.options as OptionSpecs)) {
        const flag = `${spec.short === undefined ? "" : `-${spec.short}, `}--${name}${spec.type === "string" ? ` ${spec.value}` : ""}`;
        const line = lines.find((l) => l.trimStart().startsWith(`${flag} `));
        assert.ok(line, `${flag} in\n${help}`);
        // The description's first words are on the option's own line (the rest may wrap).
        assert.ok(line.includes(inEnglish(spec.description).split(" ").slice(0, 2).join(" ")), line);
      }
      for (const argument of cmd.arguments) assert.match(help, new RegExp(`^  ${argument.value.replace(/[|]/g, "\\|")} +${inEnglish(argument.description).split(" ")[0]}`, "m"));
      assert.ok(lines.some((l) => l.trimStart().startsWith("-h, --help ")));
      assert.ok(lines.every((l) => l.length <= 100), "lines of at most 100 columns");
    });
  }
  test("weekly export --format: the registry's editions, each with what it is", () => {
    const help = commandHelp(command("export"));
    assert.match(help, new RegExp(`--format ${EDITIONS.map((e) => e.name).join("\\|")}`));
    for (const edition of EDITIONS) assert.ok(help.replace(/\s+/g, " ").includes(`${edition.name} (${inEnglish(edition.summary)})`), edition.name);
  });
});

describe("the README's commands", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const docs = `${readme}\n${readFileSync(join(ROOT, "docs", "plugin.md"), "utf8")}`;
  /** Each `npx weekly …` of the README (and the plugin's documentation): of an inline code span (which may wrap) or at the start of a code block's line, its comment dropped. */
  const lines = [
    ...[...docs.matchAll(/`(npx weekly [^`]+)`/g)].map((m) => m[1]!),
    ...[...docs.matchAll(/^npx weekly .*$/gm)].map((m) => m[0].replace(/\s+#.*$/, "")),
  ].map((line) => line.replace(/\s+/g, " ").trim());
  // A synopsis (`<2026-W07 | FILE>`, `[-o FILE]`, `email|wechat|text`) is checked against the registry below.
  const commands = [...new Set(lines.filter((line) => !/[<[|]/.test(line)))];

  test("the README shows the commands (the list below is not empty)", () => assert.ok(commands.length >= 8, commands.join("\n")));
  for (const line of commands) {
    test(`${line} is accepted`, async () => {
      const [name, ...argv] = line.split(" ").slice(2);
      if (name === "--help") return assert.equal((await weekly(name, ...argv)).status, 0);
      const cmd = COMMANDS.find((c) => c.name === name);
      assert.ok(cmd, `no command ${name}`);
      // Prose names a command by itself (`npx weekly export` makes …): that it exists is enough.
      if (argv.length === 0) return;
      const outcome = parseCommand(cmd, argv, COMMANDS);
      assert.ok("args" in outcome, JSON.stringify(outcome));
    });
  }

  test("the README lists exactly the registry's editions, in its order, and its synopsis names them all", () => {
    const section = readme.slice(readme.indexOf("### Sending the report"), readme.indexOf("## Checking the content"));
    assert.deepEqual([...section.matchAll(/^- \*\*`([a-z-]+)`\*\*:/gm)].map((m) => m[1]), EDITIONS.map((e) => e.name));
    const synopsis = lines.find((line) => line.startsWith("npx weekly export <"));
    assert.match(synopsis ?? "", new RegExp(` --format ${EDITIONS.map((e) => e.name).join("\\|")} `));
    // Where the README names some of the formats (`--format email|wechat`), each is one of them.
    for (const [, named] of readme.matchAll(/weekly export[^`\n]* --format ([a-z|]+)/g)) {
      for (const format of named!.split("|")) assert.ok(EDITIONS.some((e) => e.name === format), format);
    }
  });
});
