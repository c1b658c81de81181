// The problem catalogue's codes for the files of the content folders: their kind, encoding, size,
// names and links (see problemCodes.ts; front matter: frontMatterProblemCodes.ts).
import type { ProblemKind } from "./problemKind.js";
import { NOT_LIVE_YET, NOT_LIVE_YET_ZH } from "./problemKind.js";
import { inChinese, inEnglish, show, type Said } from "./show.js";

export const CONTENT_PROBLEM_CODES = {
  // Files of the content folders.
  "code-file": {
    severity: "error", title: "A template or script in a content folder", hint: "Keep reports and digests as Markdown (.md); move templates to the layouts folder.",
    message: ({ folder, layoutsDir }: { folder: string; layoutsDir: string }) =>
      `a template or script in a content folder: Eleventy would run it as code while building. Reports and digests are Markdown (.md) files; move site templates out of ${folder}/ (layouts belong in ${layoutsDir}/).`,
    zh: {
      title: "内容目录里的模板或脚本", hint: "报告和摘要只用 Markdown（.md）；模板请移到布局目录。",
      message: ({ folder, layoutsDir }: { folder: string; layoutsDir: string }) =>
        `内容目录里的模板或脚本：构建时 Eleventy 会把它当作代码运行。报告和摘要是 Markdown（.md）文件；请把网站模板移出 ${folder}/（布局应放在 ${layoutsDir}/）。`,
    },
  },
  "code-front-matter": {
    severity: "error", title: "Front matter in a language that runs", hint: "Write YAML (---) or JSON (---json) front matter.",
    message: () => "front matter in a language that runs as code (such as ---js): reports and digests take YAML (---) or JSON (---json) front matter only.",
    zh: {
      title: "会运行的前置数据语言", hint: "前置数据请用 YAML（---）或 JSON（---json）。",
      message: () => "前置数据用了会作为代码运行的语言（例如 ---js）：报告和摘要只接受 YAML（---）或 JSON（---json）前置数据。",
    },
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
    zh: {
      title: "内容目录中无法读取的数据文件", hint: "在指出的行修正数据文件的 JSON 或 YAML。",
      message: (p: { ext: string } | { language: "JSON" | "YAML"; reason: string } | { notKeys: true }) =>
        "ext" in p
          ? `数据文件：内容目录里的 .${p.ext} 数据文件无法检查是否含有会运行代码的键；请改写成 JSON 或 YAML。`
          : "reason" in p
            ? `数据文件：不是有效的 ${p.language}（${p.reason}）；请修正它，以便检查它的键。`
            : '数据文件：不是一组键值，例如 `{ "tags": ["AI"] }`。',
    },
  },
  "not-utf8": {
    severity: "error", title: "Text that is not UTF-8", hint: "Save the file as UTF-8.",
    message: ({ byte }: { byte: number }) =>
      `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} cannot be read as text (the file was probably saved in another encoding, such as GBK or Latin-1); save it as UTF-8.`,
    zh: {
      title: "不是 UTF-8 的文本", hint: "把文件另存为 UTF-8。",
      message: ({ byte }: { byte: number }) =>
        `文件不是 UTF-8：字节 0x${byte.toString(16).toUpperCase().padStart(2, "0")} 无法读成文字（文件大概是用别的编码保存的，例如 GBK 或 Latin-1）；请另存为 UTF-8。`,
    },
  },
  "file-too-large": {
    severity: "error", title: "A report, digest or data file too large to read, or not a file at all (a device or a pipe)", hint: "Split the file into smaller ones; keep pictures and data in files it links to; replace a device or a pipe with a file.",
    /** `limit` as the message writes it; `size` likewise, none for a device, a pipe or a socket. */
    message: ({ limit, size }: { limit: string; size: string | undefined }) =>
      size === undefined
        ? `the name leads to a device, a pipe or a socket, not a regular file: it has no size to hold to the limit of ${limit}, and reading it may never end, so it is not read. Replace it with a file, or remove it.`
        : `the file is ${size}, over the limit of ${limit}: it is not read. Split it into smaller files, or move what is not text (pictures, data) into files it links to.`,
    zh: {
      title: "太大而无法读取的报告、摘要或数据文件，或根本不是文件（设备或管道）", hint: "把文件拆小；图片和数据放在它链接的文件里；把设备或管道换成文件。",
      message: ({ limit, size }: { limit: string; size: string | undefined }) =>
        size === undefined
          ? `这个名字指向设备、管道或套接字，不是普通文件：它没有可与上限 ${limit} 比较的大小，读取可能永不结束，所以不读取。请换成文件，或删掉它。`
          : `文件大小 ${size}，超过上限 ${limit}：不读取。请拆成更小的文件，或把不是文字的内容（图片、数据）移到它链接的文件里。`,
    },
  },
  "file-name-url": {
    severity: "error", title: "A file name with #, ? or a backslash", hint: "Rename the file without #, ? or backslashes, which a URL cannot hold in a name.",
    message: ({ name, backslash }: { name: string; backslash: boolean }) =>
      backslash
        ? `file name: ${show(name)} holds "\\", which a URL reads as "/": the page's address would name a folder that does not exist. Rename the file without it.`
        : `file name: ${name} holds "#" or "?", which end the path of a URL: links to its page would break. Rename the file without them.`,
    zh: {
      title: "文件名含 #、? 或反斜杠", hint: "给文件改名，去掉 #、? 和反斜杠：网址的名字里不能有它们。",
      message: ({ name, backslash }: { name: string; backslash: boolean }) =>
        backslash
          ? `文件名：${show(name)} 含有 "\\"，网址会把它读成 "/"：页面地址会指向一个不存在的目录。请去掉它给文件改名。`
          : `文件名：${name} 含有 "#" 或 "?"，它们会结束网址的路径：指向这个页面的链接会失效。请去掉它们给文件改名。`,
    },
  },
  "file-name-week": {
    severity: "error", relievedIn: ["preview"], title: "A digest's file name without an ISO week", hint: "Name the digest after its week, such as ai_news_2026-W06.md.",
    message: ({ name }: { name: string }) => `file name: ${name} carries no ISO week; expected a name such as ai_news_2026-W06.md.`,
    zh: {
      title: "摘要的文件名里没有 ISO 周", hint: "用它的周给摘要命名，例如 `ai_news_2026-W06.md`。",
      message: ({ name }: { name: string }) => `文件名：${name} 里没有 ISO 周；应为 \`ai_news_2026-W06.md\` 这样的名字。`,
    },
  },
  "no-such-week": {
    severity: "error", relievedIn: ["preview"], title: "A week that does not exist", hint: "Use a week the year has: most years have 52 ISO weeks, some 53.",
    message: ({ week, year, weeks }: { week: string; year: number; weeks: number }) => `file name: week ${week} does not exist; ${year} has ${weeks} ISO weeks.`,
    zh: {
      title: "不存在的周", hint: "用这一年有的周：大多数年份有 52 个 ISO 周，有些有 53 个。",
      message: ({ week, year, weeks }: { week: string; year: number; weeks: number }) => `文件名：第 ${week} 周不存在；${year} 年有 ${weeks} 个 ISO 周。`,
    },
  },
  "broken-symlink": {
    severity: "warning", title: "A symbolic link that cannot be followed", hint: "Remove the link or point it at a file.",
    message: ({ why }: { why: Said }) => `a symbolic link that cannot be followed: ${inEnglish(why)}; nothing from it is published. Remove the link or point it at a file.`,
    zh: {
      title: "无法跟随的符号链接", hint: "删掉这个链接，或让它指向一个文件。",
      message: ({ why }: { why: Said }) => `无法跟随的符号链接：${inChinese(why)}；它的内容都不会发布。请删掉这个链接，或让它指向一个文件。`,
    },
  },
  "symlink-twice": {
    severity: "error", title: "A symbolic link that publishes files twice", hint: "Remove the link, or list it in .eleventyignore.",
    message: ({ link, folder }: { link: string; folder: boolean }) =>
      `${link}: ${folder ? "every file under it" : "its file"} would be published twice, at two addresses. Remove the link, or list it in .eleventyignore.`,
    zh: {
      title: "会把文件发布两次的符号链接", hint: "删掉这个链接，或把它列进 `.eleventyignore`。",
      message: ({ link, folder }: { link: string; folder: boolean }) =>
        `${link}：${folder ? "它下面的每个文件" : "它的文件"}会在两个地址各发布一次。请删掉这个链接，或把它列进 \`.eleventyignore\`。`,
    },
  },
  "content-outside-input": {
    severity: "warning", title: "Reports or digests outside the input folder", hint: "Move the folder into the input folder, or set postsDir or digestsDir to the folder inside it that holds them.",
    /** Folders as the message shows them: `found` holds `count` Markdown files, `looked` is where the option `option` (`dir`) makes the plugin read. */
    message: ({ count, found, root, looked, option, dir, holds }: { count: number; found: string; root: string; looked: string; option: string; dir: string; holds: string }) =>
      `${count} Markdown ${count === 1 ? "file" : "files"} in ${found}, outside the input folder ${root}: the plugin reads ${holds} from ${looked} only (${option} ${show(dir)}, inside the input folder), so ${count === 1 ? "it is" : "they are"} not published. ` +
      `Move ${found} into ${root}, or set ${option} to the folder inside ${root} that holds the ${holds}.`,
    zh: {
      title: "输入目录之外的报告或摘要", hint: "把目录移进输入目录，或把 `postsDir`、`digestsDir` 设为输入目录中存放它们的目录。",
      message: ({ count, found, root, looked, option, dir, holds }: { count: number; found: string; root: string; looked: string; option: string; dir: string; holds: string }) =>
        `${found} 里有 ${count} 个 Markdown 文件，在输入目录 ${root} 之外：插件只从 ${looked} 读取${holds === "reports" ? "报告" : holds === "digests" ? "摘要" : holds}（\`${option}\` 为 ${show(dir)}，在输入目录之内），所以它们不会发布。` +
        `请把 ${found} 移进 ${root}，或把 \`${option}\` 设为 ${root} 中存放它们的目录。`,
    },
  },
  "missing-content-folder": {
    severity: "warning", title: "A content folder that does not exist", hint: "Set postsDir or digestsDir to a folder of the input folder, or create the folder.",
    message: ({ root, looked, option, dir, holds }: { root: string; looked: string; option: string; dir: string; holds: string }) =>
      `${option}: received ${show(dir)}, but the input folder ${root} has no folder ${looked}: no ${holds} are read. Set ${option} to the folder inside ${root} that holds the ${holds}, or create ${looked}.`,
    zh: {
      title: "不存在的内容目录", hint: "把 `postsDir` 或 `digestsDir` 设为输入目录中的一个目录，或者创建这个目录。",
      message: ({ root, looked, option, dir, holds }: { root: string; looked: string; option: string; dir: string; holds: string }) =>
        `\`${option}\`：收到 ${show(dir)}，但输入目录 ${root} 里没有 ${looked}：不会读取任何${holds === "reports" ? "报告" : holds === "digests" ? "摘要" : holds}。请把 \`${option}\` 设为 ${root} 中存放它们的目录，或者创建 ${looked}。`,
    },
  },
  "placeholder": {
    severity: "error", relievedIn: ["preview", "waiting"], title: "A placeholder of the weekly new template", hint: "Write this part, or hold the page back with draft: true.", readsFrontMatter: true,
    /** `text`: the placeholder's line; `draft`: the page says draft: true; `waiting`: it is scheduled, and this build does not stop on it. */
    message: ({ text, draft, waiting }: { text: string; draft: boolean; waiting: boolean }) =>
      draft
        ? `the template's placeholder ${show(text)} is still here: write this part before removing draft: true.`
        : `the template's placeholder ${show(text)} is still here: the page would go live unfinished. Write this part, or hold the page back with draft: true.${waiting ? NOT_LIVE_YET : ""}`,
    zh: {
      title: "weekly new 模板的占位文字", hint: "写完这一部分，或用 `draft: true` 暂不发布。",
      message: ({ text, draft, waiting }: { text: string; draft: boolean; waiting: boolean }) =>
        draft
          ? `模板的占位文字 ${show(text)} 还在这里：删掉 \`draft: true\` 之前先写完这一部分。`
          : `模板的占位文字 ${show(text)} 还在这里：页面会带着未完成的内容上线。请写完这一部分，或用 \`draft: true\` 暂不发布。${waiting ? NOT_LIVE_YET_ZH : ""}`,
    },
  },
} as const satisfies Record<string, ProblemKind<any>>;
