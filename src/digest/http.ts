// The digest's network client: one feed's bytes fetched within one deadline (retries, redirects
// and waits included), asked for again with the validators of its last good response
// (feedCache.ts), or answered from that response alone offline. Every hop's host is resolved
// here, its addresses checked (netAddresses.ts) and the connection made to those (request.ts).
import { lookup } from "node:dns/promises";
import { STATUS_CODES } from "node:http";
import { isIP } from "node:net";
import { describeAddress, refusedRedirect } from "./netAddresses.js";
import { REASONS, seconds } from "./fetchReasons.js";
import type { Said } from "../core/show.js";
import { readEntry, writeEntry, type CacheEntry } from "./feedCache.js";
import { hostOf, send, type Answer, type Resolve } from "./request.js";

/** Feeds first (RSS, Atom, JSON Feed), then any XML or JSON, then whatever the server has. */
const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
/** The three codings request.ts decodes, offered over http and https alike. */
const ACCEPT_ENCODING = "gzip, deflate, br";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The answers that may say when to come back (RFC 9110 §10.2.3). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);
/** The first wait between attempts, doubled for each one after: 500 ms, 1 s, 2 s… */
const FIRST_BACKOFF_MS = 500;
const SECONDS_RE = /^\d+$/;
/** The three forms of an HTTP date start with the day's name; Date.parse alone takes "1.5" for a date. */
const HTTP_DATE_RE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/;
/** Sizes in decimal units, as people say them: a 20 MB feed is 20 000 000 bytes. */
const [KB, MB] = [1000, 1000 * 1000];

export interface FetchOptions {
  /** The whole budget of one source, retries and waits included (default 20 000 ms, `--timeout`). */
  timeoutMs: number;
  /** Attempts after the first on a network error, a 5xx or a 429 (default 2). */
  retries: number;
  /** e.g. `weekly-digest/0.1 (+https://weekly.example.org)`: names the tool and the site. */
  userAgent: string;
  /** Largest body accepted, counted on the decompressed bytes as they stream (default 20 MB). */
  maxBytes: number;
  /** At most this many redirects followed (default 5). */
  maxRedirects: number;
  /** Folder of the response cache (absolute), or undefined for none. */
  cacheDir: string | undefined;
  /** Answer from the cache only, never the network. */
  offline: boolean;
  /** Waits between attempts; injectable so tests need not wait (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** A host name's addresses, checked and then connected to (default: the system's resolver). */
  resolve?: Resolve;
  /** Where a checked address is connected to (default: itself); tests send public-looking ones to 127.0.0.1. */
  connectTo?: (address: string) => string;
}

/** Every address the system's resolver gives, in its order, so that the one connected to was checked. */
const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export const DEFAULT_FETCH: Omit<FetchOptions, "userAgent" | "cacheDir" | "offline"> = {
  timeoutMs: 20_000, // one slow source must not hold up the whole digest
  retries: 2,
  maxBytes: 20 * MB, // far above a week of any feed; a bound on a server that never stops
  maxRedirects: 5, // a feed that moved once or twice; more is a loop or a misconfiguration
};

export type FetchFailureKind = "http" | "timeout" | "network" | "too-large" | "redirects" | "inward" | "offline" | "url";

export type FetchOutcome =
  | {
      ok: true;
      /** The final URL, after redirects (the cached one's when answered from the cache). */
      url: string;
      body: Uint8Array;
      contentType: string | undefined;
      from: "network" | "not-modified" | "cache";
      attempts: number;
      /** Stores this response as the source's last good one (call it once the body parsed as a feed). */
      remember(): Promise<void>;
    }
  | { ok: false; reason: Said; kind: FetchFailureKind; attempts: number };

type Failure = Extract<FetchOutcome, { ok: false }>;

