// The WeChat (公众号) edition of a report: one HTML fragment the 公众号 editor keeps when pasted, with
// every style inline and every link to another site made a numbered reference listed at the end.
import { parseDocument } from "htmlparser2";
import { Element, Text, isTag, isText, type ChildNode } from "domhandler";
import { findOne, textContent } from "domutils";
import render from "dom-serializer";
import { blockedScheme } from "../core/safety.js";
import { LOOK, type EditionReport } from "./report.js";
import { sanitizeBody } from "./sanitize.js";

/** The only site an article body may link to: the editor refuses links anywhere else. */
const WECHAT_HOST = "mp.weixin.qq.com";
const REFERENCES_HEADING = "参考链接";
const META_SEPARATOR = " · ";
const WEB_VERSION_LABEL = "原文：";

/**
 * Elements the editor drops or that could run or submit something; their content goes with them
 * (a script's text is not prose). `xmp`, `plaintext`, `noembed`, `noframes` and `noscript` also
 * hold raw text that a browser does not decode, so it would not read as it was written.
 */
const DROPPED_ELEMENTS = new Set([
  // SVG and MathML can carry scripts, handlers and links of their own (xlink:href, <set>, <animate>).
  "svg", "math",
  "script", "noscript", "style", "link", "meta", "base", "template", "iframe", "frame", "frameset",
  "object", "embed", "applet", "form", "input", "button", "select", "textarea", "xmp", "plaintext",
  "noembed", "noframes",
]);
/** Attributes that only mean something to the site's stylesheet, scripts or in-page navigation. */
const DROPPED_ATTRIBUTES = new Set(["id", "class", "name", "tabindex", "srcset", "sizes"]);
const EVENT_HANDLER_RE = /^on/i;
/** Attributes holding an address, which must not be one that runs a script (`javascript:`). */
const URL_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction", "poster", "background", "cite", "longdesc"]);

/** Elements that lay out as blocks: whitespace between two of them is not text a reader sees. */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tbody",
  "td", "tfoot", "th", "thead", "tr", "ul",
]);
const WHITESPACE_ONLY_RE = /^\s*$/;
const WHITESPACE_RE = /\s+/g;
/** An address that would break the line a reader copies it from if shown as written. */
const UNSHOWABLE_URL_RE = /[\s\p{Cc}]/u;

/** Phone-sized type like the site's 17px/1.8: 16px body text, as most 公众号 articles set it. */
const TEXT = `font-size:16px;line-height:1.75;letter-spacing:0.5px;color:${LOOK.fg}`;
/** Between LOOK.bg and LOOK.rule: code and table heads stand out without a colour the site does not use. */
const TINT = "#f0f0ee";
const MONO = `font-family:${LOOK.mono};letter-spacing:0`;
const CELL = `border:1px solid ${LOOK.rule};padding:6px 10px`;
const heading = (size: number, margin: string) => `margin:${margin};font-size:${size}px;line-height:1.5;font-weight:700;color:${LOOK.fg}`;

/** Each element's inline style; an author's own style follows it, so the author's wins (text-align in table cells). */
const STYLES: Readonly<Record<string, string>> = {
  h1: heading(24, "0 0 8px"),
  h2: heading(20, "32px 0 16px"),
  h3: heading(18, "24px 0 12px"),
  h4: heading(16, "20px 0 8px"),
  h5: heading(16, "20px 0 8px"),
  h6: heading(16, "20px 0 8px"),
  p: `margin:16px 0;${TEXT}`,
  div: "margin:16px 0",
  ul: "margin:8px 0;padding-left:1.5em",
  ol: "margin:8px 0;padding-left:1.5em",
  li: `margin:4px 0;${TEXT}`,
  blockquote: `margin:16px 0;padding:4px 16px;border-left:4px solid ${LOOK.rule};color:${LOOK.muted}`,
  hr: `margin:32px 0;border:0;border-top:1px solid ${LOOK.rule}`,
  // Like the site's table, scrolled sideways when wider than the phone.
  table: "display:block;max-width:100%;overflow-x:auto;margin:16px 0;border-collapse:collapse;font-size:14px;line-height:1.5",
  th: `${CELL};background:${TINT};font-weight:700`,
  td: CELL,
  pre: `margin:16px 0;padding:12px;border:1px solid ${LOOK.rule};border-radius:8px;background:${TINT};${MONO};font-size:13px;line-height:1.5;white-space:pre-wrap;overflow-wrap:break-word;overflow-x:auto`,
  code: `${MONO};font-size:90%;padding:2px 4px;border-radius:4px;background:${TINT}`,
  img: "max-width:100%;height:auto;display:block;margin:16px auto",
  a: `color:${LOOK.accent}`,
  strong: `font-weight:700;color:${LOOK.fg}`,
  b: `font-weight:700;color:${LOOK.fg}`,
  em: "font-style:italic",
  i: "font-style:italic",
  sup: "font-size:75%;line-height:0",
  figure: "margin:16px 0",
  figcaption: `font-size:14px;color:${LOOK.muted};text-align:center`,
};
/** Looks that depend on where an element is: code in a block takes the block's look, a quoted paragraph the quote's. */
const NESTED_STYLES: ReadonlyArray<{ name: string; within: string; look: string }> = [
  { name: "code", within: "pre", look: `${MONO};font-size:inherit;background:transparent;padding:0` },
  { name: "p", within: "blockquote", look: `margin:8px 0;font-size:15px;line-height:1.75;letter-spacing:0.5px;color:${LOOK.muted}` },
];
/** The editor keeps <section>: the one around the edition gives every line the site's font and colour. */
const WRAPPER = `font-family:${LOOK.font};${TEXT};overflow-wrap:break-word`;
const REFERENCE_MARK = `font-size:12px;line-height:0;color:${LOOK.accent}`;
const META = `margin:0 0 24px;font-size:14px;color:${LOOK.muted}`;
const REFERENCE_LINE = `margin:4px 0;font-size:13px;line-height:1.6;color:${LOOK.muted};word-break:break-all`;
const REFERENCES = `margin:40px 0 0;border-top:1px solid ${LOOK.rule}`;
const REFERENCES_TITLE = heading(16, "16px 0 8px");
const WEB_VERSION = `margin:24px 0 0;font-size:14px;color:${LOOK.muted};word-break:break-all`;

