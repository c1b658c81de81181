// The plugin as someone else's site receives it: the package `npm pack` makes, unpacked into the
// node_modules of a fresh Eleventy site that holds only posts/, weekly_news/ and a configuration
// adding the plugin. No layouts of its own: the shipped theme builds the whole site, which is then
// served by `eleventy --serve` and crawled. The site's own layouts override the shipped ones.
// (The package's dependencies are linked from this project's node_modules: tests never reach the
// registry.)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { parseHTML } from "linkedom";
import { addReports, all, besidesContentWarnings, checkSummary, listFiles, removeOutput, ROOT, tempOutput, text, freePort, stopPreview } from "./helpers.js";
import { crawl } from "./crawl.js";
import { DEFAULTS } from "../src/core/options.js";
import { POOL_FROM } from "../src/cards/drawPool.js";
import { OPTIONS_SCHEMA, withoutDefault } from "../src/core/optionsSchema.js";

const REPORT = "2026-W06-ai-weekly.md";
const DIGEST = "ai_news_2026-W06.md";
const NOW = { WEEKLY_NOW: "2026-11-30T10:00" };

interface Manifest {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

let tarball: string;
let packed: string[];
let packageDir: string;

/** The README's configuration, in either style: an ES module, or CommonJS as `npm init -y` makes a package. */
const CONFIGS = {
  esm: `import weekly from "eleventy-plugin-weekly";\n\nexport default function (eleventyConfig) {\n  eleventyConfig.addPlugin(weekly, { site: { title: "新站周报", url: "https://fresh.example.org" } });\n}\n`,
  cjs: `module.exports = function (eleventyConfig) {\n  eleventyConfig.addPlugin(require("eleventy-plugin-weekly"), { site: { title: "新站周报", url: "https://fresh.example.org" } });\n};\n`,
};

/** A fresh site: the W06 report and digest, a package.json, the README's configuration. */
function freshSite(module: keyof typeof CONFIGS = "esm"): string {
  const site = mkdtempSync(join(tmpdir(), "weekly-fresh-site-"));
  mkdirSync(join(site, "posts"));
  mkdirSync(join(site, "weekly_news"));
  cpSync(join(ROOT, "posts", REPORT), join(site, "posts", REPORT));
  cpSync(join(ROOT, "weekly_news", DIGEST), join(site, "weekly_news", DIGEST));
  const sitePackage = { private: true, ...(module === "esm" ? { type: "module" } : {}), dependencies: { "eleventy-plugin-weekly": "*" } };
  writeFileSync(join(site, "package.json"), `${JSON.stringify(sitePackage, null, 2)}\n`);
  writeFileSync(join(site, "eleventy.config.js"), CONFIGS[module]);
  // What `npm install` would put there: the package as packed, and the packages it names.
  const modules = join(site, "node_modules");
  mkdirSync(join(modules, "eleventy-plugin-weekly"), { recursive: true });
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", join(modules, "eleventy-plugin-weekly"), "--strip-components=1"], { encoding: "utf8" });
  assert.equal(untar.status, 0, untar.stderr);
  const manifest = JSON.parse(readFileSync(join(modules, "eleventy-plugin-weekly", "package.json"), "utf8")) as Manifest;
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
    mkdirSync(join(modules, name, ".."), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(modules, name));
  }
  mkdirSync(join(modules, ".bin"));
  symlinkSync(join("..", "eleventy-plugin-weekly", "src", "cli", "weekly.js"), join(modules, ".bin", "weekly"));
  return site;
}

const ELEVENTY = (site: string) => join(site, "node_modules", "@11ty", "eleventy", "cmd.cjs");

/** A fresh site (changed by `prepare` first), built once into a temporary folder; `remove` cleans both up. */
function builtFreshSite(label: string, prepare: (site: string) => void = () => {}, module: keyof typeof CONFIGS = "esm") {
  const site = freshSite(module);
  prepare(site);
  const output = tempOutput(label);
  return { site, output, run: eleventy(site, output), remove: () => [site, output].forEach((dir) => removeOutput(dir)) };
}

function eleventy(site: string, output: string) {
  return spawnSync(process.execPath, [ELEVENTY(site), "--output", output], { cwd: site, env: { ...process.env, ...NOW }, encoding: "utf8", timeout: 180_000 });
}

