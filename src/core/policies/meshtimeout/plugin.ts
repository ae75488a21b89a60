/**
 * The part of the MeshTimeout plugin that runs without any MeshTimeout policy (kuma
 * `pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go`): inbound local clusters get connectTimeout 5s and
 * inbound tcp_proxy filters idleTimeout 1h. Before 2.10.0 the plugin returned early when no MeshTimeout selected the
 * proxy (removed by commit d3a493dd28, #12769): the full-pipeline golden hook-before-pt has 10s / 7200s (the
 * InboundProxyGenerator's own values) @ 2.5.0, 2.6.0 and v2.9.13, and 5s / 3600s @ 2.10.0, v2.13.10 and v2.14.3. meshsim does not model MeshTimeout policies themselves (they never touch
 * passthrough resources) nor the HTTP inbound timeouts of this default.
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { FILTER, ORIGIN, isContextualInboundName } from "../../xds/names.js";
import type { XdsResource } from "../../xds/resource-set.js";
import type { PolicyPlugin } from "../types.js";

const INBOUND_CONNECT_TIMEOUT = "5s";
const INBOUND_TCP_IDLE_TIMEOUT = "3600s";

function withTcpIdleTimeout(listener: JsonObject): JsonObject {
  const chains = Array.isArray(listener["filterChains"]) ? (listener["filterChains"] as JsonObject[]) : [];
  return {
    ...listener,
    filterChains: chains.map((c) => ({
      ...c,
      filters: (Array.isArray(c["filters"]) ? (c["filters"] as JsonObject[]) : []).map((f) =>
        f["name"] === FILTER.tcpProxy && isJsonObject(f["typedConfig"]) ? { ...f, typedConfig: { ...f["typedConfig"], idleTimeout: INBOUND_TCP_IDLE_TIMEOUT } } : f,
      ),
    })),
  };
}

/** MeshTimeout's inbound defaults, which apply with or without a MeshTimeout policy. */
export const meshTimeoutDefaultPlugin: PolicyPlugin = {
  enabled: (f) => f.inboundTimeoutDefaults,
  apply(resources, ctx) {
    let n = 0;
    const skipped: string[] = [];
    const out = resources.map((r): XdsResource => {
      if (r.origin !== ORIGIN.inbound) return r;
      // kumahq/kuma@v2.14.1 meshtimeout plugin.go applyToInbounds: clusters looked up by legacy name only (#17505).
      if (r.type === "cluster" && isContextualInboundName(r.name) && !ctx.features.policiesFindUnifiedInboundClusters) {
        skipped.push(r.name);
        return r;
      }
      n++;
      return r.type === "cluster" ? { ...r, value: { ...r.value, connectTimeout: INBOUND_CONNECT_TIMEOUT } } : { ...r, value: withTcpIdleTimeout(r.value) };
    });
    return {
      resources: out,
      warnings: [],
      trace: [
        ...(n > 0 ? [`MeshTimeout (order 1000, 2.10+): inbound defaults without a policy: connectTimeout ${INBOUND_CONNECT_TIMEOUT} on local clusters, tcp_proxy idleTimeout ${INBOUND_TCP_IDLE_TIMEOUT}`] : []),
        ...(skipped.length > 0
          ? [`MeshTimeout: Kuma ${ctx.features.release} looks inbound clusters up by their legacy name, so ${skipped.join(", ")} keep the generator's connectTimeout (fixed in v2.12.14, v2.13.10, v2.14.2: #17505)`]
          : []),
      ],
    };
  },
};
