// Malformed feeds made readable: what a lenient feed reader forgives (a bare `&` or `<`, an HTML
// entity XML does not know, a control character) repaired in the text before the strict parse,
// each repair at its line and column. A repair only ever writes text: a character that would be
// markup (`<`, `&`) is written as XML's own entity, so that nothing a feed says becomes an element.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { decodeHTMLStrict } from "entities";

export interface Repair {
  /** What was found, as the warning names it: `bare "&"`, `HTML entity "&nbsp;"`. */
  what: Said;
  /** 1-based line, and column in characters (code points), as every place the project prints. */
  line: number;
  column: number;
}

export interface Repaired {
  text: string;
  /** The first repairs, as many as a warning names, each with its place. */
  repairs: Repair[];
  /** How many repairs were made in all. */
  count: number;
  /** The place in the text as given of a place (1-based line, column in UTF-16 units, as fast-xml-parser gives it) in the repaired text. */
  originalPlace(line: number, column: number): { line: number; column: number };
}

/** How many repairs a warning names before it counts the rest. */
const NAMED_REPAIRS = 5;
/** What the scan stops at: a reference or a bare `&`, markup or a bare `<`, a control character XML 1.0 forbids. */
const INTERESTING_RE = /[&<\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const REFERENCE_RE = /&(?:#[0-9]+|#x[0-9a-fA-F]+|([A-Za-z_:][\w.:-]*));/y;
/** What may follow a `<` that opens markup: a name, an end tag, a comment, CDATA, a DOCTYPE, a processing instruction. */
const MARKUP_START_RE = /<[A-Za-z_:/!?\u00C0-\uFFFF]/y;
/** The parts XML reads as they are: a reference or a `<` there is not one. */
const VERBATIM: ReadonlyArray<readonly [string, string]> = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
  ["<?", "?>"],
];
const DOCTYPE_RE = /<!DOCTYPE\b(?:[^[>]*\[[\s\S]*?\])?[^>]*>?/iy;
const ENTITY_DECLARATION_RE = /<!ENTITY\s+(?:%\s+)?([^\s>]+)/g;
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
/** The characters an HTML entity may stand for that XML would read as markup, written as XML's entities. */
const MARKUP_CHARACTERS: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

/** Repairs a feed's XML text: every bare `&` and `<`, entity XML does not know and control character it forbids, with its place. */
export function repairXml(text: string): Repaired {
  const edits = new Edits(text);
  const declared = new Set<string>();
  let doctypeRead = false;
  INTERESTING_RE.lastIndex = 0;
  for (let match = INTERESTING_RE.exec(text); match; match = INTERESTING_RE.exec(text)) {
    const at = match.index;
    const char = match[0];
    if (char === "<") {
      const verbatim = VERBATIM.find(([open]) => text.startsWith(open, at));
      if (verbatim) {
        const end = text.indexOf(verbatim[1], at + verbatim[0].length);
        const after = end < 0 ? text.length : end + verbatim[1].length;
        for (const control of text.slice(at, after).matchAll(CONTROL_RE)) edits.replace(at + control.index, 1, "", FOUND.control(codePoint(control[0]), "removed"));
        INTERESTING_RE.lastIndex = after;
        continue;
      }
      // One DOCTYPE only, as XML allows: a body of many unclosed ones is not read to its end for each.
      DOCTYPE_RE.lastIndex = at;
      const doctype = !doctypeRead ? DOCTYPE_RE.exec(text) : null;
      if (doctype) {
        doctypeRead = true;
        for (const entity of doctype[0].matchAll(ENTITY_DECLARATION_RE)) declared.add(entity[1]!);
        INTERESTING_RE.lastIndex = at + doctype[0].length;
        continue;
      }
      MARKUP_START_RE.lastIndex = at;
      if (!MARKUP_START_RE.test(text)) edits.replace(at, 1, "&lt;", FOUND.bare("<"));
    } else if (char === "&") {
      REFERENCE_RE.lastIndex = at;
      const reference = REFERENCE_RE.exec(text);
      const name = reference?.[1];
      if (!reference) edits.replace(at, 1, "&amp;", FOUND.bare("&"));
      else if (name === undefined || XML_ENTITIES.has(name) || declared.has(name)) INTERESTING_RE.lastIndex = at + reference[0].length;
      else {
        const decoded = decodeHTMLStrict(reference[0]);
        if (decoded !== reference[0]) edits.replace(at, reference[0].length, [...decoded].map((c) => MARKUP_CHARACTERS[c] ?? c).join(""), FOUND.entity(reference[0]));
        else edits.replace(at, 1, "&amp;", FOUND.unknownEntity(reference[0]));
      }
    } else edits.replace(at, 1, "", FOUND.control(codePoint(char), "removed"));
  }
  return edits.done();
}

/** Repairs a JSON Feed's text: a control character JSON forbids in a string is escaped there (`\u0001`), and removed elsewhere. */
export function repairJson(text: string): Repaired {
  const edits = new Edits(text);
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c && inString) i++; // the escaped character is the escape's
    else if (code === 0x22) inString = !inString;
    else if (code < 0x20 && (inString || !(code === 0x09 || code === 0x0a || code === 0x0d))) {
      const escape = `\\u${code.toString(16).padStart(4, "0")}`;
      edits.replace(i, 1, inString ? escape : "", FOUND.control(codePoint(text[i]!), inString ? "escaped" : "removed"));
    }
  }
  return edits.done();
}

