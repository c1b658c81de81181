// What one build knows, made fresh when it starts: nothing of a build carries over to the next
// but the analyses of bodies (see build.ts). Each stage reads and adds to it in turn.
import type { DateTime } from "luxon";
import type { Problem } from "../core/errors.js";
import type { LinkProblem } from "../content/files.js";
import type { CollectedPage, HeldBack, SiteIndex } from "../content/pageTypes.js";

/** What Eleventy passes to `eleventy.before` and `eleventy.after`. */
export interface BuildEvent {
  directories?: { output?: string; data?: string; includes?: string };
  runMode?: string;
  outputMode?: string;
  incremental?: boolean;
  results?: Array<{ inputPath?: string; outputPath?: string | false }>;
}

/** The build's environment: read once per build, so a test can set it. */
export interface BuildEnvironment {
  WEEKLY_NOW?: string | undefined;
  WEEKLY_PREVIEW?: string | undefined;
  /** Set by `weekly check`: analyse everything, write nothing, hand the problems back. */
  WEEKLY_CHECK?: string | undefined;
  /** Seconds a build waits for another build of the same output folder (default 600). */
  WEEKLY_LOCK_WAIT?: string | undefined;
  /** The language of the plugin's messages: zh or en (default: the site's language; core/language.ts). */
  WEEKLY_LANG?: string | undefined;
}

export interface BuildState {
  /** The build's clock, in the site's zone. */
  now: DateTime;
  /** A preview shows held-back pages with a notice: `--serve`, `--watch`, `WEEKLY_PREVIEW=1`, and a check. */
  preview: boolean;
  /** `weekly check`: every problem is handed back before anything is rendered. */
  checkOnly: boolean;
  /** The output folder, and whether the build renders only what changed (`--incremental`). */
  output: string | undefined;
  incremental: boolean;
  /** Eleventy's folders for this build. */
  directories: NonNullable<BuildEvent["directories"]>;
  /** Whether this build writes its output folder (not a check, a dry run or JSON output). */
  writes: boolean;
  /** Markdown pages as Eleventy handed them over, by path. */
  collected: Map<string, CollectedPage>;
  /** Pages not published by this build, by stem. */
  heldBack: Map<string, HeldBack>;
  /** The problems found so far, one per file and field. */
  problems: Map<string, Problem>;
  /** Files copied as they are: output path → input path. */
  passthrough: Map<string, string>;
  /** Symbolic links in the content folders. */
  links: LinkProblem[];
  /** Data files with refused keys, as tests of the pages they apply to: those are never compiled. */
  refusedData: Array<(path: string) => boolean>;
  /** Data files of the content folders that name a layout, as tests of the pages they apply to: that layout is the page's own. */
  layoutData: Array<(path: string) => boolean>;
  /** Pages never compiled because their data was refused. */
  refused: Set<string>;
  /** Pages whose front matter could not be read: no rule that reads its values reports on them. */
  unreadable: Set<string>;
  /** A check's problems found at its start (code in a content folder), where it ends without reading a page. */
  stopped: Problem[] | undefined;
  /** The analysed site, once every URL is known. */
  site: SiteIndex | undefined;
  /** Every page's URLs (paginated pages have several), by path. */
  allUrls: Map<string, string[]>;
  /** Each tag's page, for the tags this build shows (none when the site has no tag pages). */
  tagUrls: Map<string, string>;
  /**
   * Files the plugin puts into the output folder itself, besides Eleventy's pages (the social
   * cards), as [input, file] pairs: each batch is settled before the output folder is recorded.
   */
  ownFiles: Array<Promise<Array<[input: string, file: string]>>>;
}

export function newBuildState(fields: Pick<BuildState, "now" | "preview" | "checkOnly" | "output" | "incremental">): BuildState {
  return {
    ...fields,
    directories: {},
    writes: false,
    collected: new Map(),
    heldBack: new Map(),
    problems: new Map(),
    passthrough: new Map(),
    links: [],
    refusedData: [],
    layoutData: [],
    refused: new Set(),
    unreadable: new Set(),
    stopped: undefined,
    site: undefined,
    allUrls: new Map(),
    tagUrls: new Map(),
    ownFiles: [],
  };
}
