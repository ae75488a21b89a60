/**
 * The MeshTLS plugin (kuma `pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go`, order 300): when the Mesh
 * has mTLS enabled and MeshTLS policies select the dataplane, every inbound listener they cover is rebuilt with
 * the policy's mode (and TLS version / ciphers) in the generator's shape (`configure` uses the same
 * FilterChainBuilder as the InboundProxyGenerator). The RBAC rules, and the legacy FaultInjection / RateLimit HTTP
 * filters and routes, the listener already carries are kept.
 *
 * Not modelled: the plugin also writes `tlsParams` on outbound mesh clusters' UpstreamTlsContext
 * (applyToOutbounds / applyToRealResources); meshsim's outbound clusters carry no mesh TLS.
 */
import { ALLOW_ALL_RBAC_RULES, TCP_PORT_RESERVED, inboundListener, listenerContext } from "../../generate/inbound.js";
import { keepLegacyHttp } from "../../generate/legacy-http.js";
import { inboundInterfaces } from "../../model/interfaces.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import { INBOUND_FILTER, ORIGIN } from "../../xds/names.js";
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

/** Rebuilds the inbound listeners a MeshTLS policy covers in the mode it sets. */
export const meshTlsPlugin: PolicyPlugin = {
    apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
      const names = ctx.policies.map((p) => p.envelope.name).join(", ");
      const overall = effectiveTlsMode(ctx.mesh, ctx.policies);
      if (overall.ignored) return { resources, warnings: [{ code: "policy-ignored", message: overall.ignored }], trace: [overall.ignored] };
      const lctx = listenerContext(ctx.dataplane, ctx.features);
      let rs = resources;
      const trace: string[] = [];
      for (const iface of inboundInterfaces(ctx.dataplane)) {
        if (iface.dataplanePort === TCP_PORT_RESERVED || iface.dataplanePort === 0) continue;
        const existing = findResource(rs, "listener", iface.listenerName);
        if (!existing || existing.origin !== ORIGIN.inbound) continue;
        if (mergeMeshTls(ctx.policies, iface).from.length === 0) continue;
        const tls = effectiveTlsMode(ctx.mesh, ctx.policies, iface);
        // Kuma's FilterChainBuilder adds the legacy FaultInjection / RateLimit filters and routes again: keep them.
        const value = keepLegacyHttp(inboundListener(iface, ctx.mesh.name, tls, { ...lctx, rbacRules: rbacRulesOf(existing.value) ?? ALLOW_ALL_RBAC_RULES }), existing.value);
        rs = addResource(rs, { ...existing, value });
        trace.push(`MeshTLS (order 300): ${iface.listenerName} rebuilt in mode ${tls.mode}${tls.tlsVersion ? `, TLS ${tls.tlsVersion.min ?? "TLSAuto"}–${tls.tlsVersion.max ?? "TLSAuto"}` : ""} (${tls.trace.join("; ")})`);
      }
      if (trace.length === 0) trace.push(`MeshTLS (${names}): no inbound listener of this dataplane is covered`);
      return { resources: rs, warnings: [], trace };
    },
};
