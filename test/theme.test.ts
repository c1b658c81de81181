// The shipped theme fills in the layouts a site does not have, where Eleventy looks for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingLayouts } from "../src/present/theme.js";

const SHIPPED = [
  { name: "base.njk", text: "<html>{{ content | safe }}</html>\n" },
  { name: "post.njk", text: "---\nlayout: layouts/base.njk\n---\n<article>{{ content | safe }}</article>\n" },
  { name: "style.css", text: "body {}\n" },
];

const cases: Array<{ name: string; includes: string; layoutsDir: string; site: string[]; expected: Array<{ layout: string; virtualPath: string; parent?: string }> }> = [
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
    name: "a site with every layout gets none",
    includes: "",
    layoutsDir: "layouts",
    site: ["layouts/base.njk", "layouts/post.njk"],
    expected: [],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const layouts = missingLayouts(SHIPPED, c.includes, c.layoutsDir, (layout) => c.site.includes(layout));
    assert.deepEqual(layouts.map(({ layout, virtualPath }) => ({ layout, virtualPath })), c.expected.map(({ layout, virtualPath }) => ({ layout, virtualPath })));
    for (const [index, expected] of c.expected.entries()) {
      if (expected.parent) assert.match(layouts[index]!.content, new RegExp(`^---\\n${expected.parent}\\n---`));
    }
  });
}
