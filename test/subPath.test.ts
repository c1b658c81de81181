// A site served from a folder (a GitHub Pages project site, user.github.io/repo): built with
// `--pathprefix` and with a site.url that has a path, then crawled through a server that serves it
// only under that folder. Every link, stylesheet, script and absolute URL carries the folder once.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { copySite, listFiles, removeOutput, runEleventy, tempOutput } from "./helpers.js";
import { serveFolder, type StaticSite } from "./staticServer.js";
import { crawl, urlsOf } from "./crawl.js";

const NOW = { WEEKLY_NOW: "2026-02-13T00:00" };

for (const [label, siteUrl, args] of [
  ["--pathprefix=/blog/", "https://scheduled.example.org", ["--pathprefix", "/blog/"]],
  ["site.url https://scheduled.example.org/blog", "https://scheduled.example.org/blog", []],
] as const) {
  describe(`a site under /blog/ (${label})`, () => {
    let site: string;
    let output: string;
    let server: StaticSite;
    before(async () => {
      site = copySite("scheduled");
      const config = join(site, "eleventy.config.js");
      writeFileSync(config, readFileSync(config, "utf8").replace('url: "https://scheduled.example.org"', `url: ${JSON.stringify(siteUrl)}`));
      output = tempOutput("sub-path");
      const run = runEleventy(site, output, NOW, [...args]);
      assert.equal(run.status, 0, run.stderr);
      server = await serveFolder(output, "/blog/");
    });
    after(async () => {
      await server?.close();
      removeOutput(output);
      removeOutput(site);
    });

    test("crawled from /blog/, every page, stylesheet, script and image it reaches is there, under /blog/ once", async () => {
      const seen = await crawl(server.url, "/blog/", (url, from) => {
        const target = new URL(url, `http://host${from}`);
        assert.ok(target.pathname.startsWith("/blog/") && !target.pathname.startsWith("/blog/blog/"), `${from} links ${url}`);
      });
      for (const page of ["/blog/posts/2026-W06-ai-weekly/", "/blog/tags/", "/blog/weekly_news/ai_news_2026-W06/", "/blog/archive/", "/blog/search/", "/blog/pagefind/pagefind-ui.js"]) {
        assert.ok(seen.has(page), `${page} was not reached`);
      }
    });

    test("feeds, sitemap, robots.txt, canonical and Open Graph URLs are absolute, under /blog/ once, and lead to pages that are there", async () => {
      const base = "https://scheduled.example.org/blog/";
      const absolute: string[] = [];
      const feed = readFileSync(join(output, "feed.xml"), "utf8");
      absolute.push(...[...feed.matchAll(/<link href="([^"]+)"/g)].map((m) => m[1]!));
      // The stylesheet a browser shows the feed with is named from the host, with the folder: the <base> plugin leaves XML alone.
      assert.match(feed, /^<\?xml version="1.0" encoding="utf-8"\?>\n<\?xml-stylesheet href="\/blog\/feed\.xsl" type="text\/xsl"\?>\n/);
      assert.equal((await fetch(`${server.url}/blog/feed.xsl`)).status, 200);
      for (const m of feed.matchAll(/<content type="html">([^]*?)<\/content>/g)) {
        const html = m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
        absolute.push(...urlsOf(html).filter((url) => !url.startsWith("#")));
      }
      const json = JSON.parse(readFileSync(join(output, "feed.json"), "utf8")) as { home_page_url: string; feed_url: string; items: Array<{ url: string; content_html: string }> };
      absolute.push(json.home_page_url, json.feed_url, ...json.items.flatMap((item) => [item.url, ...urlsOf(item.content_html).filter((url) => !url.startsWith("#"))]));
      absolute.push(...[...readFileSync(join(output, "sitemap.xml"), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
      absolute.push(/Sitemap: (\S+)/.exec(readFileSync(join(output, "robots.txt"), "utf8"))![1]!);
      const report = parseHTML(readFileSync(join(output, "posts", "2026-W06-ai-weekly", "index.html"), "utf8")).document;
      absolute.push(report.querySelector('link[rel="canonical"]')!.getAttribute("href")!, report.querySelector('meta[property="og:url"]')!.getAttribute("content")!);
      assert.ok(absolute.length > 20);
      for (const url of absolute) {
        if (url.startsWith("https://") && !url.startsWith("https://scheduled.example.org")) continue; // a link to another site
        assert.ok(url.startsWith(base) && !url.startsWith(`${base}blog/`), url);
        const response = await fetch(`${server.url}${new URL(url).pathname}`);
        assert.equal(response.status, 200, `${url} answers ${response.status}`);
      }
    });

    test("the search index holds addresses from the site's root, which the search UI puts under /blog/ (see browser.test.ts)", () => {
      const fragments = listFiles(output).filter((file) => file.endsWith(".pf_fragment"));
      assert.ok(fragments.length > 0);
      const urls = [...readSiteText(output, fragments).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(urls.length > 0 && urls.every((url) => url.startsWith("/") && !url.startsWith("/blog/")), urls.join(", "));
    });
  });
}

function readSiteText(output: string, files: string[]): string {
  return files.map((file) => gunzipSync(readFileSync(join(output, file))).toString("utf8")).join("\n");
}

test("a site.url path and a --pathprefix that disagree stop the build, naming both", () => {
  const site = copySite("scheduled");
  const output = tempOutput("sub-path-clash");
  try {
    const config = join(site, "eleventy.config.js");
    writeFileSync(config, readFileSync(config, "utf8").replace('url: "https://scheduled.example.org"', 'url: "https://scheduled.example.org/ai-weekly"'));
    const run = runEleventy(site, output, NOW, ["--pathprefix", "/blog/"]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /weekly plugin option site\.url: received "https:\/\/scheduled\.example\.org\/ai-weekly"; expected an address whose path agrees with Eleventy's pathPrefix "\/blog\/": give the path in one of them, or the same in both\./);
  } finally {
    removeOutput(output);
    removeOutput(site);
  }
});

test("--pathprefix=/blog/ and a site.url ending in /blog build the same site, byte for byte (so the browser test of one covers both)", () => {
  const outputs: string[] = [];
  const sites: string[] = [];
  try {
    for (const [siteUrl, args] of [["https://scheduled.example.org", ["--pathprefix", "/blog/"]], ["https://scheduled.example.org/blog", []]] as const) {
      const site = copySite("scheduled");
      sites.push(site);
      const config = join(site, "eleventy.config.js");
      writeFileSync(config, readFileSync(config, "utf8").replace('url: "https://scheduled.example.org"', `url: ${JSON.stringify(siteUrl)}`));
      const output = tempOutput("sub-path-same");
      outputs.push(output);
      const run = runEleventy(site, output, NOW, [...args]);
      assert.equal(run.status, 0, run.stderr);
    }
    const [prefixed, addressed] = outputs.map((output) => listFiles(output).filter((file) => !file.startsWith(".weekly/")));
    assert.deepEqual(prefixed, addressed);
    assert.ok(prefixed!.includes("search/index.html") && prefixed!.some((file) => file.startsWith("pagefind/")));
    for (const file of prefixed!) {
      assert.ok(readFileSync(join(outputs[0]!, file)).equals(readFileSync(join(outputs[1]!, file))), file);
    }
  } finally {
    for (const dir of [...outputs, ...sites]) removeOutput(dir);
  }
});
