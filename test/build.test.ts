// The build's table of stages (what runs on which of Eleventy's hooks, a check's result returned),
// and WeeklyBuild across rebuilds (as under `--serve`): each body is read once, and read again only
// when it changes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { admit, analyse, STAGES, start, WeeklyBuild } from "../src/pipeline/build.js";
import weekly from "../src/eleventy/plugin.js";
import { ROOT } from "./helpers.js";
import { TemplateApi } from "../src/eleventy/templateApi.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";
import { resolveOptions } from "../src/core/options.js";
import { bodyInput, bodyReader, sameBodyInput } from "../src/content/body.js";
import { type CollectedPage } from "../src/content/pageTypes.js";
import { kindOf } from "../src/core/kinds.js";

const opts = resolveOptions();

describe("sameBodyInput", () => {
  const page = (path: string, body: string, title?: unknown): CollectedPage => ({ path, kind: kindOf(path, opts), data: { title }, body, status: { state: "published" } });
  const same: Array<[string, CollectedPage, CollectedPage]> = [
    ["the same body and title in two files", page("posts/a.md", "正文", "题"), page("posts/b.md", "正文", "题")],
    ["a title that is not text counts as none", page("posts/a.md", "正文", 5), page("posts/a.md", "正文")],
  ];
  for (const [name, a, b] of same) test(`equal: ${name}`, () => assert.equal(sameBodyInput(bodyInput(a, opts), bodyInput(b, opts)), true));
  const different: Array<[string, CollectedPage, CollectedPage]> = [
    ["one character of the body", page("posts/a.md", "正文", "题"), page("posts/a.md", "正文。", "题")],
    ["the title (a repeated # title is dropped)", page("posts/a.md", "# 题", "题"), page("posts/a.md", "# 题", "别的")],
    ["a report and a digest (raw HTML kept or not)", page("posts/a.md", "<b>x</b>", "题"), page("weekly_news/a.md", "<b>x</b>", "题")],
    ["a title and body that meet at the separator", page("posts/a.md", "b\0c", "a"), page("posts/a.md", "c", "a\0b")],
  ];
  for (const [name, a, b] of different) test(`different: ${name}`, () => assert.equal(sameBodyInput(bodyInput(a, opts), bodyInput(b, opts)), false));
  test("a check's reading (withTerms: false) counts no terms, and reads the rest as a build's does", () => {
    const md = new MarkdownIt();
    const a = page("posts/a.md", "## 小节\n\n人工智能的进展，见 [摘要](../weekly_news/ai_news_2026-W06.md)。", "题");
    const [build, check] = [true, false].map((withTerms) => bodyReader((source, env) => md.parse(source, env), opts, withTerms)(a));
    assert.ok(build!.terms.terms.length > 0);
    assert.equal(check!.terms.terms.length, 0);
    assert.deepEqual({ ...check!, terms: undefined }, { ...build!, terms: undefined });
  });
  test("different: the same page read by a check (no terms counted) and by a build", () => {
    const a = page("posts/a.md", "正文", "题");
    assert.equal(sameBodyInput(bodyInput(a, opts, false), bodyInput(a, opts, true)), false);
  });
});

describe("WeeklyBuild: bodies across rebuilds", () => {
  test("a rebuild parses only the body that changed; the analysis follows the change", async () => {
    const build = new WeeklyBuild(opts, ".", { info: () => {}, warn: () => {}, error: () => {} }, () => ({ WEEKLY_NOW: "2026-03-01" }));
    const md = new MarkdownIt({ html: true });
    const api = new TemplateApi(build, opts, ".");
    installMarkdownRules(md, api);
    let parses = 0;
    const parse = md.parse.bind(md);
    md.parse = (source, env) => {
      parses++;
      return parse(source, env);
    };
    build.useMarkdown(md);
    const pages: Array<[string, string]> = [
      ["./posts/2026-W05-ai-weekly.md", "## 第五周\n\n正文。"],
      ["./posts/2026-W06-ai-weekly.md", "## 第六周\n\n正文。"],
      ["./weekly_news/ai_news_2026-W06.md", "## 来源\n\n- 条目"],
    ];
    const urls = { inputPathToUrl: Object.fromEntries(pages.map(([path]) => [path, [`/${path.slice(2, -3)}/`]])) };
    const run = async (edited?: string) => {
      await start(build, {});
      for (const [path, body] of pages) {
        const week = /W(\d\d)/.exec(path)![1];
        admit(build, { inputPath: path, data: { title: `第 ${week} 周`, date: `2026-02-0${week === "05" ? 1 : 5}` }, body: path === edited ? `${body}\n\n## 新小节` : body });
      }
      await analyse(build, urls);
    };
    await run();
    assert.equal(parses, 3);
    await run();
    assert.equal(parses, 3, "nothing changed: nothing parsed");
    await run("./posts/2026-W06-ai-weekly.md");
    assert.equal(parses, 4, "one body changed: one parse");
    assert.deepEqual(api.view("./posts/2026-W06-ai-weekly.md")?.headings.map((h) => h.text), ["第六周", "新小节"]);
  });
});

