// Reading a source's feed: its bytes to text, RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed to one
// list of items with plain-text titles, absolute links and dates. Nothing in a feed is trusted.
import type { Said } from "../core/show.js";
import { XMLValidator } from "fast-xml-parser";
import type { AnyFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from "feedsmith";
import { onFirstUse } from "../core/onFirstUse.js";
import { DateTime, FixedOffsetZone } from "luxon";
import { decodeFeed } from "./charset.js";
import { repairJson, repairWarning, repairXml, type Repaired } from "./repair.js";
import { cleanText, plainText } from "./itemText.js";

/** The feed parser, loaded when a feed is read. */
const feedsmith = onFirstUse<typeof import("feedsmith")>("feedsmith");

export const NOT_A_FEED: Said = { en: "not a feed (RSS, Atom, RDF or JSON Feed expected)", zh: "不是订阅源（应为 RSS、Atom、RDF 或 JSON Feed）" };
export const AN_HTML_PAGE: Said = { en: "not a feed (an HTML page)", zh: "不是订阅源（是一个 HTML 页面）" };

/** An HTML page's start. A comment cannot hold `-->`, so that a body of many comments is one parse, not 2ⁿ. */
const HTML_PAGE_RE = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->)[\s\S])*-->\s*)*<(?:!doctype\s+html|html|head|body)(?=[\s>])/i;
/** PHP-made feeds often print blank lines before the XML declaration, which XML forbids and feed readers accept. */
const LATE_DECLARATION_RE = /^(\s+)(<\?xml[^>]*\?>)/;
/** A place fast-xml-parser's validator gives inside its message: `(opened in line 3, col 12)`. */
const MESSAGE_PLACE_RE = /\bline (\d+), col (\d+)/g;
const JSON_POSITION_RE = /\s+in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/;

/** How much of a body is read to tell an HTML page. */
const HTML_SNIFF_LENGTH = 4096;
/**
 * RSS titles are text by the RSS Best Practices Profile, yet many feeds put HTML in them; like
 * most feed readers, a title holding an HTML tag is read as HTML. Tag names are listed so that
 * `vector<int>` stays text; tags whose content HTML hides (script, style, iframe) are not, so that
 * a title naming one (`Why the <style> element blocks rendering`) keeps its words.
 */
const HTML_TAG_RE = /<\/?(?:a|abbr|b|big|br|cite|code|del|dfn|div|em|font|h[1-6]|i|img|ins|kbd|mark|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var)(?:\s[^<>]*)?\/?>/i;
/** Atom's `type`: text, html, xhtml, or a media type (RFC 4287 §3.1.1, §4.1.3). */
const ATOM_HTML_TYPE_RE = /^(?:x?html|text\/html|application\/xhtml\+xml)$/i;
const ATOM_TEXT_TYPE_RE = /^(?:text|text\/.*)$/i;

/** A date without an offset is read as UTC; one with an offset keeps it. */
const FEED_ZONE = { zone: "utc", setZone: true } as const;
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}/;
/** Longer than any date a feed writes; the cap keeps a hostile "date" from costing the readers' regular expressions time. */
const DATE_MAX_LENGTH = 100;
/**
 * The fallback for RSS dates luxon's RFC 2822 reader refuses: single-digit hours, full or
 * lower-case month names, a wrong weekday, `GMT+8` or `+08:00` zones, a zone left out (read as
 * UTC, as feed readers do), a trailing `(CST)` comment.
 */
const LOOSE_RFC_DATE_RE = /^(?:[a-z]+,?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(.*?)\s*(?:\([^)]*\))?$/i;
const OFFSET_RE = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
/** RFC 822's zone names, in minutes east of UTC (`CST` is US Central there, not China). */
const NAMED_ZONES = new Map(Object.entries({ "": 0, z: 0, gmt: 0, ut: 0, utc: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 }));
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface FeedItem {
  /** The item's id (RSS guid, Atom id, JSON id, RDF rdf:about), trimmed; undefined when none. */
  id: string | undefined;
  /** The article's address as the feed gives it, resolved against the feed's URL (and xml:base where feedsmith exposes it); undefined when none. */
  link: string | undefined;
  /** Plain text (see text.ts plainText): HTML removed and entities decoded where the format says the field is HTML; "" when none. */
  title: string;
  summary: string | undefined;
  /** published (else updated / dc:date / date_modified); undefined when none or unreadable. */
  published: DateTime | undefined;
  /** The date text when it was present but unreadable (so the command can say so). */
  unreadableDate: string | undefined;
}

