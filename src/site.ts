// The build's picture of the content: each report and digest read once, analysed once, and the
// links between them resolved, before any page is rendered.
import { posix } from "node:path";
import type { MarkdownIt } from "markdown-it";
import { DateTime } from "luxon";
import type { ResolvedOptions } from "./options.js";
import type { Problem } from "./errors.js";
import { assignHeadingIds, collectLinks, excerptFromTokens, type Heading } from "./markdown.js";
import { isoWeekOf, weekInFileName, type IsoWeek } from "./dates.js";
import { pageIndex, pageStem, readableHref, resolveReference, type PageIndex } from "./references.js";
import { formatPublishTime, type PublishState } from "./schedule.js";

export type ContentKind = "report" | "digest";

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
  title: string;
  date: DateTime | undefined;
  week: IsoWeek | undefined;
  headings: Heading[];
  excerpt: string;
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
  /** Files that are not pages (images, PDFs) linked from the content, relative to the input folder. */
  files: Set<string>;
  /** Problems with `line` counted inside the body; see `placeInFile`. */
  problems: BodyProblem[];
}

export interface BodyProblem extends Problem {
  /** 0-based line inside the Markdown body (front matter not counted). */
  bodyLine: number;
}

/** Which folder a page belongs to: reports in `postsDir`, digests in `digestsDir`. */
export function kindOf(path: string, opts: Pick<ResolvedOptions, "postsDir" | "digestsDir">): ContentKind | undefined {
  if (path.startsWith(`${opts.postsDir}/`)) return "report";
  if (path.startsWith(`${opts.digestsDir}/`)) return "digest";
  return undefined;
}

/** Eleventy's `./posts/a.md` (relative to the working folder) → `posts/a.md` relative to the input folder. */
export function inputRelative(inputPath: string, inputDir: string): string {
  return posix.relative(posix.normalize(inputDir), posix.normalize(inputPath));
}

/**
 * Analyses every collected page against Eleventy's map of input paths to URLs: headings, excerpt,
 * week, and every link resolved, with a problem for each link whose target does not exist.
 */
export function analyseSite(
  collected: Iterable<CollectedPage>,
  urls: ReadonlyMap<string, string>,
  md: MarkdownIt,
  opts: ResolvedOptions,
  fileExists: (path: string) => boolean,
  heldBack: ReadonlyMap<string, HeldBack> = new Map(),
): SiteIndex {
  const byStem = new Map<string, string>();
  const pathByStem = new Map<string, string>();
  for (const [path, url] of urls) {
    byStem.set(pageStem(path), url);
    pathByStem.set(pageStem(path), path);
  }
  const lookup = pageIndex(byStem);
  const files = new Set<string>();
  const pages = new Map<string, AnalysedPage>();
  const problems: BodyProblem[] = [];
  const citedBy = new Map<string, string[]>();

  for (const page of collected) {
    const url = urls.get(page.path);
    if (url === undefined) continue; // not written (permalink: false, or dropped by a preprocessor)
    const tokens = md.parse(page.body, { title: page.data.title });
    const headings = assignHeadingIds(tokens);
    const analysed: AnalysedPage = {
      ...page,
      url,
      title: titleOf(page, opts),
      date: dateOf(page.data, opts.timezone),
      week: weekOf(page, opts.timezone),
      headings,
      excerpt: excerptFromTokens(tokens, opts.excerptLength),
      rewrites: new Map(),
      linksTo: new Set(),
    };
    for (const link of collectLinks(tokens, page.body)) {
      const resolution = resolveReference(link.href, { fromInputPath: page.path, pages: lookup });
      const at = { file: page.path, bodyLine: link.line, column: link.column };
      if (resolution.kind === "page") {
        analysed.rewrites.set(link.href, resolution.href);
        analysed.linksTo.add(pathByStem.get(resolution.stem) ?? resolution.stem);
      } else if (resolution.kind === "file" && fileExists(resolution.path)) {
        analysed.rewrites.set(link.href, resolution.href);
        files.add(resolution.path);
      } else if (resolution.kind === "file") {
        problems.push({ ...at, severity: "error", message: `${link.kind} "${readableHref(link.href)}" names a file that does not exist (looked for ${resolution.path}).` });
      } else if (resolution.kind === "missing" && resolution.stems.some((stem) => heldBack.has(stem))) {
        const target = heldBack.get(resolution.stems.find((stem) => heldBack.has(stem))!)!;
        const message =
          target.status.state === "draft"
            ? `which is a draft (draft: true): the link would be dead. Remove the link, or publish the draft first.`
            : `which is not published until ${formatPublishTime(target.status.at)}: the link would be dead. Remove the link, or schedule this page no earlier than that.`;
        problems.push({ ...at, severity: "error", message: `link "${readableHref(link.href)}" points to ${target.path}, ${message}` });
      } else if (resolution.kind === "missing") {
        const looked = resolution.looked.length > 0 ? ` (looked for ${resolution.looked.join(" and ")})` : "";
        const reason = resolution.reason ? ` ${resolution.reason}` : "";
        const hint = resolution.suggestion ? ` Did you mean ${resolution.suggestion}?` : "";
        problems.push({ ...at, severity: "error", message: `link "${readableHref(link.href)}" matches no page${reason}${looked}.${hint}` });
      }
    }
    pages.set(page.path, analysed);
  }

  for (const page of pages.values()) {
    if (page.kind !== "report") continue;
    for (const target of page.linksTo) {
      const list = citedBy.get(target);
      if (list) list.push(page.path);
      else citedBy.set(target, [page.path]);
    }
  }
  return { pages, lookup, citedBy, files, problems };
}

function titleOf(page: CollectedPage, opts: ResolvedOptions): string {
  const title = page.data.title;
  if (typeof title === "string" && title.trim() !== "") return title.trim();
  const week = weekOf(page, opts.timezone);
  if (page.kind === "digest" && week) return `${week.key} 新闻摘要`;
  return posix.basename(pageStem(page.path));
}

/** The page's date as Eleventy mapped it (the plugin's date parsing), in the site's zone. */
function dateOf(data: Readonly<Record<string, unknown>>, zone: string): DateTime | undefined {
  const date = (data.page as { date?: unknown } | undefined)?.date;
  return date instanceof Date ? DateTime.fromJSDate(date, { zone }) : undefined;
}

/** A digest's week is in its file name; a report's is the week of its date in the site's zone. */
function weekOf(page: CollectedPage, zone: string): IsoWeek | undefined {
  if (page.kind === "digest") return weekInFileName(posix.basename(page.path), zone)?.week;
  if (page.kind !== "report") return undefined;
  const date = dateOf(page.data, zone);
  return date ? isoWeekOf(date) : undefined;
}

/**
 * Turns a body line into a file line. Only needed when something is reported, so the file is
 * read again only then.
 */
export function placeInFile(problem: BodyProblem, fileText: string, body: string): Problem {
  const { bodyLine, ...rest } = problem;
  const normalized = fileText.replace(/\r\n/g, "\n");
  const bodyAt = normalized.endsWith(body) ? normalized.length - body.length : -1;
  const offset = bodyAt >= 0 ? normalized.slice(0, bodyAt).split("\n").length - 1 : 0;
  return { ...rest, line: offset + bodyLine + 1 };
}
