// The pictures of reports and digests made responsive with eleventy-img: each planned from its
// file while the site is analysed (sizes and file names known before a page renders), made once
// (kept in the site's cache, imageCache.ts, keyed by its bytes and the encoding options) and copied
// into the output when the build settles; under `--serve`, made when the browser asks for it.
import { readdirSync, readFileSync } from "node:fs";
import { access, copyFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { imageSize } from "image-size";
import type eleventyImageModule from "@11ty/eleventy-img";
import type { ImageOptions } from "@11ty/eleventy-img";
import { chooseWidths, fallbackFormat, isRaster, variantFormats, variantName, type ImagePlan, type ImageVariant, type VariantFormat } from "../content/images.js";
import type { SiteFiles } from "../content/site.js";
import { linkedFileSource, type LinkedFiles } from "../content/linkedFiles.js";
import { looksLikeSvg, mayBeTransparent, pictureFault } from "../content/pictureBytes.js";
import { onFirstUse } from "../core/onFirstUse.js";
import { cachedVariant, writeWhole } from "./imageCache.js";

const eleventyImage = onFirstUse<typeof eleventyImageModule>("@11ty/eleventy-img");

/**
 * Fixed encoding options: the same picture gives the same bytes on any machine, and they are part
 * of the hash in each variant's name, so a change of options makes new files.
 */
const ENCODING = {
  sharpAvifOptions: { quality: 55, effort: 4 },
  sharpWebpOptions: { quality: 80 },
  sharpJpegOptions: { quality: 82, mozjpeg: true },
  sharpPngOptions: { compressionLevel: 9 },
} as const;
/** EXIF orientations 5 to 8 turn the picture a quarter: its width is its stored height. */
const TURNED = new Set([5, 6, 7, 8]);

function imageOptions(path: string, widths: number[], formats: VariantFormat[]): ImageOptions {
  return {
    widths,
    formats,
    urlPath: "/",
    outputDir: ".",
    // eleventy-img's memory and disk caches know paths, not this build's files: the cache here is ours.
    useCache: false,
    filenameFormat: (id, _src, width, format) => variantName(path, id, width, format as VariantFormat),
    ...ENCODING,
  };
}

/**
 * What each picture of the site becomes: re-encoded at a few widths (a raster picture), or kept as
 * it is with its size (SVG, GIF); or why it is not a picture. Each file is read once per build, and
 * only once `linked` has allowed it (read at its real path).
 */
export function siteFiles(inputDir: string, linked: LinkedFiles): SiteFiles {
  const plans = new Map<string, ImagePlan | { error: string } | undefined>();
  return {
    list: (folder) => {
      try {
        return readdirSync(join(inputDir, folder), { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => posix.join(folder, entry.name))
          // Only a file a page may publish (linkedFiles.ts) is offered as "did you mean": never a
          // hidden one, nor one the ignore files name (a typo must not show credentials.json).
          .filter((path) => linked(path).kind === "file")
          .sort();
      } catch {
        return [];
      }
    },
    image: (path) => {
      if (!plans.has(path)) {
        const file = linked(path);
        plans.set(path, file.kind === "file" ? planImage(path, file.real) : undefined);
      }
      return plans.get(path);
    },
  };
}

/** Extensions of pictures kept as they are (an SVG draws at any size; a GIF may be animated). */
const PLAIN_EXTENSIONS = new Set([".svg", ".gif"]);
/** Extensions of pictures re-encoded: a file so named that is no such picture is a problem. */
const RASTER_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".webp", ".avif", ".tif", ".tiff"]);

/**
 * The plan of one picture (`path` relative to the input folder, read from `file`, the real path the
 * site's rule allowed), from its bytes (eleventy-img's stats: the names it will write, before it
 * writes them); undefined for a file whose name is not a picture's (`![…](report.pdf)` is left as
 * markdown-it writes it).
 */
export function planImage(path: string, file: string): ImagePlan | { error: string } | undefined {
  const extension = posix.extname(path).toLowerCase();
  if (!PLAIN_EXTENSIONS.has(extension) && !RASTER_EXTENSIONS.has(extension)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { error: "cannot be read" };
  }
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    // An SVG without width, height or viewBox has no size to give, and is drawn all the same.
    if (extension === ".svg" && looksLikeSvg(bytes)) return { kind: "plain" };
    return { error: "is not a picture in a format this build reads (PNG, JPEG, WebP, AVIF, TIFF, GIF, SVG)" };
  }
  const unfit = pictureFault(extension, size, bytes);
  if (unfit !== undefined) return { error: unfit };
  const turned = TURNED.has(size.orientation ?? 1);
  const width = turned ? size.height : size.width;
  const height = turned ? size.width : size.height;
  if (!isRaster(size.type)) return width > 0 && height > 0 ? { kind: "plain", width, height } : { kind: "plain" };
  if (!(width > 0 && height > 0)) return { error: "has no width and height" };
  const transparent = mayBeTransparent(size.type, bytes);
  const formats = variantFormats(size.type!, transparent);
  const stats = eleventyImage().statsByDimensionsSync(file, width, height, imageOptions(path, chooseWidths(width), formats));
  const folder = posix.dirname(path) === "." ? "" : posix.dirname(path);
  const variants: ImageVariant[] = formats.flatMap((format) =>
    (stats[format] ?? []).map((stat) => ({ format, width: stat.width, height: stat.height, file: posix.join(folder, stat.filename!) })),
  );
  return { kind: "responsive", width, height, fallback: fallbackFormat(size.type!, transparent), variants };
}

