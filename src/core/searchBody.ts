// The mark that puts a page in the search index: Pagefind indexes the element marked
// `data-pagefind-body` of each page that has one, and no page without; the search index's cache
// keys a page by what Pagefind reads of it.

/** A tag with the attribute that marks what Pagefind indexes (markup, never text, which is escaped). */
export const SEARCH_BODY_RE = /<[a-z][^<>]*\sdata-pagefind-body[\s=/>]/i;

/**
 * A start or end tag, its attributes' quoted values read whole (`title="a>b"` does not end it).
 * Sticky: matched at the `<` it is set to.
 */
const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
/** `data-pagefind-ignore` in its "index" form (no value, `index` or `true`): the element's text is left out, its metadata and filters not. */
const IGNORED_INDEX_VALUES = new Set(["", "index", "true"]);
/** One attribute of a tag: its name, and its value quoted either way or not at all. */
const ATTRIBUTE_RE = /\s+([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** A tag's attributes by name (lower case): the first of a name counts, as in HTML. */
function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, double, single, bare] of text.matchAll(ATTRIBUTE_RE)) {
    const key = name!.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, double ?? single ?? bare ?? "");
  }
  return attributes;
}
const PAGEFIND_ATTRIBUTE_RE = /\sdata-pagefind-/i;
/**
 * The elements whose content can be left out of the key, and that it may hold: plain text markup.
 * Never `h1`, `img` or `title` (Pagefind takes a page's title and image from those wherever they
 * are), nor anything whose content is not markup (`script`, `style`, `textarea`) or that the
 * parser closes by itself (tables, forms).
 */
const BLOCKS = ["aside", "blockquote", "dd", "div", "dl", "dt", "footer", "h2", "h3", "h4", "h5", "h6", "header", "li", "nav", "ol", "p", "section", "ul"];
const PLAIN = new Set([...BLOCKS, "a", "abbr", "b", "br", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr"]);
/**
 * The ignored elements whose content can be left out: blocks only. Text in an inline element
 * (`<span>`) is also the text of the heading around it, if that heading has an id (Pagefind's
 * anchors), ignored or not.
 */
const LEAVABLE = new Set(BLOCKS);

/**
 * A page's HTML as the search index's cache keys it: what Pagefind reads of it, where that can be
 * told for certain. Pagefind leaves out the text of an element marked `data-pagefind-ignore` (the
 * theme's table of contents, related reports and pager): a report going live changes the related
 * reports and the pager of other reports, but not what Pagefind indexes of them, so their year's
 * part of the index is kept. Such an element's content is left out of the key only when it is plain
 * markup (PLAIN), none of it marked for Pagefind (`data-pagefind-*`) and none of it the page's
 * title or image; anything else is kept in the key as it is. Such an element contributes no text,
 * no space and no anchor of its own to what Pagefind indexes (its start tag is not a `<br>`, it is a
 * block, so no heading's anchor takes its text), so it is left out whole unless its own tag carries
 * other `data-pagefind-*` attributes; spaces alone between two tags count as one (blanksAsOne).
 * Works on the page's bytes read as latin1, and gives them back the same way.
 */
export function indexedContent(html: string): string {
  let kept = "";
  let from = 0;
  // Only the tags that carry the mark are looked at: the rest of the page is kept as it is.
  for (let hit = html.indexOf(IGNORE_MARK); hit >= 0; hit = html.indexOf(IGNORE_MARK, Math.max(hit + 1, from))) {
    const at = html.lastIndexOf("<", hit);
    if (at < from) continue;
    TAG_RE.lastIndex = at;
    const tag = TAG_RE.exec(html);
    // The mark must be in this tag (not text after it), on a block the rules allow.
    if (!tag || at + tag[0].length <= hit || tag[1] === "/" || !LEAVABLE.has(tag[2]!.toLowerCase())) continue;
    const attributes = attributesOf(tag[3]!);
    const ignore = attributes.get(IGNORE_MARK)?.toLowerCase();
    if (ignore === undefined || !IGNORED_INDEX_VALUES.has(ignore) || attributes.has("data-pagefind-body")) continue;
    const name = tag[2]!.toLowerCase();
    const inner = at + tag[0].length;
    const end = closingTag(html, inner, name);
    if (!end) continue;
    // An element that says nothing else to Pagefind goes whole (a report with no related reports
    // has no such list: that is the same); one with its own metadata or filters keeps its tags.
    const whole = ![...attributes.keys()].some((attribute) => attribute.startsWith("data-pagefind-") && attribute !== IGNORE_MARK);
    kept += html.slice(from, whole ? at : inner);
    from = whole ? end.after : end.at;
  }
  return blanksAsOne(from === 0 ? html : kept + html.slice(from));
}

const IGNORE_MARK = "data-pagefind-ignore";
/** Spaces alone between two tags. */
const BLANK_RE = />[ \t\n\r\f]+</g;
/** An attribute's value with a `>` in it: there a blank between `>` and `<` may be in the value. */
const VALUE_WITH_GT_RE = /=\s*(?:"[^"]*>|'[^']*>)/;

/**
 * Spaces alone between two tags as one space: Pagefind reads any run of spaces as one, and a
 * block left out leaves the spaces on both its sides (one run more or less than a page without
 * it). Not done in a page with a `>` in an attribute's value, where such spaces may be part of the
 * value, which Pagefind reads as it is written.
 */
function blanksAsOne(html: string): string {
  return VALUE_WITH_GT_RE.test(html) ? html : html.replace(BLANK_RE, "> <");
}

/** Where the element `name` whose content starts at `start` ends: its end tag, if its content is plain markup. */
function closingTag(html: string, start: number, name: string): { at: number; after: number } | undefined {
  for (let at = html.indexOf("<", start); at >= 0; at = html.indexOf("<", at + 1)) {
    TAG_RE.lastIndex = at;
    const tag = TAG_RE.exec(html);
    if (!tag) return undefined; // a comment, a stray "<": not plain
    const tagName = tag[2]!.toLowerCase();
    if (tag[1] === "/" && tagName === name) return { at, after: at + tag[0].length };
    if (tagName === name || !PLAIN.has(tagName) || PAGEFIND_ATTRIBUTE_RE.test(tag[3]!)) return undefined;
    at += tag[0].length - 1;
  }
  return undefined;
}
