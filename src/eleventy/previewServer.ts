// The preview's web server (`eleventy --serve`): it listens on this machine only, unless the site
// opens it, and then answers only requests that name this machine (421 otherwise: a page of
// another site reaching it by DNS rebinding), and a request whose path cannot be decoded or climbs
// out of the output folder with 400 rather than leaving it without an answer. The preview serves drafts, reports not yet
// published, their editions and `/.weekly/outputs.json`: none of it is for the network.
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EleventyConfig } from "./eleventyConfig.js";
import { reloadOnFailure, showBuildFailure } from "./previewFailure.js";
import type { Language } from "../core/language.js";

/** Where the preview listens unless the site or `WEEKLY_SERVE_HOST` says otherwise: IPv4 loopback. */
export const PREVIEW_HOST = "127.0.0.1";
/** The environment variable that opens the preview to other addresses (`0.0.0.0`: every one). */
export const SERVE_HOST_VARIABLE = "WEEKLY_SERVE_HOST";

/**
 * The address the preview listens on: the site's own `setServerOptions({ host })` wins, then
 * `WEEKLY_SERVE_HOST`, then this machine only.
 */
export function previewHost(siteHost: unknown, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (siteHost !== undefined) return undefined; // the site chose: leave it
  const asked = env[SERVE_HOST_VARIABLE]?.trim();
  return asked ? asked : PREVIEW_HOST;
}

/**
 * Whether a request's path (before `?`) is one the server must not look up: a `%` escape that is
 * not UTF-8, or a segment that is `.` or `..`, or holds `/`, `\` or NUL once decoded (an output
 * file's path never does). The dev server would throw on each, leaving the request unanswered.
 */
export function isBadRequestPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0]!;
  if (path.includes("\\")) return true;
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    if (decoded === "." || decoded === ".." || /[/\\\0]/.test(decoded)) return true;
  }
  return false;
}

type Next = (error?: unknown) => void;

/** The middleware that answers a bad path with 400 before the dev server looks it up. */
export function refuseBadPaths(request: IncomingMessage, response: ServerResponse, next: Next): void {
  if (!isBadRequestPath(request.url ?? "/")) return next();
  response.statusCode = 400;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.end("400 Bad Request: this path cannot be decoded, or it leaves the site.\n");
}

/**
 * Whether a request's `Host` names this machine (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`,
 * any port) or is absent. A page of another site that the author opens while the preview runs can
 * make its own name resolve to 127.0.0.1 (DNS rebinding) and read the preview under that name.
 */
export function isLocalHostHeader(host: string | undefined): boolean {
  if (host === undefined || host === "") return true; // no browser sends a request without one
  const name = (host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "")).toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost") || name === "[::1]" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** Whether the preview listens on this machine only, where it must answer to this machine's names only. */
export function listensOnLoopback(host: string | undefined): boolean {
  return host !== undefined && (host === "::1" || isLocalHostHeader(host));
}

/** The middleware that answers a request naming another host with 421 before the dev server serves it. */
export function refuseForeignHosts(request: IncomingMessage, response: ServerResponse, next: Next): void {
  if (isLocalHostHeader(request.headers.host)) return next();
  response.statusCode = 421;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.end(`421 Misdirected Request: this preview answers to localhost and 127.0.0.1 only (set ${SERVE_HOST_VARIABLE} to open it).\n`);
}

/**
 * Whether a live-reload WebSocket may stay open: on loopback, one naming this machine; and one a
 * browser opens (it sends `Origin`) only from a page of this very server. A WebSocket is not bound
 * by the same-origin rule: any page open in the author's browser could connect to the preview's and
 * receive each rebuilt page's HTML (a draft's, a scheduled report's) as the author edits it.
 */
export function isOwnPageSocket(headers: { host?: string | undefined; origin?: string | undefined }, loopback: boolean): boolean {
  if (loopback && !isLocalHostHeader(headers.host)) return false;
  if (headers.origin === undefined) return true; // not a browser's page
  try {
    return new URL(headers.origin).host === (headers.host ?? "").toLowerCase();
  } catch {
    return false; // `null`: a sandboxed frame or a file
  }
}

interface DevServerPrototype {
  _serverListen?: (this: DevServerInstance, port: number) => void;
  setupReloadNotifier?: (this: DevServerInstance) => void;
  [LISTENS_ON_HOST]?: true;
  [GUARDS_RELOAD]?: true;
}
interface DevServerInstance {
  options?: { host?: unknown };
  server: { listen(options: { port: number; host?: string }): void };
  updateServer?: { prependListener(event: "connection", listener: (socket: { terminate(): void }, request: IncomingMessage) => void): void };
}
const LISTENS_ON_HOST = Symbol.for("eleventy-plugin-weekly.listensOnHost");
const GUARDS_RELOAD = Symbol.for("eleventy-plugin-weekly.guardsReload");

