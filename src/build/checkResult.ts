// What a `weekly check` run hands back once every problem is known, before anything is rendered.
import type { Problem } from "../core/errors.js";
import type { ResolvedOptions } from "../core/options.js";
import { existingOf, type ExistingContent } from "../content/newWeek.js";
import type { SiteIndex } from "../content/pageTypes.js";

/** Thrown by a `weekly check` run: errors and warnings alike; the command prints them. */
export class WeeklyCheckResult extends Error {
  readonly skipOriginalStack = true;
  constructor(
    readonly problems: readonly Problem[],
    readonly files: number,
    /** What the `weekly` command needs to know of the site besides its problems. */
    readonly site: { inputDir: string; options: ResolvedOptions; content: ExistingContent },
  ) {
    super(`weekly check: ${problems.length} problems in ${files} files`);
    this.name = "WeeklyCheckResult";
  }
}

/** The reports and digests of an analysed site, as `weekly new` needs them. */
export function existingContent(site: SiteIndex | undefined): ExistingContent {
  return existingOf(site?.pages.values() ?? []);
}
