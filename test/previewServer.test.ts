// The preview's web server: it listens on 127.0.0.1 unless the site or WEEKLY_SERVE_HOST opens it,
// and answers a path that cannot be decoded or leaves the site with 400. The decisions are tables;
// the real `eleventy --serve` is started twice (no traffic goes anywhere but 127.0.0.1).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import {
  guardReloadSocket,
  installPreviewServer,
  isBadRequestPath,
  isLocalHostHeader,
  isOwnPageSocket,
  PREVIEW_HOST,
  previewHost,
  refuseBadPaths,
  refuseForeignHosts,
  teachHost,
} from "../src/eleventy/previewServer.js";
import type { EleventyConfig } from "../src/eleventy/eleventyConfig.js";
import { showBuildFailure } from "../src/eleventy/previewFailure.js";
import { copySite, ELEVENTY_BIN, removeOutput, tempOutput, freePort, stopPreview } from "./helpers.js";

describe("isBadRequestPath", () => {
  const cases: Array<[string, boolean]> = [
    ["/", false],
    ["/posts/2026-W06-ai-weekly/", false],
    ["/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/", false],
    ["/search/?q=%E0%A4%A", false], // the query is the page's, not a path
    ["/cards/posts/a/index.png#top", false],
    ["/a.b/..c/", false],
    ["/..%2f..%2fetc%2fpasswd", true],
    ["/%E0%A4%A", true],
    ["/%2e%2e/", true],
    ["/posts/%2E%2E/%2e%2e/etc/passwd", true],
    ["/posts/../../etc/passwd", true],
    ["/./", true],
    ["/a%5c..%5c..%5cetc", true],
    ["/a\\b", true],
    ["/a%00b", true],
  ];
  for (const [url, bad] of cases) test(`isBadRequestPath(${JSON.stringify(url)}) → ${bad}`, () => assert.equal(isBadRequestPath(url), bad));
});

describe("isLocalHostHeader", () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, true],
    ["localhost:8080", true],
    ["LOCALHOST", true],
    ["localhost.:8080", true],
    ["blog.localhost:8080", true],
    ["127.0.0.1:8080", true],
    ["127.1.2.3", true],
    ["[::1]:8080", true],
    ["evil.example:8080", false], // a name rebound to 127.0.0.1 by the page that asks
    ["localhost.evil.example", false],
    ["127.0.0.1.evil.example", false],
    ["[::ffff:7f00:1]:8080", false],
    ["192.168.1.5:8080", false],
  ];
  for (const [host, local] of cases) test(`isLocalHostHeader(${JSON.stringify(host)}) → ${local}`, () => assert.equal(isLocalHostHeader(host), local));
});

