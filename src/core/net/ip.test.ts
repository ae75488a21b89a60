/**
 * IP parsing against Go's rules (golang/go@go1.26.5 src/net/netip/netip.go parseIPv4/parseIPv6, which
 * net.ParseIP uses; Kuma v2.14.3 builds with Go 1.26.5) and the text form against RFC 5952 §4.
 */
import { describe, expect, it } from "vitest";
import { ANY_ADDRESS, bits, inCidr, inPrefix, isLoopback, parseIp, type Ip } from "./ip.js";

const ip = (s: string): Ip => {
  const p = parseIp(s);
  if (!p) throw new Error(`test input ${s} does not parse`);
  return p;
};

describe("parseIp: IPv4 (netip.go parseIPv4)", () => {
  it("reads dotted quads into a 32-bit value", () => {
    expect(parseIp("10.1.2.3")).toEqual({ family: "ipv4", value: 0x0a010203n, text: "10.1.2.3" });
    expect(parseIp("0.0.0.0")?.value).toBe(0n);
    expect(parseIp("255.255.255.255")?.value).toBe(0xffffffffn);
  });
  it("rejects a leading zero (\"IPv4 field has octet with leading zero\"), but a lone 0 is fine", () => {
    expect(parseIp("010.0.0.1")).toBeUndefined();
    expect(parseIp("10.00.0.1")).toBeUndefined();
    expect(parseIp("10.0.0.0")).toBeDefined();
  });
  it("rejects octets over 255, too few or too many fields, empty fields", () => {
    for (const s of ["256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "", "1.2.3.-4", "1.2.3.4 "]) expect(parseIp(s), s).toBeUndefined();
  });
});

describe("parseIp: IPv6 (netip.go parseIPv6)", () => {
  it("expands :: to the missing zero groups", () => {
    expect(parseIp("::")?.value).toBe(0n);
    expect(parseIp("::1")?.value).toBe(1n);
    expect(parseIp("1::")?.value).toBe(1n << 112n);
    expect(parseIp("2001:db8::5")?.value).toBe(0x20010db8000000000000000000000005n);
  });
  it(":: may stand for a single zero group", () => {
    expect(parseIp("1:2:3:4:5:6:7::")?.value).toBe(0x00010002000300040005000600070000n);
    expect(parseIp("::1:2:3:4:5:6:7")?.value).toBe(0x00000001000200030004000500060007n);
  });
  it("rejects :: that expands to nothing (\"the :: must expand to at least one field of zeros\")", () => {
    expect(parseIp("1:2:3:4::5:6:7:8")).toBeUndefined();
    expect(parseIp("1:2:3:4:5:6:7:8::")).toBeUndefined();
  });
  it("rejects two ::, too few groups without ::, 5-digit groups, a dangling colon", () => {
    for (const s of ["1::2::3", "1:2:3:4:5:6:7", "12345::", "1:::2", ":1::", "1::2:", "::g"]) expect(parseIp(s), s).toBeUndefined();
  });
  it("takes an embedded IPv4 as the last two groups only", () => {
    expect(parseIp("::ffff:1.2.3.4")?.value).toBe(0xffff01020304n);
    expect(parseIp("::1.2.3.4")?.value).toBe(0x01020304n);
    expect(parseIp("1:2:3:4:5:6:1.2.3.4")?.value).toBe(0x0001000200030004000500060102_0304n);
    // "embedded IPv4 address must replace the final 2 fields of the address"
    expect(parseIp("1:2:3:4:5:1.2.3.4")).toBeUndefined();
    expect(parseIp("::1.2.3.4:5")).toBeUndefined();
    // The embedded IPv4 follows parseIPv4's rules too.
    expect(parseIp("::ffff:01.2.3.4")).toBeUndefined();
  });
  it("accepts upper-case hex and up to four digits with leading zeros", () => {
    expect(parseIp("0001:DB8::A")?.value).toBe(0x0001_0db8_0000_0000_0000_0000_0000_000an);
  });
  it("rejects zones (net.ParseIP returns nil for fe80::1%eth0)", () => {
    expect(parseIp("fe80::1%eth0")).toBeUndefined();
  });
  it("takes a bracketed IPv6 literal (URL host form)", () => {
    expect(parseIp("[::1]")).toEqual({ family: "ipv6", value: 1n, text: "::1" });
  });
  it("rejects non-addresses", () => {
    for (const s of ["example.com", "localhost", "1", ":", "[]", "[::1"]) expect(parseIp(s), s).toBeUndefined();
  });
});

describe("parseIp: IPv6 text form (RFC 5952 §4)", () => {
  it("lower-case hex, no leading zeros (§4.1, §4.3)", () => {
    expect(ip("2001:0DB8:0000:0000:0000:0000:0000:0001").text).toBe("2001:db8::1");
  });
  it("compresses the longest run of zero groups (§4.2.1, §4.2.3)", () => {
    expect(ip("2001:0:0:1:0:0:0:1").text).toBe("2001:0:0:1::1");
  });
  it("on equal runs, compresses the first (§4.2.3)", () => {
    expect(ip("2001:db8:0:0:1:0:0:1").text).toBe("2001:db8::1:0:0:1");
  });
  it("never uses :: for one zero group (§4.2.2)", () => {
    expect(ip("2001:db8:0:1:1:1:1:1").text).toBe("2001:db8:0:1:1:1:1:1");
    expect(ip("1:2:3:4:5:6:7::").text).toBe("1:2:3:4:5:6:7:0");
  });
  it("all zeros is ::, leading and trailing runs keep their colons", () => {
    expect(ip("0:0:0:0:0:0:0:0").text).toBe("::");
    expect(ip("0:0:0:0:0:0:0:1").text).toBe("::1");
    expect(ip("1:0:0:0:0:0:0:0").text).toBe("1::");
  });
  it("IPv4 keeps its dotted text", () => {
    expect(ip("192.0.2.1").text).toBe("192.0.2.1");
  });
});

describe("prefixes", () => {
  it("bits per family", () => {
    expect(bits("ipv4")).toBe(32);
    expect(bits("ipv6")).toBe(128);
  });
  it("inPrefix compares the first len bits", () => {
    expect(inPrefix(ip("10.1.2.3"), ip("10.0.0.0"), 8)).toBe(true);
    expect(inPrefix(ip("11.1.2.3"), ip("10.0.0.0"), 8)).toBe(false);
    expect(inPrefix(ip("10.1.2.3"), ip("10.1.2.3"), 32)).toBe(true);
    expect(inPrefix(ip("10.1.2.4"), ip("10.1.2.3"), 32)).toBe(false);
    // /0 holds every address of the family; /31 splits 10.0.0.0-1 from 10.0.0.2.
    expect(inPrefix(ip("203.0.113.9"), ip("0.0.0.0"), 0)).toBe(true);
    expect(inPrefix(ip("10.0.0.1"), ip("10.0.0.0"), 31)).toBe(true);
    expect(inPrefix(ip("10.0.0.2"), ip("10.0.0.0"), 31)).toBe(false);
    expect(inPrefix(ip("2001:db8::5"), ip("2001:db8::"), 32)).toBe(true);
    expect(inPrefix(ip("2001:db9::5"), ip("2001:db8::"), 32)).toBe(false);
  });
  it("inPrefix never matches across families or with an out-of-range length", () => {
    expect(inPrefix(ip("::"), ip("0.0.0.0"), 0)).toBe(false);
    expect(inPrefix(ip("0.0.0.0"), ip("::"), 0)).toBe(false);
    expect(inPrefix(ip("10.0.0.1"), ip("10.0.0.1"), 33)).toBe(false);
    expect(inPrefix(ip("10.0.0.1"), ip("10.0.0.1"), -1)).toBe(false);
  });
  it("inCidr takes an address (a /32 or /128) or address/len", () => {
    expect(inCidr(ip("8.8.8.8"), "8.8.8.8")).toBe(true);
    expect(inCidr(ip("8.8.8.9"), "8.8.8.8")).toBe(false);
    expect(inCidr(ip("8.8.8.8"), "8.0.0.0/8")).toBe(true);
    expect(inCidr(ip("9.8.8.8"), "8.0.0.0/8")).toBe(false);
    expect(inCidr(ip("2001:db8::1"), "2001:db8::/32")).toBe(true);
    expect(inCidr(ip("2001:db8::1"), "2001:db8::")).toBe(false);
    expect(inCidr(ip("8.8.8.8"), "::/0")).toBe(false);
  });
  it("inCidr rejects a mask that is out of range or not an integer, and a non-address", () => {
    expect(inCidr(ip("8.8.8.8"), "8.8.8.0/33")).toBe(false);
    expect(inCidr(ip("8.8.8.8"), "8.8.8.0/-1")).toBe(false);
    expect(inCidr(ip("8.8.8.8"), "8.8.8.0/24.5")).toBe(false);
    expect(inCidr(ip("8.8.8.8"), "example.com/0")).toBe(false);
  });
});

describe("isLoopback and ANY_ADDRESS", () => {
  it("127.0.0.0/8 and ::1 are loopback (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3)", () => {
    expect(isLoopback(ip("127.0.0.1"))).toBe(true);
    expect(isLoopback(ip("127.255.255.254"))).toBe(true);
    expect(isLoopback(ip("128.0.0.1"))).toBe(false);
    expect(isLoopback(ip("::1"))).toBe(true);
    expect(isLoopback(ip("::2"))).toBe(false);
    expect(isLoopback(ip("::"))).toBe(false);
  });
  it("Envoy's any-address per family is 0.0.0.0 and ::", () => {
    expect(ANY_ADDRESS).toEqual({ ipv4: "0.0.0.0", ipv6: "::" });
  });
});
