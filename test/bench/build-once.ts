// One timed build, run in a process of its own by run.ts: prints {"ms": …, "maxRssKiB": …, "cards": …}.
import Eleventy from "@11ty/eleventy";

const [siteDir, output] = process.argv.slice(2);
process.chdir(siteDir!);
const started = process.hrtime.bigint();
const eleventy = new Eleventy(".", output!, { quietMode: true });
eleventy.disableLogger();
const log = console.log;
// The plugin's summary line is dropped; its cards line (WEEKLY_CARD_TIMING=1) is kept:
// "[weekly] cards: 1001 (1001 drawn, 0 from the cache) in 13.20 s on 2 threads" (no threads named: this one).
let cards: { drawn: number; reused: number; ms: number; threads: number } | undefined;
console.log = (line: unknown) => {
  const match = /^\[weekly\] cards: \d+ \((\d+) drawn, (\d+) from the cache\) in ([\d.]+) s(?: on (\d+) threads)?$/.exec(String(line));
  if (match) cards = { drawn: Number(match[1]), reused: Number(match[2]), ms: Number(match[3]) * 1000, threads: Number(match[4] ?? 1) };
};
await eleventy.write();
console.log = log;
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, ...(cards ? { cards } : {}) }));
