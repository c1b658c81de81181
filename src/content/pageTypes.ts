// The pages of a site as the analysis sees them: collected from Eleventy, analysed, and the
// problems found in their bodies.
import type { CountedWords, DigestSection } from "./words.js";
import type { LinkedFiles } from "./linkedFiles.js";
import type { DateTime } from "luxon";
import type { ContentKind } from "../core/kinds.js";
import type { IsoWeek } from "../core/dates.js";
import type { Problem } from "../core/errors.js";
import type { ReadingTime } from "../core/readingTime.js";
import type { ImagePlan } from "./images.js";
import type { Heading } from "./markdownText.js";
import type { PageIndex } from "./references.js";
import type { PublishState } from "./schedule.js";
import type { TermCounts } from "./terms.js";

/** A Markdown page as Eleventy handed it to the plugin, before rendering. */
export interface CollectedPage {
  /** Relative to the input folder, forward slashes: `posts/2026-W06-ai-weekly.md`. */
  path: string;
  kind: ContentKind | undefined;
  data: Readonly<Record<string, unknown>>;
  /** The Markdown body, front matter removed. */
  body: string;
  /** Published, or (in a preview only) scheduled or draft. */
  status: PublishState;
}

/** A page a production build held back, by its stem: links to it would be dead. */
export interface HeldBack {
  path: string;
  status: Exclude<PublishState, { state: "published" }>;
}

export interface AnalysedPage extends CollectedPage {
  url: string;
  readingTime: ReadingTime;
  title: string;
  date: DateTime | undefined;
  week: IsoWeek | undefined;
  headings: Heading[];
  excerpt: string;
  /** The body's words, counted (kept with the body's analysis while the body is unchanged). */
  terms: TermCounts;
  /** A report's words, when the hot words, trends or year pages are made (words.ts). */
  words?: CountedWords;
  /** A digest's sources and their items, when the year pages are made. */
  sections?: DigestSection[];
  /** Links to pages and files of the site, as written → as published. */
  rewrites: Map<string, string>;
  /** Paths of the pages this page links to. */
  linksTo: Set<string>;
}

export interface SiteIndex {
  pages: Map<string, AnalysedPage>;
  lookup: PageIndex;
  /** Path of a page → paths of the reports that link to it. */
  citedBy: Map<string, string[]>;
  /** Paths of the reports, oldest first: the order of previous and next. */
  reportOrder: string[];
  /** A report's place in `reportOrder`. */
  reportIndex: Map<string, number>;
  /** The digest of each ISO week (`2026-W06`), by its path. */
  digestByWeek: Map<string, string>;
  /** Files that are not pages (images, PDFs) linked from the content, relative to the input folder. */
  files: Set<string>;
  /** The pictures among them (written with `![…](…)`), each with what it is made into. */
  images: Map<string, ImagePlan>;
  /** Pictures only held-back pages show: planned (for `weekly export`), not written. */
  heldImages: Map<string, ImagePlan>;
  /** Problems with `line` counted inside the body; see `placeInFile`. */
  problems: BodyProblem[];
  /** Which files the pages may link to (the rule the analysis applied), for whatever reads them later. */
  linked: LinkedFiles;
}

export interface BodyProblem extends Problem {
  /** 0-based line inside the Markdown body (front matter not counted); -1 for the file as a whole. */
  bodyLine: number;
  /**
   * `link`: a target that does not exist (the `brokenLinks` option applies); `schedule`: a link
   * that would be dead for a while; `week`: the weekly rules; `markdown`: text Markdown does not show.
   */
  rule: "link" | "schedule" | "week" | "markdown";
  /** In a page not yet published: reported, but it stops no build until the page goes live. */
  deferred?: true;
  /** For a problem of the file as a whole: the front-matter key whose line it is reported at. */
  field?: string;
}
