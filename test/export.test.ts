// `weekly export` run on a fixture blog (W06 published, W07 scheduled and holding
// every construct, W08 a draft with a broken link), each edition parsed and checked against the
// built site; then the preview's edition pages and their 复制 button in Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseHTML } from "linkedom";
import { type BrowserContext } from "playwright-core";
import { launchChromium } from "./browserKit.js";
import { columns } from "../src/editions/text.js";
import { EDITIONS } from "../src/editions/registry.js";
import { listed } from "../src/cli/commandLine.js";
import { all, copySite, listFiles, outputPathOf, removeOutput, runEleventy, runWeekly, runWeeklyInProcess, tempOutput, text } from "./helpers.js";
import { serveFolder, type StaticSite } from "./staticServer.js";

const SITE = "https://weekly.example.org";
/** W07 is scheduled for 2026-02-12 08:00: the editions are made the day before. */
const BEFORE = { WEEKLY_NOW: "2026-02-11T10:00" };
const REPORTS = [
  ["W06, the blog's first report", "2026-W06"],
  ["W07, every construct", "2026-W07"],
] as const;
const CHROMIUM = process.env.WEEKLY_TEST_CHROMIUM ?? "/usr/bin/chromium";

let site: string;
let output: string;
let built: Set<string>;

before(() => {
  site = copySite("editions");
  output = tempOutput("editions");
  // Built once W07 is live, so that each link of its editions can be followed to a page.
  const build = runEleventy(site, output, { WEEKLY_NOW: "2026-02-13" });
  assert.equal(build.status, 0, build.stderr);
  built = new Set(listFiles(output));
});
after(() => {
  removeOutput(output);
  removeOutput(site);
});

async function exported(week: string, format: string): Promise<{ html: string; stderr: string }> {
  const run = await runWeeklyInProcess(site, ["export", week, "--format", format], BEFORE);
  assert.equal(run.status, 0, run.stderr);
  return { html: run.stdout, stderr: run.stderr };
}

/** An HTML fragment (or document) parsed as a whole document. */
const fragment = (html: string) => parseHTML(/^\s*<!doctype/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);

/** Whether a URL of the site leads to a file of the output (and, with a fragment, to an element with that id). */
function leadsToPage(url: string): boolean {
  const { pathname, hash } = new URL(url);
  const file = outputPathOf(pathname);
  if (!built.has(file)) return false;
  if (hash === "") return true;
  return parseHTML(readFileSync(join(output, file), "utf8")).document.getElementById(decodeURIComponent(hash.slice(1))) !== null;
}

