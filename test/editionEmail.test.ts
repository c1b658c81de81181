// The email edition: one HTML document a newsletter service sends as it is. Read back parsed
// (linkedom), linted against caniemail's data for Gmail, Apple Mail and Outlook, and opened in
// Chromium at a phone's and the column's width, with screenshots in test/.output/editions/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { caniemail } from "caniemail";
import { type BrowserContext } from "playwright-core";
import { launchChromium } from "./browserKit.js";
import { EMAIL_MAX_BYTES, emailBody, emailEdition, emailSize } from "../src/editions/email.js";
import { LOOK, type EditionReport } from "../src/editions/report.js";
import { EVERY_CONSTRUCT, SITE } from "./data/editions/everyConstruct.js";
import { ROOT } from "./helpers.js";

const CHROMIUM = process.env.WEEKLY_TEST_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS = join(ROOT, "test", ".output", "editions");
const PAGE = EVERY_CONSTRUCT.url;
const HOSTILE = "<script>alert(1)</script>";

const parse = (html: string) => parseHTML(html).document;
const email = (changes: Partial<EditionReport> = {}) => emailEdition({ ...EVERY_CONSTRUCT, ...changes });
/** The body of a report whose Markdown rendered as `html`, as a parsed email. */
const withBody = (html: string) => parse(email({ html }));

/** An element's inline style as property → value. */
function styleOf(element: Element | null): Map<string, string> {
  const declarations = (element?.getAttribute("style") ?? "").split(";").filter((d) => d.includes(":"));
  return new Map(declarations.map((d) => [d.slice(0, d.indexOf(":")).trim(), d.slice(d.indexOf(":") + 1).trim()]));
}

/** The rules at the top level of a stylesheet (`@media … { … }` counts as one). */
function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    if (css[i] === "{") depth++;
    else if (css[i] === "}" && --depth === 0) (rules.push(css.slice(start, i + 1).trim()), (start = i + 1));
  }
  assert.equal(css.slice(start).trim(), "", "the stylesheet ends inside a rule");
  return rules;
}

const linkNamed = (document: Document, text: string) => [...document.querySelectorAll("a")].filter((a) => a.textContent === text);
const header = (document: Document) => document.querySelector("h1")!.closest("td")!;
/** The cell holding the report's body: the row after the header's. */
const content = (document: Document) => header(document).closest("tr")!.nextElementSibling!.querySelector("td")!;
const footer = (document: Document) => linkNamed(document, "退订")[0]!.closest("td")!;

describe("the document", () => {
  const html = email();
  const document = parse(html);

  test("an HTML5 document: doctype, <html lang> from the site's language, utf-8, a phone's viewport", () => {
    assert.match(html, /^<!DOCTYPE html>\n/);
    assert.equal(document.documentElement.getAttribute("lang"), "zh-CN");
    assert.equal(parse(email({ site: { ...EVERY_CONSTRUCT.site, language: "en" } })).documentElement.getAttribute("lang"), "en");
    assert.equal(document.querySelector("meta[charset]")?.getAttribute("charset"), "utf-8");
    assert.equal(document.querySelector("meta[name=viewport]")?.getAttribute("content"), "width=device-width, initial-scale=1");
    assert.equal(document.querySelector("title")?.textContent, EVERY_CONSTRUCT.title);
  });

  test("nothing runs or loads: no script, no stylesheet link, no @import or @font-face", () => {
    assert.equal(document.querySelectorAll("script, link, iframe, object, embed, form").length, 0);
    assert.doesNotMatch(html, /@import|@font-face/i);
  });

  test("one <style>, holding only @media rules: everything else is inline", () => {
    const styles = document.querySelectorAll("style");
    assert.equal(styles.length, 1);
    const rules = topLevelRules(styles[0]!.textContent ?? "");
    assert.deepEqual(rules.map((rule) => rule.slice(0, rule.indexOf("{")).trim()), [
      "@media screen and (max-width:480px)",
      "@media (prefers-color-scheme:dark)",
    ]);
  });

  test("the 600 px column: a centred presentation table, 600 wide for Outlook, fluid below 600 px", () => {
    const column = document.querySelector('table[width="600"]')!;
    assert.equal(column.getAttribute("role"), "presentation");
    assert.equal(styleOf(column).get("width"), "100%");
    assert.equal(styleOf(column).get("max-width"), "600px");
    assert.equal(column.parentElement!.getAttribute("align"), "center");
  });

  test("every href and src is an absolute http(s) address, the unsubscribe placeholder excepted", () => {
    const addresses = [...document.querySelectorAll("[href], [src]")].map((e) => e.getAttribute("href") ?? e.getAttribute("src")!);
    assert.ok(addresses.length >= 10);
    assert.deepEqual(addresses.filter((a) => !/^https?:\/\/[^/]/.test(a)), ["{{unsubscribe_url}}"]);
  });

  test("no id or class left anywhere, nor tabindex", () => {
    assert.deepEqual([...document.querySelectorAll("[id], [class], [tabindex]")].map((e) => e.outerHTML), []);
  });

  test("under Gmail's clipping size with room to spare: the fixture takes less than a quarter of 100 KB", () => {
    assert.ok(emailSize(html) < EMAIL_MAX_BYTES / 4, `${emailSize(html)} bytes`);
  });
});

