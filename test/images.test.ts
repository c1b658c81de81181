// Pictures of reports and digests: the pure planning (widths, formats, markup, escaping) as tables,
// then the `images` fixture built for real with pictures made here with sharp (a 2000 px PNG, a
// 1000 px JPEG, an SVG and a remote picture; a scheduled report with a picture of its own): the
// <picture> markup against the files it names, the cache, the output's record, sub-paths, feeds,
// editions, and a missing or unreadable picture as `weekly check` and the build report it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import markdownIt from "markdown-it";
import { HtmlValidate } from "html-validate";
import sharp from "sharp";
import { chooseWidths, pictureHtml, plainImages, variantFormats, type ImagePlan } from "../src/content/images.js";
import { installMarkdownRules } from "../src/content/markdownRules.js";
import { suggestFile } from "../src/content/references.js";
import { absoluteLinks } from "../src/present/jsonFeed.js";
import { emailBody } from "../src/editions/email.js";
import { planImage, writeImages } from "../src/pipeline/imageVariants.js";
import { linkedFiles } from "../src/content/linkedFiles.js";
import { jpegIsWhole, pngIsWhole, webpIsWhole } from "../src/content/pictureBytes.js";
import { all, copySite, listFiles, outputLines, readSite, removeOutput, runEleventy, runWeeklyInProcess, tempOutput, type BuiltSite } from "./helpers.js";

const NOW = { WEEKLY_NOW: "2026-02-13T00:00" };
/** `weekly` in this process. */
const weekly = runWeeklyInProcess;
const REPORT = "/posts/2026-W06-ai-weekly/";

