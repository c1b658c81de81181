// The language of the plugin's and the weekly command's messages: the site's language, unless
// WEEKLY_LANG says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { messageLanguage } from "../src/core/language.js";

const cases: Array<[string | undefined, string | undefined, "zh" | "en"]> = [
  ["zh-CN", undefined, "zh"],
  ["zh", undefined, "zh"],
  ["zh-Hans-CN", undefined, "zh"],
  ["zh-TW", undefined, "zh"],
  ["en", undefined, "en"],
  ["en-US", undefined, "en"],
  ["ja", undefined, "en"],
  [undefined, undefined, "en"],
  ["zh-CN", "en", "en"],
  ["zh-CN", "EN-us", "en"],
  ["en", "zh", "zh"],
  ["en", "zh-CN", "zh"],
  ["zh-CN", "", "zh"],
  ["zh-CN", "fr", "zh"],
];
for (const [site, override, expected] of cases) {
  test(`site.language ${JSON.stringify(site)}, WEEKLY_LANG ${JSON.stringify(override)} → ${expected}`, () => assert.equal(messageLanguage(site, override), expected));
}
