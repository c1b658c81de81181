// Source-relative links (`../weekly_news/ai_news_2026-W06`) resolved to the pages they name.
import type { Said } from "../core/show.js";
import { posix } from "node:path";
import { distance } from "fastest-levenshtein";
import { WEEK_IN_NAME_RE } from "../core/dates.js";
import { encodeUrl } from "../core/safety.js";

/** Extensions of files Eleventy turns into pages; a link may name its target with or without one. */
export const PAGE_EXTENSIONS = [".md", ".njk", ".html", ".liquid", ".11ty.js"] as const;
/** `https:`, `mailto:`, `//host`: addresses that are not files of this site. */
const EXTERNAL_RE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export interface PageIndex {
  /** Input path without its page extension, relative to the input folder → the page's URL. */
  readonly byStem: ReadonlyMap<string, string>;
  /** The reverse: a page's URL → its stem. */
  readonly byUrl: ReadonlyMap<string, string>;
}

/** Both directions of the page index, from a map of stems to URLs. */
export function pageIndex(byStem: ReadonlyMap<string, string>): PageIndex {
  return { byStem, byUrl: new Map([...byStem].map(([stem, url]) => [url, stem])) };
}

export type Resolution =
  /** Not a file of this site (absolute URL, `mailto:`), or a fragment of the same page. */
  | { kind: "unchanged" }
  | { kind: "page"; stem: string; url: string; query: string; fragment: string; href: string }
  /** A file that is not a page (image, PDF): `path` relative to the input folder, `href` its URL. */
  | { kind: "file"; path: string; href: string }
  /** `stems` are the page stems the link could have meant; `looked` the same as file names. */
  | { kind: "missing"; stems: string[]; looked: string[]; suggestion?: string; reason?: Said };

export interface ResolveFrom {
  /** The linking file, relative to the input folder (`posts/2026-W06-ai-weekly.md`). */
  fromInputPath: string;
  pages: PageIndex;
}

/** The input path without its page extension: `posts/a.md` → `posts/a`. */
export function pageStem(inputPath: string): string {
  const ext = PAGE_EXTENSIONS.find((e) => inputPath.endsWith(e));
  return ext ? inputPath.slice(0, -ext.length) : inputPath;
}

/**
 * Resolves a link written in a source file. A relative target is read against the file's own
 * folder and may be written with a page extension (`../weekly_news/x.md`), without one
 * (`../weekly_news/x`), or as a folder with an index page (`../weekly_news/`). `?query` and
 * `#fragment` are kept. A root-relative target written as a source file (`/posts/a.md`) is read
 * against the input folder; any other root-relative target must be the URL of a page
 * (`/weekly_news/x/`) or a file of the input folder (`/files/a.pdf`).
 */
export function resolveReference(href: string, { fromInputPath, pages }: ResolveFrom): Resolution {
  if (href === "" || href.startsWith("#") || href.startsWith("?") || EXTERNAL_RE.test(href)) {
    return { kind: "unchanged" };
  }
  const { path: rawPath, query, fragment } = splitHref(href);
  const path = safeDecode(rawPath);
  const rootRelative = path.startsWith("/");
  if (rootRelative && !PAGE_EXTENSIONS.some((e) => path.endsWith(e))) return resolveSiteUrl(path, query, fragment, pages);

  const base = rootRelative ? "" : posix.dirname(fromInputPath);
  const joined = posix.normalize(posix.join(base === "." ? "" : base, rootRelative ? path.slice(1) : path));
  if (joined === ".." || joined.startsWith("../")) {
    return { kind: "missing", stems: [], looked: [], reason: { en: "points outside the site's input folder", zh: "指向网站输入目录之外" } };
  }
  const target = joined.replace(/\/$/, "").replace(/^\.$/, "");
  const candidates = candidateStems(target, path.endsWith("/") || path === "" || path === ".");
  if (candidates === undefined) return { kind: "file", path: target, href: `/${encodeUrl(target)}${query}${fragment}` };
  for (const stem of candidates) {
    const url = pages.byStem.get(stem);
    if (url !== undefined) {
      return { kind: "page", stem, url, query, fragment, href: url + query + fragment };
    }
  }
  const looked = candidates.map((stem) => `${stem}.md`);
  const suggestion = suggestStem(candidates[0]!, pages);
  const result: Resolution = { kind: "missing", stems: candidates, looked };
  if (suggestion !== undefined) result.suggestion = relativeHref(fromInputPath, suggestion, path);
  return result;
}

/** A root-relative URL such as `/weekly_news/x/`: a page's URL, or a file of the input folder. */
function resolveSiteUrl(path: string, query: string, fragment: string, pages: PageIndex): Resolution {
  const forms = path.endsWith("/") ? [path, path.replace(/\/+$/, "") || "/"] : [path, `${path}/`];
  for (const url of forms) {
    const stem = pages.byUrl.get(url);
    if (stem !== undefined) return { kind: "page", stem, url, query, fragment, href: url + query + fragment };
  }
  const target = posix.normalize(path.slice(1));
  if (posix.extname(target) !== "" && !target.startsWith("..")) {
    return { kind: "file", path: target, href: `/${encodeUrl(target)}${query}${fragment}` };
  }
  const near = nearest(path, [...pages.byUrl.keys()], posix.basename(path.replace(/\/+$/, "")).length);
  // The stems a page at this URL would have by Eleventy's default permalinks.
  const bare = path.replace(/^\/+|\/+$/g, "");
  const stems = bare === "" ? ["index"] : [bare, `${bare}/index`];
  const result: Resolution = { kind: "missing", stems, looked: [`a page at ${path}`] };
  if (near !== undefined) result.suggestion = near;
  return result;
}

