// The card pool: cards drawn on worker threads, one per core, byte for byte as on this thread, from
// the TypeScript source (tsx registered in each worker) and from the compiled dist/; each worker
// sent the build's fonts once, a card only its text; this thread when there is one core, few cards
// or a worker that cannot start; no thread left once the pool is closed.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cardFonts, type CardFont } from "../src/cards/fonts.js";
import { cardCharacters, type CardContent } from "../src/cards/layout.js";
import { drawnHere, type CardDrawer, type DrawnCard } from "../src/cards/draw.js";
import { cardDrawers, cardTask, DRAW_WORKER, POOL_FROM, sharedDrawer } from "../src/cards/drawPool.js";
import type { CardThread } from "../src/cards/cardThread.js";
import { ROOT, tempOutput } from "./helpers.js";

const card = (n: number, title = `2026年W${String(n + 1).padStart(2, "0")}人工智能周报：第 ${n + 1} 期`): CardContent => ({ siteName: "AI 周报", title, badge: `2026-W${String(n + 1).padStart(2, "0")}`, note: "2026年2月5日" });
/** Ten cards, one with text no font has (Thai), as a build would draw them. */
const CARDS = [...Array.from({ length: 9 }, (_, n) => card(n)), card(9, "周报 ไทย")];
const COMPILED_WORKER = pathToFileURL(join(ROOT, "dist", "cards", "drawWorker.js"));

let fonts: CardFont[];
let here: DrawnCard[];
before(async () => {
  fonts = await cardFonts().subset(CARDS.map(cardCharacters).join(""));
  here = await Promise.all(CARDS.map((content) => drawnHere().draw(content, fonts)));
});

/** Every card drawn at once by `drawer`, which is closed after. */
async function drawAll(drawer: CardDrawer): Promise<DrawnCard[]> {
  try {
    return await Promise.all(CARDS.map((content) => drawer.draw(content, fonts)));
  } finally {
    await drawer.close();
  }
}

function assertSameAsHere(drawn: DrawnCard[]): void {
  assert.equal(drawn.length, here.length);
  for (const [i, { png, undrawn }] of drawn.entries()) {
    assert.ok(png.equals(here[i]!.png), `card ${i}: other PNG bytes than drawn on this thread`);
    assert.deepEqual(undrawn, here[i]!.undrawn);
  }
  assert.deepEqual(drawn.at(-1)!.undrawn, [{ script: "th-TH", text: "ไทย" }]);
}

describe("cardTask(content, fonts, the build's fonts): what a worker is sent for one card", () => {
  const content = card(0);
  const build: CardFont[] = [{ name: "Noto Sans SC", data: Buffer.alloc(4), weight: 700, style: "normal" }];
  test("in the build's fonts → its text alone (each worker has those fonts)", () => assert.deepEqual(cardTask(content, build, build), { content }));
  test("in a cut of its own → its text and that cut", () => {
    const own = [...build];
    assert.deepEqual(cardTask(content, own, build), { content, fonts: own });
  });
});

describe("cardDrawers(threads)(fonts, cards to draw): where a build draws its cards", () => {
  const cases: Array<[number, number, number]> = [
    [1, 1000, 1],
    [2, POOL_FROM - 1, 1],
    [2, 1, 1],
    [2, POOL_FROM, 2],
    [2, 1000, 2],
    [8, POOL_FROM, Math.min(8, POOL_FROM)],
  ];
  for (const [threads, toDraw, expected] of cases) {
    test(`${threads} cores, ${toDraw} cards → ${expected === 1 ? "this thread" : `${expected} worker threads`}`, async () => {
      const drawer = cardDrawers({ threads })([], toDraw);
      assert.equal(drawer.threads, expected);
      assert.equal(drawer.fallback, undefined);
      await drawer.close();
    });
  }

  test("with the card thread running: fewer than the pool takes → the card thread's drawer; more → the pool with one worker fewer, and the card thread", async () => {
    const threadDrawer = drawnHere();
    const thread: CardThread = { cut: async () => [], drawer: () => threadDrawer, failed: undefined };
    assert.equal(cardDrawers({ threads: 2 })([], POOL_FROM - 1, thread), threadDrawer);
    assert.equal(cardDrawers({ threads: 1 })([], 1000, thread), threadDrawer);
    const shared = cardDrawers({ threads: 2 })([], POOL_FROM, thread);
    assert.notEqual(shared, threadDrawer);
    assert.equal(shared.threads, 2);
    await shared.close();
    const failed: CardThread = { ...thread, failed: "it could not start" };
    const pool = cardDrawers({ threads: 2 })([], POOL_FROM, failed);
    assert.deepEqual([pool.threads, pool.fallback], [2, undefined], "a failed card thread: the whole pool");
    await pool.close();
  });
});

