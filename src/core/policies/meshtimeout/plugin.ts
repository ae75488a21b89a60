/**
 * The MeshTimeout plugin on a sidecar (kuma `pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go` Apply,
 * applyToInbounds, applyToOutbounds, applyToClusters, applyToRealResource(s), with the configurers of
 * `plugin/xds/configurer.go`, per release as the version table says):
 * - every inbound listener (found by its address) and its local cluster get the merged conf of the `from` / `rules`
 *   entries that match all incoming traffic, each missing field the plugin's default; v2.14.0 adds spiffeID-matched
 *   route copies and leaves the common conf and the cluster alone without a catch-all rule;
 * - legacy outbound (`kuma.io/service`) listeners get the `to` conf when a rule matches, their clusters from 2.10.0
 *   always (the defaults when none matches); Mesh*Service outbounds (2.9.0 on) the conf of the most specific `to`
 *   entries for their port, service or Mesh;
 * - passthrough (origin `transparent`) resources are never touched.
 * Before 2.10.0 the plugin returns early when no MeshTimeout selects the proxy, and an inbound a MeshTimeout covers
 * without `from` gets `meshTimeoutInboundWithoutFrom`. When the snapshot has no MeshTimeout in the proxy's mesh, Kuma's
 * default MeshTimeouts of the release are assumed (defaults.ts). Limits set from a policy carry that entry as source.
 * Not modelled: the HTTP routes of in-mesh outbounds (meshsim forwards them with tcp_proxy), MeshHTTPRoute rules,
 * gateways and zone proxies.
 */
import { inboundInterfaces } from "../../model/interfaces.js";
import type { KumaProtocol, OutboundTarget } from "../../model/outbound-target.js";
import { namingScheme } from "../../model/transparent-proxy.js";
import type { VersionFeatures } from "../../model/versions.js";
import { TCP_PORT_RESERVED } from "../../generate/inbound.js";
import { resourceKey } from "../../xds/provenance.js";
import type { ResourceSet } from "../../xds/resource-set.js";
import { EMPTY_CONF, mergeConfs } from "../conf-merge.js";
import { effectivePolicies } from "../default-policies.js";
import { coveringPolicies, inboundRuleEntries, legacyToEntries, realToEntries } from "../rule-entries.js";
import { Edits } from "../resource-edits.js";
import { inboundCluster, inboundClusterName, inboundListenerAt } from "../timeout-targets.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import { configureCluster, configureListener, configureMatchedRoutes, timeoutConf, type TimeoutConf } from "./configurer.js";
import { DEFAULT_MESH_TIMEOUTS_TEXT, defaultMeshTimeouts } from "./defaults.js";

/** plugin_xds.DefaultTimeoutConf (2.9.x), with its 2.9.0 … 2.9.3 stream idle and max connection duration. */
function defaultTimeoutConf(f: VersionFeatures): TimeoutConf {
  const http = { requestTimeout: "15s", streamIdleTimeout: f.meshTimeoutDefaultConfBug ? "5s" : "30m", maxStreamDuration: "0s", maxConnectionDuration: f.meshTimeoutDefaultConfBug ? "5s" : "0s", requestHeadersTimeout: "0s" };
  return timeoutConf({ conf: { connectionTimeout: "5s", idleTimeout: "1h", http }, sources: new Map() });
}

/** The inbound listener's protocol as the plugin parses it (core_meta.ParseProtocol of the inbound's protocol). */
const inboundProtocol = (p: string): KumaProtocol => (p === "tcp" || p === "http" || p === "http2" || p === "grpc" || p === "kafka" ? p : "unknown");

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go applyToInbounds (per release: versions.ts)
function applyToInbounds(e: Edits, ctx: PluginContext, policies: PluginContext["policies"], trace: string[]): void {
  const f = ctx.features;
  const ifaces = inboundInterfaces(ctx.dataplane, { scheme: namingScheme(ctx.dataplane, ctx.mesh, f), features: f });
  for (const iface of ifaces) {
    if (iface.dataplanePort === TCP_PORT_RESERVED || iface.dataplanePort === 0) continue;
    let listener = inboundListenerAt(e.rs, iface);
    if (!listener) continue;
    const covering = coveringPolicies(policies, iface);
    const entries = inboundRuleEntries(covering, f);
    const catchAll = entries.filter((x) => x.match === undefined);
    const protocol = inboundProtocol(iface.protocol);
    let conf: TimeoutConf | undefined;
    let how: string;
    let clusterToo = true;
    if (f.inboundTimeoutDefaults || covering.length === 0 || catchAll.length > 0) {
      conf = timeoutConf(catchAll.length > 0 ? mergeConfs(catchAll) : EMPTY_CONF);
      how = catchAll.length > 0 ? `conf of ${[...new Set(catchAll.map((x) => x.source))].join(", ")}` : "the plugin's defaults (no rule matches all incoming traffic)";
      // v2.14.0: matched-only rules leave the common conf and the cluster alone (applyCommonConf).
      if (f.meshTimeoutMatches && entries.length > 0 && catchAll.length === 0) {
        conf = undefined;
        clusterToo = false;
        how = "spiffeID-matched rules only: the common conf and the cluster are left alone";
      }
    } else {
      switch (f.meshTimeoutInboundWithoutFrom) {
        case "hcm-idle-only":
          listener = e.put(listener, configureListener(listener.value, undefined, protocol, f).value, []);
          trace.push(`MeshTimeout: ${iface.listenerName} is selected by ${covering.map((p) => p.envelope.name).join(", ")} without a from rule: only the HTTP connection manager's idle timeout (0s) is set, the cluster is left alone`);
          continue;
        case "skip":
          trace.push(`MeshTimeout: ${iface.listenerName} is selected by ${covering.map((p) => p.envelope.name).join(", ")} without a from rule: Kuma ${f.release} leaves the inbound alone`);
          continue;
        case "default-conf":
          conf = defaultTimeoutConf(f);
          how = `plugin_xds.DefaultTimeoutConf (selected by ${covering.map((p) => p.envelope.name).join(", ")} without a from rule)`;
          break;
      }
    }
    if (conf) {
      const l = configureListener(listener.value, conf, protocol, f);
      listener = e.put(listener, l.value, l.writes);
    }
    const m = configureMatchedRoutes(listener.value, entries);
    if (m.duplicated > 0 || m.value !== listener.value) {
      listener = e.put(listener, m.value, m.writes);
      how += `; ${m.duplicated} route copies for spiffeID-matched rules`;
    }
    const name = inboundClusterName(iface, f);
    const cluster = inboundCluster(e.rs, name);
    if (cluster && conf && clusterToo) {
      const c = configureCluster(cluster.value, conf, protocol);
      e.put(cluster, c.value, c.writes);
    }
    const missed = !cluster && iface.unified && !f.policiesFindUnifiedInboundClusters ? ` (Kuma ${f.release} looks the cluster up as ${name}, so ${iface.clusterName} keeps the generator's timeouts; fixed in v2.12.14, v2.13.10, v2.14.2: #17505)` : "";
    trace.push(`MeshTimeout: ${iface.listenerName}${cluster && clusterToo ? ` and ${cluster.name}` : ""}: ${how}${missed}`);
  }
}