/** Stems a target may name, or undefined when it names a file that is not a page. */
function candidateStems(target: string, isFolder: boolean): string[] | undefined {
  // `../weekly_news/x/` is the folder x with an index page, or the page x written as its URL.
  if (isFolder) return target === "" ? ["index"] : [`${target}/index`, target];
  const pageExt = PAGE_EXTENSIONS.find((e) => target.endsWith(e));
  if (pageExt) return [target.slice(0, -pageExt.length)];
  if (posix.extname(target) !== "") return undefined;
  return [target, `${target}/index`];
}

export function splitHref(href: string): { path: string; query: string; fragment: string } {
  const hashAt = href.indexOf("#");
  const fragment = hashAt >= 0 ? href.slice(hashAt) : "";
  const beforeHash = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = beforeHash.indexOf("?");
  return {
    path: queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash,
    query: queryAt >= 0 ? beforeHash.slice(queryAt) : "",
    fragment,
  };
}

/**
 * The nearest existing page to a missing one, preferring the same folder, if any is close. Among
 * equally near pages, one with the same letters in another order wins (`W70` → `W07`, a typo of
 * swapped digits), then the first by name, so the hint never depends on file-system order.
 */
function suggestStem(missing: string, pages: PageIndex): string | undefined {
  const folder = posix.dirname(missing);
  const all = [...pages.byStem.keys()];
  const sameFolder = all.filter((stem) => posix.dirname(stem) === folder);
  const pool = sameFolder.length > 0 ? sameFolder : all;
  // A link that names a real ISO week means that week: a page of the same week is the best guess,
  // whatever its name; another week's page never is (only a week that cannot exist, such as
  // W70, is taken for a typo).
  const week = WEEK_IN_NAME_RE.exec(posix.basename(missing));
  if (week && Number(week[2]) >= 1 && Number(week[2]) <= 53) {
    const sameWeek = pool.filter((stem) => WEEK_IN_NAME_RE.exec(posix.basename(stem))?.[0] === week[0]);
    return nearest(missing, sameWeek, Infinity);
  }
  return nearest(missing, pool, posix.basename(missing).length);
}

/** The closest candidate within a quarter of the name's length in edits (at least one). */
function nearest(missing: string, pool: readonly string[], nameLength: number): string | undefined {
  const limit = Math.max(1, Math.floor(nameLength / 4));
  const letters = sortedLetters(missing);
  const ranked = pool
    .map((candidate) => ({ candidate, cost: distance(missing, candidate), swapped: sortedLetters(candidate) === letters }))
    .filter((c) => c.cost <= limit)
    .sort((a, b) => a.cost - b.cost || Number(b.swapped) - Number(a.swapped) || (a.candidate < b.candidate ? -1 : 1));
  return ranked[0]?.candidate;
}

/**
 * The nearest existing file to a missing one (`images/chrat.png` → `images/chart.png`), among the
 * files of its folder, else of the input folder; written as the author wrote the missing one
 * (relative to the page, or from the root).
 */
export function suggestFile(missing: string, written: string, fromInputPath: string, list: (folder: string) => string[]): string | undefined {
  const name = posix.basename(missing);
  const folder = posix.dirname(missing) === "." ? "" : posix.dirname(missing);
  // Compared by name: the folder is the same within each pool.
  const nearIn = (dir: string) => {
    const files = list(dir).filter((file) => !PAGE_EXTENSIONS.some((e) => file.endsWith(e)));
    const found = nearest(name, files.map((file) => posix.basename(file)), name.length);
    return found === undefined ? undefined : posix.join(dir, found);
  };
  const near = nearIn(folder) ?? (folder === "" ? undefined : nearIn(""));
  if (near === undefined) return undefined;
  if (written.startsWith("/")) return `/${near}`;
  const rel = posix.relative(posix.dirname(fromInputPath), near);
  return written.startsWith("./") && !rel.startsWith(".") ? `./${rel}` : rel;
}

function sortedLetters(text: string): string {
  return [...text].sort().join("");
}

/** Writes a suggested stem the way the author wrote the link: relative, with or without `.md`. */
function relativeHref(fromInputPath: string, stem: string, writtenPath: string): string {
  const ext = PAGE_EXTENSIONS.find((e) => writtenPath.endsWith(e)) ?? "";
  if (writtenPath.startsWith("/")) return `/${stem}${ext}`;
  const rel = posix.relative(posix.dirname(fromInputPath), stem);
  return `${rel.startsWith(".") ? rel : `./${rel}`}${ext}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An href as the author wrote it: markdown-it percent-encodes `./周报` as `./%E5%91%A8%E6%8A%A5`. */
export function readableHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
