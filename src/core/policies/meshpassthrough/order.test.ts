/**
 * Filter-chain order, port expansion and route order (kuma `pkg/plugins/policies/meshpassthrough/plugin/xds/order.go`
 * @ v2.14.3; order_test.go and its goldens), and the config shapes Envoy would NACK (duplicate filter-chain matches,
 * duplicate virtual-host domains; see src/core/policies/meshpassthrough/nack.ts).
 */
import { describe, expect, it } from "vitest";
import type { Match } from "./api.js";
import { getOrderedMatchers } from "./order.js";
import { V4, V6, chain, chainNames, run, vhosts } from "./policy.fixtures.js";
import { validateResources } from "../../xds/validate/index.js";

function order(matches: Match[]): string[] {
  const r = getOrderedMatchers(matches);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.matchers.map((m) => `${m.protocol} ${m.port} ${m.type} ${m.value}`);
}

describe("MeshPassthrough ordering (orderMatchers)", () => {
  it("protocol rank (mysql with tls), then match type descending, then port, then per-type tie-breaks", () => {
    expect(
      order([
        { type: "Domain", value: "a.b.example.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "z.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "*.example.com", port: 443, protocol: "tls" },
        { type: "IP", value: "10.0.0.2", port: 5432, protocol: "tcp" },
        { type: "IP", value: "9.0.0.1", port: 5432, protocol: "tcp" },
        { type: "CIDR", value: "10.0.0.0/8", port: 5432, protocol: "tcp" },
        { type: "CIDR", value: "10.1.0.0/16", port: 5432, protocol: "tcp" },
        { type: "CIDR", value: "192.168.0.0/16", port: 5432, protocol: "tcp" },
        { type: "IP", value: "10.0.0.9", port: 3306, protocol: "mysql" },
        { type: "IP", value: "10.0.0.5", port: 9000, protocol: "grpc" },
        { type: "IP", value: "10.0.0.5", port: 9001, protocol: "http2" },
        { type: "Domain", value: "api.example.com", port: 80, protocol: "http" },
      ]),
    ).toEqual([
      "mysql 3306 IP 10.0.0.9",
      "tls 443 Domain a.b.example.com",
      "tls 443 Domain z.com",
      "tls 443 WildcardDomain *.example.com",
      "tcp 5432 IP 9.0.0.1", // IP values compare as strings, descending
      "tcp 5432 IP 10.0.0.2",
      "tcp 5432 CIDR 192.168.0.0/16", // same prefix length: network address string descending
      "tcp 5432 CIDR 10.1.0.0/16",
      "tcp 5432 CIDR 10.0.0.0/8",
      "http 80 Domain ",
      "http2 9001 IP 10.0.0.5",
      "grpc 9000 IP 10.0.0.5",
    ]);
  });

  it("IPv6 before IPv4 and CIDRv6 before CIDR within a protocol", () => {
    expect(
      order([
        { type: "CIDR", value: "10.0.0.0/8", port: 22, protocol: "tcp" },
        { type: "CIDR", value: "2001:db8::/32", port: 22, protocol: "tcp" },
        { type: "IP", value: "10.0.0.1", port: 22, protocol: "tcp" },
        { type: "IP", value: "2001:db8::1", port: 22, protocol: "tcp" },
      ]),
    ).toEqual(["tcp 22 IPV6 2001:db8::1", "tcp 22 IP 10.0.0.1", "tcp 22 CIDRV6 2001:db8::/32", "tcp 22 CIDR 10.0.0.0/8"]);
  });

  it("identical rules collapse", () => {
    expect(
      order([
        { type: "IP", value: "10.0.0.1", protocol: "tcp" },
        { type: "IP", value: "10.0.0.1", protocol: "tcp" },
      ]),
    ).toEqual(["tcp 0 IP 10.0.0.1"]);
  });

  it("routes of an aggregated chain: domains (more labels first, then a-z), then wildcards", () => {
    const r = run({
      appendMatch: [
        { type: "Domain", value: "b.com", port: 80, protocol: "http" },
        { type: "Domain", value: "*.a.com", port: 80, protocol: "http" },
        { type: "Domain", value: "a.com", port: 80, protocol: "http" },
        { type: "Domain", value: "*.x.y.com", port: 80, protocol: "http" },
        { type: "Domain", value: "x.y.com", port: 80, protocol: "http" },
      ],
    });
    expect(vhosts(chain(r.resources, V4, "meshpassthrough_http_80")).map((v) => v[0])).toEqual(["x.y.com", "a.com", "b.com", "*.x.y.com", "*.a.com", "no_match"]);
  });
});

