// Property-based tests (fast-check): random front matter, random links and random Markdown fed to
// the parts that read what the author wrote. Every input must end in a value or a problem that
// names its field and file, never in an exception, a hang or a link to a script. The seed of a
// failure is printed by fast-check; `FC_SEED=<seed>` replays it.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import matter from "gray-matter";
import yaml from "js-yaml";
import MarkdownIt from "markdown-it";
import { parseHTML } from "linkedom";
import { createFrontMatterEngine, frontMatterNotes } from "../src/frontMatter.js";
import { checkFrontMatter } from "../src/schema.js";
import { pageIndex, resolveReference } from "../src/references.js";
import { installMarkdownRules } from "../src/markdown.js";
import { analyseSite, kindOf, type CollectedPage } from "../src/site.js";
import { resolveOptions } from "../src/options.js";
import { publishState } from "../src/schedule.js";
import { DateTime } from "luxon";

const RUNS = { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const ZONE = "Asia/Shanghai";
const opts = resolveOptions();
const engine = createFrontMatterEngine((layout) => layout === "layouts/post.njk");

/** Characters authors and pasted text bring: CJK, markup, quotes, YAML punctuation, controls, RTL marks, emoji. */
const char = fc.constantFrom(..."a中文 <>&\"':-#[]()!*_`\\/\n\t\r{}|>%@?,.~=+$^;", "\u0000", "\u0001", "\u200F", "\u202E", "\uFEFF", "🤖", "\uD83E", "\u2028", "]]>", "---", "javascript:", "data:", "../");
const text = fc.string({ unit: char, maxLength: 40 });
const dateLike = fc.oneof(
  fc.constantFrom("2026-02-05", "2026-02-05T08:00", "2026-02-05T08:00+08:00", "2026-02-30", "2026-W06", "tomorrow", "", "2026-02-05 08:00", "0000-00-00"),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  text,
  fc.integer(),
);
const anyValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 4 }), fc.dictionary(text, text, { maxKeys: 3 }));
const frontMatter = fc.record(
  {
    title: fc.oneof(text, anyValue),
    description: fc.oneof(text, anyValue),
    date: fc.oneof(dateLike, anyValue),
    scheduled: fc.oneof(dateLike, anyValue),
    tags: fc.oneof(fc.array(text, { maxLength: 5 }), anyValue),
    draft: fc.oneof(fc.boolean(), anyValue),
    layout: fc.oneof(fc.constantFrom("layouts/post.njk", "layouts/nope.njk", ""), anyValue),
  },
  { requiredKeys: [] },
);

describe("front matter: any YAML ends in data or a named problem", () => {
  test("random objects, written as YAML and read back as Eleventy reads a file", () => {
    fc.assert(
      fc.property(frontMatter, fc.dictionary(text, anyValue, { maxKeys: 3 }), text, (data, extra, body) => {
        const yamlText = yaml.dump({ ...extra, ...data }, { skipInvalid: true });
        const file = `---\n${yamlText}---\n${body}`;
        const parsed = matter(file, { engines: { yaml: engine } }).data as Record<string, unknown>;
        const notes = frontMatterNotes(parsed);
        assert.ok(notes, "the plugin's engine read it");
        for (const problem of notes.problems) assert.ok(problem.line >= 1 && problem.message.length > 0);
        for (const kind of ["report", "digest"] as const) {
          for (const issue of checkFrontMatter(parsed, notes.keys, kind, ZONE)) {
            assert.ok(issue.field.length > 0 || issue.message.startsWith("unknown key"), JSON.stringify(issue));
            assert.ok(issue.message.length > 0);
          }
        }
        const state = publishState(parsed, DateTime.fromISO("2026-03-01T00:00", { zone: ZONE }), ZONE);
        for (const problem of state.problems) assert.ok(["date", "scheduled", "draft"].includes(problem.field), JSON.stringify(problem));
      }),
      RUNS,
    );
  });

  test("random text between the fences: never an exception, a problem with a line instead", () => {
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 200 }), (raw) => {
        const data = engine(raw);
        const notes = frontMatterNotes(data);
        assert.ok(notes);
        for (const problem of notes.problems) {
          assert.ok(Number.isInteger(problem.line) && problem.line >= 1, JSON.stringify(problem));
          assert.ok(problem.field.length > 0 && problem.message.length > 0);
        }
      }),
      RUNS,
    );
  });
});

const PAGES = pageIndex(
  new Map([
    ["posts/2026-W06-ai-weekly", "/posts/2026-W06-ai-weekly/"],
    ["weekly_news/ai_news_2026-W06", "/weekly_news/ai_news_2026-W06/"],
    ["weekly_news/index", "/weekly_news/"],
    ["index", "/"],
  ]),
);
const hrefPart = fc.constantFrom("..", ".", "/", "weekly_news", "posts", "ai_news_2026-W06", ".md", "#", "?", "%", "%E4%B8%AD", "中文", " ", "javascript:", "data:", "//", "\\", "index", "a.png", "https://x.example", "mailto:", "\u0000", "%2e%2e");
const href = fc.oneof(fc.array(hrefPart, { maxLength: 8 }).map((parts) => parts.join("")), fc.string({ unit: char, maxLength: 30 }));

