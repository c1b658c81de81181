// Every kind of problem the plugin reports, under a stable code: a tool reading
// `weekly check --format json` matches the code, never the English of the message. A problem's
// own message says what is wrong in that file, with its values; the catalogue gives each code a
// title and the general way to fix it. The README lists the catalogue (a test keeps it true).
// Codes are never renamed or reused: a retired code stays out of the catalogue for good.

export interface ProblemKind {
  /** What went wrong, in a few words. */
  title: string;
  /** How to fix it, whatever the file. */
  hint: string;
  /**
   * The rule reads the page's front-matter values (its title, date, schedule, tags…): a page whose
   * front matter could not be read gets only that problem, never one that follows from it.
   */
  readsFrontMatter?: true;
}

export const PROBLEM_CODES = {
  // Front matter: how it is written.
  "front-matter-yaml": { title: "Front matter is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon, a # or quotes." },
  "front-matter-json": { title: "Front matter is not valid JSON", hint: "Fix the JSON between ---json and ---, or write the front matter in YAML." },
  "front-matter-shape": { title: "Front matter is not a set of keys", hint: "Write one key per line, such as title: …, between the two --- lines." },
  "front-matter-unclosed": { title: "No closing --- after the front matter", hint: "Add a line --- where the front matter ends and the text begins." },
  "full-width-colon": { title: "A full-width colon after a key", hint: "Type an ASCII colon and a space after the key (title: …), not ：." },
  "curly-quotes": { title: "Curly quotes where YAML wants straight ones", hint: "Type ASCII quotes \"…\" around the value, or none." },
  "curly-quoted-value": { title: "A value wrapped in curly quotes", hint: "The quotes show on the page: type ASCII quotes if they are meant as quotes.", readsFrontMatter: true },
  "unquoted-colon": { title: "A colon and a space inside a value", hint: "Put the value in ASCII quotes: title: \"OpenAI: …\"." },
  "tag-separator": { title: "Tags joined with full-width punctuation", hint: "Write the tags as a list, [AI, 人工智能], with ASCII commas.", readsFrontMatter: true },
  // Front matter: what it says.
  "invalid-field": { title: "A field with a value the plugin cannot use", hint: "Give the field a value of the kind the message names.", readsFrontMatter: true },
  "unknown-key": { title: "A key the plugin does not read", hint: "Check the spelling against title, description, date, scheduled, tags, layout and draft.", readsFrontMatter: true },
  "reserved-key": { title: "A key Eleventy keeps for itself", hint: "Rename the key: Eleventy would overwrite it or stop on it.", readsFrontMatter: true },
  "template-engine": { title: "A templateEngineOverride Eleventy cannot read", hint: "Name one template engine, such as njk or njk,md, or remove the key.", readsFrontMatter: true },
  "unknown-layout": { title: "A layout that is not a template of the layouts folder", hint: "Name a template of the layouts folder, such as layouts/post.njk.", readsFrontMatter: true },
  "refused-key": { title: "A key that would run code", hint: "Remove the key: content is data, never code." },
  "prototype-key": { title: "A key or tag that names a part of every JavaScript object", hint: "Rename it: `__proto__`, `constructor` and `prototype` are never keys, and `__proto__`, `__defineGetter__` and `__defineSetter__` are never tags." },
  "unsafe-permalink": { title: "A permalink that is not a plain address of its own", hint: "Write a plain address such as /posts/2026-w06/, outside the addresses the plugin writes." },
  // Files of the content folders.
  "code-file": { title: "A template or script in a content folder", hint: "Keep reports and digests as Markdown (.md); move templates to the layouts folder." },
  "code-front-matter": { title: "Front matter in a language that runs", hint: "Write YAML (---) or JSON (---json) front matter." },
  "data-file": { title: "A data file of a content folder that cannot be read", hint: "Fix the JSON or YAML of the data file at the line named." },
  "not-utf8": { title: "Text that is not UTF-8", hint: "Save the file as UTF-8." },
  "file-too-large": { title: "A report, digest or data file too large to read, or not a file at all (a device or a pipe)", hint: "Split the file into smaller ones; keep pictures and data in files it links to; replace a device or a pipe with a file." },
  "file-name-url": { title: "A file name with #, ? or a backslash", hint: "Rename the file without #, ? or backslashes, which a URL cannot hold in a name." },
  "file-name-week": { title: "A digest's file name without an ISO week", hint: "Name the digest after its week, such as ai_news_2026-W06.md." },
  "no-such-week": { title: "A week that does not exist", hint: "Use a week the year has: most years have 52 ISO weeks, some 53." },
  "broken-symlink": { title: "A symbolic link that cannot be followed", hint: "Remove the link or point it at a file." },
  "symlink-twice": { title: "A symbolic link that publishes files twice", hint: "Remove the link, or list it in .eleventyignore." },
  "content-outside-input": { title: "Reports or digests outside the input folder", hint: "Move the folder into the input folder, or set postsDir or digestsDir to the folder inside it that holds them." },
  "missing-content-folder": { title: "A content folder that does not exist", hint: "Set postsDir or digestsDir to a folder of the input folder, or create the folder." },
  "placeholder": { title: "A placeholder of the weekly new template", hint: "Write this part, or hold the page back with draft: true.", readsFrontMatter: true },
  // The body.
  "broken-link": { title: "A link to a page that does not exist", hint: "Link to a report or digest by its source path, such as ../weekly_news/ai_news_2026-W06." },
  "missing-file": { title: "A link or image naming a file that does not exist", hint: "Fix the path, relative to the page's file, or add the file." },
  "bad-image": { title: "An image that cannot be read as a picture", hint: "Save the picture again as PNG, JPEG or WebP, or give the file the extension of its format." },
  "missing-heading": { title: "A link to a heading that does not exist", hint: "Link to one of the headings the target has (their ids are listed in the message)." },
  "invalid-link": { title: "A link that cannot lead anywhere on the site", hint: "Link to a page or file inside the site's input folder." },
  "link-outside-site": { title: "A link to a file that is not the site's to publish", hint: "Link to a file of the site's own folders (not hidden, not ignored, not reached through a symbolic link to elsewhere), or remove the link." },
  "link-held-back": { title: "A link to a page that goes live later", hint: "Schedule the linking page no earlier than its target, or remove the link.", readsFrontMatter: true },
  "second-title": { title: "A # heading besides the title", hint: "Make the heading the same as title:, or remove it.", readsFrontMatter: true },
  "nesting-too-deep": { title: "Lists or quotes nested too deeply", hint: "Nest less deeply: Markdown drops what is deeper and the rest of the page." },
  // The site as a whole.
  "date-outside-week": { title: "A report dated outside the week of its file name", hint: "Date the report within its week, or rename the file.", readsFrontMatter: true },
  "second-report": { title: "Two reports for one week", hint: "Keep one report a week, or hold one back with draft: true.", readsFrontMatter: true },
  "tag-clash": { title: "Tags that would share one tag page", hint: "Write the tags the same way, or give one a fixed slug with the tagSlugs option." },
  "address-clash": { title: "Two pages written to one address", hint: "Give each page a permalink of its own." },
  // The digest's sources (weekly_news/sources.yml).
  "sources-yaml": { title: "The sources file is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon or a #." },
  "sources-shape": { title: "The sources file is not a list of sources", hint: "Write one entry per source: - name: …, then feed: … (and home: …) below it." },
  "invalid-source": { title: "A source with a field the digest cannot use", hint: "Give every source a name and the http(s) address of its feed." },
  "duplicate-source": { title: "A feed or a name listed twice", hint: "Remove the second entry, or give it a name of its own: the first source listed keeps the items." },
  "card-glyphs": { title: "Characters a social card cannot draw", hint: "Write the title without them, or accept the gap in the picture; the page itself shows them." },
  "stale-incremental": { title: "A page an --incremental build cannot take back", hint: "Build without --incremental." },
} as const satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** A code's title and hint, as `weekly check --format json` gives them. */
export function problemKind(code: ProblemCode): Pick<ProblemKind, "title" | "hint"> {
  const { title, hint } = PROBLEM_CODES[code] as ProblemKind;
  return { title, hint };
}

/** Whether a code's rule reads a page's front-matter values (see `ProblemKind.readsFrontMatter`). */
export function readsFrontMatter(code: ProblemCode): boolean {
  return (PROBLEM_CODES[code] as ProblemKind).readsFrontMatter === true;
}
