// Social cards: the pure decisions in tables (where a card is, what names it in the cache, how a
// title is sized), the cache's pruning, and whole builds of the `scheduled` fixture, whose cards
// are read back as PNG files.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { imageSize } from "image-size";
import { cardKey, cardUrl } from "../src/cards/key.js";
import { cardCharacters, cardText, textEms, titleLayout, TITLE_HEIGHT, TITLE_LINE_HEIGHT, TITLE_SIZES, type CardContent } from "../src/cards/layout.js";
import { wordGroups } from "../src/content/wordBreaks.js";
import { cardCache, isWholePng } from "../src/cards/cache.js";
import { homeCard, reportCard } from "../src/cards/cardPages.js";
import { BuildCards } from "../src/cards/cards.js";
import { placed } from "./cardKit.js";
import { POOL_FROM } from "../src/cards/drawPool.js";
import { cardFonts, type CardFont, type FontFiles } from "../src/cards/fonts.js";
import { drawnHere, type CardDrawer } from "../src/cards/draw.js";
import { addReports, copySite, ELEVENTY_BIN, outputLines, readSite, removeOutput, ROOT, runEleventy, stopPreview, tempOutput, type BuiltSite } from "./helpers.js";

describe("cardUrl(page URL): one card per page, in /cards/ at the page's own output path", () => {
  const cases: Array<[string, string]> = [
    ["/", "/cards/index.png"],
    ["/posts/2026-W06-ai-weekly/", "/cards/posts/2026-W06-ai-weekly/index.png"],
    ["/posts/2026-w06.html", "/cards/posts/2026-w06.png"],
    ["/index/", "/cards/index/index.png"],
    ["/周报/第六期/", "/cards/周报/第六期/index.png"],
  ];
  for (const [url, expected] of cases) test(`cardUrl(${JSON.stringify(url)}) → ${expected}`, () => assert.equal(cardUrl(url), expected));
  test("no two of these pages share a card", () => assert.equal(new Set(cases.map(([url]) => cardUrl(url))).size, cases.length));
});

describe("cardKey(content, fonts): a hash of everything the card shows and how it is drawn", () => {
  const base: CardContent = { siteName: "AI 周报", title: "W06 周报", badge: "2026-W06", note: "2026年2月5日" };
  const key = cardKey(base, "fonts@1");
  test("is 64 hex digits, the same for the same content", () => {
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(cardKey({ ...base }, "fonts@1"), key);
  });
  const changes: Array<[string, CardContent, string]> = [
    ["title", { ...base, title: "W06 周报！" }, "fonts@1"],
    ["site name", { ...base, siteName: "AI 周刊" }, "fonts@1"],
    ["week", { ...base, badge: "2026-W07" }, "fonts@1"],
    ["date label", { ...base, note: "2026年2月6日" }, "fonts@1"],
    ["no week", { siteName: base.siteName, title: base.title, note: base.note! }, "fonts@1"],
    ["an empty week (not the same as none)", { ...base, badge: "" }, "fonts@1"],
    ["the fonts", base, "fonts@2"],
    ["text moved from the title to the week", { ...base, title: "W06", badge: " 周报2026-W06" }, "fonts@1"],
  ];
  for (const [what, content, fonts] of changes) test(`a changed ${what} → another key`, () => assert.notEqual(cardKey(content, fonts), key));
});

describe("titleLayout(title)'s size: the largest at which the title fits, else the smallest, clamped", () => {
  /** The size titleLayout chose, with the most lines that size allows. */
  const titleFit = (title: string) => TITLE_SIZES.find((size) => size.fontSize === titleLayout(title).fontSize);
  const cases: Array<[string, string, number, number]> = [
    ["5 Chinese characters", "五字标题啊", 72, 3],
    ["36 Chinese characters", "人".repeat(36), 72, 3],
    ["50 Chinese characters", "人".repeat(50), 60, 4],
    ["80 Chinese characters", "人".repeat(80), 46, 5],
    ["120 Chinese characters (clamped)", "人".repeat(120), 46, 5],
    ["60 Latin letters count about half as wide", "a".repeat(60), 72, 3],
    ["full-width punctuation counts as wide", "「」《》（）：；！？".repeat(5), 60, 4],
  ];
  for (const [what, title, fontSize, lines] of cases) test(`${what} → ${fontSize}px, ${lines} lines`, () => assert.deepEqual(titleFit(title), { fontSize, lines }));
  test("every size's lines fit the title's box", () => {
    for (const { fontSize, lines } of TITLE_SIZES) assert.ok(fontSize * TITLE_LINE_HEIGHT * lines <= TITLE_HEIGHT, `${fontSize}px × ${lines} lines`);
  });
  test("textEms: a Chinese character is one em, a Latin letter about half, a space a quarter", () => {
    assert.equal(textEms("人工智能"), 4);
    assert.ok(textEms("AI") > 1 && textEms("AI") < 1.5);
    assert.ok(textEms(" ") < 0.3);
  });
});

