// Search from every page: the header's form is a plain GET to the search page (it works without
// JavaScript), on every kind of page, under a path prefix too; a site without search has none.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { all, copySite, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";

const NOW = { WEEKLY_NOW: "2026-02-13T00:00" };
const PAGES: Array<[string, string]> = [
  ["home", "/"],
  ["report", "/posts/2026-W06-ai-weekly/"],
  ["digest", "/weekly_news/ai_news_2026-W06/"],
  ["tag index", "/tags/"],
  ["tag", "/tags/ai/"],
  ["archive", "/archive/"],
  ["digest index", "/weekly_news/"],
  ["404", "/404.html"],
];

/** The header's search form of a page, checked for what a reader and a screen reader need. */
function searchForm(page: Document, label: string): Element {
  const forms = all(page, "header.site-header form.site-search");
  assert.equal(forms.length, 1, `${label}: ${forms.length} search forms in the header`);
  const form = forms[0]!;
  assert.equal(form.getAttribute("role"), "search", label);
  assert.equal((form.getAttribute("method") ?? "get").toLowerCase(), "get", label);
  const inputs = all(form, "input[name=q]");
  assert.equal(inputs.length, 1, label);
  const input = inputs[0]!;
  assert.equal(input.getAttribute("type"), "search", label);
  const named = input.getAttribute("aria-label") ?? text(page.querySelector(`label[for="${input.getAttribute("id")}"]`));
  assert.equal(named, "搜索周报", `${label}: the box is named for a screen reader`);
  assert.deepEqual(all(form, "button").map((button) => [button.getAttribute("type"), text(button)]), [["submit", "搜索"]], label);
  return form;
}

function build(siteDir: string, args: string[] = []): BuiltSite {
  const output = tempOutput("search-form");
  const run = runEleventy(siteDir, output, NOW, args);
  assert.equal(run.status, 0, run.stderr);
  return readSite(output);
}

describe("the header's search form", () => {
  let siteDir: string;
  let site: BuiltSite;
  let prefixed: BuiltSite;
  before(() => {
    siteDir = copySite("scheduled");
    site = build(siteDir);
    prefixed = build(siteDir, ["--pathprefix", "/blog/"]);
  });
  after(() => {
    removeOutput(site);
    removeOutput(prefixed);
    removeOutput(siteDir);
  });

  for (const [label, url] of PAGES) {
    test(`${label} (${url}): a GET form to /search/ with a search box named q, labelled 搜索周报, and a 搜索 button`, () => {
      assert.equal(searchForm(site.page(url), label).getAttribute("action"), "/search/");
    });
    test(`${label} under --pathprefix /blog/: the form goes to /blog/search/`, () => {
      assert.equal(searchForm(prefixed.page(url), label).getAttribute("action"), "/blog/search/");
    });
  }

  test("the search page has one box, its own (the header's would be a second), and runs the query of ?q=", () => {
    const page = site.page("/search/");
    assert.equal(page.querySelector("form.site-search"), null);
    const script = all(page, "main script").map((s) => s.textContent ?? "").join("\n");
    assert.match(script, /new URLSearchParams\(window\.location\.search\)\.get\("q"\)/);
    assert.match(script, /triggerSearch\(/);
    assert.match(script, /history\.replaceState\(/);
  });

  test("every page has the / key's script, and it names both boxes", () => {
    for (const [label, url] of [...PAGES, ["search", "/search/"] as [string, string]]) {
      const script = all(site.page(url), "body > script").map((s) => s.textContent ?? "").join("\n");
      assert.match(script, /event\.key !== "\/"/, label);
      assert.match(script, /\.pagefind-ui__search-input/, label);
      assert.match(script, /form\.site-search input\[name=q\]/, label);
    }
  });

  test("a site without search (searchIndex: false) has no form and no / key script", () => {
    const config = join(siteDir, "eleventy.config.js");
    const original = readFileSync(config, "utf8");
    writeFileSync(config, original.replace('url: "https://scheduled.example.org" }', 'url: "https://scheduled.example.org" }, searchIndex: false'));
    const without = build(siteDir);
    try {
      assert.equal(without.has("/search/"), false);
      for (const [label, url] of PAGES) {
        assert.equal(without.page(url).querySelector("form.site-search"), null, label);
        assert.equal(without.page(url).querySelector("body > script"), null, label);
      }
    } finally {
      writeFileSync(config, original);
      removeOutput(without);
    }
  });
});
