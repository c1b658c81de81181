// The build's picture of the content: each report and digest read once, analysed once, and the
// links between them resolved, before any page is rendered.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { posix } from "node:path";
import type { ResolvedOptions } from "../core/options.js";
import { type LinkRef } from "./markdownText.js";
import { headingHint } from "./headingHint.js";
import { parseSiteDate, WEEK_IN_NAME_RE } from "../core/dates.js";
import type { DateTime } from "luxon";
import { describePlan, existingOf, planNewWeek, type ExistingContent } from "./newWeek.js";
import { pageIndex, pageStem, readableHref, resolveReference, splitHref, suggestFile, type Resolution } from "./references.js";
import type { ImagePlan } from "./images.js";
import { formatPublishTime, type PublishState } from "./schedule.js";
import { newestFirst } from "../core/order.js";
import type { AnalysedPage, BodyProblem, CollectedPage, HeldBack, SiteIndex } from "./pageTypes.js";
import type { BodyAnalysis, BodyReader } from "./body.js";
import { isOwnPage } from "../core/kinds.js";
import { readingTime } from "../core/readingTime.js";
import { termCounts } from "./terms.js";
import { checkWeeks, dateOf, givenTitle, titleOf, weekOf } from "./weeks.js";
import { problem, type ProblemCode, type ProblemParams } from "../core/problemCodes.js";
import { LINKED_FILE_RULE, type LinkedFiles } from "./linkedFiles.js";

/** What the analysis reads of the site's files besides the pages (passed in: it reads no file itself). */
export interface SiteFiles {
  /** The files (not folders) of a folder of the input folder, relative to the input folder. */
  list(folder: string): string[];
  /**
   * What a picture of the site is made into, or why it cannot be read as one; undefined for a file
   * that is not named as a picture. Asked only of a file `linked` accepted.
   */
  image(path: string): ImagePlan | { error: string } | undefined;
}

const NO_FILES: SiteFiles = { list: () => [], image: () => undefined };

/**
 * Analyses every collected page against Eleventy's map of input paths to URLs: headings, excerpt,
 * week, and every link resolved, with a problem for each link whose target (or `#fragment`) does
 * not exist, for each link to a file that is not the site's to publish (`linked` decides), and for
 * each break of the weekly rules.
 */
