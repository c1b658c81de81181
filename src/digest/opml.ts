// Sources from an OPML file, the list feed readers export (`weekly digest --import`): every
// outline with a feed address, at any depth, in the file's order.
import { parseOpml } from "feedsmith";
import type { Source } from "../content/sources.js";
import { cleanText, linkKey } from "./text.js";

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  outlines?: Outline[];
}

export type OpmlRead = { sources: Source[]; skipped: string[] } | { reason: string };

const isHttp = (url: string | undefined): url is string => url !== undefined && linkKey(url) !== undefined;

/** The sources an OPML file lists; outlines whose feed is not an http(s) address are named in `skipped`. */
export function sourcesFromOpml(text: string): OpmlRead {
  let opml;
  try {
    opml = parseOpml(text.replace(/^\uFEFF/, "")) as { body?: { outlines?: Outline[] } };
  } catch (error) {
    return { reason: `not an OPML file (${(error as Error).message})` };
  }
  const sources: Source[] = [];
  const skipped: string[] = [];
  const visit = (outlines: readonly Outline[] | undefined) => {
    for (const outline of outlines ?? []) {
      const feed = outline.xmlUrl?.trim();
      if (feed !== undefined && feed !== "") {
        const name = cleanText(outline.title ?? outline.text ?? "") || feed;
        if (!isHttp(feed)) skipped.push(`${name}: feed ${JSON.stringify(feed)} is not an http(s) address`);
        else sources.push({ name, feed, home: isHttp(outline.htmlUrl?.trim()) ? outline.htmlUrl!.trim() : undefined });
      }
      visit(outline.outlines);
    }
  };
  visit(opml.body?.outlines);
  return { sources, skipped };
}

/** The OPML's sources whose feed the list does not hold yet (nor an earlier one of the OPML). */
export function newSources(existing: readonly Source[], imported: readonly Source[]): { added: Source[]; present: Source[] } {
  const known = new Set(existing.map((s) => linkKey(s.feed)));
  const added: Source[] = [];
  const present: Source[] = [];
  for (const source of imported) {
    const key = linkKey(source.feed);
    if (known.has(key)) present.push(source);
    else {
      known.add(key);
      added.push(source);
    }
  }
  return { added, present };
}
