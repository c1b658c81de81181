// The digest's network client (src/digest/http.ts) against a local server that plays every remote
// party: good feeds, failing and slow servers, redirects, oversized and endless bodies, and the
// conditional requests and offline runs the response cache allows. Nothing reaches the internet.
import { inChinese, inEnglish } from "../src/core/show.js";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { DEFAULT_FETCH, fetchFeed, mapLimited, retryAfterMs, type FetchOptions, type FetchOutcome } from "../src/digest/http.js";

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Weekly</title></channel></rss>';
const RSS = "application/rss+xml; charset=utf-8";
const USER_AGENT = "weekly-digest/0.1 (+https://weekly.example.org)";
const FUTURE = "Wed, 21 Oct 2099 07:28:00 GMT";
const PAST = "Thu, 01 Jan 1970 00:00:00 GMT";

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Route[]>(); // a path's answers in turn, the last one repeated
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
const server = createServer((request, response) => {
  const path = request.url ?? "/";
  const answers = routes.get(path) ?? [answer(404)];
  const visit = seen.filter((earlier) => earlier.path === path).length;
  seen.push({ path, headers: request.headers });
  answers[Math.min(visit, answers.length - 1)]!(request, response);
});
let base = "";
let root = ""; // the tests' cache folders, each made fresh within it
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  root = await mkdtemp(join(tmpdir(), "digest-http-"));
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await rm(root, { recursive: true, force: true });
});
const freshCache = () => mkdtemp(join(root, "cache-"));

let paths = 0;
/** A new path answered in turn by these routes, and its full URL. */
function serve(...answers: Route[]): string {
  const path = `/feed-${++paths}.xml`;
  routes.set(path, answers);
  return base + path;
}
const requestsTo = (url: string) => seen.filter((request) => base + request.path === url).map((request) => request.headers);

function answer(status: number, headers: Record<string, string | number> = {}, body: string | Buffer = ""): Route {
  return (_request, response) => void response.writeHead(status, headers).end(body);
}
const feed = (headers: Record<string, string> = {}) => answer(200, { "content-type": RSS, ...headers }, FEED);

/** Options as the command sets them, with waits recorded instead of waited. */
function options(extra: Partial<FetchOptions> = {}): FetchOptions & { waits: number[] } {
  const waits: number[] = [];
  return { ...DEFAULT_FETCH, userAgent: USER_AGENT, cacheDir: undefined, offline: false, sleep: async (ms) => void waits.push(ms), ...extra, waits };
}

function good(outcome: FetchOutcome): Extract<FetchOutcome, { ok: true }> {
  assert.ok(outcome.ok, outcome.ok ? "" : `${outcome.kind}: ${inEnglish(outcome.reason)}`);
  return outcome;
}
/** An outcome as plain data for deepEqual: where a feed came from and its final URL, or why it did not. */
const failure = (outcome: FetchOutcome) => (outcome.ok ? { ok: true, from: outcome.from, url: outcome.url } : { kind: outcome.kind, reason: inEnglish(outcome.reason), attempts: outcome.attempts });
const text = (outcome: FetchOutcome) => new TextDecoder().decode(good(outcome).body);