describe("titleLayout(title): the card's title lines break between words, never leaving one character alone at the end", () => {
  const cases: Array<[string, string, number, string[]]> = [
    ["the W06 report's title", "2026年W06人工智能周报：多维升级驱动AI生态加速演进", 72, ["2026年W06人工智能周报：", "多维升级驱动AI生态加速", "演进"]],
    ["智能体 kept whole where a line would have cut it", "AI代理和自动化：多智能体协作与自治生态引领智能革命", 72, ["AI代理和自动化：多智能体", "协作与自治生态引领智能", "革命"]],
    ["治理 kept whole", "风险、安全与监管：AI精神病、致命无人机与智能治理试炼", 72, ["风险、安全与监管：AI", "精神病、致命无人机与智能", "治理试炼"]],
    ["a lone last character takes the word before it down with it", "模型能力升级与推理加速新一代应用落地加速", 72, ["模型能力升级与推理加速", "新一代应用落地加速"]],
    ["a word longer than a line is cut by characters", "人".repeat(30), 72, ["人".repeat(12), "人".repeat(12), "人".repeat(6)]],
  ];
  for (const [what, title, fontSize, lines] of cases) {
    test(`${what} → ${fontSize}px: ${lines.join(" | ")}`, () => assert.deepEqual(titleLayout(title), { fontSize, lines }));
  }

  test("a title too long for the smallest size: its lines cut, the last ending with …", () => {
    const { fontSize, lines } = titleLayout("人工智能".repeat(40));
    assert.equal(fontSize, 46);
    assert.equal(lines.length, 5);
    assert.match(lines.at(-1)!, /…$/);
    assert.ok(lines.every((line) => textEms(line) <= (1040 / 46) * 0.88 + 1), lines.join(" | "));
  });

  test("the cards of titles that broke inside a word, drawn with these lines: PNGs of 1200×630 in test/.output/cards/", async () => {
    const titles = ["AI代理和自动化：多智能体协作与自治生态引领智能革命", "风险、安全与监管：AI精神病、致命无人机与智能治理试炼", "模型能力升级与推理加速新一代应用落地加速"];
    const cards = titles.map((title, n): CardContent => ({ siteName: "AI 周报", title, badge: `2026-W0${n + 5}`, note: "2026年2月5日" }));
    const fonts = await cardFonts().subset(cards.map(cardCharacters).join(""));
    const out = join(ROOT, "test", ".output", "cards");
    mkdirSync(out, { recursive: true });
    for (const [n, content] of cards.entries()) {
      const { png } = await drawnHere().draw(content, fonts);
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630], content.title);
      writeFileSync(join(out, `breaking-${n + 1}.png`), png);
    }
  });

  test("no line of any title starts inside a word: each is whole groups (or a cut too-long word)", () => {
    for (const title of ["2026年W06人工智能周报：多维升级驱动AI生态加速演进", "基础设施与算法创新：算力扩张与自适应优化助力可持续发展", "OpenAI & Microsoft 发布 GPT-5（预览版）以及更多的内容与更新"]) {
      const groups = wordGroups(title).filter((group) => group.trim() !== "");
      for (const line of titleLayout(title).lines) {
        const first = groups.find((group) => line.startsWith(group.trimStart()));
        assert.ok(first !== undefined, `${title}: the line ${JSON.stringify(line)} starts inside a word`);
      }
    }
  });
});

