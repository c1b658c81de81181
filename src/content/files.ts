// Files that are not what they seem: symbolic links in the content folders that cannot be followed
// or lead back into the site (whose files would be published twice), and text that is not UTF-8.
import { closeSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import yaml from "js-yaml";
import { join, posix } from "node:path";
import { within } from "../core/paths.js";
import type { ProblemCode } from "../core/problemCodes.js";

export interface LinkProblem {
  /** The link, relative to the input folder, forward slashes: `posts/loop`. */
  path: string;
  severity: "error" | "warning";
  code: ProblemCode;
  message: string;
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
    const why = code === "ELOOP" ? `it leads back to itself (${path} → ${written} → …)` : `its target ${written} does not exist`;
    return { path, severity: "warning", code: "broken-symlink", followed: false, message: `a symbolic link that cannot be followed: ${why}; nothing from it is published. Remove the link or point it at a file.` };
  }
  const twice = (what: string) => ({
    path,
    severity: "error" as const,
    code: "symlink-twice" as const,
    followed: true,
    message: `${what}: ${statSync(file).isDirectory() ? "every file under it" : "its file"} would be published twice, at two addresses. Remove the link, or list it in .eleventyignore.`,
  });
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

export interface EncodingProblem {
  /** 1-based line and column (in characters) of the first byte that is not UTF-8. */
  line: number;
  column: number;
  byte: number;
}

/** The first place where `bytes` are not UTF-8, or undefined when they all are. */
export function firstInvalidUtf8(bytes: Uint8Array): EncodingProblem | undefined {
  if (isUtf8(bytes)) return undefined;
  const offset = invalidOffset(bytes);
  if (offset < 0) return undefined;
  // lastIndexOf with -1 would search from the end: a bad first byte is on line 1.
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = new TextDecoder().decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1, byte: bytes[offset]! };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function invalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes, the lowest code point and the lead byte's own bits, by sequence length.
    const length = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (length === 0 || i + length >= bytes.length) return i; // not a lead byte, or cut short by the end
    let codePoint = lead & (0x3f >> length);
    for (let k = 1; k <= length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    const lowest = [0, 0x80, 0x800, 0x10000][length]!;
    if (codePoint < lowest || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length + 1;
  }
  return -1;
}

/** What the author is told about a file that is not UTF-8. */
export function encodingMessage(problem: EncodingProblem): string {
  const hex = problem.byte.toString(16).toUpperCase().padStart(2, "0");
  return `the file is not UTF-8: byte 0x${hex} cannot be read as text (the file was probably saved in another encoding, such as GBK or Latin-1); save it as UTF-8.`;
}

/** Template files Eleventy would compile as code (any engine but Markdown), and JavaScript data files. */
const CODE_FILE_RE = /(\.(njk|liquid|html?|webc|hbs|mustache|ejs|haml|pug|jsx|tsx|mdx)|\.11ty\.[cm]?[jt]s|\.11tydata\.[cm]?[jt]s)$/i;
/** The languages front matter may be read in: YAML (`---`, `---yaml`) and JSON (`---json`). */
const DATA_FRONT_MATTER_RE = /^(\uFEFF)?---[ \t]*(yaml|yml|json)?[ \t]*\r?$/i;

export interface ContentFolderFile {
  /** Relative to the input folder, forward slashes. */
  path: string;
  /** `template`: Eleventy would compile it as code; `front matter`: Markdown whose front matter is code; `data`: a data file. */
  kind: "template" | "front matter" | "data";
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
      if (!stat.isFile()) continue;
      if (CODE_FILE_RE.test(entry.name)) found.push({ path, kind: "template" });
      else if (entry.name.toLowerCase().endsWith(".md") && !readsAsData(join(inputDir, path))) found.push({ path, kind: "front matter" });
      else if (isDataFileName(entry.name, posix.basename(folder), names, dataExtensions)) found.push({ path, kind: "data" });
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
export function readDataFile(path: string, text: string): { data: Record<string, unknown> } | { problem: string } {
  const ext = posix.extname(path).slice(1).toLowerCase();
  const body = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    if (ext === "json") value = JSON.parse(body);
    else if (ext === "yaml" || ext === "yml") value = yaml.load(body, { schema: yaml.CORE_SCHEMA });
    else return { problem: `data file: a .${ext} data file in a content folder cannot be checked for keys that would run code; write it as JSON or YAML.` };
  } catch (error) {
    return { problem: `data file: not valid ${ext === "json" ? "JSON" : "YAML"} (${(error as Error).message.split("\n")[0]}); fix it so that its keys can be checked.` };
  }
  if (value === null || value === undefined) return { data: {} };
  if (typeof value !== "object" || Array.isArray(value)) return { problem: "data file: not a set of keys such as { \"tags\": [\"AI\"] }." };
  return { data: value as Record<string, unknown> };
}
