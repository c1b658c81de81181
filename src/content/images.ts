// Responsive images of reports and digests: the widths a picture of the site is offered in, and
// the markup that offers them. Pure: the facts of each file come in (eleventy-img's stats), markup
// goes out; reading and encoding the files is the build's (pipeline/imageVariants.ts).
import { posix } from "node:path";
import type { RendererRule, Token } from "markdown-it";
import { encodeUrl } from "../core/safety.js";

/** Widths offered besides the original's: a phone, a phone at 2x or a tablet, the column at 2x. */
export const STANDARD_WIDTHS = [400, 800, 1200] as const;
/** The column of `.content` in layouts/style.css (body max-width 44rem): the widest an image is shown. */
export const COLUMN = "44rem";
/** The column in pixels (a rem is 16 px): a picture narrower than it is shown at its own width. */
const COLUMN_PX = 704;
/** Formats a browser picks from, best first; the `<img>` is JPEG or PNG (`fallbackFormat`). */
export const MODERN_FORMATS = ["avif", "webp"] as const;
/** Pictures that are re-encoded; SVG (drawn at any size) and GIF (may be animated) are left as they are. */
const RASTER_FORMATS = new Set(["jpeg", "jpg", "png", "webp", "tiff", "avif"]);

export type VariantFormat = "avif" | "webp" | "jpeg" | "png";

export interface ImageVariant {
  format: VariantFormat;
  width: number;
  height: number;
  /** Its file in the output folder, as in the input folder's tree (`posts/chart-Ab3dE-400.webp`). */
  file: string;
}

export type ImagePlan =
  /** Re-encoded at a few widths (`chooseWidths`), in each format; `fallback` is the format of the `<img>` (and of the editions' picture). */
  | { kind: "responsive"; width: number; height: number; fallback: "jpeg" | "png"; variants: ImageVariant[] }
  /** Kept as it is (SVG, GIF), with its size when known. */
  | { kind: "plain"; width?: number; height?: number };

/** The widths a picture `original` pixels wide is made in: never wider than it, at most the widest standard width. */
export function chooseWidths(original: number): number[] {
  if (!Number.isFinite(original) || original < 1) return [];
  const widest = Math.min(Math.floor(original), STANDARD_WIDTHS[STANDARD_WIDTHS.length - 1]!);
  return [...new Set([...STANDARD_WIDTHS.filter((width) => width < widest), widest])];
}

/** Whether a picture of this format (as image-size or sharp names it) gets variants. */
export function isRaster(format: string | undefined): boolean {
  return format !== undefined && RASTER_FORMATS.has(format.toLowerCase());
}

/**
 * The `<img>`'s format, which the email and WeChat editions send too (mail clients read neither
 * WebP nor AVIF everywhere): PNG for a PNG (sharp lines) and for a picture that may be transparent
 * (pictureBytes.ts `mayBeTransparent`: JPEG would draw it on black), JPEG for anything else.
 */
export function fallbackFormat(format: string, transparent = false): "jpeg" | "png" {
  return format.toLowerCase() === "png" || transparent ? "png" : "jpeg";
}

/** The formats a picture is made in: the modern ones, then the `<img>`'s. */
export function variantFormats(format: string, transparent = false): VariantFormat[] {
  return [...MODERN_FORMATS, fallbackFormat(format, transparent)];
}

/** A variant's media type, as its `<source type>` says and the preview's server answers (`image/avif`). */
export function variantType(format: VariantFormat): string {
  return `image/${format}`;
}

/** A variant's file name beside its original: the original's name, the hash of its bytes and options, the width. */
export function variantName(original: string, hash: string, width: number, format: VariantFormat): string {
  const stem = posix.basename(original, posix.extname(original));
  return `${stem}-${hash}-${width}.${format === "jpeg" ? "jpg" : format}`;
}

/**
 * The picture the email and WeChat editions send: the `<img>`'s variant, JPEG or PNG, at most the
 * widest standard width (1200 px), never wider than the original, turned as its EXIF says.
 */
export function editionVariant(plan: Extract<ImagePlan, { kind: "responsive" }>): ImageVariant {
  const widest = Math.max(...plan.variants.map((v) => v.width));
  return plan.variants.find((v) => v.format === plan.fallback && v.width === widest)!;
}

/** Every output file of a plan (none for a picture kept as it is). */
export function variantFiles(plan: ImagePlan): string[] {
  return plan.kind === "responsive" ? plan.variants.map((variant) => variant.file) : [];
}

/** Text in a quoted HTML attribute: what could end it or start markup is escaped. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface PictureText {
  /** The author's alt text, as text. */
  alt: string;
  title?: string;
  /** The first picture of the first screen loads at once; the others when the reader nears them. */
  eager: boolean;
}

