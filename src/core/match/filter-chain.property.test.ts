/**
 * Property test (issue #5): meshsim's filter-chain selection agrees with the separately written
 * reference of Envoy's lookup, over random chain sets and random connections.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectFilterChain } from "./filter-chain.js";
import { parseIp } from "../net/ip.js";
import { referenceSelect, type RefChain } from "./reference-matcher.fixtures.js";

const PORTS = [80, 443];
const IPS = ["10.1.2.3", "10.9.9.9", "192.168.0.7", "93.184.216.34", "2001:db8::5", "2001:db8:1::9"];
const PREFIXES = [
  { addressPrefix: "10.0.0.0", prefixLen: 8 },
  { addressPrefix: "10.1.0.0", prefixLen: 16 },
  { addressPrefix: "10.1.2.3", prefixLen: 32 },
  { addressPrefix: "192.168.0.0", prefixLen: 16 },
  { addressPrefix: "2001:db8::", prefixLen: 32 },
  { addressPrefix: "2001:db8::5", prefixLen: 128 },
];
const NAMES = ["example.com", "api.example.com", "*.example.com", "*.api.example.com", "other.org"];
const SNIS = [undefined, "example.com", "api.example.com", "x.api.example.com", "www.example.com", "other.org", "nope.net"];

const fcmArb = fc.record(
  {
    destinationPort: fc.constantFrom(...PORTS),
    prefixRanges: fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 2 }),
    serverNames: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 2 }),
    transportProtocol: fc.constantFrom("tls", "raw_buffer"),
    applicationProtocols: fc.uniqueArray(fc.constantFrom("http/1.1", "h2c", "h2"), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);
// Dense overlaps (few ports, optional fields) so chains often compete at every level.
const chainsArb = fc.array(fcmArb.map((m): RefChain => (Object.keys(m).length > 0 ? { filterChainMatch: m } : {})), { minLength: 2, maxLength: 10 });
const connArb = fc.record({
  port: fc.constantFrom(...PORTS, 5432),
  ip: fc.constantFrom(...IPS),
  sni: fc.constantFrom(...SNIS),
  transport: fc.constantFrom("tls", "raw_buffer"),
  alpn: fc.uniqueArray(fc.constantFrom("http/1.1", "h2c", "h2", "http/1.0"), { maxLength: 2 }),
});

describe("filter-chain selection agrees with the reference (fast-check)", () => {
  it("over 5,000 random chain sets and connections", () => {
    fc.assert(
      fc.property(chainsArb, connArb, (chains, c) => {
        // Envoy rejects listeners whose chains have identical matches; the reference keeps the first, so does Envoy's loader.
        const got = selectFilterChain({ filterChains: chains as never }, c.port, parseIp(c.ip), {
          transportProtocol: c.transport as "tls" | "raw_buffer",
          serverName: c.sni,
          applicationProtocols: c.alpn,
          authority: undefined,
        }).selected;
        expect(got).toBe(referenceSelect(chains, c));
      }),
      { numRuns: 5000 },
    );
  });
});
