// Text the author did not write: a report and a digest whose titles, tags, descriptions and
// items carry markup, quotes, `]]>`, control characters, right-to-left marks and emoji, and links
// with script and data targets (test/fixtures/hostile). Every output a reader or a feed reader
// gets is read back and must show that text as text, whole, and run nothing.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { all, outputPathOf, readSite, text, type BuiltSite } from "./helpers.js";
import { sharedBuild } from "./sharedBuild.js";

const TITLE = "</title><script>alert(\"t\")</script> & 'q' ]]> \u0001\u001F \u200F\u202Eمرحبا 🤖👩‍💻";
const DESCRIPTION = "\"><script>alert('d')</script> & ]]> \u000B <!-- \u2028 🚀";
const TAGS = ["<script>alert(1)</script>", "\"'&]]>", "\u200Fعربي", "🤖", "AI"];
const SITE_TITLE = 'Hostile <b>站</b> & "quotes"';
const DIGEST_TITLE = "Digest <script>alert('digest')</script> & ]]>";
const REPORT_URL = "/posts/2026-W06-hostile/";
const DIGEST_URL = "/weekly_news/ai_news_2026-W06/";
/** What XML can hold of the title: its two control characters each become U+FFFD. */
const XML_TITLE = TITLE.replace(/[\u0001\u001F]/g, "\uFFFD");

let site: BuiltSite;

// Built once for every file of the run that reads it (the browser test serves it too).
before(async () => {
  site = readSite((await sharedBuild("hostile", { WEEKLY_NOW: "2026-02-20T12:00" })).output);
});

const htmlFiles = () => [...site.files.keys()].filter((file) => file.endsWith(".html"));
const documentOf = (file: string) => parseHTML(site.files.get(file)!).document as unknown as Document;
const meta = (doc: Document, key: string) => all(doc, `meta[name="${key}"], meta[property="${key}"]`).map((m) => m.getAttribute("content"));

describe("nothing runs", () => {
  test("no page has a script that was not in its layout, an event-handler attribute or a script, data or file link", () => {
    const found: string[] = [];
    for (const file of htmlFiles()) {
      const doc = documentOf(file);
      for (const script of all(doc, "script")) {
        // The layouts' own: Pagefind's UI, the search page's start, and the "/" key of every page.
        const ownScript =
          script.getAttribute("src") === "/pagefind/pagefind-ui.js" ||
          (file === "search/index.html" && text(script).includes("new PagefindUI(")) ||
          text(script).startsWith('// "/" anywhere but in a text field goes to the search box');
        if (!ownScript || text(script).includes("alert")) found.push(`${file}: <script>${text(script)}`);
      }
      for (const element of all(doc, "*")) {
        // An event handler, or any name no layout writes: text that broke out of an attribute value.
        for (const name of element.getAttributeNames()) {
          // (The one name in capitals a layout writes: the viewBox of the charts' SVG.)
          const chartViewBox = name === "viewBox" && element.tagName.toLowerCase() === "svg";
          if (name.startsWith("on") || (!/^[a-z][a-z0-9:-]*$/.test(name) && !chartViewBox)) found.push(`${file}: ${element.tagName} ${name}`);
        }
      }
      for (const link of all(doc, "a[href]")) {
        if (/^\s*(javascript|vbscript|data|file):/i.test(link.getAttribute("href")!)) found.push(`${file}: <a href="${link.getAttribute("href")}">`);
      }
      for (const image of all(doc, "img[src]")) {
        if (/^\s*(javascript|vbscript|file):|^\s*data:(?!image\/(png|gif|jpeg|webp);)/i.test(image.getAttribute("src")!)) found.push(`${file}: <img src="${image.getAttribute("src")}">`);
      }
    }
    assert.deepEqual(found, []);
  });

  test("the report's script and data links are left as the text the author wrote, or as their label", () => {
    const items = all(site.page(REPORT_URL), ".content li").map((li) => li.textContent);
    assert.deepEqual(items.slice(0, 8), [
      "[脚本](javascript:alert(1))",
      "[脚本大写](JaVaScRiPt:alert(2))",
      "[实体](javascript:alert(3))",
      "[vb](vbscript:msgbox(1))",
      "[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "数据图",
      "<javascript:alert(4)>",
      "[引用][js]",
    ]);
  });

  test("a report may use HTML: its own markup is kept", () => {
    assert.equal(text(site.page(REPORT_URL).querySelector(".content span.author-html")), "作者可以写 HTML");
  });

  test("a digest's raw HTML is shown as text, never as markup", () => {
    const doc = site.page(DIGEST_URL);
    const content = doc.querySelector(".content")!;
    assert.deepEqual(all(content, "script, img, div, em").map((e) => e.tagName), []);
    const shown = content.textContent!;
    for (const written of ['<script>alert("raw")</script>', "<img src=x onerror=alert(1)>", '<div onclick="alert(8)">原始块</div>', "来源 <em>标题</em>"]) {
      assert.ok(shown.includes(written), `${written} is shown as written`);
    }
    assert.ok(shown.includes("控制字符 \u0001\u0008 和 RTL \u200Fעברית\u200E 标记"), "control characters and direction marks are kept");
  });
});