describe("fetchFeed: answers", () => {
  test("a 200 gives its body and type, from the network, in one request with the User-Agent, Accept and Accept-Encoding", async () => {
    const url = serve(feed());
    const outcome = good(await fetchFeed(url, options()));
    assert.deepEqual([outcome.url, text(outcome), outcome.contentType, outcome.from, outcome.attempts], [url, FEED, RSS, "network", 1]);
    const accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
    assert.deepEqual(requestsTo(url).map((headers) => [headers["user-agent"], headers.accept, headers["accept-encoding"]]), [[USER_AGENT, accept, "gzip, deflate, br"]]);
  });

  for (const [encoding, encode] of [["gzip", gzipSync], ["br", brotliCompressSync], ["deflate", deflateSync]] as const) {
    test(`a ${encoding}-encoded body arrives decoded`, async () => {
      const url = serve(answer(200, { "content-type": RSS, "content-encoding": encoding }, encode(FEED)));
      assert.equal(text(await fetchFeed(url, options())), FEED);
    });
  }

  const urls: Array<[string, string]> = [
    ["ftp://example.org/feed.xml", "not an http or https URL: ftp://example.org/feed.xml"],
    ["file:///etc/passwd", "not an http or https URL: file:///etc/passwd"],
    ["javascript:alert(1)", "not an http or https URL: javascript:alert(1)"],
    ["example.org/feed.xml", 'not a URL: "example.org/feed.xml"'],
    ["", 'not a URL: ""'],
  ];
  for (const [url, reason] of urls) {
    test(`fetchFeed(${JSON.stringify(url)}) → refused, no request: ${reason}`, async () => {
      assert.deepEqual(failure(await fetchFeed(url, options())), { kind: "url", reason, attempts: 0 });
    });
  }
});

describe("fetchFeed: retries and the deadline", () => {
  // name, answers in turn, the reason of the failure ("ok": the feed came), the waits between attempts
  const cases: Array<[string, Route[], string, number[], number?]> = [
    ["a 404 is not retried", [answer(404)], "HTTP 404 Not Found", []],
    ["a 410 is not retried", [answer(410)], "HTTP 410 Gone", []],
    ["a 500 then a 200 succeeds on the 2nd attempt, after 500 ms", [answer(500), feed()], "ok", [500]],
    ["a 502 three times fails after waits of 500 ms and 1 s", [answer(502)], "HTTP 502 Bad Gateway", [500, 1000]],
    ["a 503 with Retry-After: 2 waits 2 s", [answer(503, { "retry-after": "2" }), feed()], "ok", [2000]],
    ["a 429 with a Retry-After date already past waits 0 ms", [answer(429, { "retry-after": PAST }), feed()], "ok", [0]],
    ["a 429 with a Retry-After that is not a date waits the backoff", [answer(429, { "retry-after": "soon" }), feed()], "ok", [500]],
    ["a 500's Retry-After is not honoured (only 429's and 503's)", [answer(500, { "retry-after": "9" }), feed()], "ok", [500]],
    ["a 429 whose Retry-After: 120 is past the 20 s timeout fails at once, saying so", [answer(429, { "retry-after": "120" })], "HTTP 429 Too Many Requests (Retry-After 120 s is past the 20 s timeout)", []],
    ["a 503 whose Retry-After date is past the timeout fails at once, saying so", [answer(503, { "retry-after": FUTURE })], `HTTP 503 Service Unavailable (Retry-After ${FUTURE} is past the 20 s timeout)`, []],
    ["a 500 whose backoff would pass a 300 ms timeout fails at once", [answer(500)], "HTTP 500 Internal Server Error", [], 300],
  ];
  for (const [name, answers, reason, waits, timeoutMs] of cases) {
    test(name, async () => {
      const url = serve(...answers);
      const chosen = options(timeoutMs === undefined ? {} : { timeoutMs });
      const attempts = waits.length + 1;
      assert.deepEqual(failure(await fetchFeed(url, chosen)), reason === "ok" ? { ok: true, from: "network", url } : { kind: "http", reason, attempts });
      assert.equal(requestsTo(url).length, attempts);
      assert.deepEqual(chosen.waits, waits);
    });
  }

  test("a refused connection is a network error, retried with backoff", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const chosen = options();
    const outcome = await fetchFeed(`http://127.0.0.1:${port}/feed.xml`, chosen);
    assert.deepEqual(failure(outcome), { kind: "network", reason: `network error: connect ECONNREFUSED 127.0.0.1:${port}`, attempts: 3 });
    assert.deepEqual(chosen.waits, [500, 1000]);
  });

  const slow: Array<[string, Route]> = [
    ["a server that never answers", () => {}],
    ["a server that sends its headers then stalls the body", (_request, response) => void response.writeHead(200, { "content-type": RSS }).write("<rss>")],
  ];
  for (const [name, route] of slow) {
    test(`${name} times out at the deadline`, { timeout: 10_000 }, async () => {
      const outcome = await fetchFeed(serve(route), options({ timeoutMs: 300 }));
      assert.deepEqual(failure(outcome), { kind: "timeout", reason: "timed out after 0.3 s", attempts: 1 });
    });
  }
});

