// What the browser tests share: Debian's Chromium through playwright-core, console errors
// collected, axe-core's violations, and a page opened with its status checked.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "./helpers.js";

/** Debian's Chromium, or the browser named by WEEKLY_TEST_CHROMIUM (as test/setup/browser.sh checks). */
export const CHROMIUM = process.env.WEEKLY_TEST_CHROMIUM ?? "/usr/bin/chromium";
/** Kept as test output: what the pages look like, for a person to see. */
export const SCREENSHOTS = join(ROOT, "test", ".output", "screenshots");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface Browser {
  context: BrowserContext;
  /** Every console error and uncaught exception of every page, with its URL. */
  consoleErrors: string[];
  /** Opens `url` in the one tab, and checks that it answered 200. */
  open(url: string): Promise<Page>;
}

/** Chromium with a fresh profile in the temporary folder, removed when the context closes. */
export async function launchChromium(options: Parameters<typeof chromium.launchPersistentContext>[1]): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "weekly-chromium-"));
  const context = await chromium.launchPersistentContext(profile, options);
  // Chromium may still be writing its profile as the context closes: removed once it is done, or
  // left for `npm test`, which removes its whole temporary folder.
  context.once("close", () => void rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => {}));
  return context;
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (npm test does it as root)`);
  const context = await launchChromium({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
  });
  const consoleErrors: string[] = [];
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  };
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  return {
    context,
    consoleErrors,
    async open(url) {
      const page = context.pages()[0] ?? (await context.newPage());
      const response = await page.goto(url);
      assert.equal(response?.status(), 200, url);
      return page;
    },
  };
}

/**
 * axe-core's violations on the page as it is now, one line each; `exclude` names parts that are
 * the browser's own, not the page's (Chromium's banner on a feed shown through XSLT).
 */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (exclude) => {
    const result = await (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(exclude.length > 0 ? { exclude } : document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, exclude);
}

/** How far the page scrolls sideways: 0 when nothing overflows. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
