/**
 * Property test (issue #5): for random MeshPassthrough rule sets and random requests, the filter chain
 * meshsim reports is the one a separately written reference of Envoy's lookup picks from the generated
 * listener; and the verdict agrees with whether that chain (and its cluster) exists.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../../simulate/simulate.js";
import { referenceSelect, type RefChain } from "../../match/reference-matcher.fixtures.js";

const DP = {
  type: "Dataplane",
  mesh: "default",
  name: "web-01",
  networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } },
};
const ruleArb = fc.oneof(
  fc.record({ type: fc.constant("Domain"), value: fc.constantFrom("api.example.com", "example.com", "*.example.com", "other.org"), port: fc.constantFrom(443, 8443), protocol: fc.constant("tls") }),
  fc.record({ type: fc.constant("Domain"), value: fc.constantFrom("api.example.com", "other.org"), port: fc.constantFrom(80, 8080), protocol: fc.constant("http") }),
  fc.record({ type: fc.constant("IP"), value: fc.constantFrom("10.1.2.3", "93.184.216.34"), protocol: fc.constantFrom("tcp", "tls", "http") }, { requiredKeys: ["type", "value", "protocol"] }),
  fc.record({ type: fc.constant("CIDR"), value: fc.constantFrom("10.0.0.0/8", "10.1.0.0/16", "93.184.216.0/24"), port: fc.constantFrom(80, 443), protocol: fc.constantFrom("tcp", "tls", "http") }),
);
const requestArb = fc.record({
  scheme: fc.constantFrom("https", "http", "tcp", "tls"),
  host: fc.constantFrom("api.example.com", "www.example.com", "example.com", "other.org", "evil.net"),
  ip: fc.constantFrom("10.1.2.3", "10.9.9.9", "93.184.216.34", "93.184.216.99", "203.0.113.5"),
  port: fc.constantFrom(80, 443, 8080, 8443),
});

describe("MeshPassthrough chains agree with the reference lookup (fast-check)", () => {
  it("over 400 random rule sets and requests", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), requestArb, (rules, r) => {
        const out = simulate({
          kumaVersion: "2.14",
          resources: [DP, { type: "MeshPassthrough", mesh: "default", name: "p", spec: { default: { appendMatch: rules } } }],
          request: { to: `${r.scheme}://${r.host}:${r.port}`, ip: r.ip },
          include: ["config"],
        });
        // Rule sets Kuma rejects (duplicates, mixed L7 on one port) are not what this property is about.
        if (!out.ok || out.result.verdict === "config-error") return;
        const listener = out.result.config!.listeners.find((l) => l["name"] === "outbound:passthrough:ipv4")!;
        const chains = listener["filterChains"] as unknown as RefChain[];
        const tls = r.scheme === "https" || r.scheme === "tls";
        const want = referenceSelect(chains, {
          port: r.port,
          ip: r.ip,
          ...(tls ? { sni: r.host } : {}),
          transport: tls ? "tls" : "raw_buffer",
          alpn: r.scheme === "https" ? ["h2", "http/1.1"] : r.scheme === "http" ? ["http/1.1"] : [],
        });
        expect(out.result.filterChain?.index ?? undefined).toBe(want);
        if (want === undefined) expect(out.result.reason.code).toBe("no-filter-chain");
      }),
      { numRuns: 400 },
    );
  });
});