describe("planning", () => {
  for (const [original, widths] of [
    [2000, [400, 800, 1200]],
    [1200, [400, 800, 1200]],
    [1000, [400, 800, 1000]],
    [800, [400, 800]],
    [401, [400, 401]],
    [400, [400]],
    [120, [120]],
    [0, []],
  ] as const) {
    test(`chooseWidths(${original}) → [${widths.join(", ")}]`, () => assert.deepEqual(chooseWidths(original), widths));
  }
  for (const [format, formats] of [
    ["png", ["avif", "webp", "png"]],
    ["jpg", ["avif", "webp", "jpeg"]],
    ["webp", ["avif", "webp", "jpeg"]],
    ["tiff", ["avif", "webp", "jpeg"]],
  ] as const) {
    test(`variantFormats(${format}) → ${formats.join(", ")}`, () => assert.deepEqual(variantFormats(format), formats));
  }
  // A transparent picture made JPEG would be drawn on black.
  for (const format of ["webp", "avif"] as const) {
    test(`variantFormats(${format}, transparent) → avif, webp, png`, () => assert.deepEqual(variantFormats(format, true), ["avif", "webp", "png"]));
  }

  const plan: ImagePlan = {
    kind: "responsive",
    width: 1000,
    height: 500,
    fallback: "png",
    variants: (["avif", "webp", "png"] as const).flatMap((format) => [400, 800, 1000].map((width) => ({ format, width, height: width / 2, file: `posts/图-h-${width}.${format}` }))),
  };
  const set = (format: string) => `/posts/%E5%9B%BE-h-400.${format} 400w, /posts/%E5%9B%BE-h-800.${format} 800w, /posts/%E5%9B%BE-h-1000.${format} 1000w`;
  const sizes = `sizes="(max-width: 44rem) 100vw, 44rem"`;
  for (const [label, made, text, html] of [
    [
      "a responsive picture, eager",
      plan,
      { alt: "走势", eager: true },
      `<picture><source type="image/avif" srcset="${set("avif")}" ${sizes}><source type="image/webp" srcset="${set("webp")}" ${sizes}>` +
        `<img src="/posts/%E5%9B%BE-h-1000.png" srcset="${set("png")}" ${sizes} width="1000" height="500" alt="走势" loading="eager" fetchpriority="high" decoding="async"></picture>`,
    ],
    ["an SVG with its size, lazy", { kind: "plain", width: 320, height: 120 }, { alt: "示意", eager: false }, `<img src="/posts/a.svg" width="320" height="120" alt="示意" loading="lazy" decoding="async">`],
    ["a picture of unknown size", { kind: "plain" }, { alt: "", eager: false }, `<img src="/posts/a.svg" alt="" loading="lazy" decoding="async">`],
    [
      "alt and title with quotes and <script> stay text",
      { kind: "plain" },
      { alt: `"引号" <script>alert(1)</script> & 'x'`, title: `a"b`, eager: false },
      `<img src="/posts/a.svg" alt="&quot;引号&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;" title="a&quot;b" loading="lazy" decoding="async">`,
    ],
  ] as const) {
    test(`pictureHtml: ${label}`, () => assert.equal(pictureHtml(made as ImagePlan, "/posts/a.svg", text), html));
  }
  test("a picture narrower than the column is offered at its own width", () => {
    const small: ImagePlan = { kind: "responsive", width: 500, height: 250, fallback: "jpeg", variants: [{ format: "jpeg", width: 500, height: 250, file: "a-h-500.jpg" }] };
    assert.match(pictureHtml(small, "/a.jpg", { alt: "", eager: false }), /sizes="\(max-width: 500px\) 100vw, 500px"/);
  });

  test("plainImages: a <picture> becomes its <img>, without srcset, sizes, loading or decoding", () => {
    assert.equal(plainImages(`<p>${pictureHtml(plan, "/x", { alt: "走势", eager: true })}</p>`), `<p><img src="/posts/%E5%9B%BE-h-1000.png" width="1000" height="500" alt="走势"></p>`);
  });
  test("absoluteLinks: every root-relative candidate of a srcset gets the site's address", () => {
    assert.equal(
      absoluteLinks(`<source srcset="/a-400.webp 400w, /a-800.webp 800w, https://x.org/b.webp 900w"><img src="/a.png" srcset='/a-400.png 400w'>`, "https://s.org/blog"),
      `<source srcset="https://s.org/blog/a-400.webp 400w, https://s.org/blog/a-800.webp 800w, https://x.org/b.webp 900w"><img src="https://s.org/blog/a.png" srcset='https://s.org/blog/a-400.png 400w'>`,
    );
  });
  test("an email's picture is a plain <img> at the column's width with its height scaled", () => {
    const body = emailBody(absoluteLinks(plainImages(pictureHtml(plan, "/x", { alt: "走势", eager: false })), "https://s.org"), "https://s.org/posts/a/");
    assert.match(body, /^<img src="https:\/\/s\.org\/posts\/%E5%9B%BE-h-1000\.png" width="560" height="280" alt="走势"[^>]*>$/);
  });

  const files: Record<string, string[]> = { posts: ["posts/chart.png", "posts/photo.jpg", "posts/a.md"], "": ["logo.png"] };
  const list = (folder: string) => files[folder] ?? [];
  for (const [missing, written, near] of [
    ["posts/chrat.png", "./chrat.png", "./chart.png"],
    ["posts/chrat.png", "chrat.png", "chart.png"],
    ["posts/chrat.png", "/posts/chrat.png", "/posts/chart.png"],
    ["posts/logo.png", "./logo.png", "../logo.png"],
    ["posts/a.png", "./a.png", undefined],
    ["posts/diagram.svg", "./diagram.svg", undefined],
  ] as const) {
    test(`suggestFile(${written} from posts/r.md) → ${near}`, () => assert.equal(suggestFile(missing, written, "posts/r.md", list), near));
  }

  test("only the first picture before the second heading loads at once", () => {
    const md = markdownIt();
    installMarkdownRules(md, { rewriteHref: () => undefined, allowsHtml: () => undefined, owns: () => true, picture: (_, src, text) => `[${src} ${text.eager}]` });
    const render = (source: string) => md.render(source, { page: { inputPath: "posts/a.md" } }).replace(/<[^>]+>|\n/g, "");
    assert.equal(render("## 一\n\n![a](a.png)\n\n![b](b.png)\n\n## 二\n\n![c](c.png)"), "一[a.png true][b.png false]二[c.png false]");
    assert.equal(render("## 一\n\n文字\n\n## 二\n\n![c](c.png)"), "一文字二[c.png false]");
  });
});

