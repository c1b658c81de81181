// Which pages have a card and what each shows: a report (its title, ISO week and date) and the
// home page (the site's description and address).
import type { CardLink, PageView } from "../present/views.js";
import { CARD_HEIGHT, CARD_WIDTH, type CardContent } from "./layout.js";
import { cardUrl } from "./key.js";

/** A report's card: its title, week and date, under the site's name. */
export function reportCard(view: Pick<PageView, "title" | "week" | "date">, siteName: string): CardContent {
  return { siteName, title: view.title, ...(view.week ? { badge: view.week.key } : {}), ...(view.date ? { note: view.date.label } : {}) };
}

/** The home page's card: the site's description (its name when it has none) and its address. */
export function homeCard(site: { title: string; description: string; url: string }): CardContent {
  const title = site.description.trim() !== "" ? site.description : site.title;
  return { siteName: site.title, title, note: site.url.replace(/^https?:\/\//, "") };
}

/** How a page's `<head>` names its card. */
export function cardLink(pageUrl: string, alt: string): CardLink {
  return { url: cardUrl(pageUrl), width: CARD_WIDTH, height: CARD_HEIGHT, alt };
}
