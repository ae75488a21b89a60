/**
 * The MeshTLS plugin (kuma `pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go`, order 300): when the Mesh
 * has mTLS enabled and MeshTLS policies select the dataplane, every inbound listener they cover is rebuilt with
 * the policy's mode (and TLS version / ciphers) in the generator's shape (`configure` uses the same
 * FilterChainBuilder as the InboundProxyGenerator). The RBAC rules, and the legacy FaultInjection / RateLimit HTTP
 * filters and routes, the listener already carries are kept.
 *
 * From 3.0 (`meshTlsByIdentity`) the gate is the proxy's workload identity, not the Mesh's mTLS: see applyByIdentity.
 *
 * Not modelled: the plugin also writes `tlsParams` on outbound mesh clusters' UpstreamTlsContext
 * (applyToOutbounds / applyToRealResources); meshsim's outbound clusters carry no mesh TLS.
 */
import {
  NO_PERMISSION_RBAC_RULES,
  TCP_PORT_RESERVED,
  catchAllInboundPassthroughChain,
  inboundListener,
  listenerContext,
  strictInboundPortChains,
  strictInboundPorts,
} from "../../generate/inbound.js";
import { keepLegacyHttp } from "../../generate/legacy-http.js";
import { inboundPassthroughListener } from "../../generate/transparent-proxy.js";
import { DP_FEATURE } from "../../model/dataplane.js";
import { inboundInterfaces } from "../../model/interfaces.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import { INBOUND_FILTER, ORIGIN, passthroughName } from "../../xds/names.js";
import { addResource, findResource, type ResourceSet } from "../../xds/resource-set.js";
import type { PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import { effectiveTlsMode, mergeMeshTls } from "./mode.js";

/** The RBAC rules of the listener's first RBAC filter (the mTLS chain), if any. */
export function rbacRulesOf(listener: JsonObject): JsonObject | undefined {
  const chains = Array.isArray(listener["filterChains"]) ? (listener["filterChains"] as JsonObject[]) : [];
  for (const c of chains) {
    const filters = Array.isArray(c["filters"]) ? (c["filters"] as JsonObject[]) : [];
    for (const f of filters) {
      if (f["name"] !== INBOUND_FILTER.rbac) continue;
      const tc = f["typedConfig"];
      if (isJsonObject(tc) && isJsonObject(tc["rules"])) return tc["rules"];
    }
  }
  return undefined;
}

/**
 * applyToInbounds' configureInboundPassthroughListener (kumahq/kuma@v2.14.3 meshtls plugin.go, from v2.13.0): for
 * every inbound with a listener, both inbound passthrough listeners are rebuilt in that inbound's mode, so the last
 * one wins: Strict gives one chain per inbound port, Permissive the catch-all chain, with or without the
 * strict-inbound-ports feature (goldens `strict-with-strict-mtls`, `strict-with-permissive-mtls` @ v2.14.3).
 * Kuma builds both the IPv4 and the IPv6 listener (on the IPv4 inbound redirect port) whatever the proxy's
 * ipFamilyMode, and adds them when the resource set has none (the goldens above, whose proxy is IPv4-only and whose
 * test fixture has no passthrough listener); 3.0 checks the IPv6 family first (kumahq/kuma#17933).
 */
function rebuildInboundPassthrough(resources: ResourceSet, ctx: PluginContext, trace: string[]): ResourceSet {
  const f = ctx.features;
  if (!f.meshTlsRebuildsInboundPassthrough || ctx.transparentProxy.disabledReason) return resources;
  let last: { mode: string; listener: string } | undefined;
  for (const iface of inboundInterfaces(ctx.dataplane, { scheme: ctx.transparentProxy.scheme, features: f })) {
    const l = findResource(resources, "listener", iface.listenerName);
    if (l && l.origin === ORIGIN.inbound) last = { mode: effectiveTlsMode(ctx.mesh, ctx.policies, iface).mode, listener: iface.listenerName };
  }
  if (!last) return resources;
  let rs = resources;
  const plan = ctx.transparentProxy;
  const inboundPort = plan.families.find((x) => x.family === "ipv4")?.inboundPort ?? plan.families[0]?.inboundPort ?? 0;
  for (const family of ["ipv4", "ipv6"] as const) {
    const name = passthroughName("inbound", family, plan.scheme);
    const existing = findResource(rs, "listener", name);
    const base = existing?.value ?? inboundPassthroughListener(ctx.dataplane, f, plan, family, inboundPort);
    const strict = last.mode === "STRICT";
    const ports = strictInboundPorts(ctx.dataplane, f);
    const filterChains = strict ? strictInboundPortChains(name, ports) : [catchAllInboundPassthroughChain(name)];
    rs = addResource(rs, { type: "listener", name, origin: ORIGIN.transparent, value: { ...base, filterChains } });
    if (!existing) trace.push(`MeshTLS: ${name} added (Kuma ${f.minor}'s MeshTLS builds both inbound passthrough listeners, whatever the ipFamilyMode)`);
    trace.push(
      `MeshTLS: ${name} rebuilt in the mode of ${last.listener} (${last.mode}): ${strict ? `only destination ports ${ports.join(", ")}` : "the catch-all chain"}`,
    );
  }
  return rs;
}

/**
 * Kuma 3.0's MeshTLS (kumahq/kuma@348b6528bc meshtls plugin.go Apply, applyToInbounds, configureInboundPassthroughListener):
 * nothing without a workload identity; with one, every inbound with a listener is visited, the inbound passthrough
 * listeners are rebuilt in the last inbound's mode (the rule's, Strict by default) and keep only the inbound ports
 * in Strict mode when kuma-dp has `feature-strict-inbound-ports`. The inbound listeners' mTLS from a workload
 * identity is not modelled (MeshIdentity is reported as not modelled): they are left as generated.
 */
function applyByIdentity(resources: ResourceSet, ctx: PluginContext): PluginOutput {
  const names = ctx.policies.map((p) => p.envelope.name).join(", ");
  if (!ctx.workloadIdentity) {
    const message = `MeshTLS ${names}: no MeshIdentity selects ${ctx.dataplane.name}, and Kuma ${ctx.features.minor} skips MeshTLS for a proxy without a workload identity ("skip applying MeshTLS, the proxy has no workload identity")`;
    return { resources, warnings: [{ code: "policy-ignored", message }], trace: [message] };
  }
  const trace = [`MeshTLS (${names}): the inbound listeners' mTLS from the workload identity is not modelled; they are left as generated`];
  if (ctx.transparentProxy.disabledReason) return { resources, warnings: [], trace };
  let last: { mode: string; listener: string } | undefined;
  for (const iface of inboundInterfaces(ctx.dataplane, { scheme: ctx.transparentProxy.scheme, features: ctx.features })) {
    const l = findResource(resources, "listener", iface.listenerName);
    if (l && l.origin === ORIGIN.inbound) last = { mode: mergeMeshTls(ctx.policies, iface).conf.mode ?? "Strict", listener: iface.listenerName };
  }
  if (!last) return { resources, warnings: [], trace };
  const strict = last.mode === "Strict" && ctx.dataplane.features.has(DP_FEATURE.strictInboundPorts);
  let rs = resources;
  for (const { family } of ctx.transparentProxy.families) {
    const name = passthroughName("inbound", family, ctx.transparentProxy.scheme);
    const existing = findResource(rs, "listener", name);
    if (!existing) continue;
    const ports = strictInboundPorts(ctx.dataplane, ctx.features);
    rs = addResource(rs, { ...existing, value: { ...existing.value, filterChains: strict ? strictInboundPortChains(name, ports) : [catchAllInboundPassthroughChain(name)] } });
    trace.push(`MeshTLS: ${name} rebuilt in the mode of ${last.listener} (${last.mode}${last.mode === "Strict" && !strict ? `, without ${DP_FEATURE.strictInboundPorts}` : ""}): ${strict ? `only destination ports ${ports.join(", ")}` : "the catch-all chain"}`);
  }
  return { resources: rs, warnings: [], trace };
}

/** Rebuilds the inbound listeners a MeshTLS policy covers in the mode it sets. */
export const meshTlsPlugin: PolicyPlugin = {
    apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
      if (ctx.features.meshTlsByIdentity) return applyByIdentity(resources, ctx);
      const names = ctx.policies.map((p) => p.envelope.name).join(", ");
      const overall = effectiveTlsMode(ctx.mesh, ctx.policies);
      if (overall.ignored) return { resources, warnings: [{ code: "policy-ignored", message: overall.ignored }], trace: [overall.ignored] };
      const lctx = listenerContext(ctx.dataplane, ctx.features);
      let rs = resources;
      const trace: string[] = [];
      for (const iface of inboundInterfaces(ctx.dataplane, { scheme: ctx.transparentProxy.scheme, features: ctx.features })) {
        if (iface.dataplanePort === TCP_PORT_RESERVED || iface.dataplanePort === 0) continue;
        const existing = findResource(rs, "listener", iface.listenerName);
        if (!existing || existing.origin !== ORIGIN.inbound) continue;
        if (mergeMeshTls(ctx.policies, iface).from.length === 0) continue;
        const tls = effectiveTlsMode(ctx.mesh, ctx.policies, iface);
        // Kuma's FilterChainBuilder adds the legacy FaultInjection / RateLimit filters and routes again: keep them.
        // Kuma takes the rules from proxy.Policies.TrafficPermissions (what the generator's RBAC filter holds here); a
        // listener without one has no permission, which NetworkRBAC renders as `rules: {}` (goldens `strict-with-*` @ v2.14.3).
        const value = keepLegacyHttp(inboundListener(iface, ctx.mesh.name, tls, { ...lctx, rbacRules: rbacRulesOf(existing.value) ?? NO_PERMISSION_RBAC_RULES }), existing.value);
        rs = addResource(rs, { ...existing, value });
        trace.push(`MeshTLS (order 300): ${iface.listenerName} rebuilt in mode ${tls.mode}${tls.tlsVersion ? `, TLS ${tls.tlsVersion.min ?? "TLSAuto"}–${tls.tlsVersion.max ?? "TLSAuto"}` : ""} (${tls.trace.join("; ")})`);
      }
      if (trace.length === 0) trace.push(`MeshTLS (${names}): no inbound listener of this dataplane is covered`);
      rs = rebuildInboundPassthrough(rs, ctx, trace);
      return { resources: rs, warnings: [], trace };
    },
};
