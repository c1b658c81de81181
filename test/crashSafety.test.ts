// No crash, deploy recipe or overlapping build leaves a held-back report online: builds of the
// four-week fixture killed at many moments while W07 is being published, then built again with
// W07 held back, leave no trace of it anywhere in the output, the search index unpacked.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { legacyManifestFile } from "../src/pipeline/clean.js";
import { copySite, ELEVENTY_BIN, listFiles, readSite, removeOutput, removePreviewCopies, runEleventy, tempOutput, type BuiltSite, asRead } from "./helpers.js";

/** W07 goes live at 2026-02-12 08:00 in Shanghai; W08 later; the draft never. */
const HELD = { WEEKLY_NOW: "2026-02-12T07:00" };
const LIVE = { WEEKLY_NOW: "2026-02-13T00:00" };
const W07 = { file: "2026-W07-ai-weekly", title: "W07 尚未上线的秘密周报", url: "/posts/2026-W07-ai-weekly/" };
const W08 = { file: "2026-W08-ai-weekly", title: "W08 带时区的未来周报", url: "/posts/2026-W08-ai-weekly/" };

function assertNoTrace(site: BuiltSite, page: typeof W07, when: string): void {
  for (const [file, content] of site.files) {
    assert.ok(!file.includes(page.file), `${when}: ${file} is named after ${page.file}`);
    const read = asRead(content);
    for (const needle of [page.title, page.url, encodeURI(page.url)]) {
      assert.ok(!read.includes(needle), `${when}: ${file} contains "${needle}" of a page that is not published`);
    }
  }
}

