// What layouts and Markdown rendering read of the build: filters, collections and globals, all
// answered from the build's analysis, made once per build.
import { inChinese } from "../core/show.js";
import { DateTime } from "luxon";
import { isoWeekOf, formatIsoDate } from "../core/dates.js";
import { GENERATED_FOLDER, pageAddresses } from "../core/addresses.js";
import { allowsRawHtml, isOwnPage, kindOf } from "../core/kinds.js";
import type { ResolvedOptions } from "../core/options.js";
import { encodeUrl } from "../core/safety.js";
import { pageStem, resolveReference } from "../content/references.js";
import { inputRelative } from "../content/body.js";
import { imageSizeReader } from "../content/imageSize.js";
import { pictureHtml, type PictureText } from "../content/images.js";
import type { WeeklyBuild, BuildState } from "../pipeline/build.js";
import { sortByWeekDescending, sortNewestFirst, tagPages, type CollectionItem, type TagPage } from "../present/collections.js";
import { pageView, type PageView } from "../present/views.js";
import { paginateTags, tagFeedTitle, tagFeedUrl, type TagPageEntry } from "../present/tagPages.js";
import { relatedInputs, relatedReports, sameRelatedInputs, type RelatedInput } from "../content/related.js";
import type { AnalysedPage, SiteIndex } from "../content/pageTypes.js";
import { clipboardJson, editionLinks } from "../present/editionPages.js";
import { editionReport } from "../editions/fromPage.js";
import { PREVIEW_EDITIONS } from "../editions/registry.js";
import { textEdition } from "../editions/text.js";
import { cardLink } from "../cards/cardPages.js";

/** The newest reports a preview makes edition pages for. */
const PREVIEW_EDITION_REPORTS = 10;
/** Editions kept between a preview's rebuilds: two per report with edition pages, with room. */
const EDITIONS_KEPT = 200;

/**
 * The site's pages, as Eleventy gives them: `collections.all` (in a layout, a filter or a
 * pagination's `before`), or a collection function's API. The plugin adds no collection of its
 * own: a site that lists the keys of `collections` as its tags (eleventy-base-blog does) would show
 * each as a tag, with a page.
 */
type SitePages = readonly CollectionItem[] | { getAll(): CollectionItem[] };

export class TemplateApi {
  readonly #build: WeeklyBuild;
  readonly #opts: ResolvedOptions;
  readonly #inputDir: string;
  /** A page's view is asked for by its layouts and by every list it appears in: made once per build. */
  #views = new WeakMap<BuildState, Map<string, PageView | undefined>>();
  /** State that outlives a build: the related reports, chosen again only when a report they are chosen from changed. */
  #related: { inputs: RelatedInput[]; chosen: Map<string, string[]>; site: SiteIndex } | undefined;
  /** State that outlives a build: the preview's editions, by format, report and rendered body. */
  #editions = new Map<string, { html: string; text: string; label: string; document: boolean; title: string; links: Array<{ label: string; url: string }>; json: string; removed: string[] }>();

  /** Whether a report's tags link to the plugin's tag pages (not when the site has its own: guest.ts). */
  readonly #linksTags: () => boolean;

  constructor(build: WeeklyBuild, opts: ResolvedOptions, inputDir: string, linksTags: () => boolean = () => true) {
    this.#linksTags = linksTags;
    this.#build = build;
    this.#opts = opts;
    this.#inputDir = inputDir;
  }

  #relative(inputPath: string): string {
    return inputRelative(inputPath, this.#inputDir);
  }