describe("whole pictures, read from their structure", () => {
  const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());
  const SOI = [0xff, 0xd8];
  const EOI = [0xff, 0xd9];
  // An APP1 segment (EXIF) whose data holds a thumbnail's end marker, then a scan.
  const APP1 = [0xff, 0xe1, 0x00, 0x06, 0xff, 0xd9, 0x00, 0x00];
  const SCAN = [0xff, 0xda, 0x00, 0x02, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];
  for (const [label, data, whole] of [
    ["SOI APP1(FF D9 inside) scan EOI", bytes(SOI, APP1, SCAN, EOI), true],
    ["SOI APP1(FF D9 inside) scan, cut before EOI", bytes(SOI, APP1, SCAN), false],
    ["SOI APP1 cut inside its length", bytes(SOI, [0xff, 0xe1, 0x00]), false],
    ["SOI scan EOI, then zero bytes", bytes(SOI, SCAN, EOI, [0, 0, 0]), true],
    ["no SOI", bytes(SCAN, EOI), false],
  ] as const) {
    test(`jpegIsWhole(${label}) → ${whole}`, () => assert.equal(jpegIsWhole(data), whole));
  }
  test("pngIsWhole: a PNG's chunks up to IEND, none when cut", () => {
    const png = pngHeader(10, 10);
    assert.equal(pngIsWhole(png), true);
    assert.equal(pngIsWhole(png.subarray(0, png.length - 1)), false);
  });
  test("webpIsWhole: as long as its RIFF header says", () => {
    const riff = Buffer.from("RIFF\x0c\x00\x00\x00WEBPVP8 \x00\x00\x00\x00", "latin1");
    assert.equal(webpIsWhole(riff), true);
    assert.equal(webpIsWhole(riff.subarray(0, 19)), false);
  });
});

