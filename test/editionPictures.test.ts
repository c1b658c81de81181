// The pictures of the email and WeChat editions: which file each <img> names and at what size
// (tables on editions/pictures.ts and the transparency read from a picture's header), then the
// `images` fixture with an EXIF-turned portrait photo wider than 1200 px and a small transparent
// PNG: exported before any build, previewed, exported again, then built for production.
import { inEnglish } from "../src/core/show.js";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { editionPictures } from "../src/editions/pictures.js";
import { mayBeTransparent } from "../src/content/pictureBytes.js";
import type { ImagePlan } from "../src/content/images.js";
import { imageSizeReader } from "../src/content/imageSize.js";
import { all, copySite, listFiles, removeOutput, runEleventy, runWeeklyInProcess, tempOutput } from "./helpers.js";

const SITE = "https://s.org/blog";
const PHOTO: ImagePlan = {
  kind: "responsive",
  width: 1800,
  height: 2400,
  fallback: "jpeg",
  variants: (["avif", "webp", "jpeg"] as const).flatMap((format) =>
    [400, 800, 1200].map((width) => ({ format, width, height: (width * 4) / 3, file: `posts/照片-h-${width}.${format === "jpeg" ? "jpg" : format}` })),
  ),
};
const PLANS: Array<[string, ImagePlan]> = [
  ["posts/照片.jpg", PHOTO],
  ["posts/anim.gif", { kind: "plain", width: 60, height: 40 }],
  ["posts/diagram.svg", { kind: "plain", width: 320, height: 120 }],
];
const SENT = `${SITE}/posts/%E7%85%A7%E7%89%87-h-1200.jpg`;

describe("editionPictures: each picture of the site as the editions' variant, at its true size", () => {
  for (const [label, html, expected, elsewhere, removed] of [
    ["the original, as weekly export renders it", `<img src="${SITE}/posts/%E7%85%A7%E7%89%87.jpg" alt="竖拍">`, `<img src="${SENT}" alt="竖拍" width="1200" height="1600">`, 0, []],
    ["the page's widest variant, as a preview renders it", `<img src="${SITE}/posts/%E7%85%A7%E7%89%87-h-1200.jpg" width="1200" height="900" alt="">`, `<img src="${SENT}" width="1200" height="1600" alt>`, 0, []],
    ["a smaller WebP variant", `<img src="${SITE}/posts/%E7%85%A7%E7%89%87-h-400.webp">`, `<img src="${SENT}" width="1200" height="1600">`, 0, []],
    ["the author's width kept, the height from the variant's ratio", `<img src="${SITE}/posts/%E7%85%A7%E7%89%87.jpg" width="300">`, `<img src="${SENT}" width="300" height="400">`, 0, []],
    ["a GIF as it is, with its size", `<img src="${SITE}/posts/anim.gif">`, `<img src="${SITE}/posts/anim.gif" width="60" height="40">`, 0, []],
    ["a picture of another site left as written", `<img src="https://cdn.example.org/a.jpg">`, `<img src="https://cdn.example.org/a.jpg">`, 1, []],
    [
      "an SVG becomes its alt text",
      `<p>前<img src="${SITE}/posts/diagram.svg" alt="流程">后</p>`,
      `<p>前流程后</p>`,
      0,
      ["<img> of the SVG picture posts/diagram.svg (mail clients and WeChat do not show SVG; its alt text kept)"],
    ],
  ] as const) {
    test(`editionPictures(${label})`, () => {
      const made = editionPictures(html, SITE, PLANS);
      assert.equal(made.html, expected);
      assert.equal(made.elsewhere, elsewhere);
      assert.deepEqual(made.removed.map(inEnglish), removed);
    });
  }
  test("editionPictures lists each picture sent once, with the output file a mail client fetches", () => {
    const made = editionPictures(`<img src="${SITE}/posts/%E7%85%A7%E7%89%87.jpg"><img src="${SITE}/posts/%E7%85%A7%E7%89%87-h-800.jpg"><img src="${SITE}/posts/anim.gif">`, SITE, PLANS);
    assert.deepEqual(made.pictures, [
      { url: SENT, input: "posts/照片.jpg", file: "posts/照片-h-1200.jpg", variant: { width: 1200, height: 1600, format: "jpeg" } },
      { url: `${SITE}/posts/anim.gif`, input: "posts/anim.gif", file: "posts/anim.gif", variant: undefined },
    ]);
  });
});

