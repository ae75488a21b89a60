/** RBAC filter placement, written from kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtrafficpermission/xds/legacy_rbac_configurer.go. */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../json.js";
import { mtlsChains, replaceChainRbac, setNetworkRbacRules } from "./rbac-filter.js";

const tls = { name: "envoy.transport_sockets.tls", typedConfig: {} };
const netRbac = { name: "envoy.filters.network.rbac", typedConfig: { "@type": "x", rules: {}, statPrefix: "inbound_1_2_3_4_80." } };
const hcm = { name: "envoy.filters.network.http_connection_manager", typedConfig: { httpFilters: [{ name: "envoy.filters.http.router" }] } };
const listener: JsonObject = {
  name: "inbound:1.2.3.4:80",
  filterChains: [{ filterChainMatch: { transportProtocol: "raw_buffer" }, filters: [hcm] }, { filters: [netRbac, hcm], transportSocket: tls }],
};
const allow = { policies: { MeshTrafficPermission: { permissions: [{ any: true }], principals: [{ any: true }] } } };

describe("RBAC filters on inbound chains", () => {
  it("only chains protected by Kuma's TLS get RBAC", () => expect(mtlsChains(listener)).toEqual([1]));
  it("on an HTTP chain: the network RBAC filter goes, the HTTP RBAC filter comes first in the connection manager", () => {
    const before = structuredClone(listener);
    const { listener: out, placement } = replaceChainRbac(listener, 1, allow, undefined, true);
    expect(listener).toEqual(before);
    const chain = (out["filterChains"] as JsonObject[])[1]!;
    expect((chain["filters"] as JsonObject[]).map((f) => f["name"])).toEqual(["envoy.filters.network.http_connection_manager"]);
    expect(placement.rulesPointer).toBe("/filterChains/1/filters/0/typedConfig/httpFilters/0/typedConfig/rules");
    const httpFilters = ((chain["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["httpFilters"] as JsonObject[];
    expect(httpFilters.map((f) => f["name"])).toEqual(["envoy.filters.http.rbac", "envoy.filters.http.router"]);
    expect(httpFilters[0]!["typedConfig"]).toEqual({ "@type": "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC", rules: allow });
  });
  it("without the HTTP filter (2.5): a fresh network RBAC filter first, statPrefix from the listener name", () => {
    const { listener: out } = replaceChainRbac(listener, 1, allow, undefined, false);
    const filters = (out["filterChains"] as JsonObject[])[1]!["filters"] as JsonObject[];
    expect(filters.map((f) => f["name"])).toEqual(["envoy.filters.network.rbac", "envoy.filters.network.http_connection_manager"]);
    expect(filters[0]!["typedConfig"]).toEqual({ "@type": "type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC", rules: allow, statPrefix: "inbound_1_2_3_4_80." });
  });
  it("the generator's rules are set in place, and a chain without RBAC is left alone", () => {
    expect(setNetworkRbacRules(listener, 0, allow)).toBeUndefined();
    const set = setNetworkRbacRules(listener, 1, allow)!;
    expect(set.placement.rulesPointer).toBe("/filterChains/1/filters/0/typedConfig/rules");
  });
});
