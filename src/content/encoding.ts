// Text that is not UTF-8: where its first bad byte is, and what the author is told.
import { isUtf8 } from "node:buffer";

export interface EncodingProblem {
  /** 1-based line and column (in characters) of the first byte that is not UTF-8. */
  line: number;
  column: number;
  byte: number;
}

/** The first place where `bytes` are not UTF-8, or undefined when they all are. */
export function firstInvalidUtf8(bytes: Uint8Array): EncodingProblem | undefined {
  if (isUtf8(bytes)) return undefined;
  const offset = invalidOffset(bytes);
  if (offset < 0) return undefined;
  // lastIndexOf with -1 would search from the end: a bad first byte is on line 1.
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder().decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1, byte: bytes[offset]! };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function invalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes, the lowest code point and the lead byte's own bits, by sequence length.
    const length = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (length === 0 || i + length >= bytes.length) return i; // not a lead byte, or cut short by the end
    let codePoint = lead & (0x3f >> length);
    for (let k = 1; k <= length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    const lowest = [0, 0x80, 0x800, 0x10000][length]!;
    if (codePoint < lowest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length + 1;
  }
  return -1;
}
