/**
 * The MeshTrafficPermission plugin (kuma `pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go` and
 * `xds/legacy_rbac_configurer.go` @ v2.14.3, order 1100). With the Mesh's mTLS on, for every inbound listener:
 * - the `from` rules of the policies that cover the inbound (rules.ts) replace the RBAC of each chain protected by
 *   Kuma's TLS: ALLOW with one principal per Allow / AllowWithShadowDeny rule (its tags: `spiffe://<mesh>/<service>`
 *   for `kuma.io/service`, `kuma://<tag>/<value>` otherwise, negated tags as `notId`, AND-ed), under the policy name
 *   `MeshTrafficPermission`; Deny rules add no principal; AllowWithShadowDeny ones also go to DENY `shadowRules`;
 * - on a chain with an HTTP connection manager the rules go into `envoy.filters.http.rbac`, first HTTP filter, and the
 *   network RBAC filter is removed (from 2.6.0, #8777; before, the network filter);
 * - an inbound no MeshTrafficPermission covers keeps the generator's (TrafficPermission) RBAC when a TrafficPermission
 *   selects the proxy; otherwise, from 2.7.0 (#9110), it gets deny-all rules (`denyRules`).
 * With mTLS off the plugin does nothing (no RBAC at all).
 *
 * Not modelled: the `rules` API (2.12+, matcher-based RBAC) and MeshIdentity workload identities: an inbound covered by
 * a `rules` policy is left as it was, with a warning; zone egress listeners.
 */
import type { JsonObject } from "../../json.js";
import { inboundInterfaces, type InboundInterface } from "../../model/interfaces.js";
import { selectInboundConnectionPolicy } from "../../model/legacy-select.js";
import type { PolicyResource } from "../../model/policy.js";
import type { TargetRef } from "../../model/target-ref.js";
import { ORIGIN, kumaTagSan, meshSpiffeId } from "../../xds/names.js";
import type { Write } from "../../xds/provenance.js";
import { addResource, findResource, type ResourceSet } from "../../xds/resource-set.js";
import type { Warning } from "../../warnings.js";
import { coversInbound as coversByMeshTls } from "../meshtls/mode.js";
import { effectiveTrafficPermissions } from "../trafficpermission/defaults.js";
import { anyPermissionPolicy, authenticated, combinePrincipals, mtlsChains, replaceChainRbac } from "../trafficpermission/rbac-filter.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import type { MeshTrafficPermissionSpec } from "./api.js";
import { buildFromRules, type FromItem, type MtpRule, type Subset } from "./rules.js";

const SERVICE_TAG = "kuma.io/service";
/** The RBAC policy name the legacy configurer writes. */
export const MTP_RBAC_POLICY = "MeshTrafficPermission";

/** Whether a policy's top-level targetRef covers the inbound (Kuma matches MeshTrafficPermission per inbound listener). */
export function coversInbound(ref: TargetRef | undefined, iface: InboundInterface): boolean {
  if (!ref) return true;
  const tagsMatch = (sel: Readonly<Record<string, string>>) => Object.entries(sel).every(([k, v]) => v === "*" || iface.tags[k] === v);
  switch (ref.kind) {
    case "MeshService":
      return iface.tags[SERVICE_TAG] === ref.name;
    case "MeshServiceSubset":
      return iface.tags[SERVICE_TAG] === ref.name && tagsMatch(ref.tags ?? {});
    default:
      return coversByMeshTls(ref, iface);
  }
}

/** legacy_rbac_configurer.go principalFromSubset. */
export function principalFromSubset(ss: Subset, mesh: string): JsonObject {
  return combinePrincipals(
    ss.map((t) => {
      const p = authenticated(t.key === SERVICE_TAG ? meshSpiffeId(mesh, t.value) : kumaTagSan(t.key, t.value));
      return t.not ? { notId: p } : p;
    }),
  );
}

/** legacy_rbac_configurer.go createRules / createShadowRules, with the rule behind each ALLOW principal. */
export function legacyRbac(rules: readonly MtpRule[], mesh: string): { rules: JsonObject; shadowRules?: JsonObject; allowedBy: MtpRule[] } {
  const allow = rules.filter((r) => r.action === "Allow");
  const shadow = rules.filter((r) => r.action === "AllowWithShadowDeny");
  const allowedBy = [...allow, ...shadow];
  const out: JsonObject = allowedBy.length > 0 ? { policies: { [MTP_RBAC_POLICY]: anyPermissionPolicy(allowedBy.map((r) => principalFromSubset(r.subset, mesh))) } } : {};
  if (shadow.length === 0) return { rules: out, allowedBy };
  return { rules: out, shadowRules: { action: "DENY", policies: { [MTP_RBAC_POLICY]: anyPermissionPolicy(shadow.map((r) => principalFromSubset(r.subset, mesh))) } }, allowedBy };
}