describe("MeshPassthrough port expansion", () => {
  it("a port-less rule is copied to every explicit port of the list, whatever that port's protocol, and kept port-less", () => {
    const r = run({
      appendMatch: [
        { type: "IP", value: "10.0.0.1", protocol: "http" },
        { type: "IP", value: "10.0.0.2", port: 5432, protocol: "tcp" },
        { type: "Domain", value: "example.com", port: 443, protocol: "tls" },
        { type: "Domain", value: "x.com", port: 80, protocol: "http" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual([
      "meshpassthrough_tls_example.com_443",
      "meshpassthrough_tcp_10.0.0.2_5432",
      "meshpassthrough_http_10.0.0.1_5432",
      "meshpassthrough_http_10.0.0.1_443",
      "meshpassthrough_http_10.0.0.1_80",
      "meshpassthrough_http_10.0.0.1_*",
      "meshpassthrough_http_80",
    ]);
    expect(chainNames(r.resources, V6)).toEqual(["meshpassthrough_tls_example.com_443", "meshpassthrough_http_80"]);
    expect(chain(r.resources, V4, "meshpassthrough_http_10.0.0.1_443")["filterChainMatch"]).toEqual({
      applicationProtocols: ["http/1.1", "h2c"],
      destinationPort: 443,
      prefixRanges: [{ addressPrefix: "10.0.0.1", prefixLen: 32 }],
      transportProtocol: "raw_buffer",
    });
  });

  it("port-less domains merge into the explicit port's aggregated chain", () => {
    const r = run({
      appendMatch: [
        { type: "Domain", value: "a.com", protocol: "http" },
        { type: "Domain", value: "b.com", port: 8080, protocol: "http" },
      ],
    });
    expect(chainNames(r.resources, V4)).toEqual(["meshpassthrough_http_8080", "meshpassthrough_http_*"]);
    expect(vhosts(chain(r.resources, V4, "meshpassthrough_http_8080"))).toEqual([
      ["a.com", ["a.com", "a.com:8080"], "meshpassthrough_http_a.com_8080"],
      ["b.com", ["b.com", "b.com:8080"], "meshpassthrough_http_b.com_8080"],
      ["no_match", ["*"], "503"],
    ]);
    expect(vhosts(chain(r.resources, V4, "meshpassthrough_http_*"))).toEqual([
      ["a.com", ["a.com", "a.com:*"], "meshpassthrough_http_a.com_*"],
      ["no_match", ["*"], "503"],
    ]);
  });
});

describe("MeshPassthrough: shapes Envoy rejects (NACK), as the general check sees them", () => {
  // envoyproxy/envoy@v1.38.2 source/common/listener_manager/filter_chain_manager_impl.cc verifyNoDuplicateMatchers
  // (equal FilterChainMatch messages) and addFilterChainForSourcePorts (overlap once CIDRs are masked);
  // source/common/router/config_impl.cc RouteMatcher (one `*` per route configuration).
  const nacks = (appendMatch: Match[]) => validateResources(run({ appendMatch }).resources);

  it("an IP and the same address as a /32 CIDR: equal matches", () => {
    const w = nacks([
      { type: "IP", value: "1.2.3.4", port: 80, protocol: "tcp" },
      { type: "CIDR", value: "1.2.3.4/32", port: 80, protocol: "tcp" },
    ]);
    expect(w).toEqual([
      {
        type: "listener",
        name: V4,
        rule: "filter-chain-same-match",
        scope: "resource",
        message:
          "error adding listener '0.0.0.0:15001': filter chain 'meshpassthrough_tcp_1.2.3.4/32_80' has the same matching rules defined as 'meshpassthrough_tcp_1.2.3.4_80'. duplicate matcher is: " +
          '{"destination_port":80,"prefix_ranges":[{"address_prefix":"1.2.3.4","prefix_len":32}],"transport_protocol":"raw_buffer"}',
      },
    ]);
  });

  it("two CIDRs with the same network", () => {
    expect(
      nacks([
        { type: "CIDR", value: "10.0.0.1/24", port: 80, protocol: "tcp" },
        { type: "CIDR", value: "10.0.0.2/24", port: 80, protocol: "tcp" },
      ]).map((r) => r.rule),
    ).toEqual(["filter-chain-same-match"]);
  });

  it("tcp and mysql for the same IP and port", () => {
    const w = nacks([
      { type: "IP", value: "10.0.0.9", port: 3306, protocol: "tcp" },
      { type: "IP", value: "10.0.0.9", port: 3306, protocol: "mysql" },
    ]);
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain("filter chain 'meshpassthrough_tcp_10.0.0.9_3306' has the same matching rules defined as 'meshpassthrough_tcp_10.0.0.9_3306'");
  });

  it("two spellings of one IPv6 address: different messages, the same network once masked", () => {
    const w = nacks([
      { type: "IP", value: "2001:db8::1", port: 443, protocol: "tls" },
      { type: "IP", value: "2001:db8:0::1", port: 443, protocol: "tls" },
    ]);
    expect(w).toEqual([{ type: "listener", name: V6, rule: "filter-chain-overlapping-match", scope: "resource", message: "error adding listener '[::]:15001': multiple filter chains with overlapping matching rules are defined" }]);
  });

  it("a bare `*` domain with an L7 protocol is a second wildcard beside no_match", () => {
    const w = nacks([{ type: "Domain", value: "*", port: 80, protocol: "http" }]);
    expect(w.map((x) => [x.name, x.message])).toEqual([
      [V4, "Only a single wildcard domain is permitted in route meshpassthrough_http_80"],
      [V6, "Only a single wildcard domain is permitted in route meshpassthrough_http_80"],
    ]);
  });

  it("a port-less http domain and a grpc domain on a port end up as identical chains on that port", () => {
    const w = nacks([
      { type: "Domain", value: "a.com", protocol: "http" },
      { type: "Domain", value: "b.com", port: 80, protocol: "grpc" },
    ]);
    expect(w).toHaveLength(2);
    expect(w[0]!.message).toContain("filter chain 'meshpassthrough_grpc_80' has the same matching rules defined as 'meshpassthrough_http_80'");
  });

  it("distinct rules raise nothing", () => {
    expect(
      nacks([
        { type: "IP", value: "1.2.3.4", port: 80, protocol: "tcp" },
        { type: "CIDR", value: "1.2.3.0/24", port: 80, protocol: "tcp" },
        { type: "IP", value: "1.2.3.4", port: 80, protocol: "tls" },
        { type: "Domain", value: "a.com", port: 80, protocol: "tls" },
      ]),
    ).toEqual([]);
  });
});
