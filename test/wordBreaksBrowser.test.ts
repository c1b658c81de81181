// Titles and headings that would break inside a word, in Chromium at a phone's width (390 px) and a
// desktop's (1280 px): the same text in a plain element breaks inside a word somewhere (before),
// the plugin's title and headings never do (after). Screenshots of both in
// test/.output/screenshots/word-breaks/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { copySite, removeOutput, runEleventy, tempOutput } from "./helpers.js";
import { serveFolder, type StaticSite } from "./staticServer.js";
import { launchBrowser, SCREENSHOTS, type Browser } from "./browserKit.js";
import { wordGroups } from "../src/content/wordBreaks.js";

/** Titles of reports, and section headings, that a browser breaks inside a word when it may break between any two characters. */
const TITLE = "AI代理和自动化：多智能体协作与自治生态引领智能革命加速落地";
const HEADINGS = ["风险、安全与监管：AI精神病、致命无人机与智能治理试炼", "模型迭代与能力升级：推理、多维度评测与自治代理齐头并进"];
const WIDTHS = [390, 1280];
const OUT = join(SCREENSHOTS, "word-breaks");

let site: string;
let output: string;
let served: StaticSite;
let browser: Browser;

before(async () => {
  site = copySite("scheduled");
  const report = join(site, "posts", "2026-W06-ai-weekly.md");
  const source = readFileSync(report, "utf8").replace(/^title: .*$/m, `title: ${TITLE}`);
  writeFileSync(report, `${source}\n\n${HEADINGS.map((heading) => `## ${heading}\n\n正文。\n`).join("\n")}`);
  output = tempOutput("word-breaks");
  const built = runEleventy(site, output, { WEEKLY_NOW: "2026-02-19T08:00:01" });
  assert.equal(built.status, 0, built.stderr);
  served = await serveFolder(output);
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await browser?.context.close();
  await served?.close();
  removeOutput(output);
  removeOutput(site);
});

/**
 * In the page: for each group of an element's text (its characters in order), on how many lines
 * the browser laid it out. A string made into a function: the test runner's compiler names inner
 * functions with a helper the page does not have.
 */
const MEASURE = new Function(
  "element",
  "groups",
  `const nodes = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  const place = (at) => {
    for (const node of nodes) {
      if (at <= node.length) return [node, at];
      at -= node.length;
    }
    return [nodes[nodes.length - 1], nodes[nodes.length - 1].length];
  };
  let at = 0;
  return groups.map((group) => {
    const range = element.ownerDocument.createRange();
    range.setStart(...place(at));
    range.setEnd(...place(at + group.length));
    at += group.length;
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
  });`,
) as (element: Element, groups: string[]) => number[];

/**
 * The words of `selector`'s text (its groups, as wordBreaks.ts finds them) that the browser laid
 * out on more than one line: each group's characters as a Range, its rectangles' distinct tops.
 */
async function wordsSplit(page: Page, selector: string): Promise<string[]> {
  const texts = await page.locator(selector).allTextContents();
  const split: string[] = [];
  for (const [index, textContent] of texts.entries()) {
    const groups = wordGroups(textContent);
    const lines = await page.locator(selector).nth(index).evaluate(MEASURE, groups);
    for (const [i, count] of lines.entries()) if (count > 1 && groups[i]!.trim() !== "") split.push(groups[i]!);
  }
  return split;
}

describe("titles and headings break between words only", () => {
  for (const width of WIDTHS) {
    test(`at ${width} px: the report's title and headings keep every word on one line; the same text without the plugin's breaks does not`, async () => {
      const page = await browser.open(`${served.url}/posts/2026-W06-ai-weekly/`);
      await page.setViewportSize({ width, height: 900 });
      // Before: the same texts in plain elements of the same place and style, as a browser breaks Chinese by default.
      await page.evaluate((texts: string[]) => {
        for (const [i, text] of texts.entries()) {
          const plain = document.createElement(i === 0 ? "h1" : "h2");
          plain.className = "plain-copy";
          plain.style.wordBreak = "normal";
          plain.textContent = text;
          document.querySelector("article header")!.append(plain);
        }
      }, [TITLE, ...HEADINGS]);
      await page.screenshot({ path: join(OUT, `report-${width}.png`), fullPage: true });
      assert.deepEqual(await wordsSplit(page, "h1#weekly-title"), [], "the title");
      assert.deepEqual(await wordsSplit(page, ".content h2"), [], "the headings");
      if (width === 390) assert.notDeepEqual(await wordsSplit(page, ".plain-copy"), [], "without the breaks, a word is split somewhere at 390 px: this test can fail");
    });
  }
});
