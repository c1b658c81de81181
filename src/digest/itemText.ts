// Text from other people's feeds made safe to republish: HTML to plain text, plain text to Markdown
// that renders as exactly that text, cuts that never split a character, links and their keys.
import { Parser } from "htmlparser2";

/** Elements whose content is not text a reader sees. */
const HIDDEN_ELEMENTS = new Set(["script", "style", "template"]);

/** Elements that end a line (or a cell) when rendered: their edges become spaces, so words do not run together. */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
]);

const WHITESPACE_RE = /\s+/g;
/** C0 and C1 controls and DEL; the whitespace among them is collapsed before this applies. */
const CONTROL_RE = /\p{Cc}/gu;
/** Half of a surrogate pair without its other half (a JSON escape can make one). */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * ASCII punctuation markdown-it could read as syntax wherever it stands (emphasis, code, links,
 * images, raw HTML, autolinks, entities, strikethrough, headings, quotes, lists, tables, hard
 * breaks), and `{ }` so that no template language finds `{{` or `{%` in a digest.
 */
const ALWAYS_ESCAPED = new Set("\\`*_[]()<>!#|~&${}+-");
/** A number at the start followed by `.` would open an ordered list: `2026. …`. */
const LEADING_NUMBER_RE = /^\d+$/;
const ASCII_LETTER_RE = /[A-Za-z]/;
const LETTER_RE = /\p{L}/u;

export const ELLIPSIS = "…";
export const DEFAULT_CUT = 120;
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Query parameters that say who sent the reader, not what they read. */
const TRACKING_PARAMS = new Set(["fbclid", "gclid", "spm", "mc_cid", "mc_eid", "ref_src", "yclid", "igshid", "_hsenc", "_hsmi"]);
const TRACKING_PREFIX = "utm_";
/** What a Markdown link destination must not hold raw: it would end the destination, or open a template tag (`{{`). */
const UNSAFE_IN_DESTINATION_RE = /[\u0000-\u0020\u007F"'()<>\\`{}]/g;
/** Any base will do: it only tells a relative link from an unparsable one. */
const PROBE_BASE = "http://relative.invalid/";

/** HTML → plain text: tags dropped (script/style/template contents too), entities decoded, block elements and <br> as spaces, whitespace including newlines collapsed to one space, trimmed. */
export function plainText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden++;
        else if (BLOCK_ELEMENTS.has(name)) parts.push(" ");
      },
      onclosetag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_ELEMENTS.has(name)) parts.push(" ");
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return cleanText(parts.join(""));
}

/** Text (not HTML) → whitespace collapsed, trimmed, control characters removed (and half a surrogate pair made U+FFFD). */
export function cleanText(text: string): string {
  return text.replace(WHITESPACE_RE, " ").replace(CONTROL_RE, "").replace(LONE_SURROGATE_RE, "\uFFFD").trim();
}

/**
 * Plain text → Markdown inline text that renders as exactly that text with markdown-it (after
 * cleanText: a line break would end the list item it is written in). Backslash escapes are
 * markdown-it's own `text_special` tokens, which its linkify rule skips, so an escaped `.`, `:`
 * or `/` splits what linkify would read as an address. The rest of ASCII punctuation is escaped
 * only where it could start syntax, so that the file stays readable; quotes are left as they are,
 * so a site that turns on markdown-it's typographer gets curly ones.
 */
export function markdownText(text: string): string {
  const chars = [...cleanText(text)];
  let out = "";
  chars.forEach((char, i) => {
    const before = chars[i - 1] ?? "";
    const after = chars[i + 1] ?? "";
    if (ALWAYS_ESCAPED.has(char) || needsEscape(char, before, after, out)) out += "\\";
    out += char;
  });
  return out;
}

/** The characters that are syntax only next to certain others. */
function needsEscape(char: string, before: string, after: string, written: string): boolean {
  switch (char) {
    // `openai.com`, `www.x`, `a@b.cn`: linkify's fuzzy links need a letter after a dot. `1. x`: a list.
    case ".":
      return LETTER_RE.test(after) || LEADING_NUMBER_RE.test(written);
    // `https:`, `mailto:`, and any scheme a site adds to linkify.
    case ":":
      return ASCII_LETTER_RE.test(before) && after !== "" && after !== " ";
    // `//host`: linkify's protocol-relative links.
    case "/":
      return before === "/";
    // `user@host`.
    case "@":
      return before !== "" && before !== " " && after !== "" && after !== " ";
    default:
      return false;
  }
}

/** Cuts to at most `max` characters (grapheme clusters, so no pair, combining sequence or emoji is broken), adding "…" when cut (the … counts in the max). */
export function cutText(text: string, max: number = DEFAULT_CUT): string {
  if (max <= 0) return "";
  const kept: string[] = [];
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (kept.length === max) return `${kept.slice(0, max - 1).join("").trimEnd()}${ELLIPSIS}`;
    kept.push(segment);
  }
  return text;
}

/** An http(s) link made safe for a Markdown link destination (percent-encode spaces, parentheses, <, >, quotes, backslash, braces and control characters), or the reason it is refused. */
export function safeLink(link: string): { url: string } | { refused: string } {
  if (link.trim() === "") return { refused: "an empty link" };
  const url = parseUrl(link);
  if (url === undefined) {
    return parseUrl(link, PROBE_BASE) === undefined ? { refused: "not a URL" } : { refused: "a relative link, with no address to resolve it against" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { refused: `only http and https links are kept, not ${url.protocol}` };
  // `http://trusted.example@evil.example/` shows one host and goes to another.
  if (url.username !== "" || url.password !== "") return { refused: "a link with a user name or password" };
  return { url: url.href.replace(UNSAFE_IN_DESTINATION_RE, percentEncode) };
}

/** The key for duplicates: the same article under different tracking parameters, fragments or host case gets one key. undefined for non-http(s). */
export function linkKey(link: string): string | undefined {
  const url = parseUrl(link);
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  const params = new URLSearchParams(url.search);
  for (const name of [...params.keys()]) {
    const lower = name.toLowerCase();
    if (lower.startsWith(TRACKING_PREFIX) || TRACKING_PARAMS.has(lower)) params.delete(name);
  }
  params.sort();
  const query = params.toString();
  // The URL parser has already lower-cased the scheme and host and dropped a default port.
  return `${url.protocol}//${url.host}${url.pathname}${query === "" ? "" : `?${query}`}`;
}

function parseUrl(link: string, base?: string): URL | undefined {
  try {
    return new URL(link.trim(), base);
  } catch {
    return undefined;
  }
}

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}
