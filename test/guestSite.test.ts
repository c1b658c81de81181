// The plugin as a guest in a site shaped like eleventy-base-blog (test/fixtures/guest-site): its
// includes folder outside the input folder, its own layouts without Pagefind's mark or social
// meta, a folder-wide layout from a directory data file, a report left outside the input folder.
// The plugin's pages keep what they need whatever layout renders them; the host's pages are the
// bytes they are without the plugin.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eleventyCheck } from "./tools/eleventyCheck.js";
import { copySite, outputLines, readSite, removeOutput, runEleventy, runWeeklyInProcess, tempOutput, type BuiltSite, withoutZh } from "./helpers.js";

const REPORT = "/posts/2026-W05-guest-report/";
const DIGEST = "/weekly_news/ai_news_2026-W05/";
const SITE_URL = "https://guest.example.org";
const OUTSIDE_WARNING =
  "posts/  warning: 1 Markdown file in posts/, outside the input folder content/: the plugin reads reports from content/posts/ only (postsDir \"posts\", inside the input folder), so it is not published. " +
  "Move posts/ into content/, or set postsDir to the folder inside content/ that holds the reports. [content-outside-input]";

/** One build in a process of its own; fails the test with Eleventy's output when it fails. */
function build(site: string, args: string[] = []): { site: BuiltSite; lines: string[] } {
  const output = tempOutput("guest");
  const run = runEleventy(site, output, {}, args);
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  return { site: readSite(output), lines: outputLines(run) };
}

/** Pagefind's records of the built index: each page's address and text. */
function indexed(site: BuiltSite): Array<{ url: string; content: string }> {
  return [...site.files.entries()]
    .filter(([file]) => file.startsWith("pagefind/fragment/"))
    .map(([, body]) => JSON.parse(body.slice(body.indexOf("{"))) as { url: string; content: string });
}

const attr = (doc: Document, selector: string, name: string) => doc.querySelector(selector)?.getAttribute(name) ?? undefined;

let dir: string;
let withPlugin: { site: BuiltSite; lines: string[] };
let withoutPlugin: BuiltSite;
before(() => {
  dir = copySite("guest-site");
  withPlugin = build(dir);
  withoutPlugin = build(dir, ["--config", "without-plugin.config.js"]).site;
});
after(() => {
  removeOutput(withPlugin.site);
  removeOutput(withoutPlugin);
  rmSync(dir, { recursive: true, force: true });
});

describe("includes outside the input folder (input content/, includes ../_includes)", () => {
  test("builds: the report through the host's layouts/post.njk (its own layout line), the digest through the shipped digest layout", () => {
    const report = withPlugin.site.page(REPORT);
    assert.equal(report.querySelector("article.host-post h1")?.textContent, "Guest report W05");
    assert.equal(report.querySelector("header")?.textContent, "Host site");
    // The host's content.11tydata.json names layouts/post.njk for its whole input folder: not the digest's own.
    const digest = withPlugin.site.page(DIGEST);
    assert.ok(digest.querySelector("article.digest"), "the digest is in the shipped digest layout (which imports layouts/macros.njk)");
    assert.equal(digest.querySelector("article.host-post"), null);
    assert.ok(!withPlugin.site.has("/_includes/layouts/post/") && ![...withPlugin.site.files.keys()].some((file) => file.includes("_includes")), "no shipped layout is written as a page");
  });

  test("the report in the host's layout is in the search index: a word only it has is found at its address", () => {
    const pages = indexed(withPlugin.site);
    const found = pages.filter((page) => page.content.replaceAll("\u200B", "").includes("zebrafinch"));
    assert.deepEqual(found.map((page) => page.url), [REPORT]);
    assert.ok(pages.some((page) => page.url === DIGEST));
    // Its <main> is marked, once.
    assert.equal(withPlugin.site.files.get("posts/2026-W05-guest-report/index.html")!.match(/data-pagefind-body/g)?.length, 1);
    assert.ok(withPlugin.site.page(REPORT).querySelector("main[data-pagefind-body]#skip"));
  });

  test("the report in the host's layout keeps its canonical address, social card and the weekly feed, beside the host's feed", () => {
    const report = withPlugin.site.page(REPORT);
    assert.equal(attr(report, 'link[rel="canonical"]', "href"), `${SITE_URL}${REPORT}`);
    assert.equal(attr(report, 'meta[property="og:url"]', "content"), `${SITE_URL}${REPORT}`);
    assert.equal(attr(report, 'meta[property="og:title"]', "content"), "Guest report W05");
    assert.equal(attr(report, 'meta[property="og:image"]', "content"), `${SITE_URL}/cards${REPORT}index.png`);
    assert.ok(withPlugin.site.has(`/cards${REPORT}index.png`), "the card it names is built");
    assert.equal(attr(report, 'meta[name="twitter:card"]', "content"), "summary_large_image");
    const feeds = Array.from(report.querySelectorAll('link[rel="alternate"]')).map((link) => link.getAttribute("href"));
    assert.deepEqual(feeds, ["/feed/feed.xml", `${SITE_URL}/feed.xml`, `${SITE_URL}/feed.json`]);
    assert.equal(report.querySelectorAll('link[rel="canonical"]').length, 1);
  });

  test("the host's own pages are byte for byte those of a build without the plugin", () => {
    for (const file of ["about/index.html", "blog/hello/index.html"]) {
      assert.ok(withoutPlugin.files.has(file), file);
      assert.equal(withPlugin.site.files.get(file), withoutPlugin.files.get(file), file);
    }
    assert.doesNotMatch(withPlugin.site.files.get("about/index.html")!, /og:|canonical|pagefind|guest\.example\.org/);
  });

  test("a report left in posts/ at the project root is a warning in the build, naming it and content/posts/", () => {
    assert.ok(withPlugin.lines.includes(`[weekly] ${OUTSIDE_WARNING}`), withPlugin.lines.join("\n"));
    assert.ok(!withPlugin.site.has("/posts/2026-W06-guest-report/"));
  });
});

