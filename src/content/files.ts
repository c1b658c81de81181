// Files that are not what they seem: symbolic links in the content folders that cannot be followed
// or lead back into the site (whose files would be published twice), and what the content folders
// hold besides Markdown pages (code, data files, files too large to read).
import { closeSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import yaml from "js-yaml";
import { join, posix } from "node:path";
import { within } from "../core/paths.js";
import { problem, type ProblemCode, type ProblemParams } from "../core/problemCodes.js";

export interface LinkProblem {
  /** The link, relative to the input folder, forward slashes: `posts/loop`. */
  path: string;
  severity: "error" | "warning";
  code: ProblemCode;
  message: string;
  /** The message in Chinese. */
  zh: string;
  /** Whether Eleventy still reads files through the link (they are dropped and the build stops). */
  followed: boolean;
}

/**
 * The symbolic links under the given folders (relative to `inputDir`) that are a problem: one
 * that loops or leads nowhere (Eleventy skips it: a warning, so that nothing goes missing
 * unseen), and one that leads to a file or folder of the site itself (an error: every file
 * through it would be published a second time, at another address). Links to pages outside the
 * site are a way to share content and are left alone; a file a page links to through one is never
 * published (linkedFiles.ts). Links are not followed while looking.
 */
export function findLinkProblems(inputDir: string, folders: readonly string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  let root: string;
  try {
    root = realpathSync(inputDir);
  } catch {
    return problems;
  }
  const visit = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(join(inputDir, folder), { withFileTypes: true });
    } catch {
      return; // a content folder the site does not have
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = posix.join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      if (!entry.isSymbolicLink()) continue;
      const problem = linkProblem(inputDir, root, path);
      if (problem) problems.push(problem);
    }
  };
  for (const folder of folders) visit(folder);
  return problems;
}

function linkProblem(inputDir: string, root: string, path: string): LinkProblem | undefined {
  const file = join(inputDir, path);
  const written = readlinkSync(file);
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ELOOP"
        ? { en: `it leads back to itself (${path} → ${written} → …)`, zh: `它绕回了自己（${path} → ${written} → …）` }
        : { en: `its target ${written} does not exist`, zh: `它指向的 ${written} 不存在` };
    return problem("broken-symlink", { path, followed: false }, { why });
  }
  const twice = (link: string) => problem("symlink-twice", { path, followed: true }, { link, folder: statSync(file).isDirectory() });
  const inSite = within(root, real);
  if (inSite !== undefined) {
    return twice(`a symbolic link to ${inSite === "" ? "the site's own folder" : inSite} (written ${written}), which is already part of the site`);
  }
  if (within(real, root) !== undefined) return twice(`a symbolic link to ${real} (written ${written}), a folder that holds the site itself`);
  if (!statSync(file).isDirectory()) return undefined; // a page shared from outside the site; a linked file so shared is refused by linkedFiles.ts
  const back = linkBackInto(real, root);
  return back === undefined ? undefined : twice(`a symbolic link to ${real} (written ${written}), which holds a link back into the site (${back})`);
}

/**
 * A link under `folder` (outside the site) that leads into the site or to a folder holding it,
 * found without following links; the search gives up after 10,000 entries.
 */
function linkBackInto(folder: string, root: string): string | undefined {
  let budget = 10_000;
  const visit = (dir: string): string | undefined => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return undefined;
    }
    for (const entry of entries) {
      if (--budget < 0) return undefined;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = visit(path);
        if (found !== undefined) return found;
      } else if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch {
          continue;
        }
        if (within(root, real) !== undefined || within(real, root) !== undefined) return `${path} → ${readlinkSync(path)}`;
      }
    }
    return undefined;
  };
  return visit(folder);
}

/** Whether `path` is the link itself or a file reached through it. */
export function isThroughLink(path: string, link: string): boolean {
  return path === link || path.startsWith(`${link}/`);
}

/** Template files Eleventy would compile as code (any engine but Markdown), and JavaScript data files. */
const CODE_FILE_RE = /(\.(njk|liquid|html?|webc|hbs|mustache|ejs|haml|pug|jsx|tsx|mdx)|\.11ty\.[cm]?[jt]s|\.11tydata\.[cm]?[jt]s)$/i;
/** The languages front matter may be read in: YAML (`---`, `---yaml`) and JSON (`---json`). */
const DATA_FRONT_MATTER_RE = /^(\uFEFF)?---[ \t]*(yaml|yml|json)?[ \t]*\r?$/i;

/**
 * The largest report, digest or data file of a content folder that is read: 10 MiB, twice the
 * 5 MB report the tests build (about 9 s). A file of hundreds of megabytes would take the check
 * over a gigabyte of memory and the build minutes, then all the machine's memory.
 */
export const MAX_CONTENT_FILE_BYTES = 10 * 1024 * 1024;

export interface ContentFolderFile {
  /** Relative to the input folder, forward slashes. */
  path: string;
  /**
   * `template`: Eleventy would compile it as code; `front matter`: Markdown whose front matter is
   * code; `data`: a data file; `too large`: a page or data file over `MAX_CONTENT_FILE_BYTES`,
   * never opened; `not a file`: a page or data file name leading to a device, a pipe or a socket
   * (`/dev/zero`), whose size says nothing and whose reading may never end, never opened either.
   */
  kind: "template" | "front matter" | "data" | "too large" | "not a file";
  /** The file's size in bytes (pages and data files). */
  size?: number;
}

