// The plugin's options: what a site may set, the defaults, and the check made when it is added.
import { IANAZone } from "luxon";
import { WeeklyError } from "./errors.js";

export type Severity = "error" | "warn" | false;

export interface SiteMetadata {
  /** Shown in the header, the `<title>` of list pages and (later) feeds. */
  title?: string;
  /** The home page's meta description. */
  description?: string;
  /** The site's public address, for absolute URLs (canonical links, feeds). */
  url?: string;
  /** The `lang` of every page. */
  language?: string;
  /** Named as the author of the reports. */
  author?: string;
}

export interface WeeklyOptions {
  /** Folder of the weekly reports, relative to the input folder. */
  postsDir?: string;
  /** Folder of the weekly news digests, relative to the input folder. */
  digestsDir?: string;
  /** Folder of the layouts; never rendered as pages. Front matter names a layout by its path: `layouts/post.njk`. */
  layoutsDir?: string;
  /** IANA zone the author writes dates in; a date-only value is that day in this zone. */
  timezone?: string;
  /** What happens to a link whose target does not exist. */
  brokenLinks?: Severity;
  /** Where tag pages live: `/tags/<slug>/`. */
  tagsPath?: string;
  /** Fixed URL slugs for tags whose automatic slug collides or is not wanted: `{ "C++": "cpp" }`. */
  tagSlugs?: Record<string, string>;
  /** Longest excerpt, in characters (CJK characters count one each). */
  excerptLength?: number;
  /** Layouts of the pages the plugin generates; `false` leaves that page out. `report`, `digest` and `page` are the layouts of Markdown pages that name none (`false`: written as they are). */
  layouts?: Partial<GeneratedLayouts>;
  /** Links added to the site's navigation after the plugin's own pages (archive, tags, digests, search). */
  nav?: NavLink[];
  /** Atom and JSON Feed of the reports, at these URLs (`false` leaves one out), with the newest `items` reports (0: all). */
  feeds?: { atom?: string | false; json?: string | false; items?: number };
  /** `sitemap.xml` and `robots.txt`. */
  sitemap?: boolean;
  /** A Pagefind search index (`/pagefind/`), built after every build. */
  searchIndex?: boolean;
  /**
   * Raw HTML written in Markdown: kept in reports (the author's own), shown as text in digests
   * (text gathered from elsewhere) unless set to true.
   */
  rawHtml?: { reports?: boolean; digests?: boolean };
  site?: SiteMetadata;
  /** What `npx weekly new` writes. */
  newWeek?: NewWeekOptions;
}

/**
 * Templates of `weekly new`. In names and titles, `{week}` is `2026-W07`, `{year}` the ISO
 * week-year `2026`, `{ww}` the week number `07` and `{w}` the number `7`.
 */
export interface NewWeekOptions {
  /** File name of a new report in the posts folder. */
  reportFile?: string;
  /** A new report's title. */
  title?: string;
  /** ISO weekday of publication, 1 (Monday) to 7 (Sunday). */
  weekday?: number;
  /** Time of day of `scheduled` (`08:00`), or "" for 00:00, written as a bare date. */
  time?: string;
  /** Tags of a new report. */
  tags?: string[];
  /** File name of a new digest in the digests folder. */
  digestFile?: string;
  /** A new digest's title, also the report's link text to it. */
  digestTitle?: string;
}

export interface NavLink {
  /** The link's text: `关于`. */
  text: string;
  /** A root URL of the site (`/about/`) or an address elsewhere (`https://…`). */
  url: string;
}

export interface GeneratedLayouts {
  /** A report that names no layout (neither in its front matter nor in a data file of its folder). */
  report: string | false;
  /** A digest that names no layout. */
  digest: string | false;
  /** Any Markdown page that is neither a report nor a digest and names no layout (`about.md`). */
  page: string | false;
  home: string | false;
  tag: string | false;
  tagIndex: string | false;
  archive: string | false;
  digestIndex: string | false;
  search: string | false;
  notFound: string | false;
}

export interface ResolvedOptions {
  postsDir: string;
  digestsDir: string;
  layoutsDir: string;
  timezone: string;
  brokenLinks: Severity;
  tagsPath: string;
  tagSlugs: Record<string, string>;
  excerptLength: number;
  layouts: GeneratedLayouts;
  nav: NavLink[];
  feeds: { atom: string | false; json: string | false; items: number };
  sitemap: boolean;
  searchIndex: boolean;
  rawHtml: { reports: boolean; digests: boolean };
  site: Required<SiteMetadata>;
  newWeek: Required<NewWeekOptions>;
}

