// The card thread: one worker thread per process, started as a build that draws every card begins,
// which cuts the fonts and draws a few cards byte for byte as this thread does, from the TypeScript
// source and from the compiled dist/; gives way to this thread when it cannot start; never keeps
// the process alive; and is started by a first build and not by one whose cards are all kept.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cardFonts, cutHere, type CardFont } from "../src/cards/fonts.js";
import { cardCharacters, type CardContent } from "../src/cards/layout.js";
import { drawnHere, type DrawnCard } from "../src/cards/draw.js";
import { CARD_THREAD_WORKER, runningCardThread, startCardThread, stopCardThread, type CardThread } from "../src/cards/cardThread.js";
import { BuildCards } from "../src/cards/cards.js";
import { cardDrawers } from "../src/cards/drawPool.js";
import { ROOT, tempOutput } from "./helpers.js";
import { placed } from "./cardKit.js";

const card = (n: number, title = `2026年W${String(n + 1).padStart(2, "0")}人工智能周报：第 ${n + 1} 期`): CardContent => ({ siteName: "AI 周报", title, badge: `2026-W${String(n + 1).padStart(2, "0")}`, note: "2026年2月5日" });
const CARDS = [card(0), card(1), card(2, "周报 ไทย")];
const COMPILED = pathToFileURL(join(ROOT, "dist", "cards", "cardThreadWorker.js"));
const files = cardFonts();
const TEXT = CARDS.map(cardCharacters).join("");

let fonts: CardFont[];
let here: DrawnCard[];
before(async () => {
  fonts = await files.subset(TEXT);
  here = await Promise.all(CARDS.map((content) => drawnHere().draw(content, fonts)));
});
after(() => stopCardThread());

/** Every card drawn by the thread in the build's fonts: the same bytes and left-out text as here. */
async function assertDrawsAsHere(thread: CardThread): Promise<void> {
  const cut = await files.subset(TEXT, thread.cut);
  assert.deepEqual(
    cut.map((font) => [font.name, font.weight, font.data.length]),
    fonts.map((font) => [font.name, font.weight, font.data.length]),
  );
  assert.ok(cut.every((font, i) => font.data.equals(fonts[i]!.data)), "the fonts cut on the thread are the bytes cut here");
  const drawer = thread.drawer(fonts);
  const drawn = await Promise.all(CARDS.map((content) => drawer.draw(content, fonts)));
  for (const [i, { png, undrawn }] of drawn.entries()) {
    assert.ok(png.equals(here[i]!.png), `card ${i}: other PNG bytes than drawn here`);
    assert.deepEqual(undrawn, here[i]!.undrawn);
  }
  assert.deepEqual(drawn.at(-1)!.undrawn, [{ script: "th-TH", text: "ไทย" }]);
}

describe("the card thread", () => {
  test("from the TypeScript source (tsx registered in the worker): fonts cut and cards drawn as here", async () => {
    assert.match(CARD_THREAD_WORKER.pathname, /\/src\/cards\/cardThreadSource\.js$/);
    await stopCardThread();
    const thread = startCardThread(files.ownFiles);
    assert.equal(runningCardThread(), thread);
    assert.equal(startCardThread(files.ownFiles), thread, "one thread per process");
    await assertDrawsAsHere(thread);
    assert.equal(thread.failed, undefined);
  });

  test("from the compiled dist/cards/cardThreadWorker.js, as an installed site runs it: the same bytes", async () => {
    await stopCardThread();
    const thread = startCardThread(files.ownFiles, COMPILED);
    await assertDrawsAsHere(thread);
    // A card in a cut of its own (characters the build's cut lacks) is drawn in it.
    const content = card(9, "新的标题：图灵");
    const own = await files.subset(cardCharacters(content), thread.cut);
    assert.ok((await thread.drawer(fonts).draw(content, own)).png.equals((await drawnHere().draw(content, own)).png));
    assert.equal(thread.failed, undefined);
  });

  test("a thread that cannot start gives way to this thread: fonts cut and cards drawn here, the same bytes, and the reason kept", async () => {
    await stopCardThread();
    const broken = join(tempOutput("card-thread"), "worker.mjs");
    writeFileSync(broken, 'throw new Error("this thread cannot start");\n');
    const thread = startCardThread(files.ownFiles, pathToFileURL(broken));
    await assertDrawsAsHere(thread);
    assert.match(thread.failed ?? "", /this thread cannot start/);
    assert.equal(runningCardThread(), undefined, "a failed thread is not offered to the next build");
    assert.notEqual(startCardThread(files.ownFiles, COMPILED), thread, "the next build starts a new one");
  });

  test("a build that runs it cuts its fonts and draws on it", async () => {
    const calls: string[] = [];
    const cutHereToo = cutHere();
    const thread: CardThread = {
      cut: async (paths, text) => (calls.push(`cut ${paths.length} files`), cutHereToo(paths, text)),
      drawer: () => (calls.push("drawer"), drawnHere()),
      failed: undefined,
    };
    const run = new BuildCards(files, undefined, () => CARDS, cardDrawers({ threads: 2 }), () => thread);
    assert.ok((await placed(run, CARDS[0]!, "posts/a.md")).equals(here[0]!.png));
    assert.deepEqual(calls, ["cut 2 files", "drawer"]);
  });

  test("it never keeps the process alive: a process that started it and has nothing left to do exits", () => {
    const script = `const { startCardThread } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist", "cards", "cardThread.js")).href)});
const { cardFonts } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist", "cards", "fonts.js")).href)});
startCardThread(cardFonts().ownFiles);
const thread = startCardThread(cardFonts().ownFiles);
const [bold] = await thread.cut(cardFonts().ownFiles, "周");
console.log(bold.length > 0 ? "cut" : "empty");`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    assert.equal(run.signal, null, "the process was killed: it did not exit by itself");
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), "cut");
  });
});
