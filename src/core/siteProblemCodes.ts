// The problem catalogue's codes for what a page's body links to, the site as a whole, the digest's
// sources and the social cards (see problemCodes.ts).
import type { ProblemKind } from "./problemKind.js";
import { NOT_LIVE_YET } from "./problemKind.js";
import { show } from "./show.js";

export const SITE_PROBLEM_CODES = {
  // The body. `kind` is "link" or "image"; `written` the link as the author wrote it.
  "broken-link": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a page that does not exist", hint: "Link to a report or digest by its source path, such as ../weekly_news/ai_news_2026-W06.",
    /** `looked`: the files looked for; `hint`: a sentence to add (a nearest page, how to write the week's digest), or "". */
    message: ({ written, looked, hint }: { written: string; looked: readonly string[]; hint: string }) =>
      `link ${show(written)} matches no page${looked.length > 0 ? ` (looked for ${looked.join(" and ")})` : ""}.${hint}`,
  },
  "missing-file": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link or image naming a file that does not exist", hint: "Fix the path, relative to the page's file, or add the file.",
    message: ({ kind, written, path, near }: { kind: string; written: string; path: string; near: string | undefined }) =>
      `${kind} ${show(written)} names a file that does not exist (looked for ${path}).${near ? ` Did you mean ${near}?` : ""}`,
  },
  "bad-image": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "An image that cannot be read as a picture", hint: "Save the picture again as PNG, JPEG or WebP, or give the file the extension of its format.",
    message: ({ written, path, why }: { written: string; path: string; why: string }) => `image ${show(written)} names ${path}, which ${why}.`,
  },
  "missing-heading": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a heading that does not exist", hint: "Link to one of the headings the target has: the message lists them as written, each with its id.",
    /** `target`: the page linked to, none for the page itself; `headings`: the sentence naming its headings as written, with their ids, or the one meant. */
    message: ({ written, fragment, target, headings }: { written: string; fragment: string; target: string | undefined; headings: string }) =>
      target === undefined
        ? `link ${show(written)} names ${fragment}, but this page has no such heading.${headings}`
        : `link ${show(written)} names ${fragment} in ${target}, which has no such heading.${headings}`,
  },
  "invalid-link": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link that cannot lead anywhere on the site", hint: "Link to a page or file inside the site's input folder.",
    message: ({ written, why }: { written: string; why: string }) => `link ${show(written)} ${why}.`,
  },
  "link-outside-site": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a file that is not the site's to publish", hint: "Link to a file of the site's own folders (not hidden, not ignored, not reached through a symbolic link to elsewhere), or remove the link.",
    message: ({ kind, written, path, why, rule }: { kind: string; written: string; path: string; why: string; rule: string }) => `${kind} ${show(written)} names ${path}, which ${why}; ${rule}.`,
  },
  "link-held-back": {
    severity: "error", relievedIn: ["preview"], title: "A link to a page that goes live later", hint: "Schedule the linking page no earlier than its target, or remove the link.", readsFrontMatter: true,
    message: ({ written, target, conflict }: { written: string; target: string; conflict: string }) => `link ${show(written)} points to ${target}, ${conflict}`,
  },
  "second-title": {
    severity: "warning", title: "A # heading besides the title", hint: "Make the heading the same as title:, or remove it.", readsFrontMatter: true,
    message: ({ heading, title }: { heading: string; title: unknown }) =>
      `the body's heading ${show(`# ${heading}`)} is not the title ${show(title)}: the page would show two titles. Make the heading the same as title: in the front matter, or remove it.`,
  },
  "nesting-too-deep": {
    severity: "error", relievedIn: ["preview", "waiting"], title: "Lists or quotes nested too deeply", hint: "Nest less deeply: Markdown drops what is deeper and the rest of the page.",
    message: ({ waiting }: { waiting: boolean }) =>
      `lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote and everything after it in the page is not shown. Nest less deeply.${waiting ? NOT_LIVE_YET : ""}`,
  },
  // The site as a whole.
  "date-outside-week": {
    severity: "warning", title: "A report dated outside the week of its file name", hint: "Date the report within its week, or rename the file.", readsFrontMatter: true,
    message: ({ date, week, named, start, end }: { date: string; week: string; named: string; start: string; end: string }) =>
      `date: ${date} is in week ${week}, but the file name says ${named}: the page shows ${week} and its digest. Date it within ${named} (${start} – ${end}), or rename the file.`,
  },
  "second-report": {
    severity: "warning", title: "Two reports for one week", hint: "Keep one report a week, or hold one back with draft: true.", readsFrontMatter: true,
    message: ({ week, first }: { week: string; first: string }) => `a second report for week ${week}: ${first} is for the same week.`,
  },
  "tag-clash": {
    severity: "error", title: "Tags that would share one tag page", hint: "Write the tags the same way, or give one a fixed slug with the tagSlugs option.",
    /** `others`: each other tag with the report that uses it first. */
    message: ({ tag, others, url }: { tag: string; others: ReadonlyArray<{ tag: string; path: string }>; url: string }) =>
      `tags: ${show(tag)} and ${others.map((other) => `${show(other.tag)} (${other.path})`).join(" and ")} would share the URL ${url}: write them the same way, or give one a fixed slug with the tagSlugs option.`,
  },
  "address-clash": {
    severity: "error", title: "Two pages written to one address", hint: "Give each page a permalink of its own.",
    message: ({ file, others }: { file: string; others: readonly string[] }) => `permalink: ${file} is also where ${others.join(", ")} is written; give each page an address of its own.`,
  },
  // The digest's sources (weekly_news/sources.yml). `source` is a source's number, from 1.
  "sources-yaml": {
    severity: "error", title: "The sources file is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon or a #.",
    message: ({ reason }: { reason: string }) => `not valid YAML: ${reason}`,
  },
  "sources-shape": {
    severity: "error", title: "The sources file is not a list of sources", hint: "Write one entry per source: - name: …, then feed: … (and home: …) below it.",
    /** The file as a whole, or one `source` that is not a set of keys (`value` as read). */
    message: (p: { notList: true } | { source: number; value: unknown }) =>
      "notList" in p
        ? "not a list of sources; expected a list such as\n  - name: Import AI\n    feed: https://importai.substack.com/feed"
        : `source ${p.source}: received ${show(p.value)}; expected name: and feed: keys.`,
  },
  "invalid-source": {
    severity: "error", title: "A source with a field the digest cannot use", hint: "Give every source a name and the http(s) address of its feed.",
    message: ({ source, field, value, expected }: { source: number; field: string; value: unknown; expected: string }) =>
      `source ${source}, ${field}: ${value === undefined || value === null || value === "" ? "missing" : `received ${show(value)}`}; expected ${expected}.`,
  },
  "duplicate-source": {
    severity: "warning", title: "A feed or a name listed twice", hint: "Remove the second entry, or give it a name of its own: the first source listed keeps the items.",
    /** `feed` or `name` is that of the source numbered `first`. */
    message: (p: { source: number; first: number } & ({ feed: string } | { name: string })) =>
      "feed" in p
        ? `source ${p.source}: feed ${p.feed} is source ${p.first}'s too; each feed is fetched once.`
        : `source ${p.source}: name ${show(p.name)} is source ${p.first}'s too; their items would share one heading.`,
  },
  "card-glyphs": {
    severity: "warning", title: "Characters a social card cannot draw", hint: "Write the title without them, or accept the gap in the picture; the page itself shows them.",
    /** `pieces`: each text and the script satori took it for. */
    message: ({ pieces }: { pieces: ReadonlyArray<{ text: string; script: string }> }) =>
      `its social card cannot draw ${pieces.map(({ script, text }) => `${show(text)} (${script})`).join(", ")}: no font of the card has these characters, so the picture leaves them out (the page itself shows them). Write the title without them, or accept the gap.`,
  },
  "stale-incremental": {
    severity: "error", title: "A page an --incremental build cannot take back", hint: "Build without --incremental.",
    message: () => "was published by an earlier build and is not now; an --incremental build would leave it on the pages that list or link it. Build without --incremental.",
  },
} as const satisfies Record<string, ProblemKind<any>>;
