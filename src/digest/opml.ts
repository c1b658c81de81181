// Sources from an OPML file, the list feed readers export (`weekly digest --import`): every
// outline with a feed address, at any depth, in the file's order. An outline whose address the
// sources file could not hold is skipped and named, never allowed to fail the whole import.
import type { Said } from "../core/show.js";
import { onFirstUse } from "../core/onFirstUse.js";
import { isSourceAddress, NOT_IN_ADDRESS_RE, type Source } from "../content/sources.js";
import { cleanText, linkKey } from "./itemText.js";

/** The feed parser, loaded when an OPML file is read. */
const feedsmith = onFirstUse<typeof import("feedsmith")>("feedsmith");

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  outlines?: Outline[];
}

/** An outline left out, or a part of one: its line in the OPML file (when it could be found) and why. */
export interface Skipped {
  line: number | undefined;
  message: Said;
}

export type OpmlRead = { sources: Source[]; skipped: Skipped[] } | { reason: Said };

/** An outline's start tag, its attributes' values allowed to hold `>`. */
const OUTLINE_TAG_RE = /<outline\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const XML_URL_RE = /\sxmlUrl\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ENTITY_RE = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
const NAMED_ENTITIES = new Map([["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["apos", "'"]]);

/** `https://x.example/a b`: why the sources file cannot hold it, or undefined when it can. */
function addressFault(url: string): { en: string; zh: string } | undefined {
  if (isSourceAddress(url)) return undefined;
  const character = NOT_IN_ADDRESS_RE.exec(url)?.[0];
  if (character === undefined) return { en: "is not an http(s) address", zh: "不是 http(s) 地址" };
  const named = /\s/.test(character)
    ? character === " " ? { en: "a space", zh: "空格" } : { en: `the white space ${JSON.stringify(character)}`, zh: `空白字符 ${JSON.stringify(character)}` }
    : { en: `"${character}"`, zh: `"${character}"` };
  const encoded = encodeURIComponent(character);
  return {
    en: `holds ${named.en}, which an address in the sources file cannot hold (written percent-encoded it can: ${encoded})`,
    zh: `含有${named.zh}，来源文件里的地址不能含有它（写成百分号编码 ${encoded} 就可以）`,
  };
}

/** The sources an OPML file lists; outlines whose feed the sources file could not hold are named in `skipped`. */
export function sourcesFromOpml(text: string): OpmlRead {
  let opml;
  try {
    opml = feedsmith().parseOpml(text.replace(/^\uFEFF/, "")) as { body?: { outlines?: Outline[] } };
  } catch (error) {
    return { reason: { en: `not an OPML file (${(error as Error).message})`, zh: `不是 OPML 文件（${(error as Error).message}）` } };
  }
  const sources: Source[] = [];
  const skipped: Skipped[] = [];
  const lineOf = outlineLines(text);
  const visit = (outlines: readonly Outline[] | undefined) => {
    for (const outline of outlines ?? []) {
      const feed = outline.xmlUrl?.trim();
      if (feed !== undefined && feed !== "") {
        const line = lineOf(outline.xmlUrl!);
        const name = cleanText(outline.title ?? outline.text ?? "") || feed;
        const fault = addressFault(feed);
        const home = outline.htmlUrl?.trim();
        const homeFault = home === undefined || home === "" ? "" : addressFault(home);
        const [feedShown, homeShown] = [JSON.stringify(feed), JSON.stringify(home)];
        if (fault !== undefined) skipped.push({ line, message: { en: `skipped ${name}: feed ${feedShown} ${fault.en}`, zh: `跳过了 ${name}：订阅源 ${feedShown} ${fault.zh}` } });
        else {
          sources.push({ name, feed, home: homeFault === undefined ? home : undefined });
          if (homeFault) skipped.push({ line, message: { en: `added ${name} without its home page: ${homeShown} ${homeFault.en}`, zh: `加入了 ${name}，但没有它的主页：${homeShown} ${homeFault.zh}` } });
        }
      }
      visit(outline.outlines);
    }
  };
  visit(opml.body?.outlines);
  return { sources, skipped };
}

/**
 * Finds the line of each outline with a feed, in the file's order: the parser keeps no places, so
 * the start tags are read again and each outline's `xmlUrl` matched to the next tag that has it.
 */
function outlineLines(text: string): (xmlUrl: string) => number | undefined {
  const tags = [...text.matchAll(OUTLINE_TAG_RE)].flatMap((match) => {
    const attribute = XML_URL_RE.exec(match[0]);
    if (!attribute) return [];
    const value = (attribute[1] ?? attribute[2] ?? "").replace(ENTITY_RE, (entity, hex?: string, decimal?: string, name?: string) =>
      hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : decimal !== undefined ? String.fromCodePoint(Number(decimal)) : (NAMED_ENTITIES.get(name!.toLowerCase()) ?? entity),
    );
    return [{ value, line: text.slice(0, match.index).split("\n").length }];
  });
  let next = 0;
  return (xmlUrl) => {
    const found = tags.findIndex((tag, index) => index >= next && tag.value === xmlUrl);
    if (found === -1) return undefined;
    next = found + 1;
    return tags[found]!.line;
  };
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
