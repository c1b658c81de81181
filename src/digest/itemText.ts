// Text from other people's feeds made safe to republish: HTML to plain text, plain text to Markdown
// that renders as exactly that text, cuts that never split a character, links and their keys.
import type { Said } from "../core/show.js";
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

/** ASCII punctuation markdown-it reads as syntax wherever it stands: emphasis, code spans, links and images (`[`), and a backslash's own escapes are handled apart. */
const ALWAYS_ESCAPED = new Set("`*[]");
/** What opens a block at the start of a line, where a list item's text would be read as a nested block: `# 标题`, `> 引用`, `+ x`, `- x`. */
const BLOCK_START = new Set("#>+-");
/** A number at the start followed by `.` or `)` would open an ordered list: `2026. …`, `2026) …`. */
const LEADING_NUMBER_RE = /^\d+$/;
const ASCII_LETTER_RE = /[A-Za-z]/;
const LETTER_RE = /\p{L}/u;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;
const ASCII_PUNCTUATION_RE = /[!-/:-@[-`{-~]/;
/** What follows `&` in an entity markdown-it would decode: `&amp;`, `&#60;`, `&#x3C;`. */
const ENTITY_REST_RE = /^(?:#[xX][0-9A-Fa-f]+|#\d+|[A-Za-z][A-Za-z0-9]*);/;
/** What follows `<` in raw HTML or an autolink: a tag, a closing tag, a comment or declaration, a processing instruction. */
const TAG_START_RE = /[A-Za-z\/!?]/;

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
 * cleanText: a line break would end the list item it is written in), escaping only what would be
 * syntax where it stands, so that the author can edit the file: `Monday-morning (Sunday in UTC)`
 * and `OpenAI & Microsoft` stay as they are, while `**bold**`, `[x](y)`, `<b>`, `&amp;`, `~~x~~`,
 * `# x` at the start and `{{ x }}` are escaped. Backslash escapes are markdown-it's own
 * `text_special` tokens, which its linkify rule skips, so an escaped `.`, `:` or `/` splits what
 * linkify would read as an address. Quotes are left as they are, so a site that turns on
 * markdown-it's typographer gets curly ones; `--` is escaped, which it would make a dash.
 */
export function markdownText(text: string): string {
  const chars = [...cleanText(text)];
  let out = "";
  chars.forEach((char, i) => {
    if (ALWAYS_ESCAPED.has(char) || needsEscape(chars, i, out)) out += "\\";
    out += char;
  });
  return out;
}

/** Whether `chars[i]` would be syntax where it stands (`written`: the text before it, as written). */
function needsEscape(chars: readonly string[], i: number, written: string): boolean {
  const char = chars[i]!;
  const before = chars[i - 1] ?? "";
  const after = chars[i + 1] ?? "";
  if (i === 0 && BLOCK_START.has(char)) return true;
  switch (char) {
    // `openai.com`, `www.x`, `a@b.cn`: linkify's fuzzy links need a letter after a dot. `1. x`: a list.
    case ".":
      return LETTER_RE.test(after) || LEADING_NUMBER_RE.test(written);
    // `2026) x`: a list.
    case ")":
      return LEADING_NUMBER_RE.test(written);
    // `https:`, `mailto:`, and any scheme a site adds to linkify.
    case ":":
      return ASCII_LETTER_RE.test(before) && after !== "" && after !== " ";
    // `//host`: linkify's protocol-relative links.
    case "/":
      return before === "/";
    // `user@host`.
    case "@":
      return before !== "" && before !== " " && after !== "" && after !== " ";
    // Emphasis, unless inside a word (`snake_case`), where `_` never opens or closes it.
    case "_":
      return !(LETTER_OR_DIGIT_RE.test(before) && LETTER_OR_DIGIT_RE.test(after));
    // `~~gone~~`: strikethrough; `--`: the typographer's dash.
    case "~":
    case "-":
      return before === char || after === char;
    // `&amp;`, `&#60;`: an entity.
    case "&":
      return ENTITY_REST_RE.test(chars.slice(i + 1, i + 34).join(""));
    // `<b>`, `</b>`, `<!--`, `<https://…>`: raw HTML or an autolink.
    case "<":
      return TAG_START_RE.test(after);
    // `{{`, `{%`, `{#` and their ends: no template language finds a tag in a digest.
    case "{":
      return after === "{" || after === "%" || after === "#" || before === "{";
    case "}":
      return before === "}" || before === "%" || before === "#" || after === "}";
    // A backslash escapes the punctuation after it, and ends a line as a hard break.
    case "\\":
      return after === "" || ASCII_PUNCTUATION_RE.test(after);
    default:
      return false;
  }
}

/** A cut looks back for a boundary this far at most: the text kept is never shorter than 60 % of the room. */
const NEAR = 0.6;
/** Characters segmented past the room: longer than a word, so the last words are read whole. */
const SEGMENT_MARGIN = 32;
const SENTENCES = new Intl.Segmenter("zh", { granularity: "sentence" });
const WORDS = new Intl.Segmenter("zh", { granularity: "word" });
/** Punctuation that ends a clause, where a cut reads naturally: full-width and ASCII. */
const CLAUSE_END_RE = /[，、；：,;:]/gu;
/** What a cut at a sentence's or clause's end drops before its "…": the mark that ended it, and spaces. */
const END_MARKS_RE = /[\s。！？!?.，、；：,;:]+$/u;

/**
 * Cuts to at most `max` characters (grapheme clusters, so no pair, combining sequence or emoji is
 * broken), adding "…" when cut (the … counts in the max). The cut falls where a reader expects
 * one, when one is near the end of the room: after a sentence (Intl.Segmenter's sentences, Chinese
 * `。！？` and Latin ones alike), else after a clause (`，、；：`), else between two words (Latin
 * never inside a word, Chinese between the words Intl.Segmenter finds); the mark that ended it
 * gives way to the "…".
 */
export function cutText(text: string, max: number = DEFAULT_CUT): string {
  if (max <= 0) return "";
  const graphemes = [...GRAPHEMES.segment(text)].map(({ segment }) => segment);
  if (graphemes.length <= max) return text;
  const room = graphemes.slice(0, max - 1).join("");
  const near = graphemes.slice(0, Math.ceil((max - 1) * NEAR)).join("").length;
  // Only the room and a little after it are segmented (a feed's summary may be a whole article); the
  // margin lets the words and sentences at the room's end be found as in the whole text.
  const head = graphemes.slice(0, max + SEGMENT_MARGIN).join("");
  const ends = (segmenter: Intl.Segmenter) => [...segmenter.segment(head)].map(({ index, segment }) => index + segment.length);
  const latest = (positions: number[]) => Math.max(-1, ...positions.filter((at) => at >= near && at <= room.length));
  const sentence = latest(ends(SENTENCES));
  const clause = latest([...room.matchAll(CLAUSE_END_RE)].map((match) => match.index + 1));
  const word = latest(ends(WORDS));
  const at = sentence >= 0 ? sentence : clause >= 0 ? clause : word >= 0 ? word : room.length;
  const kept = head.slice(0, at).replace(sentence >= 0 || clause >= 0 ? END_MARKS_RE : /\s+$/u, "");
  return `${kept === "" ? room.trimEnd() : kept}${ELLIPSIS}`;
}

/** An http(s) link made safe for a Markdown link destination (percent-encode spaces, parentheses, <, >, quotes, backslash, braces and control characters), its tracking parameters left out, or the reason it is refused. */
export function safeLink(link: string): { url: string } | { refused: Said } {
  if (link.trim() === "") return { refused: { en: "an empty link", zh: "空链接" } };
  const url = parseUrl(link);
  if (url === undefined) {
    return parseUrl(link, PROBE_BASE) === undefined ? { refused: { en: "not a URL", zh: "不是 URL" } } : { refused: { en: "a relative link, with no address to resolve it against", zh: "相对链接，没有可以用来解析它的地址" } };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { refused: { en: `only http and https links are kept, not ${url.protocol}`, zh: `只保留 http 和 https 链接，不保留 ${url.protocol}` } };
  // `http://trusted.example@evil.example/` shows one host and goes to another.
  if (url.username !== "" || url.password !== "") return { refused: { en: "a link with a user name or password", zh: "带用户名或密码的链接" } };
  withoutTracking(url);
  return { url: url.href.replace(UNSAFE_IN_DESTINATION_RE, percentEncode) };
}

/** Whether a query parameter says who sent the reader (`utm_source`, `spm`, `fbclid`…), not what they read. */
function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith(TRACKING_PREFIX) || TRACKING_PARAMS.has(lower);
}

/** The link without its tracking parameters; the other parameters kept as written, in their order. */
function withoutTracking(url: URL): void {
  if (url.search === "") return;
  const kept = url.search.slice(1).split("&").filter((pair) => {
    const name = pair.split("=")[0]!;
    try {
      return !isTracking(decodeURIComponent(name.replace(/\+/g, " ")));
    } catch {
      return !isTracking(name);
    }
  });
  url.search = kept.length === 0 ? "" : `?${kept.join("&")}`;
}

/** The key for duplicates: the same article under different tracking parameters, fragments or host case gets one key. undefined for non-http(s). */
export function linkKey(link: string): string | undefined {
  const url = parseUrl(link);
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  const params = new URLSearchParams(url.search);
  for (const name of [...params.keys()]) if (isTracking(name)) params.delete(name);
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
