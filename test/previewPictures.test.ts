// The preview's pictures (`eleventy --serve`): a save that adds a photo rebuilds the page with the
// production build's <picture> and variant names, encoding none of them; the dev server makes each
// variant when it is asked for, with its type, into the cache and never into the output; only the
// variants of the pictures the last build showed are answered; a production build afterwards
// writes every variant, taking from the cache those made on request. The decisions are tables; the
// real `eleventy --serve` runs once (no traffic goes anywhere but 127.0.0.1).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { imageSize } from "image-size";
import sharp from "sharp";
import { requestedVariant, shownVariants } from "../src/eleventy/previewPictures.js";
import { ignoreCache } from "../src/eleventy/previewWatch.js";
import type { ImagePlan } from "../src/content/images.js";
import { copySite, ELEVENTY_BIN, freePort, httpGet as get, listFiles, runEleventy, stopPreview, tempOutput, type Answer } from "./helpers.js";

const PLAN: ImagePlan = {
  kind: "responsive",
  width: 800,
  height: 400,
  fallback: "png",
  variants: [
    { format: "avif", width: 400, height: 200, file: "posts/chart-AbC-400.avif" },
    { format: "png", width: 800, height: 400, file: "posts/chart-AbC-800.png" },
    { format: "webp", width: 400, height: 200, file: "posts/图表-AbC-400.webp" },
  ],
};

describe("requestedVariant", () => {
  const shown = shownVariants([["posts/chart.png", PLAN], ["posts/diagram.svg", { kind: "plain" }]]);
  const cases: Array<[string, string, string | undefined]> = [
    ["/posts/chart-AbC-400.avif", "", "posts/chart-AbC-400.avif"],
    ["/posts/chart-AbC-800.png?v=1", "", "posts/chart-AbC-800.png"],
    [`/posts/${encodeURIComponent("图表")}-AbC-400.webp`, "", "posts/图表-AbC-400.webp"],
    ["/blog/posts/chart-AbC-400.avif", "/blog", "posts/chart-AbC-400.avif"],
    ["/posts/chart-AbC-400.avif", "/blog", "posts/chart-AbC-400.avif"],
    ["/posts/chart-XyZ-400.avif", "", undefined], // a name no build planned
    ["/posts/chart.png", "", undefined], // the original: a linked file, not a variant
    ["/posts/diagram.svg", "", undefined],
    ["/posts/../posts/chart-AbC-400.avif", "", undefined],
  ];
  for (const [url, basePath, file] of cases) {
    test(`requestedVariant(${JSON.stringify(url)}, ${JSON.stringify(basePath)}) → ${file ?? "none"}`, () => {
      const found = requestedVariant(url, basePath, shown);
      assert.equal(found?.variant.file, file);
      if (found) assert.equal(found.path, "posts/chart.png");
    });
  }
});

describe("ignoreCache", () => {
  const cases: Array<[string | false, string[]]> = [
    [".cache/weekly", [".cache/weekly/**"]],
    ["./.cache/weekly/", [".cache/weekly/**"]],
    ["/project/build-cache", ["build-cache/**"]],
    ["/elsewhere/cache", []], // outside the project: not watched anyway
    [false, []],
  ];
  for (const [cacheDir, globs] of cases) {
    test(`ignoreCache(${JSON.stringify(cacheDir)}) from /project → ${JSON.stringify(globs)}`, () => {
      const added: string[] = [];
      ignoreCache({ watchIgnores: { add: (glob) => added.push(glob) } }, cacheDir, "/project");
      assert.deepEqual(added, globs);
    });
  }
});

const NOW = { WEEKLY_NOW: "2026-03-01T12:00" };
const REPORT = { file: "posts/2026-W06-ai-weekly.md", url: "/posts/2026-W06-ai-weekly/" };
/** The photo the author adds while previewing, and a picture added and then taken out again. */
const PHOTO = { name: "big-photo", width: 3000, height: 2000 };
const DROPPED = "dropped-chart";

