// The shipped theme fills in the layouts a site does not have, where Eleventy looks for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { layoutsRootOf, missingLayouts, siteTheme, virtualLayoutPath } from "../src/present/theme.js";

const SHIPPED = [
  { name: "base.njk", text: "<html>{{ content | safe }}</html>\n" },
  { name: "post.njk", text: "---\nlayout: layouts/base.njk\n---\n<article>{{ content | safe }}</article>\n" },
  { name: "style.css", text: "body {}\n" },
];

const cases: Array<{ name: string; input?: string; includes: string; layoutsDir: string; site: string[]; expected: Array<{ layout: string; virtualPath: string; parent?: string }> }> = [
  {
    name: "a site with no layouts gets every shipped layout in its includes folder, and no stylesheet as a layout",
    includes: "_includes",
    layoutsDir: "layouts",
    site: [],
    expected: [
      { layout: "layouts/base.njk", virtualPath: "_includes/layouts/base.njk" },
      { layout: "layouts/post.njk", virtualPath: "_includes/layouts/post.njk", parent: "layout: layouts/base.njk" },
    ],
  },
  {
    name: "a site's own layout of the same name wins; the others are still shipped",
    includes: "_includes",
    layoutsDir: "layouts",
    site: ["layouts/post.njk"],
    expected: [{ layout: "layouts/base.njk", virtualPath: "_includes/layouts/base.njk" }],
  },
  {
    name: "with the includes folder at the top of the site (the blog's setup), layouts/ itself",
    includes: "",
    layoutsDir: "layouts",
    site: ["layouts/base.njk"],
    expected: [{ layout: "layouts/post.njk", virtualPath: "layouts/post.njk", parent: "layout: layouts/base.njk" }],
  },
  {
    name: "a site whose layouts folder has another name gets the layouts under that name, naming each other by it",
    includes: "_includes",
    layoutsDir: "theme",
    site: [],
    expected: [
      { layout: "theme/base.njk", virtualPath: "_includes/theme/base.njk" },
      { layout: "theme/post.njk", virtualPath: "_includes/theme/post.njk", parent: "layout: theme/base.njk" },
    ],
  },
  {
    name: "includes outside the input folder (input content/, includes ../_includes, as eleventy-base-blog): the name Eleventy asks for is the path from the project",
    input: "content",
    includes: "_includes",
    layoutsDir: "layouts",
    site: [],
    expected: [
      { layout: "layouts/base.njk", virtualPath: "_includes/layouts/base.njk" },
      { layout: "layouts/post.njk", virtualPath: "_includes/layouts/post.njk", parent: "layout: layouts/base.njk" },
    ],
  },
  {
    name: "includes inside the input folder content/: the path with content/ taken off",
    input: "content",
    includes: "content/_includes",
    layoutsDir: "layouts",
    site: ["layouts/post.njk"],
    expected: [{ layout: "layouts/base.njk", virtualPath: "_includes/layouts/base.njk" }],
  },
  {
    name: "dir.layouts (content/_layouts): the layouts go there, not in the includes folder",
    input: "./content/",
    includes: "content/_layouts",
    layoutsDir: "layouts",
    site: [],
    expected: [
      { layout: "layouts/base.njk", virtualPath: "_layouts/layouts/base.njk" },
      { layout: "layouts/post.njk", virtualPath: "_layouts/layouts/post.njk", parent: "layout: layouts/base.njk" },
    ],
  },
  {
    name: "a site with every layout gets none",
    includes: "",
    layoutsDir: "layouts",
    site: ["layouts/base.njk", "layouts/post.njk"],
    expected: [],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const layouts = missingLayouts(SHIPPED, c.input ?? ".", c.includes, c.layoutsDir, (layout) => c.site.includes(layout));
    assert.deepEqual(layouts.map(({ layout, virtualPath }) => ({ layout, virtualPath })), c.expected.map(({ layout, virtualPath }) => ({ layout, virtualPath })));
    for (const [index, expected] of c.expected.entries()) {
      if (expected.parent) assert.match(layouts[index]!.content, new RegExp(`^---\\n${expected.parent}\\n---`));
    }
  });
}

// Eleventy 3.1 names a layout's virtual template by its path from the project with the input
// folder stripped (ProjectDirectories#getLayoutPathRelativeToInputDirectory).
const virtualNames: Array<[string, string, string]> = [
  [".", "_includes/layouts/post.njk", "_includes/layouts/post.njk"],
  ["content", "content/_includes/layouts/post.njk", "_includes/layouts/post.njk"],
  ["./content/", "_includes/layouts/post.njk", "_includes/layouts/post.njk"],
  ["content", "./_layouts/layouts/post.njk", "_layouts/layouts/post.njk"],
  ["src/site", "src/layouts/post.njk", "src/layouts/post.njk"],
];
for (const [input, layoutPath, expected] of virtualNames) {
  test(`virtualLayoutPath(${JSON.stringify(input)}, ${JSON.stringify(layoutPath)}) → ${expected}`, () => {
    assert.equal(virtualLayoutPath(input, layoutPath), expected);
  });
}

const roots: Array<[{ input: string; includes: string; layouts?: string }, string]> = [
  [{ input: ".", includes: "_includes" }, "_includes"],
  [{ input: ".", includes: "" }, "."],
  [{ input: "content", includes: "../_includes" }, "_includes"],
  [{ input: "content", includes: "_includes" }, "content/_includes"],
  [{ input: "content", includes: "../_includes", layouts: "_layouts" }, "content/_layouts"],
  [{ input: "content", includes: "_includes", layouts: "../_layouts" }, "_layouts"],
];
for (const [folders, expected] of roots) {
  test(`layoutsRootOf(${JSON.stringify(folders)}) → ${expected}`, () => {
    assert.equal(layoutsRootOf(folders), expected);
  });
}

test("with includes outside the input folder, a shipped layout exists where Eleventy reads layouts, and its stray page path is known to be dropped", () => {
  const theme = siteTheme("content", "_includes", { layoutsDir: "layouts", postsDir: "posts", digestsDir: "weekly_news" }, SHIPPED);
  assert.equal(theme.layoutExists("layouts/post.njk"), true);
  assert.equal(theme.layoutExists("layouts/post"), true);
  assert.equal(theme.layoutExists("layouts/missing.njk"), false);
  assert.deepEqual([...theme.paths], ["_includes/layouts/base.njk", "_includes/layouts/post.njk"]);
  assert.deepEqual([...theme.pagePaths], ["content/_includes/layouts/base.njk", "content/_includes/layouts/post.njk"]);
});