describe("around the body", () => {
  const document = parse(email());

  test("the preheader is the description, hidden from the message itself", () => {
    const preheader = document.body.firstElementChild!;
    assert.equal(preheader.tagName, "DIV");
    assert.equal(preheader.textContent, EVERY_CONSTRUCT.description);
    const style = styleOf(preheader);
    assert.deepEqual(["display", "max-height", "overflow", "mso-hide"].map((p) => style.get(p)), ["none", "0", "hidden", "all"]);
  });

  test("the header: the site, the title, the date and week, the web page and the week's digest", () => {
    const top = header(document);
    assert.equal(top.querySelector("h1")!.textContent, EVERY_CONSTRUCT.title);
    assert.match(top.textContent!, /2026年2月12日 · 2026-W07/);
    assert.deepEqual([...top.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]), [
      ["AI 周报", `${SITE}/`],
      ["在网页上阅读", PAGE],
      ["本周新闻摘要", `${SITE}/weekly_news/ai_news_2026-W07/`],
    ]);
  });

  test("a week without a digest: no digest link in the header", () => {
    const top = header(parse(email({ digest: undefined })));
    assert.deepEqual([...top.querySelectorAll("a")].map((a) => a.textContent), ["AI 周报", "在网页上阅读"]);
  });

  test("the footer: the site's name and address, and the unsubscribe link", () => {
    const bottom = footer(document);
    assert.match(bottom.textContent!, /AI 周报 · weekly\.example\.org/);
    assert.deepEqual([...bottom.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]), [
      ["weekly.example.org", `${SITE}/`],
      ["退订", "{{unsubscribe_url}}"],
    ]);
  });

  const placeholders: Array<[string, string]> = [
    ["{{unsubscribe_url}}", "Buttondown, ConvertKit (the default)"],
    ["*|UNSUB|*", "Mailchimp"],
    ["{{ unsubscribe_url }}\" onclick=\"alert(1)", "a placeholder with a quote"],
    ["{% unsubscribe %}&x=<b>", "ampersand and angle brackets"],
  ];
  for (const [placeholder, what] of placeholders) {
    test(`emailEdition(report, { unsubscribe: ${JSON.stringify(placeholder)} }) → that href, escaped (${what})`, () => {
      const html = emailEdition(EVERY_CONSTRUCT, { unsubscribe: placeholder });
      const link = linkNamed(parse(html), "退订")[0]!;
      assert.equal(link.getAttribute("href"), placeholder);
      assert.deepEqual([...link.getAttributeNames()].sort(), ["href", "style"]);
    });
  }

  test("a title, description or site name holding markup is shown as text", () => {
    const document = parse(email({ title: `周报${HOSTILE}`, description: `导语${HOSTILE}`, site: { ...EVERY_CONSTRUCT.site, title: `<b>AI</b> 周报` } }));
    assert.equal(document.querySelectorAll("script, b").length, 0);
    assert.equal(document.querySelector("h1")!.textContent, `周报${HOSTILE}`);
    assert.equal(document.querySelector("title")!.textContent, `周报${HOSTILE}`);
    assert.equal(document.body.firstElementChild!.textContent, `导语${HOSTILE}`);
    assert.match(footer(document).textContent!, /《<b>AI<\/b> 周报》/);
  });
});