/** One outside address, numbered by first use. */
interface Reference {
  number: number;
  title: string;
  /** The address as the reader sees it in the list. */
  shown: string;
}

/** What converting one report carries along: where relative addresses start, the references so far, the elements around a node. */
interface Conversion {
  pageUrl: URL;
  references: Map<string, Reference>;
  enclosing: readonly string[];
}

/** The report as an HTML fragment for pasting into the 公众号 editor. */
export function wechatEdition(report: EditionReport): string {
  const conversion: Conversion = { pageUrl: new URL(report.url), references: new Map(), enclosing: [] };
  // The allow-list first (a no-op on a report made by editionReport): an element left open must not take the rest with it.
  const body = convertChildren(parseDocument(sanitizeBody(report.html, report.url).html).children, conversion, undefined);
  const edition = element("section", {}, [
    element("h1", {}, [new Text(report.title)], STYLES.h1),
    ...metaLine(report),
    ...body,
    ...referenceList([...conversion.references.values()]),
    // The web page is another site too: its address is text to copy.
    element("p", {}, [new Text(`${WEB_VERSION_LABEL}${report.url}`)], WEB_VERSION),
  ], WRAPPER);
  // Text is decoded when parsed and encoded again here: what was escaped text stays text.
  return render(edition, { encodeEntities: "utf8" });
}

function convertChildren(nodes: readonly ChildNode[], conversion: Conversion, parentName: string | undefined): ChildNode[] {
  const converted = nodes.flatMap((node) => convert(node, conversion));
  if (conversion.enclosing.includes("pre") || (parentName !== undefined && !BLOCK_ELEMENTS.has(parentName))) return converted;
  // The editor may show the line breaks between blocks as empty lines or empty list items.
  const between = (node: ChildNode, i: number) =>
    isText(node) && WHITESPACE_ONLY_RE.test(node.data) && isBlockOrNone(converted[i - 1]) && isBlockOrNone(converted[i + 1]);
  return converted.filter((node, i) => !between(node, i));
}

function isBlockOrNone(node: ChildNode | undefined): boolean {
  return node === undefined || (isTag(node) && BLOCK_ELEMENTS.has(node.name));
}

/** One node of the site's HTML as the nodes the edition holds in its place. */
function convert(node: ChildNode, conversion: Conversion): ChildNode[] {
  if (isText(node)) return [new Text(node.data)];
  // Comments, doctypes and CDATA: the editor drops them, and a comment can hide markup.
  if (!isTag(node) || DROPPED_ELEMENTS.has(node.name)) return [];
  const children = convertChildren(node.children, { ...conversion, enclosing: [...conversion.enclosing, node.name] }, node.name);
  if (node.name === "a") return convertLink(node, children, conversion);
  if (node.name === "img") return convertImage(node, conversion);
  const nested = NESTED_STYLES.find(({ name, within }) => name === node.name && conversion.enclosing.includes(within));
  return [element(node.name, keptAttributes(node.attribs), children, nested?.look ?? STYLES[node.name])];
}

type LinkTarget = { kind: "text" } | { kind: "wechat"; url: URL } | { kind: "reference"; url: URL; shown: string };

