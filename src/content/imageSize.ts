// An image's own size, read from its file when its address is one of the site's own files: the
// email edition gives every image a width, and a small picture must not be stretched to the column.
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { imageSize } from "image-size";

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Reads sizes for addresses under `siteUrl` (which carries the folder the site is served from),
 * from the files under `inputRoot`; undefined for any other address, a missing or unreadable file.
 */
export function imageSizeReader(siteUrl: string, inputRoot: string): (src: string) => ImageSize | undefined {
  const base = `${siteUrl.replace(/\/+$/, "")}/`;
  return (src) => {
    if (!src.startsWith(base)) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(new URL(src).pathname.slice(new URL(base).pathname.length));
    } catch {
      return undefined;
    }
    const file = join(inputRoot, path);
    // Only a file inside the input folder: `..` in an address never reads elsewhere.
    if (relative(inputRoot, file).startsWith(`..${sep}`)) return undefined;
    try {
      const { width, height } = imageSize(readFileSync(file));
      return width > 0 && height > 0 ? { width, height } : undefined;
    } catch {
      return undefined;
    }
  };
}
