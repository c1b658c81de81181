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
import { createFrontMatterEngine, frontMatterNotes } from "../src/content/frontMatter.js";
import { checkFrontMatter } from "../src/content/schema.js";
import { pageIndex, resolveReference } from "../src/content/references.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";
import { analyseSite } from "../src/content/site.js";
import { bodyReader } from "../src/content/body.js";
import { type CollectedPage } from "../src/content/pageTypes.js";
import { allowsRawHtml, kindOf } from "../src/core/kinds.js";
import { resolveOptions } from "../src/core/options.js";
import { publishState } from "../src/content/schedule.js";
import { DateTime } from "luxon";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copySite, listFiles, removeOutput, runEleventy, runWeeklyInProcess, tempOutput } from "./helpers.js";

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
const hrefPart = fc.constantFrom(
  "..", ".", "/", "weekly_news", "posts", "ai_news_2026-W06", ".md", "#", "?", "%", "%E4%B8%AD", "中文", " ", "//", "\\", "index", "a.png", "https://x.example", "mailto:", "\u0000", "%2e%2e",
  // Targets that must never become a link (or, for an image, only a data: picture).
  "javascript:", "JAVASCRIPT:", "java\tscript:", "\u0001javascript:", "&#x6A;avascript:", "&colon;", "vbscript:", "file:", "data:", "data:image/png;base64,AAAA", "data:image/svg+xml,<svg>", "DATA:text/html,x", "alert(1)",
);
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

/**
 * The oracle: the scheme a browser reads in an href, by the WHATWG URL parser Node shares with
 * browsers (it drops tabs and line breaks, and spaces and controls at either end).
 */
