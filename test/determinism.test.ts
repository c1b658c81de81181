// The same content and the same WEEKLY_NOW give the same bytes on any machine: the build machine's
// time zone and language never reach the output, nor does the folder the site is built in. Each
// build copies the site into a fresh temporary folder and runs `eleventy` in its own process.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { join } from "node:path";
import { copySite, listFiles, removeOutput, ROOT, runEleventy, tempOutput } from "./helpers.js";

/** Between W07 (08:00 Beijing, 00:00 UTC) going live and W08: a clock read in the wrong zone shows in the output. */
const NOW = "2026-02-19T07:30";
const MACHINES: Array<{ TZ: string; LANG: string }> = [
  { TZ: "UTC", LANG: "C" },
  { TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8" },
  { TZ: "America/Los_Angeles", LANG: "C" },
  { TZ: "Pacific/Kiritimati", LANG: "zh_CN.UTF-8" },
  { TZ: "UTC", LANG: "zh_CN.UTF-8" },
  { TZ: "Pacific/Kiritimati", LANG: "C" },
];

interface Build {
  fixture: string;
  machine: string;
  site: string;
  output: string;
  files: Map<string, Buffer>;
}

const builds: Build[] = [];

/** The four-week site on every machine; the hostile-text site on three of them. */
const PLAN: Array<[string, Array<{ TZ: string; LANG: string }>]> = [
  ["scheduled", MACHINES],
  ["hostile", [MACHINES[0]!, MACHINES[2]!, MACHINES[3]!]],
];

before(() => {
  for (const [fixture, machines] of PLAN) {
    for (const machine of machines) {
      const site = copySite(fixture);
      const output = tempOutput("determinism");
      // LC_ALL and LANGUAGE would override LANG.
      const run = runEleventy(site, output, { ...machine, LC_ALL: undefined, LC_CTYPE: undefined, LANGUAGE: undefined, WEEKLY_NOW: NOW });
      assert.equal(run.status, 0, `${fixture}, ${machine.TZ} ${machine.LANG}: ${run.stderr}`);
      const files = new Map(listFiles(output).map((file) => [file, readFileSync(join(output, file))] as const));
      builds.push({ fixture, machine: `TZ=${machine.TZ} LANG=${machine.LANG}`, site, output, files });
    }
  }
});

after(() => {
  for (const build of builds) {
    removeOutput(build.site);
    removeOutput(build.output);
  }
});

describe("the same input gives the same bytes", () => {
  for (const [fixture] of PLAN) {
    test(`${fixture}: every build has the same files, byte for byte, under each zone and language`, () => {
      const [first, ...others] = builds.filter((b) => b.fixture === fixture);
      assert.ok(first!.files.size > 15 && others.length >= 2, "whole sites were built");
      for (const other of others) {
        assert.deepEqual([...other.files.keys()], [...first!.files.keys()], `${other.machine}: the same files as ${first!.machine}`);
        const differing = [...first!.files].filter(([file, bytes]) => !bytes.equals(other.files.get(file)!)).map(([file]) => file);
        assert.deepEqual(differing, [], `${other.machine} differs from ${first!.machine}`);
      }
    });
  }

  test("the clock was read in the site's zone: W07 (08:00 Beijing) is out, W08 (08:00 Beijing on the 19th) is not yet", () => {
    const files = builds.find((b) => b.fixture === "scheduled")!.files;
    assert.ok(files.has("posts/2026-W07-ai-weekly/index.html"));
    assert.ok(!files.has("posts/2026-W08-ai-weekly/index.html"));
  });

  test("no build folder, output folder, project folder, host name (when not a common word) or day of the build in any file", () => {
    for (const build of builds) {
      // Pagefind's index files are gzip-compressed: searched unpacked.
      const contents = [...build.files].map(([file, bytes]) => (/\.pf_(fragment|index|meta)$/.test(file) ? gunzipSync(bytes) : bytes));
      // A host name as short as "vm" would be found in any text: looked for only when it is distinctive.
      // The real day of the build (WEEKLY_NOW is a day in 2026-02) in the site's zone and in UTC,
      // in the forms the site writes dates.
      const days = ["Asia/Shanghai", "UTC"].map((zone) => DateTime.now().setZone(zone)).flatMap((day) => [day.toFormat("yyyy-MM-dd"), day.toFormat("yyyy年M月d日")]);
      const needles = [build.site, build.output, ROOT.replace(/\/$/, ""), ...(hostname().length >= 6 ? [hostname()] : []), ...days];
      const leaks = needles.filter((needle) => contents.some((bytes) => bytes.includes(needle)));
      assert.deepEqual(leaks, [], `${build.fixture}, ${build.machine}`);
    }
  });
});
