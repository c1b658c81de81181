// The options' schema: every value a site may give, its default, and what the message says is
// expected when a value is not accepted. The options' types are inferred from it.
import { IANAZone } from "luxon";
import { z } from "zod";

const FOLDER_RE = /^[^/\\.][^\\]*$/;
/** `https://host` with an optional path of plain segments: `https://jeremy.github.io/ai-weekly`. */
const SITE_URL_RE = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/;

/** Each value accepted, and what the message says is expected when it is not. */
const folder = z.string().regex(FOLDER_RE).refine((dir) => !dir.endsWith("/"), { error: "a folder name relative to the input folder, such as \"posts\"" });
const expect = <T extends z.ZodType>(schema: T, expected: string) => schema.meta({ expected });
const layout = (fallback: string | false) => expect(z.union([z.literal(false), z.string().min(1)]).default(fallback), 'a layout path such as "layouts/home.njk", or false');
const feedUrl = (ext: string) => expect(z.union([z.literal(false), z.string().regex(new RegExp(`^/[^\\s?#]+\\.${ext}$`))]).default(`/feed.${ext}`), `a root URL of the file such as "/feed.${ext}", or false`);
const text = (fallback: string) => expect(z.string().refine((value) => value.trim() !== "").default(fallback), "a non-empty text");
/** An environment variable's name: `SLACK_WEBHOOK_URL`. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
/** A channel's name in `weekly notify`'s record and messages (default: its service). */
const channelName = z.string().regex(/^[\w.-]+$/).optional();
const markdownName = (fallback: string) =>
  expect(
    z.string().refine((name) => name.trim() !== "" && name.endsWith(".md") && !name.includes("/") && name.includes("{week}")).default(fallback),
    'a Markdown file name with the week in it, such as "{week}-ai-weekly.md"',
  );

/**
 * The plugin's options, described once: what each is (its comment, which editors show on the
 * option), what it accepts (the schema, and `expected` for the message), and its default. A site's
 * options are `z.input` of it (`WeeklyOptions`: every key optional), the resolved ones `z.output`
 * (`ResolvedOptions`: every default filled in). A group (`layouts`, `feeds`…) is filled key by key.
 */