const SCRIPTED = (url: string) => {
  let protocol: string;
  try {
    protocol = new URL(url, "https://weekly.example.org/posts/a/").protocol;
  } catch {
    return false; // a browser cannot follow it either
  }
  return ["javascript:", "vbscript:", "data:", "file:"].includes(protocol);
};
const DATA_PICTURE = /^data:image\/(png|gif|jpeg|webp);/i;

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
    // The plugin's own rule with the default options: digests' raw HTML is text.
    allowsHtml: (from) => allowsRawHtml(kindOf(from.replace(/^\.\//, ""), opts), opts),
    owns: () => true,
  });
  const render = (body: string, title: string, inputPath: string) => parseHTML(`<!doctype html><html><body>${md.render(body, { title, page: { inputPath } })}</body></html>`).document;
  const assertNoScriptTarget = (doc: Document, body: string) => {
    for (const a of Array.from(doc.querySelectorAll("a[href]"))) assert.ok(!SCRIPTED(a.getAttribute("href")!), `${JSON.stringify(body)}: <a href="${a.getAttribute("href")}">`);
    for (const img of Array.from(doc.querySelectorAll("img[src]"))) {
      const src = img.getAttribute("src")!;
      assert.ok(!SCRIPTED(src) || DATA_PICTURE.test(src), `${JSON.stringify(body)}: <img src="${src}">`);
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
        const site = analyseSite(collected, urls, bodyReader(parse, opts), opts, () => ({ kind: "missing" }));
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

/** Front matter and bodies a site accepts: any text of the right types, any date, no links. */
const printable = fc.string({ unit: char.filter((c) => c !== "\u0000" && c !== "\uD83E"), minLength: 1, maxLength: 40 }).filter((t) => t.trim() !== "");
const validFile = fc.record({
  title: printable,
  description: printable,
  // Tags that could share a URL stop the build (a named problem, tested elsewhere): a pool of distinct ones.
  tags: fc.subarray(["AI", "模型", "智能体", "R&D <实验>", "🤖", "\u200F阿拉伯 عربي", '"引号"', "]]>", "e&f"]),
  date: fc.date({ min: new Date("2020-01-01"), max: new Date("2027-12-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
});
const body = fc.array(fc.oneof(text, fc.constantFrom("# 标题\n", "## 小节\n", "```\ncode\n", "- item\n", "> quote\n", "\n\n", "*", "`")), { maxLength: 20 }).map((p) => p.join(" "));

const NOW_TEXT = "2027-12-31T12:00";
const NOW = DateTime.fromISO(NOW_TEXT, { zone: ZONE });

describe("a whole site of random files", () => {
  // Built for real: random front matter and bodies in the four-week fixture. The build either
  // writes the site or stops with problems that each name a file, and then writes nothing.
  const seeds = process.env.FC_SITE_SEEDS ? process.env.FC_SITE_SEEDS.split(",").map(Number) : [20260205, 7];
  for (const seed of seeds) {
    test(`seed ${seed}: \`eleventy\` and \`weekly check\` end in pages or named problems`, { timeout: 120_000 }, async () => {
      const fixture = copySite("scheduled");
      const output = tempOutput("random-site");
      try {
        // Half the files are of the kind a site accepts, so that some end as pages.
        const files = fc.sample(
          fc.tuple(fc.constantFrom("posts", "weekly_news"), fc.integer({ min: 1, max: 53 }), fc.oneof(frontMatter, validFile), fc.oneof(markdown, body), fc.boolean(), fc.string({ unit: char, maxLength: 80 })),
          { seed, numRuns: 14 },
        );
        const written: string[] = [];
        files.forEach(([folder, week, data, body, rawYaml, yamlText], index) => {
          const ww = String(week).padStart(2, "0");
          const path = folder === "posts" ? `posts/2027-W${ww}-random-${index}.md` : `weekly_news/ai_news_2027-W${ww}-${index}.md`;
          const head = rawYaml ? yamlText : yaml.dump(data, { skipInvalid: true });
          writeFileSync(join(fixture, path), `---\n${head}\n---\n${body}\n`);
          written.push(path);
        });
        // Round by round: a build that stops names its problems, writes nothing, and agrees with
        // `weekly check`; the files named by an error are then taken out and the site built again.
        // Every random file must end either named by an error or as a page (or held back by its
        // own draft or schedule), and the last round must build.
        const named = new Set<string>();
        let built = false;
        for (let round = 1; round <= 4 && !built; round++) {
          const build = runEleventy(fixture, output, { WEEKLY_NOW: NOW_TEXT });
          const check = await runWeeklyInProcess(fixture, ["check", "--format", "json"], { WEEKLY_NOW: NOW_TEXT, WEEKLY_PREVIEW: undefined });
          for (const run of [build, check]) {
            assert.ok(run.status === 0 || run.status === 1, `round ${round}: exit ${run.status}: ${run.stderr}`);
            assert.ok(!/^\s+at .+:\d+:\d+\)?$/m.test(`${run.stdout}\n${run.stderr}`), `round ${round}: no stack trace:\n${run.stderr}`);
          }
          const report = JSON.parse(check.stdout) as { problems: Array<{ file: string; line?: number; message: string; severity: string }> };
          for (const problem of report.problems) assert.ok(existsSync(join(fixture, problem.file)), `${problem.file}: ${problem.message}`);
          const errors = report.problems.filter((p) => p.severity === "error");
          if (build.status === 0) {
            assert.deepEqual(errors, [], "the check finds no error in a site that builds");
            built = true;
            break;
          }
          assert.ok(errors.length > 0, `the build stopped and the check names why:\n${build.stderr}`);
          for (const error of errors) assert.ok(build.stderr.includes(error.file), `${error.file} is named by the build too`);
          assert.deepEqual(listFiles(output), [], "nothing written");
          for (const error of errors) {
            assert.ok(written.includes(error.file), `only the random files have errors, not ${error.file}: ${error.message}`);
            named.add(error.file);
            rmSync(join(fixture, error.file), { force: true });
          }
        }
        assert.ok(built, "the site builds once the files named by errors are taken out");
        assert.ok(named.size < written.length, "some random files end as pages, not all as problems");
        for (const path of written.filter((p) => !named.has(p))) {
          const page = join(output, path.replace(/\.md$/, ""), "index.html");
          const data = matter(readFileSync(join(fixture, path), "utf8"), { engines: { yaml: engine } }).data as Record<string, unknown>;
          const heldBack = publishState(data, NOW, ZONE).status.state !== "published";
          assert.ok(existsSync(page) || heldBack, `${path} was neither named by an error nor published`);
          assert.ok(!(existsSync(page) && heldBack), `${path} is held back but was published`);
        }
      } finally {
        removeOutput(output);
        removeOutput(fixture);
      }
    });
  }
});

describe("a whole site of random but valid reports", () => {
  // Any title, description and tags of the right types, any date, any body without links: every
  // file becomes a page showing its title as written.
  test("every file is a page with its title", { timeout: 120_000 }, () => {
    const fixture = copySite("scheduled");
    const output = tempOutput("random-valid-site");
    try {
      const files = fc.sample(fc.tuple(validFile, body), { seed: 2026, numRuns: 12 });
      files.forEach(([data, text], index) => writeFileSync(join(fixture, "posts", `random-${index}.md`), `---\n${yaml.dump(data)}---\n${text}\n`));
      const build = runEleventy(fixture, output, { WEEKLY_NOW: "2027-12-31T12:00" });
      assert.equal(build.status, 0, build.stderr);
      files.forEach(([data], index) => {
        const html = readFileSync(join(output, "posts", `random-${index}`, "index.html"), "utf8");
        const doc = parseHTML(html).document;
        assert.equal(doc.querySelector("h1")!.textContent, data.title.trim(), `random-${index}.md: the title, without the spaces around it`);
        assert.deepEqual(Array.from(doc.querySelectorAll(".tags a")).map((a) => a.textContent), [...new Set(data.tags)], `random-${index}.md`);
      });
    } finally {
      removeOutput(output);
      removeOutput(fixture);
    }
  });
});
