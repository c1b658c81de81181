// Problems found in a site's content, and the error that stops a build because of them.
import type { ProblemCode } from "./problemCodes.js";
import type { Language } from "./language.js";

export interface Problem {
  /** Project-relative path of the file, with forward slashes. */
  file: string;
  /** 1-based line, when it can be known. */
  line?: number;
  /** 1-based column, when it can be known. */
  column?: number;
  severity: "error" | "warning";
  /** The kind of problem, stable across versions (see problemCodes.ts). */
  code: ProblemCode;
  message: string;
  /** The message in Chinese (every problem is made with both: core/problemCodes.ts). */
  zh: string;
}

export { show } from "./show.js";

/**
 * `posts/a.md:41:3  message [code]` (`… warning: message [code]` for a warning): the form editors
 * and terminals turn into a jump to the place.
 */
export function formatProblem(problem: Problem, language: Language = "en"): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column ?? 1]
    .filter((part) => part !== undefined)
    .join(":");
  const warning = problem.severity !== "warning" ? "" : language === "zh" ? "警告：" : "warning: ";
  return `${where}  ${warning}${messageIn(problem, language)} [${problem.code}]`;
}

/** A problem's message in the language asked for. */
export function messageIn(problem: Pick<Problem, "message" | "zh">, language: Language): string {
  return language === "zh" ? problem.zh : problem.message;
}

/** Problems in file, line and column order, so that a report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * An error in what the author wrote or configured. Eleventy prints its message without a stack
 * trace (`skipOriginalStack`), because the message already says where and what to do.
 */
export class WeeklyError extends Error {
  readonly skipOriginalStack = true;
  readonly problems: readonly Problem[];

  constructor(message: string, problems: readonly Problem[] = []) {
    super(message);
    // Eleventy adds "(via <name>)" to every error line whose name is not "Error": the message
    // already says what happened.
    this.name = "Error";
    this.problems = problems;
  }

  /** The list a build prints once when problems stop it, header first. */
  static report(problems: readonly Problem[], language: Language = "en"): string {
    const errors = sortProblems(problems.filter((p) => p.severity === "error"));
    const header = language === "zh" ? `内容中的 ${errors.length} 个问题让构建停下了：` : `${plural(errors.length, "problem")} in the content stopped the build:`;
    return [header, ...errors.map((problem) => formatProblem(problem, language))].join("\n");
  }

  /**
   * The error that stops a build once its problems are printed (`report`). Eleventy prints an
   * error's message twice (as the build fails, then as the command ends), so the list itself is
   * not in it; `problems` carries it for programs that run Eleventy themselves.
   */
  static fromProblems(problems: readonly Problem[]): WeeklyError {
    const errors = problems.filter((p) => p.severity === "error");
    return new WeeklyError(`${plural(errors.length, "problem")} in the content stopped the build (listed above).`, errors);
  }
}

/** `1 report`, `2 reports`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
