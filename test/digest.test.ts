// `weekly digest` run in a temporary copy of a site, against feeds a local
// server on 127.0.0.1 plays (every format, the week's boundaries in Shanghai, duplicates across
// sources, hostile text, a failing source), then the site checked and built.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { all, copySite, removeOutput, readSite, runEleventy, runWeeklyInProcess, tempOutput, text, WEEKLY_BIN } from "./helpers.js";
import { runDigest } from "../src/cli/digest.js";
import { inspectSite } from "../src/cli/inspect.js";

/** A clock inside 2026-W07 (Monday 2026-02-09 to Sunday 2026-02-15 in Shanghai). */
const NOW = { WEEKLY_NOW: "2026-02-11T10:00" };
const DIGEST = "weekly_news/ai_news_2026-W07.md";

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>A</title><link>https://a.example/</link>${items}</channel></rss>`;

/** Source A: items on both sides of each of the week's boundaries, undated and hostile ones. */
const FEED_A = rss(`
<item><title>上周日深夜</title><link>https://a.example/p/0</link><pubDate>Sun, 08 Feb 2026 15:30:00 GMT</pubDate></item>
<item><title>周一凌晨</title><link>https://a.example/p/1?utm_source=rss&amp;id=7#top</link><guid>a-1</guid><pubDate>Sun, 08 Feb 2026 16:30:00 GMT</pubDate><description>&lt;p&gt;周一 00:30 在上海，&lt;b&gt;UTC&lt;/b&gt; 仍是周日。&lt;/p&gt;</description></item>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;**粗** [x](javascript:alert(1)) # 标题</title><link>javascript:alert(1)</link><pubDate>Tue, 10 Feb 2026 02:00:00 +0000</pubDate><description><![CDATA[<p>摘要 <img src=x onerror=alert(1)> &amp; ![i](https://evil.example/x.png) <a href="https://evil.example/">链接</a></p>]]></description></item>
<item><title>没有日期</title><link>https://a.example/p/undated</link></item>
<item><title>周日最后一分钟</title><link>https://a.example/p/2</link><pubDate>Sun, 15 Feb 2026 15:59:00 GMT</pubDate></item>
<item><title>下周一零点</title><link>https://a.example/p/3</link><pubDate>Sun, 15 Feb 2026 16:00:00 GMT</pubDate></item>`);