export const OPTIONS_SCHEMA = z
  .object({
    /** Folder of the weekly reports, relative to the input folder. */
    postsDir: expect(folder.default("posts"), "a folder name relative to the input folder, such as \"posts\""),
    /** Folder of the weekly news digests, relative to the input folder. */
    digestsDir: expect(folder.default("weekly_news"), "a folder name relative to the input folder, such as \"posts\""),
    /** Folder of the layouts; never rendered as pages. Front matter names a layout by its path: `layouts/post.njk`. */
    layoutsDir: expect(folder.default("layouts"), "a folder name relative to the input folder, such as \"posts\""),
    /** IANA zone the author writes dates in; a date-only value is that day in this zone (2026-02-05 means that day in Beijing). */
    timezone: expect(z.string().refine((zone) => IANAZone.isValidZone(zone)).default("Asia/Shanghai"), 'an IANA time zone such as "Asia/Shanghai" or "America/New_York"'),
    /** What happens to a link whose target does not exist: "warn" logs and builds anyway; false skips the check. */
    brokenLinks: expect(z.union([z.literal("error"), z.literal("warn"), z.literal(false)]).default("error"), '"error", "warn" or false'),
    /** Where tag pages live: `/tags/<slug>/`. */
    tagsPath: expect(folder.default("tags"), "a folder name relative to the input folder, such as \"posts\""),
    /** Fixed URL slugs for tags whose automatic slug collides or is not wanted: `{ "C++": "cpp" }`. */
    tagSlugs: z.record(z.string(), expect(z.string().regex(/^[^\s/?#]+$/u), 'a non-empty URL segment without spaces, "/", "?" or "#"')).default({}),
    /** Reports per tag page: a tag with more gets pages `/tags/<slug>/2/`, `/tags/<slug>/3/`…, newest first. 20: one screenful of titles on a phone, as many as the feeds carry. */
    tagPageSize: expect(z.number().int().min(1).default(20), "a whole number of reports per tag page, such as 20"),
    /** Longest excerpt, in characters (CJK characters count one each); 120 is about two lines of Chinese on a phone. */
    excerptLength: expect(z.number().int().min(10).default(120), "a whole number of characters, 10 or more"),
    /** Layouts of the pages the plugin generates; `false` leaves that page out. `report`, `digest` and `page` are the layouts of Markdown pages that name none (`false`: written as they are). */
    layouts: z
      .strictObject({
        /** A report that names no layout (neither in its front matter nor in a data file of its folder). */
        report: layout("layouts/post.njk"),
        /** A digest that names no layout. */
        digest: layout("layouts/digest.njk"),
        /** Any Markdown page that is neither a report nor a digest and names no layout (`about.md`): a page of the site's own is the site's, so false (the default) leaves it as the site has it (`layouts/page.njk` is shipped). */
        page: layout(false),
        home: layout("layouts/home.njk"),
        tag: layout("layouts/tag.njk"),
        tagIndex: layout("layouts/tags.njk"),
        archive: layout("layouts/archive.njk"),
        digestIndex: layout("layouts/digests.njk"),
        search: layout("layouts/search.njk"),
        notFound: layout("layouts/404.njk"),
        /** The hot words and trends page (`/trends/`). */
        trends: layout("layouts/trends.njk"),
        /** A page for each year with reports (`/years/2026/`). */
        year: layout("layouts/year.njk"),
      })
      .prefault({}),
    /** Links added to the site's navigation after the plugin's own pages (archive, tags, digests, search). */
    nav: expect(
      // A link may carry more for the site's own layouts (a title, say): kept as given.
      z.array(z.looseObject({
        /** The link's text: `关于`. */
        text: z.string().refine((t) => t.trim() !== ""),
        /** A root URL of the site (`/about/`) or an address elsewhere (`https://…`). */
        url: z.string().regex(/^(\/|https?:\/\/)/),
      })).default([]),
      'a list of links such as [{ text: "关于", url: "/about/" }] (a root URL or an https:// address)',
    ),
    /**
     * Where `weekly notify` announces each report once it is live: team chats, a webhook, a WebSub
     * hub. Secrets (webhook URLs with their tokens, signing secrets, bot tokens) are named by the
     * environment variable that holds them, never written here.
     */
    notify: expect(
      z
        .array(
          z.discriminatedUnion("service", [
            z.strictObject({ service: z.enum(["webhook", "slack", "discord", "wecom"]), name: channelName, urlEnv: envName }),
            z.strictObject({ service: z.enum(["feishu", "dingtalk"]), name: channelName, urlEnv: envName, secretEnv: envName.optional() }),
            z.strictObject({ service: z.literal("telegram"), name: channelName, tokenEnv: envName, chatId: z.union([z.string().min(1), z.number().int()]), api: z.string().regex(/^https?:\/\/[^\s?#]+$/).default("https://api.telegram.org") }),
            // A hub's address is published in the feeds: no user name or password in it.
            z.strictObject({ service: z.literal("websub"), name: channelName, hub: z.string().regex(/^https?:\/\/[^\s#@/]+(\/[^\s#]*)?$/) }),
          ]),
        )
        .refine((channels) => new Set(channels.map((c) => c.name ?? c.service)).size === channels.length)
        .default([]),
      'a list of channels such as [{ service: "slack", urlEnv: "SLACK_WEBHOOK_URL" }] (services: webhook, slack, discord, feishu, dingtalk, wecom, telegram, websub; each name once)',
    ),
    /** Atom and JSON Feed of the reports, at these URLs (`false` leaves one out), with the newest `items` reports (0: all). */
    feeds: z
      .strictObject({
        atom: feedUrl("xml"),
        json: feedUrl("json"),
        // A feed reader wants the latest weeks, not every report since the first: 20 weeks is 5 months.
        items: expect(z.number().int().min(0).default(20), "a whole number of reports, such as 20, or 0 for every report"),
      })
      .prefault({}),
    /** `sitemap.xml` and `robots.txt`. */
    sitemap: expect(z.boolean().default(true), "true or false"),
    /** A Pagefind search index (`/pagefind/`), built after every build. */
    searchIndex: expect(z.boolean().default(true), "true or false"),
    /** A social card (1200×630 PNG) for each report and the home page, named by their `og:image`. */
    cards: expect(z.boolean().default(true), "true or false"),
    /**
     * Where builds keep what they can reuse (a production build's search index, while the indexed
     * pages are the same; every build's pictures' variants, in `images/`; each social card, while
     * what it shows is the same, in `cards/`), relative to the site's folder; `false` keeps nothing.
     */
    cacheDir: expect(z.union([z.string().refine((dir) => dir.trim() !== ""), z.literal(false)]).default(".cache/weekly"), 'a folder such as ".cache/weekly", or false'),
    /**
     * Raw HTML written in Markdown: kept in reports (the author's own), shown as text in digests
     * (text gathered from elsewhere) unless set to true.
     */
    rawHtml: z.strictObject({ reports: expect(z.boolean().default(true), "true or false"), digests: expect(z.boolean().default(false), "true or false") }).prefault({}),
    site: z
      .object({
        /** Shown in the header, the `<title>` of list pages and feeds. */
        title: expect(z.string().default("AI 周报"), "a string"),
        /** The home page's meta description. */
        description: expect(z.string().default("每周一期的中文人工智能周报，附当周新闻摘要。"), "a string"),
        /** The site's public address, for absolute URLs (canonical links, feeds). */
        url: expect(z.string().regex(SITE_URL_RE).default("https://example.org"), 'the site\'s public address, such as "https://weekly.example.com" or "https://jeremy.github.io/ai-weekly" (no query or #fragment)'),
        /** The `lang` of every page. */
        language: expect(z.string().default("zh-CN"), "a string"),
        /** Named as the author of the reports. */
        author: expect(z.string().default(""), "a string"),
      })
      .catchall(expect(z.string(), "a string"))
      .prefault({}),
    /**
     * What `npx weekly new` writes. In names and titles, `{week}` is `2026-W07`, `{year}` the ISO
     * week-year `2026`, `{ww}` the week number `07` and `{w}` the number `7`.
     */
    newWeek: z
      .strictObject({
        /** File name of a new report in the posts folder. */
        reportFile: markdownName("{week}-ai-weekly.md"),
        /** A new report's title. */
        title: text("{year}年W{ww}人工智能周报"),
        /** ISO weekday of publication, 1 (Monday) to 7 (Sunday); 4, Thursday, as the W06 report (2026-02-05). */
        weekday: expect(z.number().int().min(1).max(7).default(4), "an ISO weekday from 1 (Monday) to 7 (Sunday)"),
        /** Time of day of `scheduled` (`08:00`), or "" for 00:00, written as a bare date. */
        time: expect(z.string().regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/).default(""), 'a time of day such as "08:00", or "" for a bare date'),
        /** Tags of a new report. */
        tags: expect(z.array(z.string().refine((t) => t.trim() !== "")).default([]), 'a list of non-empty texts such as ["AI"]'),
        /** File name of a new digest in the digests folder. */
        digestFile: markdownName("ai_news_{week}.md"),
        /** A new digest's title, also the report's link text to it. */
        digestTitle: text("AI Weekly Digest — {week}"),
      })
      .prefault({}),
  })
  .strict();

/** The options a site gives the plugin: every key optional. */
export type WeeklyOptions = z.input<typeof OPTIONS_SCHEMA>;
/** The options once resolved: every value checked, every default filled in. */
export type ResolvedOptions = z.output<typeof OPTIONS_SCHEMA>;

/** A schema without the default around it: the object of a group, the schema of a value. */
export function withoutDefault(schema: z.ZodType): z.ZodType {
  let at = schema;
  while (at instanceof z.ZodDefault || at instanceof z.ZodPrefault) at = at.def.innerType as z.ZodType;
  return at;
}
