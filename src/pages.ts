// The pages the plugin adds to a site: the home page, one page per tag and the tag index.
import type { ResolvedOptions } from "./options.js";

export interface GeneratedPage {
  /** Virtual input path; never a file on disk. */
  path: string;
  data: Record<string, unknown>;
}

/** The generated pages a site asked for; a layout option set to `false` leaves its page out. */
export function generatedPages(opts: ResolvedOptions): GeneratedPage[] {
  const pages: GeneratedPage[] = [];
  const { home, tag, tagIndex } = opts.layouts;
  const common = { eleventyExcludeFromCollections: true, templateEngineOverride: "njk" };
  if (home !== false) {
    pages.push({ path: "weekly-plugin/home.njk", data: { ...common, layout: home, permalink: "/", title: opts.site.title } });
  }
  if (tag !== false) {
    pages.push({
      path: "weekly-plugin/tag.njk",
      data: {
        ...common,
        layout: tag,
        pagination: { data: "collections.weeklyTags", size: 1, alias: "tag", addAllPagesToCollections: false },
        permalink: `/${opts.tagsPath}/{{ tag.slug }}/`,
        eleventyComputed: { title: "标签：{{ tag.name }}" },
      },
    });
  }
  if (tagIndex !== false) {
    pages.push({ path: "weekly-plugin/tags.njk", data: { ...common, layout: tagIndex, permalink: `/${opts.tagsPath}/`, title: "全部标签" } });
  }
  return pages;
}
