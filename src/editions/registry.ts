// Every edition of a report, declared once: its name (`weekly export --format`), what it is, its
// renderer, its label and whether a preview shows it. `weekly export`'s formats and help, the
// preview's edition pages and the README's list are all read from this table; a new format is
// its module in src/editions/ and one entry here.
import type { Said } from "../core/show.js";
import type { ImageSize } from "../content/imageSize.js";
import type { EditionReport } from "./report.js";
import { EMAIL_MAX_BYTES, emailEdition } from "./email.js";
import { textEdition } from "./text.js";
import { wechatEdition } from "./wechat.js";

/** What an edition may need beyond the report: each renderer reads what it uses. */
export interface EditionContext {
  /** An image's own size, by its absolute address, when it is a file of the site. */
  imageSize: (src: string) => ImageSize | undefined;
  /** The email's unsubscribe placeholder (`weekly export --unsubscribe`); undefined: the email's default. */
  unsubscribe?: string | undefined;
}

export interface Edition {
  /** The `--format` value, and the folder of its preview page (`…/editions/email/`). */
  readonly name: string;
  /** What it is, in the command's help and the README's list: "an HTML email". */
  readonly summary: Said;
  /** Its name to the author: the preview's link and page title. */
  readonly label: string;
  readonly render: (report: EditionReport, context: EditionContext) => string;
  /** Whether it ends with an unsubscribe link, whose address `weekly export --unsubscribe` sets. */
  readonly unsubscribe: boolean;
  /** Whether it sends the site's pictures: `weekly export` then makes them and prints their weight. */
  readonly sendsPictures: boolean;
  /** The most bytes it may have, and what happens beyond: `weekly export` refuses a larger one. */
  readonly limit?: { readonly bytes: number; readonly beyond: Said };
  /**
   * How a preview shows it: a whole HTML document (in a sandboxed frame, where nothing in it runs),
   * an HTML fragment in the page, or not at all.
   */
  readonly preview: "document" | "fragment" | false;
}

export const EDITIONS = [
  {
    name: "email",
    summary: { en: "an HTML email", zh: "HTML 邮件" },
    label: "邮件版",
    render: (report, { imageSize, unsubscribe }) => emailEdition(report, unsubscribe === undefined ? { imageSize } : { imageSize, unsubscribe }),
    unsubscribe: true,
    sendsPictures: true,
    limit: { bytes: EMAIL_MAX_BYTES, beyond: { en: "Gmail would cut it off", zh: "Gmail 会把它截断" } },
    preview: "document",
  },
  { name: "wechat", summary: { en: "a 公众号 article", zh: "公众号文章" }, label: "公众号版", render: (report) => wechatEdition(report), unsubscribe: false, sendsPictures: true, preview: "fragment" },
  { name: "text", summary: { en: "plain text", zh: "纯文本" }, label: "纯文本版", render: (report) => textEdition(report), unsubscribe: false, sendsPictures: false, preview: false },
] as const satisfies readonly Edition[];

export type EditionName = (typeof EDITIONS)[number]["name"];

/** The editions a preview gives a page, in the order of their links. */
export const PREVIEW_EDITIONS: readonly Edition[] = EDITIONS.filter((edition) => edition.preview !== false);

/** The edition of that name; undefined for a name no edition has. */
export function editionNamed(name: string): Edition | undefined {
  return (EDITIONS as readonly Edition[]).find((edition) => edition.name === name);
}
