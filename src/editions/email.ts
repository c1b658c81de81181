// The email edition of a report: one HTML document a newsletter service sends as it is, in a 600 px
// table column that reads on a phone, every style inline, and the size Gmail shows without clipping.
import { parseDocument } from "htmlparser2";
import { isTag, isText, type Element } from "domhandler";
import { filter, removeElement } from "domutils";
import render from "dom-serializer";
import type juiceModule from "juice";
import { onFirstUse } from "../core/onFirstUse.js";
import type { ImageSize } from "../content/imageSize.js";
import { LOOK, type EditionReport } from "./report.js";
import { pixels } from "./pictures.js";
import { sanitizeBody } from "./sanitize.js";

export interface EmailOptions {
  /** The footer's unsubscribe placeholder the newsletter service fills in; default "{{unsubscribe_url}}" (Buttondown's / ConvertKit's form). */
  unsubscribe?: string;
  /** An image's own size, by its absolute address, when it can be known (a file of the site). */
  imageSize?: (src: string) => ImageSize | undefined;
}


export const EMAIL_DEFAULTS: Required<EmailOptions> = {
  unsubscribe: "{{unsubscribe_url}}", // written as-is (escaped): the service replaces it per subscriber
  imageSize: () => undefined,
};

/** Gmail clips a message over 102 KB: the limit the edition must stay under (100 KB). */
export const EMAIL_MAX_BYTES = 100 * 1024;

/** The column's width: what Outlook draws, and the widest any client shows. */
const COLUMN_WIDTH = 600;
/** The column's side padding; the body's images are at most the width between the paddings. */
const GUTTER = 20;
const CONTENT_WIDTH = COLUMN_WIDTH - 2 * GUTTER;

const WORDS = { web: "在网页上阅读", digest: "本周新闻摘要", unsubscribe: "退订", subscribed: (site: string) => `你订阅了《${site}》，因此收到这封邮件。` };

/** The dark scheme of layouts/style.css, which LOOK (light only) leaves out. */
const DARK = { fg: "#e8e8e6", muted: "#a8abb0", bg: "#16171a", accent: "#8ab4f8", rule: "#33353a" };

/**
 * Elements that could run, embed or submit something, or that style or address the whole document;
 * their content goes with them. Mail clients strip most of them, and spam filters hold them against the message.
 */
const DROPPED_ELEMENTS = new Set([
  // SVG and MathML can carry scripts, handlers and links of their own (xlink:href, <set>, <animate>).
  "svg", "math",
  "script", "noscript", "style", "link", "meta", "base", "template", "iframe", "frame", "frameset",
  "object", "embed", "applet", "form", "input", "button", "select", "textarea",
]);
/** Ids and classes mean nothing without the site's stylesheet (clients rename or drop them); tabindex and srcset are for browsers. */
/** Braces, which newsletter services' template languages read, and where they wait during juice. */
const [BRACE_RE, HELD_OPEN, HELD_CLOSE] = [/[{}]/g, "\uE001", "\uE002"] as const;
const DROPPED_ATTRIBUTES = new Set(["id", "class", "tabindex", "srcset", "sizes"]);
const EVENT_HANDLER_RE = /^on/i;
/** Attributes that hold an address a mail client would fetch or open: each made absolute, or dropped. */
const URL_ATTRIBUTES = ["href", "src", "cite", "background", "poster"] as const;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
/**
 * The site's `overflow-wrap:anywhere`, spelled as the legacy `word-break:break-word` that means the
 * same (CSS Text 3) because Gmail drops overflow-wrap and keeps word-break: a bare URL or a table of
 * many Latin columns breaks where it must, and only there, instead of widening the column.
 */
const BREAK_WHERE_NEEDED = "word-break:break-word";
const SCHEME_RE = /^https?:\/\//;

const TEXT = `font-family:${LOOK.font};font-size:16px;line-height:1.7;color:${LOOK.fg}`;
const heading = (size: number, margin: string, lineHeight = 1.5) => `margin:${margin};font-size:${size}px;line-height:${lineHeight};font-weight:700`;

/**
 * The site's look (layouts/style.css) for juice to inline. The frame's classes are removed once
 * inlined; the body's own classes are gone before, so none of them can match these rules.
 */
