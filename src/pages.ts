// The pages the plugin adds to a site: home, archive, tag pages and index, digest index, search,
// 404, and the sitemap and robots.txt.
import type { ResolvedOptions } from "./options.js";

export interface GeneratedPage {
  /** Virtual input path; never a file on disk. */
  path: string;
  /** The template; most pages are all layout. */
  content: string;
  data: Record<string, unknown>;
}

const SITEMAP = `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for entry in weeklySitemap() %}
  <url><loc>{{ entry.loc }}</loc>{% if entry.lastmod %}<lastmod>{{ entry.lastmod }}</lastmod>{% endif %}</url>
{%- endfor %}
</urlset>
`;

const ROBOTS = `User-agent: *
Allow: /

Sitemap: {{ weekly.site.url }}/sitemap.xml
`;

/** The generated pages a site asked for; a layout option set to `false` leaves its page out. */
export function generatedPages(opts: ResolvedOptions): GeneratedPage[] {
  const pages: GeneratedPage[] = [];
  const { home, tag, tagIndex, archive, digestIndex, search, notFound } = opts.layouts;
  const common = { eleventyExcludeFromCollections: true, templateEngineOverride: "njk" };
  const page = (name: string, layout: string | false, permalink: string, title: string, more: Record<string, unknown> = {}) => {
    if (layout !== false) pages.push({ path: `weekly-plugin/${name}.njk`, content: "", data: { ...common, layout, permalink, title, ...more } });
  };
  page("home", home, "/", opts.site.title);
  if (tag !== false) {
    pages.push({
      path: "weekly-plugin/tag.njk",
      content: "",
      data: {
        ...common,
        layout: tag,
        pagination: { data: "collections.weeklyTags", size: 1, alias: "tag", addAllPagesToCollections: false },
        permalink: `/${opts.tagsPath}/{{ tag.slug }}/`,
        // A function, not a template string: a template would escape the name once here and the
        // layout would escape it again.
        eleventyComputed: { title: (data: { tag?: { name?: string } }) => `标签：${data.tag?.name ?? ""}` },
      },
    });
  }
  page("tags", tagIndex, `/${opts.tagsPath}/`, "全部标签");
  page("archive", archive, "/archive/", "归档");
  page("digests", digestIndex, `/${opts.digestsDir}/`, "每周新闻摘要");
  if (opts.searchIndex) page("search", search, "/search/", "搜索");
  page("404", notFound, "/404.html", "页面不存在", { noindex: true });
  if (opts.sitemap) {
    pages.push({ path: "weekly-plugin/sitemap.njk", content: SITEMAP, data: { ...common, permalink: "/sitemap.xml", layout: false } });
    pages.push({ path: "weekly-plugin/robots.njk", content: ROBOTS, data: { ...common, permalink: "/robots.txt", layout: false } });
  }
  return pages;
}

/** Where the generated pages are, for links in layouts; false for a page the site left out. */
export function generatedPageUrls(opts: ResolvedOptions): Record<"home" | "archive" | "tagIndex" | "digestIndex" | "search", string | false> {
  const { home, archive, tagIndex, digestIndex, search } = opts.layouts;
  return {
    home: home === false ? false : "/",
    archive: archive === false ? false : "/archive/",
    tagIndex: tagIndex === false ? false : `/${opts.tagsPath}/`,
    digestIndex: digestIndex === false ? false : `/${opts.digestsDir}/`,
    search: search === false || !opts.searchIndex ? false : "/search/",
  };
}
