// Where the digest may connect: every address a feed's URL or a redirect resolves to is put in a
// kind (public, loopback, private, link-local, metadata…), and a redirect may lead to an inward
// kind only from a source that is itself on that kind. Pure: the resolving is the caller's.
import type { Said } from "../core/show.js";
import { BlockList, isIP } from "node:net";

/** What an address reaches. Every kind but `public` is inside the machine or its networks. */
export type AddressKind = "public" | "loopback" | "unspecified" | "private" | "link-local" | "metadata" | "multicast or reserved";

/**
 * The inward ranges, most specific first (a metadata address is also link-local). Private holds
 * RFC 1918, carrier-grade NAT (RFC 6598, often a cloud's internal network) and IPv6 unique-local.
 */
const RANGES: ReadonlyArray<readonly [AddressKind, string]> = [
  // AWS, Azure, GCP and OpenStack's instance metadata; ECS task metadata; Alibaba's; AWS over IPv6.
  ["metadata", "169.254.169.254/32"],
  ["metadata", "169.254.170.2/32"],
  ["metadata", "100.100.100.200/32"],
  ["metadata", "fd00:ec2::254/128"],
  ["unspecified", "0.0.0.0/8"], // connecting to 0.0.0.0 reaches this machine
  ["unspecified", "::/128"],
  ["loopback", "127.0.0.0/8"],
  ["loopback", "::1/128"],
  ["private", "10.0.0.0/8"],
  ["private", "172.16.0.0/12"],
  ["private", "192.168.0.0/16"],
  ["private", "100.64.0.0/10"],
  ["private", "fc00::/7"],
  ["link-local", "169.254.0.0/16"],
  ["link-local", "fe80::/10"],
  ["multicast or reserved", "224.0.0.0/4"],
  ["multicast or reserved", "240.0.0.0/4"], // and 255.255.255.255
  ["multicast or reserved", "ff00::/8"],
];

const LISTS = RANGES.map(([kind, range]) => {
  const [network, bits] = range.split("/") as [string, string];
  const list = new BlockList();
  const family = isIP(network) === 4 ? "ipv4" : "ipv6";
  list.addSubnet(network, Number(bits), family);
  return { kind, range, family, list } as const;
});

/**
 * IPv6 forms that carry an IPv4 address in their last 32 bits and reach it: IPv4-mapped
 * (`::ffff:127.0.0.1`), NAT64 (`64:ff9b::/96`, RFC 6052) and the deprecated IPv4-compatible
 * (`::127.0.0.1`). 6to4 (`2002::/16`) carries it in bits 16 to 48.
 */
const EMBEDDING_PREFIXES = new Set(["0:0:0:0:0:ffff", "64:ff9b:0:0:0:0", "0:0:0:0:0:0"]);
const SIX_TO_FOUR = 0x2002;

export interface Classified {
  address: string;
  kind: AddressKind;
  /** The range that put it in its kind (`127.0.0.0/8`), or undefined for a public one. */
  range: string | undefined;
  /** The IPv6 address that carries it, when the kind is its embedded IPv4 address's. */
  within?: string;
}

/** The kind of one IP address (v4 or v6, with or without brackets or a zone). Not an IP address: undefined. */
export function classifyAddress(text: string): Classified | undefined {
  const address = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const family = isIP(address);
  if (family === 0) return undefined;
  const embedded = family === 6 ? embeddedIPv4(address) : undefined;
  if (embedded !== undefined) {
    const inner = classifyAddress(embedded)!;
    return { address: text, kind: inner.kind, range: inner.range, ...(inner.range === undefined ? {} : { within: address }) };
  }
  const match = LISTS.find((entry) => entry.family === (family === 4 ? "ipv4" : "ipv6") && entry.list.check(address, entry.family));
  return { address: text, kind: match?.kind ?? "public", range: match?.range };
}

/** The IPv4 address an IPv6 one reaches through, if any (`::ffff:7f00:1` → `127.0.0.1`). */
function embeddedIPv4(address: string): string | undefined {
  const groups = expandIPv6(address);
  const head = groups.slice(0, 6).map((group) => group.toString(16)).join(":");
  const compatible = head === "0:0:0:0:0:0";
  const tail = [groups[6]!, groups[7]!];
  // `::` and `::1` are IPv6's own unspecified and loopback, not IPv4-compatible addresses.
  if (compatible && tail[0] === 0 && tail[1]! <= 1) return undefined;
  if (EMBEDDING_PREFIXES.has(head)) return dotted(tail[0]!, tail[1]!);
  if (groups[0] === SIX_TO_FOUR) return dotted(groups[1]!, groups[2]!);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled and a dotted tail converted. */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = text.includes("::") ? (text.split("::") as [string, string]) : [text, undefined];
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const head = parse(left);
  if (right === undefined) return head;
  const tail = parse(right);
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

const dotted = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * Whether a redirect may lead to these addresses, given the addresses of the source's own feed
 * URL (the one its author listed). A public address is always allowed; an inward one only if the
 * source itself is on an address of the same kind: a feed served from this machine may send the
 * digest to another port of it, but not into the private network or to the cloud's metadata.
 * Returns the first address refused, with why, or undefined when every one is allowed.
 */
export function refusedRedirect(target: readonly string[], source: readonly string[]): { address: Classified; source: Classified } | undefined {
  const sourceKinds = source.map((address) => classifyAddress(address)).filter((c): c is Classified => c !== undefined);
  const allowed = new Set(sourceKinds.map((c) => c.kind));
  for (const text of target) {
    const address = classifyAddress(text);
    if (address === undefined) continue; // not an address: the connection fails on its own
    if (address.kind !== "public" && !allowed.has(address.kind)) return { address, source: sourceKinds[0] ?? { address: "?", kind: "public", range: undefined } };
  }
  return undefined;
}

/** Each kind's name in Chinese. */
const KIND_ZH: Record<AddressKind, string> = {
  public: "公网地址",
  loopback: "回环地址",
  unspecified: "未指定地址",
  private: "私有地址",
  "link-local": "链路本地地址",
  metadata: "云元数据地址",
  "multicast or reserved": "组播或保留地址",
};

/** `10.0.0.1, a private address (10.0.0.0/8)`; `203.0.113.5, a public address`; in Chinese `10.0.0.1，私有地址（10.0.0.0/8）`. */
export function describeAddress(address: Classified): Said {
  const article = /^[aeiou]/.test(address.kind) ? "an" : "a";
  const range = address.range === undefined ? undefined : { en: address.within === undefined ? address.range : `${address.range} within ${address.within}`, zh: address.within === undefined ? address.range : `${address.range}，经由 ${address.within}` };
  return {
    en: `${address.address}, ${article} ${address.kind} address${range === undefined ? "" : ` (${range.en})`}`,
    zh: `${address.address}，${KIND_ZH[address.kind]}${range === undefined ? "" : `（${range.zh}）`}`,
  };
}