/** Each variant the page's <picture> of `name` offers: its URL, the type its <source> (or the <img>, JPEG) gives, its width. */
function offered(html: string, name: string): Array<{ url: string; type: string; width: number }> {
  const picture = [...html.matchAll(/<picture>[\s\S]*?<\/picture>/g)].map((m) => m[0]).find((markup) => markup.includes(`${name}-`));
  if (!picture) return [];
  const sets = [...picture.matchAll(/<source type="([^"]+)" srcset="([^"]+)"/g)].map((m) => [m[1]!, m[2]!] as const);
  const img = /<img src="[^"]*" srcset="([^"]+)"/.exec(picture)?.[1];
  if (img) sets.push(["image/jpeg", img]);
  return sets.flatMap(([type, srcset]) =>
    srcset.split(", ").map((candidate) => {
      const [url, width] = candidate.split(" ");
      return { url: url!, type, width: Number.parseInt(width!, 10) };
    }),
  );
}

describe("npx eleventy --serve: a save that adds a photo", () => {
  let site: string;
  let output: string;
  const seen: Record<string, unknown> = {};
  const served = new Map<string, Answer>();
  const cacheFiles = (name: string) => listFiles(join(site, ".cache", "weekly", "images")).filter((file) => file.startsWith(`${name}-`));
  const inodes = (name: string) => Object.fromEntries(cacheFiles(name).map((file) => [file, statSync(join(site, ".cache", "weekly", "images", file)).ino]));
  const outputFiles = (name: string) => listFiles(output).filter((file) => file.includes(`${name}-`));
  before(async () => {
    site = copySite("images");
    const box = (width: number, height: number, r: number) => sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } });
    mkdirSync(join(site, "posts", "photos"));
    await box(800, 400, 120).png().toFile(join(site, "posts", "chart.png"));
    await box(600, 400, 160).jpeg().toFile(join(site, "posts", "photos", "photo.jpg"));
    await box(600, 300, 200).png().toFile(join(site, "posts", "unreleased.png"));
    await box(PHOTO.width, PHOTO.height, 90).jpeg({ quality: 85 }).toFile(join(site, "posts", "photos", `${PHOTO.name}.jpg`));
    await box(900, 450, 60).png().toFile(join(site, "posts", `${DROPPED}.png`));
    output = tempOutput("preview-pictures");
    const port = await freePort();
    const child = spawn(ELEVENTY_BIN, ["--serve", "--port", String(port), "--output", output], {
      cwd: site,
      env: { ...process.env, ...NOW, WEEKLY_PREVIEW: undefined, WEEKLY_SERVE_HOST: undefined },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    const at = (path: string) => get(`http://127.0.0.1:${port}${path}`);
    const until = async (path: string, ready: (page: string) => boolean, what: string) => {
      for (let attempt = 0; attempt < 480; attempt++) {
        const page = await at(path).catch(() => undefined);
        if (page?.status === 200 && ready(page.bytes.toString("utf8"))) return page.bytes.toString("utf8");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`the preview never served ${path} ${what}:\n${log}`);
    };
    const builds = () => (log.match(/Wrote \d+ files?/g) ?? []).length;
    /** Saves the report until the preview shows the change (a save before the watcher is ready is not seen), then waits for the build to finish (its pictures settled). */
    const save = async (text: string, ready: (page: string) => boolean, what: string) => {
      for (let attempt = 1; ; attempt++) {
        const before = builds();
        writeFileSync(join(site, REPORT.file), text);
        try {
          const page = await until(REPORT.url, ready, what);
          for (let wait = 0; builds() === before && wait < 480; wait++) await new Promise((resolve) => setTimeout(resolve, 250));
          return page;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    };
    try {
      await until(REPORT.url, () => true, "at first");
      const source = readFileSync(join(site, REPORT.file), "utf8");
      const added = `${source}\n![新照片](photos/${PHOTO.name}.jpg)\n\n![要删的图](./${DROPPED}.png)\n`;
      const page = await save(added, (html) => html.includes(`${PHOTO.name}-`) && html.includes(`${DROPPED}-`), "with the new photo");
      seen.outputAfterSave = [...outputFiles(PHOTO.name), ...outputFiles(DROPPED)];
      seen.cacheAfterSave = [...cacheFiles(PHOTO.name), ...cacheFiles(DROPPED)];
      seen.offered = offered(page, PHOTO.name);
      for (const { url } of seen.offered as Array<{ url: string }>) served.set(url, await at(url));
      seen.outputAfterRequests = outputFiles(PHOTO.name);
      seen.cachedOnRequest = cacheFiles(PHOTO.name).length;
      seen.unplanned = (await at(`/posts/photos/${PHOTO.name}-AAAAAAAAAA-400.avif`)).status;
      // A picture the report no longer shows is not answered, though the cache holds its variant.
      const droppedUrl = offered(page, DROPPED)[0]!.url;
      seen.droppedBefore = (await at(droppedUrl)).status;
      await save(added.replace(`![要删的图](./${DROPPED}.png)`, ""), (html) => !html.includes(`${DROPPED}-`), "without the dropped picture");
      seen.droppedAfter = (await at(droppedUrl)).status;
      seen.droppedCached = cacheFiles(DROPPED).length;
      seen.cacheWatched = log.match(/File changed: \S*\.cache\/\S*/g) ?? [];
    } finally {
      await stopPreview(child);
    }
    // Some variants made on request kept, the JPEG ones dropped: the production build encodes those only.
    const kept = inodes(PHOTO.name);
    for (const file of Object.keys(kept).filter((name) => name.endsWith(".jpg"))) {
      rmSync(join(site, ".cache", "weekly", "images", file));
      delete kept[file];
    }
    seen.keptBeforeProduction = kept;
    const run = runEleventy(site, output, NOW);
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  });
  after(() => {
    rmSync(output, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  });

  test("the rebuilt page offers the photo in AVIF, WebP and JPEG at 400, 800 and 1200 px", () => {
    const offers = seen.offered as Array<{ url: string; type: string; width: number }>;
    assert.deepEqual(
      offers.map(({ type, width }) => `${type} ${width}`).sort(),
      ["image/avif 1200", "image/avif 400", "image/avif 800", "image/jpeg 1200", "image/jpeg 400", "image/jpeg 800", "image/webp 1200", "image/webp 400", "image/webp 800"],
    );
  });
  test("the save encodes no variant: neither the output nor the cache holds one once the page is rebuilt", () => {
    assert.deepEqual(seen.outputAfterSave, []);
    assert.deepEqual(seen.cacheAfterSave, []);
  });
  test("each variant the page names is answered with the type its <source> says, and bytes of that format at that width", () => {
    for (const { url, type, width } of seen.offered as Array<{ url: string; type: string; width: number }>) {
      const answer = served.get(url)!;
      assert.equal(answer.status, 200, url);
      assert.equal(answer.type, type, url);
      const size = imageSize(answer.bytes);
      assert.equal(`image/${size.type === "jpg" ? "jpeg" : size.type}`, type, url);
      assert.equal(size.width, width, url);
      assert.equal(size.height, Math.round((width * PHOTO.height) / PHOTO.width), url);
    }
  });
  test("variants made on request go into the cache, never into the output", () => {
    assert.equal(seen.cachedOnRequest, 9);
    assert.deepEqual(seen.outputAfterRequests, []);
  });
  test("only the variants of pictures the last build showed are answered", () => {
    assert.equal(seen.unplanned, 404);
    assert.deepEqual([seen.droppedBefore, seen.droppedAfter, seen.droppedCached], [200, 404, 1]);
  });
  test("what the preview writes into the plugin's cache does not rebuild it", () => {
    assert.deepEqual(seen.cacheWatched, []);
  });
  test("a production build afterwards writes every variant, the same bytes as served, taking those the cache kept as they are", () => {
    for (const { url } of seen.offered as Array<{ url: string }>) {
      assert.deepEqual(readFileSync(join(output, decodeURIComponent(url))), served.get(url)!.bytes, url);
    }
    const kept = seen.keptBeforeProduction as Record<string, number>;
    assert.equal(Object.keys(kept).length, 6);
    const now = inodes(PHOTO.name);
    for (const [file, inode] of Object.entries(kept)) assert.equal(now[file], inode, `${file} was encoded again`);
    assert.equal(Object.keys(now).length, 9);
  });
});
