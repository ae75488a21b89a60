// The Go address and name checks MeshPassthrough relies on, against upstream tables: net.ParseIP and
// net.ParseCIDR from parseIPTests / parseCIDRTests in src/net/ip_test.go (go1.26.5, the Go version
// kumahq/kuma@v2.14.3 builds with), govalidator's IsIPv6 / IsDNSName from validator_test.go at
// asaskevich/govalidator@a9d515a09cc2 (the version kuma v2.14.3 go.mod pins).
import { describe, expect, it } from "vitest";
import type { Ip } from "../net/ip.js";
import { goParseCIDR, goParseIP, isDNSName, isIPv6 } from "./net.js";

// Go's net.IP is 16 bytes for every parsed address (IPv4 as ::ffff:a.b.c.d); compare in that form.
const V4_IN_V6 = 0xffffn << 32n;
const as16 = (ip: Ip | undefined): bigint | undefined => (ip === undefined ? undefined : ip.family === "ipv4" ? V4_IN_V6 | ip.value : ip.value);
const ipv4 = (a: number, b: number, c: number, d: number): bigint => V4_IN_V6 | BigInt((a << 24) + (b << 16) + (c << 8) + d);

describe("net.ParseIP: Go's parseIPTests", () => {
  const cases: [string, bigint | undefined][] = [
    ["127.0.1.2", ipv4(127, 0, 1, 2)],
    ["127.0.0.1", ipv4(127, 0, 0, 1)],
    ["::ffff:127.1.2.3", ipv4(127, 1, 2, 3)],
    ["::ffff:7f01:0203", ipv4(127, 1, 2, 3)],
    ["0:0:0:0:0000:ffff:127.1.2.3", ipv4(127, 1, 2, 3)],
    ["0:0:0:0::ffff:127.1.2.3", ipv4(127, 1, 2, 3)],
    ["2001:4860:0:2001::68", 0x2001_4860_0000_2001_0000_0000_0000_0068n],
    ["2001:4860:0000:2001:0000:0000:0000:0068", 0x2001_4860_0000_2001_0000_0000_0000_0068n],
    ["-0.0.0.0", undefined],
    ["0.-1.0.0", undefined],
    ["0.0.-2.0", undefined],
    ["0.0.0.-3", undefined],
    ["127.0.0.256", undefined],
    ["abc", undefined],
    ["123:", undefined],
    ["fe80::1%lo0", undefined],
    ["fe80::1%911", undefined],
    ["", undefined],
    ["a1:a2:a3:a4::b1:b2:b3:b4", undefined], // golang/go#6628
    ["127.001.002.003", undefined],
    ["::ffff:127.001.002.003", undefined],
    ["123.000.000.000", undefined],
    ["1.2..4", undefined],
    ["0123.0.0.1", undefined],
  ];
  for (const [s, want] of cases) it(`${JSON.stringify(s)} → ${want === undefined ? "nil" : want.toString(16)}`, () => expect(as16(goParseIP(s))).toBe(want));
});

