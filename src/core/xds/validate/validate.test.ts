/**
 * One test per modelled Envoy rule, inputs written by hand; expected messages from Envoy's source at v1.38.2 (the
 * Envoy Kuma v2.14.x ships): source/common/listener_manager/{lds_api,listener_impl,filter_chain_manager_impl}.cc,
 * source/common/config/utility.{h,cc}, source/common/router/config_impl.cc, source/common/upstream/cds_api_helper.cc,
 * and the PGV rules of api/envoy/... protos (rendered as Envoy's MessageUtil::validate prefixes them).
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../json.js";
import type { ResourceSet, XdsResource } from "../resource-set.js";
import { ENVOY_RULES, acceptedConfig, validateResources } from "./index.js";

const P = "type.googleapis.com/";
const tcp = (cluster = "c"): JsonObject => ({ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": `${P}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`, cluster, statPrefix: "s" } });
const rbac: JsonObject = { name: "envoy.filters.network.rbac", typedConfig: { "@type": `${P}envoy.extensions.filters.network.rbac.v3.RBAC`, statPrefix: "r" } };
const router: JsonObject = { name: "envoy.filters.http.router", typedConfig: { "@type": `${P}envoy.extensions.filters.http.router.v3.Router` } };
const grpcStats: JsonObject = { name: "envoy.filters.http.grpc_stats", typedConfig: { "@type": `${P}envoy.extensions.filters.http.grpc_stats.v3.FilterConfig` } };
const vh = (name: string, domains: string[], cluster = "c"): JsonObject => ({ name, domains, routes: [{ match: { prefix: "/" }, route: { cluster } }] });
const hcm = (virtualHosts: JsonObject[], httpFilters: JsonObject[] = [router]): JsonObject => ({
  name: "envoy.filters.network.http_connection_manager",
  typedConfig: { "@type": `${P}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`, statPrefix: "h", routeConfig: { name: "rc", virtualHosts }, httpFilters },
});
const chain = (filters: JsonObject[], filterChainMatch?: JsonObject, name?: string): JsonObject => ({ ...(name ? { name } : {}), ...(filterChainMatch ? { filterChainMatch } : {}), filters });
const listener = (filterChains: JsonObject[] | undefined, extra: JsonObject = {}, name = "l"): XdsResource => ({
  type: "listener",
  name,
  origin: "test",
  value: { name, address: { socketAddress: { address: "0.0.0.0", portValue: 15001 } }, ...(filterChains ? { filterChains } : {}), ...extra },
});
const cluster = (name: string, extra: JsonObject = {}): XdsResource => ({ type: "cluster", name, origin: "test", value: { name, ...extra } });
const only = (rs: ResourceSet) => validateResources(rs).map((r) => [r.rule, r.message]);

describe("Envoy rules: accepted shapes", () => {
  it("a tcp_proxy chain, an RBAC + tcp_proxy chain and an HCM chain with the router last are accepted", () => {
    expect(only([listener([chain([tcp()], { destinationPort: 80 }), chain([rbac, tcp()], { destinationPort: 81 }), chain([hcm([vh("a", ["a.com"]), vh("all", ["*"])], [grpcStats, router])])])])).toEqual([]);
  });
  it("filter types meshsim does not know are not judged", () => {
    const custom = { name: "x", typedConfig: { "@type": `${P}com.example.Custom` } };
    expect(only([listener([chain([custom])])])).toEqual([]);
  });
  it("every rule of the table names an Envoy file", () => {
    for (const r of ENVOY_RULES) expect(r.envoyFile).toMatch(/^(source|api)\//);
  });
});

describe("listener rules", () => {
  it("listener_impl.cc validateFilterChains: no filter chains and no default chain", () => {
    expect(only([listener([])])).toEqual([["listener-no-filter-chains", "error adding listener '0.0.0.0:15001': no filter chains specified"]]);
    expect(only([listener(undefined, { address: { socketAddress: { address: "::", portValue: 15006 } } })])).toEqual([["listener-no-filter-chains", "error adding listener '[::]:15006': no filter chains specified"]]);
  });
  it("a default filter chain alone is enough", () => {
    expect(only([listener([], { defaultFilterChain: chain([tcp()]) })])).toEqual([]);
  });
  it("lds_api.cc: a second listener with the same name is rejected, the first applied", () => {
    const a = listener([chain([tcp()])], {}, "a");
    const b = { ...listener([chain([tcp()])], {}, "b"), value: { ...listener([chain([tcp()])], {}, "b").value, name: "a" } };
    expect(validateResources([a, b]).map((r) => [r.name, r.message])).toEqual([["b", "duplicate listener a found"]]);
  });
  it("address.proto PGV: port_value ≤ 65535 refuses the whole listener update", () => {
    const r = validateResources([listener([chain([tcp()])], { address: { socketAddress: { address: "0.0.0.0", portValue: 70000 } } })]);
    expect(r.map((x) => [x.scope, x.message])).toEqual([
      ["update", "Proto constraint validation failed (ListenerValidationError.Address: embedded message failed validation | caused by AddressValidationError.SocketAddress: embedded message failed validation | caused by SocketAddressValidationError.PortValue: value must be less than or equal to 65535)"],
    ]);
  });
  it("listener_components.proto PGV: destination_port in [1, 65535]", () => {
    expect(only([listener([chain([tcp()], { destinationPort: 0 })])])[0]![0]).toBe("filter-chain-port-range");
    expect(only([listener([chain([tcp()], { destinationPort: 65536 })])])[0]![1]).toContain("FilterChainMatchValidationError.DestinationPort: value must be inside range [1, 65535]");
  });
  it("filter_chain_manager_impl.cc: equal matches name both chains and print the match with proto field names", () => {
    const m = { destinationPort: 80, serverNames: ["x.org"] };
    expect(only([listener([chain([tcp()], m, "a"), chain([tcp()], m, "b")])])).toEqual([
      ["filter-chain-same-match", `error adding listener '0.0.0.0:15001': filter chain 'b' has the same matching rules defined as 'a'. duplicate matcher is: {"destination_port":80,"server_names":["x.org"]}`],
    ]);
  });
  it("two chains without a match are equal matches; unset and empty fields compare as unset", () => {
    expect(only([listener([chain([tcp()]), chain([tcp()], { transportProtocol: "", serverNames: [] })])])[0]![0]).toBe("filter-chain-same-match");
  });
  it("filter_chain_manager_impl.cc: lists that share an entry, or ranges equal once masked, overlap", () => {
    const overlap = "error adding listener '0.0.0.0:15001': multiple filter chains with overlapping matching rules are defined";
    expect(only([listener([chain([tcp()], { serverNames: ["a.org", "b.org"] }), chain([tcp()], { serverNames: ["B.org"] })])])).toEqual([["filter-chain-overlapping-match", overlap]]);
    expect(only([listener([chain([tcp()], { prefixRanges: [{ addressPrefix: "10.0.0.1", prefixLen: 24 }] }), chain([tcp()], { prefixRanges: [{ addressPrefix: "10.0.0.2", prefixLen: 24 }] })])])).toEqual([["filter-chain-overlapping-match", overlap]]);
  });
  it("different ports, networks or lengths do not overlap", () => {
    expect(
      only([
        listener([
          chain([tcp()], { destinationPort: 80, prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 24 }] }),
          chain([tcp()], { destinationPort: 81, prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 24 }] }),
          chain([tcp()], { destinationPort: 80, prefixRanges: [{ addressPrefix: "10.0.0.0", prefixLen: 16 }] }),
        ]),
      ]),
    ).toEqual([]);
  });
  it("filter_chain_manager_impl.cc: partial wildcards and address_suffix", () => {
    expect(only([listener([chain([tcp()], { serverNames: ["a*.org"] })])])).toEqual([["filter-chain-partial-wildcard", `error adding listener '0.0.0.0:15001': partial wildcards are not supported in "server_names"`]]);
    expect(only([listener([chain([tcp()], { addressSuffix: "::1" }, "x")])])).toEqual([["filter-chain-unimplemented-match", "error adding listener '0.0.0.0:15001': filter chain 'x' contains unimplemented fields"]]);
  });
});

describe("network and HTTP filter rules", () => {
  it("utility.cc validateTerminalFilters: the last network filter is not terminal", () => {
    expect(only([listener([chain([rbac])])])).toEqual([["filter-last-not-terminal", "Error: non-terminal filter named envoy.filters.network.rbac of type envoy.filters.network.rbac is the last filter in a network filter chain."]]);
  });
  it("utility.cc validateTerminalFilters: a terminal network filter before another", () => {
    expect(only([listener([chain([tcp(), rbac])])])).toEqual([["filter-terminal-not-last", "Error: terminal filter named envoy.filters.network.tcp_proxy of type envoy.filters.network.tcp_proxy must be the last filter in a network filter chain."]]);
  });
  it("the type URL, not the name, picks the factory: a tcp_proxy typed config under another name is a terminal tcp_proxy", () => {
    expect(only([listener([chain([{ ...tcp(), name: "my-filter" }])])])).toEqual([]);
  });
  it("utility.h getAndCheckFactory: a typed config of another filter kind, or none at all", () => {
    expect(only([listener([chain([{ name: "envoy.filters.network.tcp_proxy", typedConfig: router["typedConfig"]! }])])])).toEqual([
      ["filter-type-not-found", "Didn't find a registered implementation for 'envoy.filters.network.tcp_proxy' with type URL: 'envoy.extensions.filters.http.router.v3.Router'"],
    ]);
    expect(only([listener([chain([{ name: "envoy.filters.network.tcp_proxy" }])])])).toEqual([["filter-type-not-found", "Didn't find a registered implementation for 'envoy.filters.network.tcp_proxy' with type URL: ''"]]);
  });
  it("tcp_proxy.proto PGV: stat_prefix and a cluster", () => {
    const noPrefix = { name: "t", typedConfig: { "@type": `${P}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`, cluster: "c" } };
    const noCluster = { name: "t", typedConfig: { "@type": `${P}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`, statPrefix: "s" } };
    expect(only([listener([chain([noPrefix])])])).toEqual([["filter-required-field", "Proto constraint validation failed (TcpProxyValidationError.StatPrefix: value length must be at least 1 characters)"]]);
    expect(only([listener([chain([noCluster])])])).toEqual([["filter-required-field", 'Proto constraint validation failed (field: "cluster_specifier", reason: is required)']]);
  });
  it("http_connection_manager config.cc processFilter: the last HTTP filter is not the router", () => {
    expect(only([listener([chain([hcm([vh("a", ["*"])], [grpcStats])])])])).toEqual([["filter-last-not-terminal", "Error: non-terminal filter named envoy.filters.http.grpc_stats of type envoy.filters.http.grpc_stats is the last filter in a http filter chain."]]);
    expect(only([listener([chain([hcm([vh("a", ["*"])], [router, grpcStats])])])])[0]![0]).toBe("filter-terminal-not-last");
  });
  it("an optional HTTP filter of an unknown kind is skipped", () => {
    expect(only([listener([chain([hcm([vh("a", ["*"])], [{ name: "x", isOptional: true, typedConfig: tcp()["typedConfig"]! }, router])])])])).toEqual([]);
  });
});

describe("route configuration rules", () => {
  it("config_impl.cc RouteMatcher: a second `*`", () => {
    expect(only([listener([chain([hcm([vh("a", ["*"]), vh("b", ["*"])])])])])).toEqual([["route-multiple-wildcards", "Only a single wildcard domain is permitted in route rc"]]);
  });
  it("config_impl.cc RouteMatcher: a domain twice, compared in lower case", () => {
    expect(only([listener([chain([hcm([vh("a", ["Example.com"]), vh("b", ["example.COM"])])])])])).toEqual([
      ["route-duplicate-domain", "Only unique values for domains are permitted. Duplicate entry of domain example.com in route rc"],
    ]);
  });
  it("route_components.proto PGV: a route action with an empty cluster, or none", () => {
    expect(only([listener([chain([hcm([vh("a", ["*"], "")])])])])).toEqual([
      [
        "route-cluster-empty",
        "Proto constraint validation failed (HttpConnectionManagerValidationError.RouteConfig: embedded message failed validation | caused by RouteConfigurationValidationError.VirtualHosts[0]: embedded message failed validation | caused by VirtualHostValidationError.Routes[0]: embedded message failed validation | caused by RouteValidationError.Route: embedded message failed validation | caused by RouteActionValidationError.Cluster: value length must be at least 1 characters)",
      ],
    ]);
    const noCluster = { name: "a", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { timeout: "1s" } }] };
    expect(only([listener([chain([hcm([noCluster])])])])[0]![1]).toMatch(/RouteValidationError.Route: embedded message failed validation \| caused by field: "cluster_specifier", reason: is required\)$/);
  });
  it("route_components.proto PGV: a virtual host without domains", () => {
    expect(only([listener([chain([hcm([vh("a", [])])])])])[0]![1]).toContain("VirtualHostValidationError.Domains: value must contain at least 1 item(s)");
  });
});

describe("cluster rules", () => {
  it("cluster.proto PGV: connect_timeout > 0 refuses the whole cluster update", () => {
    const r = validateResources([cluster("a", { connectTimeout: "0s" }), cluster("b", { connectTimeout: "-1s" }), cluster("c", { connectTimeout: "0.001s" })]);
    expect(r.map((x) => [x.name, x.scope, x.message])).toEqual([
      ["a", "update", "Proto constraint validation failed (ClusterValidationError.ConnectTimeout: value must be greater than 0s)"],
      ["b", "update", "Proto constraint validation failed (ClusterValidationError.ConnectTimeout: value must be greater than 0s)"],
    ]);
  });
  it("cds_api_helper.cc: a second cluster with the same name", () => {
    expect(validateResources([cluster("a"), { ...cluster("b"), value: { name: "a" } }]).map((r) => [r.name, r.message])).toEqual([["b", "duplicate cluster a found"]]);
  });
});

describe("route regexes (source/common/common/regex.cc, RE2's re2/regexp.cc error texts)", () => {
  const rx = (regex: string, where: "path" | "header" = "path"): JsonObject => ({
    name: "v",
    domains: ["*"],
    routes: [{ match: where === "path" ? { safeRegex: { regex } } : { prefix: "/", headers: [{ name: "x", safeRegexMatch: { regex } }] }, route: { cluster: "c" } }],
  });
  it("a regex RE2 cannot parse rejects the listener with RE2's message (Envoy's route test: `^/(+invalid)`)", () => {
    expect(only([listener([chain([hcm([rx("^/(+invalid)")])])])])).toEqual([["route-regex-invalid", "no argument for repetition operator: +"]]);
    expect(only([listener([chain([hcm([rx("[a-", "header")])])])])).toEqual([["route-regex-invalid", "missing ]: [a-"]]);
  });
  it("a valid regex and a regex over meshsim's size limit are not rejected (the second is not compiled)", () => {
    expect(only([listener([chain([hcm([rx("^/api/v[0-9]+/.*$")])])])])).toEqual([]);
    expect(only([listener([chain([hcm([rx("a{1000}".repeat(146))])])])])).toEqual([]);
  });
  it("a virtual host's regexes fail before its duplicate domains (the host is built, then its domains added)", () => {
    const dup = { ...rx("("), domains: ["a.com", "A.com"] };
    expect(only([listener([chain([hcm([dup])])])])[0]![0]).toBe("route-regex-invalid");
  });
});

describe("acceptedConfig: what Envoy keeps", () => {
  const good = listener([chain([tcp()])], {}, "l");
  const bad = listener([], {}, "l");
  it("a rejected listener keeps its previous accepted version; others are applied", () => {
    const other = listener([chain([tcp("x")])], {}, "m");
    const out = acceptedConfig([bad, other], [good]);
    expect(out.resources).toEqual([good, other]);
    expect(out.kept).toEqual([{ type: "listener", name: "l", keptFrom: "previous" }]);
  });
  it("a rejected listener with no accepted previous version is absent", () => {
    const out = acceptedConfig([bad], [bad]);
    expect(out.resources).toEqual([]);
    expect(out.kept).toEqual([{ type: "listener", name: "l", keptFrom: "none" }]);
  });
  it("an update-scope rejection keeps every cluster of the previous config, removals included", () => {
    const prev = [cluster("a"), cluster("gone")];
    const out = acceptedConfig([cluster("a", { connectTimeout: "0s" }), cluster("new")], prev);
    expect(out.resources).toEqual(prev);
    expect(out.kept).toEqual([
      { type: "cluster", name: "a", keptFrom: "previous" },
      { type: "cluster", name: "new", keptFrom: "none" },
    ]);
  });
  it("a config Envoy accepts is returned as is", () => {
    const sent = [good];
    expect(acceptedConfig(sent, []).resources).toBe(sent);
  });
});
