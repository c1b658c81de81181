// The plugin's options: what a site may set, the defaults, and the check made when it is added.
import type { z } from "zod";
import { show, WeeklyError } from "./errors.js";
import { OPTIONS_SCHEMA, type ResolvedOptions } from "./optionsSchema.js";


/**
 * Marks the plugin function, whichever copy of the package it comes from (a site may load the
 * compiled package while the command runs the source): `weekly check` finds the options a site
 * gives it by this mark.
 */
export const WEEKLY_PLUGIN: unique symbol = Symbol.for("eleventy-plugin-weekly");

export type { ResolvedOptions } from "./optionsSchema.js";

/** The options whose value is a group of settings. */
const OBJECT_KEYS = ["tagSlugs", "layouts", "feeds", "rawHtml", "site", "newWeek"] as const;

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
  /** Reports per tag page: a tag with more gets pages `/tags/<slug>/2/`, `/tags/<slug>/3/`…, newest first. */
  tagPageSize?: number;
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
  /** A social card (1200×630 PNG) for each report and the home page, named by their `og:image`. */
  cards?: boolean;
  /**
   * Where builds keep what they can reuse (a production build's search index, while the indexed
   * pages are the same; every build's pictures' variants, in `images/`; each social card, while
   * what it shows is the same, in `cards/`), relative to the site's folder; `false` keeps nothing.
   */
  cacheDir?: string | false;
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
  /** Any Markdown page that is neither a report nor a digest and names no layout (`about.md`); false (the default) leaves such a page as the site has it. */
  page: string | false;
  home: string | false;
  tag: string | false;
  tagIndex: string | false;
  archive: string | false;
  digestIndex: string | false;
  search: string | false;
  notFound: string | false;
}