describe("isOwnPageSocket", () => {
  const cases: Array<[Record<string, string>, boolean, boolean]> = [
    [{ host: "localhost:8080", origin: "http://localhost:8080" }, true, true],
    [{ host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" }, true, true],
    [{ host: "localhost:8080" }, true, true], // not a browser's page
    [{ host: "localhost:8080", origin: "https://evil.example" }, true, false], // any page of the browser
    [{ host: "localhost:8080", origin: "http://localhost:9999" }, true, false],
    [{ host: "localhost:8080", origin: "null" }, true, false],
    [{ host: "rebound.example:8080", origin: "http://rebound.example:8080" }, true, false],
    [{ host: "192.168.1.5:8080", origin: "http://192.168.1.5:8080" }, false, true], // opened: a phone on the network
    [{ host: "192.168.1.5:8080", origin: "https://evil.example" }, false, false],
  ];
  for (const [headers, loopback, own] of cases) {
    test(`isOwnPageSocket(${JSON.stringify(headers)}, loopback ${loopback}) → ${own}`, () => assert.equal(isOwnPageSocket(headers, loopback), own));
  }
});

describe("previewHost", () => {
  const cases: Array<[unknown, Record<string, string | undefined>, string | undefined]> = [
    [undefined, {}, PREVIEW_HOST],
    [undefined, { WEEKLY_SERVE_HOST: "" }, PREVIEW_HOST],
    [undefined, { WEEKLY_SERVE_HOST: " 0.0.0.0 " }, "0.0.0.0"],
    [undefined, { WEEKLY_SERVE_HOST: "::" }, "::"],
    ["0.0.0.0", {}, undefined], // the site's own setServerOptions({ host }) wins
    ["192.168.1.5", { WEEKLY_SERVE_HOST: "127.0.0.1" }, undefined],
  ];
  for (const [site, env, expected] of cases) {
    test(`previewHost(${JSON.stringify(site)}, ${JSON.stringify(env)}) → ${JSON.stringify(expected)}`, () => assert.equal(previewHost(site, env), expected));
  }
});

/** A stand-in for Eleventy's config object: setServerOptions merges as Eleventy's does (arrays appended). */
function fakeConfig(serverOptions: Record<string, unknown>): EleventyConfig & { serverOptions: Record<string, unknown> } {
  const config = {
    serverOptions,
    setServerOptions(options: Record<string, unknown>) {
      for (const [key, value] of Object.entries(options)) {
        const had = config.serverOptions[key];
        config.serverOptions[key] = Array.isArray(had) && Array.isArray(value) ? [...had, ...value] : value;
      }
    },
  };
  return config as unknown as EleventyConfig & { serverOptions: Record<string, unknown> };
}

describe("installPreviewServer", () => {
  const serve = { ELEVENTY_RUN_MODE: "serve" };
  const siteMiddleware = () => {};
  test("under --serve: host 127.0.0.1, and the bad-path middleware after the site's own, then the failed build's page", () => {
    const config = fakeConfig({ middleware: [siteMiddleware] });
    installPreviewServer(config, serve, (message) => assert.fail(message));
    assert.equal(config.serverOptions.host, "127.0.0.1");
    assert.deepEqual(config.serverOptions.middleware, [siteMiddleware, refuseBadPaths, refuseForeignHosts, showBuildFailure]);
  });
  test("opened to the network (WEEKLY_SERVE_HOST=0.0.0.0), it answers to any name", () => {
    const config = fakeConfig({});
    installPreviewServer(config, { ...serve, WEEKLY_SERVE_HOST: "0.0.0.0" }, (message) => assert.fail(message));
    assert.deepEqual(config.serverOptions.middleware, [refuseBadPaths, showBuildFailure]);
  });
  test("the site's own host is kept, whatever WEEKLY_SERVE_HOST says", () => {
    const config = fakeConfig({ host: "192.168.1.5" });
    installPreviewServer(config, { ...serve, WEEKLY_SERVE_HOST: "0.0.0.0" }, (message) => assert.fail(message));
    assert.equal(config.serverOptions.host, "192.168.1.5");
  });
  test("a build (no server) is left alone", () => {
    const config = fakeConfig({});
    installPreviewServer(config, { ELEVENTY_RUN_MODE: "build" }, (message) => assert.fail(message));
    assert.deepEqual(config.serverOptions, {});
  });
});

describe("teachHost", () => {
  const makeServer = () => {
    const calls: unknown[] = [];
    class DevServer {
      options: { host?: string } = {};
      server = { listen: (options: unknown) => calls.push(options) };
      _serverListen(port: number) {
        this.server.listen({ port });
      }
    }
    return { DevServer, calls };
  };
  test("with options.host, listen is given the host; without one, it listens as before", () => {
    const { DevServer, calls } = makeServer();
    assert.equal(teachHost(DevServer), true);
    assert.equal(teachHost(DevServer), true, "taught once");
    const withHost = new DevServer();
    withHost.options.host = "127.0.0.1";
    withHost._serverListen(8080);
    new DevServer()._serverListen(8081);
    assert.deepEqual(calls, [{ port: 8080, host: "127.0.0.1" }, { port: 8081 }]);
  });
  test("a server of another shape is reported, not changed", () => {
    class Other {}
    assert.equal(teachHost(Other as never), false);
  });
});

describe("guardReloadSocket", () => {
  test("a live-reload socket of another page is closed before the server's own listener greets it", () => {
    const events: string[] = [];
    type Listener = (socket: { terminate(): void }, request: { headers: Record<string, string> }) => void;
    class DevServer {
      options = { host: "127.0.0.1" };
      server = { listen: () => {} };
      listeners: Listener[] = [];
      updateServer?: { prependListener(event: string, listener: Listener): void };
      setupReloadNotifier() {
        this.updateServer = { prependListener: (_event, listener) => this.listeners.unshift(listener) };
        this.listeners.push(() => events.push("greeted"));
      }
    }
    assert.equal(guardReloadSocket(DevServer as never), true);
    assert.equal(guardReloadSocket(DevServer as never), true, "taught once");
    const server = new DevServer();
    server.setupReloadNotifier();
    for (const origin of ["https://evil.example", "http://localhost:8080"]) {
      for (const listener of server.listeners) listener({ terminate: () => events.push(`closed ${origin}`) }, { headers: { host: "localhost:8080", origin } });
    }
    assert.deepEqual(events, ["closed https://evil.example", "greeted", "greeted"]);
    class Other {}
    assert.equal(guardReloadSocket(Other as never), false);
  });
});

/** Opens the preview's live-reload WebSocket with these headers: "closed" when the server closes it, "open" when it stays 1.5 s. */
function socketFate(port: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const upgrade = { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" };
    const request = http.request({ host: "127.0.0.1", port, path: "/", headers: { ...upgrade, ...headers } });
    request.on("upgrade", (_response, socket) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve("open");
      }, 1_500);
      socket.on("close", () => {
        clearTimeout(timer);
        resolve("closed");
      });
      socket.resume();
    });
    request.on("response", (response) => resolve(`answered ${response.statusCode}`));
    request.on("error", (error) => resolve(error.message));
    request.end();
  });
}


