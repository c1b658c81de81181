// The Eleventy plugin: reads its options, then wires each concern's functions into Eleventy.
import { installTrends } from "./trendsApi.js";
import { inLanguage } from "../core/show.js";
import type { EleventyConfig } from "./eleventyConfig.js";
import { optionError, resolveOptions, WEEKLY_PLUGIN, type WeeklyOptions } from "../core/options.js";
import { resolveBasePath } from "../core/basePath.js";
import { STAGES, WeeklyBuild } from "../pipeline/build.js";
import { registerStage } from "./stageHooks.js";
import { TemplateApi } from "./templateApi.js";
import { installMarkdownRules } from "../content/markdownRules.js";
import { createFrontMatterEngine } from "../content/frontMatter.js";
import { atomFeed } from "../present/atomFeed.js";
import type { CollectionItem, TagPage } from "../present/collections.js";
import { tagFeedTitle, tagFeedUrl } from "../present/tagPages.js";
import { FEED_STYLESHEET_URL, feedStylesheet } from "../present/feedStylesheet.js";
import { jsonFeed } from "../present/jsonFeed.js";
import { generatedPages, generatedPageUrls, navigation } from "../present/pages.js";
import { markNoindex } from "../present/preview.js";
import { EDITION_PAGE, editionUrl } from "../present/editionPages.js";
import { PREVIEW_EDITIONS } from "../editions/registry.js";
import { encodeUrl, xmlSafe } from "../core/safety.js";
import { posix } from "node:path";
import { DateTime } from "luxon";
import { formatChineseDate, formatIsoDate, parseSiteDate } from "../core/dates.js";
import { installTheme } from "./installTheme.js";
import { installOwnPageHead } from "./ownPageHead.js";
import { installCards } from "./cardFiles.js";
import { messageLanguage } from "../core/language.js";
import { wordBreakHtml } from "../content/wordBreaks.js";
import { installPreviewServer } from "./previewServer.js";
import { ignoreCache, installRebuildOnDelete } from "./previewWatch.js";
import { installPreviewPictures } from "./previewPictures.js";
import { installPreviewCopy } from "./previewCopy.js";
import { installGuest } from "./guest.js";
import { outputFolders } from "../content/outputFolders.js";

export type { WeeklyOptions, ResolvedOptions, SiteMetadata, Severity } from "../core/options.js";
export type { PageView, DateView, WeekView, TagView, PageLink, CardLink } from "../present/views.js";
export type { TagPage } from "../present/collections.js";
export type { TagPageEntry, PagerLink } from "../present/tagPages.js";
export { WeeklyError } from "../core/errors.js";
export { WeeklyCheckResult } from "./stageHooks.js";
export type { Problem } from "../core/errors.js";

/**
 * The Eleventy versions the plugin is built and tested against: 3.1 and later, and 4's prereleases
 * (the peer range of package.json, which test/plugin.test.ts keeps equal to this).
 */
const ELEVENTY_VERSIONS = ">=3.1.0 || >=4.0.0-alpha.0";

