/**
 * The MeshCircuitBreaker plugin on a sidecar (kuma `pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go`
 * Apply, applyToInbounds, applyToOutbounds, applyToRealResources, per release as the version table says):
 * - from v2.14.0 every cluster of any origin, passthrough ones included, tracks remaining resources first
 *   (applyTrackRemaining over GatherAllClusters, with or without a policy; commit a09ff66614, #16757);
 * - an inbound's local cluster gets the merged conf of the `from` / `rules` entries (found by `localhost:<dataplane
 *   port>` before the servicePort fix, #14875);
 * - a legacy outbound's cluster the `to` conf when a rule matches its `kuma.io/service`; a Mesh*Service outbound's
 *   cluster (2.9.0 on; MeshExternalService from v2.14.0) the conf of the most specific `to` entries for its port,
 *   service or Mesh.
 * When the snapshot has no MeshCircuitBreaker in the proxy's mesh, Kuma's default `mesh-circuit-breaker-all` is
 * assumed (2.6.0 on, defaults.ts). Limits set from a policy carry that entry as source. Not modelled: gateways and zone
 * egress.
 */
import { inboundInterfaces, type InboundInterface } from "../../model/interfaces.js";
import { namingScheme } from "../../model/transparent-proxy.js";
import type { VersionFeatures } from "../../model/versions.js";
import { localClusterName } from "../../xds/names.js";
import { resourceKey } from "../../xds/provenance.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { mergeConfs } from "../conf-merge.js";
import { effectivePolicies } from "../default-policies.js";
import { Edits } from "../resource-edits.js";
import { coveringPolicies, inboundRuleEntries, legacyToEntries, realToEntries } from "../rule-entries.js";
import { inboundCluster, inboundClusterName } from "../timeout-targets.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import { configureCluster, ensureTrackRemaining } from "./configurer.js";
import { DEFAULT_MESH_CIRCUIT_BREAKERS_TEXT, defaultMeshCircuitBreakers } from "./defaults.js";

/** The inbound cluster name MeshCircuitBreaker looks up (GetLocalClusterName(iface.DataplanePort) before #14875). */
function mcbInboundClusterName(iface: InboundInterface, f: VersionFeatures): string {
  if (!f.mcbInboundClusterByWorkloadPort && !f.unifiedNamingAlways && !(iface.unified && f.policiesFindUnifiedInboundClusters)) return localClusterName(iface.dataplanePort);
  return inboundClusterName(iface, f);
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go applyToInbounds
function applyToInbounds(e: Edits, ctx: PluginContext, policies: PluginContext["policies"], trace: string[]): void {
  const f = ctx.features;
  for (const iface of inboundInterfaces(ctx.dataplane, { scheme: namingScheme(ctx.dataplane, ctx.mesh, f), features: f })) {
    const catchAll = inboundRuleEntries(coveringPolicies(policies, iface), f).filter((x) => x.match === undefined);
    if (catchAll.length === 0) continue;
    const name = mcbInboundClusterName(iface, f);
    const cluster = inboundCluster(e.rs, name);
    const sources = [...new Set(catchAll.map((x) => x.source))].join(", ");
    if (!cluster) {
      if (inboundCluster(e.rs, iface.clusterName)) trace.push(`MeshCircuitBreaker: ${sources} for ${iface.listenerName}: Kuma ${f.release} looks the cluster up as ${name}, so ${iface.clusterName} is left alone`);
      continue;
    }
    const c = configureCluster(cluster.value, mergeConfs(catchAll), f);
    e.put(cluster, c.value, c.writes);
    trace.push(`MeshCircuitBreaker: ${cluster.name} (${iface.listenerName}): conf of ${sources}`);
  }
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go applyToOutbounds and applyToRealResources
function applyToOutbounds(e: Edits, ctx: PluginContext, policies: PluginContext["policies"], trace: string[]): void {
  const f = ctx.features;
  const lines: string[] = [];
  for (const t of ctx.outboundTargets ?? []) {
    if (t.cluster === undefined) continue;
    const cluster = e.get("cluster", t.cluster);
    if (!cluster || e.touched.has(resourceKey(cluster))) continue;
    let entries;
    if (t.destination) {
      // Real resources from 2.9.0; MeshExternalService clusters of sidecars from v2.14.0 (NonMeshExternalService before).
      if (!f.policiesRealResources || (t.destination.kind === "MeshExternalService" && !f.mcbMeshExternalServiceClusters)) continue;
      entries = realToEntries(policies, t.destination);
    } else entries = legacyToEntries(policies, t.service ?? t.cluster);
    if (entries.length === 0) continue;
    const c = configureCluster(cluster.value, mergeConfs(entries), f);
    e.put(cluster, c.value, c.writes);
    lines.push(`${cluster.name}: conf of ${[...new Set(entries.map((x) => x.source))].join(", ")}`);
  }
  if (lines.length > 0) trace.push(`MeshCircuitBreaker: outbound clusters: ${lines.join("; ")}`);
}

export const meshCircuitBreakerPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    const f = ctx.features;
    const trace: string[] = [];
    let rs = resources;
    if (f.trackRemainingOnEveryCluster) {
      // applyTrackRemaining(GatherAllClusters(rs)): every cluster of any origin, before the policies.
      rs = resources.map((r) => (r.type === "cluster" ? { ...r, value: ensureTrackRemaining(r.value) } : r));
      const n = rs.filter((r) => r.type === "cluster").length;
      if (n > 0) trace.push(`MeshCircuitBreaker (order 1300, 2.14+): added circuitBreakers.thresholds[{trackRemaining: true}] to all ${n} clusters, with or without a MeshCircuitBreaker policy`);
    }
    const e = new Edits(rs);
    const eff = effectivePolicies(ctx, "MeshCircuitBreaker", defaultMeshCircuitBreakers(f), DEFAULT_MESH_CIRCUIT_BREAKERS_TEXT, "pkg/defaults/mesh/meshcircuitbreaker.go");
    const assumptions = eff.assumption ? [eff.assumption] : [];
    if (eff.policies.length > 0) {
      trace.push(`MeshCircuitBreaker (order 1300): ${eff.policies.map((p) => p.envelope.name).join(", ")}`);
      applyToInbounds(e, ctx, eff.policies, trace);
      applyToOutbounds(e, ctx, eff.policies, trace);
    }
    return { resources: e.rs, warnings: [], trace, writes: e.writes, assumptions };
  },
};
