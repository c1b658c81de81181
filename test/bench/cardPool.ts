// How many cards make the worker threads worth starting (POOL_FROM in src/cards/drawPool.ts): N cards
// with the benchmark's titles, drawn on this thread and on one worker thread per core (started for
// them, as a build starts its pool), alternating, each from a fresh process so that neither finds
// satori loaded or the fonts parsed by the other. Prints the median milliseconds of each, and whether
// their PNG bytes are the same.
//   node --import tsx test/bench/cardPool.ts [runs] [N…]      (the compiled worker: npm run compile first)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { cardFonts } from "../../src/cards/fonts.js";
import { cardCharacters, type CardContent } from "../../src/cards/layout.js";
import { median } from "./median.js";
import { cardDrawers } from "../../src/cards/drawPool.js";

const COMPILED_WORKER = new URL("../../dist/cards/drawWorker.js", import.meta.url);
const card = (n: number): CardContent => ({ siteName: "AI 周报", title: `2026年W${String(n % 53).padStart(2, "0")}人工智能周报：第 ${n + 1} 期`, badge: `2026-W${String(n % 53).padStart(2, "0")}`, note: "2026年2月5日" });

/** One measurement, in this process: the fonts cut, then `count` cards drawn at once by `where`. */
async function measure(where: "here" | "pool", count: number): Promise<{ ms: number; hash: string }> {
  const cards = Array.from({ length: count }, (_, n) => card(n));
  const fonts = await cardFonts().subset(cards.map(cardCharacters).join(""));
  const started = performance.now();
  const drawer = cardDrawers({ threads: where === "here" ? 1 : availableParallelism(), from: 1, worker: COMPILED_WORKER })(fonts, count);
  const drawn = await Promise.all(cards.map((content) => drawer.draw(content, fonts)));
  await drawer.close();
  const ms = performance.now() - started;
  return { ms, hash: createHash("sha256").update(Buffer.concat(drawn.map((d) => d.png))).digest("hex") };
}

const [mode, countArg] = process.argv.slice(2);
if (mode === "here" || mode === "pool") {
  console.log(JSON.stringify(await measure(mode, Number(countArg))));
} else {
  const runs = Number(mode ?? 3);
  const counts = process.argv.slice(3).map(Number);
  const me = fileURLToPath(import.meta.url);
  console.log(`| cards | this thread (ms) | ${availableParallelism()} worker threads (ms) | same bytes |`);
  console.log("|---|---|---|---|");
  for (const count of counts.length > 0 ? counts : [1, 2, 4, 8, 16, 32]) {
    const times = { here: [] as number[], pool: [] as number[] };
    const hashes = new Set<string>();
    for (let run = 0; run < runs; run++) {
      for (const where of ["here", "pool"] as const) {
        const child = spawnSync(process.execPath, ["--import", "tsx", me, where, String(count)], { encoding: "utf8" });
        if (child.status !== 0) throw new Error(child.stderr);
        const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { ms: number; hash: string };
        times[where].push(result.ms);
        hashes.add(result.hash);
      }
    }
    console.log(`| ${count} | ${median(times.here).toFixed(0)} | ${median(times.pool).toFixed(0)} | ${hashes.size === 1 ? "yes" : "no"} |`);
  }
}