/** A PNG's signature, header and end, with no pixels: what image-size reads of a picture this large. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IEND", Buffer.alloc(0))]);
}

describe("planImage, from a picture's bytes", () => {
  let dir: string;
  before(async () => {
    dir = tempOutput("plan");
    const box = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
    await box(2000, 1000).png().toFile(join(dir, "wide.png"));
    await box(200, 100).jpeg().withMetadata({ orientation: 6 }).toFile(join(dir, "turned.jpg"));
    await box(60, 40).gif().toFile(join(dir, "anim.gif"));
    await box(300, 200).webp().toFile(join(dir, "photo.webp"));
    writeFileSync(join(dir, "fake.png"), "这不是图片\n");
    writeFileSync(join(dir, "report.pdf"), "%PDF-1.4\n");
    writeFileSync(join(dir, "sizeless.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>`);
    writeFileSync(join(dir, "huge.png"), pngHeader(50_000, 50_000));
    writeFileSync(join(dir, "tall.png"), pngHeader(1000, 20_000));
    writeFileSync(join(dir, "disguised.png"), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5"/></svg>`);
    await box(120, 80).jpeg().toFile(join(dir, "jpeg-named.png"));
    const jpeg = await box(300, 200).jpeg().toBuffer();
    writeFileSync(join(dir, "cut.jpg"), jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    writeFileSync(join(dir, "padded.jpg"), Buffer.concat([jpeg, Buffer.alloc(64)]));
    await box(300, 200).jpeg({ progressive: true }).toFile(join(dir, "progressive.jpg"));
    const png = await box(300, 200).png().toBuffer();
    writeFileSync(join(dir, "cut.png"), png.subarray(0, png.length - 12));
    const webp = await box(300, 200).webp().toBuffer();
    writeFileSync(join(dir, "cut.webp"), webp.subarray(0, webp.length - 10));
  });
  after(() => removeOutput(dir));

  const summary = (plan: ReturnType<typeof planImage>) =>
    plan === undefined || "error" in plan || plan.kind === "plain" ? plan : { ...plan, variants: plan.variants.map((v) => `${v.format} ${v.width}x${v.height} ${v.file.replace(/-[\w-]{10}-/, "-#-")}`) };
  for (const [file, expected] of [
    [
      "wide.png",
      { kind: "responsive", width: 2000, height: 1000, fallback: "png", variants: ["avif", "webp", "png"].flatMap((f) => [400, 800, 1200].map((w) => `${f} ${w}x${w / 2} wide-#-${w}.${f}`)) },
    ],
    ["turned.jpg", { kind: "responsive", width: 100, height: 200, fallback: "jpeg", variants: ["avif 100x200 turned-#-100.avif", "webp 100x200 turned-#-100.webp", "jpeg 100x200 turned-#-100.jpg"] }],
    ["photo.webp", { kind: "responsive", width: 300, height: 200, fallback: "jpeg", variants: ["avif 300x200 photo-#-300.avif", "webp 300x200 photo-#-300.webp", "jpeg 300x200 photo-#-300.jpg"] }],
    ["anim.gif", { kind: "plain", width: 60, height: 40 }],
    ["sizeless.svg", { kind: "plain" }],
    ["report.pdf", undefined],
    ["fake.png", { error: "is not a picture in a format this build reads (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG)" }],
    ["huge.png", { error: "is 50000 × 50000 pixels (2500 megapixels); a picture may have at most 16383 pixels on a side and 50 megapixels: make it smaller" }],
    ["tall.png", { error: "is 1000 × 20000 pixels (20 megapixels); a picture may have at most 16383 pixels on a side and 50 megapixels: make it smaller" }],
    ["disguised.png", { error: "holds SVG data, not the PNG its name says (received a file named .png); save it as PNG or give it the extension of its format" }],
    ["jpeg-named.png", { error: "holds JPEG data, not the PNG its name says (received a file named .png); save it as PNG or give it the extension of its format" }],
    ["cut.jpg", { error: "is cut short: its file ends before the picture does (CUT_JPG bytes); save or download it again" }],
    ["cut.png", { error: "is cut short: its file ends before the picture does (CUT_PNG bytes); save or download it again" }],
    ["cut.webp", { error: "is cut short: its file ends before the picture does (CUT_WEBP bytes); save or download it again" }],
    ["padded.jpg", { kind: "responsive", width: 300, height: 200, fallback: "jpeg", variants: ["avif 300x200 padded-#-300.avif", "webp 300x200 padded-#-300.webp", "jpeg 300x200 padded-#-300.jpg"] }],
    ["progressive.jpg", { kind: "responsive", width: 300, height: 200, fallback: "jpeg", variants: ["avif 300x200 progressive-#-300.avif", "webp 300x200 progressive-#-300.webp", "jpeg 300x200 progressive-#-300.jpg"] }],
  ] as const) {
    test(`planImage(${file})`, () => {
      // A cut file's message gives its length in bytes.
      const size = (name: string) => String(statSync(join(dir, name)).size);
      const wanted = expected && "error" in expected ? { error: expected.error.replace(/CUT_(JPG|PNG|WEBP)/, (_, ext: string) => size(`cut.${ext.toLowerCase()}`)) } : expected;
      assert.deepEqual(summary(planImage(file, join(dir, file))), wanted);
    });
  }

  test("encoded twice without a cache, a picture gives the same bytes, in the files its plan names", async () => {
    const plan = planImage("wide.png", join(dir, "wide.png"))!;
    assert.ok(!("error" in plan) && plan.kind === "responsive");
    const [first, second] = [tempOutput("encode"), tempOutput("encode")];
    try {
      const plans = new Map([["wide.png", plan]]);
      const inDir = linkedFiles({ inputDir: dir, projectDir: dir, written: [] });
      assert.deepEqual(await writeImages(inDir, first, plans, undefined), new Map([["wide.png", plan.variants.map((v) => v.file)]]));
      await writeImages(inDir, second, plans, undefined);
      assert.deepEqual(listFiles(first), plan.variants.map((v) => v.file).sort());
      for (const file of listFiles(first)) assert.ok(readFileSync(join(first, file)).equals(readFileSync(join(second, file))), file);
      for (const variant of plan.variants) {
        const { width, height } = await sharp(join(first, variant.file)).metadata();
        assert.deepEqual([width, height], [variant.width, variant.width / 2], variant.file);
      }
    } finally {
      removeOutput(first);
      removeOutput(second);
    }
  });
});

/** Pictures made here: a wide PNG with a pattern, a photo-like JPEG, and one only a scheduled report shows. */
async function addPictures(site: string): Promise<void> {
  mkdirSync(join(site, "posts", "photos"), { recursive: true });
  const stripes = (width: number, height: number) =>
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#1e5aa0"/><rect x="10%" y="20%" width="50%" height="40%" fill="#f0c040"/></svg>`);
  await sharp(stripes(2000, 1000)).png().toFile(join(site, "posts", "chart.png"));
  await sharp(stripes(1000, 750)).jpeg({ quality: 90 }).toFile(join(site, "posts", "photos", "photo.jpg"));
  await sharp(stripes(900, 600)).png().toFile(join(site, "posts", "unreleased.png"));
}

