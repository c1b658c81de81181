// A held-back report leaves no trace in any output file, across a preview (`eleventy --serve`) and
// production builds in both orders: a draft with a picture and a card, previewed, deleted while the
// preview rebuilds, then a production build; and a production build while the preview runs, after
// which the preview still shows the draft (its picture made on request, never into the output). Also:
// a deleted page leaves the preview, a save does not encode a picture again, and a failed preview
// build shows its problems in the page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import sharp from "sharp";
import { copySite, ELEVENTY_BIN, freePort, listFiles, removePreviewCopies, runEleventy, tempOutput } from "./helpers.js";

/** W08 of the `images` fixture is scheduled after this moment; the draft W09 is never published. */
const NOW = { WEEKLY_NOW: "2026-02-10T12:00" };
const DRAFT = { file: "2026-W09-ai-weekly", title: "W09 机密草稿的标题", url: "/posts/2026-W09-ai-weekly/", picture: "draft-only-photo" };
const DRAFT_SOURCE = `---
title: ${DRAFT.title}
description: 只在预览里出现。
date: 2026-02-26
draft: true
tags: [AI]
---

只有草稿用的图：

![草稿的图](./${DRAFT.picture}.png)
`;

/** A copy of the `images` fixture with its pictures, and the draft with a picture only it shows. */
async function draftSite(): Promise<string> {
  const dir = copySite("images");
  const box = (width: number, height: number, r: number) => sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } });
  mkdirSync(join(dir, "posts", "photos"));
  await box(800, 400, 120).png().toFile(join(dir, "posts", "chart.png"));
  await box(600, 400, 160).jpeg().toFile(join(dir, "posts", "photos", "photo.jpg"));
  await box(600, 300, 200).png().toFile(join(dir, "posts", "unreleased.png"));
  await box(700, 350, 30).png().toFile(join(dir, "posts", `${DRAFT.picture}.png`));
  writeFileSync(join(dir, "posts", `${DRAFT.file}.md`), DRAFT_SOURCE);
  return dir;
}

/** Every file of the output that names the draft (its path) or holds its title, address, file name or picture's name. */
function traces(output: string): string[] {
  const needles = [DRAFT.file, DRAFT.title, DRAFT.url, encodeURI(DRAFT.url), DRAFT.picture].map((needle) => Buffer.from(needle));
  return listFiles(output).filter((file) => {
    if (file.includes(DRAFT.file) || file.includes(DRAFT.picture)) return true;
    const bytes = readFileSync(join(output, file));
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** The files of the output the record does not list (the record itself and the lock aside). */
function unrecorded(output: string): string[] {
  const record = JSON.parse(readFileSync(join(output, ".weekly", "outputs.json"), "utf8")) as Record<string, string[]>;
  const listed = new Set(Object.values(record).flat());
  return listFiles(output).filter((file) => !file.startsWith(".weekly/") && !listed.has(file));
}

function production(site: string, output: string): void {
  const run = runEleventy(site, output, NOW);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      })
      .on("error", reject);
  });
}

interface Preview {
  /** The page at a path once `ready` accepts it, polling for up to two minutes. */
  until(path: string, ready: (page: { status: number; body: string }) => boolean, what: string): Promise<{ status: number; body: string }>;
  log(): string;
  stop(): Promise<void>;
}