  /** markdown-it's parse: raw HTML kept in reports, shown as text in digests (by default). */
  allowsHtml = (inputPath: string): boolean | undefined => allowsRawHtml(kindOf(this.#relative(inputPath), this.#opts), this.#opts);

  /** markdown-it's rules: whether a page is the plugin's own (a report or a digest). */
  owns = (inputPath: string): boolean => isOwnPage(this.#relative(inputPath), this.#opts);

  /** Transforms: whether an output is the plugin's (its own page, or one it generates); any other is the site's, left as it is. */
  isPluginOutput = (inputPath: string): boolean => this.owns(inputPath) || this.#relative(inputPath).startsWith(`${GENERATED_FOLDER}/`);

  /** markdown-it's link and image rules: the published URL of a source-relative link to a page or file. */
  rewriteHref = (inputPath: string, href: string): string | undefined => {
    const site = this.#build.latest?.site;
    const path = this.#relative(inputPath);
    const analysed = site?.pages.get(path);
    if (analysed || !site) return analysed?.rewrites.get(href);
    const resolution = resolveReference(href, { fromInputPath: path, pages: site.lookup });
    return resolution.kind === "page" || resolution.kind === "file" ? resolution.href : undefined;
  };

  /** markdown-it's image rule: a picture of the site as its plan makes it (responsive, with its size). */
  picture = (inputPath: string, src: string, text: PictureText): string | undefined => {
    const site = this.#build.latest?.site;
    const url = this.rewriteHref(inputPath, src);
    if (!site || url === undefined) return undefined;
    const resolution = resolveReference(src, { fromInputPath: this.#relative(inputPath), pages: site.lookup });
    const plan = resolution.kind === "file" ? site.images.get(resolution.path) : undefined;
    return plan && pictureHtml(plan, url, text);
  };

  /** The analysed page of a collection item in the build under way (the trends and year pages read its words and sections). */
  analysed = (item: { inputPath?: string }): AnalysedPage | undefined => {
    const site = this.#build.latest?.site;
    return item.inputPath && site ? site.pages.get(this.#relative(item.inputPath)) : undefined;
  };

  /** The tags' pages by tag, when the site links its reports' tags to the plugin's pages (not when it has its own: guest.ts). */
  tagUrls = (): ReadonlyMap<string, string> => (this.#linksTags() ? (this.#build.latest?.tagUrls ?? new Map()) : new Map());

  /** Filter `weeklyPage`: what a layout shows about a page (or collection item). */
  view = (page: { inputPath?: string } | string | undefined): PageView | undefined => {
    const inputPath = typeof page === "string" ? page : page?.inputPath;
    const state = this.#build.latest;
    if (!inputPath || !state?.site) return undefined;
    const site = state.site;
    let views = this.#views.get(state);
    if (!views) this.#views.set(state, (views = new Map()));
    if (!views.has(inputPath)) {
      const view = pageView(site, this.#relative(inputPath), (tag) => (this.#linksTags() ? state.tagUrls.get(tag) : undefined), (path) => this.#relatedOf(site).get(path) ?? []);
      // Set on the view, not spread into a copy: that would read (and so choose) its related reports.
      // A preview links each report to its editions (editionPages.ts); a production build has none.
      // A report's card is put into the output by eleventy/cardFiles.ts for every report the build shows.
      if (view) {
        view.editions = this.hasEditions(inputPath) ? editionLinks(view.url, PREVIEW_EDITIONS) : [];
        if (this.#opts.cards && view.kind === "report") view.card = cardLink(view.url, view.title);
      }
      views.set(inputPath, view);
    }
    return views.get(inputPath);
  };

  /** Each report's related reports (related.ts), chosen once per build, when a layout first asks. */
  #relatedOf(site: SiteIndex): Map<string, string[]> {
    if (this.#related?.site === site) return this.#related.chosen;
    const inputs = relatedInputs(site.pages.values());
    const chosen = this.#related && sameRelatedInputs(this.#related.inputs, inputs) ? this.#related.chosen : relatedReports(inputs);
    this.#related = { inputs, chosen, site };
    return chosen;
  }

  /**
   * Filter `weeklyEdition`: a report's edition for its preview page, with its plain text (for the
   * clipboard) and the links between editions. Undefined outside a preview: no page asks then.
   */
  edition = (item: CollectionItem & { content?: unknown }, format: string) => {
    const state = this.#build.latest;
    const page = state?.site?.pages.get(this.#relative(item.inputPath ?? ""));
    const kind = PREVIEW_EDITIONS.find((edition) => edition.name === format);
    if (!state?.site || !page || !kind || !this.hasEditions(item.inputPath ?? "")) return undefined;
    const content = String(item.content ?? "");
    // Kept between the rebuilds of one preview: a save re-renders every edition page, and an
    // edition costs tens of milliseconds (juice, the text's wrapping).
    const key = `${format}\u0000${page.path}\u0000${content}`;
    let edition = this.#editions.get(key);
    if (!edition) {
      const report = editionReport(page, state.site, this.#opts, content);
      const imageSize = imageSizeReader(this.#opts.site.url, state.site.linked);
      // The clipboard's text/plain part is always the plain-text edition.
      const made = { html: kind.render(report, { imageSize }), text: textEdition(report) };
      edition = { ...made, label: kind.label, document: kind.preview === "document", title: report.title, links: editionLinks(page.url, PREVIEW_EDITIONS), json: clipboardJson(made), removed: report.removed.map(inChinese) };
      if (this.#editions.size >= EDITIONS_KEPT) this.#editions.delete(this.#editions.keys().next().value!);
      this.#editions.set(key, edition);
    }
    return edition;
  };

  /**
   * Whether a report has edition pages: only in a preview, and only the newest reports (those not
   * yet live among them, as they are dated after the others), so that a preview of years of
   * reports does not render two editions of each. The same reports as `editionReports`.
   */
  hasEditions = (inputPath: string): boolean => {
    const state = this.#build.latest;
    const site = state?.preview ? state.site : undefined;
    const index = site?.reportIndex.get(this.#relative(inputPath));
    return site !== undefined && index !== undefined && index >= site.reportOrder.length - PREVIEW_EDITION_REPORTS;
  };

  /** The reports with edition pages (the newest, in a preview; none otherwise). */
  editionReports = (all: SitePages): CollectionItem[] => (this.#build.latest?.preview ? this.reports(all).slice(0, PREVIEW_EDITION_REPORTS) : []);

  /**
   * Whether a page must not be indexed: every page of a preview (its home and tag pages list
   * reports not yet published), and a held-back page wherever it is shown.
   */
  needsNoindex = (inputPath: string): boolean => {
    const state = this.#build.latest;
    return state !== undefined && (state.preview || state.heldBack.has(pageStem(this.#relative(inputPath))));
  };

  /**
   * Nunjucks global `weeklySitemap()`: every HTML page but the 404 and search pages, with absolute,
   * percent-encoded addresses, and the date of reports and digests.
   */
  sitemap = (): Array<{ loc: string; lastmod: string | undefined }> => {
    const state = this.#build.latest;
    const entries: Array<{ loc: string; lastmod: string | undefined }> = [];
    if (!state) return entries;
    const { notFound, search } = pageAddresses(this.#opts);
    for (const [path, urls] of state.allUrls) {
      const date = state.site?.pages.get(path)?.date;
      for (const url of urls) {
        if (!(url.endsWith("/") || url.endsWith(".html")) || url === notFound || url === search) continue;
        entries.push({ loc: encodeUrl(`${this.#opts.site.url}${url}`), lastmod: date ? formatIsoDate(date) : undefined });
      }
    }
    return entries.sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));
  };

  /** Filter `weeklyArchive` (of `collections.all`): the reports by ISO week-year, newest first. */
  archive = (all: SitePages): Array<{ year: number; reports: CollectionItem[] }> => {
    const years = new Map<number, CollectionItem[]>();
    for (const item of this.reports(all)) {
      const year = isoWeekOf(DateTime.fromJSDate(item.date, { zone: this.#opts.timezone })).weekYear;
      const list = years.get(year);
      if (list) list.push(item);
      else years.set(year, [item]);
    }
    return [...years].map(([year, reports]) => ({ year, reports }));
  };

  /** Filter `weeklyReports` (of `collections.all`): every report, newest first. */
  reports = (all: SitePages): CollectionItem[] => this.#memo("reports", all, (items) => sortNewestFirst(this.#ofKind(items, "report")));

  /** Filter `weeklyDigests` (of `collections.all`): every digest, newest week first. */
  digests = (all: SitePages): CollectionItem[] => this.#memo("digests", all, (items) => sortByWeekDescending(this.#ofKind(items, "digest")));

  /** Filter `weeklyTags` (of `collections.all`): one entry per tag of the reports, for the tag pages. */
  tags = (all: SitePages): TagPage[] => this.#memo("tags", all, () => tagPages(this.reports(all), this.#opts.tagsPath, this.#opts.tagSlugs));

  /** Filter `weeklyTagPages` (of `collections.all`): every page of every tag (`tagPageSize` reports each), for the tag pages. */
  tagPages = (all: SitePages): TagPageEntry[] => {
    const { site, feeds, tagPageSize } = this.#opts;
    return paginateTags(this.tags(all), {
      pageSize: tagPageSize,
      feedOf: (tag) => (feeds.atom === false ? undefined : { url: tagFeedUrl(tag.url), title: tagFeedTitle(site.title, tag.name) }),
    });
  };

  #ofKind(items: readonly CollectionItem[], kind: "report" | "digest"): CollectionItem[] {
    return items.filter((item) => item.url !== false && kindOf(this.#relative(item.inputPath), this.#opts) === kind);
  }

  /** Each list made once per `collections.all` (one array per build), however many layouts ask. */
  #lists = new WeakMap<object, Map<string, unknown>>();
  #memo<T>(name: string, all: SitePages, make: (items: readonly CollectionItem[]) => T): T {
    const items = Array.isArray(all) ? (all as readonly CollectionItem[]) : (all as { getAll(): CollectionItem[] }).getAll();
    let lists = this.#lists.get(items);
    if (!lists) this.#lists.set(items, (lists = new Map()));
    if (!lists.has(name)) lists.set(name, make(items));
    return lists.get(name) as T;
  }
}
