// An image's own size, read from its file when its address is one of the site's own files: the
// email edition gives every image a width, and a small picture must not be stretched to the column.
import { readFileSync } from "node:fs";
import { imageSize } from "image-size";
import type { LinkedFiles } from "./linkedFiles.js";

/** EXIF orientations that turn a picture a quarter. */
const TURNED = new Set([5, 6, 7, 8]);

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Reads sizes for addresses under `siteUrl` (which carries the folder the site is served from),
 * from the files the site's rule (`linked`) allows; undefined for any other address, and for a
 * missing, refused or unreadable file.
 */
export function imageSizeReader(siteUrl: string, linked: LinkedFiles): (src: string) => ImageSize | undefined {
  const base = `${siteUrl.replace(/\/+$/, "")}/`;
  return (src) => {
    if (!src.startsWith(base)) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(new URL(src).pathname.slice(new URL(base).pathname.length));
    } catch {
      return undefined;
    }
    // `..` in an address, a hidden or ignored file, a link out of the site: never read.
    const file = linked(path);
    if (file.kind !== "file") return undefined;
    try {
      const { width, height, orientation } = imageSize(readFileSync(file.real));
      if (!(width > 0 && height > 0)) return undefined;
      // EXIF orientations 5 to 8 turn the picture a quarter: a browser draws its stored height as its width.
      return TURNED.has(orientation ?? 1) ? { width: height, height: width } : { width, height };
    } catch {
      return undefined;
    }
  };
}