/**
 * The markup of a picture. A responsive one is a `<picture>` with an AVIF and a WebP source and an
 * `<img>` in the original's format; each carries its width and height, so the page does not shift
 * as it loads. `src` is the URL written for the original (a plain picture keeps it).
 */
export function pictureHtml(plan: ImagePlan, src: string, text: PictureText): string {
  const loading = text.eager ? `loading="eager" fetchpriority="high"` : `loading="lazy"`;
  const title = text.title ? ` title="${escapeAttribute(text.title)}"` : "";
  const alt = `alt="${escapeAttribute(text.alt)}"${title}`;
  if (plan.kind === "plain") {
    const size = plan.width !== undefined && plan.height !== undefined ? ` width="${plan.width}" height="${plan.height}"` : "";
    return `<img src="${escapeAttribute(src)}"${size} ${alt} ${loading} decoding="async">`;
  }
  const widest = Math.max(...plan.variants.map((v) => v.width));
  // As wide as the screen on a phone; no wider than the column, nor than the picture itself.
  const shown = widest >= COLUMN_PX ? COLUMN : `${widest}px`;
  const sizes = `sizes="(max-width: ${shown}) 100vw, ${shown}"`;
  const srcset = (format: VariantFormat) =>
    plan.variants
      .filter((v) => v.format === format)
      .sort((a, b) => a.width - b.width)
      .map((v) => `${escapeAttribute(variantUrl(v))} ${v.width}w`)
      .join(", ");
  const sources = MODERN_FORMATS.map((format) => `<source type="${variantType(format)}" srcset="${srcset(format)}" ${sizes}>`);
  const img = editionVariant(plan);
  const image = `<img src="${escapeAttribute(variantUrl(img))}" srcset="${srcset(plan.fallback)}" ${sizes} width="${img.width}" height="${img.height}" ${alt} ${loading} decoding="async">`;
  return `<picture>${sources.join("")}${image}</picture>`;
}

/** A variant's root-relative URL (a site served from a folder gets the folder from Eleventy's base plugin). */
export function variantUrl(variant: ImageVariant): string {
  return `/${encodeUrl(variant.file)}`;
}

/** `<picture>` with the sources the plugin writes. */
const PICTURE_RE = /<picture>(?:<source\b[^>]*>)*(<img\b[^>]*>)<\/picture>/g;
/** Attributes mail and WeChat do not read, or read wrongly. */
const RESPONSIVE_ATTRIBUTE_RE = /\s(?:srcset|sizes|loading|decoding|fetchpriority)="[^"]*"/g;

/**
 * Each `<picture>` of the plugin's as its plain `<img>` (the widest variant in the original's
 * format, with its width, height and alt): mail clients and WeChat read neither sources nor srcset.
 */
export function plainImages(html: string): string {
  return html.replace(PICTURE_RE, (_, img: string) => img.replace(RESPONSIVE_ATTRIBUTE_RE, ""));
}

/** What the Markdown renderer asks of the plugin for a picture. */
export interface PictureMaker {
  /** The markup of a picture of the site, from the `src` the author wrote; undefined to render it as markdown-it does. */
  picture?(fromInputPath: string, src: string, text: PictureText): string | undefined;
}

/** The meta key of the one image of a page that loads at once. */
const EAGER = "weeklyEager";

/**
 * Marks the page's first image if it comes before the second heading (the first screen, most
 * likely): it loads at once; every other image waits until the reader nears it.
 */
export function markFirstPicture(tokens: Token[]): void {
  let headings = 0;
  for (const token of tokens) {
    if (token.type === "heading_open" && ++headings >= 2) return;
    const image = token.type === "inline" ? token.children?.find((child) => child.type === "image") : undefined;
    if (image) {
      image.meta = { ...(image.meta as object | null), [EAGER]: true };
      return;
    }
  }
}

/** markdown-it's image rule: a picture of the site as the plugin makes it, any other as `fallback` renders it. */
export function pictureRule(maker: PictureMaker, fallback: RendererRule): RendererRule {
  return (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const src = token.attrGet("src");
    const from = (env as { page?: { inputPath?: string } } | undefined)?.page?.inputPath;
    if (src !== null && from && maker.picture) {
      const title = token.attrGet("title");
      const text: PictureText = { alt: self.renderInlineAsText(token.children ?? [], options, env), eager: (token.meta as Record<string, unknown> | null)?.[EAGER] === true };
      if (title) text.title = String(title);
      const html = maker.picture(from, String(src), text);
      if (html !== undefined) return html;
    }
    return fallback(tokens, idx, options, env, self);
  };
}
