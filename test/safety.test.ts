import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { blockedScheme, isSafeLink, xmlSafe } from "../src/core/safety.js";

describe("blockedScheme", () => {
  const cases: Array<[string, string | undefined]> = [
    ["javascript:alert(1)", "javascript"],
    ["JaVaScRiPt:alert(1)", "javascript"],
    [" \tjava\nscript:alert(1)", "javascript"],
    ["\u0001javascript:alert(1)", "javascript"],
    ["vbscript:msgbox", "vbscript"],
    ["data:text/html,<script>", "data"],
    ["data:image/png;base64,AAAA", "data"],
    ["file:///etc/passwd", "file"],
    ["https://example.org/javascript:x", undefined],
    ["./javascript:x", undefined],
    ["/posts/x/", undefined],
    ["#小节", undefined],
    ["mailto:a@example.org", undefined],
    ["java%73cript:alert(1)", undefined], // not a scheme to a browser: a relative path
  ];
  for (const [url, scheme] of cases) {
    test(`${JSON.stringify(url)} → ${scheme}`, () => assert.equal(blockedScheme(url), scheme));
  }
});

describe("isSafeLink", () => {
  const cases: Array<[string, boolean]> = [
    ["https://example.org/a.png", true],
    ["data:image/png;base64,AAAA", false],
    ["DATA:IMAGE/WEBP;base64,AAAA", false],
    ["data:image/svg+xml,<svg onload=x()>", false],
    ["data:text/html,x", false],
    ["javascript:x", false],
  ];
  for (const [url, link] of cases) test(`${url}: link ${link}`, () => assert.equal(isSafeLink(url), link));
});

describe("xmlSafe", () => {
  const cases: Array<[string, string]> = [
    ["plain 中文 🤖", "plain 中文 🤖"],
    ["tab\tline\ncr\r", "tab\tline\ncr\r"],
    ["a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg"],
    ["\u200F\u202Eمرحبا\u2028", "\u200F\u202Eمرحبا\u2028"],
    ["lone \uD83E end", "lone \uFFFD end"],
    ["lone \uDD16 end", "lone \uFFFD end"],
    ["pair \uD83E\uDD16", "pair 🤖"],
    ["\uFFFE\uFFFF", "\uFFFD\uFFFD"],
  ];
  for (const [input, output] of cases) {
    test(`xmlSafe(${JSON.stringify(input)})`, () => assert.equal(xmlSafe(input), output));
  }
});