export const DEFAULTS: ResolvedOptions = {
  postsDir: "posts",
  digestsDir: "weekly_news",
  layoutsDir: "layouts",
  timezone: "Asia/Shanghai", // the author's zone: 2026-02-05 means that day in Beijing
  brokenLinks: "error", // "warn" logs and builds anyway; false skips the check
  tagsPath: "tags",
  tagSlugs: {},
  excerptLength: 120, // about two lines of Chinese on a phone
  layouts: {
    report: "layouts/post.njk",
    digest: "layouts/digest.njk",
    page: "layouts/page.njk",
    home: "layouts/home.njk",
    tag: "layouts/tag.njk",
    tagIndex: "layouts/tags.njk",
    archive: "layouts/archive.njk",
    digestIndex: "layouts/digests.njk",
    search: "layouts/search.njk",
    notFound: "layouts/404.njk",
  },
  nav: [],
  // A feed reader wants the latest weeks, not every report since the first: 20 weeks is 5 months.
  feeds: { atom: "/feed.xml", json: "/feed.json", items: 20 },
  sitemap: true,
  searchIndex: true,
  rawHtml: { reports: true, digests: false },
  site: {
    title: "AI 周报",
    description: "每周一期的中文人工智能周报，附当周新闻摘要。",
    url: "https://example.org",
    language: "zh-CN",
    author: "",
  },
  newWeek: {
    reportFile: "{week}-ai-weekly.md",
    title: "{year}年W{ww}人工智能周报",
    weekday: 4, // Thursday, as the W06 report (2026-02-05)
    time: "",
    tags: [],
    digestFile: "ai_news_{week}.md",
    digestTitle: "AI Weekly Digest — {week}",
  },
};

const FOLDER_RE = /^[^/\\.][^\\]*$/;
const SEVERITIES: readonly Severity[] = ["error", "warn", false];
const KNOWN_KEYS = new Set(Object.keys(DEFAULTS).concat("site"));

