// The folder a site is served from: the path of site.url, or Eleventy's --pathprefix.
import { show } from "./errors.js";
import { optionError } from "./options.js";

/**
 * The folder the site is served from ("" for a host's root, `/ai-weekly` for a project site on
 * GitHub Pages): the path of `site.url`, or Eleventy's `--pathprefix` (`pathPrefix`). Both may be
 * given only if they agree.
 */
export function resolveBasePath(siteUrl: string, pathPrefix: string | undefined): string {
  const normalize = (path: string) => path.replace(/\/+$/, "").replace(/^\/*/, "/").replace(/^\/$/, "");
  const fromUrl = normalize(decodeURI(new URL(siteUrl).pathname));
  const fromEleventy = normalize(pathPrefix ?? "/");
  if (fromUrl !== "" && fromEleventy !== "" && fromUrl !== fromEleventy) {
    throw optionError("site.url", siteUrl, `an address whose path agrees with Eleventy's pathPrefix ${show(pathPrefix)}: give the path in one of them, or the same in both`);
  }
  return fromUrl || fromEleventy;
}
