// This blog's Eleventy configuration: the weekly plugin from this repository, compiled (dist/) when
// `npm run compile` ran after the last change to src/, else from its TypeScript source through tsx,
// so that `npx eleventy` always runs the current code (src/cli/compiled.js).
import { fileURLToPath } from "node:url";
import { compiledIsCurrent } from "./src/cli/compiled.js";

const { default: weekly } = compiledIsCurrent(fileURLToPath(new URL(".", import.meta.url)))
  ? await import("./dist/index.js")
  : await import("tsx/esm/api").then(({ register }) => (register(), import("./src/index.ts")));

export default function (eleventyConfig) {
  // The project's own files that are not pages of the site.
  for (const glob of ["README.md", "docs/**", "test/**", "src/**", "dist/**"]) {
    eleventyConfig.ignores.add(glob);
  }

  eleventyConfig.addPlugin(weekly, {
    timezone: "Asia/Shanghai",
    site: {
      title: "AI 周报",
      description: "每周一期的中文人工智能周报：模型、代理、产业、算力与治理，附当周新闻摘要。",
      url: "https://weekly.example.org",
      language: "zh-CN",
      author: "Jeremy",
    },
    // What `npx weekly new` writes: a Thursday report tagged like the others.
    newWeek: { tags: ["AI", "Jeremy"] },
  });
}

// Input `.` and output `_site` are Eleventy's defaults, left unset so that `--output` can change them.
export const config = {
  dir: {
    // Layouts are named from the project root (`layout: layouts/post.njk`), so includes are too.
    includes: "",
  },
  markdownTemplateEngine: false,
};
