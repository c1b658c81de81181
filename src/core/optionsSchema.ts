// The options' schema: every value a site may give, and what the message says is expected when a
// value is not accepted. The resolved options' type is inferred from it.
import { IANAZone } from "luxon";
import { z } from "zod";

const FOLDER_RE = /^[^/\\.][^\\]*$/;
/** `https://host` with an optional path of plain segments: `https://jeremy.github.io/ai-weekly`. */
const SITE_URL_RE = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/;

/** Each value accepted, and what the message says is expected when it is not. */
const folder = z.string().regex(FOLDER_RE).refine((dir) => !dir.endsWith("/"), { error: "a folder name relative to the input folder, such as \"posts\"" });
const expect = <T extends z.ZodType>(schema: T, expected: string) => schema.meta({ expected });
const layout = expect(z.union([z.literal(false), z.string().min(1)]), "a layout path such as \"layouts/home.njk\", or false");
const feedUrl = (ext: string) => expect(z.union([z.literal(false), z.string().regex(new RegExp(`^/[^\\s?#]+\\.${ext}$`))]), `a root URL of the file such as "/feed.${ext}", or false`);
const text = expect(z.string().refine((value) => value.trim() !== ""), "a non-empty text");
const markdownName = expect(
  z.string().refine((name) => name.trim() !== "" && name.endsWith(".md") && !name.includes("/") && name.includes("{week}")),
  'a Markdown file name with the week in it, such as "{week}-ai-weekly.md"',
);

/** The resolved options: every value checked, every default filled in. The types come from here. */
export const OPTIONS_SCHEMA = z
  .object({
    postsDir: expect(folder, "a folder name relative to the input folder, such as \"posts\""),
    digestsDir: expect(folder, "a folder name relative to the input folder, such as \"posts\""),
    layoutsDir: expect(folder, "a folder name relative to the input folder, such as \"posts\""),
    timezone: expect(z.string().refine((zone) => IANAZone.isValidZone(zone)), 'an IANA time zone such as "Asia/Shanghai" or "America/New_York"'),
    brokenLinks: expect(z.union([z.literal("error"), z.literal("warn"), z.literal(false)]), '"error", "warn" or false'),
    tagsPath: expect(folder, "a folder name relative to the input folder, such as \"posts\""),
    tagSlugs: z.record(z.string(), expect(z.string().regex(/^[^\s/?#]+$/u), 'a non-empty URL segment without spaces, "/", "?" or "#"')),
    tagPageSize: expect(z.number().int().min(1), "a whole number of reports per tag page, such as 20"),
    excerptLength: expect(z.number().int().min(10), "a whole number of characters, 10 or more"),
    layouts: z.strictObject({
      report: layout, digest: layout, page: layout, home: layout, tag: layout, tagIndex: layout,
      archive: layout, digestIndex: layout, search: layout, notFound: layout,
    }),
    nav: expect(
      // A link may carry more for the site's own layouts (a title, say): kept as given.
      z.array(z.looseObject({ text: z.string().refine((t) => t.trim() !== ""), url: z.string().regex(/^(\/|https?:\/\/)/) })),
      'a list of links such as [{ text: "关于", url: "/about/" }] (a root URL or an https:// address)',
    ),
    feeds: z.strictObject({
      atom: feedUrl("xml"),
      json: feedUrl("json"),
      items: expect(z.number().int().min(0), "a whole number of reports, such as 20, or 0 for every report"),
    }),
    sitemap: expect(z.boolean(), "true or false"),
    searchIndex: expect(z.boolean(), "true or false"),
    cards: expect(z.boolean(), "true or false"),
    cacheDir: expect(z.union([z.string().refine((dir) => dir.trim() !== ""), z.literal(false)]), 'a folder such as ".cache/weekly", or false'),
    rawHtml: z.strictObject({ reports: expect(z.boolean(), "true or false"), digests: expect(z.boolean(), "true or false") }),
    site: z
      .object({
        title: expect(z.string(), "a string"),
        description: expect(z.string(), "a string"),
        url: expect(z.string().regex(SITE_URL_RE), 'the site\'s public address, such as "https://weekly.example.com" or "https://jeremy.github.io/ai-weekly" (no query or #fragment)'),
        language: expect(z.string(), "a string"),
        author: expect(z.string(), "a string"),
      })
      .catchall(expect(z.string(), "a string")),
    newWeek: z.strictObject({
      reportFile: markdownName,
      title: text,
      weekday: expect(z.number().int().min(1).max(7), "an ISO weekday from 1 (Monday) to 7 (Sunday)"),
      time: expect(z.string().regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/), 'a time of day such as "08:00", or "" for a bare date'),
      tags: expect(z.array(z.string().refine((t) => t.trim() !== "")), 'a list of non-empty texts such as ["AI"]'),
      digestFile: markdownName,
      digestTitle: text,
    }),
  })
  .strict();

export type ResolvedOptions = z.infer<typeof OPTIONS_SCHEMA>;
