// Scheduled publishing, proven on whole builds: nothing of a held-back page anywhere in the output.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { all, codesOf, copySite, ELEVENTY_BIN, FIXTURES, isContentWarning, listFiles, outputLines, problemsWithCode, readSite, removeOutput, runEleventy, stoppingErrors, tempOutput, text, type BuiltSite, asRead } from "./helpers.js";

const SITE = join(FIXTURES, "scheduled");

interface Held {
  file: string;
  title: string;
  url: string;
}
const W06: Held = { file: "2026-W06-ai-weekly", title: "W06 按日期定时的周报", url: "/posts/2026-W06-ai-weekly/" };
const W07: Held = { file: "2026-W07-ai-weekly", title: "W07 尚未上线的秘密周报", url: "/posts/2026-W07-ai-weekly/" };
const W08: Held = { file: "2026-W08-ai-weekly", title: "W08 带时区的未来周报", url: "/posts/2026-W08-ai-weekly/" };
const DRAFT: Held = { file: "idea-draft", title: "草稿：尚未写完的想法", url: "/posts/idea-draft/" };

/**
 * Builds the fixture with `eleventy` in its own process; `log` holds the plugin's summary line(s)
 * (not the content's warnings, which the tests of their rules pin, nor the line on the search
 * index, which says whether an earlier build's index was reused: see searchCache.test.ts).
 */
function build(env: Record<string, string>, output = tempOutput("scheduled"), siteDir = SITE, args: string[] = []): { site: BuiltSite; log: string[] } {
  const run = runEleventy(siteDir, output, env, args);
  assert.equal(run.status, 0, run.stderr);
  return { site: readSite(output), log: outputLines(run).filter((line) => line.startsWith("[weekly]") && !line.startsWith("[weekly] search index:") && !isContentWarning(line)) };
}

/**
 * Searches every file of the output, whatever its kind (HTML, XML, JSON, text), for any trace of
 * a held-back page: its title, its URL (as written and percent-encoded) and its file name.
 */
function assertNoTrace(site: BuiltSite, page: Held): void {
  const needles = [page.title, page.url, encodeURI(page.url), page.file];
  for (const [file, content] of site.files) {
    assert.ok(!file.includes(page.file), `${file} is named after ${page.file}`);
    const read = asRead(content);
    for (const needle of needles) {
      assert.ok(!read.includes(needle), `${file} contains "${needle}" of a page that is not published`);
    }
  }
}

function assertPublished(site: BuiltSite, page: Held): void {
  assert.equal(text(site.page(page.url).querySelector("h1")), page.title);
  assert.ok(all(site.page("/"), ".report-list a").some((a) => a.getAttribute("href") === page.url), `${page.url} is not on the home page`);
}

const homeLinks = (site: BuiltSite) => all(site.page("/"), ".report-list h2 a").map((a) => a.getAttribute("href"));

