// Which addresses a digest redirect may lead to (src/digest/netAddresses.ts): every address put in its
// kind, IPv4 and IPv6 and the IPv6 forms that reach an IPv4 address, then the decision for a
// redirect given the address of the source its author listed. Pure: no address is connected to.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { classifyAddress, describeAddress, refusedRedirect, type AddressKind } from "../src/digest/netAddresses.js";

describe("classifyAddress", () => {
  const cases: Array<[string, AddressKind, string?]> = [
    ["127.0.0.1", "loopback", "127.0.0.0/8"],
    ["127.255.3.4", "loopback", "127.0.0.0/8"],
    ["::1", "loopback", "::1/128"],
    ["[::1]", "loopback", "::1/128"],
    ["::ffff:127.0.0.1", "loopback", "127.0.0.0/8 within ::ffff:127.0.0.1"],
    ["::ffff:7f00:1", "loopback", "127.0.0.0/8 within ::ffff:7f00:1"],
    ["::127.0.0.1", "loopback", "127.0.0.0/8 within ::127.0.0.1"],
    ["64:ff9b::a00:1", "private", "10.0.0.0/8 within 64:ff9b::a00:1"],
    ["2002:a9fe:a9fe::1", "metadata", "169.254.169.254/32 within 2002:a9fe:a9fe::1"],
    ["0.0.0.0", "unspecified", "0.0.0.0/8"],
    ["::", "unspecified", "::/128"],
    ["::ffff:0.0.0.0", "unspecified", "0.0.0.0/8 within ::ffff:0.0.0.0"],
    ["10.0.0.1", "private", "10.0.0.0/8"],
    ["172.16.0.1", "private", "172.16.0.0/12"],
    ["172.31.255.255", "private", "172.16.0.0/12"],
    ["192.168.1.1", "private", "192.168.0.0/16"],
    ["100.64.0.1", "private", "100.64.0.0/10"],
    ["100.127.255.254", "private", "100.64.0.0/10"],
    ["fd00::1", "private", "fc00::/7"],
    ["fc12:3456::1", "private", "fc00::/7"],
    ["169.254.169.254", "metadata", "169.254.169.254/32"],
    ["::ffff:169.254.169.254", "metadata", "169.254.169.254/32 within ::ffff:169.254.169.254"],
    ["fd00:ec2::254", "metadata", "fd00:ec2::254/128"],
    ["100.100.100.200", "metadata", "100.100.100.200/32"],
    ["169.254.1.1", "link-local", "169.254.0.0/16"],
    ["fe80::1", "link-local", "fe80::/10"],
    ["fe80::1%eth0", "link-local", "fe80::/10"],
    ["febf::1", "link-local", "fe80::/10"],
    ["224.0.0.1", "multicast or reserved", "224.0.0.0/4"],
    ["255.255.255.255", "multicast or reserved", "240.0.0.0/4"],
    ["ff02::1", "multicast or reserved", "ff00::/8"],
    // The edges of the ranges, just outside.
    ["172.32.0.1", "public"],
    ["172.15.255.255", "public"],
    ["100.128.0.1", "public"],
    ["100.63.255.255", "public"],
    ["11.0.0.1", "public"],
    ["128.0.0.1", "public"],
    ["fec0::1", "public"],
    ["203.0.113.5", "public"],
    ["2001:db8::1", "public"],
    ["::ffff:203.0.113.5", "public"],
  ];
  for (const [address, kind, range] of cases) {
    test(`classifyAddress(${JSON.stringify(address)}) → ${kind}${range ? ` (${range})` : ""}`, () => {
      const classified = classifyAddress(address)!;
      const { within, ...rest } = classified;
      assert.deepEqual({ ...rest, range: within === undefined ? rest.range : `${rest.range} within ${within}` }, { address, kind, range });
    });
  }
  for (const text of ["localhost", "example.org", "", "1.2.3", "::g"]) {
    test(`classifyAddress(${JSON.stringify(text)}) → not an address`, () => assert.equal(classifyAddress(text), undefined));
  }
});

describe("refusedRedirect", () => {
  // redirect's addresses, source's addresses, the address refused (undefined: allowed)
  const cases: Array<[string[], string[], string | undefined]> = [
    [["127.0.0.1"], ["203.0.113.5"], "127.0.0.1"],
    [["::ffff:127.0.0.1"], ["203.0.113.5"], "::ffff:127.0.0.1"],
    [["169.254.169.254"], ["203.0.113.5"], "169.254.169.254"],
    [["10.1.2.3"], ["2001:db8::1"], "10.1.2.3"],
    [["fd00::5"], ["203.0.113.5"], "fd00::5"],
    [["0.0.0.0"], ["203.0.113.5"], "0.0.0.0"],
    [["198.51.100.7", "127.0.0.1"], ["203.0.113.5"], "127.0.0.1"],
    [["198.51.100.7"], ["203.0.113.5"], undefined],
    [["198.51.100.7"], ["127.0.0.1"], undefined],
    // A source on an inward address may lead to addresses of its own kind, and no other.
    [["127.0.0.2"], ["127.0.0.1"], undefined],
    [["::1"], ["127.0.0.1"], undefined],
    [["10.9.9.9"], ["10.0.0.5"], undefined],
    [["fd00::5"], ["192.168.1.4"], undefined],
    [["10.0.0.1"], ["127.0.0.1"], "10.0.0.1"],
    [["169.254.169.254"], ["127.0.0.1"], "169.254.169.254"],
    [["169.254.169.254"], ["169.254.1.1"], "169.254.169.254"],
    [["127.0.0.1"], ["10.0.0.5"], "127.0.0.1"],
  ];
  for (const [target, source, refused] of cases) {
    test(`refusedRedirect(to ${target.join(", ")}, from a source on ${source.join(", ")}) → ${refused === undefined ? "allowed" : `refused: ${refused}`}`, () => {
      assert.equal(refusedRedirect(target, source)?.address.address, refused);
    });
  }
});

describe("describeAddress: an address, its kind and range, in both languages", () => {
  const cases: Array<[string, string, string]> = [
    ["10.0.0.1", "10.0.0.1, a private address (10.0.0.0/8)", "10.0.0.1，私有地址（10.0.0.0/8）"],
    ["203.0.113.5", "203.0.113.5, a public address", "203.0.113.5，公网地址"],
    ["::ffff:7f00:1", "::ffff:7f00:1, a loopback address (127.0.0.0/8 within ::ffff:7f00:1)", "::ffff:7f00:1，回环地址（127.0.0.0/8，经由 ::ffff:7f00:1）"],
    ["169.254.169.254", "169.254.169.254, a metadata address (169.254.169.254/32)", "169.254.169.254，云元数据地址（169.254.169.254/32）"],
  ];
  for (const [address, en, zh] of cases) test(`${address} → ${zh}`, () => assert.deepEqual(describeAddress(classifyAddress(address)!), { en, zh }));
});
