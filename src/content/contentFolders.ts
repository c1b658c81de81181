// Where the plugin looks for reports and digests, and content left where it does not look: a
// content folder outside the input folder (`posts/` beside `content/`), or a content folder option
// naming a folder the input folder lacks. Either would publish nothing without a word.
import { posix } from "node:path";
import { problem, type ProblemCode, type Severity } from "../core/problemCodes.js";

/** One content folder as the options name it. */
export interface ContentFolder {
  option: "postsDir" | "digestsDir";
  /** The option's value, relative to the input folder: `posts`. */
  dir: string;
  /** What it holds, for the message: `reports`. */
  holds: string;
  /** Whether the site chose the folder (an option other than the default). */
  chosen: boolean;
}

/** What is found on disk, passed in: whether a folder exists, and how many Markdown files are under it. */
export interface FolderReader {
  isFolder(path: string): boolean;
  markdownFiles(path: string): number;
}

export interface ContentPlacementIssue {
  /** The folder the problem is about, from the project, ending in `/`. */
  file: string;
  field: string;
  severity: Severity;
  code: ProblemCode;
  message: string;
  /** The message in Chinese. */
  zh: string;
}

/** `content/posts` → `content/posts/`; `.` → `./`. */
const shown = (path: string) => `${path}/`;

/**
 * The folders of the project above the input folder, nearest first: `src/site` → `src`, `.`.
 * The input folder `.` has none.
 */
export function foldersAbove(input: string): string[] {
  const above: string[] = [];
  for (let at = posix.normalize(input).replace(/\/+$/, ""); at !== "." && at !== "" && !at.startsWith(".."); ) {
    at = posix.dirname(at);
    above.push(at);
  }
  return above;
}

/**
 * Every content folder the input folder lacks, and every folder of the same name outside it that
 * holds Markdown files: each a warning naming the folder found and the one the plugin reads. A
 * missing folder is named when the site chose it, when content of its name is outside the input
 * folder (that warning names both), or when neither content folder exists (nothing would be published).
 */
export function misplacedContent(input: string, folders: readonly ContentFolder[], read: FolderReader): ContentPlacementIssue[] {
  const root = posix.normalize(input).replace(/(.)\/+$/, "$1");
  const issues: ContentPlacementIssue[] = [];
  const inside = (folder: ContentFolder) => posix.join(root, folder.dir);
  const noneExists = folders.every((folder) => !read.isFolder(inside(folder)));
  for (const folder of folders) {
    const looked = inside(folder);
    const outside = foldersAbove(root)
      .map((above) => posix.join(above, folder.dir))
      .map((path) => ({ path, count: read.isFolder(path) ? read.markdownFiles(path) : 0 }))
      .filter((found) => found.count > 0);
    for (const found of outside) {
      const params = { count: found.count, found: shown(found.path), root: shown(root), looked: shown(looked), option: folder.option, dir: folder.dir, holds: folder.holds };
      issues.push(problem("content-outside-input", { file: shown(found.path), field: folder.option }, params));
    }
    if (!read.isFolder(looked) && outside.length === 0 && (folder.chosen || noneExists)) {
      const params = { root: shown(root), looked: shown(looked), option: folder.option, dir: folder.dir, holds: folder.holds };
      issues.push(problem("missing-content-folder", { file: shown(looked), field: folder.option }, params));
    }
  }
  return issues;
}
