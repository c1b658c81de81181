// The language of the plugin's and the weekly command's messages: the site's language, unless
// WEEKLY_LANG says.
import { test } from "node:test";
import assert from "node:assert/strict";
import { localeLanguage, messageLanguage } from "../src/core/language.js";

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

// Before a site is read (weekly --help, a mistyped option): WEEKLY_LANG, else the locale.
const locales: Array<[Record<string, string>, "zh" | "en"]> = [
  [{ LANG: "zh_CN.UTF-8" }, "zh"],
  [{ LANG: "zh_TW" }, "zh"],
  [{ LANG: "C.UTF-8" }, "en"],
  [{ LANG: "en_US.UTF-8" }, "en"],
  [{}, "en"],
  [{ LANG: "en_US.UTF-8", LC_MESSAGES: "zh_CN.UTF-8" }, "zh"],
  [{ LANG: "zh_CN.UTF-8", LC_ALL: "C" }, "en"],
  [{ LANG: "zh_CN.UTF-8", LC_ALL: "" }, "zh"],
  [{ LANG: "zhx" }, "en"],
  [{ LANG: "zh_CN.UTF-8", WEEKLY_LANG: "en" }, "en"],
  [{ LANG: "C", WEEKLY_LANG: "zh" }, "zh"],
];
for (const [env, expected] of locales) {
  test(`before a site is read: ${JSON.stringify(env)} → ${expected}`, () => assert.equal(localeLanguage(env), expected));
}