describe("a production build one second before W07 goes live", () => {
  let site: BuiltSite;
  let log: string[];
  before(() => ({ site, log } = build({ WEEKLY_NOW: "2026-02-12T07:59:59" })));
  after(() => removeOutput(site));

  test("publishes W05 and W06 (its date-only schedule has passed), newest first", () => {
    assert.deepEqual(homeLinks(site), ["/posts/2026-W06-ai-weekly/", "/posts/2026-W05-ai-weekly/"]);
    assertPublished(site, W06);
  });

  test("leaves no trace of W07, W08 or the draft in any file of the output", () => {
    // The hot words, trends and year pages among them: they count only what is published.
    for (const file of ["trends/index.html", "years/2026/index.html"]) assert.ok(site.files.has(file), file);
    for (const page of [W07, W08, DRAFT]) assertNoTrace(site, page);
  });

  test("the only social cards are those of the published pages (a card's pixels cannot be searched, so none is made for a held-back report)", () => {
    const images = [...site.files.keys()].filter((file) => file.startsWith("cards/") || file.endsWith(".png")).sort();
    assert.deepEqual(images, ["cards/index.png", "cards/posts/2026-W05-ai-weekly/index.png", "cards/posts/2026-W06-ai-weekly/index.png"]);
  });

  test("has no page for a tag used only by held-back reports, and tag pages list only published reports", () => {
    for (const [file, content] of site.files) {
      assert.ok(!content.includes("仅定时标签") && !content.includes("草稿专用标签"), `${file} names a tag of an unpublished report`);
    }
    assert.deepEqual(all(site.page("/tags/"), ".tag-index a").map(text), ["AI", "Jeremy", "R&D <实验>"]);
    assert.deepEqual(all(site.page("/tags/ai/"), "main .report-list a").map((a) => a.getAttribute("href")), [W06.url, "/posts/2026-W05-ai-weekly/"]);
  });

  test("the W07 digest is published, but its list of citing reports is empty", () => {
    assert.deepEqual(all(site.page("/weekly_news/ai_news_2026-W07/"), ".cited-by a"), []);
    assert.equal(text(site.page("/weekly_news/ai_news_2026-W07/").querySelector(".cited-by p")), "暂无报告引用本摘要。");
  });

  test("the search index holds the published reports and nothing of the held-back ones", () => {
    const index = [...site.files].filter(([file]) => file.startsWith("pagefind/") && file.endsWith(".pf_fragment"));
    assert.ok(index.some(([, content]) => content.includes(W06.title)), "W06 is searchable");
    // assertNoTrace (above) searched these unpacked fragments too.
  });

  test("a tag with & and < in its name: escaped once in the page title and heading", () => {
    const doc = site.page("/tags/rd-实验/");
    assert.equal(text(doc.querySelector("title")), "标签：R&D <实验> · 定时发布测试站");
    assert.equal(text(doc.querySelector("h1")), "标签：R&D <实验>");
    assert.equal(doc.querySelector('meta[property="og:title"]')?.getAttribute("content"), "标签：R&D <实验>");
  });

  test("previous and next link the published reports only: W06's next is none while W07 waits", () => {
    const pager = (url: string) => all(site.page(url), ".pager a").map((a) => [a.getAttribute("rel"), a.getAttribute("href")]);
    assert.deepEqual(pager("/posts/2026-W05-ai-weekly/"), [["next", W06.url]]);
    assert.deepEqual(pager(W06.url), [["prev", "/posts/2026-W05-ai-weekly/"]]);
  });

  test("the feeds and the sitemap list the published reports only", () => {
    const atom = site.files.get("feed.xml")!;
    assert.deepEqual([...atom.matchAll(/<entry>\s*<title>([^<]+)<\/title>/g)].map((m) => m[1]), [W06.title, "W05 已发布周报"]);
    const sitemap = site.files.get("sitemap.xml")!;
    assert.ok(sitemap.includes(`<loc>https://scheduled.example.org${W06.url}</loc>`));
  });

  test("no page carries a preview notice or a noindex (but the 404 page)", () => {
    const marked = [...site.files.keys()]
      .filter((file) => file.endsWith(".html"))
      .filter((file) => site.page(`/${file}`).querySelector(".preview-notice, meta[name=robots]") !== null);
    assert.deepEqual(marked, ["404.html"]);
  });

  test("ends with the summary line: what was published, what waits, when to rebuild", () => {
    assert.deepEqual(log, [
      "[weekly] published 2 reports and 4 digests; scheduled: posts/2026-W07-ai-weekly.md at 2026-02-12 08:00 (UTC+8), " +
        "posts/2026-W08-ai-weekly.md at 2026-02-19 08:00 (UTC+8); drafts: posts/idea-draft.md; next goes live 2026-02-12 08:00 (UTC+8): rebuild then.",
    ]);
  });
});

