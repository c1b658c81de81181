// The shape of an entry of the problem catalogue (problemCodes.ts), and what messages share.
export type Severity = "error" | "warning";

/**
 * Where an error weighs less (reported as a warning): `preview`, in a preview (`--serve`,
 * `--watch`; never in `weekly check`), where an author writes; `waiting`, in a page not yet
 * published (until it goes live); `brokenLinks`, as the option says ("warn": a warning, false:
 * not reported).
 */
export type Relief = "preview" | "waiting" | "brokenLinks";

export interface ProblemKind<Params = never> {
  /** How much it weighs in a production build: an error stops it, a warning is printed. */
  severity: Severity;
  /** Where an error is reported as a warning (see `Relief`). */
  relievedIn?: readonly Relief[];
  /** What went wrong, in a few words. */
  title: string;
  /** How to fix it, whatever the file. */
  hint: string;
  /** The problem's own message, from the values of the file. */
  message: (params: Params) => string;
  /** The same three in Chinese (zh-CN), side by side: what a site whose language is Chinese prints (core/language.ts). */
  zh: { title: string; hint: string; message: (params: Params) => string };
  /**
   * The rule reads the page's front-matter values (its title, date, schedule, tags…): a page whose
   * front matter could not be read gets only that problem, never one that follows from it.
   */
  readsFrontMatter?: true;
}

/** Said of a problem in a page not yet published, which stops no build until it goes live. */
export const NOT_LIVE_YET = " (This page is not published yet: this will stop the build when it goes live.)";
export const NOT_LIVE_YET_ZH = "（此页尚未发布：到它上线时，这会让构建停下。）";
