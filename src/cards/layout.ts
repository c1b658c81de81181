// What a social card shows and how it is laid out: a pure function of its text, as the element
// objects satori lays out (never markup: a title is a string child, drawn as the characters it has).
import { eastAsianWidth } from "get-east-asian-width";
import { wordGroups } from "../content/wordBreaks.js";

/** The size Open Graph and X (Twitter) show a large card at. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The family name the card's elements ask for; the font files are Noto Sans SC (fonts.ts). */
export const CARD_FONT = "Noto Sans SC";

/** The site's colours (layouts/style.css, light scheme). */
const COLOURS = { fg: "#1d1d1f", muted: "#5f6368", bg: "#fdfdfc", accent: "#0b57d0", rule: "#e3e3e0", onAccent: "#ffffff" } as const;

/** The card from top to bottom, in pixels: accent bar, space, the site's name, space, title, footer, space. */
const ACCENT_BAR = 16;
const PADDING_TOP = 48;
const HEADER = 48;
const TITLE_GAP = 32;
const FOOTER = 104;
const PADDING_BOTTOM = 40;
const PADDING_X = 80;
const TITLE_WIDTH = CARD_WIDTH - 2 * PADDING_X;
export const TITLE_HEIGHT = CARD_HEIGHT - ACCENT_BAR - PADDING_TOP - HEADER - TITLE_GAP - FOOTER - PADDING_BOTTOM;
export const TITLE_LINE_HEIGHT = 1.3;

/**
 * The title's sizes, largest first, each with the lines that fit the card at that size: a short
 * title is drawn large, a long one smaller, and what the smallest size cannot hold is clamped.
 */
export const TITLE_SIZES: ReadonlyArray<{ fontSize: number; lines: number }> = [
  { fontSize: 72, lines: 3 },
  { fontSize: 60, lines: 4 },
  { fontSize: 46, lines: 5 },
];

/** Lines are not filled to the last pixel (a Latin word moves whole to the next line): room is left. */
const FILL = 0.88;

/** What a card shows, as text. Every field is part of the card's cache key (key.ts). */
export interface CardContent {
  /** The site's name, at the top. */
  siteName: string;
  /** The page's title, large. */
  title: string;
  /** `2026-W06`, in the accent colour; absent on the home page's card. */
  badge?: string;
  /** `2026年2月5日`, or the site's address on the home page's card. */
  note?: string;
}

/** Characters a card never shows as they are: controls, and the marks that reorder text (a title with U+202E stays in reading order). */
const INVISIBLE_RE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A line of text as the card draws it: invisible and reordering characters dropped, white space collapsed. */
export function cardText(text: string): string {
  return text.replace(INVISIBLE_RE, " ").replace(/\s+/gu, " ").trim();
}

/** The width of a text in ems, estimated: a wide (Chinese, full-width) character is one, another about half. */
export function textEms(text: string): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    ems += code === 0x20 ? 0.26 : eastAsianWidth(code) === 2 ? 1 : 0.58;
  }
  return ems;
}

/** How many ems of text a line of the title holds at a font size, with room left. */
const perLine = (fontSize: number) => (TITLE_WIDTH / fontSize) * FILL;

/** Lines filled with whole groups (wordBreaks.ts), greedily; a group longer than a line is cut by characters. Spaces at a line's ends are dropped. */
function fillLines(groups: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    if (line.trim() !== "") lines.push(line.trim());
    line = "";
  };
  for (const group of groups) {
    if (textEms(line + group) <= width) line += group;
    else if (textEms(group) <= width) {
      flush();
      line = group.trimStart();
    } else {
      for (const char of group) {
        if (textEms(line + char) > width) flush();
        line += char;
      }
    }
  }
  flush();
  return lines;
}

/** Characters a reader counts on a line: letters, digits and Chinese, not punctuation. */
const COUNTED_RE = /[\p{L}\p{N}]/gu;

/** No single character alone on the last line (a lone `速`): the word before it moves down to join it, when the line above keeps a word and it fits. */
function settleLastLine(lines: string[], width: number): string[] {
  if (lines.length < 2 || (lines.at(-1)!.match(COUNTED_RE)?.length ?? 0) !== 1) return lines;
  const above = wordGroups(lines.at(-2)!);
  const moved = above.length > 1 ? above.at(-1)! : [...lines.at(-2)!].at(-1)!;
  const kept = lines.at(-2)!.slice(0, -moved.length).trimEnd();
  const last = (moved + lines.at(-1)!).trim();
  if (kept === "" || textEms(last) > width) return lines;
  return [...lines.slice(0, -2), kept, last];
}

