// The author's guide in Chinese (docs/GUIDE.zh-CN.md) and the README say the same: every `weekly`
// command and option the guide names exists in the command line's declarations and in the README,
// every command is in the guide, and the guide's cron line and GitHub Actions workflow are the
// README's (comments aside).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMANDS } from "../src/cli/main.js";
import { ROOT } from "./helpers.js";

const GUIDE = readFileSync(join(ROOT, "docs", "GUIDE.zh-CN.md"), "utf8");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** Each `weekly <command> …` the text writes (in code), with the options on the same span. */
function commandsNamed(text: string): Array<{ command: string; options: string[] }> {
  return [...text.matchAll(/weekly (\w+)([^`\n]*)/g)].map((match) => ({ command: match[1]!, options: [...match[2]!.matchAll(/(?:^|\s)(--[a-z][a-z-]*|-[a-z])\b/g)].map((option) => option[1]!) }));
}

/** A command's options as written on a command line: `--format`, `-o`, and `--help`. */
function optionsOf(name: string): Set<string> {
  const command = COMMANDS.find((c) => c.name === name)!;
  const options = command.options as Record<string, { short?: string }>;
  return new Set(["--help", "-h", ...Object.entries(options).flatMap(([long, spec]) => [`--${long}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])])]);
}

test("every weekly command and option the guide names is one the command line declares", () => {
  const named = commandsNamed(GUIDE);
  assert.ok(named.length >= 8, `${named.length} commands named`);
  for (const { command, options } of named) {
    assert.ok(COMMANDS.some((c) => c.name === command), `weekly ${command} is not a command`);
    for (const option of options) assert.ok(optionsOf(command).has(option), `weekly ${command} ${option} is not an option of weekly ${command}`);
  }
});

test("every command is in the guide, and what the guide names is in the README too", () => {
  for (const command of COMMANDS) assert.match(GUIDE, new RegExp(`npx weekly ${command.name}\\b`), `the guide does not show weekly ${command.name}`);
  for (const { command, options } of commandsNamed(GUIDE)) {
    assert.match(README, new RegExp(`weekly ${command}\\b`), `the README does not name weekly ${command}`);
    for (const option of options) assert.ok(README.includes(option), `the README does not name ${option} (weekly ${command})`);
  }
});

test("the guide's cron line and GitHub Actions workflow are the README's", () => {
  const cron = (text: string) => text.match(/^5 \* \* \* \* .*$/m)?.[0];
  assert.ok(cron(GUIDE) !== undefined);
  assert.equal(cron(GUIDE), cron(README));
  const workflow = (text: string) => text.match(/```yaml\n(name: publish[\s\S]*?)```/)?.[1]?.replace(/\s+#.*$/gm, "");
  assert.ok(workflow(GUIDE) !== undefined);
  assert.equal(workflow(GUIDE), workflow(README));
});

test("the README's first screen links the guide", () => {
  assert.match(README.split("\n").slice(0, 20).join("\n"), /\(docs\/GUIDE\.zh-CN\.md\)/);
});
