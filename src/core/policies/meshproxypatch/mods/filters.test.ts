/**
 * networkFilter and httpFilter modifications, expected values from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/network_filter_mod.go and http_filter_mod.go.
 */
import { describe, expect, it } from "vitest";
import { features } from "../../../model/versions.js";
import type { JsonObject } from "../../../json.js";
import type { ResourceSet, XdsResource } from "../../../xds/resource-set.js";
import type { ModPayload } from "../api.js";
import { parseModValue } from "./common.js";
import { applyHttpFilterMod, applyNetworkFilterMod } from "./filters.js";

const HCM = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const listener = (name: string, origin: string, chains: JsonObject[], extra: JsonObject = {}): XdsResource => ({ type: "listener", name, origin, value: { name, ...extra, filterChains: chains } });
const names = (r: XdsResource, chain = 0) => ((r.value["filterChains"] as JsonObject[])[chain]!["filters"] as JsonObject[] | undefined)?.map((f) => f["name"]);

function run(apply: typeof applyNetworkFilterMod, resources: ResourceSet, mod: ModPayload, kind: "networkFilter" | "httpFilter" = "networkFilter") {
  const v = parseModValue(kind, mod);
  if (!v.ok) throw new Error(v.message);
  return apply({ resources, mod, features: features("2.14"), value: v.value });
}

