// The problem catalogue's codes for a content file itself: its front matter, how it is written and
// what it says, and the files of the content folders (see problemCodes.ts).
import type { ProblemKind } from "./problemKind.js";
import { NOT_LIVE_YET } from "./problemKind.js";
import { show } from "./show.js";

/** Quoted as YAML wants it: `"…"` with its own quotes escaped. */
const quoted = (value: string) => `"${value.replace(/"/g, '\\"')}"`;

export const CONTENT_PROBLEM_CODES = {
  // Front matter: how it is written.
  "front-matter-yaml": {
    severity: "error", title: "Front matter is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon, a # or quotes.",
    message: ({ reason }: { reason: string }) => `front matter is not valid YAML: ${reason}`,
  },
  "front-matter-json": {
    severity: "error", title: "Front matter is not valid JSON", hint: "Fix the JSON between ---json and ---, or write the front matter in YAML.",
    message: ({ reason }: { reason: string }) => `front matter is not valid JSON: ${reason}`,
  },
  "front-matter-shape": {
    severity: "error", title: "Front matter is not a set of keys", hint: "Write one key per line, such as title: …, between the two --- lines.",
    message: () => "front matter is not a set of keys such as title: …",
  },
  "front-matter-unclosed": {
    severity: "error", title: "No closing --- after the front matter", hint: "Add a line --- where the front matter ends and the text begins.",
    /** `lineNamed`: the message is placed at the line to add the --- above; `readAsYaml`: the first body line YAML read; `closedAt`: the body's rule that closed it. */
    message: (p: { emptyBody: true; lineNamed: boolean } | { readAsYaml: string } | { heading: string; closedAt: number }) =>
      "emptyBody" in p
        ? `front matter: no closing --- line, so the whole file was read as front matter and the body is empty. ${p.lineNamed ? "Add a line --- above this line, where the front matter ends." : "Add a line --- where the front matter ends."}`
        : "readAsYaml" in p
          ? `front matter: no closing --- before this line, so the text below was read as YAML (${show(p.readAsYaml.slice(0, 40))}). Add a line --- where the front matter ends.`
          : `front matter: the closing --- seems missing before this line (${show(p.heading.slice(0, 40))}): the --- at line ${p.closedAt}, a rule of the body, closed the front matter instead, so the text up to it was read as YAML and is not shown. Add a line --- above this line, where the front matter ends.`,
  },
  "full-width-colon": {
    severity: "error", title: "A full-width colon after a key", hint: "Type an ASCII colon and a space after the key (title: …), not ：.",
    message: ({ key }: { key: string }) => `front matter: ${show(key)} is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: ${key}: …`,
  },
  "curly-quotes": {
    severity: "error", title: "Curly quotes where YAML wants straight ones", hint: "Type ASCII quotes \"…\" around the value, or none.",
    message: ({ key, value }: { key: string; value: string }) =>
      `front matter: ${key} is quoted with curly quotes ${value[0]}…, which YAML reads as text, not as quotes. Type ASCII quotes: ${key}: ${quoted(value.replace(/^[“”‘’]|[“”‘’]$/g, ""))}`,
  },
  "curly-quoted-value": {
    severity: "warning", title: "A value wrapped in curly quotes", hint: "The quotes show on the page: type ASCII quotes if they are meant as quotes.", readsFrontMatter: true,
    message: ({ key, open, close, inner }: { key: string; open: string; close: string; inner: string }) =>
      `front matter: the value of ${key} is wrapped in curly quotes ${open}…${close}, which YAML keeps as part of the text. If they are meant as quotes, type ASCII ones: ${key}: ${quoted(inner)}`,
  },
  "unquoted-colon": {
    severity: "error", title: "A colon and a space inside a value", hint: "Put the value in ASCII quotes: title: \"OpenAI: …\".",
    message: ({ key, value }: { key: string; value: string }) =>
      `front matter: the value of ${key} holds a colon and a space, which YAML reads as the start of another key. Put the value in quotes: ${key}: ${quoted(value)}`,
  },
  "tag-separator": {
    severity: "error", title: "Tags joined with full-width punctuation", hint: "Write the tags as a list, [AI, 人工智能], with ASCII commas.", readsFrontMatter: true,
    message: ({ joined, separator, parts }: { joined: string; separator: string; parts: readonly string[] }) =>
      `tags: ${show(joined)} holds a full-width "${separator}", so it is one tag. For several tags, separate them with ASCII commas in brackets: tags: [${parts.join(", ")}], or write one per line as "- ${parts[0] ?? ""}".`,
  },
  // Front matter: what it says.
  "invalid-field": {
    severity: "error", title: "A field with a value the plugin cannot use", hint: "Give the field a value of the kind the message names.", readsFrontMatter: true,
    /** `zone`: the time zone a date is read in, named for `date` and `scheduled`. */
    message: ({ field, value, expected, zone }: { field: string; value: unknown; expected: string; zone?: string }) =>
      `${field}: ${value === undefined || value === null || value === "" ? "missing" : `received ${show(value)}`}; expected ${expected}${zone === undefined ? "" : ` (read in ${zone})`}.`,
  },
  "unknown-key": {
    severity: "warning", title: "A key the plugin does not read", hint: "Check the spelling against title, description, date, scheduled, tags, layout and draft.", readsFrontMatter: true,
    /** In a page: the nearest known key, else the keys the plugin reads; in the sources file: the source's number. */
    message: (p: { key: string; near: string | undefined; known: readonly string[] } | { key: string; source: number }) =>
      "source" in p
        ? `source ${p.source}: unknown key ${p.key}; a source has name, feed and home.`
        : `unknown key ${p.key}${p.near ? `; did you mean ${p.near}?` : `; the plugin reads ${p.known.join(", ")}.`}`,
  },
  "reserved-key": {
    severity: "error", title: "A key Eleventy keeps for itself", hint: "Rename the key: Eleventy would overwrite it or stop on it.", readsFrontMatter: true,
    message: ({ key, value, keptFor }: { key: string; value: unknown; keptFor: string }) => `${key}: received ${show(value)}; Eleventy keeps this name for ${keptFor}. Rename the key.`,
  },
  "template-engine": {
    severity: "error", title: "A templateEngineOverride Eleventy cannot read", hint: "Name one template engine, such as njk or njk,md, or remove the key.", readsFrontMatter: true,
    message: ({ value }: { value: unknown }) => `templateEngineOverride: received ${show(value)}; Eleventy expects one template engine, such as njk or njk,md.`,
  },
  "unknown-layout": {
    severity: "error", title: "A layout that is not a template of the layouts folder", hint: "Name a template of the layouts folder, such as layouts/post.njk.", readsFrontMatter: true,
    message: ({ value, why = "expected a template of the layouts folder, such as layouts/post.njk" }: { value: unknown; why?: string }) => `layout: received ${show(value)}; ${why}.`,
  },
  "refused-key": {
    severity: "error", title: "A key that would run code", hint: "Remove the key: content is data, never code.",
    message: ({ key, why }: { key: string; why: string }) => `${key}: not allowed in a report or digest: ${why}. Remove it; content is data, never code.`,
  },
  "prototype-key": {
    severity: "error", title: "A key or tag that names a part of every JavaScript object", hint: "Rename it: `__proto__`, `constructor` and `prototype` are never keys, and `__proto__`, `__defineGetter__` and `__defineSetter__` are never tags.",
    /** A key (`path` to it, in a source of the sources file if `source`), or a tag. */
    message: (p: { path: string; key: string; source?: number } | { tag: string }) =>
      "tag" in p
        ? `tags: received ${show(p.tag)}; Eleventy keeps its collections by tag in a plain object, where this name is ${p.tag === "__proto__" ? "every object's prototype" : "a function of every object, which Eleventy would call as a collection"}. Name the tag otherwise.`
        : `${p.source === undefined ? "" : `source ${p.source}: `}${p.path}: ${show(p.key)} names a part of every JavaScript object, never data: merged into a page's data it would change every object of the build. Rename the key or remove it.`,
  },
  "unsafe-permalink": {
    severity: "error", title: "A permalink that is not a plain address of its own", hint: "Write a plain address such as /posts/2026-w06/, outside the addresses the plugin writes.",
    message: ({ value, why }: { value: unknown; why: string }) => `permalink: received ${show(value)}; ${why}.`,
  },
  // Files of the content folders.
  "code-file": {
    severity: "error", title: "A template or script in a content folder", hint: "Keep reports and digests as Markdown (.md); move templates to the layouts folder.",
    message: ({ folder, layoutsDir }: { folder: string; layoutsDir: string }) =>
      `a template or script in a content folder: Eleventy would run it as code while building. Reports and digests are Markdown (.md) files; move site templates out of ${folder}/ (layouts belong in ${layoutsDir}/).`,
  },
  "code-front-matter": {
    severity: "error", title: "Front matter in a language that runs", hint: "Write YAML (---) or JSON (---json) front matter.",
    message: () => "front matter in a language that runs as code (such as ---js): reports and digests take YAML (---) or JSON (---json) front matter only.",
  },
  "data-file": {
    severity: "error", title: "A data file of a content folder that cannot be read", hint: "Fix the JSON or YAML of the data file at the line named.",
    /** `ext` of a data file that is neither JSON nor YAML; `language` and `reason` of one that does not parse; neither for a value that is not a set of keys. */
    message: (p: { ext: string } | { language: "JSON" | "YAML"; reason: string } | { notKeys: true }) =>
      "ext" in p
        ? `data file: a .${p.ext} data file in a content folder cannot be checked for keys that would run code; write it as JSON or YAML.`
        : "reason" in p
          ? `data file: not valid ${p.language} (${p.reason}); fix it so that its keys can be checked.`
          : 'data file: not a set of keys such as { "tags": ["AI"] }.',
  },
  "not-utf8": {
    severity: "error", title: "Text that is not UTF-8", hint: "Save the file as UTF-8.",
    message: ({ byte }: { byte: number }) =>
      `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} cannot be read as text (the file was probably saved in another encoding, such as GBK or Latin-1); save it as UTF-8.`,
  },
  "file-too-large": {
    severity: "error", title: "A report, digest or data file too large to read, or not a file at all (a device or a pipe)", hint: "Split the file into smaller ones; keep pictures and data in files it links to; replace a device or a pipe with a file.",
    /** `limit` as the message writes it; `size` likewise, none for a device, a pipe or a socket. */
    message: ({ limit, size }: { limit: string; size: string | undefined }) =>
      size === undefined
        ? `the name leads to a device, a pipe or a socket, not a regular file: it has no size to hold to the limit of ${limit}, and reading it may never end, so it is not read. Replace it with a file, or remove it.`
        : `the file is ${size}, over the limit of ${limit}: it is not read. Split it into smaller files, or move what is not text (pictures, data) into files it links to.`,
  },
  "file-name-url": {
    severity: "error", title: "A file name with #, ? or a backslash", hint: "Rename the file without #, ? or backslashes, which a URL cannot hold in a name.",
    message: ({ name, backslash }: { name: string; backslash: boolean }) =>
      backslash
        ? `file name: ${show(name)} holds "\\", which a URL reads as "/": the page's address would name a folder that does not exist. Rename the file without it.`
        : `file name: ${name} holds "#" or "?", which end the path of a URL: links to its page would break. Rename the file without them.`,
  },
  "file-name-week": {
    severity: "error", relievedIn: ["preview"], title: "A digest's file name without an ISO week", hint: "Name the digest after its week, such as ai_news_2026-W06.md.",
    message: ({ name }: { name: string }) => `file name: ${name} carries no ISO week; expected a name such as ai_news_2026-W06.md.`,
  },
  "no-such-week": {
    severity: "error", relievedIn: ["preview"], title: "A week that does not exist", hint: "Use a week the year has: most years have 52 ISO weeks, some 53.",
    message: ({ week, year, weeks }: { week: string; year: number; weeks: number }) => `file name: week ${week} does not exist; ${year} has ${weeks} ISO weeks.`,
  },
  "broken-symlink": {
    severity: "warning", title: "A symbolic link that cannot be followed", hint: "Remove the link or point it at a file.",
    message: ({ why }: { why: string }) => `a symbolic link that cannot be followed: ${why}; nothing from it is published. Remove the link or point it at a file.`,
  },
  "symlink-twice": {
    severity: "error", title: "A symbolic link that publishes files twice", hint: "Remove the link, or list it in .eleventyignore.",
    message: ({ link, folder }: { link: string; folder: boolean }) =>
      `${link}: ${folder ? "every file under it" : "its file"} would be published twice, at two addresses. Remove the link, or list it in .eleventyignore.`,
  },
  "content-outside-input": {
    severity: "warning", title: "Reports or digests outside the input folder", hint: "Move the folder into the input folder, or set postsDir or digestsDir to the folder inside it that holds them.",
    /** Folders as the message shows them: `found` holds `count` Markdown files, `looked` is where the option `option` (`dir`) makes the plugin read. */
    message: ({ count, found, root, looked, option, dir, holds }: { count: number; found: string; root: string; looked: string; option: string; dir: string; holds: string }) =>
      `${count} Markdown ${count === 1 ? "file" : "files"} in ${found}, outside the input folder ${root}: the plugin reads ${holds} from ${looked} only (${option} ${show(dir)}, inside the input folder), so ${count === 1 ? "it is" : "they are"} not published. ` +
      `Move ${found} into ${root}, or set ${option} to the folder inside ${root} that holds the ${holds}.`,
  },
  "missing-content-folder": {
    severity: "warning", title: "A content folder that does not exist", hint: "Set postsDir or digestsDir to a folder of the input folder, or create the folder.",
    message: ({ root, looked, option, dir, holds }: { root: string; looked: string; option: string; dir: string; holds: string }) =>
      `${option}: received ${show(dir)}, but the input folder ${root} has no folder ${looked}: no ${holds} are read. Set ${option} to the folder inside ${root} that holds the ${holds}, or create ${looked}.`,
  },
  "placeholder": {
    severity: "error", relievedIn: ["preview", "waiting"], title: "A placeholder of the weekly new template", hint: "Write this part, or hold the page back with draft: true.", readsFrontMatter: true,
    /** `text`: the placeholder's line; `draft`: the page says draft: true; `waiting`: it is scheduled, and this build does not stop on it. */
    message: ({ text, draft, waiting }: { text: string; draft: boolean; waiting: boolean }) =>
      draft
        ? `the template's placeholder ${show(text)} is still here: write this part before removing draft: true.`
        : `the template's placeholder ${show(text)} is still here: the page would go live unfinished. Write this part, or hold the page back with draft: true.${waiting ? NOT_LIVE_YET : ""}`,
  },
} as const satisfies Record<string, ProblemKind<any>>;