/** `weekly check` and the plugin's check inside Eleventy (both in this process), as JSON problems without the catalogue's title and hint. */
async function bothChecks(site: string): Promise<{ command: unknown[]; eleventy: unknown[] }> {
  const command = await runWeeklyInProcess(site, ["check", "--format", "json"]);
  const eleventy = await eleventyCheck(site);
  const strip = (problems: Array<Record<string, unknown>>) => problems.map(({ title: _title, hint: _hint, ...problem }) => problem);
  return { command: strip((JSON.parse(command.stdout) as { problems: Array<Record<string, unknown>> }).problems), eleventy: eleventy.problems ?? [] };
}

describe("weekly check agrees with the build on a site whose includes are outside its input folder", () => {
  test("the same problems: the report outside the input folder, and a layout no folder has", async () => {
    const site = copySite("guest-site");
    try {
      writeFileSync(join(site, "content", "posts", "2026-W06-guest-report.md"), "---\ntitle: Guest report W06\ndate: 2026-02-05\nlayout: layouts/nope.njk\n---\n\nA report in a layout nobody has.\n");
      const { command, eleventy } = await bothChecks(site);
      assert.deepEqual(withoutZh(command), withoutZh(eleventy));
      const found = (command as Array<{ file: string; code: string }>).map(({ file, code }) => `${file} ${code}`);
      for (const expected of ["content/posts/2026-W06-guest-report.md unknown-layout", "posts/ content-outside-input"]) assert.ok(found.includes(expected), `${expected} in ${found.join(", ")}`);
      const check = await runWeeklyInProcess(site, ["check"]);
      assert.ok(check.stdout.split("\n").includes(OUTSIDE_WARNING), check.stdout);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe("dir.layouts outside the input folder (../_layouts) with only a base layout of the host's", () => {
  let site: string;
  let built: BuiltSite;
  before(() => {
    site = copySite("guest-site");
    renameSync(join(site, "_includes"), join(site, "_layouts"));
    rmSync(join(site, "_layouts", "layouts", "post.njk"));
    rmSync(join(site, "content", "blog"), { recursive: true });
    rmSync(join(site, "content", "content.11tydata.json"));
    // A host page that extends the shipped base layout by name, as a layout of the theme can be.
    writeFileSync(join(site, "content", "styled.njk"), '---\ntitle: Styled\n---\n{% extends "layouts/base.njk" %}\n');
    writeFileSync(
      join(site, "eleventy.config.js"),
      'import weekly from "eleventy-plugin-weekly";\nexport default function (eleventyConfig) {\n  eleventyConfig.addPlugin(weekly, { site: { title: "Guest Weekly", url: "https://guest.example.org" } });\n}\nexport const config = { dir: { input: "content", layouts: "../_layouts" } };\n',
    );
    built = build(site).site;
  });
  after(() => {
    removeOutput(built);
    rmSync(site, { recursive: true, force: true });
  });

  test("the report's layouts/post.njk is the shipped one (the host has none), inside the host's base layout, and indexed", () => {
    const report = built.page(REPORT);
    assert.equal(report.querySelector("article.report h1")?.textContent, "Guest report W05");
    assert.ok(report.querySelector("article.report time"), "the shipped post layout's macros (layouts/macros.njk) are imported");
    assert.equal(report.querySelector("header")?.textContent, "Host site");
    assert.deepEqual(indexed(built).filter((page) => page.content.includes("zebrafinch")).map((page) => page.url), [REPORT]);
    assert.equal(attr(report, 'meta[property="og:image"]', "content"), `${SITE_URL}/cards${REPORT}index.png`);
  });

  test("weekly check reads dir.layouts as the build does: a layout only the host's dir.layouts has is no problem in either", async () => {
    writeFileSync(join(site, "_layouts", "layouts", "custom.njk"), "---\nlayout: layouts/base.njk\n---\n{{ content | safe }}\n");
    writeFileSync(join(site, "content", "posts", "2026-W06-guest-report.md"), "---\ntitle: Guest report W06\ndate: 2026-02-05\nlayout: layouts/custom.njk\n---\n\nIn the host's own layout.\n");
    const { command, eleventy } = await bothChecks(site);
    assert.deepEqual(withoutZh(command), withoutZh(eleventy));
    const codes = (command as Array<{ code: string }>).map(({ code }) => code);
    assert.ok(codes.includes("content-outside-input"), codes.join(", "));
    assert.ok(!codes.includes("unknown-layout"), codes.join(", "));
  });

  test("a host page's {% extends \"layouts/base.njk\" %} finds the shipped base layout (Nunjucks reads the includes folder, then the theme, never dir.layouts)", () => {
    const styled = built.page("/styled/");
    assert.equal(styled.querySelector("title")?.textContent, "Styled · Guest Weekly");
  });
});
