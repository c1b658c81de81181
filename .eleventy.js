// This blog's Eleventy configuration: the weekly plugin, loaded from its TypeScript source so that
// `npx eleventy` always runs the current code (tsx compiles it in memory; nothing stale on disk).
import { register } from "tsx/esm/api";

register();
const { default: weekly } = await import("./src/index.ts");

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