const INLINED_CSS = `
body{margin:0;padding:0;background-color:${LOOK.bg}}
.preheader{display:none;max-height:0;overflow:hidden;mso-hide:all}
.outer,.column{background-color:${LOOK.bg}}
.header,.content,.footer{${TEXT};text-align:left;${BREAK_WHERE_NEEDED}}
.header{padding:32px ${GUTTER}px 16px;border-bottom:1px solid ${LOOK.rule}}
.content{padding:24px ${GUTTER}px 8px}
.footer{padding:16px ${GUTTER}px 40px;border-top:1px solid ${LOOK.rule};line-height:1.6}
a{color:${LOOK.accent};text-decoration:underline}
small{color:${LOOK.muted};font-size:14px}
.footer small{font-size:13px}
.site{margin:0;font-size:15px}
.site a{color:${LOOK.fg};font-weight:700;text-decoration:none}
h1{${heading(26, "8px 0", 1.4)}}
.meta{margin:0}
.links{margin:8px 0 0;font-size:14px}
.footer p{margin:0 0 4px}
.content p,.content div{margin:0 0 16px}
.content h2{${heading(21, "32px 0 12px")}}
.content h3{${heading(18, "24px 0 8px")}}
.content h4,.content h5,.content h6{${heading(16, "20px 0 8px")}}
.content ul,.content ol{margin:0 0 16px;padding-left:24px}
.content li{margin:4px 0}
.content li ul,.content li ol{margin:4px 0 0}
.content blockquote{margin:0 0 16px;padding:4px 0 4px 16px;border-left:4px solid ${LOOK.rule};color:${LOOK.muted}}
.content blockquote p{margin:4px 0}
.content hr{margin:32px 0;border:0;border-top:1px solid ${LOOK.rule}}
.content table{width:100%;margin:0 0 16px;border-collapse:collapse}
.content th,.content td{padding:6px 8px;border-bottom:1px solid ${LOOK.rule};text-align:left;vertical-align:top;font-family:${LOOK.font};font-size:15px;line-height:1.5}
.content th{font-weight:700}
.content code{font-family:${LOOK.mono};font-size:14px}
.content pre{margin:0 0 16px;padding:12px;border:1px solid ${LOOK.rule};font-family:${LOOK.mono};font-size:14px;line-height:1.5;white-space:pre-wrap;word-break:break-all}
.content img{max-width:100%;height:auto;border:0}
`;

/**
 * What cannot be inline: smaller headings on a phone, and the site's dark scheme for the clients
 * that offer one (Apple Mail, Outlook on macOS and iOS). Element selectors only, since no element
 * keeps a class; `!important` because the light look is inline. <small> and <blockquote> are the
 * muted text.
 */
const MEDIA_CSS = [
  "@media screen and (max-width:480px){h1{font-size:22px!important}h2{font-size:19px!important}}",
  `@media (prefers-color-scheme:dark){body,table,td{background-color:${DARK.bg}!important}` +
    `td,th{color:${DARK.fg}!important;border-color:${DARK.rule}!important}` +
    `small,blockquote{color:${DARK.muted}!important}a{color:${DARK.accent}!important}` +
    `pre,hr,blockquote{border-color:${DARK.rule}!important}}`,
].join("\n");

const juice = onFirstUse<typeof juiceModule>("juice");

const JUICE_OPTIONS: juiceModule.Options = {
  // The <style> block holds only MEDIA_CSS: juice leaves it alone and inlines INLINED_CSS alone.
  applyStyleTags: false,
  removeStyleTags: false,
  // The column's and the images' widths are set where they are decided, not from the CSS.
  applyWidthAttributes: false,
  applyHeightAttributes: false,
  // align/valign on cells: Outlook for Windows reads them more reliably than text-align.
  applyAttributesTableElements: true,
};

/** The report as one HTML email document. */
export function emailEdition(report: EditionReport, options: EmailOptions = {}): string {
  const opts = { ...EMAIL_DEFAULTS, ...options };
  // The body's braces are written as character references: newsletter services run the email
  // through their own template language ({{ … }}, {% … %}), and a code sample must not become a
  // tag. juice would decode the references, so the braces wait as private-use characters until after it.
  const body = emailBody(report.html, report.url, opts.imageSize).replace(BRACE_RE, (brace) => (brace === "{" ? HELD_OPEN : HELD_CLOSE));
  const inlined = withoutClasses(juice().inlineContent(frame(report, body, opts.unsubscribe), INLINED_CSS, JUICE_OPTIONS));
  return inlined.replaceAll(HELD_OPEN, "&#123;").replaceAll(HELD_CLOSE, "&#125;");
}

/** The edition's size as Gmail counts it (UTF-8 bytes): over EMAIL_MAX_BYTES, the command refuses to write it. */
export function emailSize(html: string): number {
  return Buffer.byteLength(html, "utf8");
}

/**
 * The report's body fit for mail: nothing that runs or embeds, no ids or classes, every address
 * absolute (resolved against the web page), images sized for the column, tables as wide as it.
 */
export function emailBody(html: string, pageUrl: string, imageSize: EmailOptions["imageSize"] = () => undefined): string {
  // The allow-list first (a no-op on a report made by editionReport): an element left open must not take the rest with it.
  const document = parseDocument(sanitizeBody(html, pageUrl).html);
  for (const node of filter((n) => !isTag(n) && !isText(n), document, true)) removeElement(node); // comments can hide markup for Outlook
  for (const element of filter(isTag, document, true) as Element[]) {
    if (DROPPED_ELEMENTS.has(element.name)) removeElement(element);
    else cleanAttributes(element, pageUrl, imageSize);
  }
  // Text is decoded when parsed and encoded again here: what was escaped text stays text.
  return render(document, { encodeEntities: "utf8" });
}