/** What one request led to: an outcome, the next URL, or a failure worth another attempt. */
type Step =
  | { step: "done"; outcome: FetchOutcome }
  | { step: "redirect"; to: URL }
  | { step: "retry"; failure: Failure; retryAfter?: { ms: number; shown: string } };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const start = checkUrl(url);
  if (!(start instanceof URL)) return { ok: false, kind: "url", reason: start, attempts: 0 };
  const cached = options.cacheDir === undefined ? undefined : await readEntry(options.cacheDir, start.href);
  if (options.offline) {
    if (!cached) return { ok: false, kind: "offline", reason: REASONS.offline, attempts: 0 };
    return { ok: true, url: cached.finalUrl, body: cached.body, contentType: cached.contentType, from: "cache", attempts: 0, remember: async () => {} };
  }
  const sleep = options.sleep ?? realSleep;
  const deadline = performance.now() + options.timeoutMs;
  // One signal for every request and body of this source, so that a server that stalls anywhere
  // (before its headers, or halfway through its body) costs at most the timeout.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const timedOut = (attempts: number): Failure => ({ ok: false, kind: "timeout", reason: REASONS.timedOut(options.timeoutMs), attempts });
  try {
    let current = start;
    let redirects = 0;
    /** The addresses of the feed URL the author listed: the redirects' allowance. */
    let source: string[] = [];
    for (let attempts = 1; ; ) {
      const addresses = await addressesOf(current, options.resolve ?? systemResolve, controller.signal);
      if (redirects === 0 && Array.isArray(addresses)) source = addresses;
      const refused = redirects > 0 && Array.isArray(addresses) ? refusal(current, addresses, source) : undefined;
      if (refused !== undefined) return { ok: false, kind: "inward", reason: refused, attempts };
      const step = Array.isArray(addresses) ? await exchange(current, addresses, start.href, cached, options, controller.signal, attempts) : networkError(addresses, attempts);
      // An answer stands even if the deadline passes just after; anything else is the deadline's doing.
      if (step.step === "done") return step.outcome;
      if (controller.signal.aborted) return timedOut(attempts);
      if (step.step === "redirect") {
        if (++redirects > options.maxRedirects) {
          return { ok: false, kind: "redirects", reason: REASONS.tooManyRedirects(options.maxRedirects, step.to.href), attempts };
        }
        current = step.to;
        continue;
      }
      if (attempts > options.retries) return step.failure;
      const wait = step.retryAfter?.ms ?? FIRST_BACKOFF_MS * 2 ** (attempts - 1);
      // A wait that ends past the deadline only postpones the same failure: said at once.
      if (performance.now() + wait >= deadline) {
        if (!step.retryAfter) return step.failure;
        return { ...step.failure, reason: REASONS.retryAfterPast(step.failure.reason, step.retryAfter.shown, options.timeoutMs) };
      }
      await sleep(wait);
      if (controller.signal.aborted) return timedOut(attempts);
      attempts += 1;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** The addresses of a URL's host: itself when it is one, else what the resolver gives (an error when none). */
async function addressesOf(url: URL, resolve: Resolve, signal: AbortSignal): Promise<string[] | Error> {
  const host = hostOf(url);
  if (isIP(host) !== 0) return [host];
  // A resolver cannot be stopped, but the deadline need not wait for it.
  const aborted = new Promise<Error>((resolve) => signal.addEventListener("abort", () => resolve(new Error("aborted")), { once: true }));
  const found = await Promise.race([resolve(host), aborted]).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (found instanceof Error || found.length > 0) return found;
  return new Error(`${host} has no address`);
}

/** Why a redirect to these addresses is refused, in words naming them and the source's, or undefined. */
function refusal(url: URL, addresses: readonly string[], source: readonly string[]): Said | undefined {
  const refused = refusedRedirect(addresses, source);
  if (refused === undefined) return undefined;
  const host = hostOf(url);
  return REASONS.refusedRedirect(url.href, isIP(host) !== 0 ? undefined : host, describeAddress(refused.address), describeAddress(refused.source));
}

/** One request and, if it is the answer, its body. */
async function exchange(url: URL, addresses: readonly string[], key: string, cached: CacheEntry | undefined, options: FetchOptions, signal: AbortSignal, attempts: number): Promise<Step> {
  const fail = (kind: FetchFailureKind, reason: Said): Step => ({ step: "done", outcome: { ok: false, kind, reason, attempts } });
  const headers: Record<string, string> = { "User-Agent": options.userAgent, Accept: ACCEPT, "Accept-Encoding": ACCEPT_ENCODING };
  if (cached?.etag !== undefined) headers["If-None-Match"] = cached.etag;
  if (cached?.lastModified !== undefined) headers["If-Modified-Since"] = cached.lastModified;
  const response = await send(url, headers, { addresses, connectTo: options.connectTo }, signal).catch((error: unknown) => networkError(error, attempts));
  if ("step" in response) return response;
  const { status } = response;
  const header = (name: string) => one(response.headers[name]);
  const validators = { etag: header("etag"), lastModified: header("last-modified") };
  if (status < 200 || status >= 300) response.close();
  if (REDIRECTS.has(status)) {
    const location = header("location") ?? null;
    if (location === null) return fail("http", REASONS.withoutLocation(statusLine(response)));
    const to = URL.canParse(location, url.href) ? new URL(location, url) : undefined;
    if (!to) return fail("redirects", REASONS.locationNotUrl(statusLine(response), location));
    if (to.protocol !== "http:" && to.protocol !== "https:") return fail("redirects", REASONS.redirectNotHttp(to.href));
    return { step: "redirect", to };
  }
  if (status === 304) {
    if (!cached) return fail("http", REASONS.notModifiedUncached(statusLine(response)));
    // A 304 may carry newer validators (RFC 9111 §4.3.4): kept with the cached body.
    const refreshed: CacheEntry = { ...cached, finalUrl: url.href, etag: validators.etag ?? cached.etag, lastModified: validators.lastModified ?? cached.lastModified };
    const remember = () => writeEntry(options.cacheDir!, refreshed);
    return { step: "done", outcome: { ok: true, url: url.href, body: cached.body, contentType: cached.contentType, from: "not-modified", attempts, remember } };
  }
  if (status >= 500 || status === 429) {
    const failure: Failure = { ok: false, kind: "http", reason: statusLine(response), attempts };
    const retryAfter = header("retry-after") ?? null;
    const ms = RETRY_AFTER_STATUSES.has(status) ? retryAfterMs(retryAfter, Date.now()) : undefined;
    if (ms === undefined || retryAfter === null) return { step: "retry", failure };
    return { step: "retry", failure, retryAfter: { ms, shown: SECONDS_RE.test(retryAfter.trim()) ? seconds(ms) : retryAfter.trim() } };
  }
  if (status < 200 || status >= 300) return fail("http", statusLine(response));
  const length = Number(header("content-length") ?? Number.NaN);
  if (length > options.maxBytes) {
    response.close();
    return fail("too-large", REASONS.tooLarge(options.maxBytes, length));
  }
  const body = await readBody(response, options.maxBytes).catch((error: unknown) => networkError(error, attempts));
  if (body === "too-large") return fail("too-large", REASONS.tooLarge(options.maxBytes));
  if (!(body instanceof Uint8Array)) return body;
  const contentType = header("content-type");
  const entry: CacheEntry = { url: key, finalUrl: url.href, ...validators, contentType, body };
  const remember = async () => (options.cacheDir === undefined ? undefined : writeEntry(options.cacheDir, entry));
  return { step: "done", outcome: { ok: true, url: url.href, body, contentType, from: "network", attempts, remember } };
}

/**
 * The body, counted as it streams (after it is decoded), given up as soon as it passes
 * `maxBytes`: the rest is never read, so an endless or bomb-sized answer costs no more than that.
 */
async function readBody(response: Answer, maxBytes: number): Promise<Uint8Array | "too-large"> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.close(); // closes the connection; nothing to wait for
      return "too-large";
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** A header's one value (Node gives a list only for Set-Cookie). */
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A network error's own message (`connect ECONNREFUSED …`), under the wrapper some clients add. */
function networkError(error: unknown, attempts: number): Step {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return { step: "retry", failure: { ok: false, kind: "network", reason: REASONS.network(message.split("\n")[0]!), attempts } };
}

function checkUrl(url: string): URL | Said {
  if (!URL.canParse(url)) return REASONS.notUrl(url);
  const parsed = new URL(url);
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : REASONS.notHttp(parsed.href);
}

/** `HTTP 404 Not Found`: Node's reason phrase, the same whatever the server wrote after the code. */
function statusLine(response: Answer): string {
  const phrase = STATUS_CODES[response.status] ?? response.statusText;
  return phrase ? `HTTP ${response.status} ${phrase}` : `HTTP ${response.status}`;
}

/**
 * How long a Retry-After header asks to wait: whole seconds, or an HTTP date (RFC 9110 §10.2.3),
 * a date already past being no wait; undefined when absent or neither.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (SECONDS_RE.test(value)) return Number(value) * 1000;
  // asctime's form names no zone, and Date.parse would read it in the local one: it is GMT.
  const at = HTTP_DATE_RE.test(value) ? Date.parse(/GMT$/.test(value) ? value : `${value} GMT`) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Runs tasks with at most `limit` at once, results in input order; the first failure rejects. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`mapLimited: limit must be a whole number of at least 1; received ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      // After a failure the other workers start nothing more.
      results[index] = await task(items[index]!, index).catch((error: unknown) => ((failed = true), Promise.reject(error)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
