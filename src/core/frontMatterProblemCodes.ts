// The problem catalogue's codes for a content file's front matter: how it is written and what it
// says (see problemCodes.ts).
import type { ProblemKind } from "./problemKind.js";
import { inChinese, inEnglish, show, type Said } from "./show.js";

/** Quoted as YAML wants it: `"…"` with its own quotes escaped. */
const quoted = (value: string) => `"${value.replace(/"/g, '\\"')}"`;

export const FRONT_MATTER_PROBLEM_CODES = {
  // Front matter: how it is written.
  "front-matter-yaml": {
    severity: "error", title: "Front matter is not valid YAML", hint: "Fix the YAML at the line named; quote a value that holds a colon, a # or quotes.",
    message: ({ reason }: { reason: string }) => `front matter is not valid YAML: ${reason}`,
    zh: {
      title: "前置数据（front matter）不是有效的 YAML", hint: "在指出的行修正 YAML；含冒号、# 或引号的值要加引号。",
      message: ({ reason }: { reason: string }) => `前置数据不是有效的 YAML：${reason}`,
    },
  },
  "front-matter-json": {
    severity: "error", title: "Front matter is not valid JSON", hint: "Fix the JSON between ---json and ---, or write the front matter in YAML.",
    message: ({ reason }: { reason: string }) => `front matter is not valid JSON: ${reason}`,
    zh: {
      title: "前置数据不是有效的 JSON", hint: "修正 ---json 与 --- 之间的 JSON，或改用 YAML 写前置数据。",
      message: ({ reason }: { reason: string }) => `前置数据不是有效的 JSON：${reason}`,
    },
  },
  "front-matter-shape": {
    severity: "error", title: "Front matter is not a set of keys", hint: "Write one key per line, such as title: …, between the two --- lines.",
    message: () => "front matter is not a set of keys such as title: …",
    zh: {
      title: "前置数据不是一组键值", hint: "每行写一个键，例如 `title: …`，放在两行 --- 之间。",
      message: () => "前置数据不是一组键值（例如 `title: …`）。",
    },
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
    zh: {
      title: "前置数据后面缺少结束的 ---", hint: "在前置数据结束、正文开始的地方加一行 ---。",
      message: (p: { emptyBody: true; lineNamed: boolean } | { readAsYaml: string } | { heading: string; closedAt: number }) =>
        "emptyBody" in p
          ? `前置数据：没有结束的 --- 行，整个文件都被当成前置数据读取，正文为空。${p.lineNamed ? "请在这一行上方、前置数据结束处加一行 ---。" : "请在前置数据结束处加一行 ---。"}`
          : "readAsYaml" in p
            ? `前置数据：这一行之前没有结束的 ---，下面的文字被当成 YAML 读取（${show(p.readAsYaml.slice(0, 40))}）。请在前置数据结束处加一行 ---。`
            : `前置数据：这一行之前似乎缺少结束的 ---（${show(p.heading.slice(0, 40))}）：第 ${p.closedAt} 行正文里的分隔线 --- 结束了前置数据，它之前的文字都被当成 YAML 读取，不会显示。请在这一行上方、前置数据结束处加一行 ---。`,
    },
  },
  "full-width-colon": {
    severity: "error", title: "A full-width colon after a key", hint: "Type an ASCII colon and a space after the key (title: …), not ：.",
    message: ({ key }: { key: string }) => `front matter: ${show(key)} is followed by a full-width colon "：" (U+FF1A), so YAML does not read it as a key. Type an ASCII colon and a space: ${key}: …`,
    zh: {
      title: "键后面用了全角冒号", hint: "键后面用英文冒号加空格（`title: …`），不要用 `：`。",
      message: ({ key }: { key: string }) => `前置数据：${show(key)} 后面是全角冒号 "："（U+FF1A），YAML 不会把它读成键。请改用英文冒号加空格：\`${key}: …\``,
    },
  },
  "curly-quotes": {
    severity: "error", title: "Curly quotes where YAML wants straight ones", hint: "Type ASCII quotes \"…\" around the value, or none.",
    message: ({ key, value }: { key: string; value: string }) =>
      `front matter: ${key} is quoted with curly quotes ${value[0]}…, which YAML reads as text, not as quotes. Type ASCII quotes: ${key}: ${quoted(value.replace(/^[“”‘’]|[“”‘’]$/g, ""))}`,
    zh: {
      title: "YAML 需要直引号的地方用了弯引号", hint: "值的两边用英文引号 \"…\"，或者不加引号。",
      message: ({ key, value }: { key: string; value: string }) =>
        `前置数据：${key} 的值用弯引号 ${value[0]}… 括起来，YAML 会把它们当作文字而不是引号。请改用英文引号：\`${key}: ${quoted(value.replace(/^[“”‘’]|[“”‘’]$/g, ""))}\``,
    },
  },
  "curly-quoted-value": {
    severity: "warning", title: "A value wrapped in curly quotes", hint: "The quotes show on the page: type ASCII quotes if they are meant as quotes.", readsFrontMatter: true,
    message: ({ key, open, close, inner }: { key: string; open: string; close: string; inner: string }) =>
      `front matter: the value of ${key} is wrapped in curly quotes ${open}…${close}, which YAML keeps as part of the text. If they are meant as quotes, type ASCII ones: ${key}: ${quoted(inner)}`,
    zh: {
      title: "值被弯引号包住", hint: "这对引号会显示在页面上；如果本意是引号，请改用英文引号。",
      message: ({ key, open, close, inner }: { key: string; open: string; close: string; inner: string }) =>
        `前置数据：${key} 的值被弯引号 ${open}…${close} 包住，YAML 会把它们当作文字的一部分保留。如果本意是引号，请改用英文引号：\`${key}: ${quoted(inner)}\``,
    },
  },
  "unquoted-colon": {
    severity: "error", title: "A colon and a space inside a value", hint: "Put the value in ASCII quotes: title: \"OpenAI: …\".",
    message: ({ key, value }: { key: string; value: string }) =>
      `front matter: the value of ${key} holds a colon and a space, which YAML reads as the start of another key. Put the value in quotes: ${key}: ${quoted(value)}`,
    zh: {
      title: "值里有冒号加空格", hint: "给值加上英文引号：`title: \"OpenAI: …\"`。",
      message: ({ key, value }: { key: string; value: string }) =>
        `前置数据：${key} 的值里有冒号加空格，YAML 会把它读成另一个键的开头。请给值加上引号：\`${key}: ${quoted(value)}\``,
    },
  },
  "tag-separator": {
    severity: "error", title: "Tags joined with full-width punctuation", hint: "Write the tags as a list, [AI, 人工智能], with ASCII commas.", readsFrontMatter: true,
    message: ({ joined, separator, parts }: { joined: string; separator: string; parts: readonly string[] }) =>
      `tags: ${show(joined)} holds a full-width "${separator}", so it is one tag. For several tags, separate them with ASCII commas in brackets: tags: [${parts.join(", ")}], or write one per line as "- ${parts[0] ?? ""}".`,
    zh: {
      title: "标签之间用了全角标点", hint: "把标签写成列表 `[AI, 人工智能]`，用英文逗号分隔。",
      message: ({ joined, separator, parts }: { joined: string; separator: string; parts: readonly string[] }) =>
        `tags：${show(joined)} 里有全角的 "${separator}"，所以它只是一个标签。多个标签请在方括号里用英文逗号分隔：\`tags: [${parts.join(", ")}]\`，或每行写一个 \`- ${parts[0] ?? ""}\`。`,
    },
  },
  // Front matter: what it says.
  "invalid-field": {
    severity: "error", title: "A field with a value the plugin cannot use", hint: "Give the field a value of the kind the message names.", readsFrontMatter: true,
    /** `zone`: the time zone a date is read in, named for `date` and `scheduled`. */
    message: ({ field, value, expected, zone }: { field: string; value: unknown; expected: Said; zone?: string }) =>
      `${field}: ${value === undefined || value === null || value === "" ? "missing" : `received ${show(value)}`}; expected ${inEnglish(expected)}${zone === undefined ? "" : ` (read in ${zone})`}.`,
    zh: {
      title: "插件无法使用的字段值", hint: "按消息所说的类型给这个字段赋值。",
      message: ({ field, value, expected, zone }: { field: string; value: unknown; expected: Said; zone?: string }) =>
        `${field}：${value === undefined || value === null || value === "" ? "缺少这个值" : `收到 ${show(value)}`}；应为${inChinese(expected)}${zone === undefined ? "" : `（按 ${zone} 时区理解）`}。`,
    },
  },
  "unknown-key": {
    severity: "warning", title: "A key the plugin does not read", hint: "Check the spelling against title, description, date, scheduled, tags, layout and draft.", readsFrontMatter: true,
    /** In a page: the nearest known key, else the keys the plugin reads; in the sources file: the source's number. */
    message: (p: { key: string; near: string | undefined; known: readonly string[] } | { key: string; source: number }) =>
      "source" in p
        ? `source ${p.source}: unknown key ${p.key}; a source has name, feed and home.`
        : `unknown key ${p.key}${p.near ? `; did you mean ${p.near}?` : `; the plugin reads ${p.known.join(", ")}.`}`,
    zh: {
      title: "插件不读取的键", hint: "对照 `title`、`description`、`date`、`scheduled`、`tags`、`layout` 和 `draft` 检查拼写。",
      message: (p: { key: string; near: string | undefined; known: readonly string[] } | { key: string; source: number }) =>
        "source" in p
          ? `第 ${p.source} 个来源：未知的键 \`${p.key}\`；来源只有 \`name\`、\`feed\` 和 \`home\`。`
          : `未知的键 \`${p.key}\`${p.near ? `；是不是 \`${p.near}\`？` : `；插件读取的键有 ${p.known.map((key) => `\`${key}\``).join("、")}。`}`,
    },
  },
  "reserved-key": {
    severity: "error", title: "A key Eleventy keeps for itself", hint: "Rename the key: Eleventy would overwrite it or stop on it.", readsFrontMatter: true,
    message: ({ key, value, keptFor }: { key: string; value: unknown; keptFor: Said }) => `${key}: received ${show(value)}; Eleventy keeps this name for ${inEnglish(keptFor)}. Rename the key.`,
    zh: {
      title: "Eleventy 自己保留的键", hint: "给键换个名字：Eleventy 会覆盖它或因它停下。",
      message: ({ key, value, keptFor }: { key: string; value: unknown; keptFor: Said }) => `${key}：收到 ${show(value)}；Eleventy 把这个名字留给${inChinese(keptFor)}。请给键换个名字。`,
    },
  },
  "template-engine": {
    severity: "error", title: "A templateEngineOverride Eleventy cannot read", hint: "Name one template engine, such as njk or njk,md, or remove the key.", readsFrontMatter: true,
    message: ({ value }: { value: unknown }) => `templateEngineOverride: received ${show(value)}; Eleventy expects one template engine, such as njk or njk,md.`,
    zh: {
      title: "Eleventy 读不懂的 templateEngineOverride", hint: "写一个模板引擎，例如 `njk` 或 `njk,md`，或者删掉这个键。",
      message: ({ value }: { value: unknown }) => `templateEngineOverride：收到 ${show(value)}；Eleventy 需要一个模板引擎，例如 \`njk\` 或 \`njk,md\`。`,
    },
  },
  "unknown-layout": {
    severity: "error", title: "A layout that is not a template of the layouts folder", hint: "Name a template of the layouts folder, such as layouts/post.njk.", readsFrontMatter: true,
    message: ({ value, why }: { value: unknown; why?: Said }) => `layout: received ${show(value)}; ${why === undefined ? "expected a template of the layouts folder, such as layouts/post.njk" : inEnglish(why)}.`,
    zh: {
      title: "不是布局目录中模板的布局", hint: "写布局目录中的一个模板，例如 `layouts/post.njk`。",
      message: ({ value, why }: { value: unknown; why?: Said }) => `layout：收到 ${show(value)}；${why === undefined ? "应为布局目录中的一个模板，例如 `layouts/post.njk`" : inChinese(why)}。`,
    },
  },
  "refused-key": {
    severity: "error", title: "A key that would run code", hint: "Remove the key: content is data, never code.",
    message: ({ key, why }: { key: string; why: Said }) => `${key}: not allowed in a report or digest: ${inEnglish(why)}. Remove it; content is data, never code.`,
    zh: {
      title: "会运行代码的键", hint: "删掉这个键：内容是数据，永远不是代码。",
      message: ({ key, why }: { key: string; why: Said }) => `${key}：报告和摘要里不允许：${inChinese(why)}。请删掉它；内容是数据，永远不是代码。`,
    },
  },
  "prototype-key": {
    severity: "error", title: "A key or tag that names a part of every JavaScript object", hint: "Rename it: `__proto__`, `constructor` and `prototype` are never keys, and `__proto__`, `__defineGetter__` and `__defineSetter__` are never tags.",
    /** A key (`path` to it, in a source of the sources file if `source`), or a tag. */
    message: (p: { path: string; key: string; source?: number } | { tag: string }) =>
      "tag" in p
        ? `tags: received ${show(p.tag)}; Eleventy keeps its collections by tag in a plain object, where this name is ${p.tag === "__proto__" ? "every object's prototype" : "a function of every object, which Eleventy would call as a collection"}. Name the tag otherwise.`
        : `${p.source === undefined ? "" : `source ${p.source}: `}${p.path}: ${show(p.key)} names a part of every JavaScript object, never data: merged into a page's data it would change every object of the build. Rename the key or remove it.`,
    zh: {
      title: "指向每个 JavaScript 对象一部分的键或标签", hint: "换个名字：`__proto__`、`constructor` 和 `prototype` 不能作键，`__proto__`、`__defineGetter__` 和 `__defineSetter__` 不能作标签。",
      message: (p: { path: string; key: string; source?: number } | { tag: string }) =>
        "tag" in p
          ? `tags：收到 ${show(p.tag)}；Eleventy 把按标签分的集合放在一个普通对象里，在那里这个名字是${p.tag === "__proto__" ? "每个对象的原型" : "每个对象都有的函数，Eleventy 会把它当作集合调用"}。请给标签换个名字。`
          : `${p.source === undefined ? "" : `第 ${p.source} 个来源：`}${p.path}：${show(p.key)} 指向每个 JavaScript 对象的一部分，而不是数据：并入页面数据后会改变这次构建的每个对象。请给键换个名字或删掉它。`,
    },
  },
  "unsafe-permalink": {
    severity: "error", title: "A permalink that is not a plain address of its own", hint: "Write a plain address such as /posts/2026-w06/, outside the addresses the plugin writes.",
    message: ({ value, why }: { value: unknown; why: Said }) => `permalink: received ${show(value)}; ${inEnglish(why)}.`,
    zh: {
      title: "不是一个独立普通地址的 permalink", hint: "写一个普通地址，例如 `/posts/2026-w06/`，避开插件自己写入的地址。",
      message: ({ value, why }: { value: unknown; why: Said }) => `permalink：收到 ${show(value)}；${inChinese(why)}。`,
    },
  },
} as const satisfies Record<string, ProblemKind<any>>;