describe("the body", () => {
  const document = parse(email());

  test("escaped text in the body stays text: <script>alert(1)</script> is read, not run", () => {
    assert.equal(document.querySelectorAll("script").length, 0);
    assert.ok([...document.querySelectorAll("p")].some((p) => p.textContent!.includes(`恶意文本：${HOSTILE}`)));
    assert.ok(!document.querySelector('[href^="javascript:"]'));
  });

  test("the author's raw HTML stays, without its id and class", () => {
    const raw = [...document.querySelectorAll("div")].find((d) => d.textContent!.startsWith("作者写的原始 HTML"))!;
    assert.deepEqual([...raw.getAttributeNames()], ["style"]); // the site's look, inlined
    assert.equal(styleOf(raw.querySelector("span")).get("color"), "red");
  });

  const dropped: Array<[string, string]> = [
    ["<script>alert(1)</script>", "a script"],
    ['<iframe src="https://evil.example/"></iframe>', "an iframe"],
    ['<object data="https://evil.example/x.swf"></object>', "an object"],
    ['<embed src="https://evil.example/x.swf">', "an embed"],
    ['<form action="https://evil.example/"><input name="q"><button>go</button></form>', "a form"],
    ["<style>@import url(https://evil.example/x.css); p { color: red }</style>", "a stylesheet"],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', "a stylesheet link"],
    ["<!--[if mso]><p>only Outlook sees this</p><![endif]-->", "a conditional comment"],
  ];
  for (const [input, what] of dropped) {
    test(`<p>前</p>${input}<p>后</p> → only the two paragraphs (${what} is dropped, content and all)`, () => {
      const cell = content(withBody(`<p>前</p>${input}<p>后</p>`));
      assert.deepEqual([...cell.children].map((e) => e.outerHTML.replace(/ style="[^"]*"/, "")), ["<p>前</p>", "<p>后</p>"]);
    });
  }

  const attributes: Array<[string, string, Record<string, string | null>]> = [
    ['<p id="a" class="b" tabindex="0" onclick="alert(1)" title="t">x</p>', "p", { id: null, class: null, tabindex: null, onclick: null, title: "t" }],
    ['<a href="javascript:alert(1)">x</a>', "a", { href: null }],
    ['<a href="../weekly_news/">x</a>', "a", { href: `${SITE}/posts/weekly_news/` }],
    ['<a href="#part">x</a>', "a", { href: `${PAGE}#part` }],
    ['<a href="mailto:editor@example.org">x</a>', "a", { href: "mailto:editor@example.org" }],
    ['<blockquote cite="/source">x</blockquote>', "blockquote", { cite: `${SITE}/source` }],
    ['<img src="data:image/svg+xml,<svg/>" alt="x">', "img", { src: null }],
    ['<img src="/chart.png" srcset="/chart@2x.png 2x" onerror="alert(1)">', "img", { src: `${SITE}/chart.png`, srcset: null, onerror: null }],
  ];
  for (const [input, selector, expected] of attributes) {
    test(`${input} → ${JSON.stringify(expected)}`, () => {
      const element = content(withBody(input)).querySelector(selector)!;
      for (const [name, value] of Object.entries(expected)) assert.equal(element.hasAttribute(name) ? element.getAttribute(name) : null, value, name);
    });
  }

  const images: Array<[string, { width: string; height: string | null; alt: string }]> = [
    ['<img src="/a.png" alt="柱状图">', { width: "560", height: null, alt: "柱状图" }],
    ['<img src="/a.png">', { width: "560", height: null, alt: "" }],
    ['<img src="/a.png" alt="" width="120" height="80">', { width: "120", height: "80", alt: "" }],
    ['<img src="/a.png" alt="大图" width="1200px" height="600">', { width: "560", height: "280", alt: "大图" }],
    ['<img src="/a.png" alt="宽" width="50%" height="300">', { width: "560", height: null, alt: "宽" }],
  ];
  for (const [input, expected] of images) {
    test(`${input} → width ${expected.width}, height ${expected.height}, alt "${expected.alt}", max-width 100%`, () => {
      const image = withBody(`<p>${input}</p>`).querySelector("img")!;
      assert.deepEqual({ width: image.getAttribute("width"), height: image.getAttribute("height"), alt: image.getAttribute("alt") }, expected);
      assert.equal(styleOf(image).get("max-width"), "100%");
      assert.equal(styleOf(image).get("height"), "auto");
    });
  }

  test("every image of the report has a width no wider than the column, and an alt", () => {
    const images = [...document.querySelectorAll("img")];
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.ok(Number(image.getAttribute("width")) <= 600, image.outerHTML);
      assert.ok(image.hasAttribute("alt"), image.outerHTML);
    }
    assert.equal(images[0]!.getAttribute("alt"), "各模型得分柱状图");
  });

  test("nothing can push the column wider: pre wraps, tables fill it, a long URL breaks where it must", () => {
    const pre = styleOf(document.querySelector("pre"));
    assert.deepEqual([pre.get("white-space"), pre.get("word-break")], ["pre-wrap", "break-all"]);
    const table = content(document).querySelector("table")!;
    assert.deepEqual([table.getAttribute("width"), styleOf(table).get("width")], ["100%", "100%"]);
    // overflow-wrap:anywhere in the spelling Gmail keeps, inherited by every line of the three cells.
    for (const cell of [header(document), content(document), footer(document)]) assert.equal(styleOf(cell).get("word-break"), "break-word");
  });

  test("the site's look: Chinese text at line-height 1.7 in LOOK's fonts, Latin ones before CJK ones", () => {
    const style = styleOf(content(document));
    assert.equal(style.get("line-height"), "1.7");
    const font = style.get("font-family")!.replaceAll("'", '"');
    assert.equal(font, LOOK.font);
    assert.ok(font.indexOf("Arial") < font.indexOf("PingFang SC"));
    assert.equal(style.get("color"), LOOK.fg);
  });

  const looks: Array<[string, Record<string, string>]> = [
    ["h2", { "font-size": "21px", "font-weight": "700" }],
    ["h3", { "font-size": "18px", "font-weight": "700" }],
    ["ul", { "padding-left": "24px" }],
    ["blockquote", { "border-left": `4px solid ${LOOK.rule}`, color: LOOK.muted }],
    ["th", { "border-bottom": `1px solid ${LOOK.rule}`, "font-weight": "700" }],
    ["td[align=right]", { "text-align": "right" }],
    ["pre", { border: `1px solid ${LOOK.rule}` }],
    ["li code", { "font-family": LOOK.mono.replaceAll('"', "'") }],
    ["hr", { "border-top": `1px solid ${LOOK.rule}` }],
    ["li a", { color: LOOK.accent }],
  ];
  for (const [selector, expected] of looks) {
    test(`${selector} takes the site's look: ${JSON.stringify(expected)}`, () => {
      const style = styleOf(content(document).querySelector(selector));
      for (const [property, value] of Object.entries(expected)) assert.equal(style.get(property), value, property);
    });
  }
});

describe("size", () => {
  const sizes: Array<[string, number]> = [["", 0], ["a", 1], ["周", 3], ["周报 W07", 10]];
  for (const [html, bytes] of sizes) {
    test(`emailSize(${JSON.stringify(html)}) → ${bytes} (UTF-8 bytes, as Gmail counts)`, () => assert.equal(emailSize(html), bytes));
  }

  test("a report too long for Gmail still makes a whole email, and emailSize says it is over the limit", () => {
    const paragraph = `<p>${"中文段落，用来把邮件撑大。".repeat(20)}</p>\n`;
    const html = email({ html: paragraph.repeat(Math.ceil(EMAIL_MAX_BYTES / Buffer.byteLength(paragraph)) + 1) });
    assert.ok(emailSize(html) > EMAIL_MAX_BYTES);
    const document = parse(html);
    assert.equal(linkNamed(document, "退订").length, 1);
    assert.match(html, /<\/html>\n$/);
  });
});

test('emailBody("<p>&lt;b&gt; &amp;amp; &quot;</p>") → the same text, still escaped (decoded once, encoded once)', () => {
  assert.equal(emailBody("<p>&lt;b&gt; &amp;amp; &quot;</p>", PAGE), '<p>&lt;b&gt; &amp;amp; "</p>');
});

/**
 * Every feature caniemail finds unsupported ("error") in a client, and why the email still reads
 * there. Each is one the edition must have; any other error fails the test, and so does an entry
 * here that no longer happens. Apple Mail supports everything the email uses.
 */
const ACCEPTED_ERRORS: Record<string, { clients: string[]; why: string }> = {
  "@media": {
    clients: ["gmail.mobile-webmail", "outlook.windows", "outlook.windows-mail"],
    why: "the narrow-screen headings and the dark scheme are extras: without them the light 600 px column shows",
  },
  "<style> element": { clients: ["gmail.mobile-webmail"], why: "it holds only the @media rules above" },
  "display:none": { clients: ["gmail.mobile-webmail"], why: "the preheader's max-height:0 and overflow:hidden hide it there" },
  overflow: { clients: ["outlook.windows", "outlook.windows-mail"], why: "the preheader: mso-hide:all hides it in Outlook for Windows, display:none in Windows Mail" },
  "white-space": {
    clients: ["outlook.windows", "outlook.windows-mail"],
    why: "a long code line does not wrap on a desktop client whose window is wider than the column; everywhere else pre-wrap keeps code inside it",
  },
  "word-break": { clients: ["outlook.windows-mail"], why: "Windows Mail (retired in 2024) lets a long URL or code line run on instead of breaking it" },
  "role attribute": { clients: ["outlook.windows-mail"], why: "role=presentation only tells screen readers the tables are layout; an unknown attribute is ignored" },
  "<body> element": { clients: ["outlook.macos"], why: "the body's margin and background are lost; the wrapper table repeats the background" },
};

/*
 * What caniemail finds only partly supported ("warning"), and why that is enough:
 * - @media, <style>: Gmail reads a <style> in the head, not for non-Google accounts; see above.
 * - <body>: Gmail and Outlook's apps replace it by a div; the wrapper table carries the look.
 * - margin: no negative or auto values here; Outlook for Windows ignores margins on some elements (spacing only).
 * - overflow, display, display:none: only the preheader's display:none and overflow:hidden, on a div of text.
 * - <ul>, <ol>: no `reversed` or `<li value>` in the reports.
 * - text-align, text-decoration: only left/right and underline/none, single values.
 * - white-space, word-break: pre-wrap and break-all on code blocks, break-word on text (it breaks only a run too
 *   long for the line); Gmail's apps may break Latin words at a line's end, which still reads.
 * - padding, background, border, font-size, font-weight, line-height, width, height (Outlook for Windows):
 *   only px sizes, unitless line-heights, background-color, thin borders; padding on a block lost there is spacing only.
 * - max-width: Outlook for Windows and iOS Mail may not apply it to the column table; the [if mso] table and
 *   width:100% on a phone keep it at 600 px or the screen.
 * - align attribute (Outlook for Mac): only on cells, not to float tables.
 */
const ACCEPTED_WARNINGS = [
  "<body> element", "<style> element", "<ul>, <ol> and <dl>", "@media", "align attribute", "background", "border",
  "display", "display:none", "font-size", "font-weight", "height property", "line-height", "margin", "max-width",
  "overflow", "padding", "text-align", "text-decoration", "white-space", "width attribute", "width property", "word-break",
];

describe("caniemail", () => {
  const clients: Parameters<typeof caniemail>[0]["clients"] = ["gmail.*", "apple-mail.*", "outlook.*"];
  const { issues } = caniemail({ clients, html: email() });
  const byTitle = (map: typeof issues.errors) => {
    const titles = new Map<string, Set<string>>();
    for (const [client, found] of map) for (const issue of found) titles.set(issue.title, (titles.get(issue.title) ?? new Set()).add(client));
    return titles;
  };

  test("in Gmail, Apple Mail and Outlook, no unsupported feature but the accepted ones, in the accepted clients only", () => {
    const errors = Object.fromEntries([...byTitle(issues.errors)].map(([title, found]) => [title, [...found].sort()]));
    assert.deepEqual(errors, Object.fromEntries(Object.entries(ACCEPTED_ERRORS).map(([title, { clients }]) => [title, [...clients].sort()])));
  });

  test("in Apple Mail, no unsupported feature at all", () => {
    assert.deepEqual([...issues.errors.keys()].filter((client) => client.startsWith("apple-mail")), []);
  });

  test("the partly supported features are the ones listed, each with its reason", () => {
    assert.deepEqual([...byTitle(issues.warnings).keys()].sort(), ACCEPTED_WARNINGS);
  });
});

describe("in a browser", () => {
  let context: BrowserContext;
  const html = email();

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await launchChromium({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // The email's addresses are the fixture site's: its one image is drawn here, and nothing reaches the network.
    await context.route("**/*", (route) =>
      /\.png$/.test(route.request().url())
        ? route.fulfill({ contentType: "image/svg+xml", body: CHART })
        : route.fulfill({ status: 404, body: "" }),
    );
  });

  after(async () => {
    await context?.close();
  });

  for (const width of [360, 600]) {
    test(`at ${width} px wide nothing overflows sideways; screenshot email-${width}.png`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.setContent(html, { waitUntil: "load" });
      const { scrollWidth, innerWidth, h1 } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        h1: getComputedStyle(document.querySelector("h1")!).fontSize,
      }));
      assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
      assert.equal(h1, width < 480 ? "22px" : "26px");
      await page.screenshot({ path: join(SCREENSHOTS, `email-${width}.png`), fullPage: true });
      await page.close();
    });
  }

  test("at 360 px, a body of wide things still fits: a bare URL, a code line without spaces, a wide table, a wide image", async () => {
    const url = `https://example.com/${"long-path-segment/".repeat(8)}index.html?utm_source=weekly`;
    const wide = email({
      html: `<p><a href="${url}">${url}</a></p>
<pre><code>${"x".repeat(200)}</code></pre>
<table><tr>${"<th>Benchmark score</th>".repeat(6)}</tr><tr>${"<td>SWE-bench Verified</td>".repeat(6)}</tr></table>
<p><img src="${SITE}/wide.png" alt="宽图" width="1200" height="300"></p>`,
    });
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.setContent(wide, { waitUntil: "load" });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
    await page.close();
  });

  test("in a dark scheme the site's dark colours replace the light ones; screenshot email-360-dark.png", async () => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.setContent(html, { waitUntil: "load" });
    const colours = await page.evaluate(() => {
      const content = document.querySelector("h2")!.closest("td")!;
      return [getComputedStyle(document.body).backgroundColor, getComputedStyle(content).color, getComputedStyle(document.querySelector("li a")!).color];
    });
    assert.deepEqual(colours, ["rgb(22, 23, 26)", "rgb(232, 232, 230)", "rgb(138, 180, 248)"]);
    await page.screenshot({ path: join(SCREENSHOTS, "email-360-dark.png"), fullPage: true });
    await page.close();
  });
});