const source = (i: FromItem) => `${i.policy}#from[${i.index}]`;

function fromItems(policies: readonly PolicyResource[]): FromItem[] {
  return policies.flatMap((p) => ((p.spec as MeshTrafficPermissionSpec).from ?? []).map((f, index) => ({ policy: p.envelope.name, index, targetRef: f.targetRef, action: f.default?.action ?? "Deny" })));
}

export const meshTrafficPermissionPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    const f = ctx.features;
    if (ctx.mesh.mtls === "off") {
      // "skip applying MeshTrafficPermission, MTLS is disabled"; said in the trace only when a policy selects the proxy.
      const trace = ctx.policies.length > 0 ? [`MeshTrafficPermission (order 1100): skipped, the Mesh has mTLS off ("skip applying MeshTrafficPermission, MTLS is disabled"): no RBAC`] : [];
      return { resources, warnings: [], trace };
    }
    const tps = effectiveTrafficPermissions(ctx, "MeshTrafficPermission").list;
    const ifaces = inboundInterfaces(ctx.dataplane);
    // proxy.Policies.TrafficPermissions: the inbounds of this proxy some TrafficPermission selects.
    const tpSelectsProxy = ifaces.some((i) => selectInboundConnectionPolicy(i.tags, ctx.dataplane.mesh, tps) !== undefined);
    let rs = resources;
    const trace: string[] = [];
    const warnings: Warning[] = [];
    const writes: Write[] = [];
    for (const iface of ifaces) {
      const existing = findResource(rs, "listener", iface.listenerName);
      if (!existing || existing.origin !== ORIGIN.inbound) continue;
      const covering = ctx.policies.filter((p) => coversInbound((p.spec as MeshTrafficPermissionSpec).targetRef, iface));
      const withRules = covering.filter((p) => ((p.spec as MeshTrafficPermissionSpec).rules ?? []).length > 0);
      if (withRules.length > 0) {
        const names = withRules.map((p) => p.envelope.name).join(", ");
        warnings.push({ code: "resource-not-modelled", message: `MeshTrafficPermission ${names} uses \`rules\` (matcher-based RBAC, 2.12+), which meshsim does not model: ${iface.listenerName} keeps the RBAC computed without it, so the verdict for it is approximate` });
        trace.push(`MeshTrafficPermission: ${iface.listenerName} is covered by \`rules\` policies (${names}), not modelled`);
        continue;
      }
      let rules: MtpRule[];
      let how: string;
      if (covering.length === 0) {
        if (!f.mtpDefaultDeny || tpSelectsProxy) {
          trace.push(`MeshTrafficPermission: no policy covers ${iface.listenerName}; it keeps the generator's RBAC (${tpSelectsProxy ? "a TrafficPermission selects this proxy" : `Kuma ${f.minor} has no default deny`})`);
          continue;
        }
        rules = [];
        how = "no MeshTrafficPermission covers it and no TrafficPermission selects the proxy: default deny (every client denied)";
      } else {
        rules = buildFromRules(fromItems(covering), f.mtpRulesCliques);
        how = `${covering.map((p) => p.envelope.name).join(", ")}: ${rules.map((r) => `${r.subset.length ? r.subset.map((t) => `${t.key}${t.not ? "!=" : "="}${t.value}`).join(",") : "any client"} → ${r.action} (${source(r.decidedBy)})`).join("; ") || "no rule"}`;
      }
      const built = legacyRbac(rules, ctx.dataplane.mesh);
      let value = existing.value;
      const resource = `listener/${iface.listenerName}`;
      for (const c of mtlsChains(value)) {
        const r = replaceChainRbac(value, c, built.rules, built.shadowRules, f.mtpHttpRbacFilter);
        value = r.listener;
        const denied = rules.filter((x) => x.action === "Deny").map((x) => source(x.decidedBy));
        writes.push({ resource, pointer: r.placement.rulesPointer, source: covering.length === 0 ? "MeshTrafficPermission default deny" : [...new Set(denied)].join(", ") || covering.map((p) => p.envelope.name).join(", "), seq: writes.length });
        built.allowedBy.forEach((rule, k) => writes.push({ resource, pointer: `${r.placement.rulesPointer}/policies/${MTP_RBAC_POLICY}/principals/${k}`, source: source(rule.decidedBy), seq: writes.length }));
      }
      rs = addResource(rs, { ...existing, value });
      trace.push(`MeshTrafficPermission (order 1100): ${iface.listenerName}: ${how}${f.mtpHttpRbacFilter ? "" : " (network RBAC filter)"}`);
    }
    return { resources: rs, warnings, trace, writes };
  },
};