/** A legacy or real outbound's conf, or undefined when Kuma leaves that part alone. */
function outboundConfs(t: OutboundTarget, policies: PluginContext["policies"], f: VersionFeatures): { listener?: TimeoutConf; cluster?: TimeoutConf; what: string } {
  if (t.destination && f.policiesRealResources) {
    const entries = realToEntries(policies, t.destination);
    const conf = entries.length > 0 ? timeoutConf(mergeConfs(entries)) : f.inboundTimeoutDefaults ? timeoutConf(EMPTY_CONF) : defaultTimeoutConf(f);
    const what = entries.length > 0 ? `conf of ${[...new Set(entries.map((x) => x.source))].join(", ")}` : f.inboundTimeoutDefaults ? "the plugin's defaults" : "plugin_xds.DefaultTimeoutConf";
    return { listener: conf, cluster: conf, what };
  }
  // Legacy: the listener only when a `to` rule matches; the cluster (named like the service) too before 2.10.0.
  const service = t.service ?? t.cluster ?? "";
  const entries = legacyToEntries(policies, service);
  const conf = entries.length > 0 ? timeoutConf(mergeConfs(entries)) : undefined;
  const what = conf ? `conf of ${[...new Set(entries.map((x) => x.source))].join(", ")}` : "the plugin's defaults (no to rule matches)";
  // A real resource before 2.9.0 is an outbound Kuma does not list: its listener is left alone (NonBackendRefFilter).
  return { ...(conf && !t.destination ? { listener: conf } : {}), ...(conf || f.inboundTimeoutDefaults ? { cluster: conf ?? timeoutConf(EMPTY_CONF) } : {}), what };
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go applyToOutbounds, applyToClusters and applyToRealResource
function applyToOutbounds(e: Edits, ctx: PluginContext, policies: PluginContext["policies"], trace: string[]): void {
  const f = ctx.features;
  const lines: string[] = [];
  for (const t of ctx.outboundTargets ?? []) {
    const confs = outboundConfs(t, policies, f);
    // Before 2.9.0 a Mesh*Service cluster is configured by its name, whose service protocol Kuma does not know.
    const protocol = t.destination && !f.policiesRealResources ? "unknown" : t.protocol;
    const listener = e.get("listener", t.listener);
    if (listener && confs.listener) {
      const l = configureListener(listener.value, confs.listener, protocol, f);
      e.put(listener, l.value, l.writes);
    }
    const cluster = t.cluster !== undefined ? e.get("cluster", t.cluster) : undefined;
    if (cluster && confs.cluster && !e.touched.has(resourceKey(cluster))) {
      const c = configureCluster(cluster.value, confs.cluster, protocol);
      e.put(cluster, c.value, c.writes);
    }
    if (confs.listener || confs.cluster) lines.push(`${t.listener}${cluster ? ` → ${cluster.name}` : ""}: ${confs.what}`);
  }
  if (lines.length > 0) trace.push(`MeshTimeout: outbounds: ${lines.join("; ")}`);
}

export const meshTimeoutPlugin: PolicyPlugin = {
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
    const f = ctx.features;
    const eff = effectivePolicies(ctx, "MeshTimeout", defaultMeshTimeouts(f), DEFAULT_MESH_TIMEOUTS_TEXT, "pkg/defaults/mesh/meshtimeout.go");
    const assumptions = eff.assumption ? [eff.assumption] : [];
    // Before 2.10.0 the plugin returns when no MeshTimeout selects the proxy (no to / from rules).
    if (eff.policies.length === 0 && !f.inboundTimeoutDefaults) return { resources, warnings: [], trace: [], assumptions };
    const e = new Edits(resources);
    const trace: string[] = [
      `MeshTimeout (order 1000): ${eff.policies.length > 0 ? eff.policies.map((p) => p.envelope.name).join(", ") : `no policy; Kuma ${f.release} applies its defaults`}`,
    ];
    applyToInbounds(e, ctx, eff.policies, trace);
    applyToOutbounds(e, ctx, eff.policies, trace);
    return { resources: e.rs, warnings: [], trace, writes: e.writes, assumptions };
  },
};
