// `npm run bench`'s preview row (issue 30): this blog as it is, previewed with `eleventy --serve`
// (what `npm start` runs), its report saved with one more line ("plain save") and saved with one more
// 3000 × 2000 photo ("photo save", a new photo each time, never in the cache), alternating: the
// median time from each save to Eleventy's "Wrote … files" line. Then the time the dev server takes
// to answer the photo's widest AVIF variant, the one a wide screen asks for first.
//   node --import tsx test/bench/previewPhoto.ts [--runs 3]     (after `npm run compile`)
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { freePort, httpGet as get } from "../helpers.js";
import { median } from "./median.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The goal of issue 30: a save that adds a photo takes at most this many times a plain save. */
const GOAL = 3;
const PHOTO = { width: 3000, height: 2000 };
const REPORT = "2026-W06-ai-weekly.md";

/** A 3000 × 2000 JPEG with a photo's texture (blurred noise, so every photo is different). */
async function writePhoto(file: string): Promise<void> {
  await sharp({ create: { ...PHOTO, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: "gaussian", mean: 128, sigma: 70 } } })
    .blur(4)
    .jpeg({ quality: 85 })
    .toFile(file);
}

/** This blog (its report, digest and layouts) with the plugin installed as a package, as a site that uses it. */
function blogSite(dir: string): void {
  for (const folder of ["posts", "weekly_news", "layouts", ".gitignore"]) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) if (!name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  symlinkSync(ROOT, join(dir, "node_modules", "eleventy-plugin-weekly"));
  writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  writeFileSync(
    join(dir, "eleventy.config.js"),
    `import weekly from "eleventy-plugin-weekly";
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(weekly, {
    timezone: "Asia/Shanghai",
    site: { title: "AI 周报", url: "https://weekly.example.org", language: "zh-CN", author: "Jeremy" },
  });
}
export const config = { dir: { includes: "" }, markdownTemplateEngine: false };
`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PreviewPhotoTimes {
  plain: number[];
  photo: number[];
  /** The first request of each new photo's widest AVIF variant, from the dev server. */
  firstAvif: number[];
}

/** Serves the blog and saves its report `runs` times each way, alternating. */
export async function measurePreviewPhoto(runs: number): Promise<PreviewPhotoTimes> {
  const site = mkdtempSync(join(tmpdir(), "weekly-bench-photo-"));
  const output = join(site, "_site");
  const times: PreviewPhotoTimes = { plain: [], photo: [], firstAvif: [] };
  let child: ReturnType<typeof spawn> | undefined;
  try {
    blogSite(site);
    mkdirSync(join(site, "posts", "photos"));
    for (let run = 1; run <= runs; run++) await writePhoto(join(site, "posts", "photos", `photo-${run}.jpg`));
    const port = await freePort();
    child = spawn(process.execPath, [join(ROOT, "node_modules", "@11ty", "eleventy", "cmd.cjs"), "--serve", "--port", String(port), "--output", output], {
      cwd: site,
      env: { ...process.env, WEEKLY_NOW: "2026-03-01", WEEKLY_PREVIEW: undefined },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const waiters: Array<() => void> = [];
    let buffered = "";
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (/Wrote \d+ files?/.test(line)) waiters.shift()?.();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    const nextWrite = (what: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no rebuild after ${what} within 5 minutes:\n${log}`)), 5 * 60_000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    const report = join(site, "posts", REPORT);
    const save = async (what: string, line: string) => {
      const written = nextWrite(what);
      const started = performance.now();
      appendFileSync(report, `\n${line}\n`);
      await written;
      return performance.now() - started;
    };
    await nextWrite("starting");
    await sleep(3000); // the watcher settles
    for (let run = 1; run <= runs; run++) {
      times.plain.push(await save(`plain save ${run}`, `第 ${run} 次修改。`));
      await sleep(1500);
      times.photo.push(await save(`photo save ${run}`, `![第 ${run} 张照片](./photos/photo-${run}.jpg)`));
      const page = (await get(`http://127.0.0.1:${port}/posts/2026-W06-ai-weekly/`)).bytes.toString("utf8");
      const avif = [...page.matchAll(new RegExp(`/posts/photos/(photo-${run}-[^" ,]+-1200\\.avif)`, "g"))][0]?.[0];
      if (!avif) throw new Error(`the page names no 1200 px AVIF of photo-${run}.jpg:\n${log}`);
      const started = performance.now();
      const answer = await get(`http://127.0.0.1:${port}${avif}`);
      if (answer.status !== 200 || answer.type !== "image/avif") throw new Error(`${avif}: ${answer.status} ${answer.type}\n${log}`);
      times.firstAvif.push(performance.now() - started);
      await sleep(1500);
    }
    return times;
  } finally {
    if (child?.pid !== undefined) {
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child!.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    rmSync(site, { recursive: true, force: true });
  }
}

/** The table of the preview's row, for `npm run bench`. */
export async function previewPhotoRows(runs: number): Promise<string[]> {
  const times = await measurePreviewPhoto(Math.max(3, runs));
  const [plain, photo, avif] = [median(times.plain), median(times.photo), median(times.firstAvif)];
  const ratio = photo / plain;
  return [
    "",
    `Preview of this blog (\`eleventy --serve\`): a save that adds a ${PHOTO.width} px photo against a plain save (goal ≤ ${GOAL} ×), medians of ${times.plain.length}, alternating; then the photo's widest AVIF asked of the dev server.`,
    "| plain save | photo save | ratio | first AVIF request |",
    "|---|---|---|---|",
    `| ${plain.toFixed(0)} | ${photo.toFixed(0)} | ${ratio.toFixed(2)} ${ratio <= GOAL ? "✓" : "✗"} | ${avif.toFixed(0)} |`,
    `(each run, ms: plain ${times.plain.map((t) => t.toFixed(0)).join(", ")}; photo ${times.photo.map((t) => t.toFixed(0)).join(", ")}; AVIF ${times.firstAvif.map((t) => t.toFixed(0)).join(", ")})`,
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  for (const line of await previewPhotoRows(Number(values.runs))) console.log(line);
}
