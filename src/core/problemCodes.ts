// Every kind of problem the plugin reports, under a stable code: a tool reading
// `weekly check --format json` matches the code, never the English of the message. Each entry
// (frontMatterProblemCodes.ts, contentProblemCodes.ts, siteProblemCodes.ts) holds all there is to know of its kind (Astro's errors-data.ts is the model): how much it weighs,
// its title, the general way to fix it, and `message`, which writes a problem's own message from
// the values of the file (what is wrong there, where, with what was received). Problems are made
// by `problem()`, never as object literals. The README's table is written from this catalogue
// (`npm run docs`; test/problemCodes.test.ts fails when it differs).
// Codes are never renamed or reused: a retired code stays out of the catalogue for good.
import { CONTENT_PROBLEM_CODES } from "./contentProblemCodes.js";
import { FRONT_MATTER_PROBLEM_CODES } from "./frontMatterProblemCodes.js";
import type { ProblemKind, Relief, Severity } from "./problemKind.js";
import { SITE_PROBLEM_CODES } from "./siteProblemCodes.js";

export type { ProblemKind, Relief, Severity } from "./problemKind.js";
export { NOT_LIVE_YET, NOT_LIVE_YET_ZH } from "./problemKind.js";
import type { Language } from "./language.js";

export const PROBLEM_CODES = { ...FRONT_MATTER_PROBLEM_CODES, ...CONTENT_PROBLEM_CODES, ...SITE_PROBLEM_CODES };


export type ProblemCode = keyof typeof PROBLEM_CODES;

/** What a code's message is written from. */
export type ProblemParams<C extends ProblemCode> = Parameters<(typeof PROBLEM_CODES)[C]["message"]>;

/** A code's message, from the values of the file, in English or (`zh`) in Chinese. */
export function problemMessage<C extends ProblemCode>(code: C, ...params: ProblemParams<C>): string {
  return (PROBLEM_CODES[code].message as (...args: ProblemParams<C>) => string)(...params);
}

/** A code's message in Chinese. */
export function problemMessageZh<C extends ProblemCode>(code: C, ...params: ProblemParams<C>): string {
  return (PROBLEM_CODES[code].zh.message as (...args: ProblemParams<C>) => string)(...params);
}

/**
 * A problem: where it is (`place`: a file and line, a field, a rule… whatever the caller keeps),
 * its code, its weight (the catalogue's, unless `place` gives the one this build decided) and its
 * message, written by the catalogue from `params`.
 */
export function problem<C extends ProblemCode, P extends object>(
  code: C,
  place: P & { severity?: Severity },
  ...params: ProblemParams<C>
): Omit<P, "severity"> & { severity: Severity; code: C; message: string; zh: string } {
  return { ...place, severity: place.severity ?? PROBLEM_CODES[code].severity, code, message: problemMessage(code, ...params), zh: problemMessageZh(code, ...params) };
}

/** A code's title and hint, as `weekly check --format json` gives them, in the language asked for. */
export function problemKind(code: ProblemCode, language: Language = "en"): Pick<ProblemKind, "title" | "hint"> {
  const kind = PROBLEM_CODES[code] as ProblemKind<unknown>;
  const { title, hint } = language === "zh" ? kind.zh : kind;
  return { title, hint };
}

/** Whether a code's rule reads a page's front-matter values (see `ProblemKind.readsFrontMatter`). */
export function readsFrontMatter(code: ProblemCode): boolean {
  return (PROBLEM_CODES[code] as ProblemKind).readsFrontMatter === true;
}

/** Whether an error of this code is reported as a warning where `relief` applies (see `Relief`). */
export function relievedIn(code: ProblemCode, relief: Relief): boolean {
  return (PROBLEM_CODES[code] as ProblemKind).relievedIn?.includes(relief) === true;
}