export function analyseSite(
  collected: Iterable<CollectedPage>,
  urls: ReadonlyMap<string, string>,
  readBody: BodyReader,
  opts: ResolvedOptions,
  linked: LinkedFiles,
  heldBack: ReadonlyMap<string, HeldBack> = new Map(),
  siteFiles: SiteFiles = NO_FILES,
  /** The build's clock: what `weekly new --digest`, proposed for a missing digest, would write then. */
  now?: DateTime,
): SiteIndex {
  const byStem = new Map<string, string>();
  const pathByStem = new Map<string, string>();
  for (const [path, url] of urls) {
    byStem.set(pageStem(path), url);
    pathByStem.set(pageStem(path), path);
  }
  const lookup = pageIndex(byStem);
  const files = new Set<string>();
  const images = new Map<string, ImagePlan>();
  const heldImages = new Map<string, ImagePlan>();
  const pages = new Map<string, AnalysedPage>();
  const links = new Map<string, LinkRef[]>();
  const problems: BodyProblem[] = [];
  const citedBy = new Map<string, string[]>();
  /** The site's pages that are not the plugin's (isOwnPage): their headings are not known. */
  const sitePages = new Set<string>();

  // First every page, so that a link's #fragment can be checked against its target's headings.
  // A page a production build holds back has no URL; its links are still checked (below).
  const waiting: AnalysedPage[] = [];
  for (const page of collected) {
    const url = urls.get(page.path);
    if (url === undefined && page.status.state === "published") continue; // permalink: false, or dropped by another preprocessor
    // Another page of the site is only an address here: its body, links and pictures are the site's own.
    const own = isOwnPage(page.path, opts);
    if (!own) sitePages.add(page.path);
    const body = own ? readBody(page) : siteBody();
    const week = weekOf(page, opts.timezone);
    const analysed: AnalysedPage = {
      ...page,
      url: url ?? "",
      title: titleOf(page, week),
      date: dateOf(page, opts.timezone),
      week,
      headings: body.headings,
      excerpt: body.excerpt,
      readingTime: body.readingTime,
      terms: body.terms,
      ...(body.words ? { words: body.words } : {}),
      ...(body.sections ? { sections: body.sections } : {}),
      rewrites: new Map(),
      linksTo: new Set(),
    };
    if (url === undefined) waiting.push(analysed);
    else pages.set(page.path, analysed);
    links.set(page.path, body.links);
    // Compared with the title the page has: a missing one is its own problem, not a second title.
    if (body.extraTitle !== undefined && givenTitle(page, week) !== undefined) {
      problems.push(problem("second-title", { file: page.path, bodyLine: body.extraTitle.line, column: 1, rule: "markdown" as const }, { heading: body.extraTitle.text, title: analysed.title }));
    }
    if (body.lostNesting !== undefined) problems.push(lostNestingProblem(page.path, body.lostNesting, page.status));
  }

  const existing = existingOf([...pages.values(), ...waiting]);
  const digestHint = (stem: string | undefined, from: PublishState) =>
    now === undefined ? undefined : missingDigestHint(stem, from, { opts, now, existing, fileExists: (path) => siteFiles.list(posix.dirname(path)).includes(path) });
  for (const page of [...pages.values(), ...waiting]) {
    // A page not yet published may still be being written: only a link that will be dead when it
    // goes live (to a page that goes live later) is an error; its other problems are deferred.
    const deferred = page.url === "";
    for (const link of links.get(page.path) ?? []) {
      const resolution = resolveReference(link.href, { fromInputPath: page.path, pages: lookup });
      const at = { file: page.path, bodyLine: link.line, column: link.column };
      const report = <C extends ProblemCode>(code: C, rule: BodyProblem["rule"], ...params: ProblemParams<C>) =>
        problems.push(problem(code, { ...at, rule, ...(deferred && rule === "link" ? { deferred } : {}) }, ...params));
      const written = readableHref(link.href);
      const heldTarget = heldBackTarget(resolution, heldBack);
      // A file is read only once the rule allows it: its real path inside the site, not hidden or ignored.
      const file = resolution.kind === "file" ? linked(resolution.path) : undefined;
      if (heldTarget) {
        const conflict = heldBackConflict(page.status, heldTarget);
        if (conflict) report("link-held-back", "schedule", { written, target: heldTarget.path, conflict });
        else if (resolution.kind === "page") page.rewrites.set(link.href, resolution.href);
      } else if (resolution.kind === "page") {
        const target = pathByStem.get(resolution.stem) ?? resolution.stem;
        page.rewrites.set(link.href, resolution.href);
        page.linksTo.add(target);
        const missing = sitePages.has(target) ? undefined : missingFragment(resolution.fragment, pages.get(target));
        if (missing) report("missing-heading", "link", { written, fragment: missing, target, headings: headingHint(pages.get(target)!.headings, missing) });
      } else if (resolution.kind === "unchanged" && /^[?#]/.test(link.href)) {
        const missing = missingFragment(splitHref(link.href).fragment, page);
        if (missing) report("missing-heading", "link", { written, fragment: missing, target: undefined, headings: headingHint(page.headings, missing) });
      } else if (resolution.kind === "file" && file?.kind === "refused") {
        report("link-outside-site", "link", { kind: link.kind, written, path: resolution.path, why: file.reason, rule: LINKED_FILE_RULE });
      } else if (resolution.kind === "file" && file?.kind === "file") {
        page.rewrites.set(link.href, resolution.href);
        const image = link.kind === "image" ? (images.get(resolution.path) ?? siteFiles.image(resolution.path)) : undefined;
        if (image && "error" in image) report("bad-image", "link", { written, path: resolution.path, why: image.error });
        // Copied for the pages this build writes: a chart only a held-back report shows waits with it.
        if (!deferred) files.add(resolution.path);
        if (image && !("error" in image)) (deferred ? heldImages : images).set(resolution.path, image);
      } else if (resolution.kind === "file") {
        const near = suggestFile(resolution.path, written, page.path, siteFiles.list);
        report("missing-file", "link", { kind: link.kind, written, path: resolution.path, near });
      } else if (resolution.kind === "missing" && resolution.reason) {
        report("invalid-link", "link", { written, why: resolution.reason });
      } else if (resolution.kind === "missing") {
        // The digest of a week that has none: how to write it, rather than another page of that week.
        const hint = digestHint(resolution.stems[0], page.status) ?? (resolution.suggestion ? { en: ` Did you mean ${resolution.suggestion}?`, zh: `是不是 ${resolution.suggestion}？` } : "");
        report("broken-link", "link", { written, looked: resolution.looked, hint });
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
  return { pages, lookup, citedBy, reportOrder, reportIndex, digestByWeek, files, images, heldImages, problems, linked };
}

/**
 * For a link to a digest of a week that has none yet: how to write it, and what the command it
 * proposes writes, from that command's own plan (newWeek.ts), with the author's next step.
 * Undefined when the link names no digest of a week, or the command would refuse (the week does
 * not exist, or has a digest under another name).
 */
function missingDigestHint(
  stem: string | undefined,
  from: PublishState,
  site: { opts: ResolvedOptions; now: DateTime; existing: ExistingContent; fileExists: (path: string) => boolean },
): Said | undefined {
  const week = stem && stem.startsWith(`${site.opts.digestsDir}/`) ? WEEK_IN_NAME_RE.exec(posix.basename(stem))?.[0] : undefined;
  if (!week) return undefined;
  const write = ` Week ${week} has no digest yet: write ${stem}.md`;
  const request = { week, digest: true };
  const plan = planNewWeek(request, site.existing, site.opts, site.now, site.fileExists);
  if ("error" in plan) return undefined;
  const effect = describePlan(plan);
  const moment = plan.goesLive === undefined ? undefined : parseSiteDate(plan.goesLive, site.opts.timezone)?.dateTime;
  // A stub that goes live after the linking page would leave the link dead meanwhile.
  const late = plan.draft === undefined && moment !== undefined && from.state !== "draft" && (from.state === "published" || from.at < moment);
  const next = plan.draft !== undefined ? "fill it in and remove draft: true" : late ? "fill it in and schedule it no later than this page" : "fill it in before it goes live";
  const nextZh = plan.draft !== undefined ? "写好后删掉 `draft: true`" : late ? "写好，并把它定时不晚于本页" : "在它上线前写好";
  return {
    en: `${write}, or run npx weekly new ${week} --digest${inEnglish(effect)}; then ${next}.`,
    zh: `${week} 周还没有摘要：请写 ${stem}.md，或运行 \`npx weekly new ${week} --digest\`${inChinese(effect)}；然后${nextZh}。`,
  };
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
function heldBackConflict(source: PublishState, target: HeldBack): Said | undefined {
  if (source.state === "draft") return undefined;
  if (target.status.state === "draft") {
    return {
      en: "which is a draft (draft: true): the link would be dead. Remove the link, or publish the draft first.",
      zh: "它是草稿（`draft: true`）：这个链接会失效。请删掉链接，或先发布那份草稿。",
    };
  }
  const at = formatPublishTime(target.status.at);
  if (source.state === "published") {
    return {
      en: `which is not published until ${at}: the link would be dead. Remove the link, or schedule this page no earlier than that.`,
      zh: `它要到 ${at} 才发布：这个链接会失效。请删掉链接，或把本页定时在那之后。`,
    };
  }
  if (target.status.at <= source.at) return undefined;
  const own = formatPublishTime(source.at);
  return {
    en: `which goes live at ${at}, after this page (${own}): the link would be dead until then. Schedule this page no earlier than ${at}, or that one no later than ${own}.`,
    zh: `它在 ${at} 上线，晚于本页（${own}）：在那之前这个链接是失效的。请把本页定时不早于 ${at}，或把那一页定时不晚于 ${own}。`,
  };
}

/** What the analysis knows of the body of a page that is not the plugin's: nothing. */
function siteBody(): BodyAnalysis {
  return { headings: [], excerpt: "", readingTime: readingTime(""), links: [], terms: termCounts("") };
}

/** `#参考` when the target is an analysed page without that heading id; undefined when it is fine. */
function missingFragment(fragment: string, target: AnalysedPage | undefined): string | undefined {
  if (fragment === "" || fragment === "#" || !target) return undefined;
  const id = readableHref(fragment.slice(1));
  return target.headings.some((h) => h.id === id) ? undefined : `#${id}`;
}

/**
 * markdown-it drops the rest of a list or quote nested past its limit, and everything after it in
 * the page: a page going live without part of its text is an error, as a placeholder is (see
 * pipeline/admit.ts); a draft or a page scheduled for later warns until it goes live, and a preview
 * warns (pipeline/problems.ts).
 */
function lostNestingProblem(file: string, bodyLine: number, status: PublishState): BodyProblem {
  const severity = status.state === "published" ? "error" : "warning";
  return problem("nesting-too-deep", { file, bodyLine, column: 1, severity, rule: "markdown" as const }, { waiting: status.state === "scheduled" });
}