/** Merges the caller's options over the defaults (never mutating them) and checks every value. */
export function resolveOptions(input: WeeklyOptions | undefined = {}): ResolvedOptions {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw optionError("options", input, "an object such as { timezone: \"Asia/Shanghai\" }");
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      throw optionError(key, (input as Record<string, unknown>)[key], `one of the known options: ${[...KNOWN_KEYS].join(", ")}`);
    }
  }
  for (const key of ["tagSlugs", "layouts", "feeds", "rawHtml", "site", "newWeek"] as const) {
    const value = input[key];
    if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
      const keys = Object.keys(DEFAULTS[key]);
      throw optionError(key, value, `an object${keys.length > 0 ? ` with some of ${keys.join(", ")}` : " such as { \"C++\": \"cpp\" }"}`);
    }
  }
  const opts: ResolvedOptions = {
    ...DEFAULTS,
    ...input,
    tagSlugs: { ...DEFAULTS.tagSlugs, ...input.tagSlugs },
    layouts: { ...defaultLayouts(typeof input.layoutsDir === "string" ? input.layoutsDir : DEFAULTS.layoutsDir), ...input.layouts },
    feeds: { ...DEFAULTS.feeds, ...input.feeds },
    rawHtml: { ...DEFAULTS.rawHtml, ...input.rawHtml },
    site: { ...DEFAULTS.site, ...input.site },
    newWeek: { ...DEFAULTS.newWeek, ...input.newWeek },
  };
  for (const key of ["postsDir", "digestsDir", "layoutsDir", "tagsPath"] as const) {
    const value = opts[key];
    if (typeof value !== "string" || !FOLDER_RE.test(value) || value.endsWith("/")) {
      throw optionError(key, value, "a folder name relative to the input folder, such as \"posts\"");
    }
  }
  if (opts.postsDir === opts.digestsDir) {
    throw optionError("digestsDir", opts.digestsDir, "a folder other than postsDir");
  }
  if (typeof opts.timezone !== "string" || !IANAZone.isValidZone(opts.timezone)) {
    throw optionError("timezone", opts.timezone, "an IANA time zone such as \"Asia/Shanghai\" or \"America/New_York\"");
  }
  if (!SEVERITIES.includes(opts.brokenLinks)) {
    throw optionError("brokenLinks", opts.brokenLinks, "\"error\", \"warn\" or false");
  }
  if (!Number.isInteger(opts.excerptLength) || opts.excerptLength < 10) {
    throw optionError("excerptLength", opts.excerptLength, "a whole number of characters, 10 or more");
  }
  for (const [name, layout] of Object.entries(opts.layouts)) {
    if (layout !== false && (typeof layout !== "string" || layout === "")) {
      throw optionError(`layouts.${name}`, layout, "a layout path such as \"layouts/home.njk\", or false");
    }
  }
  if (!Array.isArray(opts.nav) || !opts.nav.every((link) => link !== null && typeof link === "object" && typeof link.text === "string" && link.text.trim() !== "" && typeof link.url === "string" && /^(\/|https?:\/\/)/.test(link.url))) {
    throw optionError("nav", opts.nav, 'a list of links such as [{ text: "关于", url: "/about/" }] (a root URL or an https:// address)');
  }
  const { items, ...feedUrls } = opts.feeds;
  for (const [name, url] of Object.entries(feedUrls)) {
    if (!(name in DEFAULTS.feeds)) throw optionError(`feeds.${name}`, url, "only feeds.atom, feeds.json and feeds.items");
    const ext = name === "atom" ? "xml" : "json";
    if (url !== false && (typeof url !== "string" || !new RegExp(`^/[^\\s?#]+\\.${ext}$`).test(url))) {
      throw optionError(`feeds.${name}`, url, `a root URL of the file such as "/feed.${ext}", or false`);
    }
  }
  if (!Number.isInteger(items) || items < 0) {
    throw optionError("feeds.items", items, "a whole number of reports, such as 20, or 0 for every report");
  }
  for (const name of ["sitemap", "searchIndex"] as const) {
    if (typeof opts[name] !== "boolean") throw optionError(name, opts[name], "true or false");
  }
  for (const [kind, allowed] of Object.entries(opts.rawHtml)) {
    if (!(kind in DEFAULTS.rawHtml)) throw optionError(`rawHtml.${kind}`, allowed, "only rawHtml.reports and rawHtml.digests");
    if (typeof allowed !== "boolean") throw optionError(`rawHtml.${kind}`, allowed, "true or false");
  }
  for (const [tag, slug] of Object.entries(opts.tagSlugs)) {
    if (typeof slug !== "string" || !/^[^\s/?#]+$/u.test(slug)) {
      throw optionError(`tagSlugs["${tag}"]`, slug, "a non-empty URL segment without spaces, \"/\", \"?\" or \"#\"");
    }
  }
  for (const [name, value] of Object.entries(opts.site)) {
    if (typeof value !== "string") {
      throw optionError(`site.${name}`, value, "a string");
    }
  }
  const { weekday, time, tags, ...names } = opts.newWeek;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw optionError("newWeek.weekday", weekday, "an ISO weekday from 1 (Monday) to 7 (Sunday)");
  }
  if (typeof time !== "string" || !/^(|([01]\d|2[0-3]):[0-5]\d)$/.test(time)) {
    throw optionError("newWeek.time", time, 'a time of day such as "08:00", or "" for a bare date');
  }
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string" && t.trim() !== "")) {
    throw optionError("newWeek.tags", tags, 'a list of non-empty texts such as ["AI"]');
  }
  for (const [name, value] of Object.entries(names)) {
    if (typeof value !== "string" || value.trim() === "") throw optionError(`newWeek.${name}`, value, "a non-empty text");
  }
  for (const name of ["reportFile", "digestFile"] as const) {
    if (!opts.newWeek[name].endsWith(".md") || opts.newWeek[name].includes("/") || !opts.newWeek[name].includes("{week}")) {
      throw optionError(`newWeek.${name}`, opts.newWeek[name], 'a Markdown file name with the week in it, such as "{week}-ai-weekly.md"');
    }
  }
  if (!SITE_URL_RE.test(opts.site.url)) {
    throw optionError("site.url", opts.site.url, "the site's public address, such as \"https://weekly.example.com\" or \"https://jeremy.github.io/ai-weekly\" (no query or #fragment)");
  }
  opts.site.url = opts.site.url.replace(/\/+$/, "");
  return opts;
}

/** `https://host` with an optional path of plain segments: `https://jeremy.github.io/ai-weekly`. */
const SITE_URL_RE = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/;

/** The default layouts, named in the site's layouts folder (`theme/post.njk` for layoutsDir "theme"). */
export function defaultLayouts(layoutsDir: string): GeneratedLayouts {
  const entries = Object.entries(DEFAULTS.layouts).map(([name, layout]) => [name, typeof layout === "string" ? layout.replace(/^layouts\//, `${layoutsDir}/`) : layout]);
  return Object.fromEntries(entries) as GeneratedLayouts;
}

export function optionError(name: string, value: unknown, expected: string): WeeklyError {
  return new WeeklyError(`weekly plugin option ${name}: received ${JSON.stringify(value) ?? String(value)}; expected ${expected}.`);
}
