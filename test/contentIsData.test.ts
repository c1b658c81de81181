// Content is data: nothing in a report, a digest or a data file of their folders runs, includes a
// file or writes outside the output folder, whatever its front matter says. Each case is built
// for real with `eleventy` and checked with `weekly check`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import yaml from "js-yaml";
import { copySite, listFiles, outputLines, problemsWithCode, removeOutput, runEleventy, runWeeklyInProcess, tempOutput } from "./helpers.js";
import { findPrototypeKeys } from "../src/core/prototypeKeys.js";
import { inspectSite } from "../src/cli/inspect.js";

const NOW = { WEEKLY_NOW: "2026-03-01T12:00" };
const SECRET = "SECRET-7f3a9c-不该出现";

/** A template expression that writes `marker` when Nunjucks runs it. */
function nunjucksWrites(marker: string): string {
  return `{{ range.constructor("return process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker).replace(/"/g, "'")}, 'ran')")() }}`;
}

/** A copy of the four-week fixture with a secret beside it and a folder above it to watch. */
function hostileSite(): { site: string; marker: string } {
  const site = copySite("scheduled");
  writeFileSync(join(site, ".env"), `TOKEN=${SECRET}\n`);
  writeFileSync(join(site, "secret.txt"), `${SECRET}\n`);
  return { site, marker: join(site, "MARKER") };
}

async function problemLines(site: string, output: string, env = NOW) {
  const build = runEleventy(site, output, env);
  const check = await runWeeklyInProcess(site, ["check"], env);
  return { build, check, buildLines: outputLines(build), checkLines: check.stdout.split("\n") };
}