describe("a production build one second after W07 goes live", () => {
  let site: BuiltSite;
  let log: string[];
  before(() => ({ site, log } = build({ WEEKLY_NOW: "2026-02-12T08:00:01" })));
  after(() => removeOutput(site));

  test("publishes W07 on the home page, its tag pages and its digest's list", () => {
    assert.deepEqual(homeLinks(site), [W07.url, W06.url, "/posts/2026-W05-ai-weekly/"]);
    assertPublished(site, W07);
    assert.deepEqual(all(site.page("/tags/仅定时标签/"), "main .report-list a").map((a) => a.getAttribute("href")), [W07.url]);
    assert.deepEqual(all(site.page("/weekly_news/ai_news_2026-W07/"), ".cited-by a").map((a) => a.getAttribute("href")), [W07.url]);
  });

  test("still leaves no trace of W08 (08:00 UTC+8 a week later) or the draft", () => {
    assertNoTrace(site, W08);
    assertNoTrace(site, DRAFT);
    assert.match(log[0]!, /; next goes live 2026-02-19 08:00 \(UTC\+8\): rebuild then\.$/);
  });
});

describe("W08's offset form: 2026-02-19T00:00+00:00 is 08:00 in Shanghai", () => {
  for (const [now, published] of [["2026-02-19T07:59:59", false], ["2026-02-19T08:00:00", true]] as const) {
    test(`at ${now} W08 is ${published ? "published" : "held back"}`, () => {
      const { site } = build({ WEEKLY_NOW: now });
      try {
        if (published) assertPublished(site, W08);
        else assertNoTrace(site, W08);
      } finally {
        removeOutput(site);
      }
    });
  }
});

describe("clean output across builds", () => {
  // A copy of the site, built into its default _site/ as a blogger would.
  let site: string;
  let output: string;
  let later: BuiltSite;
  let fresh: BuiltSite;
  let freshSite: string;
  before(() => {
    site = copySite("scheduled");
    output = join(site, "_site");
    writeFileSync(join(site, "notes.txt"), "the author's own file");
    build({ WEEKLY_NOW: "2026-02-19T08:00:01" }, output, site);
    assert.ok(existsSync(join(output, "posts", W07.file, "index.html")) && existsSync(join(output, "posts", W08.file, "index.html")));
    writeFileSync(join(output, "CNAME"), "weekly.example.org\n"); // placed there by hand, for the host
    rmSync(join(site, "posts", `${W08.file}.md`)); // W08's source is deleted
    ({ site: later } = build({ WEEKLY_NOW: "2026-02-12T07:59:59" }, output, site));
    // The same content built once into an empty folder, from a copy without an earlier _site/.
    freshSite = copySite("scheduled");
    rmSync(join(freshSite, "posts", `${W08.file}.md`));
    ({ site: fresh } = build({ WEEKLY_NOW: "2026-02-12T07:59:59" }, tempOutput("fresh"), freshSite));
  });
  after(() => {
    removeOutput(site);
    removeOutput(freshSite);
    removeOutput(fresh);
  });

  test("a page unpublished since the last build, and a page whose source is gone, are removed", () => {
    assert.equal(later.has(W07.url), false);
    assert.equal(later.has(W08.url), false);
    assert.equal(later.has("/tags/仅定时标签/"), false);
    assertNoTrace(later, W07);
    assertNoTrace(later, W08);
  });

  test("the output holds what a build into an empty folder holds, byte for byte, and the file placed by hand", () => {
    assert.deepEqual([...later.files.keys()], [...fresh.files.keys(), "CNAME"].sort());
    for (const [file, content] of fresh.files) assert.equal(later.files.get(file), content, file);
    assert.equal(later.files.get("CNAME"), "weekly.example.org\n");
  });

  test("nothing outside the output folder is touched", () => {
    assert.equal(readFileSync(join(site, "notes.txt"), "utf8"), "the author's own file");
    assert.ok(existsSync(join(site, "posts", `${W06.file}.md`)));
  });

  test("--dryrun removes nothing and copies nothing", () => {
    const before = readSite(output).files;
    const run = runEleventy(site, output, { WEEKLY_NOW: "2026-01-01" }, ["--dryrun"]); // nothing published yet then
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readSite(output).files, before);
  });

  test("an --incremental production build stops on a page drafted since the last build; a full build removes it", () => {
    const first = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T08:00:01" }, ["--incremental"]);
    assert.equal(first.status, 0, first.stderr);
    assert.ok(readSite(output).has(W07.url));
    const source = join(site, "posts", `${W07.file}.md`);
    const text = readFileSync(source, "utf8");
    writeFileSync(source, text.replace("tags: [AI, 仅定时标签]", "tags: [AI, 仅定时标签]\ndraft: true"));
    try {
      const before = readSite(output).files;
      const incremental = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T08:00:01" }, ["--incremental"]);
      assert.equal(incremental.status, 1);
      assert.ok(
        outputLines(incremental).includes(
          `posts/${W07.file}.md:1:1  was published by an earlier build and is not now; an --incremental build would leave it on the pages that list or link it. Build without --incremental. [stale-incremental]`,
        ),
        incremental.stderr,
      );
      assert.deepEqual(readSite(output).files, before, "nothing written");
      const full = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T08:00:01" });
      assert.equal(full.status, 0, full.stderr);
      assertNoTrace(readSite(output), W07);
    } finally {
      writeFileSync(source, text);
    }
  });

  test("an output folder holding the author's files only loses what earlier builds wrote there", () => {
    const folder = join(site, "src");
    mkdirSync(folder);
    writeFileSync(join(folder, "keep.ts"), "export const kept = true;\n");
    build({ WEEKLY_NOW: "2026-02-12T08:00:01" }, folder, site);
    assert.ok(existsSync(join(folder, "posts", W07.file, "index.html")));
    build({ WEEKLY_NOW: "2026-02-12T07:59:59" }, folder, site);
    assert.equal(existsSync(join(folder, "posts", W07.file, "index.html")), false);
    assert.equal(readFileSync(join(folder, "keep.ts"), "utf8"), "export const kept = true;\n");
  });
});

