import { chromium } from "playwright-core";
import { serveFolder } from "../staticServer.js";
const server = await serveFolder("/tmp/prev1", "/");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [w, name] of [[390, "phone"], [1280, "desk"]] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(`${server.url}posts/2026-W06-ai-weekly/`);
  await page.waitForLoadState("networkidle");
  const chosen = await page.$$eval("picture img", (imgs) => imgs.map((i) => [(i as HTMLImageElement).currentSrc, (i as HTMLImageElement).clientWidth, (i as HTMLImageElement).clientHeight]));
  console.log(name, JSON.stringify(chosen));
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
}
await browser.close();
await server.close();
