// The build's picture of the content: each report and digest read once, analysed once, and the
// links between them resolved, before any page is rendered.
import { posix } from "node:path";
import { DateTime } from "luxon";
import type { ResolvedOptions } from "../core/options.js";
import type { Problem } from "../core/errors.js";
import { assignHeadingIds, collectLinks, excerptFromTokens, inlineText, LOST_NESTING, type AnalysisParser, type Heading, type LinkRef } from "./markdown.js";
import { distance } from "fastest-levenshtein";
import { formatIsoDate, isoWeekOf, parseSiteDate, WEEK_IN_NAME_RE, weekInFileName, weeksInWeekYear, type IsoWeek } from "../core/dates.js";
import { pageIndex, pageStem, readableHref, resolveReference, splitHref, type PageIndex, type Resolution } from "./references.js";
import { formatPublishTime, type PublishState } from "./schedule.js";
import { newestFirst } from "../core/order.js";
import { readingTime, textOfTokens, type ReadingTime } from "../core/readingTime.js";
import { frontMatterKeyLine } from "./frontMatter.js";
import { allowsRawHtml, type ContentKind } from "../core/kinds.js";

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
  /** Problems with `line` counted inside the body; see `placeInFile`. */
  problems: BodyProblem[];
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

/** Eleventy's `./posts/a.md` (relative to the working folder) → `posts/a.md` relative to the input folder. */
export function inputRelative(inputPath: string, inputDir: string): string {
  return posix.relative(posix.normalize(inputDir), posix.normalize(inputPath));
}

/** What a page's Markdown body says, whatever the rest of the site: read once per body. */
export interface BodyAnalysis {
  headings: Heading[];
  excerpt: string;
  readingTime: ReadingTime;
  links: LinkRef[];
  /** The first body line (0-based) markdown-it dropped for being nested too deep, if any. */
  lostNesting?: number;
  /** A `# heading` in the body that is not the title (a repeated title is dropped), with its 0-based line. */
  extraTitle?: { line: number; text: string };
}

export type BodyReader = (page: CollectedPage) => BodyAnalysis;

/** Reads bodies with Eleventy's markdown-it (and the plugin's rules), as they will be rendered. */
export function bodyReader(parse: AnalysisParser, opts: ResolvedOptions): BodyReader {
  return (page) => {
    const env: Record<string, unknown> = { title: page.data.title, weeklyRawHtml: allowsRawHtml(page.kind, opts) };
    const tokens = parse(page.body, env);
    const lost = env[LOST_NESTING];
    const h1 = page.kind ? tokens.findIndex((token) => token.type === "heading_open" && token.tag === "h1") : -1;
    const extraTitle = h1 >= 0 ? { line: tokens[h1]!.map?.[0] ?? 0, text: inlineText(tokens[h1 + 1]).trim() } : undefined;
    return {
      headings: assignHeadingIds(tokens),
      excerpt: excerptFromTokens(tokens, opts.excerptLength),
      readingTime: readingTime(textOfTokens(tokens)),
      links: collectLinks(tokens, page.body),
      ...(typeof lost === "number" ? { lostNesting: lost } : {}),
      ...(extraTitle ? { extraTitle } : {}),
    };
  };
}

/** What a body's analysis depends on: the body, the title (a repeated `# title` is dropped) and whether raw HTML is kept. */
export interface BodyInput {
  body: string;
  title: string;
  rawHtml: boolean | undefined;
}

export function bodyInput(page: CollectedPage, opts: ResolvedOptions): BodyInput {
  return { body: page.body, title: typeof page.data.title === "string" ? page.data.title : "", rawHtml: allowsRawHtml(page.kind, opts) };
}

/** Equal inputs, equal analyses: a rebuild reuses them. */
export function sameBodyInput(a: BodyInput, b: BodyInput): boolean {
  return a.body === b.body && a.title === b.title && a.rawHtml === b.rawHtml;
}

