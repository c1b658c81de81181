// The pictures the email and WeChat editions send: each picture of the site as the variant made
// for them (JPEG or PNG, at most 1200 px wide, turned as its EXIF says: content/images.ts
// `editionVariant`) with that file's own width and height, whether the body names the original
// (`weekly export` renders Markdown without the site's pictures) or a variant (a preview's page).
import type { Said } from "../core/show.js";
import { parseDocument } from "htmlparser2";
import { Text, isTag, type Element } from "domhandler";
import { filter, replaceElement } from "domutils";
import render from "dom-serializer";
import { posix } from "node:path";
import { editionVariant, variantUrl, type ImagePlan } from "../content/images.js";

/** A picture of the site an edition shows: the file a reader's mail client or WeChat fetches. */
export interface EditionPicture {
  /** Its absolute address, as the edition names it. */
  url: string;
  /** The original's path in the input folder (`posts/datacenter.jpg`). */
  input: string;
  /** The file sent, in the output folder: the edition's variant, or a GIF as it is. */
  file: string;
  /** The variant's width and height; undefined for a picture kept as it is (GIF). */
  variant: { width: number; height: number; format: string } | undefined;
}

export interface EditionPictures {
  html: string;
  /** Each picture of the site the body shows, once, in order. */
  pictures: EditionPicture[];
  /** Pictures of other sites: sent as they are, their weight unknown here. */
  elsewhere: number;
  /** What was taken out (an SVG picture), for the edition's warnings. */
  removed: Said[];
}

/** A width or height in pixels as an attribute holds it (`560`, `560px`). */
const PIXELS_RE = /^\s*(\d+)(?:px)?\s*$/;
/** Mail clients (Gmail, Outlook) and the 公众号 editor do not show SVG. */
const SVG_EXTENSION = ".svg";

/**
 * The body (every address absolute) with each `<img>` of the site's pictures pointing at the
 * editions' variant, its width the author's or the variant's and its height from the variant's
 * true (oriented) ratio; an SVG picture, of the site or not, becomes its alt text.
 */
export function editionPictures(html: string, siteUrl: string, images: Iterable<[string, ImagePlan]>): EditionPictures {
  const byFile = new Map<string, { input: string; plan: ImagePlan }>();
  for (const [input, plan] of images) {
    byFile.set(input, { input, plan });
    if (plan.kind === "responsive") for (const variant of plan.variants) byFile.set(variant.file, { input, plan });
  }
  const document = parseDocument(html);
  const pictures = new Map<string, EditionPicture>();
  const removed: Said[] = [];
  let elsewhere = 0;
  for (const image of filter((node) => isTag(node) && node.name === "img", document, true) as Element[]) {
    const src = image.attribs.src ?? "";
    const path = sitePath(src, siteUrl);
    if (pathOf(src).toLowerCase().endsWith(SVG_EXTENSION)) {
      removed.push({ en: `<img> of the SVG picture ${path ?? src} (mail clients and WeChat do not show SVG; its alt text kept)`, zh: `SVG 图片 ${path ?? src} 的 <img>（邮件客户端和微信不显示 SVG；保留了它的替代文字）` });
      replaceElement(image, new Text(image.attribs.alt ?? ""));
      continue;
    }
    const found = path === undefined ? undefined : byFile.get(path);
    if (found === undefined) {
      if (path === undefined) elsewhere++;
      continue;
    }
    const { input, plan } = found;
    if (plan.kind === "responsive") {
      const variant = editionVariant(plan);
      const url = `${siteUrl}${variantUrl(variant)}`;
      const width = pixels(image.attribs.width) ?? variant.width;
      image.attribs.src = url;
      image.attribs.width = String(width);
      image.attribs.height = String(Math.round((width * variant.height) / variant.width));
      pictures.set(url, { url, input, file: variant.file, variant: { width: variant.width, height: variant.height, format: variant.format } });
    } else {
      // A GIF (perhaps animated) is sent as it is, with its own size when the author gave none.
      if (image.attribs.width === undefined && plan.width !== undefined && plan.height !== undefined) {
        image.attribs.width = String(plan.width);
        image.attribs.height = String(plan.height);
      }
      pictures.set(src, { url: src, input, file: input, variant: undefined });
    }
  }
  return { html: render(document, { encodeEntities: "utf8" }), pictures: [...pictures.values()], elsewhere, removed };
}

/** The path under the site's address an absolute address names (decoded), or undefined for another site's. */
function sitePath(src: string, siteUrl: string): string | undefined {
  const base = `${siteUrl.replace(/\/+$/, "")}/`;
  if (!src.startsWith(base)) return undefined;
  try {
    return posix.normalize(decodeURIComponent(new URL(src).pathname.slice(new URL(base).pathname.length)));
  } catch {
    return undefined;
  }
}

/** An address's path, without its query or fragment. */
function pathOf(src: string): string {
  return src.split(/[?#]/, 1)[0]!;
}

/** A width or height attribute as a whole number of pixels (`560`, `560px`), or undefined. */
export function pixels(value: string | undefined): number | undefined {
  const match = value === undefined ? null : PIXELS_RE.exec(value);
  const number = match ? Number(match[1]) : 0;
  return number > 0 ? number : undefined;
}