before(() => {
  const folder = tempOutput("pack");
  // With its scripts, as a release would: `prepack` compiles src/ afresh. In a copy of the project
  // (its packages linked), so that the test files running meanwhile keep this project's dist/.
  const project = tempOutput("project");
  const generated = new Set(["node_modules", "dist", ".git", ".cache", "_site", ".output"]);
  cpSync(ROOT, project, { recursive: true, filter: (source) => !relative(ROOT, source).split(sep).some((part) => generated.has(part)) });
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
  const pack = spawnSync("npm", ["pack", "--json", "--pack-destination", folder], { cwd: project, encoding: "utf8" });
  removeOutput(project);
  assert.equal(pack.status, 0, pack.stderr);
  const [result] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(folder, result!.filename);
  packed = result!.files.map((file) => file.path);
  packageDir = folder;
});
after(() => removeOutput(packageDir));

describe("the packed plugin", () => {
  test("holds the compiled plugin with its types, the weekly command and the theme, and none of the blog or its tests", () => {
    for (const file of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/cards/drawWorker.js", "src/cli/weekly.js", "layouts/base.njk", "layouts/post.njk", "layouts/digest.njk", "layouts/page.njk", "layouts/macros.njk", "layouts/style.css"]) {
      assert.ok(packed.includes(file), `${file} is not in the package`);
    }
    for (const file of packed) assert.doesNotMatch(file, /^(test|posts|weekly_news|docs|_site|node_modules)\//, file);
  });

  test("its compiled code imports exactly the packages it declares (type packages aside) and the Eleventy peer", () => {
    const site = freshSite();
    try {
      const installed = join(site, "node_modules", "eleventy-plugin-weekly");
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Manifest;
      const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
      const imported = new Set<string>();
      for (const file of listFiles(join(installed, "dist")).filter((f) => f.endsWith(".js"))) {
        // Static imports, dynamic ones, packages loaded on first use (core/onFirstUse.ts) and packages
        // resolved to run their files (Pagefind's binary).
        for (const [, fromClause, dynamic, onUse, resolved] of readFileSync(join(installed, "dist", file), "utf8").matchAll(
          /^\s*(?:import|export)\b[^;\n]*?\bfrom\s*"([^".][^"]*)"|\bimport\(\s*"([^".][^"]*)"\s*\)|\bonFirstUse\(\s*"([^".][^"]*)"\s*\)|\bimport\.meta\.resolve\(\s*"([^".][^"]*)"\s*\)/gm,
        )) {
          const specifier = fromClause ?? dynamic ?? onUse ?? resolved;
          if (specifier === undefined || specifier.startsWith("node:")) continue;
          imported.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
        }
      }
      assert.ok(imported.has("luxon") && imported.has("pagefind"), [...imported].join(", "));
      for (const name of imported) assert.ok(declared.has(name), `dist imports ${name}, which package.json does not declare`);
      for (const name of Object.keys(manifest.dependencies).filter((dep) => !dep.startsWith("@types/"))) {
        assert.ok(imported.has(name), `package.json declares ${name}, which dist never imports`);
      }
    } finally {
      removeOutput(site);
    }
  });
});

describe("the packed plugin is a package a user can trust", () => {
  test("it ships its LICENSE, the MIT license package.json names", () => {
    assert.ok(packed.includes("LICENSE"), packed.join(" "));
    const license = spawnSync("tar", ["-xzOf", tarball, "package/LICENSE"], { encoding: "utf8" });
    assert.match(license.stdout, /^MIT License\n\nCopyright \(c\) 2026 /);
  });

  test("every source map it ships, and every map a script names, is a file it ships, and points at files it ships", () => {
    // The sources are not shipped, so neither are maps (src/tsconfig.json: sourceMap false).
    assert.deepEqual(packed.filter((f) => f.endsWith(".map")), []);
    assert.ok(packed.some((f) => f.endsWith(".js")), "the tarball has scripts to read");
    const shipped = new Set(packed);
    const folder = mkdtempSync(join(tmpdir(), "weekly-unpacked-"));
    try {
      assert.equal(spawnSync("tar", ["-xzf", tarball, "-C", folder, "--strip-components=1"]).status, 0);
      const missing: string[] = [];
      for (const file of packed.filter((f) => f.endsWith(".js"))) {
        const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(folder, file), "utf8"))?.[1];
        if (named !== undefined && !named.startsWith("data:") && !shipped.has(join(dirname(file), named))) missing.push(`${file} names ${named}`);
      }
      for (const map of packed.filter((f) => f.endsWith(".map"))) {
        const { sources } = JSON.parse(readFileSync(join(folder, map), "utf8")) as { sources: string[] };
        for (const source of sources) if (!shipped.has(join(dirname(map), source))) missing.push(`${map} points at ${source}`);
      }
      assert.deepEqual(missing.slice(0, 5), []);
    } finally {
      removeOutput(folder);
    }
  });

  // As npm reads a peer range (its own semver, without includePrerelease): `>=3.1.0` alone refuses
  // every prerelease, so `npm install @11ty/eleventy@4.0.0-alpha.9` would stop at ERESOLVE.
  const npmSemver = createRequire(join(spawnSync("npm", ["root", "-g"], { encoding: "utf8" }).stdout.trim(), "npm", "package.json"))("semver") as { satisfies(version: string, range: string): boolean };
  for (const [version, admitted] of [["3.1.8", true], ["4.0.0-alpha.9", true], ["4.0.0", true], ["4.1.2", true], ["3.0.0", false], ["3.1.0-beta.1", false]] as const) {
    test(`the Eleventy peer range ${admitted ? "admits" : "refuses"} ${version}`, () => {
      const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
      assert.equal(npmSemver.satisfies(version, manifest.peerDependencies["@11ty/eleventy"]!), admitted);
    });
  }
});