export type FeedRead =
  /** `repaired`, present when the feed was malformed, says what was repaired to read it and where (one warning). */
  | { ok: true; format: "rss" | "atom" | "rdf" | "json"; title: string | undefined; items: FeedItem[]; repaired?: Said }
  | { ok: false; reason: Said };

/** Reads a feed's bytes: the items with plain-text fields, or the reason the bytes are not a feed. */
export function readFeed(bytes: Uint8Array, contentType: string | undefined, feedUrl: string): FeedRead {
  const decoded = decodeFeed(bytes, contentType);
  if ("reason" in decoded) return { ok: false, reason: decoded.reason };
  const parsed = parseDocument(decoded.text);
  if ("reason" in parsed) return { ok: false, reason: parsed.reason };
  const warning = repairWarning(parsed.repaired, decoded.note);
  const repaired = warning === undefined ? {} : { repaired: warning };
  if ("empty" in parsed) return { ok: true, format: parsed.empty, title: undefined, items: [], ...repaired };
  return { ok: true, ...convert(parsed.feed, feedUrl), ...repaired };
}

type Parsed = { feed: AnyFeed; repaired: Repaired } | { reason: Said } | { empty: AnyFeed["format"]; repaired: Repaired };

function parseDocument(text: string): Parsed {
  const start = text.search(/\S/);
  if (start < 0) return { reason: NOT_A_FEED };
  if (text[start] === "{" || text[start] === "[") return parseJson(repairJson(text));
  // A page says so in its first lines; the test never reads a whole feed (a long body would take
  // the pattern past the engine's stack).
  if (HTML_PAGE_RE.test(text.slice(0, HTML_SNIFF_LENGTH))) return { reason: AN_HTML_PAGE };
  if (text[start] !== "<") return { reason: NOT_A_FEED };
  // Blanked to the same length, so that the validator's lines and columns stay those of the file.
  const repaired = repairXml(text.replace(LATE_DECLARATION_RE, (_, space: string, declaration: string) => space + declaration.replace(/[^\n]/g, " ")));
  const valid = XMLValidator.validate(repaired.text);
  if (valid !== true) {
    // What repairs could not mend, at its place in the feed as served, here and in the message's own "line 3, col 12".
    const place = valid.err.line === undefined ? undefined : repaired.originalPlace(valid.err.line, valid.err.col ?? 1);
    const message = cleanText(valid.err.msg).replace(MESSAGE_PLACE_RE, (_, line: string, col: string) => {
      const original = repaired.originalPlace(Number(line), Number(col));
      return `line ${original.line}, col ${original.column}`;
    });
    return { reason: parseError("XML", message, place?.line, valid.err.col === undefined ? undefined : place?.column) };
  }
  const { detectRssFeed, detectAtomFeed, detectRdfFeed } = feedsmith();
  return parseWith(repaired.text, repaired, [["rss", detectRssFeed], ["atom", detectAtomFeed], ["rdf", detectRdfFeed]]);
}

/** `XML error at line 3, column 12: …` (`XML 错误（第 3 行第 12 列）：…`): the parser's own message, at its place when it gives one. */
function parseError(language: "XML" | "JSON", message: string, line?: number, col?: number): Said {
  const en = line === undefined ? "" : col === undefined ? ` at line ${line}` : ` at line ${line}, column ${col}`;
  const zh = line === undefined ? "" : col === undefined ? `（第 ${line} 行）` : `（第 ${line} 行第 ${col} 列）`;
  return { en: `${language} error${en}: ${message}`, zh: `${language} 错误${zh}：${message}` };
}