/**
 * The addresses listening on `port`, as the kernel lists them (/proc/net/tcp and tcp6, state 0A):
 * "127.0.0.1", "0.0.0.0", or an IPv6 address in the kernel's hex.
 */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue;
      const [address, hexPort] = local.split(":");
      if (parseInt(hexPort!, 16) !== port) continue;
      found.push(address!.length === 8 ? Buffer.from(address!, "hex").reverse().join(".") : /^0+$/.test(address!) ? "[::]" : `[${address}]`);
    }
  }
  return found.sort();
}

/** GET on 127.0.0.1 with the path as written (no normalising): its status, or why there was none within 5 s. */
function statusOf(port: number, path: string, headers: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.request({ host: "127.0.0.1", port, path, headers: { "sec-fetch-mode": "navigate", ...headers } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.setTimeout(5_000, () => {
      request.destroy();
      resolve("no answer within 5 s");
    });
    request.on("error", (error) => resolve(error.message));
    request.end();
  });
}

/** `eleventy --serve` on a copy of the scheduled fixture, until it says where it serves; then `check`, then stopped. */
async function withServer(env: Record<string, string | undefined>, check: (port: number, log: () => string) => Promise<void>): Promise<void> {
  const site = copySite("scheduled");
  const output = tempOutput("preview-server");
  const port = await freePort();
  const server = spawn(ELEVENTY_BIN, ["--serve", "--port", String(port), "--output", output], {
    cwd: site,
    env: { ...process.env, WEEKLY_NOW: "2026-03-01T12:00", WEEKLY_PREVIEW: undefined, WEEKLY_SERVE_HOST: undefined, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (chunk) => (log += chunk));
  server.stderr.on("data", (chunk) => (log += chunk));
  try {
    for (let wait = 0; !/Server at /.test(log); wait++) {
      if (wait > 600 || server.exitCode !== null) throw new Error(`eleventy --serve did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await check(port, () => log);
  } finally {
    await stopPreview(server);
    removeOutput(output);
    removeOutput(site);
  }
}

describe("npx eleventy --serve", () => {
  test("listens on 127.0.0.1 only; paths that cannot be decoded or leave the site get 400 at once, and nothing is left unhandled", { timeout: 180_000 }, async () => {
    await withServer({}, async (port, log) => {
      assert.deepEqual(listeningAddresses(port), ["127.0.0.1"]);
      assert.equal(await statusOf(port, "/"), 200);
      for (const path of ["/..%2f..%2fetc%2fpasswd", "/%E0%A4%A", "/%2e%2e/", "/posts/%2e%2e/%2e%2e/.weekly/outputs.json"]) {
        assert.equal(await statusOf(port, path), 400, path);
      }
      assert.equal(await statusOf(port, "/no-such-page/"), 404);
      // A page of another site whose name it rebound to 127.0.0.1 asks under that name: refused.
      for (const path of ["/", "/.weekly/outputs.json"]) assert.equal(await statusOf(port, path, { host: `rebound.example:${port}` }), 421, path);
      assert.equal(await statusOf(port, "/", { host: `localhost:${port}` }), 200);
      // Live reload sends each rebuilt page's HTML: only to the preview's own pages.
      assert.equal(await socketFate(port, { host: `localhost:${port}`, origin: "https://evil.example" }), "closed");
      assert.equal(await socketFate(port, { host: `localhost:${port}`, origin: `http://localhost:${port}` }), "open");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.doesNotMatch(log(), /unhandled|rejection|URIError|Invalid path/i, log());
    });
  });

  test("WEEKLY_SERVE_HOST=0.0.0.0 opens it to every IPv4 address", { timeout: 180_000 }, async () => {
    await withServer({ WEEKLY_SERVE_HOST: "0.0.0.0" }, async (port) => {
      assert.deepEqual(listeningAddresses(port), ["0.0.0.0"]);
      assert.equal(await statusOf(port, "/"), 200);
      assert.equal(await statusOf(port, "/", { host: `weekly.lan:${port}` }), 200);
    });
  });
});
