// Where a title or heading may break: between words, never inside one. Chinese has no spaces, so a
// browser breaks it between any two characters (`智能｜体`, `多｜维` at the end of a line); the words
// are found with Intl.Segmenter('zh', { granularity: 'word' }) and each is kept whole:
// - a run of single characters the segmenter left apart stays with the word or number before it:
//   ICU's dictionary lacks newer words (`智能体` comes as 智能|体, `多维` as 多|维, `无人机` as
//   无人|机), and a count keeps its unit (`2026年`). A word ICU does not know may still be cut
//   where a single character starts it (`轻量化` as 轻|量化): a break there, never inside 量化;
// - a single character opening a clause (after punctuation, or first) goes with the word after it
//   (`：多智能体`, not `多` left at the end of a line);
// - punctuation stays with its word: a closing or middle mark (`，：、）」`) with the word before
//   it, an opening one (`（「《“`) with the word after it, so no line starts with `：` or ends with `「`;
// - a hyphen, dot or slash between two Latin letters or digits joins them (`GPT-5`, `v1.2`).
// Spaces stay where they are: they are break opportunities already.
import { escapeAttribute } from "./images.js";

const SEGMENTER = new Intl.Segmenter("zh", { granularity: "word" });
const SPACE_RE = /^\s+$/u;
const OPENING_RE = /^[（(［\[｛{「『“‘《〈【〔〖]+$/u;
const JOINER_RE = /^[-‐.\/_·]$/u;
const ONE_HAN_RE = /^\p{Script=Han}$/u;
const ENDS_HAN_OR_DIGIT_RE = /[\p{Script=Han}\p{N}]$/u;
const ENDS_ALNUM_RE = /[\p{L}\p{N}]$/u;
const ENDS_MARK_RE = /[^\p{L}\p{N}\s]$/u;
const STARTS_ALNUM_RE = /^[\p{L}\p{N}]/u;

/** The text in groups that must not break inside: words with their punctuation, and the spaces between them. */
export function wordGroups(text: string): string[] {
  const groups: string[] = [];
  /** An opening mark waiting for the word it opens. */
  let opening = "";
  /** The last group takes the next word too (a joiner ended it). */
  let glued = false;
  const last = () => groups[groups.length - 1];
  const segments = [...SEGMENTER.segment(text)];
  for (const [i, { segment, isWordLike }] of segments.entries()) {
    const previous = last();
    if (SPACE_RE.test(segment)) {
      if (opening !== "") groups.push(opening), (opening = "");
      groups.push(segment);
      glued = false;
    } else if (!isWordLike && OPENING_RE.test(segment)) {
      opening += segment;
    } else if (!isWordLike) {
      const next = segments[i + 1]?.segment ?? "";
      if (previous === undefined || SPACE_RE.test(previous) || opening !== "") opening += segment;
      else groups[groups.length - 1] = previous + segment;
      glued = JOINER_RE.test(segment) && previous !== undefined && ENDS_ALNUM_RE.test(previous) && STARTS_ALNUM_RE.test(next);
    } else if (opening === "" && ONE_HAN_RE.test(segment) && (previous === undefined || ENDS_MARK_RE.test(previous)) && segments[i + 1]?.isWordLike === true) {
      // A single character opening a clause goes with the word after it: `多智能体` after `：`, not `多` left at a line's end.
      opening = segment;
    } else if (opening !== "") {
      groups.push(opening + segment);
      opening = "";
      glued = false;
    } else if (previous !== undefined && !SPACE_RE.test(previous) && (glued || (ONE_HAN_RE.test(segment) && ENDS_HAN_OR_DIGIT_RE.test(previous)))) {
      groups[groups.length - 1] = previous + segment;
      glued = false;
    } else {
      groups.push(segment);
      glued = false;
    }
  }
  if (opening !== "") groups.push(opening);
  return groups;
}

/**
 * The text as HTML with a `<wbr>` between words and nowhere else: shown in an element styled
 * `word-break: keep-all` (no break between two Chinese characters) and `overflow-wrap: anywhere`
 * (a word longer than the line may still break), it breaks between words only.
 */
export function wordBreakHtml(text: string): string {
  let html = marked.get(text);
  if (html === undefined) {
    const groups = wordGroups(text);
    html = groups.map((group, i) => (i > 0 && !SPACE_RE.test(group) && !SPACE_RE.test(groups[i - 1]!) ? "<wbr>" : "") + escapeAttribute(group)).join("");
    if (marked.size >= MARKED_KEPT) marked.clear();
    marked.set(text, html);
  }
  return html;
}

/**
 * The titles and headings marked lately. A report's title is shown on many pages (the archive, its
 * tags' pages, the home page, its neighbours' pagers and related lists): segmenting it once a build
 * instead of on each saves most of the time Intl.Segmenter takes (a third of a second at 1000 weeks).
 */
const marked = new Map<string, string>();
/** Enough for the titles and headings of thousands of reports; emptied when full. */
const MARKED_KEPT = 20_000;