describe("mayBeTransparent, from a picture's header", () => {
  const cases: Array<[string, () => Promise<Buffer>, string, boolean]> = [
    ["a lossy WebP with alpha", () => box(4).webp().toBuffer(), "webp", true],
    ["a lossless WebP with alpha", () => box(4).webp({ lossless: true }).toBuffer(), "webp", true],
    ["an opaque WebP", () => box(3).webp().toBuffer(), "webp", false],
    ["an opaque lossless WebP", () => box(3).webp({ lossless: true }).toBuffer(), "webp", false],
    ["an AVIF with alpha", () => box(4).avif().toBuffer(), "avif", true],
    ["an opaque AVIF", () => box(3).avif().toBuffer(), "avif", false],
    ["a JPEG", () => box(3).jpeg().toBuffer(), "jpg", false],
    ["a PNG, even opaque", () => box(3).png().toBuffer(), "png", true],
  ];
  for (const [label, make, type, expected] of cases) test(`mayBeTransparent(${label}) → ${expected}`, async () => assert.equal(mayBeTransparent(type, await make()), expected));
});

describe("imageSizeReader: the size a browser draws a picture of the site at", () => {
  let dir: string;
  before(async () => {
    dir = tempOutput("sizes");
    await box(3).jpeg().withMetadata({ orientation: 6 }).toFile(join(dir, "turned.jpg"));
    await box(3).jpeg().withMetadata({ orientation: 3 }).toFile(join(dir, "upside-down.jpg"));
    await box(3).png().toFile(join(dir, "plain.png"));
  });
  after(() => removeOutput(dir));
  for (const [file, size] of [
    ["turned.jpg", { width: 30, height: 40 }],
    ["upside-down.jpg", { width: 40, height: 30 }],
    ["plain.png", { width: 40, height: 30 }],
  ] as const) {
    test(`imageSizeReader(${file}) → ${size.width}×${size.height}`, () => {
      const read = imageSizeReader(SITE, (path) => ({ kind: "file", path, real: join(dir, path) }));
      assert.deepEqual(read(`${SITE}/${file}`), size);
    });
  }
});

function box(channels: 3 | 4) {
  return sharp({ create: { width: 40, height: 30, channels, background: { r: 30, g: 90, b: 160, alpha: channels === 4 ? 0.5 : 1 } } });
}

const NOW = { WEEKLY_NOW: "2026-02-13T00:00" };
const EMAIL_PAGE = "posts/2026-W06-ai-weekly/editions/email/index.html";
const WECHAT_PAGE = "posts/2026-W06-ai-weekly/editions/wechat/index.html";

interface Shown {
  src: string;
  width: string | null;
  height: string | null;
}