describe("applyNetworkFilterMod", () => {
  const chain = (...f: string[]): JsonObject => ({ filters: f.map((name) => ({ name })) });

  it("AddBefore / AddAfter use the first filter with the matched name (indexOfMatchedFilter)", () => {
    const rs = [listener("l", "outbound", [chain("a", "x", "a")])];
    expect(names(run(applyNetworkFilterMod, rs, { operation: "AddBefore", match: { name: "a" }, value: "name: new" }).resources[0]!)).toEqual(["new", "a", "x", "a"]);
    expect(names(run(applyNetworkFilterMod, rs, { operation: "AddAfter", match: { name: "a" }, value: "name: new" }).resources[0]!)).toEqual(["a", "new", "x", "a"]);
  });
  it("Remove deletes every filter with the name, in every chain (slices.DeleteFunc)", () => {
    const rs = [listener("l", "outbound", [chain("a", "x", "a"), chain("a")])];
    const out = run(applyNetworkFilterMod, rs, { operation: "Remove", match: { name: "a" } });
    expect(names(out.resources[0]!, 0)).toEqual(["x"]);
    // A chain left empty renders as {} (proto3 omits the empty repeated field).
    expect((out.resources[0]!.value["filterChains"] as JsonObject[])[1]).toEqual({});
    expect(out.matched.map((m) => m.label)).toEqual(["listener l / chain 0 / filter a", "listener l / chain 0 / filter a", "listener l / chain 1 / filter a"]);
  });
  it("selects listeners by origin, listenerName and listenerTags together", () => {
    const tags = (t: Record<string, string>) => ({ metadata: { filterMetadata: { "io.kuma.tags": t } } });
    const rs = [
      listener("in-v1", "inbound", [chain("x")], tags({ version: "v1" })),
      listener("in-v2", "inbound", [chain("x")], tags({ version: "v2" })),
      listener("out-v1", "outbound", [chain("x")], tags({ version: "v1" })),
    ];
    const out = run(applyNetworkFilterMod, rs, { operation: "AddFirst", match: { origin: "inbound", listenerTags: { version: "v1" } }, value: "name: new" });
    expect(out.resources.map((r) => names(r))).toEqual([["new", "x"], ["x"], ["x"]]);
    const byName = run(applyNetworkFilterMod, rs, { operation: "AddLast", match: { listenerName: "out-v1" }, value: "name: new" });
    expect(byName.resources.map((r) => names(r))).toEqual([["x"], ["x"], ["x", "new"]]);
  });
  it("leaves clusters and chain-less listeners alone, and an untouched listener keeps its identity", () => {
    const cluster: XdsResource = { type: "cluster", name: "l", origin: "outbound", value: { name: "l" } };
    const bare: XdsResource = { type: "listener", name: "bare", origin: "outbound", value: { name: "bare" } };
    const miss = listener("l", "outbound", [chain("x")]);
    const out = run(applyNetworkFilterMod, [cluster, bare, miss], { operation: "AddAfter", match: { name: "absent" }, value: "name: new" });
    expect(out.resources[0]).toBe(cluster);
    expect(out.resources[1]).toBe(bare);
    expect(out.resources[2]).toBe(miss);
    expect(out.matched).toEqual([]);
  });
  it("an unknown operation is Kuma's error (\"invalid operation: %s\") and changes nothing", () => {
    const rs = [listener("l", "outbound", [chain("x")])];
    const out = applyNetworkFilterMod({ resources: rs, mod: { operation: "Replace" }, features: features("2.14"), value: undefined });
    expect(out.error).toBe("invalid operation: Replace");
    expect(out.resources).toBe(rs);
  });
  it("Patch merges the value's typedConfig into every matching filter (MergeAnys)", () => {
    const tcp = { name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", statPrefix: "s", cluster: "c" } };
    const rs = [listener("l", "outbound", [{ filters: [tcp] }, { filters: [tcp] }])];
    const value = "name: envoy.filters.network.tcp_proxy\ntyped_config:\n  '@type': type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy\n  idle_timeout: 10s\n";
    const out = run(applyNetworkFilterMod, rs, { operation: "Patch", match: { name: "envoy.filters.network.tcp_proxy" }, value });
    for (const c of out.resources[0]!.value["filterChains"] as JsonObject[])
      expect((c["filters"] as JsonObject[])[0]!["typedConfig"]).toEqual({ ...tcp.typedConfig, idleTimeout: "10s" });
    expect(out.matched).toHaveLength(2);
  });
});

describe("applyHttpFilterMod", () => {
  const hcmChain = (...httpFilters: string[]): JsonObject => ({
    filters: [{ name: "envoy.filters.network.http_connection_manager", typedConfig: { "@type": HCM, statPrefix: "s", httpFilters: httpFilters.map((name) => ({ name })) } }],
  });
  const httpNames = (r: XdsResource, chain = 0) =>
    (((((r.value["filterChains"] as JsonObject[])[chain]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["httpFilters"] as JsonObject[] | undefined) ?? []).map((f) => f["name"]);

  it("works on the httpFilters of every HTTP connection manager", () => {
    const rs = [listener("l", "outbound", [hcmChain("envoy.filters.http.router"), hcmChain("a", "envoy.filters.http.router")])];
    const out = run(applyHttpFilterMod, rs, { operation: "AddBefore", match: { name: "envoy.filters.http.router" }, value: "name: envoy.filters.http.cors" }, "httpFilter");
    expect(httpNames(out.resources[0]!, 0)).toEqual(["envoy.filters.http.cors", "envoy.filters.http.router"]);
    expect(httpNames(out.resources[0]!, 1)).toEqual(["a", "envoy.filters.http.cors", "envoy.filters.http.router"]);
  });
  it("leaves other network filters alone", () => {
    const tcp = { name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", statPrefix: "s" } };
    const rs = [listener("l", "outbound", [{ filters: [tcp] }])];
    const out = run(applyHttpFilterMod, rs, { operation: "AddFirst", value: "name: envoy.filters.http.cors" }, "httpFilter");
    expect((out.resources[0]!.value["filterChains"] as JsonObject[])[0]!["filters"]).toEqual([tcp]);
    expect(out.matched).toEqual([]);
  });
  it("Remove without a name empties the list, which proto3 JSON then omits", () => {
    const rs = [listener("l", "outbound", [hcmChain("a", "b")])];
    const out = run(applyHttpFilterMod, rs, { operation: "Remove" }, "httpFilter");
    const tc = ((out.resources[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject;
    expect(tc).toEqual({ "@type": HCM, statPrefix: "s" });
  });
});