describe("the stage table", () => {
  test("each stage is the function of its name, and each of Eleventy's hooks runs one stage", () => {
    assert.deepEqual(
      STAGES.map((stage) => [stage.name, stage.run.name]),
      STAGES.map((stage) => [stage.name, stage.name]),
    );
    assert.equal(new Set(STAGES.map((stage) => stage.on)).size, STAGES.length);
    assert.deepEqual(
      STAGES.map((stage) => `${stage.name} ${stage.on}`),
      ["start eleventy.before", "admit preprocessor", "dates addDateParsing", "analyse eleventy.contentMap", "passthrough eleventy.passthrough", "settle eleventy.after"],
    );
  });

  test("docs/ARCHITECTURE.md shows the table as the code has it", () => {
    const doc = readFileSync(join(ROOT, "docs", "ARCHITECTURE.md"), "utf8");
    const expected = stageTable();
    assert.ok(doc.includes(expected), `docs/ARCHITECTURE.md lacks the stage table; put this under "The pipeline":\n${expected}`);
  });

  test("the plugin registers every stage, once, on the hook the table names", () => {
    const registered: string[] = [];
    const record = (hook: string) => () => void registered.push(hook);
    const config = new Proxy(
      {
        pathPrefix: "/",
        directories: { input: "./", output: "_site", includes: "_includes", data: "_data" },
        ignores: { add() {} },
        watchIgnores: { add() {} },
        on: (event: string) => void registered.push(event),
        addPreprocessor: record("preprocessor"),
        addDateParsing: record("addDateParsing"),
      } as Record<string | symbol, unknown>,
      { get: (target, key) => (key in target ? target[key] : typeof key === "string" && key !== "then" ? () => undefined : undefined) },
    );
    weekly(config as never, { site: { url: "https://example.com/", title: "周刊" } });
    const stageHooks = STAGES.map((stage) => stage.on);
    // The plugin's other concerns (theme, guest pages, cards, the preview) listen to events too:
    // the cards are placed once the analysis, on eleventy.contentMap, has passed.
    assert.deepEqual(
      registered.filter((hook) => (stageHooks as readonly string[]).includes(hook) && !["eleventy.before", "eleventy.after"].includes(hook)),
      ["preprocessor", "addDateParsing", "eleventy.contentMap", "eleventy.passthrough", "eleventy.contentMap"],
    );
    for (const hook of stageHooks) assert.ok(registered.includes(hook), `${hook} registered`);
  });

  test("a check ends by returning its problems: at the start on code in a content folder, with none of a page", async () => {
    const site = mkdtempSync(join(tmpdir(), "weekly-stages-"));
    try {
      mkdirSync(join(site, "posts"));
      writeFileSync(join(site, "posts", "list.njk"), "{{ 1 }}");
      const build = new WeeklyBuild(opts, site, { info: () => {}, warn: () => {}, error: () => assert.fail("a check prints nothing") }, () => ({ WEEKLY_NOW: "2026-03-01", WEEKLY_CHECK: "1" }));
      const ended = await start(build, {});
      assert.deepEqual(
        ended?.problems.map((p) => [p.file, p.code]),
        [[join(site, "posts", "list.njk"), "code-file"]],
      );
      assert.equal(ended?.files, 0);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  test("a check ends by returning its problems: at the analysis, errors and warnings with the pages read", async () => {
    const build = new WeeklyBuild(opts, ".", { info: () => {}, warn: () => {}, error: () => assert.fail("a check prints nothing") }, () => ({ WEEKLY_NOW: "2026-03-01", WEEKLY_CHECK: "1" }));
    build.parse = (source, env) => new MarkdownIt().parse(source, env);
    assert.equal(await start(build, {}), undefined, "nothing ends the check at its start");
    const page = "./posts/2026-W06-ai-weekly.md";
    admit(build, { inputPath: page, data: { title: "第 6 周", date: "2026-02-05" }, body: "[下周](./2026-W99-ai-weekly.md)" });
    const ended = await analyse(build, { inputPathToUrl: { [page]: ["/posts/2026-W06-ai-weekly/"] } });
    assert.equal(ended?.files, 1);
    assert.ok(ended?.problems.some((p) => p.file === "posts/2026-W06-ai-weekly.md" && p.code === "broken-link"), JSON.stringify(ended?.problems));
  });
});

/** The table docs/ARCHITECTURE.md shows, made from the code's. */
function stageTable(): string {
  const rows = STAGES.map((stage) => `| ${stage.name} | \`${stage.on}\` | ${stage.check ? "yes" : "no"} | ${stage.does} |`);
  return ["| stage | runs on | in `weekly check` | what it does |", "|---|---|---|---|", ...rows].join("\n");
}
