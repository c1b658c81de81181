// What a `weekly check` run hands back once every problem is known, before anything is rendered.
import type { Problem } from "../core/errors.js";
import type { ResolvedOptions } from "../core/options.js";
import { existingOf, type ExistingContent } from "../content/newWeek.js";
import type { SiteIndex } from "../content/pageTypes.js";

/** Returned by the stage that ends a check run (start, on code in a content folder; else analyse): errors and warnings alike. */
export interface CheckResult {
  problems: readonly Problem[];
  /** How many Markdown pages were read. */
  files: number;
  /** What the `weekly` command needs to know of the site besides its problems. */
  site: { inputDir: string; options: ResolvedOptions; content: ExistingContent };
}

/** The reports and digests of an analysed site, as `weekly new` needs them. */
export function existingContent(site: SiteIndex | undefined): ExistingContent {
  return existingOf(site?.pages.values() ?? []);
}
