// A feed's (or an OPML file's) bytes to text: which encoding they are in, and, when a label is
// wrong about them, what was read instead.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { isUtf8 } from "node:buffer";

/** Byte order marks, which outrank every declaration (https://encoding.spec.whatwg.org/#decode). */
const BOMS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];
const CHARSET_RE = /;\s*charset\s*=\s*["']?([^"';\s]+)/i;
const XML_ENCODING_RE = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/;
/** How far into the bytes an XML declaration is looked for. */
const DECLARATION_SPAN = 1024;
/** `<?` in UTF-16 without a BOM (https://www.w3.org/TR/xml/#sec-guessing-no-ext-info). */
const UTF16_SIGNATURES: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x00, 0x3c, 0x00, 0x3f], "utf-16be"],
  [[0x3c, 0x00, 0x3f, 0x00], "utf-16le"],
];
const HEADER: Said = { en: "the Content-Type header", zh: "Content-Type 头" };
const DECLARATION: Said = { en: "the XML declaration", zh: "XML 声明" };

export type Decoded = { text: string; note?: Said } | { reason: Said };

/**
 * Decodes bytes to text: a BOM (UTF-8, UTF-16LE/BE) decides; else bytes that are UTF-8 and hold
 * a character outside ASCII are UTF-8, whatever the HTTP charset or the XML declaration says
 * (servers and templates label UTF-8 as ISO-8859-1 or GBK; a text in those encodings is almost
 * never valid UTF-8 by chance); else the first of the header's charset and the declaration's
 * encoding that decodes every byte, else the first of them with U+FFFD for each bad byte, else
 * UTF-8. `note` says when the bytes were read otherwise than a label says.
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | undefined): Decoded {
  const bom = BOMS.find(([prefix]) => startsWith(bytes, prefix))?.[1] ?? UTF16_SIGNATURES.find(([signature]) => startsWith(bytes, signature))?.[1];
  if (bom) return { text: new TextDecoder(bom).decode(bytes) };
  const labels = [
    { label: CHARSET_RE.exec(contentType ?? "")?.[1]?.trim(), by: HEADER },
    { label: declaredEncoding(bytes), by: DECLARATION },
  ].filter((l): l is { label: string; by: Said } => l.label !== undefined && l.label !== "");
  const first = labels[0];
  if (isUtf8(bytes)) {
    const text = new TextDecoder("utf-8").decode(bytes);
    // In ASCII every encoding a feed may name (save UTF-16, which the bytes then are not) reads the same.
    if (first === undefined || isAscii(bytes) || encodingOf(first.label) === "utf-8") return { text };
    return { text, note: { en: `read as UTF-8, not ${JSON.stringify(first.label)} as ${inEnglish(first.by)} says (the bytes are UTF-8)`, zh: `按 UTF-8 读取，而不是${inChinese(first.by)}所说的 ${JSON.stringify(first.label)}（这些字节是 UTF-8）` } };
  }
  for (const { label, by } of labels) {
    const text = strictly(bytes, label);
    if (text === undefined) continue;
    if (label === first!.label) return { text };
    const [named, other] = [JSON.stringify(label), JSON.stringify(first!.label)];
    return {
      text,
      note: {
        en: `read as ${named} as ${inEnglish(by)} says, not ${other} as ${inEnglish(first!.by)} says (the bytes are not ${other})`,
        zh: `按${inChinese(by)}所说的 ${named} 读取，而不是${inChinese(first!.by)}所说的 ${other}（这些字节不是 ${other}）`,
      },
    };
  }
  const label = first?.label ?? "utf-8";
  if (encodingOf(label) === undefined) return { reason: { en: `unknown encoding ${JSON.stringify(label)}`, zh: `未知的编码 ${JSON.stringify(label)}` } };
  // Not fatal: a stray bad byte becomes U+FFFD, as in a browser, and the rest of the feed is read.
  return { text: new TextDecoder(label).decode(bytes) };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

const isAscii = (bytes: Uint8Array) => bytes.every((byte) => byte < 0x80);

/** The encoding's canonical name, or undefined when the label names none. */
function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** The text when every byte is of the encoding; undefined when one is not, or the label names no encoding. */
function strictly(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, DECLARATION_SPAN));
  const declared = XML_ENCODING_RE.exec(head)?.[1];
  // A declaration readable as ASCII is not in UTF-16, whatever it says: the bytes are UTF-8 (as
  // HTML's sniffing rule has it for a <meta> naming UTF-16).
  return declared !== undefined && /^utf-?16/i.test(declared) ? "utf-8" : declared;
}