/**
 * Files of the content folders that are not Markdown pages with data front matter or files they
 * link to: templates and JavaScript data files, which Eleventy would run; Markdown whose front
 * matter is JavaScript (`---js`), which gray-matter would run while reading it; and data files,
 * whose keys apply to the pages beside them. Symbolic links are followed, as Eleventy follows them
 * (each real folder once); those that cannot be are `findLinkProblems`' to report.
 * `dataExtensions`: the data file extensions the site reads (json, and those it added).
 */
export function findContentFolderFiles(inputDir: string, folders: readonly string[], dataExtensions: readonly string[]): ContentFolderFile[] {
  const found: ContentFolderFile[] = [];
  const seen = new Set<string>();
  const visit = (folder: string) => {
    let entries;
    try {
      const real = realpathSync(join(inputDir, folder));
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(join(inputDir, folder), { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(entries.map((entry) => entry.name));
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = posix.join(folder, entry.name);
      const stat = entry.isSymbolicLink() ? followLink(join(inputDir, path)) : entry;
      if (!stat) continue; // a link that loops or leads nowhere: findLinkProblems reports it
      if (stat.isDirectory()) visit(path);
      if (!stat.isFile()) {
        if (!stat.isDirectory() && (entry.name.toLowerCase().endsWith(".md") || isDataFileName(entry.name, posix.basename(folder), names, dataExtensions))) found.push({ path, kind: "not a file" });
        continue;
      }
      if (CODE_FILE_RE.test(entry.name)) {
        found.push({ path, kind: "template" });
        continue;
      }
      const page = entry.name.toLowerCase().endsWith(".md");
      const data = !page && isDataFileName(entry.name, posix.basename(folder), names, dataExtensions);
      if (!page && !data) continue;
      // Measured before a byte is read: the size alone decides.
      const size = "size" in stat ? stat.size : statSync(join(inputDir, path)).size;
      if (size > MAX_CONTENT_FILE_BYTES) found.push({ path, kind: "too large", size });
      else if (page && !readsAsData(join(inputDir, path))) found.push({ path, kind: "front matter" });
      else if (data) found.push({ path, kind: "data", size });
    }
  };
  for (const folder of folders) visit(folder);
  return found;
}

function followLink(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether a Markdown file's front matter (if any) is YAML or JSON: only its first line is read. */
function readsAsData(file: string): boolean {
  const buffer = Buffer.alloc(64);
  let length = 0;
  try {
    const fd = openSync(file, "r");
    try {
      length = readSync(fd, buffer, 0, buffer.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return true; // unreadable: Eleventy reports it
  }
  const first = buffer.subarray(0, length).toString("utf8").split("\n")[0]!;
  return !first.replace(/^\uFEFF/, "").startsWith("---") || DATA_FRONT_MATTER_RE.test(first);
}

/** Eleventy's data file names: `posts.11tydata.json`, `posts.json` in `posts/`, `a.json` beside `a.md` (or another data extension). */
function isDataFileName(name: string, folderName: string, siblings: ReadonlySet<string>, extensions: readonly string[]): boolean {
  const ext = extensions.find((e) => name.endsWith(`.${e}`));
  if (!ext) return false;
  const stem = name.slice(0, -(ext.length + 1)).replace(/\.11tydata$/, "");
  return name.endsWith(`.11tydata.${ext}`) || stem === folderName || siblings.has(`${stem}.md`);
}

/**
 * The pages a data file applies to: every page under its folder for `posts/posts.json`
 * (`posts.11tydata.json`), the one page beside it for `posts/a.json` (`a.11tydata.json`).
 */
export function dataFileScope(path: string): (page: string) => boolean {
  const folder = posix.dirname(path);
  const stem = posix.basename(path).replace(/\.[^.]+$/, "").replace(/\.11tydata$/, "");
  if (stem === posix.basename(folder)) return (page) => isThroughLink(page, folder);
  const page = posix.join(folder, `${stem}.md`);
  return (other) => other === page;
}

/**
 * A data file of a content folder, read as Eleventy would: JSON (a byte-order mark allowed) or
 * YAML. Another format, or text that does not read as a set of keys, cannot be checked.
 */
/** `problem`: what a `data-file` message needs. */
export function readDataFile(path: string, text: string): { data: Record<string, unknown> } | { problem: ProblemParams<"data-file">[0] } {
  const ext = posix.extname(path).slice(1).toLowerCase();
  const body = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    if (ext === "json") value = JSON.parse(body);
    else if (ext === "yaml" || ext === "yml") value = yaml.load(body, { schema: yaml.CORE_SCHEMA });
    else return { problem: { ext } };
  } catch (error) {
    return { problem: { language: ext === "json" ? "JSON" : "YAML", reason: (error as Error).message.split("\n")[0]! } };
  }
  if (value === null || value === undefined) return { data: {} };
  if (typeof value !== "object" || Array.isArray(value)) return { problem: { notKeys: true } };
  return { data: value as Record<string, unknown> };
}
