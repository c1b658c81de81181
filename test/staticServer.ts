// A static file server for a built site on localhost, as a host would serve it: folders answer
// with their index.html, a missing page with 404.html and status 404.
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xsl": "application/xslt+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".wasm": "application/wasm",
};

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `root` at `basePath` (`/blog/` for a site under a sub-path): anything outside it is
 * 404, as on a host that serves the site from that folder.
 */
export async function serveFolder(root: string, basePath = "/"): Promise<StaticSite> {
  const server: Server = createServer(async (request, response) => {
    const requested = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!requested.startsWith(basePath) && `${requested}/` !== basePath) return void response.writeHead(404, { "content-type": TYPES[".txt"] }).end("outside the site's folder");
    const path = requested.slice(basePath.length - 1) || "/";
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return void response.writeHead(403).end();
    const target = (await stat(file).catch(() => undefined))?.isDirectory() ? join(file, "index.html") : file;
    const body = await readFile(target).catch(() => undefined);
    if (body) {
      response.writeHead(200, { "content-type": TYPES[extname(target)] ?? "application/octet-stream" });
      return void response.end(body);
    }
    const notFound = await readFile(join(root, "404.html")).catch(() => Buffer.from("not found"));
    response.writeHead(404, { "content-type": TYPES[".html"] });
    response.end(notFound);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