describe("preview (WEEKLY_PREVIEW=1) one second before W07", () => {
  let site: BuiltSite;
  let log: string[];
  before(() => ({ site, log } = build({ WEEKLY_NOW: "2026-02-12T07:59:59", WEEKLY_PREVIEW: "1" })));
  after(() => removeOutput(site));

  const cases: Array<[Held, string]> = [
    [W07, "定时发布 2026-02-12 08:00 (UTC+8)"],
    [W08, "定时发布 2026-02-19 08:00 (UTC+8)"],
    [DRAFT, "草稿"],
  ];
  for (const [page, notice] of cases) {
    test(`builds ${page.file} with the notice "${notice}" and a noindex robots meta`, () => {
      const doc = site.page(page.url);
      assert.equal(text(doc.querySelector("h1")), page.title);
      assert.equal(text(doc.querySelector(".preview-notice")), notice);
      assert.deepEqual(all(doc, 'meta[name="robots"]').map((m) => m.getAttribute("content")), ["noindex"]);
    });
  }

  test("a published page has no notice; like every page of a preview, it has a noindex", () => {
    const doc = site.page(W06.url);
    assert.equal(doc.querySelector(".preview-notice"), null);
    for (const url of [W06.url, "/", "/tags/ai/", "/weekly_news/ai_news_2026-W07/"]) {
      assert.deepEqual(all(site.page(url), 'meta[name="robots"]').map((m) => m.getAttribute("content")), ["noindex"], url);
    }
  });

  test("the home page lists every report, with the notice beside those not yet published", () => {
    const items = all(site.page("/"), ".report-list h2").map((h) => [h.querySelector("a")?.getAttribute("href"), text(h.querySelector(".preview-badge"))]);
    assert.deepEqual(items, [
      [W08.url, "定时发布 2026-02-19 08:00 (UTC+8)"],
      [W07.url, "定时发布 2026-02-12 08:00 (UTC+8)"],
      [DRAFT.url, "草稿"],
      [W06.url, ""],
      ["/posts/2026-W05-ai-weekly/", ""],
    ]);
  });

  test("says it is a preview in its summary line", () => {
    assert.deepEqual(log, [
      "[weekly] preview built 5 reports and 4 digests; scheduled: posts/2026-W07-ai-weekly.md at 2026-02-12 08:00 (UTC+8), " +
        "posts/2026-W08-ai-weekly.md at 2026-02-19 08:00 (UTC+8); drafts: posts/idea-draft.md (a production build publishes neither before its time).",
    ]);
  });
});

