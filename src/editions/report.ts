// What every edition of a report (email, WeChat, plain text) is made from: the report as the site
// renders it, every address absolute, and the facts each edition shows around it.
import type { Said } from "../core/show.js";
import type { EditionPicture } from "./pictures.js";

/** The site's look, for editions that cannot load its stylesheet (layouts/style.css, light). */
export const LOOK = {
  fg: "#1d1d1f",
  muted: "#5f6368",
  bg: "#fdfdfc",
  accent: "#0b57d0",
  rule: "#e3e3e0",
  note: "#9a4f00",
  /** Latin first, then the CJK fonts each system has. */
  font: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
} as const;

export interface EditionReport {
  /** The report's title (front matter `title`). */
  title: string;
  /** Its front-matter description, else its excerpt: the email's preheader. */
  description: string;
  /** `2026-W06`. */
  week: string;
  /** `2026年2月5日`: the report's date in the site's zone, as the site shows it. */
  date: string;
  /** `2026-02-05`. */
  isoDate: string;
  /** The web page's absolute URL. */
  url: string;
  /** The week's digest: its absolute URL and title, when the week has one. */
  digest: { url: string; title: string } | undefined;
  site: {
    title: string;
    /** The site's absolute address, no trailing slash (`https://weekly.example.org`). */
    url: string;
    /** `zh-CN`. */
    language: string;
  };
  /**
   * The body as the site renders it (the repeated `# title` dropped, headings lifted), without
   * heading ids, with every link and image address absolute. Raw HTML the author wrote is in it
   * as the site keeps it, less what the editions' allow-list removes (editions/sanitize.ts).
   */
  html: string;
  /** What the allow-list removed from the author's HTML (`<iframe> with its content`, `style "position:fixed" on <div>`): each a warning. */
  removed: Said[];
  /** The site's pictures the body shows, each as the file the email and WeChat editions send (editions/pictures.ts). */
  pictures: EditionPicture[];
  /** How many pictures of other sites the body shows. */
  picturesElsewhere: number;
}
