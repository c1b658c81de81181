// Whether a picture's bytes are what its name says and whole, and small enough to make variants of:
// read from the file's structure (cheap, no decoding), so that `weekly check` and the build refuse
// the same pictures before anything is written.

/** The format image-size reads from the bytes that a file of each extension must hold. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  ".png": "png",
  ".jpg": "jpg",
  ".jpeg": "jpg",
  ".webp": "webp",
  ".avif": "avif",
  ".tif": "tiff",
  ".tiff": "tiff",
  ".gif": "gif",
  ".svg": "svg",
};
/** Names of formats as the author knows them. */
const FORMAT_NAME: Readonly<Record<string, string>> = { png: "PNG", jpg: "JPEG", webp: "WebP", avif: "AVIF", heif: "HEIF", tiff: "TIFF", gif: "GIF", svg: "SVG", bmp: "BMP", ico: "ICO" };

/**
 * The most pixels a re-encoded picture may have: 50 megapixels (a phone's photo has 12 to 48).
 * Decoding one takes about 4 bytes a pixel; sharp itself stops at 268 megapixels with a stack trace.
 */
const MAX_PIXELS = 50_000_000;
/** The longest side of a re-encoded picture: WebP's limit, which a tall picture's variants would reach. */
const MAX_SIDE = 16_383;

export interface PictureFacts {
  type?: string | undefined;
  width: number;
  height: number;
}

/**
 * Why a picture cannot be published as it is named, or undefined: its bytes are another format
 * than its extension says (an SVG named `x.png` would be served as SVG under `.png`), a raster
 * picture is larger than `MAX_PIXELS` or `MAX_SIDE`, or its file is cut short (a PNG without its
 * `IEND` chunk, a JPEG without its end marker, a WebP shorter than its header says).
 */
export function pictureFault(extension: string, facts: PictureFacts, bytes: Uint8Array): string | undefined {
  const expected = FORMAT_OF_EXTENSION[extension.toLowerCase()];
  const found = facts.type ?? "";
  if (expected !== undefined && found !== expected) {
    return `holds ${FORMAT_NAME[found] ?? (found || "an unknown format")} data, not the ${FORMAT_NAME[expected]} its name says (received a file named ${extension}); save it as ${FORMAT_NAME[expected]} or give it the extension of its format`;
  }
  if (found !== "svg" && found !== "gif") {
    const { width, height } = facts;
    if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
      return `is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels); a picture may have at most ${MAX_SIDE} pixels on a side and ${MAX_PIXELS / 1e6} megapixels: make it smaller`;
    }
  }
  const whole = found === "png" ? pngIsWhole(bytes) : found === "jpg" ? jpegIsWhole(bytes) : found === "webp" ? webpIsWhole(bytes) : true;
  return whole ? undefined : `is cut short: its file ends before the picture does (${bytes.length} bytes); save or download it again`;
}

/** Whether a file named `.svg` is SVG text (one without a size is still drawn). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  return /<svg[\s>]/i.test(new TextDecoder().decode(bytes.subarray(0, 4096)));
}

/** A PNG's chunks, each skipped by its length, up to `IEND`. */
export function pngIsWhole(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === "IEND") return true;
    at += 12 + length;
  }
  return false;
}

/**
 * A JPEG's segments, each skipped by its length (an embedded thumbnail's end marker is inside one),
 * and its entropy-coded data up to the next marker, until the end-of-image marker `FF D9`.
 */
export function jpegIsWhole(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  let at = 2;
  while (at < bytes.length) {
    at = bytes.indexOf(0xff, at); // bytes between segments are skipped, as decoders do
    if (at < 0) return false;
    const marker = bytes[at + 1];
    if (marker === undefined) return false;
    if (marker === 0xff) {
      at += 1; // a fill byte
      continue;
    }
    at += 2;
    if (marker === 0xd9) return true;
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (at + 2 > bytes.length) return false;
    at += (bytes[at]! << 8) | bytes[at + 1]!;
    if (marker !== 0xda) continue;
    // After a start of scan: data until a marker (FF 00 is a data byte, FF D0–D7 a restart).
    for (;;) {
      at = bytes.indexOf(0xff, at);
      if (at < 0 || at + 1 >= bytes.length) return false;
      const next = bytes[at + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
      else break;
    }
  }
  return false;
}

/** A WebP's RIFF header gives its length: the file holds at least that many bytes. */
export function webpIsWhole(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const size = new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(4, true);
  return bytes.length >= size + 8;
}

/** The name of the auxiliary image that holds an AVIF's (HEIF's) alpha channel. */
const AVIF_ALPHA = "auxiliary:alpha";

/**
 * Whether a picture may be transparent, read from its header: a WebP's VP8X flag or VP8L bit, an
 * AVIF's alpha auxiliary image, any PNG (its `<img>` stays PNG anyway). A TIFF's extra samples are
 * not read: a TIFF is taken as opaque, as photos are. A transparent picture made JPEG would be
 * drawn on black, so its `<img>` and its editions' picture are PNG.
 */
export function mayBeTransparent(type: string | undefined, bytes: Uint8Array): boolean {
  if (type === "png") return true;
  if (type === "webp" && bytes.length >= 30) {
    const chunk = String.fromCharCode(...bytes.subarray(12, 16));
    if (chunk === "VP8X") return (bytes[20]! & 0x10) !== 0;
    // VP8L: after the signature byte 0x2f, 14 bits of width, 14 of height, then the alpha bit.
    if (chunk === "VP8L") return (bytes[24]! & 0x10) !== 0;
    return false;
  }
  if (type === "avif" || type === "heif") return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)).includes(AVIF_ALPHA, 0, "latin1");
  return false;
}
