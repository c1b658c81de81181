// The preview's pictures (`eleventy --serve`): its builds write each page as a production build
// does (the same <picture>, the same variant names) but encode no variant the cache lacks; this
// server encodes one when the browser asks for it, keeps it in the cache (where later builds,
// production ones too, take it from) and answers with its bytes and its type. A save that adds a
// photo waits for no AVIF or WebP. eleventy-img's `transformOnRequest` encodes on request too, but
// under URLs of its own (`/.11ty/image/?src=…`), so a preview's page would not be the page a
// production build writes. Nothing is written into the output folder here: a production build may
// have just made it ready to publish (see previewCopy.ts).
import type { Said } from "../core/show.js";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { variantType, type ImagePlan, type ImageVariant } from "../content/images.js";
import type { WeeklyBuild } from "../pipeline/build.js";
import { imageCacheOf, linkedFilesOf } from "../pipeline/context.js";
import { variantBytes } from "../pipeline/imageVariants.js";
import type { EleventyConfig } from "./eleventyConfig.js";
import { requestedFile } from "./previewCopy.js";

const DEV_SERVER = "@11ty/eleventy-dev-server";

/** A variant the last build's pages show, and the picture (its input path) it is made from. */
export interface ShownVariant {
  path: string;
  variant: ImageVariant;
}

/** Each variant of the pictures a build showed, by its file in the output. */
export function shownVariants(images: Iterable<[string, ImagePlan]>): Map<string, ShownVariant> {
  const shown = new Map<string, ShownVariant>();
  for (const [path, plan] of images) if (plan.kind === "responsive") for (const variant of plan.variants) shown.set(variant.file, { path, variant });
  return shown;
}

/**
 * The variant a request's path names, the site's folder (`basePath`, `/blog`, or "") taken off
 * when it starts with it; undefined for any other path.
 */
export function requestedVariant(url: string, basePath: string, shown: ReadonlyMap<string, ShownVariant>): ShownVariant | undefined {
  let path = url.split(/[?#]/, 1)[0]!;
  if (basePath !== "" && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  const file = requestedFile(path);
  return file === undefined ? undefined : shown.get(file);
}

type Next = (error?: unknown) => void;

/**
 * Under `--serve` with the plugin's cache (`cacheDir`) and Eleventy's dev server: the builds leave
 * a variant the cache lacks unwritten, and a request for one of the variants the last build's
 * pages show is answered here once the output lacks it (one the output holds is the dev server's
 * to send). `warn` is told when a variant cannot be made.
 */
export function installPreviewPictures(
  eleventyConfig: EleventyConfig,
  build: WeeklyBuild,
  basePath: string,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: Said) => void,
): void {
  if (env.ELEVENTY_RUN_MODE !== "serve") return;
  const cacheDir = imageCacheOf(build.ctx);
  // Without a cache, a variant made on request would be made again at every request and build.
  if (cacheDir === undefined) return;
  // Another server module may not run the middleware: its pages' pictures are encoded by the build.
  const module = eleventyConfig.serverOptions?.module;
  if (module !== undefined && module !== DEV_SERVER) return;
  build.picturesOnRequest = true;
  let shown: { output: string; variants: Map<string, ShownVariant> } | undefined;
  // Known once the analysis passed, before the build writes a page that names a new variant. A
  // build that stopped leaves the pages of the last one, and so their pictures.
  eleventyConfig.on("eleventy.contentMap", async () => {
    const state = await build.analysed;
    if (state?.site && state.output && state.writes) shown = { output: state.output, variants: shownVariants(state.site.images) };
  });
  /** Variants being made, by file: a second request for one waits for the first. */
  const making = new Map<string, Promise<Buffer>>();
  const bytesOf = (output: string, { path, variant }: ShownVariant): Promise<Buffer> => {
    let bytes = making.get(variant.file);
    if (bytes === undefined) {
      // The picture judged again as it is read: the build's answer may be a save old.
      bytes = variantBytes(linkedFilesOf(build.ctx, output), path, variant, { output, cacheDir }).finally(() => making.delete(variant.file));
      making.set(variant.file, bytes);
    }
    return bytes;
  };
  const answer = async (request: IncomingMessage, response: ServerResponse, next: Next) => {
    const asked = request.method === "GET" || request.method === "HEAD";
    const found = shown && asked ? requestedVariant(request.url ?? "/", basePath, shown.variants) : undefined;
    if (!shown || !found) return next();
    const { output } = shown;
    if ((await stat(join(output, found.variant.file)).catch(() => undefined))?.isFile()) return next();
    let bytes: Buffer;
    try {
      bytes = await bytesOf(output, found);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      warn({ en: `${found.variant.file} (a variant of ${found.path}) could not be made: ${why}`, zh: `${found.variant.file}（${found.path} 的变体）没能生成：${why}` });
      return next();
    }
    response.statusCode = 200;
    response.setHeader("Content-Type", variantType(found.variant.format));
    response.setHeader("Content-Length", bytes.length);
    response.end(request.method === "HEAD" ? undefined : bytes);
  };
  eleventyConfig.setServerOptions({ middleware: [answer] });
}