const srcsetOf = (element: Element) => (element.getAttribute("srcset") ?? "").split(/,\s+/).map((candidate) => candidate.split(" ") as [string, string]);

describe("a built site", () => {
  let site: string;
  let built: BuiltSite;
  before(async () => {
    site = copySite("images");
    await addPictures(site);
    const output = tempOutput("images");
    const run = runEleventy(site, output, NOW);
    assert.equal(run.status, 0, run.stderr);
    built = readSite(output);
  });
  after(() => {
    removeOutput(built.output);
    removeOutput(site);
  });

  test("each picture of the report is a <picture> whose AVIF and WebP sources name files of the output, decoded at their stated widths", async () => {
    const pictures = all(built.page(REPORT), ".content picture");
    assert.equal(pictures.length, 2);
    for (const picture of pictures) {
      const sources = all(picture, "source");
      assert.deepEqual(sources.map((s) => s.getAttribute("type")), ["image/avif", "image/webp"]);
      for (const element of [...sources, picture.querySelector("img")!]) {
        for (const [url, width] of srcsetOf(element)) {
          const file = join(built.output, decodeURI(url));
          const meta = await sharp(file).metadata();
          assert.equal(`${meta.width}w`, width, url);
          assert.equal(meta.format === "heif" ? "avif" : meta.format === "jpeg" ? "jpg" : meta.format, url.split(".").pop(), url);
        }
      }
    }
  });

  test("each <img> has the original's ratio, its width no wider than the original, and an alt kept as text", () => {
    const [chart, photo] = all(built.page(REPORT), ".content picture img");
    assert.deepEqual([chart!.getAttribute("width"), chart!.getAttribute("height"), chart!.getAttribute("alt")], ["1200", "600", "本周走势"]);
    assert.deepEqual([photo!.getAttribute("width"), photo!.getAttribute("height"), photo!.getAttribute("alt")], ["1000", "750", `发布会 "现场" <script>alert(1)</script>`]);
    assert.match(photo!.getAttribute("src")!, /^\/posts\/photos\/photo-[\w-]+-1000\.jpg$/);
    const widths = [...built.files.keys()].filter((file) => file.startsWith("posts/photos/photo-")).map((file) => Number(/-(\d+)\.\w+$/.exec(file)![1]));
    assert.deepEqual([...new Set(widths)].sort((a, b) => a - b), [400, 800, 1000]);
  });

  test("the first picture loads at once; the SVG keeps its size and waits; a remote picture is left as written", () => {
    const images = all(built.page(REPORT), ".content img");
    assert.deepEqual(images.map((img) => img.getAttribute("loading")), ["eager", "lazy", "lazy", null]);
    assert.deepEqual(["src", "width", "height"].map((name) => images[2]!.getAttribute(name)), ["/posts/diagram.svg", "320", "120"]);
    assert.equal(images[3]!.outerHTML, `<img src="https://cdn.example.org/remote.png" alt="远程图片">`);
  });

  test("the report and the digest with pictures pass html-validate", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    for (const file of ["posts/2026-W06-ai-weekly/index.html", "weekly_news/ai_news_2026-W06/index.html"]) {
      const report = await validator.validateString(built.files.get(file)!, file);
      const errors = report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
      assert.deepEqual(errors, [], errors.join("\n"));
    }
  });

  test("a digest's picture is responsive too", () => {
    assert.equal(all(built.page("/weekly_news/ai_news_2026-W06/"), ".content picture source").length, 2);
  });

  test("a picture only a held-back report shows is not in the output, neither as it is nor as variants, nor in the record", () => {
    assert.deepEqual([...built.files.keys()].filter((file) => file.includes("unreleased")), []);
    assert.doesNotMatch(built.files.get(".weekly/outputs.json")!, /unreleased/);
  });

  test("every variant is in the output's record, under its picture", () => {
    const record = JSON.parse(built.files.get(".weekly/outputs.json")!) as Record<string, string[]>;
    const variants = [...built.files.keys()].filter((file) => /-\d+\.(avif|webp|png|jpg)$/.test(file));
    assert.equal(variants.length, 18);
    for (const file of variants) assert.ok(record[file.startsWith("posts/photos/") ? "posts/photos/photo.jpg" : "posts/chart.png"]?.includes(file), file);
  });

  test("feeds carry every srcset URL absolute", () => {
    const feed = JSON.parse(built.files.get("feed.json")!) as { items: Array<{ content_html: string }> };
    const urls = [...feed.items[0]!.content_html.matchAll(/srcset="([^"]+)"/g)].flatMap((m) => m[1]!.split(/,\s+/).map((c) => c.split(" ")[0]!));
    assert.equal(urls.length, 18);
    for (const url of urls) assert.ok(url.startsWith("https://images.example.org/posts/"), url);
    assert.match(built.files.get("feed.xml")!, /srcset=&quot;https:\/\/images\.example\.org\/posts\/chart-/);
  });

  test("a second build takes every variant from the cache, unwritten, and gives the same bytes", () => {
    const cache = join(site, ".cache", "weekly", "images");
    const cached = listFiles(cache);
    assert.equal(cached.length, 18);
    const before = new Map(cached.map((file) => [file, statSync(join(cache, file))]));
    const again = tempOutput("images-again");
    try {
      const run = runEleventy(site, again, NOW);
      assert.equal(run.status, 0, run.stderr);
      for (const [file, stat] of before) {
        const now = statSync(join(cache, file));
        assert.deepEqual([now.ino, now.mtimeMs], [stat.ino, stat.mtimeMs], file);
      }
      const second = readSite(again);
      assert.deepEqual([...second.files.keys()], [...built.files.keys()]);
      for (const file of built.files.keys()) assert.ok(readFileSync(join(again, file)).equals(readFileSync(join(built.output, file))), file);
    } finally {
      removeOutput(again);
    }
  });

  test("under --pathprefix /blog/, every src and srcset URL of a picture carries the folder once", () => {
    const output = tempOutput("images-blog");
    try {
      const run = runEleventy(site, output, NOW, ["--pathprefix", "/blog/"]);
      assert.equal(run.status, 0, run.stderr);
      const page = readSite(output).page(REPORT);
      const urls = all(page, ".content picture source, .content picture img").flatMap((element) => [...srcsetOf(element).map(([url]) => url), ...(element.getAttribute("src") ? [element.getAttribute("src")!] : [])]);
      assert.equal(urls.length, 20);
      for (const url of urls) assert.match(url, /^\/blog\/posts\/[^/]/);
    } finally {
      removeOutput(output);
    }
  });

  test("weekly export: each edition shows the picture as a plain image of its widest JPEG or PNG variant, at an absolute address", async () => {
    const email = await weekly(site, ["export", "2026-W06", "--format", "email"], NOW);
    assert.equal(email.status, 0, email.stderr);
    assert.doesNotMatch(email.stdout, /<picture|<source|srcset/);
    assert.match(email.stdout, /<img src="https:\/\/images\.example\.org\/posts\/chart-[\w-]+-1200\.png" alt="本周走势" title="走势" width="560" height="280"/);
    const wechat = await weekly(site, ["export", "2026-W06", "--format", "wechat"], NOW);
    assert.equal(wechat.status, 0, wechat.stderr);
    assert.match(wechat.stdout, /<img[^>]* src="https:\/\/images\.example\.org\/posts\/photos\/photo-[\w-]+-1000\.jpg"/);
    assert.doesNotMatch(wechat.stdout, /<picture|srcset/);
    const text = await weekly(site, ["export", "2026-W06", "--format", "text"], NOW);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /本周走势/);
  });

  test("a preview's editions show a picture as a plain <img> of its widest variant; the next production build removes what only the preview showed", () => {
    const output = tempOutput("images-preview");
    try {
      const preview = runEleventy(site, output, { ...NOW, WEEKLY_PREVIEW: "1" });
      assert.equal(preview.status, 0, preview.stderr);
      const email = readFileSync(join(output, "posts/2026-W06-ai-weekly/editions/email/index.html"), "utf8");
      assert.match(email, /\\u003cimg src=\\"https:\/\/images\.example\.org\/posts\/chart-[\w-]+-1200\.png\\" width=\\"560\\" height=\\"280\\" alt=\\"本周走势\\"/);
      const wechat = readFileSync(join(output, "posts/2026-W06-ai-weekly/editions/wechat/index.html"), "utf8");
      assert.match(wechat, /src=\\"https:\/\/images\.example\.org\/posts\/photos\/photo-[\w-]+-1000\.jpg\\"/);
      for (const html of [email, wechat]) assert.doesNotMatch(html, /srcset|<picture|<source|\\u003cpicture|\\u003csource/);
      assert.ok(listFiles(output).some((file) => file.startsWith("posts/unreleased-")));
      const production = runEleventy(site, output, NOW);
      assert.equal(production.status, 0, production.stderr);
      assert.deepEqual(listFiles(output).filter((file) => file.includes("unreleased")), []);
    } finally {
      removeOutput(output);
    }
  });

  test("a production build no longer showing a picture removes its variants, from the output and from the cache", () => {
    const report = join(site, "posts", "2026-W06-ai-weekly.md");
    const source = readFileSync(report, "utf8");
    const output = tempOutput("images-removed");
    const cache = join(site, ".cache", "weekly", "images");
    try {
      assert.equal(runEleventy(site, output, NOW).status, 0);
      assert.ok(listFiles(output).some((file) => file.startsWith("posts/photos/photo-")));
      assert.ok(listFiles(cache).some((file) => file.startsWith("photo-")));
      // Another build's variant still being written is not this build's to remove.
      writeFileSync(join(cache, "other-abc-400.avif.4242.tmp"), "");
      writeFileSync(report, source.replace(/!\[发布会[^\n]*\n/, ""));
      const run = runEleventy(site, output, NOW);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(listFiles(output).filter((file) => file.startsWith("posts/photos/")), []);
      const kept = listFiles(cache);
      assert.deepEqual(kept.filter((file) => file.startsWith("photo-")), [], "the photo's variants left the cache");
      assert.ok(kept.some((file) => file.startsWith("chart-")), "the chart's stay");
      assert.ok(kept.includes("other-abc-400.avif.4242.tmp"));
    } finally {
      rmSync(join(cache, "other-abc-400.avif.4242.tmp"), { force: true });
      writeFileSync(report, source);
      removeOutput(output);
    }
  });
});

