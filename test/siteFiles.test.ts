// A site's pages found and read as Eleventy would, without Eleventy.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DEFAULT_TEMPLATE_FORMATS, mergeData, pageUrl, readSitePages, type SiteFolders } from "../src/content/siteFiles.js";
import { createFrontMatterEngine } from "../src/content/frontMatter.js";

describe("pageUrl: the address Eleventy gives a page", () => {
  const cases: Array<[string, unknown, string | false]> = [
    ["posts/2026-W06-ai-weekly.md", undefined, "/posts/2026-W06-ai-weekly/"],
    ["posts/index.md", undefined, "/posts/"],
    ["index.njk", undefined, "/"],
    ["about.html", undefined, "/about/"],
    ["feed.11ty.js", undefined, "/feed/"],
    ["weekly_news/ai_news_2026-W06.md", "/news/w06/", "/news/w06/"],
    ["about.md", "about-us/index.html", "/about-us/"],
    ["about.md", "/about-us/index", "/about-us/"],
    ["feed.md", "/feed.xml", "/feed.xml"],
    ["posts/posts.md", undefined, "/posts/"],
    ["about.md", "  /about-us/ ", "/about-us/"],
    ["about.md", false, false],
    ["about.md", "/{{ page.fileSlug }}/", "/about/"],
    ["about.md", "", "/about/"],
    ["posts/周报.md", undefined, "/posts/周报/"],
    ["posts/v1.2.md", undefined, "/posts/v1.2/"],
    ["feed.11ty.js", undefined, "/feed/"],
    ["about.md", { build: "/about-us/" }, "/about-us/"],
    ["about.md", { build: false }, false],
    ["about.md", { serverless: "/about/" }, false],
  ];
  for (const [path, permalink, url] of cases) {
    test(`${path} with permalink ${JSON.stringify(permalink)} → ${url}`, () => assert.equal(pageUrl(path, permalink), url));
  }
});

describe("mergeData: Eleventy's deep merge", () => {
  const cases: Array<[string, Array<Record<string, unknown>>, Record<string, unknown>]> = [
    ["the later value wins", [{ draft: true }, { draft: false }], { draft: false }],
    ["lists are joined", [{ tags: ["AI"] }, { tags: ["代理"] }], { tags: ["AI", "代理"] }],
    ["objects merge key by key", [{ site: { a: 1, b: 1 } }, { site: { b: 2 } }], { site: { a: 1, b: 2 } }],
    ["a list replaces a text", [{ tags: "AI" }, { tags: ["代理"] }], { tags: ["代理"] }],
    ["nothing", [], {}],
  ];
  for (const [name, layers, merged] of cases) test(name, () => assert.deepEqual(mergeData(...layers), merged));
  test("the layers are left as they were", () => {
    const low = { tags: ["AI"] };
    mergeData(low, { tags: ["代理"] });
    assert.deepEqual(low, { tags: ["AI"] });
  });
});

describe("readSitePages", () => {
  const root = mkdtempSync(join(tmpdir(), "weekly-site-files-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const folders: SiteFolders = {
    root,
    input: ".",
    includes: "_includes",
    data: "_data",
    output: "_site",
    ignores: ["drafts/**"],
    templateFormats: [...DEFAULT_TEMPLATE_FORMATS],
    dataExtensions: ["json"],
    useGitIgnore: true,
  };
  const engine = createFrontMatterEngine(() => true);
  const engines = { yaml: engine, json: createFrontMatterEngine(() => true, "json") };
  write("posts/2026-W06.md", "---\ntitle: 周报\n---\n\n正文\n");
  write("posts/posts.json", '{ "tags": ["AI"], "layout": "layouts/post.njk" }');
  write("posts/posts.11tydata.json", '{ "tags": ["周报"] }');
  write("posts/2026-W06.json", '{ "description": "from the template data file" }');
  write("posts/2026-W06.11tydata.json", '{ "description": "from the template data file, 11tydata" }');
  write("notes/notes.json", '{ "tags": "weekly,notes" }');
  write("notes/v1.2.md", "---\ntags: [x, weekly]\n---\n正文\n");
  write("notes/v1.2.json", '{ "description": "the data file of v1.2.md" }');
  const marker = join(root, "ran");
  write("posts/2026-W07.md", `---js\n{ title: (require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"), "ran") }\n---\n正文\n`);
  write("about.njk", "---\npermalink: /about-us/\n---\nhi\n");
  write("_includes/layouts/post.njk", "{{ content }}");
  write("_site/posts/old/index.html", "built");
  write("node_modules/pkg/readme.md", "# a package");
  write("drafts/later.md", "draft");
  write("notes.txt", "not a template");
  write("private/secret.md", "secret");
  write(".gitignore", "private\n");
  const pages = readSitePages(folders, engines);

  test("templates of the site's formats, outside what Eleventy ignores, sorted by path", () => {
    assert.deepEqual(pages.map((p) => p.inputPath), ["./about.njk", "./notes/v1.2.md", "./posts/2026-W06.md", "./posts/2026-W07.md"]);
  });
  test("data: folder data, then template data files, then front matter; 11tydata above plain", () => {
    const w06 = pages.find((p) => p.inputPath === "./posts/2026-W06.md")!;
    assert.deepEqual(
      { title: w06.data.title, tags: w06.data.tags, layout: w06.data.layout, description: w06.data.description },
      { title: "周报", tags: ["AI", "周报"], layout: "layouts/post.njk", description: "from the template data file, 11tydata" },
    );
    assert.equal(w06.body, "\n正文\n");
  });
  test("tags as Eleventy cleans them before the merge: text split at commas, each layer without repeats; a dotted name's own data file", () => {
    const page = pages.find((p) => p.inputPath === "./notes/v1.2.md")!;
    assert.deepEqual(page.data.tags, ["weekly", "notes", "x", "weekly"]);
    assert.equal(page.data.description, "the data file of v1.2.md");
  });
  test("JavaScript front matter is never run", () => {
    assert.equal(existsSync(marker), false);
    assert.equal(pages.find((p) => p.inputPath === "./posts/2026-W07.md")!.data.title, undefined);
  });
  test.after(() => rmSync(root, { recursive: true, force: true }));
});