const LONG = "长".repeat(130);
/** Source B (Atom): A's Monday item again (the link without its tracking and fragment), and one of its own. */
const FEED_B = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id><updated>2026-02-12T00:00:00Z</updated>
<entry><id>urn:b:1</id><title>同一条新闻</title><link rel="alternate" href="https://A.example/p/1?id=7"/><published>2026-02-09T01:00:00+08:00</published></entry>
<entry><id>urn:b:2</id><title type="html">&lt;em&gt;智能体&lt;/em&gt;周报</title><link rel="alternate" href="/posts/agents"/><published>2026-02-11T09:00:00+08:00</published><summary>${LONG}</summary></entry>
</feed>`;

/** Source C (JSON Feed 1.1). */
const FEED_C = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "C",
  items: [{ id: "c-1", url: "https://c.example/1", title: "JSON 条目", summary: "一句话。", date_published: "2026-02-12T00:00:00Z" }],
});

describe("weekly digest", () => {
  let site: string;
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  const feeds = new Map<string, { type: string; body: string }>([
    ["/a.xml", { type: "application/rss+xml; charset=utf-8", body: FEED_A }],
    ["/b.atom", { type: "application/atom+xml", body: FEED_B }],
    ["/c.json", { type: "application/feed+json", body: FEED_C }],
  ]);

  before(async () => {
    site = copySite("digest");
    server = createServer((request, response) => {
      const path = request.url ?? "/";
      const count = (hits.get(path) ?? 0) + 1;
      hits.set(path, count);
      if (path === "/flaky.xml" && count === 1) return void response.writeHead(500).end("busy");
      const feed = path === "/flaky.xml" ? { type: "application/rss+xml", body: rss(`<item><title>重试之后</title><link>https://e.example/1</link><pubDate>Thu, 12 Feb 2026 03:00:00 GMT</pubDate></item>`) } : feeds.get(path);
      if (!feed) return void response.writeHead(404).end("not here");
      response.writeHead(200, { "content-type": feed.type }).end(feed.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeSources(site, base);
  });
  after(() => {
    server.close();
    removeOutput(site);
  });

  test("writes the week's items by source, oldest first, each once, untrusted text as text; a failed source is named and the rest written", async () => {
    // A real process: the exit status and the two streams as a shell sees them.
    const run = await digestProcess(site, ["2026-W07"]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, `${DIGEST}\n`);
    const written = readFileSync(join(site, DIGEST), "utf8");
    assert.equal(written, readFileSync(join(import.meta.dirname, "data", "digest-expected.md"), "utf8").replaceAll("BASE", base));
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      "来源 A: 6 in the feed, 3 in the week, 3 written; skipped 1 undated, 0 duplicate",
      `  warning: item "<script>alert(1)</script>**粗** [x](javascript:alert(1)) # 标题": link "javascript:alert(1)" refused (only http and https links are kept, not javascript:); written without its link.`,
      "来源 B: 2 in the feed, 2 in the week, 1 written; skipped 0 undated, 1 duplicate",
      "来源 C: 1 in the feed, 1 in the week, 1 written; skipped 0 undated, 0 duplicate",
      `来源 D: failed: HTTP 404 Not Found (${base}/missing.xml)`,
      "来源 E: 1 in the feed, 1 in the week, 1 written; skipped 0 undated, 0 duplicate",
    ]);
    assert.equal(hits.get("/flaky.xml"), 2, "the 500 was retried");
  });

  test("the digest passes weekly check and builds into a page whose items link to their articles, hostile text as text", async () => {
    const check = await runWeeklyInProcess(site, ["check"], NOW);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const output = tempOutput("digest");
    const build = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T09:00" });
    assert.equal(build.status, 0, build.stderr);
    const page = readSite(output).page("/weekly_news/ai_news_2026-W07/");
    // The digest's own items: the list of the page's body, not the reports citing it.
    const links = all(page, "main li a").map((a) => [text(a), a.getAttribute("href")]).filter(([, href]) => !href!.startsWith("/"));
    assert.deepEqual(links, [
      // The feed's link had ?utm_source=rss&id=7: the tracking parameter is left out.
      ["周一凌晨", "https://a.example/p/1?id=7#top"],
      ["周日最后一分钟", "https://a.example/p/2"],
      ["智能体周报", `${base}/posts/agents`],
      ["JSON 条目", "https://c.example/1"],
      ["重试之后", "https://e.example/1"],
    ]);
    const hostile = all(page, "main li").find((li) => text(li).startsWith("<script>"));
    assert.ok(hostile, "the hostile item is a list item of text");
    assert.equal(text(hostile), "<script>alert(1)</script>**粗** [x](javascript:alert(1)) # 标题：摘要 & ![i](https://evil.example/x.png) 链接");
    assert.equal(hostile.querySelector("a, img, script, strong, em, h1, h2"), null);
    assert.equal(page.querySelector("main script, main img"), null);
    // The note on the source that could not be read is in the file, not on the page.
    assert.match(readFileSync(join(site, DIGEST), "utf8"), /<!-- weekly digest：来源「来源 D」未能读取/);
    assert.ok(!text(page.querySelector("main")).includes("未能读取"), "the failure note is not shown to readers");
    removeOutput(output);
  });

  test("an existing digest is never overwritten; --merge adds only the new items into their sections and changes no other byte", async () => {
    const path = join(site, DIGEST);
    const edited = readFileSync(path, "utf8").replace("一句话。", "作者改过的一句话。");
    writeFileSync(path, edited);
    const refused = await digest(site, ["2026-W07"]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^weekly digest: weekly_news\/ai_news_2026-W07\.md exists; nothing written\. Add the new items with --merge, or see the digest with --dry-run\.\n/);
    assert.equal(readFileSync(path, "utf8"), edited);

    feeds.set("/c.json", { type: "application/json", body: JSON.stringify({ ...JSON.parse(FEED_C), items: [...JSON.parse(FEED_C).items, { id: "c-2", url: "https://c.example/2", title: "新的一条", date_published: "2026-02-13T00:00:00Z" }] }) });
    const merged = await digest(site, ["2026-W07", "--merge"]);
    assert.equal(merged.status, 1, merged.stderr);
    const after = readFileSync(path, "utf8");
    const line = "- [新的一条](https://c.example/2)\n";
    const at = edited.indexOf("- [JSON 条目](https://c.example/1)：作者改过的一句话。\n") + "- [JSON 条目](https://c.example/1)：作者改过的一句话。\n".length;
    assert.equal(after, edited.slice(0, at) + line + edited.slice(at));
    assert.match(merged.stderr, /^weekly digest: added 1 item to weekly_news\/ai_news_2026-W07\.md\.$/m);
  });

  test("--dry-run prints the digest and writes nothing", async () => {
    const run = await digest(site, ["2026-W08", "--dry-run"]);
    assert.equal(run.status, 1, run.stderr);
    // No report for W08 yet: it goes live when weekly new would schedule the report, that Thursday.
    assert.ok(run.stdout.startsWith('---\ntitle: "AI Weekly Digest — 2026-W08"\ndescription: "2026 年第 8 周（2026-02-16 至 2026-02-22）人工智能新闻摘要，按来源整理。"\nscheduled: 2026-02-19\n---\n'), run.stdout);
    assert.match(run.stdout, /\n- \[下周一零点\]\(https:\/\/a\.example\/p\/3\)\n/);
    assert.ok(!existsSync(join(site, "weekly_news/ai_news_2026-W08.md")));
  });

  test("in a Chinese site's language, the command's own lines and the tally are in Chinese, the digest the same", async () => {
    const [en, zh] = [await digest(site, ["2026-W08", "--dry-run"]), await runWeeklyInProcess(site, ["digest", "2026-W08", "--dry-run"], { ...NOW, WEEKLY_LANG: "zh" })];
    assert.equal(zh.status, en.status);
    assert.equal(zh.stdout, en.stdout, "the digest itself is the same");
    const lines = zh.stderr.trimEnd().split("\n");
    assert.ok(lines.some((line) => /^来源 A：订阅源 \d+ 条，本周 \d+ 条，写入 \d+ 条；跳过无日期 \d+ 条、重复 \d+ 条$/.test(line)), zh.stderr);
    assert.ok(lines.some((line) => /^来源 D：读取失败：/.test(line)), zh.stderr);
    assert.equal(lines.length, en.stderr.trimEnd().split("\n").length, "a line for each line");
  });

  test("--offline works from the last good responses; a source never fetched fails", async () => {
    const before = new Map(hits);
    const run = await digest(site, ["2026-W08", "--dry-run", "--offline"]);
    assert.deepEqual(hits, before, "no request reached the server");
    assert.match(run.stdout, /下周一零点/);
    assert.match(run.stderr, /^来源 D: failed: no cached response to work from offline/m);
  });

  test("a wrong sources file: every problem named, nothing fetched or written, exit 2", async () => {
    const sources = join(site, "weekly_news/sources.yml");
    const good = readFileSync(sources, "utf8");
    writeFileSync(sources, "- name: A\n  feed: ftp://a.example/feed\n- name: ''\n  feed: https://b.example/feed\n");
    const before = new Map(hits);
    const run = await digest(site, ["2026-W09"]);
    writeFileSync(sources, good);
    assert.equal(run.status, 2);
    assert.deepEqual(hits, before);
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      'weekly_news/sources.yml:2:9  source 1, feed: received "ftp://a.example/feed"; expected the http(s) address of an RSS, Atom, RDF or JSON feed, such as https://importai.substack.com/feed. [invalid-source]',
      "weekly_news/sources.yml:3:9  source 2, name: missing; expected a non-empty text, the heading of the source's section. [invalid-source]",
      "weekly digest: weekly_news/sources.yml has 2 problems; nothing fetched, nothing written.",
    ]);
    assert.ok(!existsSync(join(site, "weekly_news/ai_news_2026-W09.md")));
  });

  test("weekly check reports the sources file's problems with line and column", async () => {
    const sources = join(site, "weekly_news/sources.yml");
    const good = readFileSync(sources, "utf8");
    writeFileSync(sources, `${good}- name: X\n  feed: not a url\n`);
    const check = await runWeeklyInProcess(site, ["check"], NOW);
    writeFileSync(sources, good);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /^weekly_news\/sources\.yml:\d+:9 {2}source 6, feed: received "not a url"; expected the http\(s\) address of an RSS, Atom, RDF or JSON feed, such as https:\/\/importai\.substack\.com\/feed\. \[invalid-source\]$/m);
  });

  test("a cache that cannot be written costs only the cache: a warning per source, the digest made all the same", async () => {
    const cache = join(site, ".cache");
    rmSync(cache, { recursive: true, force: true });
    writeFileSync(cache, "not a folder");
    const run = await digest(site, ["2026-W08", "--dry-run"]);
    rmSync(cache, { force: true });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /下周一零点/);
    assert.match(run.stderr, /^来源 A: 6 in the feed, 1 in the week, 1 written; skipped 1 undated, 0 duplicate\n {2}warning: its response could not be kept for --offline \(ENOTDIR: .+\)$/m);
  });

  test("--import goes alone: with a week or --merge it is refused, nothing changed", async () => {
    const run = await digest(site, ["2026-W08", "--import", "x.opml"]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "weekly digest: --import adds sources and stops; run it without a week, --merge, --dry-run or --offline.\n");
  });

  test("--import adds an OPML file's feeds to the sources, skipping those listed", async () => {
    const opml = join(site, "subscriptions.opml");
    writeFileSync(opml, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>订阅</title></head><body>
<outline text="AI"><outline type="rss" text="来源 A 的别名" xmlUrl="${base}/a.xml"/><outline type="rss" text="新来源" title="新来源 · 标题" xmlUrl="https://new.example/feed.xml" htmlUrl="https://new.example/"/></outline>
<outline type="rss" text="坏的" xmlUrl="javascript:alert(1)"/>
</body></opml>`);
    const sources = join(site, "weekly_news/sources.yml");
    const before = readFileSync(sources, "utf8");
    const run = await digest(site, ["--import", "subscriptions.opml"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(sources, "utf8"), `${before}- name: "新来源 · 标题"\n  feed: "https://new.example/feed.xml"\n  home: "https://new.example/"\n`);
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      'weekly digest: subscriptions.opml:4: skipped 坏的: feed "javascript:alert(1)" is not an http(s) address.',
      `weekly digest: skipped 来源 A 的别名: ${base}/a.xml is listed already.`,
      "weekly digest: added 1 source from subscriptions.opml, 1 listed already.",
    ]);
    writeFileSync(sources, before);
  });

  test("--import reads an OPML file in UTF-16 with its BOM, in GBK as declared, and in UTF-8 declared as GBK", async () => {
    const sources = join(site, "weekly_news/sources.yml");
    const before = readFileSync(sources, "utf8");
    const opml = (encoding: string, name: string, host: string) =>
      `<?xml version="1.0" encoding="${encoding}"?>\n<opml version="2.0"><head/><body><outline type="rss" text="${name}" xmlUrl="https://${host}/feed.xml"/></body></opml>`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(opml("UTF-16", "微软导出", "utf16.example"), "utf16le")]);
    // 国产阅读器 in GBK, written out byte by byte (Node has no GBK encoder).
    const gbk = Buffer.concat([Buffer.from(opml("GBK", "@", "gbk.example").split("@")[0]!), Buffer.from("b9fab2fad4c4b6c1c6f7", "hex"), Buffer.from(opml("GBK", "@", "gbk.example").split("@")[1]!)]);
    const mislabelled = Buffer.from(opml("GBK", "标错了", "mislabelled.example"));
    const added: string[] = [];
    for (const [file, bytes, name, host, notes] of [
      ["utf16.opml", utf16, "微软导出", "utf16.example", []],
      ["gbk.opml", gbk, "国产阅读器", "gbk.example", []],
      ["mislabelled.opml", mislabelled, "标错了", "mislabelled.example", ['weekly digest: mislabelled.opml: read as UTF-8, not "GBK" as the XML declaration says (the bytes are UTF-8).']],
    ] as const) {
      writeFileSync(join(site, file), bytes);
      const run = await digest(site, ["--import", file]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.stderr.trimEnd().split("\n"), [...notes, `weekly digest: added 1 source from ${file}.`]);
      added.push(`- name: "${name}"\n  feed: "https://${host}/feed.xml"\n`);
      assert.equal(readFileSync(sources, "utf8"), `${before}${added.join("")}`);
    }
    writeFileSync(sources, before);
  });

  test("--import skips an outline whose address holds a space or a brace, naming it and its line, and adds the others", async () => {
    const opml = join(site, "spaces.opml");
    writeFileSync(opml, `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>订阅</title></head><body>
<outline type="rss" text="有空格" xmlUrl="https://space.example/my feed.xml"/>
<outline text="分组">
  <outline type="rss" title="花括号 &amp; 模板" xmlUrl="https://brace.example/feed?id={id}"/>
  <outline type="rss" text="好的" xmlUrl="https://good.example/feed.xml" htmlUrl="https://good.example/a home"/>
</outline>
</body></opml>`);
    const sources = join(site, "weekly_news/sources.yml");
    const before = readFileSync(sources, "utf8");
    const run = await digest(site, ["--import", "spaces.opml"]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(sources, "utf8"), `${before}- name: "好的"\n  feed: "https://good.example/feed.xml"\n`);
    assert.deepEqual(run.stderr.trimEnd().split("\n"), [
      'weekly digest: spaces.opml:3: skipped 有空格: feed "https://space.example/my feed.xml" holds a space, which an address in the sources file cannot hold (written percent-encoded it can: %20).',
      'weekly digest: spaces.opml:5: skipped 花括号 & 模板: feed "https://brace.example/feed?id={id}" holds "{", which an address in the sources file cannot hold (written percent-encoded it can: %7B).',
      'weekly digest: spaces.opml:6: added 好的 without its home page: "https://good.example/a home" holds a space, which an address in the sources file cannot hold (written percent-encoded it can: %20).',
      "weekly digest: added 1 source from spaces.opml.",
    ]);
    writeFileSync(sources, before);
  });

  test("a digest collected after its moment is written as a draft, says so, and no build publishes it; one collected before stays scheduled", async () => {
    // W06 has no report: it would go live on its Thursday, 2026-02-05, already past on the 11th.
    const late = await digest(site, ["2026-W06"]);
    const file = join(site, "weekly_news/ai_news_2026-W06.md");
    try {
      assert.equal(late.status, 1, late.stderr); // source D fails, as in every run here
      assert.match(readFileSync(file, "utf8"), /\nscheduled: 2026-02-05\ndraft: true\n---\n/);
      assert.ok(
        late.stderr.split("\n").includes("weekly digest: weekly_news/ai_news_2026-W06.md is a draft (draft: true), since 2026-02-05, when it would go live, has passed in Asia/Shanghai: read it, then remove draft: true to publish it."),
        late.stderr,
      );
      const output = tempOutput("late-digest");
      const build = runEleventy(site, output, { WEEKLY_NOW: "2026-02-12T09:00" });
      assert.equal(build.status, 0, build.stderr);
      const built = readSite(output);
      assert.ok(built.files.has("weekly_news/ai_news_2026-W07/index.html"), "the week collected in time is published");
      assert.deepEqual([...built.files.keys()].filter((path) => path.includes("2026-W06")), []);
      assert.ok(![...built.files.values()].some((content) => content.includes("上周日深夜")), "the unread digest's item is nowhere in the output");
      removeOutput(output);
    } finally {
      rmSync(file, { force: true });
    }
    // W07's report goes live on the 12th: collected on the 11th, its digest stays scheduled with it.
    const early = await digest(site, ["2026-W07", "--dry-run"]);
    assert.doesNotMatch(early.stdout, /draft: true/);
    assert.doesNotMatch(early.stderr, /draft/);
  });
});

describe("weekly digest: a redirect never leads inward", () => {
  // Run in this process, so that names resolve through a table and every address but 127.0.0.1
  // is dialled at the local server: no packet leaves the machine even if a check were missing.
  let site: string;
  let server: Server;
  let port: number;
  const paths: string[] = [];
  const dialled: string[] = [];
  const INTERNAL = rss(`<item><title>内部消息</title><link>https://intranet.example/1</link><pubDate>Tue, 10 Feb 2026 02:00:00 GMT</pubDate></item>`);
  const OUTSIDE = rss(`<item><title>外部新闻</title><link>https://news.example/1</link><pubDate>Tue, 10 Feb 2026 03:00:00 GMT</pubDate></item>`);

  before(async () => {
    site = copySite("digest");
    server = createServer((request, response) => {
      const path = request.url ?? "/";
      paths.push(path);
      const moved = (location: string) => void response.writeHead(302, { location }).end();
      if (path === "/to-loopback") return moved(`http://127.0.0.1:${port}/internal.xml`);
      if (path === "/to-metadata") return moved("http://169.254.169.254/latest/meta-data/");
      if (path === "/internal.xml") return void response.writeHead(200, { "content-type": "application/rss+xml" }).end(INTERNAL);
      if (path === "/news.xml") return void response.writeHead(200, { "content-type": "application/rss+xml" }).end(OUTSIDE);
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    mkdirSync(join(site, "weekly_news"), { recursive: true });
    writeFileSync(
      join(site, "weekly_news/sources.yml"),
      `- name: 公开来源
  feed: http://public.example:${port}/to-loopback
- name: 本机来源
  feed: http://127.0.0.1:${port}/to-metadata
- name: 新闻
  feed: http://news.example:${port}/news.xml
`,
    );
  });
  after(() => {
    server.close();
    removeOutput(site);
  });

  test("a public source's redirect to 127.0.0.1 and a local source's to 169.254.169.254 are refused before connecting, each naming the source and the address", async () => {
    const inspected = await inspectSite(site);
    assert.ok(!("failure" in inspected), "failure" in inspected ? JSON.stringify(inspected.failure) : "");
    let out = "";
    let err = "";
    const network = {
      resolve: async (host: string) => ({ "public.example": ["203.0.113.5"], "news.example": ["198.51.100.7"] })[host] ?? [],
      connectTo: (address: string) => (dialled.push(address), "127.0.0.1"),
    };
    const io = { out: { write: (t: string) => ((out += t), true) }, err: { write: (t: string) => ((err += t), true) }, env: { ...NOW, WEEKLY_LANG: "en" }, network } as unknown as Parameters<typeof runDigest>[2];
    const status = await runDigest(inspected, { week: "2026-W07", timeoutSeconds: 5, offline: false, merge: false, dryRun: true }, io);
    assert.equal(status, 1, err);
    assert.match(out, /外部新闻/);
    assert.doesNotMatch(out, /内部消息/);
    const RULE = "a redirect may lead only to a public address or to the kind of address its source is on";
    assert.deepEqual(err.split("\n").filter((line) => line.includes("failed")), [
      `公开来源: failed: refused the redirect to http://127.0.0.1:${port}/internal.xml: 127.0.0.1, a loopback address (127.0.0.0/8), and the source's feed is on 203.0.113.5, a public address; ${RULE} (http://public.example:${port}/to-loopback)`,
      `本机来源: failed: refused the redirect to http://169.254.169.254/latest/meta-data/: 169.254.169.254, a metadata address (169.254.169.254/32), and the source's feed is on 127.0.0.1, a loopback address (127.0.0.0/8); ${RULE} (http://127.0.0.1:${port}/to-metadata)`,
    ]);
    assert.deepEqual(paths.sort(), ["/news.xml", "/to-loopback", "/to-metadata"]);
    assert.deepEqual(dialled.sort(), ["127.0.0.1", "198.51.100.7", "203.0.113.5"]);
  });
});

/** The sources of the fixture site, at the local server. */
function writeSources(site: string, base: string): void {
  mkdirSync(join(site, "weekly_news"), { recursive: true });
  writeFileSync(
    join(site, "weekly_news/sources.yml"),
    `# 测试用的来源
- name: 来源 A
  feed: ${base}/a.xml
  home: https://a.example/
- name: 来源 B
  feed: ${base}/b.atom
- name: 来源 C
  feed: ${base}/c.json
- name: 来源 D
  feed: ${base}/missing.xml
- name: 来源 E
  feed: ${base}/flaky.xml
`,
  );
}

/** Runs `weekly digest` in this process, whose server answers the feeds while the command waits on them. */
function digest(site: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return runWeeklyInProcess(site, ["digest", ...args], NOW);
}

/** Runs `weekly digest` as its own process without blocking this one, which serves the feeds. */
function digestProcess(site: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WEEKLY_BIN, "digest", ...args], { cwd: site, env: { ...process.env, ...NOW, WEEKLY_PREVIEW: undefined } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("weekly digest: every encoding and failure a source can bring", () => {
  let site: string;
  let server: Server;
  let base: string;
  const FEEDS = join(import.meta.dirname, "data", "feeds");
  const file = (name: string) => readFileSync(join(FEEDS, name));

  before(async () => {
    site = copySite("digest");
    server = createServer((request, response) => {
      const path = request.url ?? "/";
      const send = (type: string, body: Buffer | string) => void response.writeHead(200, { "content-type": type }).end(body);
      if (path === "/gbk.xml") return send("application/rss+xml", file("gbk.xml")); // GBK named by the XML declaration only
      // Big5 named by the header only; its link made its own, so that it is no duplicate of the GBK item.
      if (path === "/big5.xml") return send("text/xml; charset=big5", Buffer.from(file("big5.xml").toString("latin1").replace("/2026/w06/1.html", "/2026/w06/2.html"), "latin1"));
      if (path === "/bomb.xml") return send("application/rss+xml", file("entity-bomb.xml"));
      if (path === "/page.html") return send("text/html; charset=utf-8", file("html-page.html"));
      if (path === "/broken.xml") return send("application/rss+xml", file("broken.xml"));
      if (path === "/loop") return void response.writeHead(302, { location: "/loop" }).end();
      if (path === "/slow.xml") return; // never answers
      if (path === "/huge.xml") {
        // 21 MB and counting, without a Content-Length: refused as it streams.
        response.writeHead(200, { "content-type": "application/rss+xml" });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const more = () => {
          while (sent < 21 && !response.destroyed) {
            sent += 1;
            if (!response.write(chunk)) return void response.once("drain", more);
          }
          response.end();
        };
        return more();
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sources = [["GBK", "gbk.xml"], ["Big5", "big5.xml"], ["炸弹", "bomb.xml"], ["网页", "page.html"], ["坏的 XML", "broken.xml"], ["转圈", "loop"], ["太慢", "slow.xml"], ["太大", "huge.xml"]];
    writeFileSync(join(site, "weekly_news/sources.yml"), sources.map(([name, path]) => `- name: ${name}\n  feed: ${base}/${path}\n`).join(""));
  });
  after(() => {
    server.closeAllConnections();
    server.close();
    removeOutput(site);
  });

  test("each failed source named with its reason, the digest still made from the others", async () => {
    const run = await digest(site, ["2026-W06", "--dry-run", "--timeout", "2"]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /\n## GBK\n\n- \[第 6 周：模型与代理\]\(http:\/\/127\.0\.0\.1:\d+\/2026\/w06\/1\.html\)：本周要闻：大模型推理能力提升\n/);
    assert.match(run.stdout, /\n## Big5\n\n- \[第 6 週：模型與代理\]\(http:\/\/127\.0\.0\.1:\d+\/2026\/w06\/2\.html\)：本週要聞：大模型推理能力提升\n/);
    assert.doesNotMatch(run.stdout, /lol/);
    // The sources' lines (the command's own notes, such as the draft mark, are tested on their own).
    assert.deepEqual(run.stderr.trimEnd().split("\n").filter((line) => !line.startsWith("weekly digest: ")), [
      "GBK: 1 in the feed, 1 in the week, 1 written; skipped 0 undated, 0 duplicate",
      "Big5: 1 in the feed, 1 in the week, 1 written; skipped 0 undated, 0 duplicate",
      "炸弹: 1 in the feed, 0 in the week, 0 written; skipped 1 undated, 0 duplicate",
      `网页: failed: not a feed (an HTML page) (${base}/page.html)`,
      `坏的 XML: failed: XML error at line 3, column 25: Expected closing tag 'title' (opened in line 3, col 12) instead of closing tag 'titel'. (${base}/broken.xml)`,
      `转圈: failed: more than 5 redirects (the last to ${base}/loop) (${base}/loop)`,
      `太慢: failed: timed out after 2 s (${base}/slow.xml)`,
      `太大: failed: larger than 20 MB (${base}/huge.xml)`,
    ]);
  });

  test("in Chinese (WEEKLY_LANG=zh): each source's line and reason, and the notes left in the digest", async () => {
    const run = await runWeeklyInProcess(site, ["digest", "2026-W06", "--dry-run", "--timeout", "2"], { ...NOW, WEEKLY_LANG: "zh" });
    assert.equal(run.status, 1);
    const failed = run.stderr.trimEnd().split("\n").filter((line) => line.includes("读取失败"));
    assert.deepEqual(failed, [
      `网页：读取失败：不是订阅源（是一个 HTML 页面）（${base}/page.html）`,
      `坏的 XML：读取失败：XML 错误（第 3 行第 25 列）：Expected closing tag 'title' (opened in line 3, col 12) instead of closing tag 'titel'.（${base}/broken.xml）`,
      `转圈：读取失败：重定向超过 5 次（最后一次到 ${base}/loop）（${base}/loop）`,
      `太慢：读取失败：2 s 后超时（${base}/slow.xml）`,
      `太大：读取失败：大于 20 MB（${base}/huge.xml）`,
    ]);
    const notes = run.stdout.split("\n").filter((line) => line.startsWith("<!-- weekly digest："));
    assert.deepEqual(notes.map((line) => /^<!-- weekly digest：来源「(.+?)」未能读取（[\d-]+ [\d:]+）：(.+?)。能读取后运行/.exec(line)?.slice(1)), [
      ["网页", "不是订阅源（是一个 HTML 页面）"],
      ["坏的 XML", "XML 错误（第 3 行第 25 列）：Expected closing tag 'title' (opened in line 3, col 12) instead of closing tag 'titel'."],
      ["转圈", `重定向超过 5 次（最后一次到 ${base}/loop）`],
      ["太慢", "2 s 后超时"],
      ["太大", "大于 20 MB"],
    ]);
  });
});

describe("weekly digest: a malformed feed gives every item, with one warning", () => {
  let site: string;
  let server: Server;
  let base: string;

  before(async () => {
    site = copySite("digest");
    const wordpress = readFileSync(join(import.meta.dirname, "data", "feeds", "wordpress-malformed.xml"));
    server = createServer((request, response) => {
      if (request.url === "/wp.xml") return void response.writeHead(200, { "content-type": "application/rss+xml; charset=UTF-8" }).end(wordpress);
      if (request.url === "/page.html") return void response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>AT&T</p>");
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(join(site, "weekly_news/sources.yml"), `- name: WP 博客\n  feed: ${base}/wp.xml\n- name: 网页\n  feed: ${base}/page.html\n`);
  });
  after(() => {
    server.close();
    removeOutput(site);
  });

  test("a bare &, &nbsp; and the rest repaired: the digest holds each item, stderr names each spot once; a page that is no feed still fails", async () => {
    const run = await digest(site, ["2026-W07"]);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, `${DIGEST}\n`);
    const written = readFileSync(join(site, DIGEST), "utf8");
    const items = written.split("\n").filter((line) => line.startsWith("- "));
    assert.deepEqual(items, [
      "- [AT&T 与 OpenAI 合作](https://wp.example/?p=1&lang=zh)：模型 上线…",
      "- [\\<script>alert(1)\\</script> 与 a < b 都是文字](https://wp.example/?p=2)：CDATA 里的 & 与 不用修。",
      "- [周报 Q&A](https://wp.example/?p=3)",
    ]);
    assert.deepEqual(run.stderr.trimEnd().split("\n").filter((line) => !line.startsWith("weekly digest: ")), [
      "WP 博客: 3 in the feed, 3 in the week, 3 written; skipped 0 undated, 0 duplicate",
      '  warning: repaired 10 spots (bare "&" at line 21, column 12; bare "&" at line 22, column 32; HTML entity "&nbsp;" at line 26, column 18; HTML entity "&hellip;" at line 26, column 26; HTML entity "&LT;" at line 29, column 10; 5 more)',
      `网页: failed: not a feed (an HTML page) (${base}/page.html)`,
    ]);
  });
});

describe("weekly digest --merge into a digest too large to read", () => {
  test("is refused before any feed is fetched, naming the file, its size and the limit; the file is not touched", async () => {
    const site = copySite("digest");
    try {
      // Offline, and a port nothing listens on: no feed could be fetched in any case.
      writeFileSync(join(site, "weekly_news", "sources.yml"), "- name: A\n  feed: http://127.0.0.1:9/a.xml\n");
      const file = join(site, "weekly_news", "ai_news_2026-W07.md");
      writeFileSync(file, "---\ntitle: 摘要\n---\n\n");
      truncateSync(file, 64 * 1024 * 1024);
      const run = await runWeeklyInProcess(site, ["digest", "2026-W07", "--merge", "--offline"], NOW);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /^weekly_news\/ai_news_2026-W07\.md {2}the file is 64 MB \(67108864 bytes\), over the limit of 10 MB \(10485760 bytes\) for a report or digest: it is not read\..* \[file-too-large\]$/m);
      assert.match(run.stderr, /^weekly digest: weekly_news\/ai_news_2026-W07\.md is too large to merge into; nothing fetched, nothing written\.$/m);
      assert.equal(statSync(file).size, 64 * 1024 * 1024);
    } finally {
      removeOutput(site);
    }
  });
});