describe("weekly export --format email", () => {
  for (const [name, week] of REPORTS) {
    test(`${name}: one document under 100 KB, in Chinese, no script or outside stylesheet, every link and image leading to the built site or an absolute address`, async () => {
      const { html } = await exported(week, "email");
      assert.ok(Buffer.byteLength(html) < 100 * 1024);
      const { document } = parseHTML(html);
      assert.equal(document.documentElement.getAttribute("lang"), "zh-CN");
      assert.equal(document.querySelectorAll("script, link[rel=stylesheet], iframe").length, 0);
      for (const a of all(document, "a[href]")) {
        const href = a.getAttribute("href")!;
        if (href === "{{unsubscribe_url}}") continue;
        assert.match(href, /^https?:\/\//, `${week}: ${href}`);
        if (href.startsWith(`${SITE}/`)) assert.ok(leadsToPage(href), `${week}: ${href} leads to no page of the built site`);
      }
      for (const img of all(document, "img")) {
        assert.ok(img.hasAttribute("width") && img.hasAttribute("alt"), img.outerHTML);
        assert.match(img.getAttribute("src")!, /^https?:\/\//);
      }
      assert.equal(all(document, "a").filter((a) => text(a) === "在网页上阅读")[0]?.getAttribute("href"), `${SITE}/posts/${week}-ai-weekly/`);
      assert.equal(all(document, "a").filter((a) => text(a) === "本周新闻摘要")[0]?.getAttribute("href"), `${SITE}/weekly_news/ai_news_${week}/`);
    });
  }

  test("W07's hostile text stays text, and the author's raw HTML keeps no handler", async () => {
    const { html } = await exported("2026-W07", "email");
    const { document } = parseHTML(html);
    assert.deepEqual(all(document, "*").flatMap((e) => [...e.attributes].map((a) => a.name)).filter((name) => name.startsWith("on")), []);
    assert.deepEqual(all(document, "[href^='javascript:' i], [src^='javascript:' i]"), []);
    assert.match(document.body.textContent!, /恶意文本：<script>alert\(1\)<\/script> 与 \[假链接\]\(javascript:alert\(1\)\)/);
  });
});

describe("weekly export --format wechat", () => {
  for (const [name, week] of REPORTS) {
    test(`${name}: no id, class, style element, script or iframe, no link to an outside site; each link a numbered reference in 参考链接`, async () => {
      const { html } = await exported(week, "wechat");
      const { document } = fragment(html);
      assert.deepEqual(all(document, "[id], [class], style, script, iframe").map((e) => e.outerHTML.slice(0, 60)), []);
      assert.deepEqual(all(document, "a[href]").map((a) => a.getAttribute("href")).filter((href) => !/^https:\/\/mp\.weixin\.qq\.com\//.test(href!)), []);
      const references = text(document.body).split("参考链接")[1] ?? "";
      assert.match(references, new RegExp(`\\[1\\] .+: ${SITE.replace(/\./g, "\\.")}/`), "the first reference is a page of the site");
    });
  }
});

describe("weekly export: the editions' outline", () => {
  for (const format of ["email", "wechat"]) {
    for (const [name, week] of REPORTS) {
      test(`${format}, ${name}: the title is the only h1, the sections start at h2 and no level is skipped, whatever levels the author wrote`, async () => {
        const { html } = await exported(week, format);
        const levels = all(fragment(html).document, "h1, h2, h3, h4, h5, h6").map((h) => Number(h.tagName[1]));
        assert.ok(levels.filter((level) => level === 1).length <= 1, `one title at most: ${levels}`);
        assert.ok(levels.length > 1, `${levels}`);
        // W06 is written with ### sections before its ## one: each becomes an h2.
        const sections = levels.filter((level) => level > 1);
        assert.equal(sections[0], 2, `${levels}`);
        for (const [i, level] of sections.entries()) assert.ok(i === 0 || level <= sections[i - 1]! + 1, `h${sections[i - 1]} then h${level}: ${levels}`);
        assert.ok(!html.includes("<wbr>"), "the site's word breaks are left out of the editions");
      });
    }
  }
});

describe("weekly export --format text", () => {
  for (const [name, week] of REPORTS) {
    test(`${name}: every line fits in 78 columns, a Chinese character counting two, but for whole URLs and code`, async () => {
      const { html: body } = await exported(week, "text");
      const code = new Set(readFileSync(join(site, "posts", `${week}-ai-weekly.md`), "utf8").split("\n").map((line) => `    ${line}`));
      const long = body.split("\n").filter((line) => columns(line) > 78);
      assert.deepEqual(long.filter((line) => !/^(\[\d+\] )?https?:\/\/\S+$/.test(line.trim()) && !code.has(line)), []);
      assert.ok(body.startsWith(`${body.split("\n")[0]}\n${"=".repeat(columns(body.split("\n")[0]!))}\n`), "the title, underlined");
    });
  }
});

describe("weekly export: which report, and what it says", () => {
  test("a scheduled report is exported with the moment its page goes live; a published one says it is live", async () => {
    // The line about the moment; the fixture's other notes (raw HTML removed) are tested on their own.
    assert.ok(
      (await exported("2026-W07", "text")).stderr.split("\n").includes("weekly export: posts/2026-W07-ai-weekly.md as text; its web page goes live at 2026-02-12 08:00 (Asia/Shanghai)."),
    );
    assert.equal((await exported("posts/2026-W06-ai-weekly.md", "text")).stderr, "weekly export: posts/2026-W06-ai-weekly.md as text; its web page is live.\n");
  });

  test("a report with problems stops with weekly check's message; a week without a report names the newest", async () => {
    // A real process: the exit status, the empty standard output and the message as a shell sees them.
    const draft = runWeekly(site, ["export", "2026-W08", "--format", "email"], BEFORE);
    assert.equal(draft.status, 1);
    assert.equal(draft.stdout, "");
    assert.deepEqual(draft.stderr.trimEnd().split("\n"), [
      'posts/2026-W08-ai-weekly.md:13:18  link "../weekly_news/ai_news_2026-W70" matches no page (looked for weekly_news/ai_news_2026-W70.md and weekly_news/ai_news_2026-W70/index.md). Did you mean ../weekly_news/ai_news_2026-W07? [broken-link]',
      "weekly export: posts/2026-W08-ai-weekly.md has 1 problem; fix it first (weekly check lists every one).",
    ]);
    const none = await runWeeklyInProcess(site, ["export", "2026-W10", "--format", "text"], BEFORE);
    assert.equal(none.status, 1);
    assert.equal(none.stderr, "weekly export: no report for 2026-W10 (the newest is 2026-W08); start one with weekly new 2026-W10, which writes posts/2026-W10-ai-weekly.md and weekly_news/ai_news_2026-W10.md from the template, scheduled at 2026-03-05.\n");
  });

  test("in Chinese (the site's language, or WEEKLY_LANG=zh): the same lines in Chinese, file names, weeks and commands as they are", async () => {
    const zh = { ...BEFORE, WEEKLY_LANG: "zh" };
    const live = await runWeeklyInProcess(site, ["export", "posts/2026-W06-ai-weekly.md", "--format", "text"], zh);
    assert.equal(live.stderr, "weekly export：posts/2026-W06-ai-weekly.md 已导出为 text；它的网页已经上线。\n");
    const scheduled = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "text"], zh);
    assert.ok(scheduled.stderr.split("\n").includes("weekly export：posts/2026-W07-ai-weekly.md 已导出为 text；它的网页将于 2026-02-12 08:00（Asia/Shanghai）上线。"), scheduled.stderr);
    const none = await runWeeklyInProcess(site, ["export", "2026-W10", "--format", "text"], zh);
    assert.equal(none.status, 1);
    assert.equal(none.stderr, "weekly export：没有 2026-W10 的报告（最新一期是 2026-W08）；用 `weekly new 2026-W10` 开始这一期（它按模板写出 posts/2026-W10-ai-weekly.md 和 weekly_news/ai_news_2026-W10.md，定时 2026-03-05）。\n");
    const refused = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "text", "-o", "w07.html"], zh);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^weekly export：-o w07\.html 在站点的输入文件夹（\.）里：下次构建会把它当作页面或数据读取并发布；什么也没有写。/);
    for (const run of [live, scheduled, none, refused]) assert.doesNotMatch(run.stderr, /\b(the|is|its|with)\b/, "no English words left");
  });

  test("a digest not live by the time the report is, is not linked", async () => {
    // W06's digest held back as a draft, and the report's own link to it taken out.
    const digestPath = join(site, "weekly_news/ai_news_2026-W06.md");
    const reportPath = join(site, "posts/2026-W06-ai-weekly.md");
    const [digest, report] = [readFileSync(digestPath, "utf8"), readFileSync(reportPath, "utf8")];
    writeFileSync(digestPath, digest.replace("---\n", "---\ndraft: true\n"));
    writeFileSync(reportPath, report.replace("- [AI Weekly Digest — 2026-W06](../weekly_news/ai_news_2026-W06)\n", ""));
    try {
      const run = await runWeeklyInProcess(site, ["export", "2026-W06", "--format", "text"], BEFORE);
      assert.equal(run.status, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /本周新闻摘要|ai_news_2026-W06/);
    } finally {
      writeFileSync(digestPath, digest);
      writeFileSync(reportPath, report);
    }
  });

  test("a site served from a folder (the config's pathPrefix) has the folder in every address of its editions", async () => {
    const configPath = join(site, "eleventy.config.js");
    const config = readFileSync(configPath, "utf8");
    writeFileSync(configPath, config.replace("markdownTemplateEngine: false", 'markdownTemplateEngine: false, pathPrefix: "/blog/"'));
    try {
      const { document } = parseHTML((await exported("2026-W06", "email")).html);
      const ours = all(document, "a[href]").map((a) => a.getAttribute("href")!).filter((href) => href.startsWith(SITE));
      assert.ok(ours.length > 3);
      assert.deepEqual(ours.filter((href) => !href.startsWith(`${SITE}/blog/`)), []);
    } finally {
      writeFileSync(configPath, config);
    }
  });

  test("-o writes the edition to a file and prints its path, only where no build reads it; a wrong --format is refused", async () => {
    writeFileSync(join(site, ".eleventyignore"), "letters/\n");
    const run = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "email", "-o", "letters/w07.html"], BEFORE);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "letters/w07.html\n");
    assert.match(readFileSync(join(site, "letters/w07.html"), "utf8"), /^<!DOCTYPE html>/i);
    const inside = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "email", "-o", "w07.html"], BEFORE);
    assert.equal(inside.status, 2);
    assert.equal(
      inside.stderr,
      "weekly export: -o w07.html is inside the site's input folder (.), where the next build would read it as a page or data and publish it; nothing written. Write it outside what a build reads, such as -o ../w07.html, or in a folder the site ignores (one listed in .eleventyignore).\n",
    );
    const folder = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "text", "-o", "letters"], BEFORE);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /^weekly export: cannot write letters: EISDIR/);
    assert.deepEqual(listFiles(join(site, "letters")).filter((f) => f.includes("partial")), []);
    const wrong = await runWeeklyInProcess(site, ["export", "2026-W07", "--format", "pdf"], BEFORE);
    assert.equal(wrong.status, 2);
    assert.equal(wrong.stderr, `weekly export: --format received "pdf"; expected ${listed(EDITIONS.map((edition) => edition.name), "or")}.\n`);
  });
});