export default function weekly(eleventyConfig: EleventyConfig, options?: WeeklyOptions): void {
  // Eleventy's own check: an older Eleventy stops at once with both versions named.
  eleventyConfig.versionCheck?.(ELEVENTY_VERSIONS);
  const opts = resolveOptions(options);
  // Served from a folder (`--pathprefix=/blog/`, or a site.url with a path): every absolute URL
  // the plugin writes starts with site.url, so site.url carries that folder, and Eleventy's HTML
  // <base> plugin puts it once before every root-relative URL in the pages.
  const basePath = resolveBasePath(opts.site.url, eleventyConfig.pathPrefix);
  opts.site.url = `${new URL(opts.site.url).origin}${basePath}`;
  if (basePath !== "") eleventyConfig.addPlugin(eleventyConfig.resolvePlugin("@11ty/eleventy/html-base-plugin"), { baseHref: `${basePath}/` });
  const build = new WeeklyBuild(
    opts,
    eleventyConfig.directories.input,
    { info: (message) => console.log(message), warn: (message) => console.warn(`[weekly] ${message}`), error: (message) => console.error(`[weekly] ${message}`) },
    () => process.env,
    () => [...(eleventyConfig.dataExtensions?.keys() ?? [])],
  );
  // A page of the site at an address the plugin would generate a page at wins (guest.ts).
  const guest = installGuest(eleventyConfig, opts, (line) => console.log(`[weekly] ${line}`));
  const api = new TemplateApi(build, opts, eleventyConfig.directories.input, () => !guest.yieldsTags());

  // The shipped theme, for every layout the site lacks; every layout the options name must exist.
  const theme = installTheme(eleventyConfig, opts);
  for (const [name, layout] of Object.entries(opts.layouts)) {
    if (layout !== false && !theme.layoutExists(layout)) throw optionError(`layouts.${name}`, layout, `a layout of the site's ${opts.layoutsDir}/ folder or of the shipped theme, or false`);
  }
  // Reading: dates stay text until the plugin reads them in the site's zone. JSON front matter
  // (`---json`) is data too, read and checked the same way; JavaScript front matter (`---js`) in a
  // report or digest is refused before Eleventy reads it (see pipeline/start.ts).
  // Only reports and digests: any other page is read with the site's own engine, as without the plugin.
  // Taken now: the object is merged into (and its engines replaced) by the call below.
  const { yaml: siteYaml, json: siteJson } = eleventyConfig.frontMatterParsingOptions?.engines ?? {};
  const owns = api.owns;
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: createFrontMatterEngine(theme.layoutExists, "yaml", { owns, parse: siteYaml }),
      json: createFrontMatterEngine(theme.layoutExists, "json", { owns, parse: siteJson }),
    },
  });
  eleventyConfig.ignores.add(posix.join(eleventyConfig.directories.input, opts.layoutsDir, "**"));
  // An earlier build's output folder (`--output=dist` once) is never input: its pages would be
  // published again under /dist/. `weekly check` skips the same folders (content/siteFiles.ts).
  for (const folder of outputFolders(".", eleventyConfig.directories.input)) eleventyConfig.ignores.add(`${folder}/**`);

  // Markdown: heading ids, no repeated title, links to source files become page URLs.
  // Responsive images: `![…](chart.png)` becomes a <picture> (api.picture, from the plan the
  // analysis made); its variants are written when the build settles (pipeline/imageVariants.ts).
  eleventyConfig.amendLibrary("md", (md) => {
    installMarkdownRules(md, api);
    build.useMarkdown(md);
  });
  // Transforms act on the plugin's own outputs only: the site's other pages are written as they are.
  eleventyConfig.addTransform("weekly-noindex", function (this: { page: { inputPath: string; outputPath: unknown } }, html: string) {
    const isPage = typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html");
    return isPage && api.isPluginOutput(this.page.inputPath) && api.needsNoindex(this.page.inputPath) ? markNoindex(html) : html;
  });
  // A report, digest or generated page in the host's layout keeps its head and its place in the search index.
  installOwnPageHead(eleventyConfig, opts, api);
  // Feeds and the sitemap: a control character in a title would make the whole file unreadable XML.
  eleventyConfig.addTransform("weekly-xml", function (this: { page: { inputPath: string; outputPath: unknown } }, content: string) {
    const isXml = typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".xml");
    return isXml && api.isPluginOutput(this.page.inputPath) ? xmlSafe(content) : content;
  });

  // The build's stages, each on its event or hook (pipeline/build.ts): start, admit (a page not yet
  // published dropped before it gets a URL), dates (a report's or digest's, in the site's zone),
  // analyse, passthrough, settle. A shipped layout is never a page, even when the includes folder
  // is the input folder.
  for (const stage of STAGES) registerStage(eleventyConfig, build, stage, theme.isShippedLayout);

  // The lists layouts read, as filters of `collections.all`: the plugin adds no collection, so a
  // site's tag list made of the keys of `collections` shows only the site's tags.
  eleventyConfig.addFilter("weeklyReports", api.reports);
  eleventyConfig.addFilter("weeklyDigests", api.digests);
  eleventyConfig.addFilter("weeklyTags", api.tags);
  eleventyConfig.addFilter("weeklyTagPages", api.tagPages);
  eleventyConfig.addFilter("weeklyArchive", api.archive);
  eleventyConfig.addGlobalData("weekly", {
    site: opts.site,
    tagsPath: opts.tagsPath,
    /** The URLs of the pages the plugin adds, or false for those the site left out. */
    pages: generatedPageUrls(opts),
    /** The header's links: the plugin's list pages, then the site's `nav` option. */
    nav: navigation(opts),
    feeds: opts.feeds,
  });
  eleventyConfig.addFilter("weeklyPage", api.view);
  eleventyConfig.addFilter("weeklyDate", (value: unknown) => withDate(value, opts.timezone, formatChineseDate));
  // A title as HTML that breaks between words only (content/wordBreaks.ts): `{{ view.title | weeklyWords | safe }}`.
  eleventyConfig.addFilter("weeklyWords", (text: unknown) => (typeof text === "string" ? `<span class="weekly-words">${wordBreakHtml(text)}</span>` : ""));
  eleventyConfig.addFilter("weeklyEncodeUrl", (url: unknown) => (typeof url === "string" ? encodeUrl(url) : ""));
  eleventyConfig.addFilter("weeklyIsoDate", (value: unknown) => withDate(value, opts.timezone, formatIsoDate));

  // Pages the plugin adds: home, tag pages, tag index.
  const trends = installTrends(eleventyConfig, opts, api);
  for (const page of generatedPages(opts, guest.place, { tagPages: api.tagPages, yearPages: trends.yearPages })) eleventyConfig.addTemplate(page.path, page.content, page.data);
  eleventyConfig.addNunjucksGlobal("weeklySitemap", api.sitemap);

  // A preview's edition pages of each report (email, WeChat), with their 复制 button; a
  // production build gives them no address.
  eleventyConfig.addFilter("weeklyEdition", api.edition);
  for (const { name: format } of PREVIEW_EDITIONS) {
    eleventyConfig.addTemplate(`weekly-plugin/edition-${format}.njk`, EDITION_PAGE, {
      pagination: { data: "collections.all", before: api.editionReports, size: 1, alias: "report", addAllPagesToCollections: false },
      layout: false,
      eleventyExcludeFromCollections: true,
      editionFormat: format,
      eleventyComputed: { permalink: (data: { report?: { url?: string } }) => (data.report?.url ? editionUrl(data.report.url, format) : false) },
    });
  }

  // The preview (`--serve`) listens on this machine only, unless the site or WEEKLY_SERVE_HOST
  // opens it, and answers a path that cannot be decoded or leaves the site with 400.
  installPreviewServer(eleventyConfig, process.env, (message) => console.warn(`[weekly] ${message}`), messageLanguage(opts.site.language, process.env.WEEKLY_LANG));
  // A file deleted while previewing rebuilds it, as a save does; what the plugin caches does not.
  const language = messageLanguage(opts.site.language, process.env.WEEKLY_LANG);
  installRebuildOnDelete(process.env, (message) => console.warn(`[weekly] ${inLanguage(message, language)}`));
  ignoreCache(eleventyConfig, opts.cacheDir);
  // A picture's variants the cache lacks are encoded when the preview's page asks for them, not while it rebuilds.
  installPreviewPictures(eleventyConfig, build, basePath, process.env, (message) => console.warn(`[weekly] ${inLanguage(message, language)}`));
  // What the preview wrote stays served after a production build of the same folder removed it.
  installPreviewCopy(eleventyConfig, build, process.env);

  // Social cards: a PNG for each report and the home page, named by their og:image, put into the output folder while Eleventy renders (cardFiles.ts).
  installCards(eleventyConfig, opts, build, api, () => process.env, guest.place);

  // Feeds of the reports, with absolute URLs from the site's address and full content, written by
  // the plugin (see atomFeed.ts and jsonFeed.ts).
  // What both feeds say of a report: the moment it went live, and its summary (its description, or the excerpt made for it).
  const facts = (item: CollectionItem) => ({ published: liveMoment(item, opts.timezone), summary: api.view(item)?.description ?? "" });
  if (opts.feeds.atom !== false) {
    const feedUrl = opts.feeds.atom;
    // Named from the host: Eleventy's <base> plugin leaves XML alone, so the site's folder is written here.
    const stylesheet = encodeUrl(`${basePath}${FEED_STYLESHEET_URL}`);
    eleventyConfig.addNunjucksGlobal("weeklyAtomFeed", (items: CollectionItem[]) => atomFeed(items, opts, { url: feedUrl, page: "/", stylesheet }, facts));
    eleventyConfig.addTemplate("weekly-plugin/feed-atom.njk", "{{ weeklyAtomFeed(collections.all | weeklyReports) | safe }}", {
      eleventyImport: { collections: ["all"] },
      eleventyComputed: { permalink: () => guest.place(feedUrl) },
      layout: false,
      eleventyExcludeFromCollections: true,
    });
    // Each tag's feed, beside its first page: a reader can follow one topic.
    if (opts.layouts.tag !== false) {
      const place = (tag: TagPage) => ({ url: tagFeedUrl(tag.url), page: tag.url, title: tagFeedTitle(opts.site.title, tag.name), stylesheet });
      eleventyConfig.addNunjucksGlobal("weeklyTagAtomFeed", (tag: TagPage) => atomFeed(tag.reports, opts, place(tag), facts));
      eleventyConfig.addTemplate("weekly-plugin/feed-atom-tag.njk", "{{ weeklyTagAtomFeed(tag) | safe }}", {
        pagination: { data: "collections.all", before: api.tags, size: 1, alias: "tag", addAllPagesToCollections: false },
        layout: false,
        eleventyExcludeFromCollections: true,
        eleventyComputed: { permalink: (data: { tag?: TagPage }) => (data.tag ? guest.place(tagFeedUrl(data.tag.url)) : false) },
      });
    }
    // What a browser shows for a feed (feedStylesheet.ts), in the site's stylesheet.
    eleventyConfig.addNunjucksGlobal("weeklyFeedStylesheet", feedStylesheet);
    eleventyConfig.addTemplate("weekly-plugin/feed-xsl.njk", "{{ weeklyFeedStylesheet(weeklyStylesheet()) | safe }}", {
      eleventyComputed: { permalink: () => guest.place(FEED_STYLESHEET_URL) },
      layout: false,
      eleventyExcludeFromCollections: true,
    });
  }
  if (opts.feeds.json !== false) {
    const feedUrl = opts.feeds.json;
    eleventyConfig.addNunjucksGlobal("weeklyJsonFeed", (items: Parameters<typeof jsonFeed>[0]) => jsonFeed(items, opts, feedUrl, (item) => facts(item).summary));
    eleventyConfig.addTemplate("weekly-plugin/feed-json.njk", "{{ weeklyJsonFeed(collections.all | weeklyReports) | safe }}", {
      eleventyImport: { collections: ["all"] },
      eleventyComputed: { permalink: () => guest.place(feedUrl) },
      layout: false,
      eleventyExcludeFromCollections: true,
    });
  }
}

Object.defineProperty(weekly, WEEKLY_PLUGIN, { value: true });

/** The moment a report went live: its `scheduled` moment when it has one, else its date. */
function liveMoment(item: CollectionItem, zone: string): Date {
  return parseSiteDate(item.data.scheduled, zone)?.dateTime.toJSDate() ?? item.date;
}

/** A Date is an instant, shown in the site's zone; a string is read as front matter would be. */
function withDate(value: unknown, zone: string, format: (d: DateTime) => string): string {
  if (value instanceof Date) return format(DateTime.fromJSDate(value, { zone }));
  const parsed = parseSiteDate(value, zone);
  return parsed ? format(parsed.dateTime) : "";
}
