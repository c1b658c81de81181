// The preview's own copy of what it wrote. A production build of the same output folder removes
// the drafts and scheduled reports a preview wrote there (as it must: it publishes that folder);
// the preview then answers their addresses from this copy, kept outside the project (never input,
// never watched, never served by a production web server), until its next build writes them again.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { cp, link, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { within } from "../core/paths.js";
import type { OutputManifest, WeeklyBuild } from "../pipeline/build.js";
import { realLockEnvironment } from "../pipeline/outputLock.js";
import type { EleventyConfig } from "./eleventyConfig.js";

/** The types of the files a preview writes, by extension; any other is sent as bytes. */
const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".xsl": "application/xml",
};

/** Where this process keeps its copy of an output folder: under the system's temporary folder. */
function previewCopyFolder(output: string, pid = process.pid): string {
  const key = createHash("sha256").update(resolve(output)).digest("hex").slice(0, 16);
  return join(tmpdir(), "eleventy-plugin-weekly-preview", `${key}-${pid}`);
}

/**
 * Copies left by previews that were stopped (a killed process runs no `exit` handler), of this
 * output folder or any other: removed, so that the temporary folder holds only running previews'.
 */
async function removeLeftCopies(folder: string): Promise<void> {
  const parent = dirname(folder);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const pid = Number(/^[0-9a-f]+-(\d+)$/.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(pid) && pid !== process.pid && !realLockEnvironment.isRunning(pid)) await rm(join(parent, name), { recursive: true, force: true });
  }
}

/** The file of the output a request's path names (`/a/` is `a/index.html`), or undefined for one that is not. */
export function requestedFile(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/, 1)[0]!);
  } catch {
    return undefined;
  }
  const file = (path.endsWith("/") ? `${path}index.html` : path).replace(/^\/+/, "");
  return file === "" || file.split("/").some((segment) => segment === ".." || segment === ".") ? undefined : file;
}

/** The copy of one build's files: each linked to the output's file (or copied, across file systems), unchanged ones kept. */
async function keep(output: string, folder: string, files: Iterable<string>): Promise<void> {
  for (const file of files) {
    const from = join(output, file);
    const to = join(folder, file);
    const [source, kept] = await Promise.all([stat(from).catch(() => undefined), stat(to).catch(() => undefined)]);
    if (!source?.isFile()) continue;
    if (kept && kept.ino === source.ino && kept.dev === source.dev) continue;
    if (kept && kept.dev !== source.dev && kept.size === source.size && kept.mtimeMs === source.mtimeMs) continue;
    await mkdir(dirname(to), { recursive: true });
    await rm(to, { force: true });
    await link(from, to).catch(() => cp(from, to, { preserveTimestamps: true }));
  }
}

/**
 * Under `--serve` only: after each build, its files are kept in the preview's copy; a request for a
 * file the output folder lacks (a production build removed it meanwhile) is answered from there.
 */
export function installPreviewCopy(eleventyConfig: EleventyConfig, build: WeeklyBuild, env: Readonly<Record<string, string | undefined>>): void {
  if (env.ELEVENTY_RUN_MODE !== "serve") return;
  let place: { output: string; folder: string } | undefined;
  let kept = new Set<string>();
  eleventyConfig.on("eleventy.after", async (event: { directories?: { output?: string }; incremental?: boolean }) => {
    const written: OutputManifest | undefined = await build.settled;
    const output = event.directories?.output;
    if (!written || !output) return;
    if (place?.output !== output) {
      place = { output, folder: previewCopyFolder(output) };
      await rm(place.folder, { recursive: true, force: true });
      await removeLeftCopies(place.folder);
      kept = new Set();
      const folder = place.folder;
      process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    }
    const files = new Set(Object.values(written).flat());
    await keep(output, place.folder, files);
    // A whole build's copy is that build's files; an incremental one adds to it.
    if (!event.incremental) for (const file of kept) if (!files.has(file)) await rm(join(place.folder, file), { force: true });
    kept = event.incremental ? new Set([...kept, ...files]) : files;
  });
  eleventyConfig.setServerOptions({
    middleware: [
      async (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => {
        const file = requestedFile(request.url ?? "/");
        if (!place || file === undefined || !kept.has(file) || (request.method !== "GET" && request.method !== "HEAD")) return next();
        const inOutput = await stat(join(place.output, file)).catch(() => undefined);
        const copy = within(place.folder, join(place.folder, file));
        if (inOutput?.isFile() || copy === undefined) return next();
        const bytes = await readFile(join(place.folder, file)).catch(() => undefined);
        if (!bytes) return next();
        response.statusCode = 200;
        response.setHeader("Content-Type", TYPES[extname(file).toLowerCase()] ?? "application/octet-stream");
        response.end(request.method === "HEAD" ? undefined : bytes);
      },
    ],
  });
}
