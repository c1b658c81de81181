// The problem catalogue's codes for what a page's body links to, the site as a whole, the digest's
// sources and the social cards (see problemCodes.ts).
import type { ProblemKind } from "./problemKind.js";
import { NOT_LIVE_YET, NOT_LIVE_YET_ZH } from "./problemKind.js";
import { inChinese, inEnglish, show, type Said } from "./show.js";

export const SITE_PROBLEM_CODES = {
  // The body. `kind` is "link" or "image"; `written` the link as the author wrote it.
  "broken-link": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a page that does not exist", hint: "Link to a report or digest by its source path, such as ../weekly_news/ai_news_2026-W06.",
    /** `looked`: the files looked for; `hint`: a sentence to add (a nearest page, how to write the week's digest), or "". */
    message: ({ written, looked, hint }: { written: string; looked: readonly string[]; hint: Said }) =>
      `link ${show(written)} matches no page${looked.length > 0 ? ` (looked for ${looked.join(" and ")})` : ""}.${inEnglish(hint)}`,
    zh: {
      title: "指向不存在页面的链接", hint: "用源文件路径链接报告或摘要，例如 `../weekly_news/ai_news_2026-W06`。",
      message: ({ written, looked, hint }: { written: string; looked: readonly string[]; hint: Said }) =>
        `链接 ${show(written)} 找不到对应的页面${looked.length > 0 ? `（找过 ${looked.join(" 和 ")}）` : ""}。${inChinese(hint)}`,
    },
  },
  "missing-file": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link or image naming a file that does not exist", hint: "Fix the path, relative to the page's file, or add the file.",
    message: ({ kind, written, path, near }: { kind: string; written: string; path: string; near: string | undefined }) =>
      `${kind} ${show(written)} names a file that does not exist (looked for ${path}).${near ? ` Did you mean ${near}?` : ""}`,
    zh: {
      title: "链接或图片指向不存在的文件", hint: "修正相对于页面文件的路径，或者补上这个文件。",
      message: ({ kind, written, path, near }: { kind: string; written: string; path: string; near: string | undefined }) =>
        `${kind === "image" ? "图片" : "链接"} ${show(written)} 指向的文件不存在（找过 ${path}）。${near ? `是不是 ${near}？` : ""}`,
    },
  },
  "bad-image": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "An image that cannot be read as a picture", hint: "Save the picture again as PNG, JPEG or WebP, or give the file the extension of its format.",
    message: ({ written, path, why }: { written: string; path: string; why: string }) => `image ${show(written)} names ${path}, which ${why}.`,
    zh: {
      title: "无法作为图片读取的图片", hint: "把图片另存为 PNG、JPEG 或 WebP，或者给文件换上与格式相符的扩展名。",
      message: ({ written, path, why }: { written: string; path: string; why: string }) => `图片 ${show(written)} 指向 ${path}，它 ${why}。`,
    },
  },
  "missing-heading": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a heading that does not exist", hint: "Link to one of the headings the target has: the message lists them as written, each with its id.",
    /** `target`: the page linked to, none for the page itself; `headings`: the sentence naming its headings as written, with their ids, or the one meant. */
    message: ({ written, fragment, target, headings }: { written: string; fragment: string; target: string | undefined; headings: Said }) =>
      target === undefined
        ? `link ${show(written)} names ${fragment}, but this page has no such heading.${inEnglish(headings)}`
        : `link ${show(written)} names ${fragment} in ${target}, which has no such heading.${inEnglish(headings)}`,
    zh: {
      title: "指向不存在标题的链接", hint: "链接到目标页面已有的标题：消息里列出了它们的原文和各自的 id。",
      message: ({ written, fragment, target, headings }: { written: string; fragment: string; target: string | undefined; headings: Said }) =>
        target === undefined
          ? `链接 ${show(written)} 指向 ${fragment}，但本页没有这个标题。${inChinese(headings)}`
          : `链接 ${show(written)} 指向 ${target} 中的 ${fragment}，那里没有这个标题。${inChinese(headings)}`,
    },
  },
  "invalid-link": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link that cannot lead anywhere on the site", hint: "Link to a page or file inside the site's input folder.",
    message: ({ written, why }: { written: string; why: Said }) => `link ${show(written)} ${inEnglish(why)}.`,
    zh: {
      title: "无法通往网站任何地方的链接", hint: "链接到网站输入目录之内的页面或文件。",
      message: ({ written, why }: { written: string; why: Said }) => `链接 ${show(written)} ${inChinese(why)}。`,
    },
  },
  "link-outside-site": {
    severity: "error", relievedIn: ["preview", "waiting", "brokenLinks"], title: "A link to a file that is not the site's to publish", hint: "Link to a file of the site's own folders (not hidden, not ignored, not reached through a symbolic link to elsewhere), or remove the link.",
    message: ({ kind, written, path, why, rule }: { kind: string; written: string; path: string; why: Said; rule: Said }) => `${kind} ${show(written)} names ${path}, which ${inEnglish(why)}; ${inEnglish(rule)}.`,
    zh: {
      title: "指向不归网站发布的文件的链接", hint: "链接到网站自己目录里的文件（不隐藏、不被忽略、不经符号链接通往别处），或删掉这个链接。",
      message: ({ kind, written, path, why, rule }: { kind: string; written: string; path: string; why: Said; rule: Said }) =>
        `${kind === "image" ? "图片" : "链接"} ${show(written)} 指向 ${path}，它${inChinese(why)}；${inChinese(rule)}。`,
    },
  },
  "link-held-back": {
    severity: "error", relievedIn: ["preview"], title: "A link to a page that goes live later", hint: "Schedule the linking page no earlier than its target, or remove the link.", readsFrontMatter: true,
    message: ({ written, target, conflict }: { written: string; target: string; conflict: Said }) => `link ${show(written)} points to ${target}, ${inEnglish(conflict)}`,
    zh: {
      title: "指向稍后才上线页面的链接", hint: "让链接它的页面不早于目标页面上线，或删掉这个链接。",
      message: ({ written, target, conflict }: { written: string; target: string; conflict: Said }) => `链接 ${show(written)} 指向 ${target}，${inChinese(conflict)}`,
    },
  },
  "second-title": {
    severity: "warning", title: "A # heading besides the title", hint: "Make the heading the same as title:, or remove it.", readsFrontMatter: true,
    message: ({ heading, title }: { heading: string; title: unknown }) =>
      `the body's heading ${show(`# ${heading}`)} is not the title ${show(title)}: the page would show two titles. Make the heading the same as title: in the front matter, or remove it.`,
    zh: {
      title: "标题之外的一级标题（#）", hint: "让这个标题与 `title:` 相同，或删掉它。",
      message: ({ heading, title }: { heading: string; title: unknown }) =>
        `正文里的标题 ${show(`# ${heading}`)} 与 title ${show(title)} 不同：页面会显示两个标题。请让它与前置数据的 \`title:\` 相同，或删掉它。`,
    },
  },
  "nesting-too-deep": {
    severity: "error", relievedIn: ["preview", "waiting"], title: "Lists or quotes nested too deeply", hint: "Nest less deeply: Markdown drops what is deeper and the rest of the page.",
    message: ({ waiting }: { waiting: boolean }) =>
      `lists or quotes nested more deeply than Markdown reads (about 50 lists or 100 quotes): from this line on, the rest of that list or quote and everything after it in the page is not shown. Nest less deeply.${waiting ? NOT_LIVE_YET : ""}`,
    zh: {
      title: "列表或引用嵌套太深", hint: "减少嵌套：Markdown 会丢掉更深的部分和页面其余内容。",
      message: ({ waiting }: { waiting: boolean }) =>
        `列表或引用嵌套超过 Markdown 能读的深度（约 50 层列表或 100 层引用）：从这一行起，那个列表或引用的其余部分以及页面之后的全部内容都不会显示。请减少嵌套。${waiting ? NOT_LIVE_YET_ZH : ""}`,
    },
  },
  // The site as a whole.
  "date-outside-week": {
    severity: "warning", title: "A report dated outside the week of its file name", hint: "Date the report within its week, or rename the file.", readsFrontMatter: true,
    message: ({ date, week, named, start, end }: { date: string; week: string; named: string; start: string; end: string }) =>
      `date: ${date} is in week ${week}, but the file name says ${named}: the page shows ${week} and its digest. Date it within ${named} (${start} – ${end}), or rename the file.`,
    zh: {
      title: "报告日期不在文件名的那一周", hint: "把报告日期定在它那一周之内，或者给文件改名。",
      message: ({ date, week, named, start, end }: { date: string; week: string; named: string; start: string; end: string }) =>
        `date：${date} 在第 ${week} 周，但文件名写的是 ${named}：页面会显示 ${week} 和那一周的摘要。请把日期定在 ${named}（${start} – ${end}）之内，或者给文件改名。`,
    },
  },
  "second-report": {
    severity: "warning", title: "Two reports for one week", hint: "Keep one report a week, or hold one back with draft: true.", readsFrontMatter: true,
    message: ({ week, first }: { week: string; first: string }) => `a second report for week ${week}: ${first} is for the same week.`,
    zh: {
      title: "同一周有两期报告", hint: "每周保留一期，或用 `draft: true` 暂不发布其中一期。",
      message: ({ week, first }: { week: string; first: string }) => `${week} 周的第二期报告：${first} 也是这一周的。`,
    },
  },
  "tag-clash": {
    severity: "error", title: "Tags that would share one tag page", hint: "Write the tags the same way, or give one a fixed slug with the tagSlugs option.",
    /** `others`: each other tag with the report that uses it first. */
    message: ({ tag, others, url }: { tag: string; others: ReadonlyArray<{ tag: string; path: string }>; url: string }) =>
      `tags: ${show(tag)} and ${others.map((other) => `${show(other.tag)} (${other.path})`).join(" and ")} would share the URL ${url}: write them the same way, or give one a fixed slug with the tagSlugs option.`,
    zh: {
      title: "会共用一个标签页的标签", hint: "把这些标签写成一样，或用 `tagSlugs` 选项给其中一个固定的网址名。",
      message: ({ tag, others, url }: { tag: string; others: ReadonlyArray<{ tag: string; path: string }>; url: string }) =>
        `tags：${show(tag)} 与 ${others.map((other) => `${show(other.tag)}（${other.path}）`).join("、")} 会共用网址 ${url}：请把它们写成一样，或用 \`tagSlugs\` 选项给其中一个固定的网址名。`,
    },
  },
  "address-clash": {
    severity: "error", title: "Two pages written to one address", hint: "Give each page a permalink of its own.",
    message: ({ file, others }: { file: string; others: readonly string[] }) => `permalink: ${file} is also where ${others.join(", ")} is written; give each page an address of its own.`,
    zh: {
      title: "两个页面写到同一个地址", hint: "给每个页面一个自己的 permalink。",
      message: ({ file, others }: { file: string; others: readonly string[] }) => `permalink：${file} 也是 ${others.join("、")} 写入的地方；请给每个页面一个自己的地址。`,
    },
  },
  // The digest's sources (weekly_news/sources.yml). `source` is a source's number, from 1.
  "sources-yaml": {
    severity: "error", title: "The sources file is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon or a #.",
    message: ({ reason }: { reason: string }) => `not valid YAML: ${reason}`,
    zh: {
      title: "来源文件不是有效的 YAML", hint: "在指出的行修正 YAML；含冒号或 # 的值要加引号。",
      message: ({ reason }: { reason: string }) => `不是有效的 YAML：${reason}`,
    },
  },
  "sources-shape": {
    severity: "error", title: "The sources file is not a list of sources", hint: "Write one entry per source: - name: …, then feed: … (and home: …) below it.",
    /** The file as a whole, or one `source` that is not a set of keys (`value` as read). */
    message: (p: { notList: true } | { source: number; value: unknown }) =>
      "notList" in p
        ? "not a list of sources; expected a list such as\n  - name: Import AI\n    feed: https://importai.substack.com/feed"
        : `source ${p.source}: received ${show(p.value)}; expected name: and feed: keys.`,
    zh: {
      title: "来源文件不是来源的列表", hint: "每个来源写一项：`- name: …`，下面一行写 `feed: …`（还可以写 `home: …`）。",
      message: (p: { notList: true } | { source: number; value: unknown }) =>
        "notList" in p
          ? "不是来源的列表；应为这样的列表：\n  - name: Import AI\n    feed: https://importai.substack.com/feed"
          : `第 ${p.source} 个来源：收到 ${show(p.value)}；应有 \`name:\` 和 \`feed:\` 两个键。`,
    },
  },
  "invalid-source": {
    severity: "error", title: "A source with a field the digest cannot use", hint: "Give every source a name and the http(s) address of its feed.",
    message: ({ source, field, value, expected }: { source: number; field: string; value: unknown; expected: Said }) =>
      `source ${source}, ${field}: ${value === undefined || value === null || value === "" ? "missing" : `received ${show(value)}`}; expected ${inEnglish(expected)}.`,
    zh: {
      title: "摘要无法使用的来源字段", hint: "给每个来源一个名字和它订阅源的 http(s) 地址。",
      message: ({ source, field, value, expected }: { source: number; field: string; value: unknown; expected: Said }) =>
        `第 ${source} 个来源的 ${field}：${value === undefined || value === null || value === "" ? "缺少这个值" : `收到 ${show(value)}`}；应为${inChinese(expected)}。`,
    },
  },
  "duplicate-source": {
    severity: "warning", title: "A feed or a name listed twice", hint: "Remove the second entry, or give it a name of its own: the first source listed keeps the items.",
    /** `feed` or `name` is that of the source numbered `first`. */
    message: (p: { source: number; first: number } & ({ feed: string } | { name: string })) =>
      "feed" in p
        ? `source ${p.source}: feed ${p.feed} is source ${p.first}'s too; each feed is fetched once.`
        : `source ${p.source}: name ${show(p.name)} is source ${p.first}'s too; their items would share one heading.`,
    zh: {
      title: "重复列出的订阅源或名字", hint: "删掉第二项，或给它起个自己的名字：列在前面的来源保留这些条目。",
      message: (p: { source: number; first: number } & ({ feed: string } | { name: string })) =>
        "feed" in p
          ? `第 ${p.source} 个来源：订阅源 ${p.feed} 也是第 ${p.first} 个来源的；每个订阅源只抓取一次。`
          : `第 ${p.source} 个来源：名字 ${show(p.name)} 也是第 ${p.first} 个来源的；它们的条目会共用一个标题。`,
    },
  },
  "card-glyphs": {
    severity: "warning", title: "Characters a social card cannot draw", hint: "Write the title without them, or accept the gap in the picture; the page itself shows them.",
    /** `pieces`: each text and the script satori took it for. */
    message: ({ pieces }: { pieces: ReadonlyArray<{ text: string; script: string }> }) =>
      `its social card cannot draw ${pieces.map(({ script, text }) => `${show(text)} (${script})`).join(", ")}: no font of the card has these characters, so the picture leaves them out (the page itself shows them). Write the title without them, or accept the gap.`,
    zh: {
      title: "社交卡片画不出的字符", hint: "标题里不用这些字符，或接受图片里的空缺；页面本身会显示它们。",
      message: ({ pieces }: { pieces: ReadonlyArray<{ text: string; script: string }> }) =>
        `它的社交卡片画不出 ${pieces.map(({ script, text }) => `${show(text)}（${script}）`).join("、")}：卡片的字体里没有这些字符，图片会空出它们（页面本身会显示）。请在标题里不用它们，或接受这处空缺。`,
    },
  },
  "stale-incremental": {
    severity: "error", title: "A page an --incremental build cannot take back", hint: "Build without --incremental.",
    message: () => "was published by an earlier build and is not now; an --incremental build would leave it on the pages that list or link it. Build without --incremental.",
    zh: {
      title: "--incremental 构建无法撤回的页面", hint: "不加 `--incremental` 重新构建。",
      message: () => "之前的构建发布过它，现在不再发布；--incremental 构建会把它留在列出或链接它的页面上。请不加 --incremental 重新构建。",
    },
  },
} as const satisfies Record<string, ProblemKind<any>>;
