// Prototype keys: `__proto__`, `constructor` and `prototype` in front matter or a data file of a
// content folder are named at their file and line, before Eleventy merges the page's data (where
// `__proto__` would reach Object.prototype); tags named like Object.prototype's members are
// ordinary tags with pages of their own. The builds run in this process, so that a pollution of
// Object.prototype would show here.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findPrototypeKeys, isPrototypeKey, keyLine, placePrototypeKeys } from "../src/core/prototypeKeys.js";
import { createFrontMatterEngine, frontMatterNotes } from "../src/content/frontMatter.js";
import { mergeData } from "../src/content/siteFiles.js";
import { readSources } from "../src/content/sources.js";
import { assignTagSlugs } from "../src/core/slugs.js";
import { inspectSite } from "../src/cli/inspect.js";
import { all, buildSite, copySite, readSite, removeOutput, runEleventy, tempOutput, text, type BuiltSite } from "./helpers.js";

/** What a polluted Object.prototype would show: a key no object of its own has. */
function assertPrototypeClean(): void {
  assert.deepEqual(
    Object.getOwnPropertyNames(Object.prototype).filter((name) => !CLEAN_PROTOTYPE.includes(name)),
    [],
    "Object.prototype gained keys",
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}
const CLEAN_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype);

describe("isPrototypeKey", () => {
  const cases: Array<[string, boolean]> = [
    ["__proto__", true],
    ["constructor", true],
    ["prototype", true],
    ["override:__proto__", true], // Eleventy's merge drops the prefix before assigning
    ["override:tags", false],
    ["proto", false],
    ["Constructor", false],
    ["title", false],
  ];
  for (const [key, expected] of cases) {
    test(`isPrototypeKey(${JSON.stringify(key)}) → ${expected}`, () => assert.equal(isPrototypeKey(key), expected));
  }
});