describe("fetchFeed: redirects", () => {
  const STATUSES = [301, 302, 303, 307, 308];
  before(() => {
    // /hop/n redirects to /hop/n-1 (by every redirect status in turn, relative and absolute); /hop/0 is the feed.
    for (let n = 1; n <= 6; n++) routes.set(`/hop/${n}`, [answer(STATUSES[n % 5]!, { location: n % 2 ? `${base}/hop/${n - 1}` : `/hop/${n - 1}` })]);
    routes.set("/hop/0", [feed()]);
    routes.set("/loop", [answer(302, { location: "loop" })]);
    routes.set("/dir/start", [answer(301, { location: "../dir/moved.xml" })]);
    routes.set("/dir/moved.xml", [feed()]);
    routes.set("/away", [answer(302, { location: "ftp://example.org/feed.xml" })]);
    routes.set("/nowhere", [answer(302)]);
    routes.set("/garbled", [answer(307, { location: "http://[::1" })]);
  });

  const cases: Array<[string, string, () => object]> = [
    ["a chain of 5 redirects is followed to the feed, whose URL is given", "/hop/5", () => ({ ok: true, from: "network", url: `${base}/hop/0` })],
    ["a relative Location is resolved against the current URL", "/dir/start", () => ({ ok: true, from: "network", url: `${base}/dir/moved.xml` })],
    ["a chain of 6 redirects is refused", "/hop/6", () => ({ kind: "redirects", reason: `more than 5 redirects (the last to ${base}/hop/0)`, attempts: 1 })],
    ["a redirect loop is refused", "/loop", () => ({ kind: "redirects", reason: `more than 5 redirects (the last to ${base}/loop)`, attempts: 1 })],
    ["a redirect to an ftp: URL is refused", "/away", () => ({ kind: "redirects", reason: "redirected to a URL that is not http or https: ftp://example.org/feed.xml", attempts: 1 })],
    ["a redirect without a Location fails", "/nowhere", () => ({ kind: "http", reason: "HTTP 302 Found without a Location", attempts: 1 })],
    ["a redirect to a Location that is not a URL fails", "/garbled", () => ({ kind: "redirects", reason: 'HTTP 307 Temporary Redirect to "http://[::1", which is not a URL', attempts: 1 })],
  ];
  for (const [name, path, expected] of cases) {
    test(name, async () => assert.deepEqual(failure(await fetchFeed(base + path, options())), expected()));
  }
});

