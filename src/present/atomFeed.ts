// The Atom feed of the reports, written by the plugin (as the JSON Feed is): each entry with the
// moment the report went live, a summary, a category per tag and the full content with absolute
// URLs, so that a feed reader or a newsletter service can send each report on its own.
import { hubsOf } from "./hubs.js";
import { DateTime } from "luxon";
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

/** Where a feed is and what it is the feed of. Addresses are root URLs of the site. */
export interface FeedPlace {
  /** The feed itself: `/feed.xml`, `/tags/人工智能/feed.xml`. */
  url: string;
  /** The page the feed follows: `/` for the site's feed, the tag's page for a tag's. */
  page: string;
  /** Its title when it is not the site's: `AI 周报 · 标签：人工智能`. */
  title?: string;
  /** The XSL stylesheet a browser shows the feed with, as a path from the host (with the site's folder): `/blog/feed.xsl`. */
  stylesheet?: string;
}

/**
 * A moment in the site's zone (`2026-02-05T00:00:00+08:00`): the same instant as in UTC, written
 * so that its first ten characters are the day the author meant, which the feed's XSL page shows.
 */
function siteMoment(moment: Date, zone: string): string {
  return DateTime.fromJSDate(moment, { zone }).toISO({ suppressMilliseconds: true }) ?? moment.toISOString();
}

/** Text in XML: the five characters that could end it. Characters XML cannot hold are replaced later (xmlSafe). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Atom 1.0 (RFC 4287) of the newest `feeds.items` of the given reports (newest first). */
export function atomFeed(items: readonly FeedItem[], opts: ResolvedOptions, place: FeedPlace, facts: (item: FeedItem) => EntryFacts): string {
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
      `    <published>${siteMoment(published, opts.timezone)}</published>`,
      `    <updated>${siteMoment(published, opts.timezone)}</updated>`,
      ...(summary !== "" ? [`    <summary>${escapeXml(summary)}</summary>`] : []),
      ...tagsOf(item.data).map((tag) => `    <category term="${escapeXml(tag)}"/>`),
      `    <content type="html">${escapeXml(content)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  // The feed changes when its newest entry does: no build time, so the same site gives the same bytes.
  const updated = chosen.length > 0 ? siteMoment(facts(chosen[0]!).published, opts.timezone) : "1970-01-01T00:00:00.000Z";
  const page = encodeUrl(`${site.url}${place.page}`);
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    // A browser shows the feed as a page through this stylesheet; feed readers ignore it.
    ...(place.stylesheet ? [`<?xml-stylesheet href="${escapeXml(place.stylesheet)}" type="text/xsl"?>`] : []),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
    `  <title>${escapeXml(place.title ?? site.title)}</title>`,
    ...(site.description !== "" ? [`  <subtitle>${escapeXml(site.description)}</subtitle>`] : []),
    `  <link href="${escapeXml(encodeUrl(`${site.url}${place.url}`))}" rel="self"/>`,
    `  <link href="${escapeXml(page)}"/>`,
    // The WebSub hubs `weekly notify` pings when a report goes live: feed readers subscribed there hear at once.
    ...hubsOf(opts).map((hub) => `  <link href="${escapeXml(hub)}" rel="hub"/>`),
    `  <updated>${updated}</updated>`,
    `  <id>${escapeXml(page)}</id>`,
    `  <author>`,
    `    <name>${escapeXml(site.author || site.title)}</name>`,
    `  </author>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}
