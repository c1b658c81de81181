// What a page of the plugin keeps when the host's layout renders it (a report whose `layout:
// layouts/post.njk` is the host's own file): the head's canonical address, social card and feed
// links, and the mark that puts it in the search index. Each is added only where the page has
// none; the shipped layouts write them all, so their pages pass through unchanged.
import { SEARCH_BODY_RE } from "../core/searchBody.js";

/** What the head of one of the plugin's pages says about it. */
export interface OwnPageFacts {
  /** The page's absolute address, percent-encoded. */
  url: string;
  title: string;
  description: string;
  /** A page that must not be indexed gets no canonical address and no og:url. */
  noindex: boolean;
  /** The page's social card, its address absolute. */
  card?: { url: string; width: number; height: number; alt: string } | undefined;
  /** The site's feeds, their addresses absolute. */
  feeds: Array<{ type: string; title: string; url: string }>;
}

/** One element of a head: `meta` or `link`, with its attributes in order. */
export interface HeadTag {
  name: "meta" | "link";
  attributes: Array<[string, string]>;
}

const HEAD_END_RE = /<\/head\s*>/i;
const HEAD_TAG_RE = /<(meta|link)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE_RE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const MAIN_RE = /<main(?=[\s/>])/i;
const BODY_RE = /<body(?=[\s/>])/i;
const HTML_TAG_RE = /<html\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i;
const LANG_RE = /(\slang\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)/i;

/** The head elements the shipped base layout gives one of the plugin's pages, in its order. */
export function ownHeadTags(page: OwnPageFacts): HeadTag[] {
  const meta = (key: "name" | "property", name: string, content: string): HeadTag => ({ name: "meta", attributes: [[key, name], ["content", content]] });
  const tags: HeadTag[] = [];
  if (!page.noindex) tags.push({ name: "link", attributes: [["rel", "canonical"], ["href", page.url]] });
  tags.push(meta("property", "og:title", page.title), meta("property", "og:description", page.description));
  if (!page.noindex) tags.push(meta("property", "og:url", page.url));
  if (page.card) {
    const { url, width, height, alt } = page.card;
    tags.push(meta("property", "og:image", url), meta("property", "og:image:width", String(width)), meta("property", "og:image:height", String(height)), meta("property", "og:image:alt", alt));
    tags.push(meta("name", "twitter:card", "summary_large_image"), meta("name", "twitter:image", url));
  }
  for (const feed of page.feeds) tags.push({ name: "link", attributes: [["rel", "alternate"], ["type", feed.type], ["title", feed.title], ["href", feed.url]] });
  return tags;
}

/**
 * The page with each of `tags` its head lacks added before `</head>`: a meta of the same name or
 * property, the canonical link, a feed link to the same address (relative or absolute, against
 * `base`). A page without a head is left as it is.
 */
export function completeHead(html: string, tags: readonly HeadTag[], base: string): string {
  const end = HEAD_END_RE.exec(html);
  if (!end) return html;
  const present = [...html.slice(0, end.index).matchAll(HEAD_TAG_RE)].map((match) => ({ name: match[1]!.toLowerCase(), attributes: attributesOf(match[2]!) }));
  const missing = tags.filter((tag) => !present.some((other) => sameTag(tag, other, base)));
  if (missing.length === 0) return html;
  const added = missing.map((tag) => `<${tag.name} ${tag.attributes.map(([key, value]) => `${key}="${escapeAttribute(value)}"`).join(" ")}>\n`).join("");
  return html.slice(0, end.index) + added + html.slice(end.index);
}

/**
 * The page marked for the search index (`data-pagefind-body` on its `<main>`, else its `<body>`)
 * unless an element of it is marked already.
 */
export function markSearchBody(html: string): string {
  if (SEARCH_BODY_RE.test(html)) return html;
  const at = MAIN_RE.exec(html) ?? BODY_RE.exec(html);
  if (!at) return html;
  const end = at.index + at[0].length;
  return `${html.slice(0, end)} data-pagefind-body${html.slice(end)}`;
}

/**
 * The page in the site's language (`<html lang>`): a host's layout written for another language
 * (eleventy-base-blog's `lang="en"`) would make the search index read a Chinese report as English,
 * where words are split at spaces, and screen readers speak it so.
 */
export function setLanguage(html: string, language: string): string {
  const tag = HTML_TAG_RE.exec(html);
  if (!tag) return html;
  const attributes = tag[1]!;
  const lang = LANG_RE.exec(attributes);
  const value = `"${escapeAttribute(language)}"`;
  if (lang && lang[2]!.replace(/^["']|["']$/g, "") === language) return html;
  const changed = lang ? attributes.replace(LANG_RE, (_all, before: string) => `${before}${value}`) : `${attributes} lang=${value}`;
  return `${html.slice(0, tag.index)}<html${changed}>${html.slice(tag.index + tag[0].length)}`;
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE_RE)) attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? "");
  return attributes;
}

/** Whether `other`, an element of the page, says what `tag` would. */
function sameTag(tag: HeadTag, other: { name: string; attributes: Map<string, string> }, base: string): boolean {
  if (tag.name !== other.name) return false;
  const own = new Map(tag.attributes);
  const lower = (key: string) => other.attributes.get(key)?.trim().toLowerCase();
  if (tag.name === "meta") {
    const key = own.has("property") ? "property" : "name";
    // Social sites read og:* from either attribute.
    return [lower("property"), lower("name")].includes(own.get(key)!.toLowerCase());
  }
  const rels = (lower("rel") ?? "").split(/\s+/);
  if (own.get("rel") === "canonical") return rels.includes("canonical");
  return rels.includes("alternate") && sameAddress(other.attributes.get("href") ?? "", own.get("href")!, base);
}

/**
 * Whether a link's `href` leads to `url`, read against the site's address `base`; a root-relative
 * `href` also as Eleventy's HTML <base> plugin will write it, with the site's folder before it.
 */
function sameAddress(href: string, url: string, base: string): boolean {
  try {
    const target = new URL(url).href;
    const folder = new URL(`${base}/`).pathname.replace(/\/$/, "");
    const trimmed = href.trim();
    return new URL(trimmed, `${base}/`).href === target || (trimmed.startsWith("/") && !trimmed.startsWith("//") && new URL(folder + trimmed, `${base}/`).href === target);
  } catch {
    return false;
  }
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