/**
 * Analyses every collected page against Eleventy's map of input paths to URLs: headings, excerpt,
 * week, and every link resolved, with a problem for each link whose target (or `#fragment`) does
 * not exist, and for each break of the weekly rules.
 */
export function analyseSite(
  collected: Iterable<CollectedPage>,
  urls: ReadonlyMap<string, string>,
  readBody: BodyReader,
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
  const links = new Map<string, LinkRef[]>();
  const problems: BodyProblem[] = [];
  const citedBy = new Map<string, string[]>();

  // First every page, so that a link's #fragment can be checked against its target's headings.
  // A page a production build holds back has no URL; its links are still checked (below).
  const waiting: AnalysedPage[] = [];
  for (const page of collected) {
    const url = urls.get(page.path);
    if (url === undefined && page.status.state === "published") continue; // permalink: false, or dropped by another preprocessor
    const body = readBody(page);
    const week = weekOf(page, opts.timezone);
    const analysed: AnalysedPage = {
      ...page,
      url: url ?? "",
      title: titleOf(page, week),
      date: dateOf(page.data, opts.timezone),
      week,
      headings: body.headings,
      excerpt: body.excerpt,
      readingTime: body.readingTime,
      rewrites: new Map(),
      linksTo: new Set(),
    };
    if (url === undefined) waiting.push(analysed);
    else pages.set(page.path, analysed);
    links.set(page.path, body.links);
    if (body.extraTitle !== undefined) {
      problems.push({
        file: page.path,
        bodyLine: body.extraTitle.line,
        column: 1,
        severity: "warning",
        rule: "markdown",
        message: `the body's heading "# ${body.extraTitle.text}" is not the title "${analysed.title}": the page would show two titles. Make the heading the same as title: in the front matter, or remove it.`,
      });
    }
    if (body.lostNesting !== undefined) {
      problems.push({
        file: page.path,
        bodyLine: body.lostNesting,
        column: 1,
        severity: "warning",
        rule: "markdown",
        message: "lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote is not shown. Nest less deeply.",
      });
    }
  }

  for (const page of [...pages.values(), ...waiting]) {
    // A page not yet published may still be being written: only a link that will be dead when it
    // goes live (to a page that goes live later) is an error; its other problems are deferred.
    const deferred = page.url === "";
    for (const link of links.get(page.path) ?? []) {
      const resolution = resolveReference(link.href, { fromInputPath: page.path, pages: lookup });
      const at = { file: page.path, bodyLine: link.line, column: link.column };
      const problem = (message: string, rule: BodyProblem["rule"] = "link") =>
        problems.push({ ...at, severity: "error", message, rule, ...(deferred && rule === "link" ? { deferred } : {}) });
      const written = readableHref(link.href);
      const heldTarget = heldBackTarget(resolution, heldBack);
      if (heldTarget) {
        const conflict = heldBackConflict(page.status, heldTarget);
        if (conflict) problem(`link "${written}" points to ${heldTarget.path}, ${conflict}`, "schedule");
        else if (resolution.kind === "page") page.rewrites.set(link.href, resolution.href);
      } else if (resolution.kind === "page") {
        const target = pathByStem.get(resolution.stem) ?? resolution.stem;
        page.rewrites.set(link.href, resolution.href);
        page.linksTo.add(target);
        const missing = missingFragment(resolution.fragment, pages.get(target));
        if (missing) problem(`link "${written}" names ${missing} in ${target}, which has no such heading.${headingHint(pages.get(target)!, missing)}`);
      } else if (resolution.kind === "unchanged" && /^[?#]/.test(link.href)) {
        const missing = missingFragment(splitHref(link.href).fragment, page);
        if (missing) problem(`link "${written}" names ${missing}, but this page has no such heading.${headingHint(page, missing)}`);
      } else if (resolution.kind === "file" && fileExists(resolution.path)) {
        page.rewrites.set(link.href, resolution.href);
        // Copied for the pages this build writes: a chart only a held-back report shows waits with it.
        if (!deferred) files.add(resolution.path);
      } else if (resolution.kind === "file") {
        problem(`${link.kind} "${written}" names a file that does not exist (looked for ${resolution.path}).`);
      } else if (resolution.kind === "missing" && resolution.reason) {
        problem(`link "${written}" ${resolution.reason}.`);
      } else if (resolution.kind === "missing") {
        const looked = resolution.looked.length > 0 ? ` (looked for ${resolution.looked.join(" and ")})` : "";
        const hint = resolution.suggestion ? ` Did you mean ${resolution.suggestion}?` : missingDigestHint(resolution.stems[0], opts.digestsDir);
        problem(`link "${written}" matches no page${looked}.${hint}`);
      }
    }
  }

  for (const page of pages.values()) {
    if (page.kind !== "report") continue;
    for (const target of page.linksTo) {
      const list = citedBy.get(target);
      if (list) list.push(page.path);
      else citedBy.set(target, [page.path]);
    }
  }
  problems.push(...checkWeeks(pages.values(), opts.timezone));
  // Oldest first: exactly the reverse of the newest-first order of the home page and the feeds.
  const reportOrder = [...pages.values()]
    .filter((p) => p.kind === "report")
    .sort(newestFirst)
    .reverse()
    .map((p) => p.path);
  const reportIndex = new Map(reportOrder.map((path, index) => [path, index]));
  const digestByWeek = new Map<string, string>();
  for (const page of pages.values()) if (page.kind === "digest" && page.week && !digestByWeek.has(page.week.key)) digestByWeek.set(page.week.key, page.path);
  return { pages, lookup, citedBy, reportOrder, reportIndex, digestByWeek, files, problems };
}

/** For a link to a digest of a week that has none yet: how to write it. */
function missingDigestHint(stem: string | undefined, digestsDir: string): string {
  const week = stem && stem.startsWith(`${digestsDir}/`) ? WEEK_IN_NAME_RE.exec(posix.basename(stem))?.[0] : undefined;
  return week ? ` Week ${week} has no digest yet: write ${stem}.md, or run npx weekly new ${week} --digest.` : "";
}

/** The held-back page a link names: missing from a production build, or (in a check) present. */
function heldBackTarget(resolution: Resolution, heldBack: ReadonlyMap<string, HeldBack>): HeldBack | undefined {
  if (resolution.kind === "page") return heldBack.get(resolution.stem);
  if (resolution.kind === "missing") return resolution.stems.map((stem) => heldBack.get(stem)).find(Boolean);
  return undefined;
}

/**
 * Why a link from a page (published, or going live at its own time) to a held-back page would be
 * dead at some moment; undefined when it never would be (a draft may link anywhere, and a page may
 * link to one that goes live no later than itself).
 */
function heldBackConflict(source: PublishState, target: HeldBack): string | undefined {
  if (source.state === "draft") return undefined;
  if (target.status.state === "draft") {
    return "which is a draft (draft: true): the link would be dead. Remove the link, or publish the draft first.";
  }
  const at = formatPublishTime(target.status.at);
  if (source.state === "published") {
    return `which is not published until ${at}: the link would be dead. Remove the link, or schedule this page no earlier than that.`;
  }
  if (target.status.at <= source.at) return undefined;
  return `which goes live at ${at}, after this page (${formatPublishTime(source.at)}): the link would be dead until then. Schedule this page no earlier than ${at}, or that one no later than ${formatPublishTime(source.at)}.`;
}

/** `#参考` when the target is an analysed page without that heading id; undefined when it is fine. */
function missingFragment(fragment: string, target: AnalysedPage | undefined): string | undefined {
  if (fragment === "" || fragment === "#" || !target) return undefined;
  const id = readableHref(fragment.slice(1));
  return target.headings.some((h) => h.id === id) ? undefined : `#${id}`;
}

function headingHint(target: AnalysedPage, missing: string): string {
  const ids = target.headings.map((h) => h.id);
  if (ids.length === 0) return "";
  const wanted = missing.slice(1);
  const near = ids
    .map((id) => ({ id, cost: distance(wanted, id) }))
    .filter(({ cost }) => cost <= Math.max(1, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.cost - b.cost)[0];
  return near ? ` Did you mean #${near.id}?` : ` Its headings are ${ids.map((id) => `#${id}`).join(", ")}.`;
}

/**
 * The weekly rules: a digest's file name carries an ISO week that exists (`ai_news_2026-W06.md`);
 * two reports for one week (drafts aside) are allowed, but probably a mistake.
 */
function checkWeeks(pages: Iterable<AnalysedPage>, zone: string): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const reportsByWeek = new Map<string, AnalysedPage[]>();
  const fileLevel = (page: AnalysedPage) => ({ file: page.path, bodyLine: -1, column: 1, rule: "week" as const });
  for (const page of pages) {
    const name = posix.basename(page.path);
    if (page.kind === "digest" && !/^index\.[^.]+$/.test(name)) {
      const named = weekInFileName(name, zone);
      if (!named) {
        problems.push({ ...fileLevel(page), severity: "error", message: `file name: ${name} carries no ISO week; expected a name such as ai_news_2026-W06.md.` });
      } else if (!named.week) {
        const year = Number(named.text.slice(0, 4));
        const weeks = weeksInWeekYear(year, zone);
        problems.push({ ...fileLevel(page), severity: "error", message: `file name: week ${named.text} does not exist; ${year} has ${weeks} ISO weeks.` });
      }
    }
    const named = page.kind === "report" ? weekInFileName(name, zone)?.week : undefined;
    if (named && page.week && named.key !== page.week.key) {
      problems.push({
        ...fileLevel(page),
        severity: "warning",
        message: `date: ${formatIsoDate(page.date!)} is in week ${page.week.key}, but the file name says ${named.key}: the page shows ${page.week.key} and its digest. Date it within ${named.key} (${formatIsoDate(named.start)} – ${formatIsoDate(named.end)}), or rename the file.`,
        field: "date",
      });
    }
    if (page.kind === "report" && page.week && page.status.state !== "draft") {
      const list = reportsByWeek.get(page.week.key);
      if (list) list.push(page);
      else reportsByWeek.set(page.week.key, [page]);
    }
  }
  for (const [week, reports] of reportsByWeek) {
    if (reports.length < 2) continue;
    const [first, ...others] = [...reports].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const page of others) {
      problems.push({ ...fileLevel(page), severity: "warning", message: `a second report for week ${week}: ${first!.path} is for the same week.` });
    }
  }
  return problems;
}

