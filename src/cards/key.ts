// Where a page's card is, and what names it in the cache: both pure.
import { createHash } from "node:crypto";
import { CARD_FOLDER } from "../core/addresses.js";
import { CARD_HEIGHT, CARD_WIDTH, type CardContent } from "./layout.js";

/** Changed whenever the drawing changes (layout, colours, renderer options, how a title breaks into lines): every kept card is then drawn anew. */
export const CARD_RENDERER = "weekly-card/2";


/**
 * A page's card, in the cards folder at the page's own output path (`/posts/a/` is written
 * `posts/a/index.html`, its card `/cards/posts/a/index.png`): one card per page for any permalink,
 * never beside the page, where a file the report links to may have the same name.
 */
export function cardUrl(pageUrl: string): string {
  const path = pageUrl.replace(/^\/+/, "");
  const file = path === "" || path.endsWith("/") ? `${path}index` : path.replace(/\.html$/, "");
  return `/${CARD_FOLDER}/${file}.png`;
}

/** The cache's name of a card: a hash of everything it shows and of how it is drawn. */
export function cardKey(content: CardContent, fonts: string): string {
  const fields = [CARD_RENDERER, CARD_WIDTH, CARD_HEIGHT, fonts, content.siteName, content.title, content.badge ?? null, content.note ?? null];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}