/** What a link becomes: a link only to a 公众号 article, a reference to anywhere else, text to this page or nowhere. */
function linkTarget(href: string | undefined, pageUrl: URL): LinkTarget {
  if (href === undefined || blockedScheme(href) !== undefined) return { kind: "text" };
  const url = parseUrl(href.trim(), pageUrl);
  if (url === undefined) return { kind: "text" };
  // `#part` (or this page's address with one): the headings have no ids here, and the reader is on the page already.
  if (withoutHash(url) === withoutHash(pageUrl)) return { kind: "text" };
  if ((url.protocol === "https:" || url.protocol === "http:") && url.hostname === WECHAT_HOST) return { kind: "wechat", url };
  // As written keeps Chinese readable (`#模型迭代`); a relative or unshowable address shows resolved.
  const written = href.trim();
  const shown = URL.canParse(written) && !UNSHOWABLE_URL_RE.test(written) ? written : url.href;
  return { kind: "reference", url, shown };
}

/** The 公众号 forbids links to other sites, so the text stays and a `[n]` after it points to the list at the end. */
function convertLink(link: Element, children: ChildNode[], conversion: Conversion): ChildNode[] {
  const target = linkTarget(link.attribs.href, conversion.pageUrl);
  if (target.kind === "text") return children;
  if (target.kind === "wechat") return [element("a", { ...keptAttributes(link.attribs), href: target.url.href }, children, STYLES.a)];
  const key = target.url.href;
  let reference = conversion.references.get(key);
  if (reference === undefined) {
    reference = { number: conversion.references.size + 1, title: linkTitle(children), shown: target.shown };
    conversion.references.set(key, reference);
  }
  return [...children, element("sup", {}, [new Text(`[${reference.number}]`)], REFERENCE_MARK)];
}

/** The link's text, else the alt of the image it holds. */
function linkTitle(children: ChildNode[]): string {
  const text = textContent(children).replace(WHITESPACE_RE, " ").trim();
  if (text !== "") return text;
  return findOne((node) => node.name === "img", children)?.attribs.alt?.trim() ?? "";
}

/** The editor fetches images by address, so the address is absolute; one that runs or embeds a document is dropped. */
function convertImage(image: Element, conversion: Conversion): ChildNode[] {
  const src = image.attribs.src;
  if (src === undefined || blockedScheme(src) !== undefined) return [];
  const url = parseUrl(src.trim(), conversion.pageUrl);
  if (url === undefined) return [];
  return [element("img", { ...keptAttributes(image.attribs), src: url.href, alt: image.attribs.alt ?? "" }, [], STYLES.img)];
}

/** `2026年2月12日 · 2026-W07`, either part left out when the report has none. */
function metaLine(report: EditionReport): ChildNode[] {
  const parts = [report.date, report.week].filter((part) => part !== "");
  return parts.length === 0 ? [] : [element("p", {}, [new Text(parts.join(META_SEPARATOR))], META)];
}

/** The list at the end: `[n] 标题: 地址`, the address as text. None when nothing was referenced. */
function referenceList(references: readonly Reference[]): ChildNode[] {
  if (references.length === 0) return [];
  const lines = references.map(({ number, title, shown }) => {
    // A bare address as its own link text would be printed twice.
    const line = title === "" || title === shown ? `[${number}] ${shown}` : `[${number}] ${title}: ${shown}`;
    return element("p", {}, [new Text(line)], REFERENCE_LINE);
  });
  return [element("section", {}, [element("h2", {}, [new Text(REFERENCES_HEADING)], REFERENCES_TITLE), ...lines], REFERENCES)];
}

/** The author's attributes without the ones the editor drops or that could run a script. */
function keptAttributes(attribs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attribs).filter(([name, value]) => {
      const lower = name.toLowerCase();
      return !DROPPED_ATTRIBUTES.has(lower) && !EVENT_HANDLER_RE.test(lower) && !(URL_ATTRIBUTES.has(lower) && blockedScheme(value) !== undefined);
    }),
  );
}

/** An element with its look first and the author's own style after it. */
function element(name: string, attribs: Record<string, string>, children: ChildNode[], look: string | undefined): Element {
  const styles = [look, attribs.style?.trim()].filter((part): part is string => part !== undefined && part !== "");
  const node = new Element(name, styles.length === 0 ? attribs : { ...attribs, style: styles.join(";") }, children);
  for (const child of children) child.parent = node;
  return node;
}

function withoutHash(url: URL): string {
  return url.href.slice(0, url.href.length - url.hash.length);
}

function parseUrl(address: string, base: URL): URL | undefined {
  try {
    return new URL(address, base);
  } catch {
    return undefined;
  }
}
