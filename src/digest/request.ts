// One HTTP request of the digest, over Node's http and https, connected only to the addresses the
// caller resolved and checked (so a name cannot resolve to one address for the check and another
// for the connection), its body decoded as it streams.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** A host name's addresses, as the system's resolver gives them (`dns.lookup`); passed in so tests resolve without the network. */
export type Resolve = (hostname: string) => Promise<string[]>;

export interface Answer {
  status: number;
  /** The server's reason phrase. */
  statusText: string;
  headers: IncomingHttpHeaders;
  /** The body, decoded (gzip, deflate, br). */
  body: Readable;
  /** Drops the connection without reading the rest. */
  close(): void;
}

export interface Connection {
  /** The checked addresses of `url`'s host (the host itself when it is an address). */
  addresses: readonly string[];
  /** Where a checked address is connected to: itself, unless a test stands in for the internet. */
  connectTo?: ((address: string) => string) | undefined;
}

/** A Map, not an object: a coding named `constructor` is a server's text, never a key of Object. */
const DECODERS = new Map<string, () => Transform>([
  ["gzip", createGunzip],
  ["x-gzip", createGunzip],
  ["deflate", createInflate],
  ["br", createBrotliDecompress],
]);

/** The host of a URL as Node's `net` takes it: `[::1]` → `::1`. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Sends a GET and gives the answer once its headers arrived; one fresh connection, never a pooled one. */
export function send(url: URL, headers: Record<string, string>, connection: Connection, signal: AbortSignal): Promise<Answer> {
  const pinned = connection.addresses.map((address) => {
    const to = connection.connectTo?.(address) ?? address;
    return { address: to, family: isIP(to) };
  });
  // Node asks for one address, or for all of them when it tries each family in turn.
  const lookup = ((_hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    const fitting = pinned.filter((p) => !options.family || p.family === options.family);
    if (fitting.length === 0) return callback(Object.assign(new Error(`no address of ${url.hostname} to connect to`), { code: "ENOTFOUND" }));
    if (options.all) callback(null, fitting);
    else callback(null, fitting[0]!.address, fitting[0]!.family);
  }) as LookupFunction;
  const host = hostOf(url);
  // An address in the URL is connected to without a lookup: a test's stand-in must still apply.
  const direct = isIP(host) !== 0 ? (pinned[0]?.address ?? host) : host;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send({
      protocol: url.protocol,
      host: direct,
      port: url.port === "" ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: { Host: url.host, ...headers },
      ...(url.protocol === "https:" && isIP(host) === 0 ? { servername: host } : {}),
      lookup,
      agent: false, // a pooled connection could lead to an address checked for another source
      signal,
    });
    request.on("error", reject);
    request.on("response", (response: IncomingMessage) => {
      const body = decoded(response);
      const close = () => void response.destroy();
      signal.addEventListener("abort", () => body.destroy(new Error("aborted")), { once: true });
      resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: response.headers, body, close });
    });
    request.end();
  });
}

/** The body with its content codings undone, last applied first; an unknown coding is left as it came. */
function decoded(response: IncomingMessage): Readable {
  const codings = (response.headers["content-encoding"] ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity");
  if (codings.length === 0 || codings.some((c) => !DECODERS.has(c))) return response;
  let stream: Readable = response;
  for (const coding of codings.reverse()) {
    const decoder = DECODERS.get(coding)!();
    const source = stream;
    source.on("error", (error) => decoder.destroy(error));
    stream = source.pipe(decoder);
    // Closing the decoded body closes the connection under it.
    stream.on("close", () => response.destroy());
  }
  return stream;
}
