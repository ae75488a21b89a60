/**
 * Matched-mode building blocks, expected values from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshpassthrough/plugin/xds/{configurer,clusters,listeners_filter_chain}.go
 * and pkg/core/xds/types.go (LocalHostAddresses). Whole-config generation is covered by the
 * generation and golden tests under src/core/policies/meshpassthrough.
 */
import { describe, expect, it } from "vitest";
import { features } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import type { FilterChainMatcher } from "./order.js";
import { appliesToFamily, configureListeners, meshPassthroughCluster } from "./xds.js";
import { internalCidrRanges } from "../../generate/internal-addresses.js";

const f = features("2.14");
const m = (type: FilterChainMatcher["type"], value = "x", protocol = "tcp", port = 0): FilterChainMatcher => ({ type, value, protocol, port, routes: [] });

describe("appliesToFamily (configurer.go hasIPv4Matches / hasIPv6Matches)", () => {
  it("domains go on both listeners, IP and CIDR on their own family's", () => {
    expect((["Domain", "WildcardDomain", "CIDR", "IP"] as const).map((t) => appliesToFamily(m(t), "ipv4"))).toEqual([true, true, true, true]);
    expect((["CIDRV6", "IPV6"] as const).map((t) => appliesToFamily(m(t), "ipv4"))).toEqual([false, false]);
    expect((["Domain", "WildcardDomain", "CIDRV6", "IPV6"] as const).map((t) => appliesToFamily(m(t), "ipv6"))).toEqual([true, true, true, true]);
    expect((["CIDR", "IP"] as const).map((t) => appliesToFamily(m(t), "ipv6"))).toEqual([false, false]);
  });
});

describe("internalCidrRanges", () => {
  it("without internal addresses: 127.0.0.1/32 (LocalHostAddresses, IPv4 part, when IPv6 prefixes are dropped)", () => {
    expect(internalCidrRanges([], false)).toEqual([{ addressPrefix: "127.0.0.1", prefixLen: 32 }]);
  });
  it("each CIDR as its address (as written) and length, in order; unparsable entries are dropped", () => {
    // kumahq/kuma@v2.14.3 pkg/core/xds/types.go InternalAddressesFromCIDRs: `ip, ipNet, _ := net.ParseCIDR(cidr)`, AddressPrefix ip.String().
    expect(internalCidrRanges(["10.1.2.3/8", "not-a-cidr", "fd00::1/8"], true)).toEqual([
      { addressPrefix: "10.1.2.3", prefixLen: 8 },
      { addressPrefix: "fd00::1", prefixLen: 8 },
    ]);
  });
});

