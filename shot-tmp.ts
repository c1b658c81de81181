import { chromium } from "playwright-core";
import { serveFolder } from "./test/staticServer.js";
const site = await serveFolder(process.argv[2]!);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
for (const [path, name] of [["/", "home"], ["/posts/2026-W06-hostile/", "report"]]) {
  await page.goto(site.url + path);
  await page.screenshot({ path: `/tmp/hos-${name}.png` });
}
await browser.close(); await site.close();