/** The index readers load is whole: its entry names a meta file that is there, with no half-copied file beside it. */
function assertWholeIndex(output: string, when: string): void {
  const entry = JSON.parse(readFileSync(join(output, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
  assert.ok(Object.keys(entry.languages).length > 0, `${when}: the index has no language`);
  for (const { hash } of Object.values(entry.languages)) {
    assert.ok(existsSync(join(output, "pagefind", `pagefind.${hash}.pf_meta`)), `${when}: the index entry names pagefind.${hash}.pf_meta, which is missing`);
  }
}

interface Running {
  done: Promise<number | null>;
  pid: number | undefined;
  output: () => string;
  kill(signal?: NodeJS.Signals): void;
}

/** `eleventy` in its own process, not waited for. */
function startEleventy(site: string, output: string, env: Record<string, string>, args: string[] = []): Running {
  const child = spawn(ELEVENTY_BIN, ["--output", output, ...args], { cwd: site, env: { ...process.env, WEEKLY_PREVIEW: undefined, ...env } });
  let text = "";
  child.stdout.on("data", (chunk) => (text += chunk));
  child.stderr.on("data", (chunk) => (text += chunk));
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
  void done.then(() => clearTimeout(timer));
  return { done, pid: child.pid, output: () => text, kill: (signal = "SIGKILL") => child.kill(signal) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `ready` holds (polled every 5 ms) or the build ends; true when it held. */
async function until(run: Running, ready: () => boolean): Promise<boolean> {
  let ended = false;
  void run.done.then(() => (ended = true));
  while (!ended) {
    if (ready()) return true;
    await sleep(5);
  }
  return false;
}

function build(site: string, output: string, env: Record<string, string>): string {
  const run = runEleventy(site, output, env);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  return `${run.stdout}\n${run.stderr}`;
}

describe("builds killed while W07 is being published", () => {
  let site: string;
  /** The site built with W07 held back, once: each test starts from a copy of it (timestamps kept). */
  let held: string;
  before(() => {
    site = copySite("scheduled");
    held = tempOutput("held");
    build(site, held, HELD);
  });
  after(() => {
    removeOutput(site);
    removeOutput(held);
  });

  const pagefindFiles = (output: string) => (existsSync(join(output, "pagefind")) ? readdirSync(join(output, "pagefind"), { recursive: true }).map(String) : []);
  const moments: Array<[string, (output: string) => boolean]> = [
    ["as soon as its page is written", (output) => existsSync(join(output, "posts", W07.file, "index.html"))],
    ["as soon as its tag page is written", (output) => existsSync(join(output, "tags", "ai", "index.html")) && asRead(readFileSync(join(output, "tags", "ai", "index.html"), "utf8")).includes(W07.title)],
    ["while the new index is copied into place", (output) => pagefindFiles(output).some((file) => file.endsWith(".partial"))],
    ["once a second index entry is in place", (output) => readFileSync(join(output, "pagefind", "pagefind-entry.json"), "utf8") !== firstEntry.get(output)],
    // A build of this site takes about two seconds here: these moments fall all through it.
    ...[100, 300, 500, 700, 900, 1100, 1300, 1500].map((ms): [string, (output: string) => boolean] => {
      let started = 0;
      return [`${ms} ms after it starts`, () => (started ||= Date.now()) + ms <= Date.now()];
    }),
  ];
  const firstEntry = new Map<string, string>();

  for (const [moment, ready] of moments) {
    test(`killed ${moment}, then built with W07 held back: no trace of W07`, { timeout: 200_000 }, async () => {
      const output = tempOutput("killed");
      try {
        cpSync(held, output, { recursive: true, preserveTimestamps: true });
        firstEntry.set(output, readFileSync(join(output, "pagefind", "pagefind-entry.json"), "utf8"));
        const run = startEleventy(site, output, LIVE);
        const hit = await until(run, () => {
          try {
            return ready(output);
          } catch {
            return false;
          }
        });
        run.kill("SIGKILL");
        await run.done;
        // The moments named by an event must be reached, or the test would prove nothing. The copy
        // of the index takes a few milliseconds, which polling catches only now and then: that
        // moment is a chance, and the timed moments cover the index phase too.
        if (!moment.includes(" ms ") && !moment.includes("copied into place")) assert.ok(hit, `the build ended before it was ${moment}`);
        if (hit) assertWholeIndex(output, `right after the kill ${moment}`);
        build(site, output, HELD);
        const built = readSite(output);
        assertNoTrace(built, W07, `after a build killed ${moment}`);
        assert.ok(!listFiles(output).some((file) => file.endsWith(".partial")), "no half-copied index file is left");
        assert.ok(!existsSync(join(output, ".weekly", "build.lock")), "the lock is given back");
        assertWholeIndex(output, "after the next build");
      } finally {
        removeOutput(output);
      }
    });
  }

  test("Ctrl-C of `eleventy --serve` during its first build, then a production build: no trace of the held-back pages it previewed", { timeout: 200_000 }, async () => {
    const output = tempOutput("serve-interrupted");
    try {
      const run = startEleventy(site, output, HELD, ["--serve", "--port", "0"]);
      await until(run, () => existsSync(join(output, "posts", W08.file, "index.html")));
      run.kill("SIGINT");
      await run.done;
      removePreviewCopies(run.pid);
      assert.ok(existsSync(join(output, "posts", W08.file, "index.html")), "the preview wrote the scheduled W08 page before it was stopped");
      build(site, output, HELD);
      assertNoTrace(readSite(output), W08, "after the interrupted preview");
      assertNoTrace(readSite(output), W07, "after the interrupted preview");
    } finally {
      removeOutput(output);
    }
  });
});

describe("the record of what was written survives the deploy recipes", () => {
  test("`npm ci` (node_modules/.cache gone) and a fresh clone building into the served folder remove the unpublished page", () => {
    const site = copySite("scheduled");
    const clone = copySite("scheduled");
    const served = tempOutput("served");
    try {
      build(site, served, LIVE);
      assert.ok(existsSync(join(served, "posts", W07.file, "index.html")));
      rmSync(join(site, "node_modules", ".cache"), { recursive: true, force: true });
      // W07 postponed by a week in the clone: the served folder must lose it.
      const w07 = join(clone, "posts", `${W07.file}.md`);
      writeFileSync(w07, readFileSync(w07, "utf8").replace(/^scheduled: .*$/m, "scheduled: 2026-02-20T08:00"));
      build(clone, served, LIVE);
      assertNoTrace(readSite(served), W07, "after a fresh clone's build");
      build(site, served, HELD);
      assertNoTrace(readSite(served), W07, "after npm ci");
    } finally {
      for (const dir of [site, clone, served]) removeOutput(dir);
    }
  });

  test("a record kept by an earlier version in node_modules/.cache is still honoured, then dropped", () => {
    const site = copySite("scheduled");
    const served = tempOutput("legacy");
    try {
      build(site, served, LIVE);
      // As an earlier version left it: the record only in node_modules/.cache.
      const record = readFileSync(join(served, ".weekly", "outputs.json"), "utf8");
      rmSync(join(served, ".weekly"), { recursive: true });
      const legacyFolder = join(site, "node_modules", ".cache", "eleventy-plugin-weekly");
      mkdirSync(legacyFolder, { recursive: true });
      writeFileSync(legacyManifestFile(site, served), record);
      build(site, served, HELD);
      assertNoTrace(readSite(served), W07, "after the upgrade");
      assert.equal(existsSync(legacyManifestFile(site, served)), false);
    } finally {
      removeOutput(site);
      removeOutput(served);
    }
  });

  test("files the site's owner put in the output, pagefind/ included, are never removed", () => {
    const site = copySite("scheduled");
    const output = tempOutput("own-files");
    try {
      mkdirSync(join(output, "pagefind"), { recursive: true });
      writeFileSync(join(output, "CNAME"), "weekly.example.org\n");
      writeFileSync(join(output, "pagefind", "custom.css"), "/* mine */\n");
      build(site, output, LIVE);
      build(site, output, HELD);
      assert.equal(readFileSync(join(output, "CNAME"), "utf8"), "weekly.example.org\n");
      assert.equal(readFileSync(join(output, "pagefind", "custom.css"), "utf8"), "/* mine */\n");
      const record = JSON.parse(readFileSync(join(output, ".weekly", "outputs.json"), "utf8")) as Record<string, string[]>;
      const recorded = Object.values(record).flat().sort();
      assert.deepEqual(recorded, listFiles(output).filter((file) => !["CNAME", "pagefind/custom.css", ".weekly/outputs.json"].includes(file)), "the record lists every file the build wrote, and only those");
    } finally {
      removeOutput(site);
      removeOutput(output);
    }
  });
});

describe("one build at a time per output folder", () => {
  test("two builds started together with different clocks: one waits, and the next build leaves no trace of W07", { timeout: 200_000 }, async () => {
    const site = copySite("scheduled");
    const output = tempOutput("overlap");
    try {
      for (let round = 0; round < 3; round++) {
        const [first, second] = round % 2 === 0 ? [LIVE, HELD] : [HELD, LIVE];
        const a = startEleventy(site, output, first);
        const b = startEleventy(site, output, second);
        assert.deepEqual(await Promise.all([a.done, b.done]), [0, 0], `${a.output()}\n${b.output()}`);
        assert.ok(/waiting for another build of .+ \(process \d+ on .+, since .+\) to finish/.test(a.output() + b.output()), "one build waited for the other");
        build(site, output, HELD);
        assertNoTrace(readSite(output), W07, `round ${round}`);
      }
    } finally {
      removeOutput(site);
      removeOutput(output);
    }
  });

  test("a build that cannot get the folder in time stops, naming the other build, and writes nothing", () => {
    const site = copySite("scheduled");
    const output = tempOutput("locked");
    try {
      mkdirSync(join(output, ".weekly"));
      const owner = { pid: process.pid, host: hostname(), since: "2026-02-12T00:00:00.000Z", token: "other" };
      writeFileSync(join(output, ".weekly", "build.lock"), JSON.stringify(owner));
      const run = runEleventy(site, output, { ...HELD, WEEKLY_LOCK_WAIT: "1" });
      assert.equal(run.status, 1);
      assert.ok(
        run.stderr.includes(`another build (process ${process.pid} on ${hostname()}, since 2026-02-12T00:00:00.000Z) is writing this output folder, and it did not finish in time. Wait for it, or build into another folder with --output. If no build is running, remove ${join(output, ".weekly", "build.lock")}.`),
        run.stderr,
      );
      assert.deepEqual(listFiles(output), [".weekly/build.lock"]);
    } finally {
      removeOutput(site);
      removeOutput(output);
    }
  });

  test("a lock left by a build that died is taken over", () => {
    const site = copySite("scheduled");
    const output = tempOutput("dead-lock");
    try {
      mkdirSync(join(output, ".weekly"));
      const dead = deadPid();
      writeFileSync(join(output, ".weekly", "build.lock"), JSON.stringify({ pid: dead, host: hostname(), since: "2026-02-12T00:00:00.000Z", token: "dead" }));
      build(site, output, HELD);
      assert.ok(existsSync(join(output, "index.html")));
      assert.equal(existsSync(join(output, ".weekly", "build.lock")), false);
    } finally {
      removeOutput(site);
      removeOutput(output);
    }
  });
});

describe("the search index is swapped in whole", () => {
  test("while a rebuild indexes a changed site, the index readers load is whole at every moment", { timeout: 200_000 }, async () => {
    const site = copySite("scheduled");
    const output = tempOutput("swap");
    try {
      build(site, output, HELD);
      const before = readFileSync(join(output, "pagefind", "pagefind-entry.json"), "utf8");
      const run = startEleventy(site, output, LIVE);
      let checks = 0;
      let broken: unknown;
      await until(run, () => {
        try {
          assertWholeIndex(output, "during the rebuild");
        } catch (error) {
          broken = error;
          return true;
        }
        checks++;
        return false;
      });
      if (broken) run.kill();
      await run.done;
      if (broken) throw broken;
      assert.ok(checks > 50, `looked ${checks} times`);
      assert.notEqual(readFileSync(join(output, "pagefind", "pagefind-entry.json"), "utf8"), before, "the index changed");
      assertWholeIndex(output, "after the rebuild");
    } finally {
      removeOutput(site);
      removeOutput(output);
    }
  });
});

describe("an output folder inside the sources is refused", () => {
  for (const [label, make] of [
    ["--output posts", (site: string) => join(site, "posts")],
    ["--output through a link to the project", (site: string) => {
      symlinkSync(site, join(site, "..", `${site.split("/").pop()}-link`));
      return join(site, "..", `${site.split("/").pop()}-link`);
    }],
    ["--output through a link into weekly_news", (site: string) => {
      symlinkSync(join(site, "weekly_news"), join(site, "_site"));
      return join(site, "_site", "out");
    }],
  ] as const) {
    test(`${label}: the build stops before writing anything`, () => {
      const site = copySite("scheduled");
      try {
        const output = make(site);
        const sources = listFiles(site);
        const run = runEleventy(site, output, HELD);
        assert.equal(run.status, 1, run.stdout);
        assert.match(run.stderr, /the output folder .+ (holds the input folder|holds the project|is inside the source folder (posts|weekly_news)): choose an output folder outside the sources, such as _site \(--output=_site\)\./);
        assert.deepEqual(listFiles(site), sources, "nothing was written among the sources");
      } finally {
        rmSync(`${site}-link`, { force: true });
        removeOutput(site);
      }
    });
  }
});

/** A process id that was just in use and is no longer. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}