describe("meshPassthroughCluster (clusters.go CreateCluster: Http2() for grpc and http2 only)", () => {
  const H2 = { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": { "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions", explicitHttpConfig: { http2ProtocolOptions: {} } } };
  it("grpc and http2 clusters speak HTTP/2 upstream", () => {
    expect(meshPassthroughCluster("c", "grpc", f)["typedExtensionProtocolOptions"]).toEqual(H2);
    expect(meshPassthroughCluster("c", "http2", f)["typedExtensionProtocolOptions"]).toEqual(H2);
  });
  it("tcp, tls, http and mysql clusters set no protocol options", () => {
    for (const p of ["tcp", "tls", "http", "mysql"]) expect(meshPassthroughCluster("c", p, f)["typedExtensionProtocolOptions"], p).toBeUndefined();
  });
  it("is an ORIGINAL_DST cluster of the given name", () => {
    expect(meshPassthroughCluster("meshpassthrough_tcp_x_80", "tcp", f)).toMatchObject({ name: "meshpassthrough_tcp_x_80", type: "ORIGINAL_DST" });
  });
});

describe("configureListeners", () => {
  const l = (name: string, extra: JsonObject = {}): ResourceSet[number] => ({ type: "listener", name, origin: "transparent", value: { name, filterChains: [{ name: "old" }], ...extra } });
  const listeners = [
    { family: "ipv4" as const, name: "outbound:passthrough:ipv4" },
    { family: "ipv6" as const, name: "outbound:passthrough:ipv6" },
  ];

  it("a listener with no matcher of its family is left as it was; a missing listener is skipped", () => {
    const rs = [l("outbound:passthrough:ipv4"), l("outbound:passthrough:ipv6")];
    const out = configureListeners(rs, [m("IP", "10.0.0.1", "tcp", 5432)], listeners, [], f);
    expect(out.rewritten).toEqual(["outbound:passthrough:ipv4"]);
    expect(out.resources[1]).toBe(rs[1]);
    expect(configureListeners([], [m("IP", "10.0.0.1", "tcp", 5432)], listeners, [], f).rewritten).toEqual([]);
  });
  it("replaces every chain, keeps the listener's origin, and adds one cluster per distinct name, sorted", () => {
    const rs = [l("outbound:passthrough:ipv4")];
    const out = configureListeners(rs, [m("IP", "10.0.0.2", "tcp", 80), m("CIDR", "10.1.0.0/16", "tls", 443), m("IP", "10.0.0.2", "tcp", 80)], listeners, [], f);
    const listener = out.resources.find((r) => r.type === "listener")!;
    expect(listener.origin).toBe("transparent");
    expect((listener.value["filterChains"] as JsonObject[]).map((c) => c["name"])).toEqual(["meshpassthrough_tcp_10.0.0.2_80", "meshpassthrough_tls_10.1.0.0/16_443", "meshpassthrough_tcp_10.0.0.2_80"]);
    expect(out.clusters).toEqual(["meshpassthrough_tcp_10.0.0.2_80", "meshpassthrough_tls_10.1.0.0/16_443"]);
    expect(out.resources.filter((r) => r.type === "cluster").map((r) => [r.name, r.origin])).toEqual([
      ["meshpassthrough_tcp_10.0.0.2_80", "meshpassthrough"],
      ["meshpassthrough_tls_10.1.0.0/16_443", "meshpassthrough"],
    ]);
  });
  it("an IP chain matches the address as /32 (IPv4) or /128 (IPv6); a CIDR as its network", () => {
    const rs = [l("outbound:passthrough:ipv4"), l("outbound:passthrough:ipv6")];
    const out = configureListeners(rs, [m("IP", "10.0.0.2", "tcp", 80), m("CIDRV6", "fd00::5/64", "tcp", 80), m("IPV6", "fd00::9", "tcp", 81)], listeners, [], f);
    const fcm = (name: string) => (out.resources.find((r) => r.name === name)!.value["filterChains"] as JsonObject[]).map((c) => (c["filterChainMatch"] as JsonObject)["prefixRanges"]);
    expect(fcm("outbound:passthrough:ipv4")).toEqual([[{ addressPrefix: "10.0.0.2", prefixLen: 32 }]]);
    expect(fcm("outbound:passthrough:ipv6")).toEqual([[{ addressPrefix: "fd00::", prefixLen: 64 }], [{ addressPrefix: "fd00::9", prefixLen: 128 }]]);
  });
  it("listener filters: existing ones kept, original_dst appended, inspectors added only when missing", () => {
    const existing = [{ name: "envoy.filters.listener.tls_inspector", typedConfig: { "@type": "mine" } }];
    const rs = [l("outbound:passthrough:ipv4", { listenerFilters: existing })];
    const out = configureListeners(rs, [m("Domain", "example.com", "tls", 443)], listeners, [], f);
    const lf = out.resources[0]!.value["listenerFilters"] as JsonObject[];
    expect(lf.map((x) => x["name"])).toEqual(["envoy.filters.listener.tls_inspector", "envoy.filters.listener.original_dst", "envoy.filters.listener.http_inspector"]);
    expect(lf[0]).toBe(existing[0]);
  });
});
