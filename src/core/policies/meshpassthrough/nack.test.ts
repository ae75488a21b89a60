/**
 * Configs Envoy rejects although Kuma generates them (envoyproxy/envoy@v1.38.2
 * source/common/listener_manager/filter_chain_manager_impl.cc: "multiple filter chains with the same matching
 * rules are defined" and, for matches equal as networks, "... overlapping matching rules ..."; and
 * source/common/router/config_impl.cc RouteMatcher: "Only unique values for domains are permitted").
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../json.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { nackWarnings } from "./nack.js";

const listener = (name: string, chains: JsonObject[]): ResourceSet => [{ type: "listener", name, origin: "transparent", value: { name, filterChains: chains } }];
const chain = (name: string, filterChainMatch: JsonObject, filters: JsonObject[] = []): JsonObject => ({ name, filterChainMatch, filters });
const messages = (rs: ResourceSet, names = ["l"]) => nackWarnings(rs, names).map((w) => w.message);

describe("nackWarnings: filter chains with the same match", () => {
  it("two chains with identical matches are one warning naming both", () => {
    const w = nackWarnings(listener("l", [chain("a", { destinationPort: 80, serverNames: ["x.org"] }), chain("b", { destinationPort: 80, serverNames: ["x.org"] })]), ["l"]);
    expect(w).toHaveLength(1);
    expect(w[0]!.code).toBe("envoy-nack");
    expect(w[0]!.message).toMatch(/^listener l: filter chains a, b have the same filterChainMatch \(Envoy: "multiple filter chains with the same matching rules are defined"\)/);
  });
  it("names chains without a name by their index", () => {
    const rs = listener("l", [{ filterChainMatch: { destinationPort: 80 } }, { filterChainMatch: { destinationPort: 80 } }]);
    expect(messages(rs)[0]).toContain("filter chains #0, #1 have");
  });
  it("lists are compared as sets: the order of serverNames, applicationProtocols or prefixRanges does not matter", () => {
    const a = { serverNames: ["a.org", "b.org"], applicationProtocols: ["h2c", "http/1.1"], prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 8 }, { addressPrefix: "192.168.0.0", prefixLen: 16 }] };
    const b = { serverNames: ["b.org", "a.org"], applicationProtocols: ["http/1.1", "h2c"], prefixRanges: [{ addressPrefix: "192.168.0.0", prefixLen: 16 }, { addressPrefix: "10.0.0.0", prefixLen: 8 }] };
    expect(messages(listener("l", [chain("a", a), chain("b", b)]))).toHaveLength(1);
  });
  it("prefix ranges are compared as networks: host bits do not count", () => {
    const rs = listener("l", [chain("a", { prefixRanges: [{ addressPrefix: "10.0.0.1", prefixLen: 24 }] }), chain("b", { prefixRanges: [{ addressPrefix: "10.0.0.2", prefixLen: 24 }] })]);
    expect(messages(rs)).toHaveLength(1);
  });
  it("different networks, lengths or families are different matches", () => {
    const rs = listener("l", [
      chain("a", { prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 24 }] }),
      chain("b", { prefixRanges: [{ addressPrefix: "10.0.1.0", prefixLen: 24 }] }),
      chain("c", { prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 16 }] }),
      chain("d", { prefixRanges: [{ addressPrefix: "::", prefixLen: 0 }] }),
      chain("e", { prefixRanges: [{ addressPrefix: "0.0.0.0", prefixLen: 0 }] }),
    ]);
    expect(messages(rs)).toEqual([]);
  });
  it("an unset destination port is port 0 and an unset transport protocol is \"\" (wrapper/string defaults)", () => {
    expect(messages(listener("l", [chain("a", {}), chain("b", { destinationPort: 0, transportProtocol: "" })]))).toHaveLength(1);
  });
  it("any differing field makes chains different", () => {
    const base = { destinationPort: 443, serverNames: ["x.org"], transportProtocol: "tls" };
    const rs = listener("l", [chain("a", base), chain("b", { ...base, destinationPort: 8443 }), chain("c", { ...base, serverNames: ["y.org"] }), chain("d", { ...base, transportProtocol: "raw_buffer" }), chain("e", { ...base, applicationProtocols: ["h2"] })]);
    expect(messages(rs)).toEqual([]);
  });
  it("three equal chains are one warning naming all three", () => {
    expect(messages(listener("l", [chain("a", {}), chain("b", {}), chain("c", {})]))[0]).toContain("filter chains a, b, c have");
  });
  it("only the named listeners are checked, and a missing listener is skipped", () => {
    const rs = listener("l", [chain("a", {}), chain("b", {})]);
    expect(messages(rs, ["other"])).toEqual([]);
    expect(messages(rs, [])).toEqual([]);
  });
});

describe("nackWarnings: duplicate virtual-host domains in one route configuration", () => {
  const hcm = (rcName: string, vhosts: [string, string[]][]): JsonObject => ({
    name: "envoy.filters.network.http_connection_manager",
    typedConfig: { routeConfig: { name: rcName, virtualHosts: vhosts.map(([name, domains]) => ({ name, domains })) } },
  });
  it("a domain in two virtual hosts is a warning naming both", () => {
    const rs = listener("l", [chain("c", { destinationPort: 80 }, [hcm("rc", [["a", ["x.org", "x.org:80"]], ["b", ["x.org"]]])])]);
    expect(messages(rs)).toEqual([expect.stringMatching(/^listener l: route configuration rc lists the domain "x.org" in virtual hosts a and b; Envoy permits each domain once per route configuration\./)]);
  });
  it("a domain twice in one virtual host is also a duplicate", () => {
    expect(messages(listener("l", [chain("c", {}, [hcm("rc", [["a", ["x.org", "x.org"]]])])]))).toHaveLength(1);
  });
  it("two * default virtual hosts are a duplicate (\"Only a single wildcard domain is permitted\")", () => {
    expect(messages(listener("l", [chain("c", {}, [hcm("rc", [["a", ["*"]], ["b", ["*"]]])])]))).toHaveLength(1);
  });
  it("the same domain in route configurations of different chains is fine", () => {
    const rs = listener("l", [chain("c1", { destinationPort: 80 }, [hcm("rc1", [["a", ["x.org"]]])]), chain("c2", { destinationPort: 81 }, [hcm("rc2", [["a", ["x.org"]]])])]);
    expect(messages(rs)).toEqual([]);
  });
  it("filters without an inline routeConfig are skipped", () => {
    const rs = listener("l", [chain("c", {}, [{ name: "envoy.filters.network.tcp_proxy", typedConfig: { cluster: "x" } }, { name: "x" }])]);
    expect(messages(rs)).toEqual([]);
  });
});