function parseJson(repaired: Repaired): Parsed {
  const { text } = repaired;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = JSON_POSITION_RE.exec(message);
    if (!at) return { reason: parseError("JSON", cleanText(message)) };
    // V8 gives an offset (and since Node 22 a line too): one form for every Node version.
    const before = text.slice(0, Number(at[1])).split("\n");
    const place = repaired.originalPlace(before.length, before.at(-1)!.length + 1);
    return { reason: parseError("JSON", cleanText(message.slice(0, at.index)), place.line, place.column) };
  }
  return parseWith(value, repaired, [["json", feedsmith().detectJsonFeed]]);
}

function parseWith(value: unknown, repaired: Repaired, formats: Array<[AnyFeed["format"], (value: unknown) => boolean]>): Parsed {
  const { DetectError, MalformedError, ParseError, parseFeed } = feedsmith();
  try {
    return { feed: parseFeed(value), repaired };
  } catch (error) {
    // feedsmith finds nothing to read in a channel with no title, link or item: a feed all the same.
    const empty = error instanceof ParseError ? formats.find(([, detect]) => detect(value))?.[0] : undefined;
    if (empty) return { empty, repaired };
    if (error instanceof DetectError || error instanceof ParseError) return { reason: NOT_A_FEED };
    if (error instanceof MalformedError) return { reason: parseError("XML", cleanText(String((error.cause as Error | undefined)?.message ?? error.message))) };
    throw error;
  }
}

type Converted = { format: AnyFeed["format"]; title: string | undefined; items: FeedItem[] };

function convert(parsed: AnyFeed, feedUrl: string): Converted {
  switch (parsed.format) {
    case "rss": {
      const base = resolve(parsed.feed.xml?.base, feedUrl) ?? feedUrl;
      return { format: "rss", title: rssTitle(parsed.feed.title), items: (parsed.feed.items ?? []).map((item) => rssItem(item, base)) };
    }
    case "rdf": {
      const base = resolve(parsed.feed.xml?.base, feedUrl) ?? feedUrl;
      return { format: "rdf", title: rssTitle(parsed.feed.title), items: (parsed.feed.items ?? []).map((item) => rssItem(item, base)) };
    }
    case "atom": {
      const base = resolve(parsed.feed.xml?.base, feedUrl) ?? feedUrl;
      return { format: "atom", title: atomText(parsed.feed.title), items: (parsed.feed.entries ?? []).map((entry) => atomEntry(entry, base)) };
    }
    case "json":
      return { format: "json", title: nonEmpty(cleanText(parsed.feed.title ?? "")), items: (parsed.feed.items ?? []).map((item) => jsonItem(item, feedUrl)) };
  }
}

/** RSS 2.0 and RSS 1.0 items: the same fields, save the id (guid, rdf:about) and the date (pubDate, dc:date). */
function rssItem(item: RssFeed.Item<string> | RdfFeed.Item<string>, channelBase: string): FeedItem {
  const base = resolve(item.xml?.base, channelBase) ?? channelBase;
  const guid = "guid" in item ? item.guid : undefined;
  // A guid is the item's address unless isPermaLink="false" (RSS 2.0): used when there is no link.
  const permalink = guid && guid.isPermaLink !== false && /^https?:\/\//i.test(guid.value ?? "") ? guid.value : undefined;
  return {
    id: trimmed(guid?.value ?? ("rdf" in item ? item.rdf?.about : undefined)),
    link: resolve(item.link ?? permalink, base),
    title: rssTitle(item.title) ?? "",
    summary: nonEmpty(plainText(item.description ?? "")) ?? nonEmpty(plainText(item.content?.encoded ?? "")),
    ...dated(["pubDate" in item ? item.pubDate : undefined, item.dc?.dates?.[0]]),
  };
}

function atomEntry(entry: AtomFeed.Entry<string>, feedBase: string): FeedItem {
  const base = resolve(entry.xml?.base, feedBase) ?? feedBase;
  // An Atom link without rel is rel="alternate": the entry's own page (RFC 4287 §4.2.7.2).
  const alternate = entry.links?.find((link) => (link.rel ?? "alternate") === "alternate");
  return {
    id: trimmed(entry.id),
    link: resolve(alternate?.href, base),
    title: atomText(entry.title) ?? "",
    summary: atomText(entry.summary) ?? atomText(entry.content),
    ...dated([entry.published, entry.updated, entry.dc?.dates?.[0]]),
  };
}

