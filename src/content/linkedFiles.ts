// Which files a page may link to and so publish. Every place that reads or copies a linked file
// (the analysis, a picture's plan and variants, the copy into the output, the editions' picture
// sizes) asks this first and reads the real path it answers, so that no link, written with `..` or
// through a symbolic link, reaches a file that is not part of the site.
import { inChinese, inEnglish, type Said } from "../core/show.js";
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, join, posix, resolve } from "node:path";
import { WeeklyError } from "../core/errors.js";
import { within } from "../core/paths.js";
import { ignoreMatcher } from "./ignoreFiles.js";

export type LinkedFile =
  /** A file of the site: `real` is its path after every link, the one to read. */
  | { kind: "file"; path: string; real: string }
  | { kind: "missing" }
  /** A file that exists but is not the site's to publish; `reason` completes "names <path>, which …". */
  | { kind: "refused"; reason: Said };

/** The question every reader of a linked file asks, with a path relative to the input folder. */
export type LinkedFiles = (path: string) => LinkedFile;

export interface SiteBounds {
  /** Eleventy's input folder (`./`, or a folder of the project). */
  inputDir: string;
  /** The project's folder, where `.gitignore` and `.eleventyignore` are read (Eleventy's working folder). */
  projectDir: string;
  /** Folders the build writes, never published from: the output folder and the plugin's cache, by the name the author knows them by. */
  written: ReadonlyArray<{ name: string; path: string }>;
}

/** Folders whose files are never published, whatever the ignore files say. */
const CLOSED_FOLDERS = new Set(["node_modules"]);

/** `/a/b` and the real path it leads to, when it exists. */
function bothPaths(path: string): string[] {
  const plain = resolve(path);
  try {
    const real = realpathSync(plain);
    return real === plain ? [plain] : [plain, real];
  } catch {
    return [plain];
  }
}

/**
 * The rule: a linked file is published only if its real path (after every symbolic link) lies
 * inside the input folder, outside `.git`, `node_modules`, the plugin's cache, the output folder
 * and any folder or file whose name starts with a dot, and is not ignored by `.gitignore` or
 * `.eleventyignore`; the path as written must pass the same rules. It must be a regular file (a
 * link to `/dev/zero` or a folder is not). Answers are kept for the life of the function: make a
 * new one per build.
 */
export function linkedFiles(bounds: SiteBounds): LinkedFiles {
  const input = resolve(bounds.inputDir);
  const [root] = bothPaths(input).slice(-1) as [string];
  const projects = bothPaths(bounds.projectDir);
  const written = bounds.written.flatMap(({ name, path }) => bothPaths(path).map((at) => ({ name, at })));
  const ignored = ignoreMatcher(projects[0]!, within(projects[0]!, input) ?? ".");

  /** Why a file at `abs` (`rel` from the input folder) is not the site's, if it is not. */
  const refusal = (rel: string, abs: string): Said | undefined => {
    const hidden = rel.split("/").find((part) => part.startsWith(".") || CLOSED_FOLDERS.has(part));
    if (hidden !== undefined && !hidden.startsWith(".")) return { en: `is in ${hidden}`, zh: `在 ${hidden} 里` };
    if (hidden !== undefined) {
      const file = hidden === rel.split("/").pop();
      return { en: `is ${file ? "a hidden file" : "in the hidden folder"} ${hidden}`, zh: file ? `是隐藏文件 ${hidden}` : `在隐藏文件夹 ${hidden} 里` };
    }
    const folder = written.find(({ at }) => within(at, abs) !== undefined);
    if (folder) return { en: `is in ${folder.name}, which the build writes`, zh: `在构建写出的 ${folder.name} 里` };
    for (const project of projects) {
      const inProject = within(project, abs);
      const by = inProject === undefined || inProject === "" ? undefined : ignored(inProject);
      if (by) return { en: `is ignored by ${by.file} (line ${by.line}: ${by.pattern})`, zh: `被 ${by.file} 忽略（第 ${by.line} 行：${by.pattern}）` };
    }
    return undefined;
  };

  const judge = (path: string): LinkedFile => {
    const normal = posix.normalize(path);
    if (normal === "." || normal === ".." || normal.startsWith("../") || isAbsolute(path) || path.includes("\0")) return { kind: "refused", reason: { en: "lies outside the site's input folder", zh: "在站点的输入文件夹之外" } };
    const abs = join(input, path);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return { kind: "missing" };
    }
    const writtenWhy = refusal(path, abs);
    if (writtenWhy) return { kind: "refused", reason: writtenWhy };
    const inside = within(root, real);
    if (inside === undefined) return { kind: "refused", reason: { en: `is a symbolic link to ${real}, outside the site's input folder`, zh: `是指向 ${real} 的符号链接，在站点的输入文件夹之外` } };
    if (inside !== path) {
      const why = refusal(inside, real);
      if (why) return { kind: "refused", reason: { en: `is a symbolic link to ${inside}, which ${inEnglish(why)}`, zh: `是指向 ${inside} 的符号链接，而它${inChinese(why)}` } };
    }
    if (!statSync(real).isFile()) return { kind: "refused", reason: { en: "is not a file", zh: "不是文件" } };
    return { kind: "file", path, real };
  };

  const answers = new Map<string, LinkedFile>();
  return (path) => {
    let answer = answers.get(path);
    if (!answer) answers.set(path, (answer = judge(path)));
    return answer;
  };
}

/** What every refusal of a linked file adds: the rule, so the author knows what would be accepted. */
export const LINKED_FILE_RULE = {
  en: "a page publishes only files of the site (inside its input folder after any symbolic link; not in node_modules, the output folder, the cache, or a folder or file whose name starts with a dot; not ignored by .gitignore or .eleventyignore)",
  zh: "页面只发布站点自己的文件（跟随符号链接后仍在输入文件夹里；不在 node_modules、输出文件夹、缓存或名字以点开头的文件夹和文件里；没有被 .gitignore 或 .eleventyignore 忽略）",
};

/**
 * The real path to read a linked file from, asked again as it is read (a fresh `linked` per
 * build): a file that stopped being the site's since the analysis (a link swapped while building)
 * stops the build instead of being copied.
 */
export function linkedFileSource(linked: LinkedFiles, path: string): string {
  const file = linked(path);
  if (file.kind === "file") return file.real;
  const why = file.kind === "missing" ? "no longer exists" : inEnglish(file.reason);
  throw new WeeklyError(`${path} changed while the site was built: it ${why}. Build again.`);
}
