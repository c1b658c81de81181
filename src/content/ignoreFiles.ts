// What `.gitignore` and `.eleventyignore` keep out of the site: files a page may never publish by
// linking to them (credentials, build output, caches), read as git reads its patterns.
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";

/** A pattern that matched: its file (relative to the project) and line, and the pattern as written. */
export interface IgnoredBy {
  file: string;
  line: number;
  pattern: string;
}

interface Rule extends IgnoredBy {
  /** Matched against a path relative to the ignore file's folder (`anchored`), else against each name. */
  re: RegExp;
  anchored: boolean;
  /** `build/`: only a folder matches. */
  folderOnly: boolean;
}

/** Special characters of a regular expression, escaped where a glob means them literally. */
const REGEX_SPECIAL_RE = /[.+^${}()|\\]/;

/**
 * A gitignore pattern as a regular expression over `/`-separated paths: `*` and `?` stay within a
 * name, `**` crosses folders, `[…]` is a class (https://git-scm.com/docs/gitignore#_pattern_format).
 */
function globRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const slashAfter = pattern[i + 2] === "/";
      const atStart = i === 0 || pattern[i - 1] === "/";
      if (atStart && slashAfter) {
        re += "(?:.*/)?"; // `**/` : any folders, or none
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else re += REGEX_SPECIAL_RE.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`, "u");
}

/** The rules of one ignore file (none when it does not exist), `folder` its folder relative to the project. */
function readRules(project: string, file: string): Rule[] {
  let text: string;
  try {
    text = readFileSync(join(project, file), "utf8");
  } catch {
    return [];
  }
  return text.split(/\r?\n/).flatMap((raw, index) => {
    // A negation (`!keep.png`) is not honoured: a file stays refused rather than published by mistake.
    const line = raw.replace(/(?<!\\)\s+$/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) return [];
    const folderOnly = line.endsWith("/");
    const body = line.replace(/\/+$/, "");
    if (body === "") return [];
    const anchored = body.includes("/");
    try {
      return [{ file, line: index + 1, pattern: line, re: globRegExp(body.replace(/^\//, "")), anchored, folderOnly }];
    } catch {
      return []; // a pattern git would not read either
    }
  });
}

/**
 * Whether a path of the project (relative to it, forward slashes) is ignored: by the `.gitignore`
 * of the project or of any folder on its way (as git reads them, whatever Eleventy's
 * `setUseGitIgnore`), or by the `.eleventyignore` of the project or of `input` (its input folder,
 * relative to the project). A folder ignored ignores everything in it. Each file is read once.
 */
export function ignoreMatcher(project: string, input: string): (path: string) => IgnoredBy | undefined {
  const read = new Map<string, Rule[]>();
  const rulesOf = (file: string) => {
    let rules = read.get(file);
    if (!rules) read.set(file, (rules = readRules(project, file)));
    return rules;
  };
  const inputFolder = posix.normalize(input).replace(/^\.\/?$|\/$/g, "");
  return (path) => {
    const parts = path.split("/");
    // The project's folder, then each folder on the way to the file.
    const folders = Array.from({ length: parts.length }, (_, i) => parts.slice(0, i).join("/"));
    const files = [
      ...folders.map((folder) => ({ folder, file: posix.join(folder, ".gitignore") })),
      { folder: "", file: ".eleventyignore" },
      ...(inputFolder === "" ? [] : [{ folder: inputFolder, file: posix.join(inputFolder, ".eleventyignore") }]),
    ];
    for (const { folder, file } of files) {
      const inFolder = folder === "" ? parts : posix.relative(folder, path).split("/");
      if (inFolder[0] === "..") continue;
      for (const rule of rulesOf(file)) if (matches(rule, inFolder)) return { file: rule.file, line: rule.line, pattern: rule.pattern };
    }
    return undefined;
  };
}

/** Whether a rule matches the path (its parts) or a folder holding it. */
function matches(rule: Rule, parts: string[]): boolean {
  for (let depth = 1; depth <= parts.length; depth++) {
    const isFolder = depth < parts.length;
    if (rule.folderOnly && !isFolder) continue;
    const subject = rule.anchored ? parts.slice(0, depth).join("/") : parts[depth - 1]!;
    if (rule.re.test(subject)) return true;
  }
  return false;
}