describe("net.ParseCIDR: Go's parseCIDRTests", () => {
  // [input, returned IP, IPNet.IP.String(), mask ones]
  const ok: [string, string, string, number][] = [
    ["135.104.0.0/32", "135.104.0.0", "135.104.0.0", 32],
    ["0.0.0.0/24", "0.0.0.0", "0.0.0.0", 24],
    ["135.104.0.0/24", "135.104.0.0", "135.104.0.0", 24],
    ["135.104.0.1/32", "135.104.0.1", "135.104.0.1", 32],
    ["135.104.0.1/24", "135.104.0.1", "135.104.0.0", 24],
    ["::1/128", "::1", "::1", 128],
    ["abcd:2345::/127", "abcd:2345::", "abcd:2345::", 127],
    ["abcd:2345::/65", "abcd:2345::", "abcd:2345::", 65],
    ["abcd:2345::/64", "abcd:2345::", "abcd:2345::", 64],
    ["abcd:2345::/63", "abcd:2345::", "abcd:2345::", 63],
    ["abcd:2345::/33", "abcd:2345::", "abcd:2345::", 33],
    ["abcd:2345::/32", "abcd:2345::", "abcd:2345::", 32],
    ["abcd:2344::/31", "abcd:2344::", "abcd:2344::", 31],
    ["abcd:2300::/24", "abcd:2300::", "abcd:2300::", 24],
    ["abcd:2345::/24", "abcd:2345::", "abcd:2300::", 24],
    ["2001:DB8::/48", "2001:DB8::", "2001:db8::", 48],
    ["2001:DB8::1/48", "2001:DB8::1", "2001:db8::", 48],
  ];
  for (const [s, ip, network, prefixLen] of ok) {
    it(`${s} → ${network}/${prefixLen}`, () => {
      const c = goParseCIDR(s);
      expect(c).toMatchObject({ prefixLen, network });
      expect(as16(c?.ip)).toBe(as16(goParseIP(ip)));
    });
  }

  const bad = [
    "192.168.1.1/255.255.255.0",
    "192.168.1.1/35",
    "2001:db8::1/-1",
    "2001:db8::1/-0",
    "-0.0.0.0/32",
    "0.-1.0.0/32",
    "0.0.-2.0/32",
    "0.0.0.-3/32",
    "0.0.0.0/-0",
    "127.000.000.001/32",
    "",
  ];
  for (const s of bad) it(`${JSON.stringify(s)} → error`, () => expect(goParseCIDR(s)).toBeUndefined());

  // net.IP.String documents that an IPv4-mapped IPv6 address prints in dotted decimal.
  it("an IPv4-mapped network prints as IPv4", () => {
    expect(goParseCIDR("::ffff:10.1.2.3/120")).toMatchObject({ prefixLen: 120, network: "10.1.2.0" });
  });
});

describe("govalidator IsIPv6: its TestIsIP IPv6 rows", () => {
  const cases: [string, boolean][] = [
    ["", false],
    ["127.0.0.1", false],
    ["0.0.0.0", false],
    ["255.255.255.255", false],
    ["1.2.3.4", false],
    ["::1", true],
    ["2001:db8:0000:1:1:1:1:1", true],
    ["300.0.0.0", false],
  ];
  for (const [s, want] of cases) it(`${JSON.stringify(s)} → ${want}`, () => expect(isIPv6(s)).toBe(want));
});

describe("govalidator IsDNSName: its TestIsDNSName", () => {
  const cases: [string, boolean][] = [
    ["localhost", true],
    ["a.bc", true],
    ["a.b.", true],
    ["a.b..", false],
    ["localhost.local", true],
    ["localhost.localdomain.intern", true],
    ["l.local.intern", true],
    ["ru.link.n.svpncloud.com", true],
    ["-localhost", false],
    ["localhost.-localdomain", false],
    ["localhost.localdomain.-int", false],
    ["_localhost", true],
    ["localhost._localdomain", true],
    ["localhost.localdomain._int", true],
    ["lÖcalhost", false],
    ["localhost.lÖcaldomain", false],
    ["localhost.localdomain.üntern", false],
    ["__", true],
    ["localhost/", false],
    ["127.0.0.1", false],
    ["[::1]", false],
    ["50.50.50.50", false],
    ["localhost.localdomain.intern:65535", false],
    ["漢字汉字", false],
    [
      "www.jubfvq1v3p38i51622y0dvmdk1mymowjyeu26gbtw9andgynj1gg8z3msb1kl5z6906k846pj3sulm4kiyk82ln5teqj9nsht59opr0cs5ssltx78lfyvml19lfq1wp4usbl0o36cmiykch1vywbttcus1p9yu0669h8fj4ll7a6bmop505908s1m83q2ec2qr9nbvql2589adma3xsq2o38os2z3dmfh2tth4is4ixyfasasasefqwe4t2ub2fz1rme.de",
      false,
    ],
  ];
  for (const [s, want] of cases) it(`${s.length > 40 ? s.slice(0, 40) + "…" : s} → ${want}`, () => expect(isDNSName(s)).toBe(want));
});