describe("front matter that would instruct Eleventy, in a digest and a report", () => {
  let site: string;
  let marker: string;
  let output: string;
  let run: Awaited<ReturnType<typeof problemLines>>;
  const packageJson = () => readFileSync(join(site, "package.json"), "utf8");
  let packageBefore: string;
  before(async () => {
    ({ site, marker } = hostileSite());
    output = join(site, "_site");
    packageBefore = packageJson();
    writeFileSync(
      join(site, "weekly_news", "ai_news_2026-W09.md"),
      `---\ntemplateEngineOverride: njk,md\npermalink: ../package.json\n---\n# 摘要\n\n${nunjucksWrites(marker)}\n\n{% include ".env" %}\n`,
    );
    writeFileSync(
      join(site, "posts", "2026-W09-ai-weekly.md"),
      `---\ntitle: 第九周\ndate: 2026-02-26\npermalink: ../../etc/x.html\neleventyComputed:\n  description: "{% include 'secret.txt' %}"\nlayout: ../../etc/passwd\n---\n正文\n`,
    );
    writeFileSync(join(site, "posts", "2026-W10-ai-weekly.md"), `---\ntitle: 第十周\ndate: 2026-03-05\nlayout: package.json\npermalink: /pagefind/pagefind.js\n---\n正文\n`);
    writeFileSync(join(site, "posts", "about.md"), `---\ntitle: 关于\ndate: 2026-01-01\npermalink: /pagefind/about.html\npagination:\n  data: collections.all\n  size: 1\n---\n正文\n`);
    run = await problemLines(site, output);
  });
  after(() => removeOutput(site));

  test("nothing ran, nothing was included, nothing was written outside the output", () => {
    assert.equal(existsSync(marker), false, "the template code in the digest ran");
    assert.equal(packageJson(), packageBefore, "package.json was overwritten");
    // ../../etc/x.html from the output folder (site/_site) is <temp>/etc/x.html.
    assert.equal(existsSync(join(site, "..", "etc", "x.html")), false);
    for (const file of listFiles(output)) assert.ok(!readFileSync(join(output, file), "utf8").includes(SECRET), `${file} holds the secret`);
  });

  test("the build stops, writing nothing, with each problem at its line", () => {
    assert.equal(run.build.status, 1, run.build.stderr);
    assert.deepEqual(listFiles(output), []);
    const expected = [
      "posts/2026-W09-ai-weekly.md:4:1  permalink: received \"../../etc/x.html\"; expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\". [unsafe-permalink]",
      "posts/2026-W09-ai-weekly.md:5:1  eleventyComputed: not allowed in a report or digest: its values would be run as template code. Remove it; content is data, never code. [refused-key]",
      "posts/2026-W09-ai-weekly.md:7:1  layout: received \"../../etc/passwd\"; expected a template of the layouts folder, such as layouts/post.njk. [unknown-layout]",
      "posts/2026-W10-ai-weekly.md:4:1  layout: received \"package.json\"; expected a template of the layouts folder, such as layouts/post.njk. [unknown-layout]",
      "posts/2026-W10-ai-weekly.md:5:1  permalink: received \"/pagefind/pagefind.js\"; expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\". [unsafe-permalink]",
      "posts/about.md:4:1  permalink: received \"/pagefind/about.html\"; the plugin writes everything under /pagefind/; choose an address outside it. [unsafe-permalink]",
      "posts/about.md:5:1  pagination: not allowed in a report or digest: it would make pages out of other data, at addresses run as template code. Remove it; content is data, never code. [refused-key]",
      "weekly_news/ai_news_2026-W09.md:2:1  templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code. [refused-key]",
      "weekly_news/ai_news_2026-W09.md:3:1  permalink: received \"../package.json\"; expected a plain address such as /posts/2026-w06/ or /posts/2026-w06.html, without template code ({{ }}, {% %}), \"..\", \"\\\", spaces, \"%\", \"?\" or \"#\". [unsafe-permalink]",
    ];
    for (const line of expected) assert.ok(run.buildLines.includes(line), `the build names:\n${line}\n\nit printed:\n${run.buildLines.join("\n")}`);
    assert.ok(!/TypeError|at .+:\d+:\d+\)/.test(run.build.stderr), run.build.stderr);
  });

  test("`weekly check` lists the same problems with the rest", () => {
    assert.equal(run.check.status, 1, run.check.stderr);
    const problems = run.checkLines.filter((line) => /^(posts|weekly_news)\//.test(line));
    assert.deepEqual(
      problems.filter((line) => !line.includes("warning:")),
      [...new Set(run.buildLines.filter((line) => /^(posts|weekly_news)\//.test(line)))],
    );
    assert.equal(problems.length >= 9, true);
  });
});

describe("templates and scripts in a content folder", () => {
  test("an .11tydata.js file and an .11ty.js template stop the build before Eleventy loads them", async () => {
    const { site, marker } = hostileSite();
    const output = tempOutput("code-files");
    try {
      const write = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");`;
      writeFileSync(join(site, "posts", "posts.11tydata.cjs"), `${write}\nmodule.exports = {};\n`);
      mkdirSync(join(site, "weekly_news", "extra"));
      writeFileSync(join(site, "weekly_news", "extra", "page.11ty.cjs"), `${write}\nmodule.exports = class { render() { return "x"; } };\n`);
      writeFileSync(join(site, "weekly_news", "extra", "list.njk"), `{% include "secret.txt" %}`);
      const { build, check, buildLines, checkLines } = await problemLines(site, output);
      assert.equal(existsSync(marker), false, "a script in a content folder ran");
      assert.equal(build.status, 1);
      assert.deepEqual(listFiles(output), []);
      const message = (path: string, folder: string) =>
        `${path}  a template or script in a content folder: Eleventy would run it as code while building. Reports and digests are Markdown (.md) files; move site templates out of ${folder}/ (layouts belong in layouts/). [code-file]`;
      const expected = [message("posts/posts.11tydata.cjs", "posts"), message("weekly_news/extra/list.njk", "weekly_news"), message("weekly_news/extra/page.11ty.cjs", "weekly_news")];
      for (const line of expected) assert.ok(buildLines.includes(line), `${line}\n\n${buildLines.join("\n")}`);
      assert.equal(check.status, 1);
      assert.deepEqual(checkLines.filter((line) => line.startsWith("posts/") || line.startsWith("weekly_news/")), expected);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("the same script outside the content folders runs: the marker above does detect it", () => {
    const { site, marker } = hostileSite();
    const output = tempOutput("code-control");
    try {
      writeFileSync(join(site, "control.11ty.cjs"), `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = class { render() { return "x"; } };\n`);
      writeFileSync(join(site, "control.njk"), `---\npermalink: /control/\n---\n${nunjucksWrites(`${marker}-njk`)}`);
      runEleventy(site, output, NOW);
      assert.equal(existsSync(marker), true);
      assert.equal(existsSync(`${marker}-njk`), true);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("a JSON data file with a refused key is named at its line, and the pages under it are not compiled", async () => {
    const { site, marker } = hostileSite();
    const output = tempOutput("data-file");
    try {
      mkdirSync(join(site, "posts", "more"));
      writeFileSync(join(site, "posts", "more", "more.11tydata.json"), `{\n  "tags": ["AI"],\n  "templateEngineOverride": "njk,md",\n  "permalink": "/same/"\n}\n`);
      writeFileSync(join(site, "posts", "more", "2026-W09-ai-weekly.md"), `---\ntitle: 第九周\ndate: 2026-02-26\n---\n${nunjucksWrites(marker)}\n`);
      const { build, buildLines } = await problemLines(site, output);
      assert.equal(existsSync(marker), false);
      assert.equal(build.status, 1);
      assert.ok(buildLines.includes("posts/more/more.11tydata.json:3:1  templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code. [refused-key]"), buildLines.join("\n"));
      assert.ok(buildLines.includes("posts/more/more.11tydata.json:4:1  permalink: received \"/same/\"; a data file of a content folder cannot give its pages one address; write permalink in a file's own front matter. [unsafe-permalink]"), buildLines.join("\n"));
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });
});

describe("other ways in: JSON and JavaScript front matter, links, data files, the site's template engine", () => {
  test("---json front matter is checked like YAML; ---js front matter stops the build before it is read", async () => {
    const { site, marker } = hostileSite();
    const output = tempOutput("json-js");
    try {
      writeFileSync(
        join(site, "weekly_news", "ai_news_2026-W09.md"),
        `---json\n{"title": "t", "templateEngineOverride": "njk,md", "permalink": "../../escaped/index.html"}\n---\n${nunjucksWrites(marker)}\n`,
      );
      let run = await problemLines(site, output);
      assert.equal(existsSync(marker), false);
      assert.equal(existsSync(join(site, "..", "escaped")), false);
      assert.equal(run.build.status, 1);
      assert.ok(run.checkLines.includes("weekly_news/ai_news_2026-W09.md:2:1  templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code. [refused-key]"), run.checkLines.join("\n"));

      writeFileSync(
        join(site, "weekly_news", "ai_news_2026-W09.md"),
        `---js\n{ title: (process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(marker)}, "ran"), "t") }\n---\n正文\n`,
      );
      run = await problemLines(site, output);
      assert.equal(existsSync(marker), false, "JavaScript front matter ran");
      assert.equal(run.build.status, 1);
      const expected = "weekly_news/ai_news_2026-W09.md:1:1  front matter in a language that runs as code (such as ---js): reports and digests take YAML (---) or JSON (---json) front matter only. [code-front-matter]";
      assert.ok(run.buildLines.includes(expected), run.buildLines.join("\n"));
      assert.ok(run.checkLines.includes(expected), run.checkLines.join("\n"));
      assert.deepEqual(listFiles(output), []);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("templates, scripts and data files reached through symbolic links are found too", async () => {
    const { site, marker } = hostileSite();
    const outside = tempOutput("outside-sources");
    const output = tempOutput("links");
    try {
      const write = `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = {};\n`;
      writeFileSync(join(outside, "evil.njk"), nunjucksWrites(marker));
      mkdirSync(join(outside, "dir"));
      writeFileSync(join(outside, "dir", "inner.njk"), nunjucksWrites(marker));
      writeFileSync(join(outside, "data.cjs"), write);
      writeFileSync(join(outside, "data.json"), `{ "templateEngineOverride": "njk,md" }\n`);
      symlinkSync(join(outside, "evil.njk"), join(site, "posts", "evil.njk"));
      symlinkSync(join(outside, "dir"), join(site, "weekly_news", "shared"));
      symlinkSync(join(outside, "data.cjs"), join(site, "posts", "posts.11tydata.cjs"));
      const { build, buildLines } = await problemLines(site, output);
      assert.equal(existsSync(marker), false);
      assert.equal(build.status, 1);
      for (const path of ["posts/evil.njk", "posts/posts.11tydata.cjs", "weekly_news/shared/inner.njk"]) {
        assert.ok(buildLines.some((line) => line.startsWith(`${path}  a template or script in a content folder`)), `${path}:\n${buildLines.join("\n")}`);
      }
      rmSync(join(site, "posts", "evil.njk"));
      rmSync(join(site, "weekly_news", "shared"));
      rmSync(join(site, "posts", "posts.11tydata.cjs"));
      symlinkSync(join(outside, "data.json"), join(site, "weekly_news", "ai_news_2026-W07.json"));
      writeFileSync(join(site, "weekly_news", "ai_news_2026-W07.md"), `# 摘要\n\n${nunjucksWrites(marker)}\n`);
      const linked = await problemLines(site, output);
      assert.equal(existsSync(marker), false);
      assert.ok(linked.buildLines.includes("weekly_news/ai_news_2026-W07.json:1:1  templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code. [refused-key]"), linked.buildLines.join("\n"));
    } finally {
      for (const dir of [output, outside, site]) removeOutput(dir);
    }
  });

  test("a data file with a byte-order mark, or in YAML, is read and checked; one that cannot be read is refused", async () => {
    const { site, marker } = hostileSite();
    const output = tempOutput("data-formats");
    try {
      writeFileSync(join(site, "eleventy.config.js"), readFileSync(join(site, "eleventy.config.js"), "utf8").replace("export default function (eleventyConfig) {", 'import yaml from "js-yaml";\nexport default function (eleventyConfig) {\n  eleventyConfig.addDataExtension("yaml", (text) => yaml.load(text));\n  eleventyConfig.addDataExtension("toml", (text) => ({}));'));
      writeFileSync(join(site, "weekly_news", "weekly_news.11tydata.json"), `\uFEFF{ "layout": "layouts/digest.njk", "templateEngineOverride": "njk,md" }\n`);
      writeFileSync(join(site, "posts", "posts.11tydata.yaml"), "tags: [AI]\neleventyComputed:\n  title: x\n");
      writeFileSync(join(site, "posts", "2026-W05-ai-weekly.toml"), "x = 1\n");
      writeFileSync(join(site, "weekly_news", "ai_news_2026-W07.md"), `# 摘要\n\n${nunjucksWrites(marker)}\n`);
      const { build, buildLines } = await problemLines(site, output);
      assert.equal(existsSync(marker), false);
      assert.equal(build.status, 1);
      for (const line of [
        "weekly_news/weekly_news.11tydata.json:1:1  templateEngineOverride: not allowed in a report or digest: it would run the file's text as template code. Remove it; content is data, never code. [refused-key]",
        "posts/posts.11tydata.yaml:1:1  eleventyComputed: not allowed in a report or digest: its values would be run as template code. Remove it; content is data, never code. [refused-key]",
        "posts/2026-W05-ai-weekly.toml:1:1  data file: a .toml data file in a content folder cannot be checked for keys that would run code; write it as JSON or YAML. [data-file]",
      ]) {
        assert.ok(buildLines.includes(line), `${line}\n\n${buildLines.join("\n")}`);
      }
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("a site whose Markdown goes through Liquid (Eleventy's default) still renders reports and digests as Markdown only", () => {
    const { site } = hostileSite();
    const output = tempOutput("liquid-site");
    try {
      writeFileSync(join(site, "eleventy.config.js"), readFileSync(join(site, "eleventy.config.js"), "utf8").replace("markdownTemplateEngine: false", 'markdownTemplateEngine: "liquid"'));
      writeFileSync(join(site, "weekly_news", "ai_news_2026-W07.md"), `# 摘要\n\n包含：{% render "secret.txt" %} 与 {{ 6 | times: 7 }}\n`);
      const run = runEleventy(site, output, NOW);
      assert.equal(run.status, 0, run.stderr);
      const page = readFileSync(join(output, "weekly_news", "ai_news_2026-W07", "index.html"), "utf8");
      assert.ok(!page.includes(SECRET) && !page.includes("42"), "Liquid ran in a digest");
      assert.ok(page.includes("{% render &quot;secret.txt&quot; %}") || page.includes('{% render "secret.txt" %}'), "the text is shown as written");
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("a file only a held-back report links to is not copied to the output", () => {
    const { site } = hostileSite();
    const output = tempOutput("held-back-file");
    try {
      writeFileSync(join(site, "posts", "secret-chart.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><text>${SECRET}</text></svg>`);
      writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), `---\ntitle: 第九周\ndate: 2026-02-26\ndraft: true\n---\n![图](./secret-chart.svg)\n`);
      const run = runEleventy(site, output, NOW);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(!listFiles(output).some((file) => file.includes("secret-chart")), listFiles(output).join("\n"));
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("a permalink that takes a generated file as its folder, or another page's address in other case, is named", async () => {
    const { site } = hostileSite();
    const output = tempOutput("clash");
    try {
      writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), `---\ntitle: 第九周\ndate: 2026-02-26\npermalink: /feed.xml/\n---\n正文\n`);
      writeFileSync(join(site, "posts", "2026-W10-ai-weekly.md"), `---\ntitle: 第十周\ndate: 2026-03-05\npermalink: /Archive/\n---\n正文\n`);
      writeFileSync(join(site, "posts", "2026-W11-ai-weekly.md"), `---\ntitle: 第十一周\ndate: 2026-03-12\npermalink: /posts/2026-w06-ai-weekly/\n---\n正文\n`);
      writeFileSync(join(site, "posts", "2026-W12-ai-weekly.md"), `---\ntitle: 第十二周\ndate: 2026-03-19\ntemplateEngineOverride: njk,liquid\n---\n正文\n`);
      const { build, checkLines } = await problemLines(site, output);
      assert.equal(build.status, 1);
      assert.deepEqual(problemsWithCode(checkLines.filter((line) => /^posts\/2026-W(09|1[0-2])/.test(line)), ["unsafe-permalink", "address-clash", "template-engine"]), [
        "posts/2026-W09-ai-weekly.md:4:1  permalink: received \"/feed.xml/\"; the site already writes feed.xml there; choose another address. [unsafe-permalink]",
        "posts/2026-W10-ai-weekly.md:4:1  permalink: received \"/Archive/\"; the site already writes archive/index.html there; choose another address. [unsafe-permalink]",
        "posts/2026-W11-ai-weekly.md:4:1  permalink: posts/2026-w06-ai-weekly/index.html is also where posts/2026-W06-ai-weekly.md is written; give each page an address of its own. [address-clash]",
        "posts/2026-W12-ai-weekly.md:4:1  templateEngineOverride: received \"njk,liquid\"; Eleventy expects one template engine, such as njk or njk,md. [template-engine]",
      ]);
      assert.deepEqual(listFiles(output), []);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });

  test("a refused data file beside one page holds back that page only, and links to it are not reported too", async () => {
    const { site } = hostileSite();
    const output = tempOutput("one-page");
    try {
      writeFileSync(join(site, "weekly_news", "ai_news_2026-W06.json"), `{ "eleventyComputed": { "title": "x" } }\n`);
      const { checkLines } = await problemLines(site, output);
      // The refusal, and no link to the page held back (nor any other problem of a link).
      assert.deepEqual(problemsWithCode(checkLines.filter((line) => /^(posts|weekly_news)\//.test(line)), ["refused-key", "broken-link", "link-held-back", "missing-heading", "missing-file"]), [
        "weekly_news/ai_news_2026-W06.json:1:1  eleventyComputed: not allowed in a report or digest: its values would be run as template code. Remove it; content is data, never code. [refused-key]",
      ]);
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });
});

describe("a plain permalink is still a page's address", () => {
  test("a report with permalink: /第九周/ is published there", () => {
    const { site } = hostileSite();
    const output = tempOutput("plain-permalink");
    try {
      writeFileSync(join(site, "posts", "2026-W09-ai-weekly.md"), `---\ntitle: 第九周\ndate: 2026-02-26\npermalink: /第九周/\n---\n正文\n`);
      const build = runEleventy(site, output, NOW);
      assert.equal(build.status, 0, build.stderr);
      assert.ok(readFileSync(join(output, "第九周", "index.html"), "utf8").includes("第九周"));
    } finally {
      removeOutput(output);
      removeOutput(site);
    }
  });
});

// Eleventy's keys with template code, paths and odd values in them, drawn at random into reports
// and digests: nothing runs, nothing is included, nothing is written outside the output, and
// each file ends as a page or a problem that names it.
const SPECIAL_KEYS = [
  "permalink", "templateEngineOverride", "eleventyComputed", "layout", "pagination", "eleventyImport",
  "eleventyExcludeFromCollections", "dynamicPermalink", "permalinkBypassOutputDir", "eleventyDataSchema",
  "eleventyNavigation", "content", "collections", "page", "eleventy", "pkg", "weekly", "tags", "description",
  // Prototype keys: Eleventy's merge of data would write `__proto__` into Object.prototype.
  "__proto__", "constructor", "prototype", "override:__proto__",
];

describe("random special keys with template code in their values", () => {
  const seeds = process.env.FC_SITE_SEEDS ? process.env.FC_SITE_SEEDS.split(",").map(Number) : [20261130, 12];
  for (const seed of seeds) {
    test(`seed ${seed}: nothing runs or leaves the output; each file is a page or a named problem`, { timeout: 240_000 }, async () => {
      const { site, marker } = hostileSite();
      const output = join(site, "_site");
      const value = fc.oneof(
        fc.constantFrom(
          nunjucksWrites(marker),
          "{% include 'secret.txt' %}",
          "{% render 'secret.txt' %}",
          "{{ '.env' | include }}",
          "../package.json",
          "../../outside.html",
          "/pagefind/pagefind.js",
          "/feed.xml",
          "/tags/x/",
          "/ok-page/",
          "layouts/post.njk",
          "layouts/base.njk",
          "package.json",
          "../../etc/passwd",
          "njk",
          "njk,md",
          "liquid,md",
          "__proto__", // as a tag, Eleventy's collections would stop on it
          true,
          false,
          null,
          42,
        ),
        fc.record({ title: fc.constant(nunjucksWrites(marker)), description: fc.constant("{% include 'secret.txt' %}") }),
        fc.record({ data: fc.constantFrom("collections.all", "eleventy"), size: fc.constant(1), alias: fc.constant("x") }),
        fc.record({ collections: fc.constant(["all"]) }),
        // Prototype keys nested in a value, as JSON.parse and YAML make them: own keys.
        fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown),
        fc.constant(JSON.parse('[{"constructor": {"prototype": {"polluted": "yes"}}}]') as unknown),
      );
      const files = fc.sample(
        fc.tuple(fc.constantFrom("posts", "weekly_news"), fc.dictionary(fc.constantFrom(...SPECIAL_KEYS), value, { minKeys: 0, maxKeys: 3 }), fc.constantFrom(...SECRET_LINKS)),
        { seed, numRuns: 16 },
      );
      const outside = secretsOutside(site);
      const written: string[] = [];
      const withPrototypeKeys = new Set<string>();
      files.forEach(([folder, data, link], index) => {
        const week = String(10 + index).padStart(2, "0");
        const path = folder === "posts" ? `posts/2026-W${week}-random-${index}.md` : `weekly_news/ai_news_2026-W${week}.md`;
        const own = folder === "posts" ? { title: `随机 ${index}`, date: "2026-01-01", ...data } : data;
        // Every third file in JSON front matter (---json), which Eleventy reads with its own engine otherwise.
        const head = index % 3 === 0 ? `---json\n${JSON.stringify(own)}\n` : `---\n${yaml.dump(own, { skipInvalid: true })}`;
        writeFileSync(join(site, path), `${head}---\n# 正文\n\n文件-${index}-结束 ${nunjucksWrites(marker)} {% include ".env" %}\n\n${link}\n`);
        written.push(path);
        if (findPrototypeKeys(own).length > 0 || own.tags === "__proto__") withPrototypeKeys.add(path);
      });
      // The plugin's own cache (the search index, the social cards, the reports' words and pictures' variants it keeps)
      // is the one thing a build writes beside its output, and only files of those kinds.
      const cached = /^\.cache\/weekly\/(search\/[0-9a-f]{64}\/(weekly-index\.json|pagefind[\w.-]*\.(js|css|json)|(fragment|index)\/[\w-]+\.pf_(fragment|index)|pagefind\.[\w-]+\.pf_meta|wasm\.[\w-]+\.pagefind)|cards\/[0-9a-f]{64}\.png|words\.json|images\/[\w-]+-\d+\.(avif|webp|png|jpeg))$/;
      const siteFiles = () => listFiles(site).filter((file) => !file.startsWith("_site/") && !file.startsWith("node_modules/") && !cached.test(file));
      const before = siteFiles();
      try {
        // The check, run in this process, names every file with a prototype key, and leaves
        // Object.prototype as it was (a build's pollution shows below as a crash blaming others).
        const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
        const inspected = await inspectSite(site);
        assert.ok(!("failure" in inspected), JSON.stringify(inspected));
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype), prototypeBefore, "Object.prototype changed");
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        const prototypeProblems = new Set(inspected.problems.filter((p) => p.code === "prototype-key" && p.severity === "error").map((p) => p.file));
        assert.deepEqual([...prototypeProblems].sort(), [...withPrototypeKeys].sort(), "each file with a prototype key, and only those, is named");
        const named = new Set<string>();
        let built = false;
        for (let round = 1; round <= 3 && !built; round++) {
          const build = runEleventy(site, output, NOW);
          const check = await runWeeklyInProcess(site, ["check", "--format", "json"], NOW);
          assert.equal(existsSync(marker), false, `round ${round}: template code in the content ran`);
          assert.deepEqual(siteFiles(), before, `round ${round}: a file was written outside the output`);
          for (const file of listFiles(output)) assert.ok(!readFileSync(join(output, file), "utf8").includes(SECRET), `${file} holds the secret`);
          assert.ok(!/^\s+at .+:\d+:\d+\)?$/m.test(build.stderr), `round ${round}: no stack trace:\n${build.stderr}`);
          assert.ok(build.status === 0 || build.status === 1, `round ${round}: exit ${build.status}: ${build.stderr}`);
          if (build.status === 0) {
            built = true;
            break;
          }
          assert.ok(check.status === 1, `weekly check: exit ${check.status}: ${check.stderr}`);
          const report = JSON.parse(check.stdout) as { problems: Array<{ file: string; severity: string }> };
          const errors = report.problems.filter((p) => p.severity === "error");
          assert.ok(errors.length > 0, `the build stopped and the check names why:\n${build.stderr}`);
          assert.deepEqual(listFiles(output), [], "nothing written by a build that stopped");
          for (const error of errors) {
            assert.ok(written.includes(error.file), `only random files have errors, not ${error.file}`);
            if (named.has(error.file)) continue;
            named.add(error.file);
            rmSync(join(site, error.file));
            before.splice(before.indexOf(error.file), 1);
          }
        }
        assert.ok(built, "the site builds once the named files are taken out");
        const pages = listFiles(output).filter((file) => file.endsWith(".html")).map((file) => readFileSync(join(output, file), "utf8"));
        written.forEach((path, index) => {
          if (named.has(path)) return;
          assert.ok(pages.some((html) => html.includes(`文件-${index}-结束`)), `${path} is neither a page nor a named problem`);
        });
      } finally {
        removeOutput(site);
        removeOutput(outside);
      }
    });
  }
});

// `weekly export -o` with targets drawn at random from the families that once published a held-back
// report or broke the build (dot-folders, the output folder, data and template files beside the
// reports, the plugin's cache, links into the content from an ignored folder, dangling links):
// each is refused and writes nothing, or is written where no build reads, and a production build
// afterwards holds no trace of the scheduled report.
describe("random export targets", () => {
  const seeds = process.env.FC_EXPORT_SEEDS ? process.env.FC_EXPORT_SEEDS.split(",").map(Number) : [20261206];
  for (const seed of seeds) {
    test(`seed ${seed}: refused, or written only where no build reads; the next build shows nothing of the held-back W07`, { timeout: 240_000 }, async () => {
      const site = copySite("editions");
      const outside = mkdtempSync(join(tmpdir(), "weekly-export-outside-"));
      const output = join(site, "_site");
      const clock = { WEEKLY_NOW: "2026-02-11T10:00" };
      writeFileSync(join(site, ".eleventyignore"), "letters/\n");
      mkdirSync(join(site, "letters"));
      symlinkSync(join("..", "posts"), join(site, "letters", "to-posts"));
      symlinkSync("..", join(site, "letters", "to-site"));
      symlinkSync(join("..", "_site"), join(site, "letters", "to-output"));
      const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
      const extension = fc.constantFrom(".md", ".html", ".njk", ".liquid", ".json", ".11tydata.json", ".11tydata.js", ".js", ".txt", ".png");
      const dangerous = fc.constantFrom(
        ".drafts/", ".github/", "_site/", "_site/posts/", "posts/", "weekly_news/", "", "_data/", ".cache/weekly/", ".cache/weekly/cards/",
        "letters/to-posts/", "letters/to-site/", "letters/to-output/", "letters/to-site/posts/", "letters/dangling:",
      );
      // One in four a place no build reads: the ignored folder itself, or outside the site.
      const family = fc.oneof({ arbitrary: dangerous, weight: 3 }, { arbitrary: fc.constantFrom("letters/", "outside:"), weight: 1 });
      const targets = fc.sample(fc.tuple(family, name, extension), { seed, numRuns: 30 });
      const siteFiles = () => listFiles(site).filter((file) => !file.startsWith("node_modules/") && !file.startsWith("letters/"));
      const before = siteFiles();
      try {
        for (const [where, stem, ext] of targets) {
          let target = `${where}${stem}${ext}`;
          if (where === "outside:") target = join(outside, `${stem}${ext}`);
          if (where === "letters/dangling:") {
            target = `letters/dangling-${stem}${ext}`;
            rmSync(join(site, target), { force: true });
            symlinkSync(join("..", "posts", `${stem}${ext}`), join(site, target));
          }
          const run = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "text", "-o", target], clock);
          const allowed = where === "letters/" || where === "outside:";
          assert.equal(run.status, allowed ? 0 : 2, `${target}: ${run.stderr}`);
          if (!allowed) assert.match(run.stderr, new RegExp(`^weekly export: -o ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} (is|leads to) `), target);
          else assert.match(readFileSync(where === "outside:" ? target : join(site, target), "utf8"), /专注推理/, target);
          assert.deepEqual(siteFiles(), before, `${target}: a file was written where a build reads`);
        }
        const build = runEleventy(site, output, clock);
        assert.equal(build.status, 0, build.stderr);
        const traces = listFiles(output).filter((file) => /w07/i.test(file) || readFileSync(join(output, file)).includes("专注推理"));
        assert.deepEqual(traces, []);
      } finally {
        removeOutput(site);
        removeOutput(outside);
      }
    });
  }
});


/** Links a page might publish a secret through: symbolic links out of the site, hidden, ignored and cached files. */
const SECRET_LINKS = [
  "",
  "[笔记](./notes.txt)",
  "![脸](./face.png)",
  "[主机](./host.pdf)",
  "[钩子](../.git/hooks/pre-commit.sample)",
  "[凭据](../credentials.json)",
  "[秘密](../secret.txt)",
  "[环境](../.env)",
  "![卡片](../.cache/weekly/cards/ab12.png)",
] as const;

/**
 * The secret where those links lead: in a folder outside the site that `posts/` links into (a text,
 * and a real PNG with the secret after its end), in `.git`, the cache, and files `.gitignore` names.
 */
function secretsOutside(site: string): string {
  const outside = tempOutput("secrets-outside");
  writeFileSync(join(outside, "secret.txt"), `${SECRET}\n`);
  // A 1×1 PNG, then the secret: a copy of the file would carry it.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNg+M/wHwAEAQH/7yMK/gAAAABJRU5ErkJggg==", "base64");
  writeFileSync(join(outside, "secret.png"), Buffer.concat([png, Buffer.from(SECRET)]));
  symlinkSync(join(outside, "secret.txt"), join(site, "posts", "notes.txt"));
  symlinkSync(join(outside, "secret.png"), join(site, "posts", "face.png"));
  symlinkSync(join(outside, "secret.txt"), join(site, "posts", "host.pdf"));
  mkdirSync(join(site, ".git", "hooks"), { recursive: true });
  writeFileSync(join(site, ".git", "hooks", "pre-commit.sample"), SECRET);
  mkdirSync(join(site, ".cache", "weekly", "cards"), { recursive: true });
  writeFileSync(join(site, ".cache", "weekly", "cards", "ab12.png"), SECRET);
  writeFileSync(join(site, "credentials.json"), `{ "token": "${SECRET}" }\n`);
  writeFileSync(join(site, ".gitignore"), "credentials.json\nsecret.txt\n");
  return outside;
}