function titleOf(page: CollectedPage, week: IsoWeek | undefined): string {
  const title = page.data.title;
  if (typeof title === "string" && title.trim() !== "") return title.trim();
  if (page.kind === "digest" && week) return `${week.key} 新闻摘要`;
  return posix.basename(pageStem(page.path));
}

/**
 * The page's date in the site's zone: its `date` when that is a real date, else (a digest without
 * one) the date Eleventy mapped. A `date` that cannot be read gives none, not a stand-in.
 */
function dateOf(data: Readonly<Record<string, unknown>>, zone: string): DateTime | undefined {
  if (data.date !== undefined && data.date !== null && data.date !== "") return parseSiteDate(data.date, zone)?.dateTime;
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
export function placeInFile(problem: BodyProblem, fileText: string, rawBody: string): Problem {
  const { bodyLine, rule: _rule, deferred: _deferred, field, ...rest } = problem;
  if (bodyLine < 0) return { ...rest, line: (field && frontMatterKeyLine(fileText, field)) || 1, column: 1 };
  const normalized = fileText.replace(/\r\n/g, "\n");
  const body = rawBody.replace(/\r\n/g, "\n");
  const bodyAt = normalized.endsWith(body) ? normalized.length - body.length : -1;
  const offset = bodyAt >= 0 ? normalized.slice(0, bodyAt).split("\n").length - 1 : 0;
  return { ...rest, line: offset + bodyLine + 1 };
}