/**
 * Teaches Eleventy's dev server to close, as it opens, a live-reload WebSocket that is not
 * `isOwnPageSocket` (the server's own `connection` listener comes after, and sends it nothing).
 * Returns false for a server of a shape it does not know.
 */
export function guardReloadSocket(devServer: { prototype: DevServerPrototype }): boolean {
  const prototype = devServer.prototype;
  const original = prototype.setupReloadNotifier;
  if (typeof original !== "function") return false;
  if (prototype[GUARDS_RELOAD]) return true;
  prototype.setupReloadNotifier = function (this: DevServerInstance) {
    original.call(this);
    const host = this.options?.host;
    const loopback = listensOnLoopback(typeof host === "string" ? host : undefined);
    this.updateServer?.prependListener("connection", (socket, request) => {
      if (!isOwnPageSocket(request.headers, loopback)) socket.terminate();
    });
  };
  prototype[GUARDS_RELOAD] = true;
  return true;
}
const DEV_SERVER = "@11ty/eleventy-dev-server";

/**
 * Eleventy's dev server (2.x) listens on every address and has no option to choose one
 * (https://github.com/11ty/eleventy-dev-server/issues/128): this teaches its `_serverListen` to
 * pass `options.host` to Node's `listen`. Without a `host` it listens as before. A version that
 * already reads `host` is left alone. Returns false for a server of a shape it does not know.
 */
export function teachHost(devServer: { prototype: DevServerPrototype }): boolean {
  const prototype = devServer.prototype;
  const original = prototype._serverListen;
  if (typeof original !== "function") return false;
  if (prototype[LISTENS_ON_HOST] || /\bhost\b/.test(original.toString())) return true;
  prototype._serverListen = function (this: DevServerInstance, port: number) {
    const host = this.options?.host;
    if (typeof host !== "string" || host === "") return original.call(this, port);
    this.server.listen({ port, host });
  };
  prototype[LISTENS_ON_HOST] = true;
  return true;
}

/** Eleventy's own dev server class: the copy Eleventy loads, found from Eleventy's folder. */
function eleventyDevServer(): { prototype: DevServerPrototype } | undefined {
  try {
    return createRequire(import.meta.resolve("@11ty/eleventy"))(DEV_SERVER) as { prototype: DevServerPrototype };
  } catch {
    return undefined;
  }
}

/**
 * Sets the preview's address (unless the site set one), teaches Eleventy's dev server to listen on
 * it and to show a failed build in the page, and adds the bad-path middleware after the site's
 * own, and on loopback the host check. Under
 * `--serve` only: a build starts no server. `warn` is told when the dev server cannot be taught.
 */
export function installPreviewServer(eleventyConfig: EleventyConfig, env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void, language: Language = "en"): void {
  const zh = language === "zh";
  if (env.ELEVENTY_RUN_MODE !== "serve") return;
  const siteOptions = eleventyConfig.serverOptions ?? {};
  eleventyConfig.setServerOptions({ middleware: [refuseBadPaths] });
  const host = previewHost(siteOptions.host, env);
  if (host !== undefined) eleventyConfig.setServerOptions({ host });
  // On this machine only, it answers to this machine's names only: not to a rebound one.
  if (listensOnLoopback(host ?? (typeof siteOptions.host === "string" ? siteOptions.host : undefined))) eleventyConfig.setServerOptions({ middleware: [refuseForeignHosts] });
  // Another server module (`setServerOptions({ module })`) is the site's to configure.
  if (siteOptions.module !== undefined && siteOptions.module !== DEV_SERVER) return;
  const devServer = eleventyDevServer();
  if (!devServer || !teachHost(devServer)) {
    const where = host ?? String(siteOptions.host);
    warn(
      zh
        ? `预览服务器没能限定在 ${where}：其他机器也许能访问它（${DEV_SERVER} 变了）。如果这个网络不可信，请停止预览。`
        : `the preview server could not be limited to ${where}: it may be reachable from other machines (${DEV_SERVER} changed). Stop it if this network is not trusted.`,
    );
  }
  if (devServer && !guardReloadSocket(devServer)) {
    warn(
      zh
        ? `预览的自动刷新没能限定在它自己的页面：这个浏览器里打开的其他网页也许能收到它重建的页面（${DEV_SERVER} 变了）。`
        : `the preview's live reload could not be limited to its own pages: a web page open in this browser may receive the pages it rebuilds (${DEV_SERVER} changed).`,
    );
  }
  // A failed build reloads the open pages, which then list its problems (previewFailure.ts).
  eleventyConfig.setServerOptions({ middleware: [showBuildFailure] });
  if (devServer && !reloadOnFailure(devServer as Parameters<typeof reloadOnFailure>[0], language)) {
    warn(zh ? `预览构建失败时不会显示在页面上（${DEV_SERVER} 变了）：问题列在这个终端里。` : `a failed preview build is not shown in the page (${DEV_SERVER} changed): its problems are in this terminal.`);
  }
}