describe("mistakes stop the build before anything is written", () => {
  test("a malformed WEEKLY_NOW names the value and the accepted forms", () => {
    const output = tempOutput("bad-now");
    try {
      const run = runEleventy(SITE, output, { WEEKLY_NOW: "next thursday" });
      assert.equal(run.status, 1);
      assert.ok(
        outputLines(run).includes(
          'WEEKLY_NOW: received "next thursday"; expected a date such as 2026-02-05, or a date and time such as ' +
            "2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai).",
        ),
        run.stderr,
      );
      assert.deepEqual(listFiles(output), []);
    } finally {
      removeOutput(output);
    }
  });

  const SCHEDULE_ERRORS = [
    'posts/a-published.md:6:13  link "./b-scheduled" points to posts/b-scheduled.md, which is not published until 2026-03-01 09:30 (UTC+8): the link would be dead. Remove the link, or schedule this page no earlier than that. [link-held-back]',
    'posts/a-published.md:7:9  link "./c-draft.md" points to posts/c-draft.md, which is a draft (draft: true): the link would be dead. Remove the link, or publish the draft first. [link-held-back]',
    'posts/a-published.md:8:16  link "/posts/b-scheduled/" points to posts/b-scheduled.md, which is not published until 2026-03-01 09:30 (UTC+8): the link would be dead. Remove the link, or schedule this page no earlier than that. [link-held-back]',
    'posts/d-bad-scheduled.md:4:1  scheduled: received "2026-02-30"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai). [invalid-field]',
    'posts/e-bad-draft.md:4:1  draft: received "yes"; expected true or false. [invalid-field]',
    'posts/f-bad-date.md:4:1  date: received "2026-13-01"; expected a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00 (read in Asia/Shanghai). [invalid-field]',
    'posts/g-scheduled-early.md:7:11  link "./h-scheduled-late" points to posts/h-scheduled-late.md, which goes live at 2026-02-27 00:00 (UTC+8), after this page (2026-02-20 08:00 (UTC+8)): the link would be dead until then. Schedule this page no earlier than 2026-02-27 00:00 (UTC+8), or that one no later than 2026-02-20 08:00 (UTC+8). [link-held-back]',
  ];
  for (const brokenLinks of ["error", "false"]) {
    test(`links to held-back pages and bad schedule fields are all reported at once, with file and line (brokenLinks: ${brokenLinks})`, () => {
      const output = tempOutput("schedule-errors");
      try {
        const run = runEleventy(join(FIXTURES, "schedule-errors"), output, { WEEKLY_NOW: "2026-02-10", BROKEN_LINKS: brokenLinks });
        assert.equal(run.status, 1);
        const lines = outputLines(run);
        assert.deepEqual(problemsWithCode(stoppingErrors(lines), codesOf(SCHEDULE_ERRORS)), SCHEDULE_ERRORS);
        assert.deepEqual(listFiles(output), []);
      } finally {
        removeOutput(output);
      }
    });
  }

  test("a missing target in a page not yet published is a warning until that page goes live", () => {
    const output = tempOutput("schedule-errors");
    try {
      const run = runEleventy(join(FIXTURES, "schedule-errors"), output, { WEEKLY_NOW: "2026-02-10" });
      assert.ok(
        outputLines(run).includes(
          '[weekly] posts/g-scheduled-early.md:7:43  warning: link "../weekly_news/ai_news_2026-W08" matches no page ' +
            "(looked for weekly_news/ai_news_2026-W08.md and weekly_news/ai_news_2026-W08/index.md). " +
            "Week 2026-W08 has no digest yet: write weekly_news/ai_news_2026-W08.md, or run npx weekly new 2026-W08 --digest, " +
            "which writes only weekly_news/ai_news_2026-W08.md from the template, scheduled at 2026-02-20T08:00; then fill it in before it goes live. " +
            "(This page is not published yet: this will stop the build when it goes live.) [broken-link]",
        ),
        run.stderr,
      );
    } finally {
      removeOutput(output);
    }
  });

  test("WEEKLY_PREVIEW must be 1 or 0 (or true, false)", () => {
    const output = tempOutput("bad-preview");
    try {
      const run = runEleventy(SITE, output, { WEEKLY_PREVIEW: "yes" });
      assert.equal(run.status, 1);
      assert.ok(outputLines(run).includes('WEEKLY_PREVIEW: received "yes"; expected 1 (or true) to turn it on, 0 (or false) or nothing to leave it off.'), run.stderr);
      assert.deepEqual(listFiles(output), []);
    } finally {
      removeOutput(output);
    }
  });
});