describe("weekly export -o never publishes a held-back report", () => {
  // Each of these was written, and the next production build published the scheduled W07 from it,
  // kept it in the output, or broke on it.
  const REFUSED: Array<[string, RegExp]> = [
    [".drafts/w07.md", /^weekly export: -o \.drafts\/w07\.md is inside the site's input folder \(\.\), where the next build would read it as a page or data and publish it; nothing written\. Write it outside what a build reads, such as -o \.\.\/w07\.md, or in a folder the site ignores/],
    [".github/newsletter-w07.html", /is inside the site's input folder \(\.\)/],
    ["_site/w07.html", /is inside the output folder \(_site\), which is published as it is/],
    ["posts/posts.11tydata.js", /is inside the site's input folder/],
    ["posts/2026-W07-ai-weekly.json", /is inside the site's input folder/],
    ["_data/w07.json", /is inside the global data folder \(_data\), which every build reads/],
    ["eleventy.config.js", /is the site's own eleventy\.config\.js, which every build reads/],
    [".cache/weekly/cards/w07.png", /is inside the plugin's cache \(\.cache\/weekly\)/],
    // Links made below: a name outside the input folder's reach that leads into it.
    ["letters/to-posts/w07.md", /^weekly export: -o letters\/to-posts\/w07\.md leads to posts\/w07\.md, which is inside the site's input folder/],
    ["letters/new-post.md", /^weekly export: -o letters\/new-post\.md leads to posts\/new-post\.md, which is inside/],
  ];
  let exportSite: string;
  let production: string;
  const files = () => listFiles(exportSite).filter((file) => !file.startsWith("node_modules/"));

  before(async () => {
    exportSite = copySite("editions");
    writeFileSync(join(exportSite, ".eleventyignore"), "letters/\n");
    mkdirSync(join(exportSite, "letters"));
    symlinkSync(join(exportSite, "posts"), join(exportSite, "letters", "to-posts"));
    symlinkSync(join("..", "posts", "new-post.md"), join(exportSite, "letters", "new-post.md"));
    production = tempOutput("export-targets");
  });
  after(() => {
    removeOutput(production);
    removeOutput(exportSite);
  });

  test("each place a build reads or serves is refused by name, with where to write instead, and nothing is written", async () => {
    const before = files();
    for (const [target, message] of REFUSED) {
      const run = await runWeeklyInProcess(exportSite, ["export", "2026-W07", "--format", target.endsWith(".md") ? "text" : "email", "-o", target], BEFORE);
      assert.equal(run.status, 2, `${target}: ${run.stderr}`);
      assert.match(run.stderr, message, target);
      assert.equal(run.stdout, "", target);
    }
    assert.deepEqual(files(), before);
  });

  test("raw HTML left open keeps the rest of the report in every edition, and the warning names the report and what was removed", async () => {
    const w06 = join(exportSite, "posts", "2026-W06-ai-weekly.md");
    const original = readFileSync(w06, "utf8");
    writeFileSync(w06, `${original}\n<div style="position:fixed;top:0">覆盖</div>\n\n<iframe src="https://evil.example/">\n\n## 之后的章节\n\n尾声-END\n`);
    try {
      for (const format of ["email", "wechat", "text"]) {
        const run = await runWeeklyInProcess(exportSite, ["export", "2026-W06", "--format", format], BEFORE);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(
          run.stderr.split("\n")[0],
          'weekly export: warning: posts/2026-W06-ai-weekly.md: what no edition keeps was removed: unclosed <iframe> (only its opening tag removed); style "position:fixed" on <div>; style "top:0" on <div>.',
        );
        assert.match(run.stdout, /之后的章节[\s\S]*尾声-END/, format);
        assert.doesNotMatch(run.stdout, /<iframe|evil\.example|position:\s*fixed/, format);
      }
    } finally {
      writeFileSync(w06, original);
    }
  });

  test("an ignored folder and a folder outside the site are written to, and a production build afterwards has no trace of W07", async () => {
    const outside = mkdtempSync(join(tmpdir(), "weekly-letters-"));
    for (const target of ["letters/w07.html", join(outside, "w07.html")]) {
      const run = await runWeeklyInProcess(exportSite, ["export", "2026-W07", "--format", "email", "-o", target], BEFORE);
      assert.equal(run.status, 0, run.stderr);
      assert.match(readFileSync(join(exportSite, target.startsWith("/") ? relative(exportSite, target) : target), "utf8"), /专注推理/);
    }
    removeOutput(outside);
    const build = runEleventy(exportSite, production, BEFORE);
    assert.equal(build.status, 0, build.stderr);
    const traces = listFiles(production).filter((file) => /W07|w07/.test(file) || readFileSync(join(production, file)).includes("专注推理"));
    assert.deepEqual(traces, []);
  });
});

describe("the preview's edition pages", () => {
  let preview: string;
  let served: StaticSite;
  let context: BrowserContext;

  before(async () => {
    preview = tempOutput("editions-preview");
    const build = runEleventy(site, preview, { ...BEFORE, WEEKLY_PREVIEW: "1" });
    assert.equal(build.status, 0, build.stderr);
    served = await serveFolder(preview);
    context = await launchChromium({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      viewport: { width: 1000, height: 900 },
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(served.url).origin });
  });
  after(async () => {
    await context?.close();
    await served?.close();
    removeOutput(preview);
  });

  test("only the newest 10 reports have edition pages, so that a preview of years of reports stays quick", () => {
    const many = copySite("editions");
    const out = tempOutput("editions-many");
    try {
      for (let week = 1; week <= 10; week += 1) {
        const date = new Date(Date.UTC(2025, 0, 2 + 7 * (week - 1))).toISOString().slice(0, 10);
        const ww = String(week).padStart(2, "0");
        writeFileSync(join(many, "posts", `2025-W${ww}-ai-weekly.md`), `---\ntitle: 2025年W${ww}周报\ndate: ${date}\ntags: [AI]\n---\n\n第 ${week} 周。\n`);
      }
      const build = runEleventy(many, out, { ...BEFORE, WEEKLY_PREVIEW: "1" });
      assert.equal(build.status, 0, build.stderr);
      const withEditions = listFiles(out).filter((file) => file.endsWith("/editions/email/index.html")).map((file) => file.split("/")[1]).sort();
      // W06, W07, W08 of 2026 and the newest seven of 2025.
      assert.deepEqual(withEditions, ["2025-W04-ai-weekly", "2025-W05-ai-weekly", "2025-W06-ai-weekly", "2025-W07-ai-weekly", "2025-W08-ai-weekly", "2025-W09-ai-weekly", "2025-W10-ai-weekly", "2026-W06-ai-weekly", "2026-W07-ai-weekly", "2026-W08-ai-weekly"]);
      const links = (stem: string) => all(parseHTML(readFileSync(join(out, "posts", stem, "index.html"), "utf8")).document, ".edition-links a").map((a) => a.getAttribute("href"));
      assert.deepEqual(links("2025-W04-ai-weekly"), ["/posts/2025-W04-ai-weekly/editions/email/", "/posts/2025-W04-ai-weekly/editions/wechat/"]);
      assert.deepEqual(links("2025-W03-ai-weekly"), []);
    } finally {
      removeOutput(out);
      removeOutput(many);
    }
  });

  test("an edition page names what the allow-list removed from the report's raw HTML; a report that lost nothing has no such line", () => {
    const removed = (stem: string, format: string) =>
      all(parseHTML(readFileSync(join(preview, "posts", stem, "editions", format, "index.html"), "utf8")).document, ".edition-removed code").map((code) => text(code));
    assert.deepEqual(removed("2026-W07-ai-weekly", "email"), ["<img> 上的 onerror="]);
    assert.deepEqual(removed("2026-W07-ai-weekly", "wechat"), ["<img> 上的 onerror="]);
    assert.deepEqual(removed("2026-W06-ai-weekly", "email"), []);
  });

  test("a production build has no edition page, nor a link to one", () => {
    assert.deepEqual([...built].filter((file) => file.includes("editions")), []);
    assert.equal(parseHTML(readFileSync(join(output, "posts/2026-W07-ai-weekly/index.html"), "utf8")).document.querySelector(".edition-links"), null);
  });

  for (const [label, format] of [["邮件版", "email"], ["公众号版", "wechat"]] as const) {
    test(`the scheduled W07 links its ${label}; its 复制 button puts the edition's HTML and its text on the clipboard`, async () => {
      const page = await context.newPage();
      await page.goto(new URL("posts/2026-W07-ai-weekly/", served.url).href);
      await page.getByRole("link", { name: label }).click();
      await page.waitForURL(`**/posts/2026-W07-ai-weekly/editions/${format}/`);
      // The email is shown in a frame where nothing runs.
      if (format === "email") assert.equal(await page.locator("iframe").getAttribute("sandbox"), "allow-same-origin allow-popups allow-popups-to-escape-sandbox");
      await page.getByRole("button", { name: "复制" }).click();
      await page.getByText("已复制").waitFor();
      const clipboard = await page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        return { html: await (await item!.getType("text/html")).text(), text: await (await item!.getType("text/plain")).text() };
      });
      const expected = JSON.parse(await page.locator("#edition-data").textContent() ?? "{}") as { html: string; text: string };
      assert.equal(clipboard.text, expected.text);
      assert.ok(clipboard.text.startsWith("2026年W07人工智能周报：Claude Opus 4.5专注推理\n"));
      // Chromium puts the markup on the clipboard as it sanitises it: every text a reader sees is there
      // (the email's hidden preheader is not).
      const shown = fragment(expected.html).document;
      for (const hidden of all(shown, "[style*='display: none'], [style*='display:none']")) hidden.remove();
      assert.equal(text(fragment(clipboard.html).document.body).replace(/\s+/g, ""), text(shown.body).replace(/\s+/g, ""));
      await page.close();
    });
  }
});