describe("links: any target resolves, or is missing with a reason", () => {
  test("resolveReference never throws; a resolved target stays inside the site", () => {
    fc.assert(
      fc.property(href, fc.constantFrom("posts/2026-W06-ai-weekly.md", "weekly_news/ai_news_2026-W06.md", "index.md"), (target, from) => {
        const result = resolveReference(target, { fromInputPath: from, pages: PAGES });
        if (result.kind === "page" || result.kind === "file") {
          assert.ok(result.href.startsWith("/") && !result.href.startsWith("//"), `${target} → ${result.href}`);
          assert.ok(!/^\/\.\.(\/|$)/.test(result.href), `${target} → ${result.href}`);
        }
        if (result.kind === "file") assert.ok(!result.path.startsWith("../") && result.path !== "..", `${target} → ${result.path}`);
      }),
      RUNS,
    );
  });
});

/** A browser's reading of a URL's scheme, written independently of the plugin's. */
const SCRIPTED = (url: string) => /^(javascript|vbscript|data|file):/.test(url.replace(/[\u0000-\u0020\u007F]/g, "").toLowerCase());

/** Markdown the author writes (no raw HTML), and the raw HTML a pasted digest item may carry. */
const markdownPiece = fc.oneof(
  text,
  href.map((h) => `[链接](${h})`),
  href.map((h) => `![图](${h})`),
  href.map((h) => `<${h}>`),
  fc.tuple(text, href).map(([label, h]) => `[${label}][r]\n\n[r]: ${h}\n`),
  fc.constantFrom("# 标题\n", "## 小节\n", "### 参考\n", "```\ncode\n", "    indented\n", "> quote\n", "- item\n", "1. item\n", "---\n", "*", "_", "`", "|a|b|\n|-|-|\n", "\n\n", "&#x6A;avascript:", "[", "]("),
);
const rawHtml = fc.constantFrom("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "<div onclick=\"alert(1)\">", "<!--", "<iframe src=\"data:text/html,x\">", "<svg onload=alert(1)>");
const markdown = fc.array(markdownPiece, { maxLength: 25 }).map((pieces) => pieces.join(" "));
const pasted = fc.array(fc.oneof(markdownPiece, rawHtml), { maxLength: 25 }).map((pieces) => pieces.join(" "));

describe("Markdown: any body renders, with no link to a script", () => {
  const md = new MarkdownIt({ html: true });
  installMarkdownRules(md, {
    rewriteHref: (from, h) => resolveReferenceHref(from, h),
    allowsHtml: (from) => (from.startsWith("./weekly_news/") ? false : true),
  });
  const render = (body: string, title: string, inputPath: string) => parseHTML(`<!doctype html><html><body>${md.render(body, { title, page: { inputPath } })}</body></html>`).document;
  const assertNoScriptTarget = (doc: Document, body: string) => {
    for (const a of Array.from(doc.querySelectorAll("a[href]"))) assert.ok(!SCRIPTED(a.getAttribute("href")!), `${JSON.stringify(body)}: <a href="${a.getAttribute("href")}">`);
    for (const img of Array.from(doc.querySelectorAll("img[src]"))) {
      const src = img.getAttribute("src")!;
      assert.ok(!SCRIPTED(src) || /^data:image\/(png|gif|jpeg|webp);/i.test(src), `${JSON.stringify(body)}: <img src="${src}">`);
    }
  };

  test("a report's Markdown never links to a script, data or file target", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(markdown, text, (body, title) => assertNoScriptTarget(render(body, title, "./posts/2026-W06-ai-weekly.md"), body)),
      { ...RUNS, numRuns: 500 },
    );
  });

  test("a digest with pasted HTML: no element, attribute or link from it is markup", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(pasted, text, (body, title) => {
        const doc = render(body, title, "./weekly_news/ai_news_2026-W06.md");
        assertNoScriptTarget(doc, body);
        assert.equal(doc.querySelectorAll("script, iframe, svg, div, [onerror], [onclick], [onload]").length, 0, JSON.stringify(body));
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  test("the analysis reads any set of pages: problems name a file of the site", { timeout: 120_000 }, () => {
    const parse = (source: string, env: Record<string, unknown>) => md.parse(source, env);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("posts", "weekly_news"), fc.integer({ min: 1, max: 53 }), markdown, frontMatter), { minLength: 1, maxLength: 6 }), (files) => {
        const collected: CollectedPage[] = [];
        const urls = new Map<string, string>();
        for (const [folder, week, body, data] of files) {
          const name = folder === "posts" ? `2026-W${String(week).padStart(2, "0")}-ai-weekly` : `ai_news_2026-W${String(week).padStart(2, "0")}`;
          const path = `${folder}/${name}.md`;
          if (urls.has(path)) continue;
          urls.set(path, `/${folder}/${name}/`);
          collected.push({ path, kind: kindOf(path, opts), data, body, status: { state: "published" } });
        }
        const site = analyseSite(collected, urls, parse, opts, () => false);
        for (const problem of site.problems) {
          assert.ok(urls.has(problem.file), `${problem.file}: ${problem.message}`);
          assert.ok(problem.message.length > 0);
        }
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});

function resolveReferenceHref(from: string, target: string): string | undefined {
  const result = resolveReference(target, { fromInputPath: from.replace(/^\.\//, ""), pages: PAGES });
  return result.kind === "page" || result.kind === "file" ? result.href : undefined;
}