describe("a picture that is missing or not a picture", () => {
  let site: string;
  before(async () => {
    site = copySite("images");
    await addPictures(site);
    writeFileSync(join(site, "posts", "fake.png"), "这不是图片\n");
    // Larger than a build decodes, cut short, and an SVG under a PNG's name.
    writeFileSync(join(site, "posts", "huge.png"), pngHeader(50_000, 50_000));
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toBuffer();
    writeFileSync(join(site, "posts", "cut.jpg"), jpeg.subarray(0, 400));
    writeFileSync(join(site, "posts", "x.png"), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5"/></svg>`);
    const report = join(site, "posts", "2026-W06-ai-weekly.md");
    writeFileSync(report, `${readFileSync(report, "utf8")}\n再看 ![旧图](./chrat.png) 和 ![假图](./fake.png)。\n\n![大](./huge.png) ![残](./cut.jpg) ![伪](./x.png)\n`);
  });
  after(() => removeOutput(site));

  const MISSING = `posts/2026-W06-ai-weekly.md:24:10  image "./chrat.png" names a file that does not exist (looked for posts/chrat.png). Did you mean ./chart.png? [missing-file]`;
  const BAD = `posts/2026-W06-ai-weekly.md:24:31  image "./fake.png" names posts/fake.png, which is not a picture in a format this build reads (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG). [bad-image]`;

  const UNFIT = [
    `posts/2026-W06-ai-weekly.md:26:6  image "./huge.png" names posts/huge.png, which is 50000 × 50000 pixels (2500 megapixels); a picture may have at most 16383 pixels on a side and 50 megapixels: make it smaller. [bad-image]`,
    `posts/2026-W06-ai-weekly.md:26:23  image "./cut.jpg" names posts/cut.jpg, which is cut short: its file ends before the picture does (400 bytes); save or download it again. [bad-image]`,
    `posts/2026-W06-ai-weekly.md:26:39  image "./x.png" names posts/x.png, which holds SVG data, not the PNG its name says (received a file named .png); save it as PNG or give it the extension of its format. [bad-image]`,
  ];

  test("weekly check names each at its line and column, with the nearest file", async () => {
    const run = await weekly(site, ["check"], NOW);
    assert.equal(run.status, 1);
    const lines = outputLines(run);
    assert.ok(lines.includes(MISSING), lines.join("\n"));
    assert.ok(lines.includes(BAD), lines.join("\n"));
    for (const line of UNFIT) assert.ok(lines.includes(line), `${line}\n\n${lines.join("\n")}`);
  });

  test("the build stops with the same problems before writing a page", () => {
    const output = tempOutput("images-bad");
    try {
      const run = runEleventy(site, output, NOW);
      assert.notEqual(run.status, 0);
      const text = `${run.stdout}\n${run.stderr}`;
      assert.match(text, /image "\.\/chrat\.png" names a file that does not exist \(looked for posts\/chrat\.png\)\. Did you mean \.\/chart\.png\?/);
      assert.match(text, /image "\.\/fake\.png" names posts\/fake\.png, which is not a picture/);
      for (const line of UNFIT) assert.ok(outputLines(run).includes(line), `${line}\n\n${text}`);
      assert.deepEqual(listFiles(output), [], "nothing written");
    } finally {
      removeOutput(output);
    }
  });
});
