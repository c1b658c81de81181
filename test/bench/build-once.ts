// One timed build, run in a process of its own by run.ts: prints {"ms": …, "maxRssKiB": …}.
import Eleventy from "@11ty/eleventy";

const [siteDir, output] = process.argv.slice(2);
process.chdir(siteDir!);
const started = process.hrtime.bigint();
const eleventy = new Eleventy(".", output!, { quietMode: true });
eleventy.disableLogger();
const log = console.log;
console.log = () => {}; // the plugin's summary line
await eleventy.write();
console.log = log;
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }));
