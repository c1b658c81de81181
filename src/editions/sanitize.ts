// The report's body made fit for every edition before any of them reads it: only the elements,
// attributes and CSS properties listed here are kept, and what is removed is named, so that
// `weekly export` and the preview can say what the author's raw HTML lost. An element left open
// (`<iframe>`, `<textarea>`, `<!--`, `<math>` with a `<style>` in it) loses its tag only: the rest
// of the report after it is still the report, not that element's content.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { parseDocument } from "htmlparser2";
import { isComment, isTag, isText, type ChildNode, type Element, type ParentNode } from "domhandler";
import render from "dom-serializer";

/** Elements kept, with their content: what Markdown writes, and the text-level HTML an author adds. */
const KEPT_ELEMENTS = new Set([
  "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
  "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd",
  "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong", "sub",
  "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
]);
/**
 * Elements removed with their content: they run, embed, submit or style something, or hold text a
 * reader was never meant to read as prose. Any other element is unwrapped (its content kept).
 */
const DROPPED_WITH_CONTENT = new Set([
  "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
  "noframes", "xmp", "plaintext", "textarea", "select", "option", "button", "input", "form", "title", "head", "meta",
  "link", "base", "svg", "math", "audio", "video", "canvas", "map", "dialog",
]);
/** Elements whose content htmlparser2 reads as raw text up to their end tag: left open, they swallow the rest. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"]);
/** Elements or comments left open that are reopened one by one (a parse each) before the rest go at once. */
const MAX_REOPENED = 50;
const RAW_TEXT_OPENING_RE = /<(?:script|style|title|textarea|xmp|iframe|noembed|noframes|plaintext)(?=[\s/>])[^>]*>|<!--|<!\[CDATA\[/gi;
/**
 * Attributes kept on any element. Ids, classes and tabindex (the site's scrollable code blocks) are
 * the site's own markup, which the mail and WeChat editions drop themselves without a warning.
 */
const GLOBAL_ATTRIBUTES = new Set(["title", "lang", "dir", "style", "id", "class", "tabindex", "hidden"]);
const ELEMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ["href"],
  img: ["src", "alt", "width", "height", "loading", "decoding"],
  blockquote: ["cite"], q: ["cite"], del: ["cite", "datetime"], ins: ["cite", "datetime"], time: ["datetime"],
  td: ["colspan", "rowspan", "align", "valign"], th: ["colspan", "rowspan", "align", "valign", "scope"],
  col: ["span"], colgroup: ["span"], ol: ["start", "reversed", "type"], li: ["value"],
};
/** Attributes holding an address: kept only for http(s) and mailto (every address is absolute by now). */
const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
/** CSS properties an author's `style` keeps: text, colour, box and table looks, nothing that moves or covers the page. */
const KEPT_PROPERTIES = new Set([
  "color", "background-color", "font-weight", "font-style", "font-size", "font-family", "font-variant", "text-align",
  "text-decoration", "text-transform", "text-indent", "vertical-align", "line-height", "letter-spacing", "word-spacing",
  "white-space", "word-break", "overflow-wrap", "word-wrap", "width", "min-width", "max-width", "height", "margin",
  "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top", "padding-right",
  "padding-bottom", "padding-left", "border", "border-top", "border-right", "border-bottom", "border-left",
  "border-color", "border-style", "border-width", "border-radius", "border-collapse", "border-spacing",
  "list-style-type", "list-style-position", "caption-side", "table-layout", "direction",
]);
/** A CSS value that could fetch, run or hide something: addresses, expressions, escapes, comments, at-rules. */
const UNSAFE_VALUE_RE = /url\s*\(|image(-set)?\s*\(|expression\s*\(|(java|vb)script\s*:|[\\<>@]|\/\*/i;
/** How each kind of comment ends: `<!--` at `-->` (or `--!>`), CDATA at `]]>`, a bogus comment (`<!x`, `<?x`) at `>`. */
const COMMENT_ENDS: Readonly<Record<string, RegExp>> = { "<!--": /.--!?>$/s, "<![CDATA[": /.\]\]>$/s, "<!": />$/, "<?": />$/ };
const PROPERTY_NAME_RE = /^-?[a-z][a-z-]*$/;
/** Shown values are cut to this many characters: the warning names the construct, it does not reprint it. */
const SHOWN_VALUE = 40;

/** The body as every edition reads it, and what was removed (each construct once, with a count when repeated). */
export interface SanitizedBody {
  html: string;
  removed: Said[];
}

/** Keeps only what the allow-lists name; see the module's comment. Relative addresses are read against `pageUrl`. */
export function sanitizeBody(html: string, pageUrl: string): SanitizedBody {
  // By its English: each construct once, with how often.
  const removed = new Map<string, { what: Said; count: number }>();
  const note = (what: Said) => {
    const seen = removed.get(inEnglish(what));
    if (seen) seen.count++;
    else removed.set(inEnglish(what), { what, count: 1 });
  };
  const source = withoutUnclosedRawText(html, note);
  const document = parseDocument(source, { withStartIndices: true, withEndIndices: true });
  cleanChildren(document, { source, pageUrl, note });
  return {
    html: render(document, { encodeEntities: "utf8" }),
    removed: [...removed.values()].map(({ what, count }) => (count > 1 ? { en: `${inEnglish(what)} (${count}×)`, zh: `${inChinese(what)}（${count}×）` } : what)),
  };
}

/**
 * The source without the opening of each raw-text element or comment that is never closed, so
 * that what follows it is read as HTML again: one at a time, from the first, until none is left.
 */
function withoutUnclosedRawText(html: string, note: (what: Said) => void): string {
  let source = html;
  for (let reopened = 0; reopened < MAX_REOPENED; reopened++) {
    const document = parseDocument(source, { withStartIndices: true, withEndIndices: true });
    const open = firstUnclosed(document.children, source);
    if (open === undefined) return source;
    note(open.what);
    source = source.slice(0, open.start) + source.slice(open.end);
  }
  // Each pass parses the whole body: past this many, every such opening goes at once (their content stays, as text).
  note({ en: "every further <script>, <style>, <iframe>, <textarea>, <!-- … opening (too many left open)", zh: "之后每一个 <script>、<style>、<iframe>、<textarea>、<!-- … 的开头（未闭合的太多）" });
  return source.replace(RAW_TEXT_OPENING_RE, "");
}

function firstUnclosed(nodes: readonly ChildNode[], source: string): { what: Said; start: number; end: number } | undefined {
  for (const node of nodes) {
    if (isComment(node)) {
      const text = source.slice(node.startIndex ?? 0, (node.endIndex ?? 0) + 1);
      const opening = /^<[!?](--|\[CDATA\[)?/i.exec(text)?.[0] ?? "<!";
      if (COMMENT_ENDS[opening.toUpperCase()]!.test(text)) continue;
      const what = { en: `unclosed ${opening === "<!--" ? "comment <!--" : opening} (only its opening removed)`, zh: `未闭合的${opening === "<!--" ? "注释 <!--" : ` ${opening}`}（只删除了它的开头）` };
      return { what, start: node.startIndex ?? 0, end: (node.startIndex ?? 0) + opening.length };
    }
    if (!isTag(node)) continue;
    if (RAW_TEXT.has(node.name) && !closed(node, source)) {
      const contentStart = node.children[0]?.startIndex ?? (node.endIndex ?? 0) + 1;
      return { what: { en: `unclosed <${node.name}> (only its opening tag removed)`, zh: `未闭合的 <${node.name}>（只删除了它的开始标签）` }, start: node.startIndex ?? 0, end: contentStart };
    }
    const inner = firstUnclosed(node.children, source);
    if (inner) return inner;
  }
  return undefined;
}

/** Whether an element's end tag is in the source (not ended by its parent's end or the end of the text). */
function closed(element: Element, source: string): boolean {
  return new RegExp(`</${element.name}\\s*>$`, "i").test(source.slice(element.startIndex ?? 0, (element.endIndex ?? 0) + 1));
}

/** What cleaning one body carries along. */
interface Cleaning {
  source: string;
  pageUrl: string;
  note: (what: Said) => void;
}

function cleanChildren(parent: ParentNode, cleaning: Cleaning): void {
  const { source, note } = cleaning;
  for (const node of [...parent.children]) {
    if (isText(node)) continue;
    if (!isTag(node)) {
      replace(node, []); // comments, doctypes, processing instructions: nothing a reader sees
      continue;
    }
    const name = node.name;
    if (KEPT_ELEMENTS.has(name)) {
      cleanAttributes(node, cleaning);
      cleanChildren(node, cleaning);
    } else if (DROPPED_WITH_CONTENT.has(name) && (closed(node, source) || node.children.length === 0)) {
      note(node.children.length === 0 ? `<${name}>` : { en: `<${name}> with its content`, zh: `<${name}> 及其内容` });
      replace(node, []);
    } else {
      // An unknown element, or a dropped one left open (its content is the rest of the report): its tags go, its content stays.
      note(DROPPED_WITH_CONTENT.has(name) ? { en: `unclosed <${name}> (only its tags removed)`, zh: `未闭合的 <${name}>（只删除了它的标签）` } : { en: `<${name}> (its content kept)`, zh: `<${name}>（保留了它的内容）` });
      cleanChildren(node, cleaning);
      replace(node, [...node.children]);
    }
  }
}

function cleanAttributes(element: Element, { pageUrl, note }: Cleaning): void {
  const own = ELEMENT_ATTRIBUTES[element.name] ?? [];
  for (const [name, value] of Object.entries(element.attribs)) {
    if (!GLOBAL_ATTRIBUTES.has(name) && !own.includes(name)) {
      note({ en: `${name}= on <${element.name}>`, zh: `<${element.name}> 上的 ${name}=` });
      delete element.attribs[name];
    } else if (URL_ATTRIBUTES.has(name) && !safeUrl(value, pageUrl)) {
      note({ en: `${name}=${shown(value)} on <${element.name}>`, zh: `<${element.name}> 上的 ${name}=${shown(value)}` });
      delete element.attribs[name];
    } else if (name === "style") {
      const { kept, dropped } = cleanStyle(value);
      for (const declaration of dropped) note({ en: `style ${shown(declaration)} on <${element.name}>`, zh: `<${element.name}> 上的 style ${shown(declaration)}` });
      if (kept === "") delete element.attribs.style;
      else element.attribs.style = kept;
    }
  }
}

function safeUrl(value: string, pageUrl: string): boolean {
  const trimmed = value.trim();
  return URL.canParse(trimmed, pageUrl) && SAFE_PROTOCOLS.has(new URL(trimmed, pageUrl).protocol);
}

/** A style attribute's declarations, each kept only if its property is listed and its value safe. */
export function cleanStyle(style: string): { kept: string; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const declaration of declarations(style)) {
    const colon = declaration.indexOf(":");
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (colon > 0 && PROPERTY_NAME_RE.test(property) && KEPT_PROPERTIES.has(property) && value !== "" && !UNSAFE_VALUE_RE.test(value)) {
      kept.push(`${property}:${value}`);
    } else dropped.push(declaration.replace(/\s+/g, " ").trim());
  }
  return { kept: kept.join(";"), dropped };
}

/** `a:b; c:url("x;y")` → `a:b`, `c:url("x;y")`: split at semicolons outside quotes and brackets. */
function declarations(style: string): string[] {
  const found: string[] = [];
  let [current, quote, depth] = ["", "", 0];
  for (const char of style) {
    if (quote !== "") {
      if (char === quote) quote = "";
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "(") depth += 1;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (char === ";" && depth === 0) {
      found.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  found.push(current);
  return found.filter((each) => each.trim() !== "");
}

function shown(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > SHOWN_VALUE ? `${flat.slice(0, SHOWN_VALUE)}…` : flat);
}

/** Puts `nodes` where `node` was. */
function replace(node: ChildNode, nodes: ChildNode[]): void {
  const parent = node.parent;
  if (!parent) return;
  const at = parent.children.indexOf(node);
  parent.children.splice(at, 1, ...nodes);
  for (const child of nodes) child.parent = parent;
  // Keep the sibling links consistent for the editions that walk them.
  parent.children.forEach((child, i) => {
    child.prev = parent.children[i - 1] ?? null;
    child.next = parent.children[i + 1] ?? null;
  });
}
