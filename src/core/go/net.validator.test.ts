/**
 * Go's address checks as Kuma's MeshPassthrough validator runs them: net.ParseIP / net.ParseCIDR
 * (golang/go@go1.26.5 src/net/ip.go over netip.ParseAddr, src/net/parse.go dtoi for the mask) and
 * govalidator IsIPv6 / IsDNSName (asaskevich/govalidator@a9d515a09cc2 validator.go, patterns.go DNSName).
 */
import { describe, expect, it } from "vitest";
import { goParseCIDR, goParseIP, isDNSName, isIPv6 } from "./net.js";

describe("goParseIP", () => {
  it("takes what net.ParseIP takes, never brackets or zones", () => {
    expect(goParseIP("10.0.0.1")?.text).toBe("10.0.0.1");
    expect(goParseIP("2001:db8::1")?.family).toBe("ipv6");
    expect(goParseIP("[2001:db8::1]")).toBeUndefined();
    expect(goParseIP("[10.0.0.1]")).toBeUndefined();
    expect(goParseIP("fe80::1%eth0")).toBeUndefined();
    expect(goParseIP("10.0.0.01")).toBeUndefined();
  });
});

describe("goParseCIDR", () => {
  it("returns the address as written and the network with host bits cleared (IPNet.IP)", () => {
    expect(goParseCIDR("10.1.2.3/8")).toMatchObject({ ip: { text: "10.1.2.3" }, prefixLen: 8, network: "10.0.0.0" });
    expect(goParseCIDR("192.168.7.255/23")).toMatchObject({ prefixLen: 23, network: "192.168.6.0" });
    expect(goParseCIDR("10.0.0.0/0")).toMatchObject({ prefixLen: 0, network: "0.0.0.0" });
    expect(goParseCIDR("10.0.0.9/32")).toMatchObject({ prefixLen: 32, network: "10.0.0.9" });
  });
  it("IPv6 networks print in Go's (RFC 5952) form", () => {
    expect(goParseCIDR("2001:db8:a:b::1/48")).toMatchObject({ prefixLen: 48, network: "2001:db8:a::" });
    expect(goParseCIDR("::1/0")).toMatchObject({ prefixLen: 0, network: "::" });
    expect(goParseCIDR("2001:db8::1/128")).toMatchObject({ prefixLen: 128, network: "2001:db8::1" });
  });
  it("an IPv4-mapped network prints dotted (IP.String of a ::ffff:0:0/96 address); below /96 it is plain IPv6", () => {
    expect(goParseCIDR("::ffff:10.1.2.3/104")).toMatchObject({ prefixLen: 104, network: "10.0.0.0" });
    expect(goParseCIDR("::ffff:10.1.2.3/80")).toMatchObject({ prefixLen: 80, network: "::" });
  });
  it("the mask is decimal digits only; leading zeros are fine (dtoi)", () => {
    expect(goParseCIDR("10.0.0.0/008")?.prefixLen).toBe(8);
    for (const s of ["10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.0/8 ", "10.0.0.0/0x8", "10.0.0.0/8/9", "10.0.0.0/1e1"]) expect(goParseCIDR(s), s).toBeUndefined();
  });
  it("the mask may not exceed the family's width", () => {
    expect(goParseCIDR("10.0.0.0/33")).toBeUndefined();
    expect(goParseCIDR("::/129")).toBeUndefined();
    expect(goParseCIDR("10.0.0.0/99999999999")).toBeUndefined();
  });
  it("needs a slash and a Go-valid address", () => {
    expect(goParseCIDR("10.0.0.0")).toBeUndefined();
    expect(goParseCIDR("010.0.0.0/8")).toBeUndefined();
    expect(goParseCIDR("[::1]/128")).toBeUndefined();
    expect(goParseCIDR("fe80::1%eth0/64")).toBeUndefined();
    expect(goParseCIDR("example.com/8")).toBeUndefined();
  });
});

describe("isIPv6 (govalidator: net.ParseIP(s) != nil && strings.Contains(s, \":\"))", () => {
  it("true for IPv6 literals, IPv4-mapped ones included; false for IPv4 and non-addresses", () => {
    expect(isIPv6("::1")).toBe(true);
    expect(isIPv6("::ffff:10.0.0.1")).toBe(true);
    expect(isIPv6("10.0.0.1")).toBe(false);
    expect(isIPv6("[::1]")).toBe(false);
    expect(isIPv6("a:b")).toBe(false);
  });
});

describe("isDNSName (govalidator IsDNSName)", () => {
  it("accepts labels of [a-zA-Z0-9_] then [a-zA-Z0-9_-]{0,62}, one trailing . or _ allowed", () => {
    for (const s of ["example.com", "a", "API.Example.COM", "_srv._tcp.example.com", "example.com.", "example.com_", "a-.com", "x1-2_3.io"]) expect(isDNSName(s), s).toBe(true);
  });
  it("rejects a leading hyphen, empty labels, wildcards, spaces and non-ASCII", () => {
    for (const s of ["", "-a.com", "a..com", ".a.com", "*.example.com", "exa mple.com", "ex\u00e4mple.com", "a.com..", "a/b"]) expect(isDNSName(s), s).toBe(false);
  });
  it("a label may have 63 characters, not 64", () => {
    expect(isDNSName(`${"a".repeat(63)}.com`)).toBe(true);
    expect(isDNSName(`${"a".repeat(64)}.com`)).toBe(false);
  });
  it("at most 255 characters besides the dots", () => {
    const label = "a".repeat(51);
    expect(isDNSName(Array(5).fill(label).join("."))).toBe(true); // 255 without dots
    expect(isDNSName(`${Array(5).fill(label).join(".")}b`)).toBe(false); // 256
  });
  it("an IP is not a DNS name, but a dotted string net.ParseIP refuses is", () => {
    expect(isDNSName("10.0.0.1")).toBe(false);
    expect(isDNSName("::1")).toBe(false);
    expect(isDNSName("999.1.1.1")).toBe(true);
    expect(isDNSName("10.0.0.01")).toBe(true);
  });
});