describe("sharedDrawer(pool, workers, card thread): one queue for both", () => {
  /** A drawer that names itself in each card and records how many it had in hand at once. */
  const fake = (name: string) => {
    const seen = { name, drawn: 0, busy: 0, most: 0, closed: false };
    const drawer: CardDrawer = {
      threads: 1,
      async draw() {
        seen.most = Math.max(seen.most, ++seen.busy);
        await new Promise((resolve) => setTimeout(resolve, name === "thread" ? 2 : 5));
        seen.busy--;
        seen.drawn++;
        return { png: Buffer.from(name), undrawn: [] };
      },
      async close() {
        seen.closed = true;
      },
    };
    return { drawer, seen };
  };

  test("40 cards at once: both sides draw, each never more at once than it takes, every card drawn once; closing closes both", async () => {
    const pool = fake("pool");
    const thread = fake("thread");
    const shared = sharedDrawer(pool.drawer, 1, thread.drawer);
    const drawn = await Promise.all(Array.from({ length: 40 }, (_, n) => shared.draw(card(n), [])));
    assert.equal(drawn.length, 40);
    assert.equal(pool.seen.drawn + thread.seen.drawn, 40);
    assert.ok(pool.seen.drawn > 0 && thread.seen.drawn > 0, `pool ${pool.seen.drawn}, thread ${thread.seen.drawn}`);
    assert.ok(thread.seen.drawn > pool.seen.drawn, "the faster side draws more");
    assert.deepEqual([thread.seen.most, pool.seen.most], [4, 2]);
    assert.equal(shared.threads, 2);
    await shared.close();
    assert.deepEqual([pool.seen.closed, thread.seen.closed], [true, true]);
  });

  test("the real pool and the card thread's worker: the same PNG bytes and left-out text as on this thread", async () => {
    const { startCardThread, stopCardThread } = await import("../src/cards/cardThread.js");
    try {
      const thread = startCardThread(cardFonts().ownFiles);
      const drawer = cardDrawers({ threads: 2, from: 1, worker: COMPILED_WORKER })(fonts, CARDS.length, thread);
      assertSameAsHere(await drawAll(drawer));
      assert.deepEqual([drawer.threads, drawer.fallback], [2, undefined]);
    } finally {
      await stopCardThread();
    }
  });
});

describe("cards drawn on worker threads", () => {
  test("from the TypeScript source (tsx registered in each worker): the same PNG bytes and left-out text as on this thread", async () => {
    assert.match(DRAW_WORKER.pathname, /\/src\/cards\/drawWorkerSource\.js$/);
    const drawer = cardDrawers({ threads: 2, from: 1 })(fonts, CARDS.length);
    assertSameAsHere(await drawAll(drawer));
    assert.deepEqual([drawer.threads, drawer.fallback], [2, undefined]);
  });

  test("from the compiled dist/cards/drawWorker.js, as an installed site runs it: the same bytes", async () => {
    const drawer = cardDrawers({ threads: 2, from: 1, worker: COMPILED_WORKER })(fonts, CARDS.length);
    assertSameAsHere(await drawAll(drawer));
    assert.deepEqual([drawer.threads, drawer.fallback], [2, undefined]);
  });

  test("a card in a cut of its own (characters the build's cut lacks) is drawn in it, as on this thread", async () => {
    const content = card(20, "新的标题：图灵");
    const own = await cardFonts().subset(cardCharacters(content));
    const drawer = cardDrawers({ threads: 2, from: 1, worker: COMPILED_WORKER })(fonts, 2);
    try {
      const [pooled, builds] = await Promise.all([drawer.draw(content, own), drawer.draw(CARDS[0]!, fonts)]);
      assert.ok(pooled.png.equals((await drawnHere().draw(content, own)).png));
      assert.ok(builds.png.equals(here[0]!.png));
      assert.equal(drawer.fallback, undefined);
    } finally {
      await drawer.close();
    }
  });

  test("a worker that cannot start gives way to this thread: every card drawn here, the same bytes, and the reason kept", async () => {
    const broken = join(tempOutput("card-worker"), "worker.mjs");
    writeFileSync(broken, 'throw new Error("this worker cannot start");\n');
    const drawer = cardDrawers({ threads: 2, from: 1, worker: pathToFileURL(broken) })(fonts, CARDS.length);
    assertSameAsHere(await drawAll(drawer));
    assert.equal(drawer.threads, 1);
    assert.match(drawer.fallback ?? "", /this worker cannot start/);
  });

  test("closing the pool ends its threads", { skip: !existsSync("/proc/self/task") && "no /proc/self/task to count threads in" }, async () => {
    const threads = () => readdirSync("/proc/self/task").length;
    const idle = threads();
    const drawer = cardDrawers({ threads: 2, from: 1, worker: COMPILED_WORKER })(fonts, CARDS.length);
    await Promise.all(CARDS.slice(0, 4).map((content) => drawer.draw(content, fonts)));
    assert.ok(threads() > idle, `${threads()} threads while drawing, ${idle} before`);
    await drawer.close();
    assert.equal(threads(), idle);
  });
});
