// The JSON Feed of the reports, written with JSON.stringify: the RSS plugin's own JSON template
// escapes text for HTML, not JSON, so a title with a backslash or a quote would break it.
import { hubsOf } from "./hubs.js";
import type { CollectionItem } from "./collections.js";
import type { ResolvedOptions } from "../core/options.js";
import { encodeUrl } from "../core/safety.js";
import { tagsOf } from "../content/tags.js";

/** `href="/x"` and `src="/x"` (root-relative, as the plugin writes links) made absolute; `srcset` too. */
const ROOT_RELATIVE_RE = /(\s(?:href|src)=["'])\/(?!\/)/g;
/** `srcset="/a-400.webp 400w, /a-800.webp 800w"`: a picture's variants, each root-relative. */
const SRCSET_RE = /(\ssrcset=)(["'])([^"']*)\2/g;
/** A candidate of a srcset that starts at the site's root. */
const SRCSET_ROOT_RE = /(^|,\s*)\/(?!\/)/g;
/** `href="#x"`: a place in the page itself. */
const FRAGMENT_HREF_RE = /(\shref=["'])#/g;

/**
 * Root-relative links made absolute; with the page's own absolute URL, links to a place in the
 * page too, which lead nowhere once the content is read outside the page (a feed reader, an email).
 */
export function absoluteLinks(html: string, siteUrl: string, pageUrl?: string): string {
  const absolute = html
    .replace(ROOT_RELATIVE_RE, `$1${siteUrl}/`)
    .replace(SRCSET_RE, (_, attribute: string, quote: string, list: string) => `${attribute}${quote}${list.replace(SRCSET_ROOT_RE, `$1${siteUrl}/`)}${quote}`);
  return pageUrl === undefined ? absolute : absolute.replace(FRAGMENT_HREF_RE, `$1${pageUrl}#`);
}

interface FeedItem extends CollectionItem {
  content?: unknown;
}

/**
 * JSON Feed 1.1 of the newest `feeds.items` of the given reports (newest first), with absolute URLs
 * and full content; `summary`: each report's, as the Atom feed gives it (its description, or the
 * excerpt the plugin made when it has none); none when that is empty.
 */
export function jsonFeed(items: readonly FeedItem[], opts: ResolvedOptions, feedUrl: string, summary: (item: FeedItem) => string = () => ""): string {
  const { site } = opts;
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    home_page_url: `${site.url}/`,
    feed_url: encodeUrl(`${site.url}${feedUrl}`),
    description: site.description,
    language: site.language,
    authors: [{ name: site.author || site.title }],
    ...(hubsOf(opts).length > 0 ? { hubs: hubsOf(opts).map((url) => ({ type: "WebSub", url })) } : {}),
    items: items.slice(0, opts.feeds.items === 0 ? undefined : opts.feeds.items).flatMap((item) => {
      if (typeof item.url !== "string") return [];
      const url = encodeUrl(`${site.url}${item.url}`);
      const data = item.data as { title?: unknown; tags?: unknown };
      const tags = tagsOf(data); // as the report's page and its tag pages read them
      const text = summary(item).trim();
      return [
        {
          id: url,
          url,
          title: typeof data.title === "string" ? data.title : "",
          content_html: absoluteLinks(typeof item.content === "string" ? item.content : "", site.url, url),
          ...(text !== "" ? { summary: text } : {}),
          date_published: item.date.toISOString(),
          ...(tags.length > 0 ? { tags } : {}),
        },
      ];
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