function cleanAttributes(element: Element, pageUrl: string, imageSize: NonNullable<EmailOptions["imageSize"]>): void {
  const attributes = element.attribs;
  for (const name of Object.keys(attributes)) {
    if (DROPPED_ATTRIBUTES.has(name) || EVENT_HANDLER_RE.test(name)) delete attributes[name];
  }
  for (const name of URL_ATTRIBUTES) {
    const value = attributes[name];
    if (value === undefined) continue;
    const url = absoluteUrl(value, pageUrl);
    if (url === undefined) delete attributes[name];
    else attributes[name] = url;
  }
  if (element.name === "img") fitImage(attributes, attributes.src === undefined ? undefined : imageSize(attributes.src));
  // Outlook sizes a table by its attribute; the CSS width is for everyone else.
  if (element.name === "table") attributes.width = "100%";
}

/** The address resolved against the page, if it is one a reader may follow: http(s) or mailto. */
function absoluteUrl(value: string, pageUrl: string): string | undefined {
  if (!URL.canParse(value.trim(), pageUrl)) return undefined;
  const url = new URL(value.trim(), pageUrl);
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

/**
 * Outlook draws an image at its width attribute and ignores max-width: every image gets one no
 * wider than the column's content (its own when narrower; the column's when unknown), and a
 * height scaled with it. The author's alt stays; without one, an empty alt marks it decorative.
 */
function fitImage(attributes: Record<string, string>, natural: ImageSize | undefined): void {
  // Without its own width attribute, an image of the site is sized from its file: a small one stays small.
  const width = pixels(attributes.width) ?? natural?.width;
  const height = pixels(attributes.height) ?? (pixels(attributes.width) === undefined ? natural?.height : undefined);
  if (width !== undefined && width <= CONTENT_WIDTH && attributes.width === undefined) {
    attributes.width = String(width);
    if (height !== undefined) attributes.height = String(height);
  }
  if (width === undefined || width > CONTENT_WIDTH) {
    attributes.width = String(CONTENT_WIDTH);
    if (width !== undefined && height !== undefined) attributes.height = String(Math.round((height * CONTENT_WIDTH) / width));
    else delete attributes.height;
  }
  attributes.alt ??= "";
}


/** Text for HTML, in an element or a quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The document around the body: the hidden preheader (the inbox's preview line), the header with
 * the title, date and week and links to the web page and the digest, and the footer. Outlook for
 * Windows gets the column from the `[if mso]` table, everyone else from max-width.
 */
function frame(report: EditionReport, body: string, unsubscribe: string): string {
  const e = escapeHtml;
  const siteUrl = `${report.site.url}/`;
  const links = [`<a href="${e(report.url)}">${WORDS.web}</a>`];
  if (report.digest !== undefined) links.push(`<a href="${e(report.digest.url)}" title="${e(report.digest.title)}">${WORDS.digest}</a>`);
  const presentation = `role="presentation" cellpadding="0" cellspacing="0" border="0"`;
  return `<!DOCTYPE html>
<html lang="${e(report.site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title>
<style>
${MEDIA_CSS}
</style>
</head>
<body>
<div class="preheader">${e(report.description)}</div>
<table ${presentation} width="100%" class="outer"><tr><td align="center">
<!--[if mso]><table ${presentation} width="${COLUMN_WIDTH}" align="center"><tr><td><![endif]-->
<table ${presentation} width="${COLUMN_WIDTH}" style="width:100%;max-width:${COLUMN_WIDTH}px" class="column">
<tr><td class="header">
<p class="site"><a href="${e(siteUrl)}">${e(report.site.title)}</a></p>
<h1>${e(report.title)}</h1>
<p class="meta"><small>${e([report.date, report.week].filter((part) => part !== "").join(" · "))}</small></p>
<p class="links">${links.join(" · ")}</p>
</td></tr>
<tr><td class="content">
${body}
</td></tr>
<tr><td class="footer">
<p><small>${e(report.site.title)} · <a href="${e(siteUrl)}">${e(report.site.url.replace(SCHEME_RE, ""))}</a></small></p>
<p><small>${e(WORDS.subscribed(report.site.title))}<a href="${e(unsubscribe)}">${WORDS.unsubscribe}</a></small></p>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table>
</body>
</html>
`;
}

/** The frame's classes were only for juice to find; email clients rename or drop them. */
function withoutClasses(html: string): string {
  const document = parseDocument(html);
  for (const element of filter(isTag, document, true) as Element[]) delete element.attribs.class;
  return render(document, { encodeEntities: "utf8" });
}