/** `npx eleventy --serve` on a free port, writing into `output`. */
async function serve(site: string, output: string): Promise<Preview> {
  const port = await freePort();
  const child = spawn(ELEVENTY_BIN, ["--serve", "--port", String(port), "--output", output], {
    cwd: site,
    env: { ...process.env, ...NOW, WEEKLY_PREVIEW: undefined },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return {
    log: () => log,
    async until(path, ready, what) {
      for (let attempt = 0; attempt < 480; attempt++) {
        const page = await get(`http://127.0.0.1:${port}${encodeURI(path)}`).catch(() => undefined);
        if (page && ready(page)) return page;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`the preview never served ${path} ${what}:\n${log}`);
    },
    async stop() {
      process.kill(-child.pid!, "SIGTERM");
      await closed;
      removePreviewCopies(child.pid);
    },
  };
}

/** What `read` gives once `ok` accepts it, or its last answer after a minute of asking. */
async function eventually<T>(read: () => T, ok: (value: T) => boolean): Promise<T> {
  let value = read();
  for (let attempt = 0; attempt < 240 && !ok(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = read();
  }
  return value;
}

/** The variants a page offers of the draft's picture, by URL (AVIF, WebP and the PNG of the <img>). */
function pictureVariants(html: string): string[] {
  return [...new Set([...html.matchAll(new RegExp(`/posts/${DRAFT.picture}-[^" ,]+`, "g"))].map((match) => match[0]))].sort();
}

const served = (page: { status: number }) => page.status === 200;
const gone = (page: { status: number }) => page.status === 404;
/** Saves a file until the preview shows the change: a save before the watcher is ready is not seen. */
async function saveUntil(file: string, text: string, check: () => Promise<unknown>): Promise<void> {
  for (let save = 1; ; save++) {
    writeFileSync(file, text);
    try {
      return void (await check());
    } catch (error) {
      if (save === 3) throw error;
    }
  }
}

describe("preview, then a draft deleted while the preview rebuilds, then production", () => {
  let site: string;
  let output: string;
  let previewUnrecorded: string[] | undefined;
  let draftAfterRebuilds: number | undefined;
  before(async () => {
    site = await draftSite();
    output = tempOutput("preview-then-production");
    const preview = await serve(site, output);
    try {
      const draft = await preview.until(DRAFT.url, served, "(the draft)");
      await preview.until(`${DRAFT.url}editions/email/`, served, "(the draft's email edition)");
      await preview.until(`/cards${DRAFT.url}index.png`, served, "(the draft's card)");
      // Its picture's variants are made when asked for (previewPictures.ts), as a browser asks.
      for (const variant of pictureVariants(draft.body)) await preview.until(variant, served, "(a variant of the draft's picture)");
      // A save starts a rebuild; the draft is deleted while it runs; the author saves again.
      const w06 = join(site, "posts", "2026-W06-ai-weekly.md");
      const source = readFileSync(w06, "utf8");
      const changes = () => (preview.log().match(/File changed/g) ?? []).length;
      const before = changes();
      // Saved again while unseen: a save before the watcher is ready is not seen.
      for (let save = 0; changes() === before; save++) {
        if (save === 240) throw new Error(`the preview never saw a save:\n${preview.log()}`);
        if (save % 20 === 0) writeFileSync(w06, source.replace("description: ", `description: 存了${save / 20 + 1}次。`));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      rmSync(join(site, "posts", `${DRAFT.file}.md`));
      await saveUntil(w06, source.replace("description: ", "description: 又存了一次。"), () => preview.until("/posts/2026-W06-ai-weekly/", (page) => page.body.includes("又存了一次"), "with the second save"));
      // Once the preview has settled, its record lists every file it left in the output.
      previewUnrecorded = await eventually(() => unrecorded(output), (files) => files.length === 0);
      draftAfterRebuilds = (await preview.until(DRAFT.url, gone, "as gone (deleted)").catch(() => undefined))?.status;
    } finally {
      await preview.stop();
    }
    production(site, output);
  });
  after(() => {
    rmSync(output, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  });

  test("the draft deleted during a rebuild has left the preview once it rebuilt", () => {
    assert.equal(draftAfterRebuilds, 404);
  });
  test("the preview's record lists every file the preview left in the output", () => {
    assert.deepEqual(previewUnrecorded, []);
  });
  test("the production build leaves no file that names the draft, its picture or its card", () => {
    assert.deepEqual(traces(output), []);
  });
  test("the record lists every file of the output", () => {
    assert.deepEqual(unrecorded(output), []);
  });
});

describe("production, then a preview across a production build, then production", () => {
  let site: string;
  let output: string;
  const seen: Record<string, unknown> = {};
  before(async () => {
    site = await draftSite();
    output = tempOutput("production-then-preview");
    production(site, output);
    seen.firstProduction = traces(output);
    const preview = await serve(site, output);
    try {
      await preview.until(DRAFT.url, served, "(the draft)");
      await preview.until(`/cards${DRAFT.url}index.png`, served, "(the draft's card)");
      // A production build while the preview runs: the preview still shows the draft.
      production(site, output);
      seen.productionBesidePreview = traces(output);
      seen.draftAfterProduction = (await preview.until(DRAFT.url, () => true, "")).status;
      seen.cardAfterProduction = (await preview.until(`/cards${DRAFT.url}index.png`, () => true, "")).status;
      // The draft's picture, asked for now: made into the cache and answered, never written into the output.
      const variants = pictureVariants((await preview.until(DRAFT.url, served, "(the draft)")).body);
      seen.pictureAfterProduction = await Promise.all(variants.map(async (variant) => (await preview.until(variant, () => true, "")).status));
      seen.afterPictureRequests = traces(output);
      // A save of the draft copies its picture's variants from the cache: none is encoded again.
      const cached = () => listFiles(join(site, ".cache", "weekly", "images")).filter((file) => file.includes(DRAFT.picture)).map((file) => `${file} ${statSync(join(site, ".cache", "weekly", "images", file)).ino}`);
      seen.cacheBefore = cached();
      const draft = join(site, "posts", `${DRAFT.file}.md`);
      await saveUntil(draft, DRAFT_SOURCE.replace("只在预览里出现。", "存了第二次。"), () => preview.until(DRAFT.url, (page) => page.body.includes("存了第二次"), "with the saved description"));
      seen.cacheAfter = cached();
      // A failed build: the page says why, at the draft's line, and goes back once fixed.
      writeFileSync(draft, DRAFT_SOURCE.replace("date: 2026-02-26", "date: 2026-02-30"));
      seen.failed = (await preview.until("/", (page) => page.body.includes("2026-02-30"), "with the problem").catch(() => undefined))?.body;
      writeFileSync(draft, DRAFT_SOURCE);
      await preview.until(DRAFT.url, (page) => page.status === 200 && page.body.includes(DRAFT.title), "again once fixed");
      // Deleted, with no other save: the preview rebuilds, and the draft is gone from it.
      rmSync(draft);
      seen.deleted = (await preview.until(DRAFT.url, gone, "as gone (deleted)").catch(() => undefined))?.status;
      // The author goes on writing: the next build writes the other reports' editions and cards.
      const w06 = join(site, "posts", "2026-W06-ai-weekly.md");
      const source = readFileSync(w06, "utf8");
      await saveUntil(w06, source.replace("description: ", "description: 删稿以后又存了一次。"), () => preview.until("/posts/2026-W06-ai-weekly/", (page) => page.body.includes("删稿以后又存了一次"), "with the save after the deletion"));
    } finally {
      await preview.stop();
    }
    production(site, output);
  });
  after(() => {
    rmSync(output, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  });

  test("no production build leaves a trace of the draft, the one beside the preview included", () => {
    assert.deepEqual(seen.firstProduction, []);
    assert.deepEqual(seen.productionBesidePreview, []);
    assert.deepEqual(traces(output), []);
  });
  test("the record lists every file of the output", () => {
    assert.deepEqual(unrecorded(output), []);
  });
  test("after a production build the preview still serves the draft, its card and its picture", () => {
    assert.deepEqual([seen.draftAfterProduction, seen.cardAfterProduction], [200, 200]);
    assert.deepEqual(seen.pictureAfterProduction, [200, 200, 200, 200, 200, 200]);
  });
  test("the draft's picture, served while previewing, is not written into the output", () => {
    assert.deepEqual(seen.afterPictureRequests, []);
  });
  test("a save of the draft encodes none of its pictures again (each variant's cache file is the same file)", () => {
    assert.ok((seen.cacheBefore as string[]).length > 0, "the draft's picture has no variant in the cache");
    assert.deepEqual(seen.cacheAfter, seen.cacheBefore);
  });
  test("a page deleted under --serve is rebuilt away: the preview answers 404", () => {
    assert.equal(seen.deleted, 404);
  });
  test("a failed preview build shows its problems in the page, with the file, the line and the value", () => {
    assert.match(String(seen.failed), /posts\/2026-W09-ai-weekly\.md:4:\d+ .*2026-02-30/);
  });
});
