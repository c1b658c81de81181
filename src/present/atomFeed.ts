// The Atom feed of the reports, written by the plugin (as the JSON Feed is): each entry with the
// moment the report went live, a summary, a category per tag and the full content with absolute
// URLs, so that a feed reader or a newsletter service can send each report on its own.
import type { CollectionItem } from "./collections.js";
import type { ResolvedOptions } from "../core/options.js";
import { absoluteLinks } from "./jsonFeed.js";
import { encodeUrl } from "../core/safety.js";
import { tagsOf } from "../content/tags.js";

interface FeedItem extends CollectionItem {
  content?: unknown;
}

/** What the feed needs of a report besides its collection item. */
export interface EntryFacts {
  /** The moment it went live: its `scheduled` moment, or its date. */
  published: Date;
  summary: string;
}

/** Text in XML: the five characters that could end it. Characters XML cannot hold are replaced later (xmlSafe). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Atom 1.0 (RFC 4287) of the newest `feeds.items` of the given reports (newest first). */
export function atomFeed(items: readonly FeedItem[], opts: ResolvedOptions, feedUrl: string, facts: (item: FeedItem) => EntryFacts): string {
  const { site } = opts;
  const chosen = items.slice(0, opts.feeds.items === 0 ? undefined : opts.feeds.items).filter((item) => typeof item.url === "string");
  const entries = chosen.map((item) => {
    const url = encodeUrl(`${site.url}${item.url as string}`);
    const data = item.data as { title?: unknown };
    const { published, summary } = facts(item);
    const content = absoluteLinks(typeof item.content === "string" ? item.content : "", site.url, url);
    return [
      "  <entry>",
      `    <title>${escapeXml(typeof data.title === "string" ? data.title : "")}</title>`,
      `    <link href="${escapeXml(url)}"/>`,
      `    <id>${escapeXml(url)}</id>`,
      `    <published>${published.toISOString()}</published>`,
      `    <updated>${published.toISOString()}</updated>`,
      ...(summary !== "" ? [`    <summary>${escapeXml(summary)}</summary>`] : []),
      ...tagsOf(item.data).map((tag) => `    <category term="${escapeXml(tag)}"/>`),
      `    <content type="html">${escapeXml(content)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  // The feed changes when its newest entry does: no build time, so the same site gives the same bytes.
  const updated = chosen.length > 0 ? facts(chosen[0]!).published.toISOString() : "1970-01-01T00:00:00.000Z";
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
    `  <title>${escapeXml(site.title)}</title>`,
    ...(site.description !== "" ? [`  <subtitle>${escapeXml(site.description)}</subtitle>`] : []),
    `  <link href="${escapeXml(encodeUrl(`${site.url}${feedUrl}`))}" rel="self"/>`,
    `  <link href="${escapeXml(`${site.url}/`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <id>${escapeXml(`${site.url}/`)}</id>`,
    `  <author>`,
    `    <name>${escapeXml(site.author || site.title)}</name>`,
    `  </author>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}