/**
 * Asks for a page the way a browser navigating to it does (`Sec-Fetch-Mode: navigate`, which
 * `fetch` may not send): the dev server adds its reload script only then. Resolves with the HTML
 * of a 200 response.
 */
function navigate(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { "sec-fetch-mode": "navigate", accept: "text/html" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${response.statusCode}`))));
    });
    request.on("error", reject);
  });
}

describe("npx eleventy --serve: a live preview", () => {
  test("serves W07 and the draft with their notices; edits to a post or a layout are rebuilt and reloaded", async () => {
    const site = copySite("scheduled");
    const output = tempOutput("serve");
    const port = 18_000 + Math.floor(Math.random() * 2_000);
    const server = spawn(ELEVENTY_BIN, ["--serve", "--port", String(port), "--output", output], {
      cwd: site,
      env: { ...process.env, WEEKLY_NOW: "2026-02-12T07:59:59", WEEKLY_PREVIEW: undefined },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    server.stdout.on("data", (chunk) => (log += chunk));
    server.stderr.on("data", (chunk) => (log += chunk));
    /** The page once the dev server serves it and `ready` holds, polling for up to 30 s. */
    const fetchPage = async (url: string, ready: (doc: Document) => boolean = () => true) => {
      for (let attempt = 0; attempt < 120; attempt++) {
        const html = await navigate(`http://localhost:${port}${encodeURI(url)}`).catch(() => undefined);
        if (html !== undefined) {
          const doc = parseHTML(html).document as unknown as Document;
          if (ready(doc)) return doc;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`the dev server never served ${url} as expected:\n${log}`);
    };
    try {
      for (const [page, notice] of [[W07, "定时发布 2026-02-12 08:00 (UTC+8)"], [DRAFT, "草稿"]] as const) {
        const doc = await fetchPage(page.url);
        assert.equal(text(doc.querySelector("h1")), page.title);
        assert.equal(text(doc.querySelector(".preview-notice")), notice);
        assert.equal(doc.querySelector('meta[name="robots"]')?.getAttribute("content"), "noindex");
        assert.ok(doc.querySelector('script[src="/.11ty/reload-client.js"]'), "the page reloads itself when the site is rebuilt");
      }
      assert.match(log, /\[weekly\] preview built 5 reports and 4 digests;/);

      const post = join(site, "posts", `${W07.file}.md`);
      writeFileSync(post, readFileSync(post, "utf8").replace("第七周的正文", "第七周改写后的正文"));
      const edited = await fetchPage(W07.url, (doc) => text(doc.querySelector(".content")).includes("第七周改写后的正文"));
      assert.equal(text(edited.querySelector(".preview-notice")), "定时发布 2026-02-12 08:00 (UTC+8)");

      const layout = join(site, "layouts", "post.njk");
      writeFileSync(layout, readFileSync(layout, "utf8").replace('<article class="report"', '<article class="report edited-layout"'));
      await fetchPage(W06.url, (doc) => doc.querySelector("article.edited-layout") !== null);
    } finally {
      process.kill(-server.pid!, "SIGTERM");
      removeOutput(output);
      removeOutput(site);
    }
  });
});