/** Each `<img>` of an edition's HTML: its address and size as written. */
function images(html: string): Shown[] {
  const { document } = parseHTML(/^\s*<!doctype/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  return all(document, "img").map((img) => ({ src: img.getAttribute("src")!, width: img.getAttribute("width"), height: img.getAttribute("height") }));
}

/** The edition a preview's edition page shows and copies. */
function previewEdition(output: string, page: string): string {
  const { document } = parseHTML(readFileSync(join(output, page), "utf8"));
  return (JSON.parse(document.getElementById("edition-data")!.textContent!) as { html: string }).html;
}

/** The bytes `weekly export` says it made: `… (N bytes in all)`. */
function reportedBytes(stderr: string): number {
  const match = /^weekly export: (?:email|wechat): \d+ KB HTML \+ \d+ KB in \d+ pictures? \((\d+) bytes in all/m.exec(stderr);
  assert.ok(match, stderr);
  return Number(match[1]);
}

describe("the editions of a site with an EXIF-turned portrait photo and a small transparent PNG", () => {
  let site: string;
  let output: string;
  let outputBeforeBuild: string[];
  const exports: Record<"before" | "after", Record<"email" | "wechat", { stdout: string; stderr: string }>> = { before: {} as never, after: {} as never };
  const exportBoth = async (when: "before" | "after") => {
    for (const format of ["email", "wechat"] as const) {
      const run = await runWeeklyInProcess(site, ["export", "2026-W06", "--format", format], NOW);
      assert.equal(run.status, 0, run.stderr);
      exports[when][format] = { stdout: run.stdout, stderr: run.stderr };
    }
  };
  before(async () => {
    site = copySite("images");
    output = join(site, "_site");
    mkdirSync(join(site, "posts", "photos"), { recursive: true });
    // Stored 2400 × 1800 and turned a quarter by EXIF: a reader sees it 1800 wide and 2400 tall.
    const stripes = (width: number, height: number) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#1e5aa0"/><rect x="10%" y="20%" width="50%" height="40%" fill="#f0c040"/></svg>`);
    await sharp(stripes(2400, 1800)).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toFile(join(site, "posts", "photos", "photo.jpg"));
    await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 0.5 } } }).png().toFile(join(site, "posts", "chart.png"));
    await sharp(stripes(900, 600)).png().toFile(join(site, "posts", "unreleased.png"));
    await exportBoth("before");
    outputBeforeBuild = listFiles(output);
    const preview = runEleventy(site, output, { ...NOW, WEEKLY_PREVIEW: "1" });
    assert.equal(preview.status, 0, preview.stderr);
    await exportBoth("after");
  });
  after(() => removeOutput(site));

  test("each picture of the email and WeChat editions is a JPEG or PNG of the output, at most 1200 px wide, sized by its true turned ratio", async () => {
    for (const format of ["email", "wechat"] as const) {
      const shown = images(exports.after[format].stdout).filter((image) => image.src.startsWith("https://images.example.org/"));
      assert.equal(shown.length, 2, format);
      for (const { src, width, height } of shown) {
        const file = join(output, decodeURIComponent(new URL(src).pathname));
        assert.ok(existsSync(file), `${format}: ${src} is a file of the output`);
        const meta = await sharp(file).metadata();
        assert.ok(meta.format === "jpeg" || meta.format === "png", `${format}: ${src} is ${meta.format}`);
        const [fileWidth, fileHeight] = (meta.orientation ?? 1) >= 5 ? [meta.height!, meta.width!] : [meta.width!, meta.height!];
        assert.ok(fileWidth <= 1200, `${format}: ${src} is ${fileWidth} px wide`);
        assert.ok(Number(width) <= (format === "email" ? 560 : 1200), `${format}: ${src} is shown ${width} px wide`);
        assert.ok(Math.abs(Number(height) - (Number(width) * fileHeight) / fileWidth) < 1, `${format}: ${src} is ${width}×${height}, the file ${fileWidth}×${fileHeight}`);
      }
    }
    // The portrait photo, made 1200 × 1600 and shown in the email's 560 px column.
    const [, photo] = images(exports.after.email.stdout);
    assert.match(photo!.src, /\/posts\/photos\/photo-[\w-]+-1200\.jpg$/);
    assert.deepEqual([photo!.width, photo!.height], ["560", "747"]);
    // The transparent PNG stays PNG, at its own size.
    const [chart] = images(exports.after.wechat.stdout);
    assert.match(chart!.src, /\/posts\/chart-[\w-]+-300\.png$/);
    assert.deepEqual([chart!.width, chart!.height], ["300", "200"]);
  });

  test("the preview's 邮件版 and 公众号版 show the pictures the export sends, at the same sizes", () => {
    assert.deepEqual(images(previewEdition(output, EMAIL_PAGE)), images(exports.after.email.stdout));
    assert.deepEqual(images(previewEdition(output, WECHAT_PAGE)), images(exports.after.wechat.stdout));
  });

  test("an SVG picture is in no edition, and the export says so", () => {
    for (const format of ["email", "wechat"] as const) {
      assert.doesNotMatch(exports.after[format].stdout, /diagram\.svg/, format);
      assert.match(exports.after[format].stderr, /<img> of the SVG picture posts\/diagram\.svg \(mail clients and WeChat do not show SVG; its alt text kept\)/, format);
    }
  });

  test("weekly export reports on standard error the HTML's bytes plus the pictures' files, as a build wrote them", () => {
    for (const format of ["email", "wechat"] as const) {
      const { stdout, stderr } = exports.after[format];
      const files = images(stdout)
        .filter((image) => image.src.startsWith("https://images.example.org/"))
        .map((image) => statSync(join(output, decodeURIComponent(new URL(image.src).pathname))).size);
      assert.equal(reportedBytes(stderr), Buffer.byteLength(stdout) + files.reduce((sum, size) => sum + size, 0), format);
      assert.match(stderr, new RegExp(`^weekly export: ${format}: \\d+ KB HTML \\+ \\d+ KB in 2 pictures \\(\\d+ bytes in all; 1 picture of other sites not counted\\)$`, "m"));
      assert.doesNotMatch(stdout, /bytes in all/);
    }
  });

  test("before any build, weekly export made the same pictures with the build's function, into the cache and not the output", () => {
    for (const format of ["email", "wechat"] as const) {
      assert.equal(exports.before[format].stdout, exports.after[format].stdout, format);
      assert.equal(reportedBytes(exports.before[format].stderr), reportedBytes(exports.after[format].stderr), format);
    }
    assert.deepEqual(outputBeforeBuild, []);
    const cache = listFiles(join(site, ".cache", "weekly", "images"));
    const sent = images(exports.after.email.stdout).filter((image) => image.src.startsWith("https://images.example.org/"));
    assert.equal(sent.length, 2, "the photo and the chart are sent");
    for (const { src } of sent) {
      const name = decodeURIComponent(src.split("/").pop()!);
      assert.ok(cache.includes(name), name);
      assert.ok(readFileSync(join(site, ".cache", "weekly", "images", name)).equals(readFileSync(join(output, decodeURIComponent(new URL(src).pathname)))), name);
    }
  });

  test("a held-back report's picture for the editions is in the preview's record, and a production build removes it", async () => {
    const record = JSON.parse(readFileSync(join(output, ".weekly", "outputs.json"), "utf8")) as Record<string, string[]>;
    const held = record["posts/unreleased.png"] ?? [];
    const sent = held.find((file) => /^posts\/unreleased-[\w-]+-900\.png$/.test(file));
    assert.ok(sent !== undefined && existsSync(join(output, sent)), held.join(", "));
    const production = runEleventy(site, output, NOW);
    assert.equal(production.status, 0, production.stderr);
    assert.deepEqual(listFiles(output).filter((file) => file.includes("unreleased")), []);
    // Exported while held back, its email names the picture that goes online with the report.
    const w08 = await runWeeklyInProcess(site, ["export", "2026-W08", "--format", "email"], NOW);
    assert.equal(w08.status, 0, w08.stderr);
    assert.match(w08.stdout, new RegExp(`src="https://images\\.example\\.org/${sent!.replace(/[.]/g, "\\.")}" alt="未公布的图" width="560" height="373"`));
  });

  test("a GIF is sent as it is, counted in the weight, and named when over 1 MB", async () => {
    const report = join(site, "posts", "2026-W06-ai-weekly.md");
    const source = readFileSync(report, "utf8");
    // A small GIF padded past 1 MB after its end: quicker to make than a large animation, read the same.
    const small = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: "#808080" } }).gif().toBuffer();
    writeFileSync(join(site, "posts", "big.gif"), Buffer.concat([small, Buffer.alloc(1100 * 1024)]));
    const gif = statSync(join(site, "posts", "big.gif")).size;
    assert.ok(gif > 1024 * 1024, `${gif} bytes`);
    try {
      writeFileSync(report, `${source}\n![动图](./big.gif)\n`);
      const run = await runWeeklyInProcess(site, ["export", "2026-W06", "--format", "email"], NOW);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(images(run.stdout).at(-1), { src: "https://images.example.org/posts/big.gif", width: "560", height: "400" });
      assert.match(run.stderr, new RegExp(`^weekly export: warning: posts/big\\.gif is ${Math.ceil(gif / 1024)} KB, sent as it is \\(a GIF is not re-encoded\\): make it smaller, or link to it\\.$`, "m"));
      assert.equal(reportedBytes(run.stderr), reportedBytes(exports.after.email.stderr) - Buffer.byteLength(exports.after.email.stdout) + Buffer.byteLength(run.stdout) + gif);
    } finally {
      writeFileSync(report, source);
    }
  });
});