describe("cardText(text): what a card draws of a line of text", () => {
  const cases: Array<[string, string]> = [
    ["  周报\n第六期  ", "周报 第六期"],
    ["\u202Egnp.exe 周报", "gnp.exe 周报"],
    ["a\u0000b\u0007c", "a b c"],
    ["<b>粗体</b> &amp;", "<b>粗体</b> &amp;"],
    ["\uD83E 孤立代理", "孤立代理"],
  ];
  for (const [input, expected] of cases) test(`cardText(${JSON.stringify(input)}) → ${JSON.stringify(expected)}`, () => assert.equal(cardText(input), expected));
});

describe("what each card shows", () => {
  test("a report: its title, week and date under the site's name", () => {
    const week = { key: "2026-W06" } as never;
    assert.deepEqual(reportCard({ title: "W06", week, date: { iso: "2026-02-05", label: "2026年2月5日" } }, "AI 周报"), { siteName: "AI 周报", title: "W06", badge: "2026-W06", note: "2026年2月5日" });
  });
  test("the home page: the site's description and address (its name when it has no description)", () => {
    assert.deepEqual(homeCard({ title: "AI 周报", description: "每周一期", url: "https://a.example/blog" }), { siteName: "AI 周报", title: "每周一期", note: "a.example/blog" });
    assert.equal(homeCard({ title: "AI 周报", description: " ", url: "https://a.example" }).title, "AI 周报");
  });
});

describe("the card cache", () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("body"), Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])]);
  const key = (n: number) => String(n).repeat(64);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "weekly-card-cache-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("isWholePng: a PNG's signature and end chunk, nothing cut off", () => {
    assert.equal(isWholePng(png), true);
    assert.equal(isWholePng(png.subarray(0, png.length - 1)), false);
    assert.equal(isWholePng(Buffer.from("<svg/>")), false);
  });

  test("a card written is kept, as its file; one damaged is not; prune keeps only the cards named, and what is not its own", async () => {
    const cache = cardCache(join(dir, "cards"));
    assert.equal(await cache.prune(new Set()), 0, "no folder yet");
    for (const n of [1, 2, 3]) await cache.write(key(n), png);
    assert.deepEqual(readFileSync(cache.kept(key(1))!), png);
    assert.equal(cache.kept(key(4)), undefined);
    writeFileSync(join(dir, "cards", `${key(3)}.png`), png.subarray(0, 10));
    assert.equal(cache.has(key(3)), true);
    assert.equal(cache.kept(key(3)), undefined, "a card cut short is drawn again");
    const old = join(dir, "cards", `${key(5)}.png.1.abcd.partial`);
    const fresh = join(dir, "cards", `${key(6)}.png.2.abcd.partial`);
    writeFileSync(old, "x");
    writeFileSync(fresh, "x");
    utimesSync(old, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    writeFileSync(join(dir, "cards", "notes.txt"), "kept");
    assert.equal(await cache.prune(new Set([key(1)])), 3);
    assert.deepEqual(readdirSync(join(dir, "cards")).sort(), [`${key(1)}.png`, `${key(6)}.png.2.abcd.partial`, "notes.txt"]);
  });
});