describe("findPrototypeKeys", () => {
  // Parsed from JSON, as front matter and data files are: `__proto__` is then an own key.
  const cases: Array<[string, string[]]> = [
    ['{"title": "t", "tags": ["constructor"]}', []],
    ['{"__proto__": {"polluted": "yes"}}', ["__proto__"]],
    ['{"extra": {"__proto__": {"polluted": "yes"}}}', ["extra.__proto__"]],
    ['{"links": [{"constructor": {"prototype": {"polluted": 1}}}]}', ["links[0].constructor"]],
    ['{"a": {"prototype": 1}, "b": [[{"override:__proto__": 2}]]}', ["a.prototype", "b[0][0].override:__proto__"]],
  ];
  for (const [json, expected] of cases) {
    test(`findPrototypeKeys(${json}) → ${expected.join(", ") || "none"}`, () => {
      const value = JSON.parse(json) as unknown;
      assert.deepEqual(findPrototypeKeys(value).map((found) => found.path), expected);
      findPrototypeKeys(value, { remove: true });
      assert.deepEqual(findPrototypeKeys(value), [], "removed");
    });
  }

  test("keys are placed at their lines, in YAML and in JSON, by their order in the text", () => {
    const yamlText = "title: t\nextra:\n  __proto__:\n    x: 1\nmore: { __proto__: 2 }\n- constructor: 3\n";
    assert.equal(keyLine(yamlText, "__proto__"), 3);
    assert.equal(keyLine(yamlText, "__proto__", 1), 5);
    assert.equal(keyLine(yamlText, "constructor"), 6);
    assert.equal(keyLine('{\n  "title": "t",\n  "a": { "__proto__": 1 }\n}', "__proto__"), 3);
    assert.equal(keyLine("title: __proto__ is a word\n", "__proto__"), undefined);
    const value = JSON.parse('{"a": {"__proto__": 1}, "b": {"__proto__": 2}}') as unknown;
    assert.deepEqual(
      placePrototypeKeys("a:\n  __proto__: 1\nb:\n  __proto__: 2\n", value).map((entry) => [entry.path, entry.line]),
      [["a.__proto__", 2], ["b.__proto__", 4]],
    );
    // A key inside a refused one is not named again, but still counts where the text has it.
    const nested = JSON.parse('{"a": {"constructor": {"prototype": 1}}, "b": {"prototype": 2}}') as unknown;
    assert.deepEqual(
      placePrototypeKeys("a:\n  constructor:\n    prototype: 1\nb: { prototype: 2 }\n", nested, { remove: true }).map((entry) => [entry.path, entry.line]),
      [["a.constructor", 2], ["b.prototype", 4]],
    );
    assert.deepEqual(nested, { a: {}, b: {} });
  });

  test("Eleventy's merge, as the check makes it, never merges a prototype key", () => {
    const merged = mergeData({ a: { b: 1 } }, JSON.parse('{"__proto__": {"polluted": 1}, "a": {"__proto__": {"polluted": 2}}}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    assert.deepEqual(merged, { a: { b: 1 } });
    assertPrototypeClean();
  });
});

describe("front matter with prototype keys", () => {
  const yaml = createFrontMatterEngine(() => true);
  const json = createFrontMatterEngine(() => true, "json");
  const cases: Array<[string, (text: string) => Record<string, unknown>, string, Array<[string, number]>]> = [
    ["YAML, at the top", yaml, "\ntitle: t\n__proto__:\n  polluted: yes\n", [["__proto__", 3]]],
    ["YAML, nested", yaml, "\ntitle: t\nextra:\n  a: 1\n  __proto__:\n    polluted: yes\n", [["extra.__proto__", 5]]],
    ["YAML, in a flow map and a list", yaml, "\nlinks:\n  - constructor: { prototype: 1 }\nb: { prototype: 2 }\n", [["links[0].constructor", 3], ["b.prototype", 4]]],
    ["JSON", json, '\n{"title": "t",\n "__proto__": {"polluted": "yes"}}\n', [["__proto__", 3]]],
    ["JSON, with Eleventy's override: prefix", json, '\n{"override:__proto__": {"polluted": "yes"}}\n', [["override:__proto__", 2]]],
  ];
  for (const [name, engine, text, expected] of cases) {
    test(`${name}: each key named at its line and gone from the data`, () => {
      const data = engine(text);
      const problems = frontMatterNotes(data)?.problems ?? [];
      assert.deepEqual(problems.map((p) => [p.field, p.line, p.code]), expected.map(([field, line]) => [field, line, "prototype-key"]));
      assert.deepEqual(findPrototypeKeys(data), []);
      assertPrototypeClean();
    });
  }

  test("the whole message names the key, its place and what to do", () => {
    const problems = frontMatterNotes(yaml("\nextra:\n  __proto__:\n    polluted: yes\n"))?.problems ?? [];
    assert.equal(
      problems[0]?.message,
      'extra.__proto__: "__proto__" names a part of every JavaScript object, never data: merged into a page\'s data it would change every object of the build. Rename the key or remove it.',
    );
  });

  test("a tag __proto__ is named and dropped (Eleventy's collections stop on it); constructor stays a tag", () => {
    for (const tags of ["[AI, __proto__, constructor]", '"AI,__proto__,constructor"']) {
      const data = yaml(`\ntitle: t\ntags: ${tags}\n`);
      const problems = frontMatterNotes(data)?.problems ?? [];
      assert.deepEqual(problems.map((p) => [p.line, p.code]), [[3, "prototype-key"]], tags);
      assert.deepEqual(data.tags, ["AI", "constructor"], tags);
    }
  });

  test("tags __defineGetter__ and __defineSetter__ are named and dropped (Eleventy calls them as collections, which throws)", () => {
    for (const tag of ["__defineGetter__", "__defineSetter__", " __defineSetter__ "]) {
      const data = yaml(`\ntitle: t\ntags: [AI, "${tag}", __lookupGetter__]\n`);
      const problems = frontMatterNotes(data)?.problems ?? [];
      assert.deepEqual(problems.map((p) => [p.field, p.line, p.code]), [[`tags ${tag.trim()}`, 3, "prototype-key"]], tag);
      assert.match(problems[0]!.message, new RegExp(`received "${tag.trim()}".*a function of every object`), tag);
      assert.deepEqual(data.tags, ["AI", "__lookupGetter__"], tag);
    }
  });
});

describe("tags and sources are looked up by their own keys only", () => {
  test("tags named like Object.prototype's members get their own slugs; a fixed slug is found for them too", () => {
    const tags = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "prototype", "isPrototypeOf"];
    const { slugs, clashes } = assignTagSlugs(tags, {});
    assert.deepEqual([...slugs.values()], ["constructor", "tostring", "valueof", "hasownproperty", "__proto__", "prototype", "isprototypeof"]);
    assert.deepEqual(clashes, []);
    const fixed = JSON.parse('{"constructor": "ctor", "__proto__": "proto"}') as Record<string, string>;
    assert.deepEqual([...assignTagSlugs(["constructor", "__proto__", "toString"], fixed).slugs.values()], ["ctor", "proto", "tostring"]);
  });

  test("a source with a key constructor or __proto__ is named at its line", () => {
    const read = readSources("weekly_news/sources.yml", "- name: A\n  feed: https://a.example/feed\n  constructor: x\n  __proto__:\n    polluted: yes\n");
    assert.deepEqual(read.problems.map((p) => [p.line, p.code, p.severity]), [[3, "prototype-key", "error"], [4, "prototype-key", "error"]]);
    assertPrototypeClean();
  });

  test("a prototype key deeper in a source (under another key, or a YAML merge key) is named at the key that holds it", () => {
    const read = readSources("weekly_news/sources.yml", "- name: A\n  feed: https://a.example/feed\n  extra:\n    __proto__:\n      polluted: yes\n  <<: { prototype: 1 }\n");
    const refused = read.problems.filter((p) => p.code === "prototype-key");
    assert.deepEqual(refused.map((p) => [p.line, p.message.split(":")[1]]), [[3, " extra.__proto__"], [6, " <<.prototype"]]);
    assertPrototypeClean();
  });
});

const NOW = "2026-03-02T10:00";

/** Builds a site in this process at a fixed clock; the error that stopped it, if one did. */
async function buildHere(site: string, output: string): Promise<{ built?: BuiltSite; error?: { problems?: Array<{ file: string; line?: number; code: string }> } }> {
  const previous = process.env.WEEKLY_NOW;
  process.env.WEEKLY_NOW = NOW;
  const quiet = { log: console.log, warn: console.warn, error: console.error };
  Object.assign(console, { log: () => {}, warn: () => {}, error: () => {} });
  try {
    return { built: await buildSite(site, "eleventy.config.js", output) };
  } catch (error) {
    let e = error as { problems?: unknown; originalError?: unknown; cause?: unknown } | undefined;
    for (let i = 0; e && !e.problems && i < 20; i++) e = (e.originalError ?? e.cause) as typeof e;
    return { error: e as { problems?: Array<{ file: string; line?: number; code: string }> } };
  } finally {
    Object.assign(console, quiet);
    if (previous === undefined) delete process.env.WEEKLY_NOW;
    else process.env.WEEKLY_NOW = previous;
  }
}

async function checkHere(site: string): Promise<Array<[string, number | undefined, string]>> {
  const previous = process.env.WEEKLY_NOW;
  process.env.WEEKLY_NOW = NOW;
  try {
    const inspection = await inspectSite(site);
    assert.ok(!("failure" in inspection), JSON.stringify(inspection));
    return inspection.problems.filter((p) => p.severity === "error").map((p) => [p.file, p.line, p.code]);
  } finally {
    if (previous === undefined) delete process.env.WEEKLY_NOW;
    else process.env.WEEKLY_NOW = previous;
  }
}

const report = (week: string, date: string, head: string) => `---\ntitle: 第${week}周\ndate: ${date}\n${head}---\n\n第${week}周的正文。\n`;

describe("a site with prototype keys in front matter and a tag __proto__, built in this process", () => {
  let site: string;
  let output: string;
  let result: Awaited<ReturnType<typeof buildHere>>;
  const expected: Array<[string, number | undefined, string]> = [
    ["posts/2026-W10-ai-weekly.md", 4, "prototype-key"],
    ["posts/2026-W11-ai-weekly.md", 5, "prototype-key"],
    ["posts/2026-W12-ai-weekly.md", 3, "prototype-key"],
    ["posts/2026-W13-ai-weekly.md", 4, "prototype-key"],
  ];
  before(async () => {
    site = copySite("scheduled");
    output = tempOutput("prototype");
    writeFileSync(join(site, "posts", "2026-W10-ai-weekly.md"), report("10", "2026-03-05", "__proto__:\n  polluted: yes\n"));
    writeFileSync(join(site, "posts", "2026-W11-ai-weekly.md"), report("11", "2026-03-12", "extra:\n  __proto__:\n    polluted: yes\n"));
    writeFileSync(join(site, "posts", "2026-W12-ai-weekly.md"), '---json\n{"title": "第12周", "date": "2026-03-19",\n "__proto__": {"polluted": "yes"}}\n---\n\n正文。\n');
    writeFileSync(join(site, "posts", "2026-W13-ai-weekly.md"), report("13", "2026-03-26", "tags: [AI, __proto__]\n"));
    result = await buildHere(site, output);
  });
  after(() => {
    rmSync(site, { recursive: true, force: true });
    removeOutput(output);
  });

  test("Object.prototype is untouched after the build", () => assertPrototypeClean());

  test("the build stops, naming each file at its line, and writes nothing", () => {
    assert.equal(result.built, undefined);
    assert.deepEqual(result.error?.problems?.map((p) => [p.file, p.line, p.code]), expected);
  });

  test("`weekly check` names the same, and Object.prototype stays clean", async () => {
    assert.deepEqual(await checkHere(site), expected);
    assertPrototypeClean();
  });
});

describe("a data file of a content folder with a prototype key", () => {
  let site: string;
  let output: string;
  let result: Awaited<ReturnType<typeof buildHere>>;
  const expected: Array<[string, number | undefined, string]> = [
    ["posts/more/more.11tydata.json", 4, "prototype-key"],
    ["weekly_news/weekly_news.11tydata.json", 1, "unknown-layout"],
  ];
  before(async () => {
    site = copySite("scheduled");
    output = tempOutput("prototype-data");
    mkdirSync(join(site, "posts", "more"));
    writeFileSync(join(site, "posts", "more", "more.11tydata.json"), '{\n  "tags": ["AI"],\n  "links": {\n    "__proto__": { "polluted": "yes" }\n  }\n}\n');
    writeFileSync(join(site, "posts", "more", "2026-W10-ai-weekly.md"), report("10", "2026-03-05", ""));
    // Another data file's problem, listed with the rest when the build stops at its start.
    writeFileSync(join(site, "weekly_news", "weekly_news.11tydata.json"), '{ "layout": "layouts/../weekly_news/ai_news_2026-W05.md" }\n');
    result = await buildHere(site, output);
  });
  after(() => {
    rmSync(site, { recursive: true, force: true });
    removeOutput(output);
  });

  test("the build stops at its start, before Eleventy reads the data, and Object.prototype is untouched", () => {
    assertPrototypeClean();
    assert.equal(result.built, undefined);
    assert.deepEqual(result.error?.problems?.map((p) => [p.file, p.line, p.code]), expected);
  });

  test("`weekly check` names the same", async () => {
    assert.deepEqual(await checkHere(site), expected);
    assertPrototypeClean();
  });
});

describe("tags named like Object.prototype's members are ordinary tags", () => {
  const TAGS = ["constructor", "toString", "valueOf", "hasOwnProperty", "prototype"];
  let site: string;
  let built: BuiltSite;
  before(() => {
    // Built by the eleventy command: Eleventy keeps some state per process between builds of
    // different sites with the same paths.
    site = copySite("scheduled");
    writeFileSync(join(site, "posts", "2026-W10-ai-weekly.md"), report("10", "2026-03-05", `tags: [${TAGS.join(", ")}]\n`));
    const output = tempOutput("prototype-tags");
    const run = runEleventy(site, output, { WEEKLY_NOW: NOW });
    assert.equal(run.status, 0, run.stderr);
    built = readSite(output);
  });
  after(() => {
    rmSync(site, { recursive: true, force: true });
    if (built) removeOutput(built);
  });

  for (const tag of TAGS) {
    test(`/tags/${tag.toLowerCase()}/ lists the report under the heading 标签：${tag}`, () => {
      const page = built.page(`/tags/${tag.toLowerCase()}/`);
      assert.match(text(page.querySelector("h1")), new RegExp(tag));
      assert.ok(all(page, "a").some((a) => a.getAttribute("href") === "/posts/2026-W10-ai-weekly/"), "links the report");
    });
  }

  test("the tag index links each tag's page, and no address holds a function's source", () => {
    const links = all(built.page("/tags/"), "a").map((a) => a.getAttribute("href"));
    for (const tag of TAGS) assert.ok(links.includes(`/tags/${tag.toLowerCase()}/`), `${tag}: ${links.join(" ")}`);
    assert.deepEqual([...built.files.keys()].filter((file) => /function|native code/.test(file)), []);
  });
});