/** One warning for a source: `repaired 2 spots (bare "&" at line 21, column 17; …)`, the first few named and the rest counted; the encoding's note first. */
export function repairWarning({ repairs, count }: Pick<Repaired, "repairs" | "count">, encodingNote: Said | undefined): Said | undefined {
  const named = repairs.slice(0, NAMED_REPAIRS);
  const more = count - named.length;
  const spots: Said | undefined =
    count === 0
      ? undefined
      : {
          en: `repaired ${count} ${count === 1 ? "spot" : "spots"} (${[...named.map((r) => `${inEnglish(r.what)} at line ${r.line}, column ${r.column}`), ...(more > 0 ? [`${more} more`] : [])].join("; ")})`,
          zh: `修复了 ${count} 处（${[...named.map((r) => `${inChinese(r.what)}，第 ${r.line} 行第 ${r.column} 列`), ...(more > 0 ? [`另有 ${more} 处`] : [])].join("；")}）`,
        };
  const parts = [encodingNote, spots].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : { en: parts.map(inEnglish).join("; "), zh: parts.map(inChinese).join("；") };
}

/** What a repair found, as a warning names it. */
const FOUND = {
  bare: (char: string): Said => ({ en: `bare ${JSON.stringify(char)}`, zh: `单独的 ${JSON.stringify(char)}` }),
  entity: (written: string): Said => ({ en: `HTML entity ${JSON.stringify(written)}`, zh: `HTML 实体 ${JSON.stringify(written)}` }),
  unknownEntity: (written: string): Said => ({ en: `unknown entity ${JSON.stringify(written)} (kept as text)`, zh: `未知实体 ${JSON.stringify(written)}（保留为文本）` }),
  control: (code: string, done: "removed" | "escaped"): Said =>
    done === "removed" ? { en: `control character ${code} (removed)`, zh: `控制字符 ${code}（已删除）` } : { en: `control character ${code} in a string (escaped)`, zh: `字符串中的控制字符 ${code}（已转义）` },
};

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** The text's edits in order, each with its place in the text as given, and the way back from a place in the result. */
class Edits {
  private readonly parts: string[] = [];
  private readonly repairs: Repair[] = [];
  private count = 0;
  /** Each edit: where its output starts in the result, where it started in the text given, how long it was there and is here. */
  private readonly spans: Array<{ at: number; from: number; removed: number; added: number }> = [];
  private copied = 0;
  private length = 0;
  private readonly places: Places;

  constructor(private readonly text: string) {
    this.places = new Places(text);
  }

  replace(from: number, removed: number, added: string, what: Said): void {
    const kept = this.text.slice(this.copied, from);
    this.parts.push(kept, added);
    this.length += kept.length;
    this.spans.push({ at: this.length, from, removed, added: added.length });
    this.length += added.length;
    this.copied = from + removed;
    // Only the repairs a warning names are placed: a feed of a million bare `&` is not a million places.
    if (this.count++ < NAMED_REPAIRS) this.repairs.push({ what, ...this.places.at(from) });
  }

  done(): Repaired {
    if (this.spans.length === 0) return { text: this.text, repairs: [], count: 0, originalPlace: (line, column) => ({ line, column }) };
    const text = this.parts.join("") + this.text.slice(this.copied);
    const toOriginal = (offset: number) => {
      const span = this.spans.findLast((s) => s.at <= offset);
      if (span === undefined) return offset;
      return offset < span.at + span.added ? span.from : span.from + span.removed + (offset - span.at - span.added);
    };
    return {
      text,
      repairs: this.repairs,
      count: this.count,
      originalPlace: (line, column) => new Places(this.text).at(toOriginal(offsetOf(text, line, column))),
    };
  }
}

/** Lines and columns of offsets asked in increasing order, in one pass over the text. */
class Places {
  private offset = 0;
  private line = 1;
  /** Characters (code points) from the line's start to `offset`. */
  private column = 0;
  /** The next line break at or after `offset` (the text's length when none), so that a long line is searched once. */
  private nextBreak: number;

  constructor(private readonly text: string) {
    this.nextBreak = this.breakFrom(0);
  }

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) Object.assign(this, { offset: 0, line: 1, column: 0, nextBreak: this.breakFrom(0) });
    while (this.nextBreak < offset) {
      this.line++;
      this.offset = this.nextBreak + 1;
      this.column = 0;
      this.nextBreak = this.breakFrom(this.offset);
    }
    this.column += characters(this.text, this.offset, offset);
    this.offset = offset;
    return { line: this.line, column: this.column + 1 };
  }

  private breakFrom(offset: number): number {
    const found = this.text.indexOf("\n", offset);
    return found < 0 ? this.text.length : found;
  }
}

/** Code points between two offsets: a surrogate pair is one. */
function characters(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

/** The offset of a 1-based line and UTF-16 column, clamped to the text. */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  return Math.min(start + column - 1, text.length);
}