describe("BuildCards: one build's cards", () => {
  const png = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text), Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])]);
  const content = (title: string): CardContent => ({ siteName: "周报", title });
  /** The characters of a cut for these cards, as the stand-in records them. */
  const cutFor = (...cards: CardContent[]) => [...new Set(cards.map(cardCharacters).join(""))].sort().join("");
  /** Fonts that record each cut; a drawer that records what it is asked for. */
  function standIns() {
    const cuts: string[] = [];
    const fonts: FontFiles = {
      ownFiles: [],
      identity: async () => "fonts@1",
      subset: async (characters) => {
        cuts.push([...new Set(characters)].sort().join(""));
        return [{ name: "Noto Sans SC", data: Buffer.from(characters), weight: 700, style: "normal" }];
      },
    };
    const chosen: Array<{ fonts: CardFont[]; toDraw: number }> = [];
    const drawnWith: CardFont[][] = [];
    let closed = 0;
    const drawer: CardDrawer = {
      threads: 2,
      draw: async (card, cardFonts) => {
        drawnWith.push(cardFonts);
        return { png: png(card.title), undrawn: [] };
      },
      close: async () => void closed++,
    };
    const choose = (fonts: CardFont[], toDraw: number) => {
      chosen.push({ fonts, toDraw });
      return drawer;
    };
    return { fonts, choose, cuts, chosen, drawnWith, closed: () => closed };
  }

  test("cuts the fonts once, to the characters of every card not kept, and draws each such card in that one array; closing stops the drawer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weekly-build-cards-"));
    try {
      const cache = cardCache(dir);
      const all = [content("甲"), content("乙"), content("丙")];
      await cache.write(cardKey(all[0]!, "fonts@1"), png("kept"));
      const spy = standIns();
      const run = new BuildCards(spy.fonts, cache, () => all, spy.choose);
      const pngs = await Promise.all(all.map((card) => placed(run, card, "posts/a.md")));
      assert.deepEqual(pngs.map((bytes) => bytes.subarray(8, -12).toString()), ["kept", "乙", "丙"]);
      assert.deepEqual(spy.cuts, [cutFor(all[1]!, all[2]!)], "one cut, without the kept card's 甲");
      assert.deepEqual(spy.chosen.map(({ toDraw }) => toDraw), [2], "the drawer is chosen once, for the two cards to draw");
      assert.equal(spy.drawnWith.length, 2);
      for (const fonts of spy.drawnWith) assert.equal(fonts, spy.chosen[0]!.fonts, "the build's own array, which each worker has");
      assert.deepEqual(await run.drawnOn(), { threads: 2, fallback: undefined });
      await run.close();
      assert.equal(spy.closed(), 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a card the build's cut lacks (not among the cards it was told of) is drawn in a cut of its own", async () => {
    const spy = standIns();
    const run = new BuildCards(spy.fonts, undefined, () => [content("甲")], spy.choose);
    await placed(run, content("甲"), "posts/a.md");
    await placed(run, content("丁"), "posts/b.md");
    assert.deepEqual(spy.cuts, [cutFor(content("甲")), cutFor(content("丁"))]);
    assert.equal(spy.drawnWith[0], spy.chosen[0]!.fonts);
    assert.notEqual(spy.drawnWith[1], spy.chosen[0]!.fonts);
  });

  test("a build whose cards are all kept cuts no font and chooses no drawer (no thread is started); closing it does nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weekly-build-cards-"));
    try {
      const cache = cardCache(dir);
      const all = [content("甲"), content("乙")];
      for (const card of all) await cache.write(cardKey(card, "fonts@1"), png(card.title));
      const spy = standIns();
      const run = new BuildCards(spy.fonts, cache, () => all, spy.choose);
      await Promise.all(all.map((card) => placed(run, card, "posts/a.md")));
      assert.deepEqual([spy.cuts, spy.chosen], [[], []]);
      assert.equal(await run.drawnOn(), undefined);
      await run.close();
      assert.equal(spy.closed(), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Whole builds: W05 and W06 are live one second before W07 goes live; W07, W08 and a draft are not.
const NOW = { WEEKLY_NOW: "2026-02-12T07:59:59", WEEKLY_CARD_TIMING: "1" };
const PUBLISHED = ["/posts/2026-W05-ai-weekly/", "/posts/2026-W06-ai-weekly/"];
const HELD_BACK = ["/posts/2026-W07-ai-weekly/", "/posts/2026-W08-ai-weekly/", "/posts/idea-draft/"];
const ORIGIN = "https://scheduled.example.org";

const meta = (site: BuiltSite, url: string, attr: "property" | "name", name: string) => site.page(url).querySelector(`meta[${attr}="${name}"]`)?.getAttribute("content") ?? undefined;
const cardFiles = (site: BuiltSite) => [...site.files.keys()].filter((file) => file.startsWith("cards/")).sort();
const cardBytes = (site: BuiltSite, file: string) => readFileSync(join(site.output, file));
const timing = (lines: string[]) => lines.find((line) => line.startsWith("[weekly] cards:"));

describe("the cards of a production build", () => {
  let dir: string;
  let output: string;
  let first: { site: BuiltSite; lines: string[] };
  const cacheDir = () => join(dir, ".cache", "weekly", "cards");
  const build = (env: Record<string, string> = {}, args: string[] = [], into = output) => {
    const run = runEleventy(dir, into, { ...NOW, ...env }, args);
    assert.equal(run.status, 0, run.stderr);
    return { site: readSite(into), lines: outputLines(run) };
  };
  before(() => {
    dir = copySite("scheduled");
    output = tempOutput("cards");
    first = build();
  });
  after(() => {
    removeOutput(first.site);
    rmSync(dir, { recursive: true, force: true });
  });

  test("each published report and the home page names its card: absolute og:image and twitter:image, its size and alt text", () => {
    for (const [url, alt] of [["/", "定时发布测试站"], [PUBLISHED[0]!, "W05 已发布周报"], [PUBLISHED[1]!, "W06 按日期定时的周报"]] as const) {
      const image = meta(first.site, url, "property", "og:image");
      assert.equal(image, `${ORIGIN}${cardUrl(url)}`, url);
      assert.equal(meta(first.site, url, "name", "twitter:image"), image);
      assert.equal(meta(first.site, url, "name", "twitter:card"), "summary_large_image");
      assert.equal(meta(first.site, url, "property", "og:image:width"), "1200");
      assert.equal(meta(first.site, url, "property", "og:image:height"), "630");
      assert.equal(meta(first.site, url, "property", "og:image:alt"), alt);
    }
  });

  test("each og:image is a PNG of 1200×630 in the output, and every report's card is its own", () => {
    const seen = new Set<string>();
    for (const url of ["/", ...PUBLISHED]) {
      const file = new URL(meta(first.site, url, "property", "og:image")!).pathname.slice(1);
      const bytes = cardBytes(first.site, file);
      assert.deepEqual({ ...imageSize(bytes) }, { height: 630, width: 1200, type: "png" }, file);
      seen.add(bytes.toString("base64"));
    }
    assert.equal(seen.size, 3);
  });

  test("the output has the cards of the published pages only: none for a held-back report or a draft, and no og:image on their behalf", () => {
    assert.deepEqual(cardFiles(first.site), ["cards/index.png", ...PUBLISHED.map((url) => cardUrl(url).slice(1))].sort());
    for (const url of HELD_BACK) assert.equal(first.site.files.has(cardUrl(url).slice(1)), false, url);
    for (const [file, content] of first.site.files) {
      if (file.endsWith(".html")) for (const url of HELD_BACK) assert.ok(!content.includes(cardUrl(url)), `${file} names the card of ${url}`);
    }
  });

  test("pages without a card (a digest, the archive) have no og:image", () => {
    assert.equal(meta(first.site, "/weekly_news/ai_news_2026-W06/", "property", "og:image"), undefined);
    assert.equal(meta(first.site, "/archive/", "property", "og:image"), undefined);
  });

  test("a cold build draws every card and keeps it in the cache", () => {
    assert.equal(timing(first.lines)?.replace(/ in .*$/, ""), "[weekly] cards: 3 (3 drawn, 0 from the cache)");
    assert.equal(readdirSync(cacheDir()).length, 3);
  });

  test("the next build draws none: each card is read from the cache, untouched, and the output's bytes are the same", () => {
    const stats = new Map(readdirSync(cacheDir()).map((name) => [name, statSync(join(cacheDir(), name))]));
    const before = new Map(cardFiles(first.site).map((file) => [file, cardBytes(first.site, file)]));
    const again = build();
    assert.equal(timing(again.lines)?.replace(/ in .*$/, ""), "[weekly] cards: 3 (0 drawn, 3 from the cache)");
    for (const [name, stat] of stats) {
      const now = statSync(join(cacheDir(), name));
      assert.deepEqual([now.ino, now.mtimeMs], [stat.ino, stat.mtimeMs], name);
    }
    for (const [file, bytes] of before) assert.ok(cardBytes(again.site, file).equals(bytes), file);
  });

  test("a kept card is put into the output as the cache's own file (a link where they share a disk), not written again by Eleventy", () => {
    const kept = new Map(readdirSync(cacheDir()).map((name) => [readFileSync(join(cacheDir(), name)).toString("base64"), statSync(join(cacheDir(), name))]));
    const again = build();
    assert.equal(kept.size, 3);
    for (const file of cardFiles(again.site)) {
      const [bytes, placed] = [cardBytes(again.site, file), statSync(join(again.site.output, file))];
      const entry = kept.get(bytes.toString("base64"));
      assert.ok(entry, `${file} is a card of the cache`);
      if (entry.dev === placed.dev) assert.equal(placed.ino, entry.ino, `${file} is linked to its cache entry`);
    }
    // Eleventy renders no card page: the cards are the plugin's own files, in the output's record all the same.
    const record = JSON.parse(readFileSync(join(again.site.output, ".weekly", "outputs.json"), "utf8")) as Record<string, string[]>;
    assert.deepEqual(record["weekly-plugin/home-card.11ty.js"], ["cards/index.png"]);
    assert.deepEqual([...record["weekly-plugin/card.11ty.js"]!].sort(), PUBLISHED.map((url) => cardUrl(url).slice(1)).sort());
  });

  test("a changed title draws that report's card again (and only it); the cache keeps only the cards in use", () => {
    const source = join(dir, "posts", "2026-W05-ai-weekly.md");
    const was = cardBytes(first.site, cardUrl(PUBLISHED[0]!).slice(1));
    writeFileSync(source, readFileSync(source, "utf8").replace("title: W05 已发布周报", "title: W05 改过标题的周报"));
    const changed = build();
    assert.equal(timing(changed.lines)?.replace(/ in .*$/, ""), "[weekly] cards: 3 (1 drawn, 2 from the cache)");
    assert.ok(!cardBytes(changed.site, cardUrl(PUBLISHED[0]!).slice(1)).equals(was));
    assert.equal(meta(changed.site, PUBLISHED[0]!, "property", "og:image:alt"), "W05 改过标题的周报");
    assert.equal(readdirSync(cacheDir()).length, 3, "the card of the old title is gone from the cache");
  });

  test("a preview draws the cards of held-back reports; the next production build removes them from the output", () => {
    const preview = build({ WEEKLY_PREVIEW: "1" });
    for (const url of HELD_BACK.slice(0, 2)) assert.ok(preview.site.files.has(cardUrl(url).slice(1)), url);
    const production = build();
    assert.deepEqual(cardFiles(production.site), ["cards/index.png", ...PUBLISHED.map((url) => cardUrl(url).slice(1))].sort());
    assert.equal(readdirSync(cacheDir()).length, 3, "the preview's cards of held-back reports are gone from the cache");
  });

  test("under --pathprefix /blog/, og:image carries the prefix and the card is at the same place in the output", () => {
    const prefixed = tempOutput("cards-prefix");
    try {
      const { site } = build({}, ["--pathprefix", "/blog/"], prefixed);
      const image = meta(site, PUBLISHED[1]!, "property", "og:image");
      assert.equal(image, `${ORIGIN}/blog${cardUrl(PUBLISHED[1]!)}`);
      assert.ok(cardBytes(site, cardUrl(PUBLISHED[1]!).slice(1)).equals(cardBytes(first.site, cardUrl(PUBLISHED[1]!).slice(1))), "the same bytes: the transforms leave a card alone");
    } finally {
      rmSync(prefixed, { recursive: true, force: true });
    }
  });
});

describe("a site with more cards to draw than POOL_FROM", () => {
  /** The scheduled site with `extra` more reports. */
  function siteWithReports(extra: number): string {
    const dir = copySite("scheduled");
    addReports(dir, extra);
    return dir;
  }
  const threads = Math.min(availableParallelism(), POOL_FROM + 3);
  const onThreads = threads > 1 ? ` on ${threads} threads` : "";

  test(`npx eleventy draws them on every core${onThreads ? "" : " (this machine has one)"}, ends by itself, and the next build draws none and starts no thread`, () => {
    const dir = siteWithReports(POOL_FROM);
    const output = tempOutput("cards-pool");
    try {
      const cold = runEleventy(dir, output, NOW);
      assert.deepEqual([cold.status, cold.signal], [0, null], cold.stderr);
      const count = POOL_FROM + 3;
      assert.match(timing(outputLines(cold)) ?? "", new RegExp(`^\\[weekly\\] cards: ${count} \\(${count} drawn, 0 from the cache\\) in [\\d.]+ s${onThreads}$`));
      const site = readSite(output);
      assert.equal(cardFiles(site).length, count);
      for (const file of cardFiles(site)) assert.deepEqual({ ...imageSize(cardBytes(site, file)) }, { height: 630, width: 1200, type: "png" }, file);
      const warm = runEleventy(dir, output, NOW);
      assert.deepEqual([warm.status, warm.signal], [0, null], warm.stderr);
      assert.match(timing(outputLines(warm)) ?? "", new RegExp(`^\\[weekly\\] cards: ${count} \\(0 drawn, ${count} from the cache\\) in [\\d.]+ s$`));
    } finally {
      rmSync(output, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a build that fails while its cards are drawn on worker threads still ends by itself, with the failure", () => {
    const dir = siteWithReports(POOL_FROM);
    const output = tempOutput("cards-pool-fails");
    try {
      // A page of the site that fails to render once the cards are being drawn.
      writeFileSync(join(dir, "broken.11ty.js"), 'export const data = { permalink: "/broken/" };\nexport async function render() {\n  await new Promise((resolve) => setTimeout(resolve, 1500));\n  throw new Error("this page cannot render");\n}\n');
      const run = runEleventy(dir, output, NOW);
      assert.deepEqual([run.status, run.signal], [1, null], run.stderr);
      assert.match(run.stderr, /this page cannot render/);
    } finally {
      rmSync(output, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a site with cards: false", () => {
  test("has no card files and no og:image, and keeps no cards", () => {
    const dir = copySite("scheduled");
    const output = tempOutput("no-cards");
    try {
      const config = join(dir, "eleventy.config.js");
      writeFileSync(config, readFileSync(config, "utf8").replace('url: "https://scheduled.example.org" }', 'url: "https://scheduled.example.org" }, cards: false'));
      const run = runEleventy(dir, output, NOW);
      assert.equal(run.status, 0, run.stderr);
      const site = readSite(output);
      assert.deepEqual(cardFiles(site), []);
      assert.equal(meta(site, PUBLISHED[1]!, "property", "og:image"), undefined);
      assert.equal(meta(site, "/", "name", "twitter:card"), undefined);
      assert.equal(timing(outputLines(run)), undefined);
      assert.equal(existsSync(join(dir, ".cache", "weekly", "cards")), false);
    } finally {
      rmSync(output, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A file from the dev server: its status, type and bytes. */
function fetchBytes(url: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), bytes: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
  });
}

describe("npx eleventy --serve", () => {
  test("serves each report's card, a held-back one's too (a preview), and draws it again when its title is saved", async () => {
    const dir = copySite("scheduled");
    const output = tempOutput("cards-serve");
    const port = 20_000 + Math.floor(Math.random() * 2_000);
    const server = spawn(ELEVENTY_BIN, ["--serve", "--port", String(port), "--output", output], {
      cwd: dir,
      env: { ...process.env, WEEKLY_NOW: NOW.WEEKLY_NOW, WEEKLY_PREVIEW: undefined },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    server.stdout.on("data", (chunk) => (log += chunk));
    server.stderr.on("data", (chunk) => (log += chunk));
    /** The card once the server serves one that `ready` accepts, polling for up to `seconds`. */
    const card = async (url: string, ready: (bytes: Buffer) => boolean = () => true, seconds = 60) => {
      for (let attempt = 0; attempt < seconds * 4; attempt++) {
        const got = await fetchBytes(`http://localhost:${port}${encodeURI(cardUrl(url))}`).catch(() => undefined);
        if (got?.status === 200 && isWholePng(got.bytes) && ready(got.bytes)) return got;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`the dev server never served the card of ${url} as expected:\n${log}`);
    };
    try {
      const w07 = await card(HELD_BACK[0]!);
      assert.equal(w07.type, "image/png");
      assert.deepEqual({ ...imageSize(w07.bytes) }, { height: 630, width: 1200, type: "png" });
      await card(PUBLISHED[1]!);
      const post = join(dir, "posts", "2026-W07-ai-weekly.md");
      const source = readFileSync(post, "utf8");
      // Saved again while no new card is served: a save before the watcher is ready is not seen.
      let redrawn: Awaited<ReturnType<typeof card>> | undefined;
      for (let save = 1; save <= 4 && !redrawn; save++) {
        writeFileSync(post, source.replace("title: W07 尚未上线的秘密周报", `title: W07 第 ${save} 次保存的新标题`));
        redrawn = await card(HELD_BACK[0]!, (bytes) => !bytes.equals(w07.bytes), 15).catch(() => undefined);
      }
      assert.ok(redrawn, `the card of W07 was not drawn again after four saves:\n${log}`);
      assert.deepEqual({ ...imageSize(redrawn.bytes) }, { height: 630, width: 1200, type: "png" });
    } finally {
      await stopPreview(server);
      rmSync(output, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