describe("fetchFeed: a redirect never leads inward, checked on the resolved address before connecting", () => {
  // The tests' stand-in for the internet: names resolve through this table only (never the
  // system's resolver), and every address but 127.0.0.1 is dialled at the local server, so no
  // packet leaves the machine even if a check were missing. `dialled` records what was asked for.
  const NAMES: Record<string, string[]> = {
    "public.example": ["203.0.113.5"],
    "elsewhere.example": ["198.51.100.7"],
    "internal.example": ["127.0.0.1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "metadata.example": ["169.254.169.254"],
    "mixed.example": ["198.51.100.7", "10.1.2.3"],
  };
  let port = "";
  const network = () => {
    const resolved: string[] = [];
    const dialled: string[] = [];
    return {
      resolved,
      dialled,
      resolve: async (host: string) => (resolved.push(host), NAMES[host] ?? Promise.reject(new Error(`getaddrinfo ENOTFOUND ${host}`))),
      connectTo: (address: string) => (dialled.push(address), "127.0.0.1"),
    };
  };
  before(() => {
    port = new URL(base).port;
    routes.set("/internal", [feed()]);
    routes.set("/to/loopback", [answer(302, { location: `http://127.0.0.1:${port}/internal` })]);
    routes.set("/to/internal-name", [answer(301, { location: `http://internal.example:${port}/internal` })]);
    routes.set("/to/mapped-literal", [answer(307, { location: `http://[::ffff:127.0.0.1]:${port}/internal` })]);
    routes.set("/to/mapped-name", [answer(308, { location: `http://mapped.example:${port}/internal` })]);
    routes.set("/to/private", [answer(302, { location: "http://10.0.0.1/latest" })]);
    routes.set("/to/metadata", [answer(302, { location: "http://metadata.example/latest/meta-data/" })]);
    routes.set("/to/metadata-literal", [answer(303, { location: "http://169.254.169.254/latest/meta-data/iam/" })]);
    routes.set("/to/mixed", [answer(302, { location: `http://mixed.example:${port}/internal` })]);
    routes.set("/to/public", [answer(302, { location: `http://elsewhere.example:${port}/internal` })]);
    routes.set("/hop/public-then-loopback", [answer(302, { location: `http://elsewhere.example:${port}/to/loopback` })]);
  });
  const PUBLIC = "the source's feed is on 203.0.113.5, a public address";
  const LOOPBACK = "the source's feed is on 127.0.0.1, a loopback address (127.0.0.0/8)";
  const RULE = "a redirect may lead only to a public address or to the kind of address its source is on";

  // from (the source's host), path, the outcome, the addresses dialled
  const cases: Array<[string, string, () => object, string[]]> = [
    ["public.example", "/to/loopback", () => ({ kind: "inward", reason: `refused the redirect to http://127.0.0.1:${port}/internal: 127.0.0.1, a loopback address (127.0.0.0/8), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/to/internal-name", () => ({ kind: "inward", reason: `refused the redirect to http://internal.example:${port}/internal: internal.example is at 127.0.0.1, a loopback address (127.0.0.0/8), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/to/mapped-literal", () => ({ kind: "inward", reason: `refused the redirect to http://[::ffff:7f00:1]:${port}/internal: ::ffff:7f00:1, a loopback address (127.0.0.0/8 within ::ffff:7f00:1), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/to/mapped-name", () => ({ kind: "inward", reason: `refused the redirect to http://mapped.example:${port}/internal: mapped.example is at ::ffff:127.0.0.1, a loopback address (127.0.0.0/8 within ::ffff:127.0.0.1), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/to/metadata", () => ({ kind: "inward", reason: `refused the redirect to http://metadata.example/latest/meta-data/: metadata.example is at 169.254.169.254, a metadata address (169.254.169.254/32), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/to/mixed", () => ({ kind: "inward", reason: `refused the redirect to http://mixed.example:${port}/internal: mixed.example is at 10.1.2.3, a private address (10.0.0.0/8), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5"]],
    ["public.example", "/hop/public-then-loopback", () => ({ kind: "inward", reason: `refused the redirect to http://127.0.0.1:${port}/internal: 127.0.0.1, a loopback address (127.0.0.0/8), and ${PUBLIC}; ${RULE}`, attempts: 1 }), ["203.0.113.5", "198.51.100.7"]],
    ["public.example", "/to/public", () => ({ ok: true, from: "network", url: `http://elsewhere.example:${port}/internal` }), ["203.0.113.5", "198.51.100.7"]],
    // A source on this machine may lead to another of its ports, and nowhere else inward.
    ["127.0.0.1", "/to/internal-name", () => ({ ok: true, from: "network", url: `http://internal.example:${port}/internal` }), ["127.0.0.1", "127.0.0.1"]],
    ["127.0.0.1", "/to/private", () => ({ kind: "inward", reason: `refused the redirect to http://10.0.0.1/latest: 10.0.0.1, a private address (10.0.0.0/8), and ${LOOPBACK}; ${RULE}`, attempts: 1 }), ["127.0.0.1"]],
    ["127.0.0.1", "/to/metadata-literal", () => ({ kind: "inward", reason: `refused the redirect to http://169.254.169.254/latest/meta-data/iam/: 169.254.169.254, a metadata address (169.254.169.254/32), and ${LOOPBACK}; ${RULE}`, attempts: 1 }), ["127.0.0.1"]],
  ];
  for (const [from, path, expected, dialled] of cases) {
    test(`a source on ${from} answering ${path}: ${"kind" in expected() ? "refused before connecting" : "followed"}`, async () => {
      const net = network();
      const before = seen.length;
      const outcome = await fetchFeed(`http://${from}:${port}${path}`, options(net));
      assert.deepEqual(failure(outcome), expected());
      assert.deepEqual(net.dialled, dialled);
      if ("kind" in expected()) assert.deepEqual(seen.slice(before).map((r) => r.path).filter((p) => p === "/internal"), []);
    });
  }

  test("the refusal in Chinese names the same addresses and the rule", async () => {
    const outcome = await fetchFeed(`http://127.0.0.1:${port}/to/private`, options(network()));
    assert.equal(
      outcome.ok ? undefined : inChinese(outcome.reason),
      "拒绝了到 http://10.0.0.1/latest 的重定向：10.0.0.1，私有地址（10.0.0.0/8），而这个来源的订阅源在 127.0.0.1，回环地址（127.0.0.0/8）；重定向只能通向公网地址，或与来源同一类的地址",
    );
  });

  test("a host is resolved once per hop through the resolver passed in, and the connection goes to the address it gave", async () => {
    const answers = [["127.0.0.1"], ["10.0.0.1"]]; // a second lookup would rebind the name inward
    const resolved: string[] = [];
    const dialled: string[] = [];
    const outcome = await fetchFeed(`http://rebind.example:${port}/internal`, options({
      resolve: async (host) => (resolved.push(host), answers[resolved.length - 1]!),
      connectTo: (address) => (dialled.push(address), address === "127.0.0.1" ? address : "127.0.0.1"),
    }));
    assert.deepEqual(failure(outcome), { ok: true, from: "network", url: `http://rebind.example:${port}/internal` });
    assert.deepEqual([resolved, dialled], [["rebind.example"], ["127.0.0.1"]]);
    assert.equal(seen.at(-1)?.headers.host, `rebind.example:${port}`);
  });

  test("a name the resolver does not know is a network error naming it, retried", async () => {
    const net = network();
    const outcome = await fetchFeed(`http://nowhere.example:${port}/internal`, options(net));
    assert.deepEqual(failure(outcome), { kind: "network", reason: "network error: getaddrinfo ENOTFOUND nowhere.example", attempts: 3 });
    assert.deepEqual(net.dialled, []);
  });
});

describe("fetchFeed: the size limit, counted on decoded bytes as they stream", () => {
  const big = "x".repeat(5000);
  const chunked: Route = (_request, response) => {
    for (let i = 0; i < 5; i++) response.write(big.slice(0, 1000)); // no Content-Length: chunked
    response.end();
  };
  const cases: Array<[string, Route, string]> = [
    ["a Content-Length over maxBytes fails before reading", answer(200, { "content-length": 5000 }, big), "larger than 999 bytes (Content-Length 5000)"],
    ["a chunked body over maxBytes fails", chunked, "larger than 999 bytes"],
    ["a small gzip body that decodes past maxBytes fails", answer(200, { "content-encoding": "gzip" }, gzipSync(Buffer.alloc(100_000))), "larger than 999 bytes"],
  ];
  for (const [name, route, reason] of cases) {
    test(name, async () => {
      assert.deepEqual(failure(await fetchFeed(serve(route), options({ maxBytes: 999 }))), { kind: "too-large", reason, attempts: 1 });
    });
  }

  test("a body of exactly maxBytes is accepted", async () => {
    assert.equal(good(await fetchFeed(serve(answer(200, {}, big.slice(0, 999))), options({ maxBytes: 999 }))).body.byteLength, 999);
  });

  test("an endless response is cut off at maxBytes and its connection closed", { timeout: 10_000 }, async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const endless: Route = (_request, response) => {
      const pump = () => {
        while (!response.destroyed && response.write(Buffer.alloc(16 * 1024, 0x61)));
        if (!response.destroyed) response.once("drain", pump);
      };
      response.writeHead(200, { "content-type": RSS }).on("close", stop);
      pump();
    };
    const outcome = await fetchFeed(serve(endless), options({ maxBytes: 64_000 }));
    assert.deepEqual(failure(outcome), { kind: "too-large", reason: "larger than 64 KB", attempts: 1 });
    await stopped; // the connection is closed, so the server stops writing: nothing more is read
  });
});

describe("fetchFeed: the cache of last good responses", () => {
  const validators = { etag: '"v1"', "last-modified": "Mon, 02 Feb 2026 08:00:00 GMT" };
  const notModified = answer(304, { etag: '"v2"' });
  const conditionals = (headers: IncomingHttpHeaders | undefined) => [headers?.["if-none-match"], headers?.["if-modified-since"]];
  const NOTHING_OFFLINE = { kind: "offline", reason: "no cached response to work from offline", attempts: 0 };

  test("ETag and Last-Modified are sent back, and a 304 answers from the cached body", async () => {
    const cacheDir = await freshCache();
    const url = serve(feed(validators), notModified);
    await good(await fetchFeed(url, options({ cacheDir }))).remember();
    const second = good(await fetchFeed(url, options({ cacheDir })));
    assert.deepEqual([text(second), second.contentType, second.from, second.url], [FEED, RSS, "not-modified", url]);
    assert.deepEqual(requestsTo(url).map(conditionals), [[undefined, undefined], ['"v1"', validators["last-modified"]]]);
    await second.remember(); // the 304's newer ETag is kept with the body
    good(await fetchFeed(url, options({ cacheDir })));
    assert.deepEqual(conditionals(requestsTo(url)[2]), ['"v2"', validators["last-modified"]]);
    assert.equal((await readdir(cacheDir)).filter((name) => !name.endsWith(".feed")).length, 0, "no partial file left");
  });

  test("without remember() nothing is kept", async () => {
    const cacheDir = await freshCache();
    const url = serve(feed(validators));
    good(await fetchFeed(url, options({ cacheDir })));
    good(await fetchFeed(url, options({ cacheDir })));
    assert.deepEqual(await readdir(cacheDir), []);
    assert.deepEqual(conditionals(requestsTo(url)[1]), [undefined, undefined]);
  });

  test("a response not remembered (not a feed) never replaces the last good one", async () => {
    const cacheDir = await freshCache();
    const url = serve(feed(), answer(200, { "content-type": "text/html" }, "<html>maintenance</html>"));
    await good(await fetchFeed(url, options({ cacheDir }))).remember();
    assert.equal(text(await fetchFeed(url, options({ cacheDir }))), "<html>maintenance</html>");
    const offline = good(await fetchFeed(url, options({ cacheDir, offline: true })));
    assert.deepEqual([text(offline), offline.contentType, offline.from], [FEED, RSS, "cache"]);
  });

  const damages: Array<[string, (bytes: Buffer) => Buffer | string]> = [
    ["cut short", (bytes) => bytes.subarray(0, bytes.length - 10)],
    ["cut within its first line", (bytes) => bytes.subarray(0, 20)],
    ["with a byte of its body changed", (bytes) => Buffer.concat([bytes.subarray(0, -1), Buffer.from("!")])],
    ["that is not JSON at all", () => "garbage\n<rss/>"],
    ["that is empty", () => ""],
  ];
  for (const [damage, change] of damages) {
    test(`a cache entry ${damage} is ignored: no conditional request, nothing offline`, async () => {
      const cacheDir = await freshCache();
      const url = serve(feed(validators));
      await good(await fetchFeed(url, options({ cacheDir }))).remember();
      const [file] = await readdir(cacheDir);
      await writeFile(join(cacheDir, file!), change(await readFile(join(cacheDir, file!))));
      assert.deepEqual(failure(await fetchFeed(url, options({ cacheDir, offline: true }))), NOTHING_OFFLINE);
      assert.equal(good(await fetchFeed(url, options({ cacheDir }))).from, "network");
      assert.deepEqual(conditionals(requestsTo(url)[1]), [undefined, undefined]);
    });
  }

  test("offline, a cached feed is answered without any request, with its final URL", async () => {
    const cacheDir = await freshCache();
    const moved = serve(feed());
    const url = serve(answer(301, { location: moved }));
    await good(await fetchFeed(url, options({ cacheDir }))).remember();
    const requests = seen.length;
    const offline = good(await fetchFeed(url, options({ cacheDir, offline: true })));
    assert.deepEqual([text(offline), offline.url, offline.from, offline.attempts, seen.length], [FEED, moved, "cache", 0, requests]);
  });

  for (const empty of [true, false]) {
    test(`offline with ${empty ? "an empty cache folder" : "no cache folder"}: no request, and says why`, async () => {
      const url = serve(feed());
      const outcome = await fetchFeed(url, options({ cacheDir: empty ? await freshCache() : undefined, offline: true }));
      assert.deepEqual(failure(outcome), NOTHING_OFFLINE);
      assert.equal(requestsTo(url).length, 0);
    });
  }
});

describe("retryAfterMs", () => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  const cases: Array<[string | null, number | undefined]> = [
    ["120", 120_000], [" 3 ", 3000], ["0", 0], // whole seconds
    ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000], ["Wednesday, 21-Oct-15 07:29:00 GMT", 60_000], ["Wed Oct 21 07:28:01 2015", 1000], [PAST, 0],
    ["1.5", undefined], ["-1", undefined], ["soon", undefined], ["", undefined], [null, undefined], // Date.parse takes the first two
  ];
  for (const [header, ms] of cases) {
    test(`retryAfterMs(${JSON.stringify(header)}) → ${ms ?? "none"}`, () => assert.equal(retryAfterMs(header, now), ms));
  }
});

describe("mapLimited", () => {
  for (const [count, limit] of [[10, 3], [10, 1], [2, 5], [0, 4]] as const) {
    test(`mapLimited(${count} items, limit ${limit}) runs at most ${Math.min(count, limit)} at once, results in input order`, async () => {
      let running = 0;
      let most = 0;
      const items = Array.from({ length: count }, (_, i) => i);
      const results = await mapLimited(items, limit, async (item, index) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, (count - item) * 2)); // later items finish first
        running--;
        return `${item}@${index}`;
      });
      assert.deepEqual(results, items.map((i) => `${i}@${i}`));
      assert.equal(most, Math.min(count, limit));
    });
  }

  test("a failing task rejects the whole, and no task starts after it, even where one was running beside it", async () => {
    const started: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const run = mapLimited([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error("source 1 broke");
      await released; // item 0 is still running when item 1 fails
    });
    await assert.rejects(run, { message: "source 1 broke" });
    release();
    await new Promise((resolve) => setImmediate(resolve)); // item 0's worker has finished and looked for more
    assert.deepEqual(started, [0, 1]);
  });

  test("a limit below 1 is refused", async () => {
    await assert.rejects(mapLimited([1], 0, async (item) => item), { message: "mapLimited: limit must be a whole number of at least 1; received 0" });
  });
});
