/**
 * virtualHost modifications, expected values from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/virtual_host_mod.go: only HTTP connection managers
 * with an inline routeConfig, listeners by origin, route configurations by name, virtual hosts by name.
 */
import { describe, expect, it } from "vitest";
import { features } from "../../../model/versions.js";
import type { JsonObject } from "../../../json.js";
import type { ResourceSet, XdsResource } from "../../../xds/resource-set.js";
import type { ModPayload } from "../api.js";
import { parseModValue } from "./common.js";
import { applyVirtualHostMod } from "./virtual-host.js";

const HCM_URL = "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const hcm = (typedConfig: JsonObject): JsonObject => ({ name: "envoy.filters.network.http_connection_manager", typedConfig: { "@type": HCM_URL, statPrefix: "s", ...typedConfig } });
const routeConfig = (name: string, ...vhosts: string[]): JsonObject => ({ routeConfig: { name, virtualHosts: vhosts.map((v) => ({ name: v, domains: ["*"] })) } });
const listener = (name: string, origin: string, ...filters: JsonObject[]): XdsResource => ({ type: "listener", name, origin, value: { name, filterChains: [{ filters }] } });

function run(resources: ResourceSet, mod: ModPayload) {
  const v = parseModValue("virtualHost", mod);
  if (!v.ok) throw new Error(v.message);
  return applyVirtualHostMod({ resources, mod, features: features("2.14"), value: v.value });
}
/** Virtual-host names of each filter of the first chain (undefined for filters without an inline routeConfig). */
const vhostNames = (r: XdsResource) =>
  (((r.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[]) ?? []).map((f) => {
    const rc = (f["typedConfig"] as JsonObject | undefined)?.["routeConfig"] as JsonObject | undefined;
    return rc ? (rc["virtualHosts"] as JsonObject[]).map((v) => v["name"]) : undefined;
  });

describe("applyVirtualHostMod", () => {
  const rds = hcm({ rds: { routeConfigName: "r" } });
  const tcp = { name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", statPrefix: "t" } };
  const rs: ResourceSet = [listener("out", "outbound", hcm(routeConfig("rc-a", "a", "b")), rds, tcp), listener("in", "inbound", hcm(routeConfig("rc-b", "a")))];

  it("Add appends to every inline route configuration; RDS connection managers and other filters are ignored", () => {
    const out = run(rs, { operation: "Add", value: "name: new\ndomains: [x.org]\n" });
    expect(vhostNames(out.resources[0]!)).toEqual([["a", "b", "new"], undefined, undefined]);
    expect(vhostNames(out.resources[1]!)).toEqual([["a", "new"]]);
    expect(((out.resources[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[1]).toEqual(rds);
  });
  it("match.origin selects listeners and match.routeConfigurationName route configurations", () => {
    expect(vhostNames(run(rs, { operation: "Add", match: { origin: "inbound" }, value: "name: new" }).resources[0]!)).toEqual([["a", "b"], undefined, undefined]);
    const byRc = run(rs, { operation: "Add", match: { routeConfigurationName: "rc-b" }, value: "name: new" });
    expect(byRc.resources.map(vhostNames)).toEqual([[["a", "b"], undefined, undefined], [["a", "new"]]]);
  });
  it("Remove by name, and Remove without a name removes every virtual host (virtualHostMatches)", () => {
    expect(run(rs, { operation: "Remove", match: { name: "a" } }).resources.map(vhostNames)).toEqual([[["b"], undefined, undefined], [[]]]);
    const all = run(rs, { operation: "Remove", match: { origin: "outbound" } });
    expect(all.resources.map(vhostNames)).toEqual([[[], undefined, undefined], [["a"]]]);
    expect(all.matched.map((m) => m.label)).toEqual(["listener out / route rc-a / virtualHost a", "listener out / route rc-a / virtualHost b"]);
  });
  it("Patch merges into the named virtual host only", () => {
    const out = run(rs, { operation: "Patch", match: { name: "b" }, value: "domains: [b.org]\n" });
    const vhosts = ((((out.resources[0]!.value["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["routeConfig"] as JsonObject)["virtualHosts"];
    // Repeated fields append on proto merge (proto.Merge), so the domain is added after "*".
    expect(vhosts).toEqual([{ name: "a", domains: ["*"] }, { name: "b", domains: ["*", "b.org"] }]);
  });
  it("an unknown operation is Kuma's error", () => {
    expect(run(rs, { operation: "AddFirst" })).toMatchObject({ resources: rs, error: "invalid operation: AddFirst" });
  });
  it("clusters are never touched", () => {
    const c: XdsResource = { type: "cluster", name: "c", origin: "outbound", value: { name: "c" } };
    expect(run([c], { operation: "Remove" }).resources[0]).toBe(c);
  });
});