/** A bar chart the size of the fixture's image, so the screenshots show where an image goes. */
const CHART = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400">
<rect width="800" height="400" fill="#f3f3f1"/><rect x="120" y="80" width="200" height="280" fill="${LOOK.accent}"/>
<rect x="480" y="120" width="200" height="240" fill="${LOOK.muted}"/></svg>`;

describe("what the review found", () => {
  const withBody = (html: string): EditionReport => ({ ...EVERY_CONSTRUCT, html });

  test("a code sample's template tags reach the newsletter service as text, not as {{ … }} or {% … %}; the unsubscribe placeholder stays a tag", () => {
    const html = emailEdition(withBody("<p>模板 {{ x }} 与 {% include y %}</p><pre><code>a = {1: 2}</code></pre>"));
    const body = html.slice(html.indexOf("<body"));
    assert.deepEqual(body.match(/\{\{|\{%/g), ["{{"]);
    assert.match(html, /href="\{\{unsubscribe_url\}\}"/);
    assert.match(parseHTML(html).document.body.textContent!, /模板 \{\{ x \}\} 与 \{% include y %\}/);
  });

  test("an image of the site smaller than the column keeps its own size; a larger one is fitted to the column", () => {
    const sizes: Record<string, { width: number; height: number }> = { [`${SITE}/badge.png`]: { width: 120, height: 40 }, [`${SITE}/wide.png`]: { width: 1200, height: 600 } };
    const { document } = parseHTML(emailEdition(withBody(`<p><img src="${SITE}/badge.png" alt="徽章"><img src="${SITE}/wide.png" alt="宽图"></p>`), { imageSize: (src) => sizes[src] }));
    assert.deepEqual(all(document, "img").map((img) => [img.getAttribute("alt"), img.getAttribute("width"), img.getAttribute("height")]), [["徽章", "120", "40"], ["宽图", "560", "280"]]);
  });

  test("SVG and MathML, which carry links and handlers of their own, are left out", () => {
    const html = emailEdition(withBody(`<p>图<svg><a xlink:href="javascript:alert(1)"><text>点我</text></a><set attributeName="onmouseover" to="alert(2)"/></svg><math><mi>x</mi></math>后</p>`));
    assert.doesNotMatch(html, /<svg|<math|javascript:|alert/);
  });
});

function all(document: Document, selector: string): Element[] {
  return [...document.querySelectorAll(selector)];
}
