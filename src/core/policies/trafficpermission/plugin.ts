/**
 * TrafficPermission: the RBAC rules of every inbound listener's mTLS chain, as Kuma's InboundProxyGenerator writes
 * them (kuma `pkg/xds/generator/inbound_proxy_generator.go` NetworkRBAC, `pkg/xds/envoy/listeners/v3/
 * network_rbac_configurer.go` @ v2.14.3, unchanged since 2.5.0): the one TrafficPermission whose destination selects
 * the inbound's tags best (SelectInboundConnectionPolicy) becomes the policy of that name, one principal per source
 * selector; no TrafficPermission leaves the rules without policies, which Envoy reads as deny-all. With mTLS off the
 * generator adds no RBAC filter.
 *
 * meshsim's generator builds the chains first (allow-all rules); this plugin, first in the pipeline, sets the
 * generator's rules, so the MeshTLS and MeshTrafficPermission plugins see what Kuma's would.
 */
import type { JsonObject } from "../../json.js";
import { inboundInterfaces } from "../../model/interfaces.js";
import { selectInboundConnectionPolicy } from "../../model/legacy-select.js";
import { ORIGIN, kumaTagSan, meshSpiffeId } from "../../xds/names.js";
import type { Write } from "../../xds/provenance.js";
import { addResource, findResource, type ResourceSet } from "../../xds/resource-set.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import { effectiveTrafficPermissions, type TrafficPermissionModel } from "./defaults.js";
import { anyPermissionPolicy, authenticated, combinePrincipals, mtlsChains, setNetworkRbacRules } from "./rbac-filter.js";

const SERVICE_TAG = "kuma.io/service";

/**
 * network_rbac_configurer.go principalFromSelector: a `kuma://<tag>/<value>` principal per tag other than the service
 * and `*`, then the service's SPIFFE ID unless `*`; combined with AND. Kuma iterates the selector map in Go's random
 * order; meshsim sorts the tags (the AND is the same).
 */
export function principalFromSelector(sel: Readonly<Record<string, string>>, mesh: string): JsonObject {
  const ps: JsonObject[] = [];
  for (const k of Object.keys(sel).sort()) {
    const v = sel[k]!;
    if (k === SERVICE_TAG || v === "*") continue;
    ps.push(authenticated(kumaTagSan(k, v)));
  }
  const service = sel[SERVICE_TAG];
  if (service !== undefined && service !== "" && service !== "*") ps.push(authenticated(meshSpiffeId(mesh, service)));
  return combinePrincipals(ps);
}

/** network_rbac_configurer.go createRbacRule: ALLOW (protojson omits it) with the permission's policy, or none. */
export function trafficPermissionRules(tp: TrafficPermissionModel | undefined): JsonObject {
  if (!tp) return {};
  return { policies: { [tp.name]: anyPermissionPolicy(tp.sources.map((s) => principalFromSelector(s, tp.mesh))) } };
}

export const trafficPermissionPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    // mTLS off: NetworkRBAC(rbacEnabled=false) adds nothing; the generator's trace already says "one plain filter chain".
    if (ctx.mesh.mtls === "off") return { resources, warnings: [], trace: [] };
    const { list, assumption } = effectiveTrafficPermissions(ctx, "TrafficPermission");
    let rs = resources;
    const trace: string[] = [];
    const writes: Write[] = [];
    for (const iface of inboundInterfaces(ctx.dataplane)) {
      const existing = findResource(rs, "listener", iface.listenerName);
      if (!existing || existing.origin !== ORIGIN.inbound) continue;
      const sel = selectInboundConnectionPolicy(iface.tags, ctx.dataplane.mesh, list);
      const rules = trafficPermissionRules(sel?.policy);
      let value = existing.value;
      for (const c of mtlsChains(value)) {
        const set = setNetworkRbacRules(value, c, rules);
        if (!set) continue;
        value = set.listener;
        if (sel) writes.push({ resource: `listener/${iface.listenerName}`, pointer: set.placement.rulesPointer, source: `TrafficPermission ${sel.policy.name}`, seq: writes.length });
      }
      rs = addResource(rs, { ...existing, value });
      trace.push(
        sel
          ? `TrafficPermission ${sel.policy.name} selects ${iface.listenerName} (destination rank ${sel.rank.exact} exact + ${sel.rank.wildcard} wildcard${sel.tiedWith.length ? `; tied with ${sel.tiedWith.join(", ")}, the later created wins` : ""}): RBAC allows its ${sel.policy.sources.length} source selector(s)`
          : `no TrafficPermission selects ${iface.listenerName}: the generator's RBAC has no policy (Envoy denies every connection unless MeshTrafficPermission takes over)`,
      );
    }
    return { resources: rs, warnings: [], trace, writes, ...(assumption ? { assumptions: [assumption] } : {}) };
  },
};