describe("docs/plugin.md's options table says what the plugin's schema and defaults say", () => {
  /** Options that are a group of fixed keys get a row per key; every other option one row. */
  const GROUPS = ["layouts", "feeds", "rawHtml", "site", "newWeek"] as const;
  interface Schema { shape?: Record<string, Schema>; def?: { valueType?: Schema }; meta?: () => { expected?: string } | undefined }
  const inner = (schema: Schema) => withoutDefault(schema as never) as unknown as Schema;
  const expected = (schema: Schema) => schema.meta?.()?.expected ?? inner(schema).def?.valueType?.meta?.()?.expected;
  const options = new Map<string, { default: unknown; accepts: string | undefined }>();
  for (const [key, schema] of Object.entries((OPTIONS_SCHEMA as unknown as Schema).shape!)) {
    const group = (GROUPS as readonly string[]).includes(key);
    for (const [sub, leaf] of group ? Object.entries(inner(schema).shape!) : [[undefined, schema] as const]) {
      const fallback = DEFAULTS[key as keyof typeof DEFAULTS] as Record<string, unknown>;
      options.set(sub === undefined ? key : `${key}.${sub}`, { default: sub === undefined ? fallback : fallback[sub], accepts: expected(leaf) });
    }
  }
  const doc = readFileSync(join(ROOT, "docs", "plugin.md"), "utf8");
  const section = doc.slice(doc.indexOf("\n## Options\n"), doc.indexOf("\n## ", doc.indexOf("\n## Options\n") + 1));
  const rows = new Map(
    [...section.matchAll(/^\| `([^`]+)` \| `(.*?)` \| (.*?) \| .* \|$/gm)].map(([, name, value, accepts]) => [name!, { value: value!, accepts: accepts! }]),
  );

  test("a row for every option, and no row for an option the plugin does not have", () => {
    assert.deepEqual([...rows.keys()], [...options.keys()]);
  });

  for (const [name, option] of options) {
    test(`${name}: default ${JSON.stringify(option.default)}, accepts ${option.accepts ?? "(not named)"}`, () => {
      const row = rows.get(name);
      assert.ok(row, `docs/plugin.md has no row for ${name}`);
      assert.equal(row.value, JSON.stringify(option.default));
      if (option.accepts !== undefined) assert.equal(row.accepts, option.accepts);
    });
  }
});

describe(`a fresh site with ${POOL_FROM} reports or more`, () => {
  test("draws its cards on worker threads, from the installed package's dist/cards/drawWorker.js", { skip: availableParallelism() < 2 && "one core: every card is drawn on the main thread" }, () => {
    const site = freshSite();
    const output = tempOutput("fresh-pool");
    try {
      addReports(site, POOL_FROM);
      const run = spawnSync(process.execPath, [ELEVENTY(site), "--output", output], { cwd: site, env: { ...process.env, ...NOW, WEEKLY_CARD_TIMING: "1" }, encoding: "utf8", timeout: 180_000 });
      assert.deepEqual([run.status, run.signal], [0, null], run.stderr);
      const count = POOL_FROM + 2;
      assert.match(run.stdout, new RegExp(`\\[weekly\\] cards: ${count} \\(${count} drawn, 0 from the cache\\) in [\\d.]+ s on ${Math.min(availableParallelism(), count)} threads\\n`));
      assert.equal(listFiles(join(output, "cards")).length, count);
    } finally {
      [site, output].forEach((dir) => removeOutput(dir));
    }
  });
});

describe("a CommonJS site: module.exports = function (eleventyConfig) { eleventyConfig.addPlugin(require(\"eleventy-plugin-weekly\")) }", () => {
  let site: string;
  let output: string;
  let run: ReturnType<typeof eleventy>;
  let remove = () => {};
  before(() => ({ site, output, run, remove } = builtFreshSite("cjs-site", () => {}, "cjs")));
  after(() => remove());

  test("require() gives the plugin function itself, as import gives it", () => {
    const required = spawnSync(process.execPath, ["-e", 'const weekly = require("eleventy-plugin-weekly"); process.stdout.write(`${typeof weekly} ${weekly.name}`);'], { cwd: site, encoding: "utf8" });
    assert.equal(required.stderr, "");
    assert.equal(required.stdout, "function weekly");
  });

  test("builds the W06 report, linked to its digest, without a warning", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(besidesContentWarnings(run.stderr), [], "the blog's own report is not this test's");
    assert.match(run.stdout, /published 1 report and 1 digest/);
    const report = parseHTML(readFileSync(join(output, "posts", "2026-W06-ai-weekly", "index.html"), "utf8")).document;
    assert.match(text(report.querySelector("article.report h1")), /W06/);
    assert.ok(report.querySelector('a[href="/weekly_news/ai_news_2026-W06/"]'), "the report links its digest's page");
  });
});

describe("a fresh Eleventy site with only posts/, weekly_news/ and addPlugin(weekly)", () => {
  let site: string;
  let output: string;
  let run: ReturnType<typeof eleventy>;
  let remove = () => {};
  const page = (url: string) => parseHTML(readFileSync(join(output, url, "index.html"), "utf8")).document;
  before(() => ({ site, output, run, remove } = builtFreshSite("fresh-site")));
  after(() => remove());

  test("builds, without a warning", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(besidesContentWarnings(run.stderr), [], "the blog's own report is not this test's");
    assert.match(run.stdout, /published 1 report and 1 digest/);
  });

  test("the W06 report, its digest and every page the plugin adds wear the shipped theme", () => {
    for (const url of ["posts/2026-W06-ai-weekly", "weekly_news/ai_news_2026-W06", "", "archive", "tags", "weekly_news", "search"]) {
      const doc = page(url);
      assert.equal(doc.documentElement.getAttribute("lang"), "zh-CN", url);
      assert.equal(text(doc.querySelector(".site-title")), "新站周报", url);
      assert.deepEqual(all(doc, ".site-header nav a").map(text), ["归档", "标签", "热词", "新闻摘要", "搜索"], url);
      assert.match(text(doc.querySelector("head style")), /--fg:/, `${url} has the shipped stylesheet`);
    }
    const report = page("posts/2026-W06-ai-weekly");
    assert.equal(all(report, "h1").length, 1);
    assert.match(text(report.querySelector("article.report h1")), /W06|人工智能/);
    assert.ok(report.querySelector('a[href="/weekly_news/ai_news_2026-W06/"]'), "the report links its digest's page");
    assert.ok(page("weekly_news/ai_news_2026-W06").querySelector("article"), "the digest is inside its layout");
    assert.ok(page("").querySelector('a[href="/posts/2026-W06-ai-weekly/"]'), "the home page lists the report");
    assert.ok(listFiles(output).some((file) => file.startsWith("pagefind/")));
    // No shipped layout is a page of its own.
    assert.ok(!listFiles(output).some((file) => file.includes("layouts")), listFiles(output).join(" "));
  });

  test("a layouts option naming a layout neither the site nor the theme has stops the build, naming it", () => {
    const config = join(site, "eleventy.config.js");
    const original = readFileSync(config, "utf8");
    const nowhere = tempOutput("missing-layout");
    try {
      writeFileSync(config, original.replace('site: {', 'layouts: { home: "layouts/front.njk" }, site: {'));
      const stopped = eleventy(site, nowhere);
      assert.equal(stopped.status, 1);
      assert.match(stopped.stderr, /weekly plugin option layouts\.home: received "layouts\/front\.njk"; expected a layout of the site's layouts\/ folder or of the shipped theme, or false\./);
    } finally {
      writeFileSync(config, original);
      removeOutput(nowhere);
    }
  });

  test("npx weekly check finds the content sound", () => {
    const check = spawnSync(process.execPath, [join(site, "node_modules", ".bin", "weekly"), "check"], { cwd: site, env: { ...process.env, ...NOW }, encoding: "utf8" });
    assert.equal(check.status, 0, check.stderr);
    // The report and digest are the blog's: the check finds no error in them, whatever it warns of.
    const [problems, count] = [besidesContentWarnings(check.stdout).slice(0, -1), check.stdout.trim().split("\n").at(-1)!];
    assert.deepEqual(problems, []);
    assert.equal(count, checkSummary(check.stdout.trim().split("\n").slice(0, -1), 2));
  });

  test("served by eleventy --serve, every page, stylesheet and script a reader can reach answers", async () => {
    const port = await freePort();
    const served = tempOutput("fresh-serve");
    const server = spawn(process.execPath, [ELEVENTY(site), "--serve", "--port", String(port), "--output", served], { cwd: site, env: { ...process.env, ...NOW }, detached: true });
    try {
      const origin = await serverUrl(server);
      const seen = await crawl(origin, "/");
      for (const path of ["/posts/2026-W06-ai-weekly/", "/weekly_news/ai_news_2026-W06/", "/archive/", "/tags/", "/search/", "/pagefind/pagefind-ui.js"]) {
        assert.ok(seen.has(path), `${path} was not reached`);
      }
    } finally {
      await stopPreview(server);
      removeOutput(served);
    }
  });
});

describe("a site's own layouts and stylesheet override the shipped ones, file by file", () => {
  let output: string;
  let run: ReturnType<typeof eleventy>;
  let remove = () => {};
  before(() => {
    ({ output, run, remove } = builtFreshSite("own-layouts", (site) => {
      mkdirSync(join(site, "_includes", "layouts"), { recursive: true });
      writeFileSync(join(site, "_includes", "layouts", "post.njk"), `---\nlayout: layouts/base.njk\n---\n<article class="own-report"><h1>{{ title }}</h1>{{ content | safe }}</article>\n`);
      writeFileSync(join(site, "_includes", "layouts", "style.css"), "body { --own-look: 1; }\n");
      // Where Eleventy does not look for layouts in this site: named in a warning, not silently unused.
      mkdirSync(join(site, "layouts"));
      writeFileSync(join(site, "layouts", "digest.njk"), "<p>never used</p>\n");
    }));
  });
  after(() => remove());

  test("the report uses the site's post.njk inside the shipped base.njk; the digest keeps the shipped layout", () => {
    assert.equal(run.status, 0, run.stderr);
    const report = parseHTML(readFileSync(join(output, "posts", "2026-W06-ai-weekly", "index.html"), "utf8")).document;
    assert.ok(report.querySelector("article.own-report"));
    assert.equal(report.querySelector("article.report"), null);
    assert.equal(text(report.querySelector(".site-title")), "新站周报");
    const digest = parseHTML(readFileSync(join(output, "weekly_news", "ai_news_2026-W06", "index.html"), "utf8")).document;
    assert.doesNotMatch(digest.documentElement.outerHTML, /never used/);
    assert.ok(digest.querySelector(".site-header"));
  });

  test("every page inlines the site's stylesheet instead of the shipped one", () => {
    for (const file of listFiles(output).filter((f) => f.endsWith(".html"))) {
      const style = text(parseHTML(readFileSync(join(output, file), "utf8")).document.querySelector("head style"));
      assert.equal(style.trim(), "body { --own-look: 1; }", file);
    }
  });

  test("a layouts/ folder Eleventy does not read in this site is named, with where to move it", () => {
    assert.match(run.stderr, /layouts\/digest\.njk: not used, because Eleventy looks for `layout: layouts\/…` in _includes\/.*Move it to _includes\/layouts\//);
  });
});


/** The address `eleventy --serve` prints once it serves the site. */
function serverUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`eleventy --serve did not start:\n${out}`)), 120_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Server at (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    server.stdout!.on("data", read);
    server.stderr!.on("data", read);
    server.once("exit", (code) => reject(new Error(`eleventy --serve exited with ${code}:\n${out}`)));
  });
}
