// What a link to a heading that does not exist is told: the heading it most likely meant, found by
// its id or by its text as the author wrote it, else every heading of the page, each as written
// with the id a link names it by.
import { distance } from "fastest-levenshtein";
import { show, type Said } from "../core/show.js";
import type { Heading } from "./markdownText.js";

/** The sentence after "no such heading.": " Did you mean "AI 代理与自动化" (#ai-代理与自动化)?", or every heading so named; "" for a page without headings. */
export function headingHint(headings: readonly Heading[], missing: string): Said {
  if (headings.length === 0) return "";
  const wanted = missing.slice(1);
  // Near by its id, or by its text as the author wrote it (case, spaces and hyphens aside): #AI代理 finds "AI 代理与自动化".
  const near = headings
    .map((heading) => ({ heading, cost: Math.min(distance(wanted, heading.id), distance(looseText(wanted), looseText(heading.text))) }))
    .filter(({ cost }) => cost <= Math.max(1, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.cost - b.cost)[0];
  const named = ({ text, id }: { text: string; id: string }) => `${show(text)} (#${id})`;
  const namedZh = ({ text, id }: { text: string; id: string }) => `${show(text)}（#${id}）`;
  return near
    ? { en: ` Did you mean ${named(near.heading)}?`, zh: `是不是 ${namedZh(near.heading)}？` }
    : { en: ` Its headings are ${headings.map(named).join(", ")}.`, zh: `它的标题有 ${headings.map(namedZh).join("、")}。` };
}

/** A heading's text or a fragment compared loosely: lower case, without spaces, hyphens or underscores. */
function looseText(text: string): string {
  return text.toLowerCase().replace(/[\s\-_]+/gu, "");
}