/**
 * The size of a title and its lines: the largest size at which the whole title fits, else the
 * smallest, where the lines past the last are left out and the last ends with "…". Lines break
 * between words only (content/wordBreaks.ts), as the site's titles do, and never leave one
 * character alone on the last line.
 */
export function titleLayout(title: string): { fontSize: number; lines: string[] } {
  const groups = wordGroups(title);
  for (const size of TITLE_SIZES) {
    const lines = fillLines(groups, perLine(size.fontSize));
    if (lines.length <= size.lines) return { fontSize: size.fontSize, lines: settleLastLine(lines, perLine(size.fontSize)) };
  }
  const { fontSize, lines: most } = TITLE_SIZES[TITLE_SIZES.length - 1]!;
  const width = perLine(fontSize);
  const lines = fillLines(groups, width);
  // The last line shown holds what fits of the rest, then "…": whole words where it can.
  const shown = lines.slice(0, most - 1);
  const remaining = lines.slice(most - 1).join("");
  const last = fillLines(wordGroups(remaining), width - textEms("…"))[0] ?? "";
  return { fontSize, lines: [...shown, `${last}…`] };
}

/** Every character a card draws: the fonts are cut down to these (fonts.ts). */
export function cardCharacters(content: CardContent): string {
  return `${cardText(content.siteName)}${cardText(content.title)}${cardText(content.badge ?? "")}${cardText(content.note ?? "")}…`;
}

/** An element as satori takes it: a type, a style, and children that are elements or plain text. */
export interface CardElement {
  type: "div";
  props: { style: Record<string, string | number>; children?: string | CardElement | CardElement[] };
}

const div = (style: Record<string, string | number>, children?: string | CardElement | CardElement[]): CardElement => ({ type: "div", props: children === undefined ? { style } : { style, children } });

/** The card: the site's mark and name, the title, then the week and date under a rule. */
export function cardElement(content: CardContent): CardElement {
  const layout = titleLayout(cardText(content.title));
  const badge = cardText(content.badge ?? "");
  const note = cardText(content.note ?? "");
  const footer: CardElement[] = [];
  if (badge !== "") footer.push(div({ display: "flex", marginRight: 28, padding: "4px 20px", borderRadius: 12, background: COLOURS.accent, color: COLOURS.onAccent, fontSize: 32, fontWeight: 700 }, badge));
  if (note !== "") footer.push(div({ display: "flex", fontSize: 32, fontWeight: 400, color: COLOURS.muted }, note));
  return div(
    { display: "flex", flexDirection: "column", width: CARD_WIDTH, height: CARD_HEIGHT, background: COLOURS.bg, fontFamily: CARD_FONT },
    [
      div({ width: CARD_WIDTH, height: ACCENT_BAR, background: COLOURS.accent }),
      div({ display: "flex", alignItems: "center", height: HEADER, margin: `${PADDING_TOP}px ${PADDING_X}px 0` }, [
        div({ width: 40, height: 40, borderRadius: 9, background: COLOURS.accent, marginRight: 20 }),
        div({ display: "flex", fontSize: 32, fontWeight: 700, color: COLOURS.accent }, cardText(content.siteName)),
      ]),
      div(
        {
          display: "flex",
          flexDirection: "column",
          width: TITLE_WIDTH,
          height: TITLE_HEIGHT,
          margin: `${TITLE_GAP}px ${PADDING_X}px 0`,
          fontSize: layout.fontSize,
          fontWeight: 700,
          lineHeight: TITLE_LINE_HEIGHT,
          color: COLOURS.fg,
          overflow: "hidden",
        },
        // One element per line, as titleLayout chose them: satori never breaks inside one.
        layout.lines.map((line) => div({ display: "flex", whiteSpace: "pre" }, line)),
      ),
      div({ display: "flex", alignItems: "center", width: TITLE_WIDTH, height: FOOTER, margin: `0 ${PADDING_X}px`, borderTop: `2px solid ${COLOURS.rule}` }, footer),
    ],
  );
}
