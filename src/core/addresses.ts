// Where the pages the plugin adds live, whether or not the site has them: no content may take these addresses.
import type { ResolvedOptions } from "./options.js";

/** Where each generated page lives (whether or not the site has it). */
export function pageAddresses(opts: ResolvedOptions) {
  return {
    home: "/",
    tagIndex: `/${opts.tagsPath}/`,
    archive: "/archive/",
    digestIndex: `/${opts.digestsDir}/`,
    search: "/search/",
    notFound: "/404.html",
    trends: "/trends/",
    years: "/years/",
  } as const;
}

/** The output folder of the social cards (`/cards/posts/a/index.png`), which no page may take. */
export const CARD_FOLDER = "cards";

/** Where the feeds' stylesheet is written, from the site's root (a site with an Atom feed has it). */
export const FEED_STYLESHEET_URL = "/feed.xsl";

/** The folder under a report's address where a preview shows its editions (`/posts/a/editions/email/`). */
export const EDITIONS_FOLDER = "editions";

/** The folder, inside the input folder, of the plugin's generated pages' virtual templates (`weekly-plugin/home.njk`). */
export const GENERATED_FOLDER = "weekly-plugin";