function jsonItem(item: JsonFeed.Item<string>, feedUrl: string): FeedItem {
  return {
    id: trimmed(item.id),
    link: resolve(item.url ?? item.external_url, feedUrl),
    title: cleanText(item.title ?? ""),
    summary: nonEmpty(cleanText(item.summary ?? "")) ?? nonEmpty(cleanText(item.content_text ?? "")) ?? nonEmpty(plainText(item.content_html ?? "")),
    ...dated([item.date_published, item.date_modified]),
  };
}

function rssTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  return nonEmpty(HTML_TAG_RE.test(title) ? plainText(title) : cleanText(title));
}

/** Atom text by its type; content given by `src`, or base64 of another media type, has no text here. */
function atomText(text: { value?: string; type?: string } | undefined): string | undefined {
  if (text?.value === undefined) return undefined;
  const type = text.type ?? "text";
  if (ATOM_HTML_TYPE_RE.test(type)) return nonEmpty(plainText(text.value));
  return ATOM_TEXT_TYPE_RE.test(type) ? nonEmpty(cleanText(text.value)) : undefined;
}

/** A link resolved against its base; the link as given when either cannot be parsed (safeLink says why later). */
function resolve(link: string | undefined, base: string): string | undefined {
  const text = trimmed(link);
  if (text === undefined) return undefined;
  try {
    return new URL(text, base).href;
  } catch {
    return text;
  }
}

function trimmed(text: string | undefined): string | undefined {
  return nonEmpty(text?.trim() ?? "");
}

function nonEmpty(text: string): string | undefined {
  return text === "" ? undefined : text;
}

/** The first readable date among those given, in order of preference; else the first unreadable one's text. */
function dated(texts: Array<string | undefined>): Pick<FeedItem, "published" | "unreadableDate"> {
  const present = texts.map((text) => cleanText(text ?? "")).filter((text) => text !== "");
  for (const text of present) {
    const published = readFeedDate(text);
    if (published) return { published, unreadableDate: undefined };
  }
  return { published: undefined, unreadableDate: present[0] };
}

/** A feed's date: ISO 8601 (Atom, dc:date, JSON Feed) or RFC 2822 (RSS) and its common variants, keeping the feed's offset. */
export function readFeedDate(text: string): DateTime | undefined {
  if (text.length > DATE_MAX_LENGTH) return undefined;
  const candidates = ISO_DATE_RE.test(text)
    ? [DateTime.fromISO(text, FEED_ZONE), DateTime.fromISO(text.replace(" ", "T"), FEED_ZONE)]
    : [DateTime.fromRFC2822(text, FEED_ZONE), DateTime.fromHTTP(text, FEED_ZONE), looseRfcDate(text)];
  return candidates.find((date) => date?.isValid);
}

function looseRfcDate(text: string): DateTime | undefined {
  const match = LOOSE_RFC_DATE_RE.exec(text);
  if (!match) return undefined;
  const [, day, monthName, yearText, hour, minute, second, zoneText] = match;
  const month = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
  const offset = zoneOffset(zoneText!);
  if (month === 0 || offset === undefined) return undefined;
  // Two-digit years as RFC 2822 §4.3 reads them: 00–49 are 20xx, 50–99 are 19xx.
  const year = yearText!.length === 2 ? Number(yearText) + (Number(yearText) < 50 ? 2000 : 1900) : Number(yearText);
  const zone = offset === 0 ? FixedOffsetZone.utcInstance : FixedOffsetZone.instance(offset);
  return DateTime.fromObject({ year, month, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) }, { zone });
}

/** Minutes east of UTC, or undefined for a zone that cannot be read. */
function zoneOffset(zone: string): number | undefined {
  const named = NAMED_ZONES.get(zone.toLowerCase());
  if (named !== undefined) return named;
  const match = OFFSET_RE.exec(zone);
  if (!match) return undefined;
  const [, sign, hours, minutes] = match;
  if (Number(hours) > 14 || Number(minutes ?? 0) > 59) return undefined;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
}