export const DEFAULTS: ResolvedOptions = {
  postsDir: "posts",
  digestsDir: "weekly_news",
  layoutsDir: "layouts",
  timezone: "Asia/Shanghai", // the author's zone: 2026-02-05 means that day in Beijing
  brokenLinks: "error", // "warn" logs and builds anyway; false skips the check
  tagsPath: "tags",
  tagSlugs: {},
  tagPageSize: 20, // one screenful of titles on a phone, as many as the feeds carry
  excerptLength: 120, // about two lines of Chinese on a phone
  layouts: {
    report: "layouts/post.njk",
    digest: "layouts/digest.njk",
    page: false, // a page of the site's own is the site's: it names its layout (`layouts/page.njk` is shipped)
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
  cards: true,
  cacheDir: ".cache/weekly",
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

/** What a value at `path` of the options was expected to be: the nearest schema's `expected`, else zod's own word. */
function expectedAt(path: readonly PropertyKey[], fallback: string): string {
  let schema: z.ZodType | undefined = OPTIONS_SCHEMA;
  let expected: string | undefined;
  for (const key of path) {
    const shape: Record<string, z.ZodType> | undefined = (schema as unknown as { shape?: Record<string, z.ZodType> })?.shape;
    const def: { element?: z.ZodType; valueType?: z.ZodType; catchall?: z.ZodType } | undefined = (schema as unknown as { def?: { element?: z.ZodType; valueType?: z.ZodType; catchall?: z.ZodType } })?.def;
    schema = shape?.[String(key)] ?? (typeof key === "number" ? def?.element : undefined) ?? def?.valueType ?? def?.catchall;
    expected = (schema?.meta?.() as { expected?: string } | undefined)?.expected ?? expected;
    if (!schema) break;
  }
  return expected ?? fallback;
}

/** An option's name as the message gives it: `newWeek.weekday`, `tagSlugs["C++"]`. */
function optionName(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (path[0] === "tagSlugs" && i === 1 ? `["${String(key)}"]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

/** Merges the caller's options over the defaults (never mutating them) and checks every value: every mistake is named at once. */
export function resolveOptions(input: WeeklyOptions | undefined = {}): ResolvedOptions {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw optionError("options", input, "an object such as { timezone: \"Asia/Shanghai\" }");
  }
  const errors: string[] = [];
  const given = { ...input } as Record<string, unknown>;
  for (const key of OBJECT_KEYS) {
    const value = given[key];
    if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
      const keys = Object.keys(DEFAULTS[key]);
      errors.push(optionMessage(key, value, `an object${keys.length > 0 ? ` with some of ${keys.join(", ")}` : " such as { \"C++\": \"cpp\" }"}`));
      delete given[key];
    }
  }
  const layoutsDir = typeof given.layoutsDir === "string" ? given.layoutsDir : DEFAULTS.layoutsDir;
  const merged = {
    ...DEFAULTS,
    ...given,
    tagSlugs: { ...DEFAULTS.tagSlugs, ...(given.tagSlugs as object) },
    layouts: { ...defaultLayouts(layoutsDir), ...(given.layouts as object) },
    feeds: { ...DEFAULTS.feeds, ...(given.feeds as object) },
    rawHtml: { ...DEFAULTS.rawHtml, ...(given.rawHtml as object) },
    site: { ...DEFAULTS.site, ...(given.site as object) },
    newWeek: { ...DEFAULTS.newWeek, ...(given.newWeek as object) },
  };
  const parsed = OPTIONS_SCHEMA.safeParse(merged);
  if (!parsed.success) {
    const named = new Set<string>();
    for (const issue of parsed.error.issues) {
      // A list is named as a whole: `nav`, `newWeek.tags`.
      const cut = issue.path[0] === "nav" ? 1 : issue.path[0] === "newWeek" && issue.path[1] === "tags" ? 2 : issue.path.length;
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path.slice(0, cut)];
      for (const path of paths) {
        const name = optionName(path);
        if (named.has(name)) continue;
        named.add(name);
        const value = path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as string], merged);
        const expected = issue.code === "unrecognized_keys" ? unknownKeyExpected(issue.path) : issue.code === "custom" && issue.path.length === 1 && issue.message !== "Invalid input" ? issue.message : expectedAt(path, issue.message);
        errors.push(optionMessage(name, value, expected));
      }
    }
  }
  // Checked here, not in the schema: zod skips an object's own checks once a value in it is wrong.
  if (typeof merged.postsDir === "string" && merged.postsDir === merged.digestsDir) errors.push(optionMessage("digestsDir", merged.digestsDir, "a folder other than postsDir"));
  if (errors.length > 0) throw new WeeklyError(errors.join("\n"));
  const opts = parsed.data!;
  opts.site.url = opts.site.url.replace(/\/+$/, "");
  return opts;
}

/** What an unknown key's message proposes: the known options, or the known keys of its group. */
function unknownKeyExpected(parent: readonly PropertyKey[]): string {
  if (parent.length === 0) return `one of the known options: ${[...Object.keys(DEFAULTS)].join(", ")}`;
  const group = String(parent[0]);
  const keys = Object.keys(DEFAULTS[group as keyof ResolvedOptions] as object);
  return `only ${keys.map((key) => `${group}.${key}`).join(", ").replace(/, ([^,]*)$/, " and $1")}`;
}

/** The default layouts, named in the site's layouts folder (`theme/post.njk` for layoutsDir "theme"). */
export function defaultLayouts(layoutsDir: string): GeneratedLayouts {
  const entries = Object.entries(DEFAULTS.layouts).map(([name, layout]) => [name, typeof layout === "string" ? layout.replace(/^layouts\//, `${layoutsDir}/`) : layout]);
  return Object.fromEntries(entries) as GeneratedLayouts;
}

function optionMessage(name: string, value: unknown, expected: string): string {
  return `weekly plugin option ${name}: received ${show(value)}; expected ${expected}.`;
}

export function optionError(name: string, value: unknown, expected: string): WeeklyError {
  return new WeeklyError(optionMessage(name, value, expected));
}