/**
 * Writes the variants of the planned pictures into the output: each from the cache when it holds
 * it, the others encoded now (all a picture lacks in one pass) and kept in the cache (when there is
 * one). With `onRequest` (a preview whose server encodes a variant when the browser asks for it,
 * eleventy/previewPictures.ts), a variant the cache lacks is left unwritten: the page names it all
 * the same. Returns, by input path, the variants written.
 */
export async function writeImages(linked: LinkedFiles, output: string, plans: ReadonlyMap<string, ImagePlan>, cacheDir: string | undefined, onRequest = false): Promise<Map<string, string[]>> {
  const written = new Map<string, string[]>();
  for (const [path, plan] of [...plans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (plan.kind !== "responsive") continue;
    const kept = await Promise.all(plan.variants.map((v) => (cacheDir === undefined ? false : exists(cachedVariant(cacheDir, v)))));
    const lacking = plan.variants.filter((_, i) => !kept[i]);
    const made = lacking.length === 0 || onRequest ? new Map<string, Buffer>() : await encode(linkedFileSource(linked, path), path, lacking);
    const files: string[] = [];
    for (const [i, variant] of plan.variants.entries()) {
      const bytes = made.get(posix.basename(variant.file));
      if (kept[i]) {
        await copyInto(cachedVariant(cacheDir!, variant), join(output, variant.file));
      } else if (bytes !== undefined) {
        if (cacheDir !== undefined) await writeWhole(cachedVariant(cacheDir, variant), bytes);
        await mkdir(dirname(join(output, variant.file)), { recursive: true });
        await writeFile(join(output, variant.file), bytes);
      } else {
        continue; // left for the preview's server to encode when asked
      }
      files.push(variant.file);
    }
    if (files.length > 0) written.set(path, files);
  }
  return written;
}

/**
 * The bytes of one variant, for a command that sends it (`weekly export`): the cache's (written
 * whole) or the output's when a build made it (its name is the hash of what it was made from), else encoded
 * now as a build encodes it and kept in the cache, where the next build takes it from. Nothing is
 * written into the output folder: that is a build's, and its record's.
 */
export async function variantBytes(linked: LinkedFiles, path: string, variant: ImageVariant, places: { output: string; cacheDir: string | undefined }): Promise<Buffer> {
  const cached = places.cacheDir === undefined ? undefined : cachedVariant(places.cacheDir, variant);
  for (const file of [cached, join(places.output, variant.file)]) {
    if (file === undefined) continue;
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes !== undefined) return bytes;
  }
  const bytes = (await encode(linkedFileSource(linked, path), path, [variant])).get(posix.basename(variant.file))!;
  if (cached !== undefined) await writeWhole(cached, bytes);
  return bytes;
}

/**
 * Variants of a picture (`path`, read from `file`, its real path) encoded, by file name; a
 * variant the plan names and eleventy-img did not make is a fault of the plugin.
 */
async function encode(file: string, path: string, variants: readonly ImageVariant[]): Promise<Map<string, Buffer>> {
  const formats = [...new Set(variants.map((v) => v.format))];
  const widths = [...new Set(variants.map((v) => v.width))];
  // The variants' names hash the bytes and the encoding options, not the widths nor formats asked
  // for: one variant encoded alone has the name and bytes it has among all of its picture's.
  const stats = await eleventyImage()(file, { ...imageOptions(path, widths, formats), dryRun: true });
  const made = new Map<string, Buffer>();
  for (const stat of Object.values(stats).flat()) if (stat.filename && stat.buffer) made.set(stat.filename, stat.buffer);
  const lacking = variants.filter((v) => !made.has(posix.basename(v.file)));
  if (lacking.length > 0) throw new Error(`weekly plugin: ${path} was planned as ${lacking.map((v) => v.file).join(", ")}, which eleventy-img did not make`);
  return made;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Into the output under its own name, which the output's record already lists (see output.ts's
 * journal). A variant's name carries the hash of what it was made from: one already there at the
 * same size is that file (a preview's rebuild copies nothing), and a half-copied one is copied again.
 */
async function copyInto(from: string, to: string): Promise<void> {
  const [source, target] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
  if (target?.isFile() && target.size === source.size) return;
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}