describe("the text comes out whole", () => {
  test("the report: title, heading, description, Open Graph and tags", () => {
    const doc = site.page(REPORT_URL);
    assert.equal(doc.querySelector("title")!.textContent, `${TITLE} · ${SITE_TITLE}`);
    assert.equal(doc.querySelector("h1")!.textContent, TITLE);
    assert.deepEqual(meta(doc, "description"), [DESCRIPTION]);
    assert.deepEqual(meta(doc, "og:title"), [TITLE]);
    assert.deepEqual(meta(doc, "og:description"), [DESCRIPTION]);
    assert.deepEqual(meta(doc, "og:site_name"), [SITE_TITLE]);
    assert.deepEqual(meta(doc, "article:tag"), TAGS);
    assert.deepEqual(all(doc, ".tags a").map((a) => a.textContent), TAGS);
    assert.equal(text(doc.querySelector(".site-title")), SITE_TITLE);
  });

  test("every tag has its page, reached from the report, named in full", () => {
    const doc = site.page(REPORT_URL);
    for (const link of all(doc, ".tags a")) {
      const href = link.getAttribute("href")!;
      assert.match(href, /^\/tags\/[^\s<>"'&\u200E\u200F\u202A-\u202E]+\/$/u, `${link.textContent} → ${href}`);
      assert.equal(site.page(href).querySelector("h1")!.textContent!.trim(), `标签：${link.textContent}`);
    }
  });

  test("home, archive and tag pages link the report by its whole title", () => {
    for (const url of ["/", "/archive/", "/tags/ai/", "/tags/u1f916/"]) {
      const titles = all(site.page(url), `a[href="${REPORT_URL}"]`).map((a) => a.textContent);
      assert.ok(titles.includes(TITLE), `${url}: ${JSON.stringify(titles)}`);
    }
  });

  test("the digest: title and the report that cites it", () => {
    const doc = site.page(DIGEST_URL);
    assert.equal(doc.querySelector("h1")!.textContent, DIGEST_TITLE);
    assert.ok(all(doc, `a[href="${REPORT_URL}"]`).some((a) => a.textContent === TITLE));
    assert.ok(all(site.page(REPORT_URL), `a[href="${DIGEST_URL}"]`).some((a) => a.textContent === DIGEST_TITLE));
  });
});

describe("feeds, sitemap and search index", () => {
  /** XML 1.0's Char production, checked apart from the parser (which lets C0 controls through). */
  const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
  const xml = (file: string) => {
    const source = site.files.get(file)!;
    assert.equal(XMLValidator.validate(source), true, `${file} is not well-formed XML`);
    const bad = NOT_XML_CHAR.exec(source);
    assert.equal(bad, null, `${file} holds U+${bad?.[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}, which XML 1.0 cannot hold`);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", trimValues: false, parseTagValue: false, htmlEntities: true }).parse(source);
  };

  test("Atom: well-formed, the titles whole (control characters, which XML cannot hold, as U+FFFD)", () => {
    const feed = xml("feed.xml").feed;
    assert.equal(feed.title, SITE_TITLE);
    assert.equal(feed.entry.title, XML_TITLE);
    const content = parseHTML(`<div>${feed.entry.content["#text"]}</div>`).document;
    assert.deepEqual(all(content, "script, [onclick], [onerror]").length, 0);
    assert.deepEqual(all(content, "a[href]").map((a) => a.getAttribute("href")), [`https://hostile.example.org${DIGEST_URL}`]);
  });

  test("JSON Feed: valid JSON, title, summary and tags exactly as written", () => {
    const feed = JSON.parse(site.files.get("feed.json")!) as { title: string; items: Array<{ title: string; summary?: string; tags: string[]; content_html: string }> };
    assert.equal(feed.title, SITE_TITLE);
    const [item] = feed.items;
    assert.equal(item!.title, TITLE);
    assert.deepEqual(item!.tags, TAGS);
    assert.equal(item!.summary, DESCRIPTION);
    const content = parseHTML(`<div>${item!.content_html}</div>`).document;
    assert.deepEqual(all(content, "script, [onclick], [onerror]").length, 0);
    assert.deepEqual(all(content, "a[href]").map((a) => a.getAttribute("href")), [`https://hostile.example.org${DIGEST_URL}`]);
  });

  test("sitemap: well-formed, every address an absolute URL of a page that was built", () => {
    const locs = (xml("sitemap.xml").urlset.url as Array<{ loc: string }>).map((u) => u.loc);
    // Every page built, each tag page among them, but the 404 and search pages.
    const pages = htmlFiles().filter((file) => file !== "404.html" && file !== "search/index.html");
    assert.deepEqual(locs.map((loc) => outputPathOf(decodeURI(new URL(loc).pathname))).sort(), pages.sort());
    for (const loc of locs) {
      const url = new URL(loc);
      assert.equal(url.origin, "https://hostile.example.org");
      assert.equal(url.href, loc, `${loc} is written as a browser would`);
      assert.ok(site.files.has(outputPathOf(url.pathname)), `${loc} has no page`);
    }
  });

  test("search index: the report's title whole, the digest's markup indexed as text", () => {
    const fragments = [...site.files.entries()].filter(([file]) => file.startsWith("pagefind/fragment/"));
    const data = fragments.map(([, body]) => JSON.parse(body.slice(body.indexOf("{"))) as { url: string; content: string; meta: { title: string } });
    const report = data.find((d) => d.url === REPORT_URL);
    const digest = data.find((d) => d.url === DIGEST_URL);
    assert.equal(report?.meta.title, TITLE);
    assert.equal(digest?.meta.title, DIGEST_TITLE);
    // Pagefind marks the words it found with U+200B.
    assert.ok(digest!.content.replaceAll("\u200B", "").includes('<script>alert("raw")</script>'));
    assert.ok(report!.content.replaceAll("\u200B", "").includes("[脚本](javascript:alert(1))"), "the report's refused link is indexed as the text shown");
  });
});
