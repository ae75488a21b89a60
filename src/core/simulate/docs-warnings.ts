/** Where Kuma's "Non-mesh traffic" docs page and the code disagree, for one result. */
import { type JsonObject, isJsonObject } from "../json.js";
import type { OutboundWalk } from "../match/outbound.js";
import type { VersionFeatures } from "../model/versions.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Warning } from "../warnings.js";
import { type ResourceSet, findResource } from "../xds/resource-set.js";
import type { ProxyState } from "./proxy.js";

/** The terminal filter of the filter chain the walk took (tcp_proxy or HTTP connection manager config), if any. */
function walkedFilter(rs: ResourceSet, walk: OutboundWalk): JsonObject | undefined {
  if (!walk.listener || !walk.filterChain) return undefined;
  const listener = findResource(rs, "listener", walk.listener.name);
  const chains = listener?.value["filterChains"];
  const chain = walk.filterChain.index === "default" ? listener?.value["defaultFilterChain"] : Array.isArray(chains) ? chains[walk.filterChain.index] : undefined;
  const filters = isJsonObject(chain) && Array.isArray(chain["filters"]) ? chain["filters"] : [];
  const last = filters[filters.length - 1];
  return isJsonObject(last) && isJsonObject(last["typedConfig"]) ? last["typedConfig"] : undefined;
}

/** Who logs a passthrough connection, in words, or undefined when nothing does. */
function passthroughLogging(proxy: ProxyState, walk: OutboundWalk): string | undefined {
  const filter = walkedFilter(proxy.accepted, walk);
  if (!filter) return undefined;
  const hasLog = Array.isArray(filter["accessLog"]) && filter["accessLog"].length > 0;
  const log = proxy.passThroughLog;
  const who = log ? `TrafficLog "${log.trafficLog.name}" (mesh ${log.trafficLog.mesh}), selected for kuma.io/service pass_through,` : undefined;
  if (hasLog && log?.status === "file")
    return `${who} adds a file access log (backend "${log.backend.name}", path ${log.backend.path}) to the tcp_proxy of ${walk.listener!.name}`;
  if (hasLog) return `the filter chain of ${walk.listener!.name} carries an access log (not from a TrafficLog: a MeshProxyPatch added it)`;
  // A TCP backend is not in meshsim's config, but Kuma adds it to the generator's chain (tcp_proxy to the listener's own cluster).
  if (log?.status === "tcp-not-modelled" && filter["cluster"] === walk.listener!.name)
    return `${who} adds an access log for the TCP backend "${log.backend.name}" (${log.backend.address}) to the tcp_proxy of ${walk.listener!.name} (meshsim does not show it in config)`;
  return undefined;
}

/** Warnings where Kuma's "Non-mesh traffic" docs page and the code disagree, for this result. */
export function docsWarnings(walk: OutboundWalk, f: VersionFeatures, snap: Snapshot, proxy: ProxyState): Warning[] {
  const out: Warning[] = [];
  if (walk.verdict === "passthrough" && walk.limits.connectTimeout?.source === "kuma" && walk.limits.connectTimeout.value === "5s" && f.passthroughConnectTimeout === "5s")
    out.push({
      code: "docs-connect-timeout",
      message: "The Non-mesh traffic docs list a default connectTimeout of 10s: that is Kuma ≤ 2.5 behaviour. Since 2.6.0 Kuma sets 5s on passthrough clusters (kuma commit 19b90f2a9c, pkg/plugins/policies/core/defaults/consts.go).",
    });
  if (walk.verdict === "passthrough" && f.trackRemainingOnEveryCluster)
    out.push({
      code: "docs-policies-dont-apply",
      message: "The docs say policies don't apply to non-mesh traffic, but on Kuma 2.14 MeshCircuitBreaker adds circuitBreakers.thresholds[{trackRemaining: true}] to passthrough clusters, MeshPassthrough and MeshProxyPatch change them, and MeshAccessLog can log them.",
    });
  const logged = walk.verdict === "passthrough" ? passthroughLogging(proxy, walk) : undefined;
  if (logged)
    out.push({
      code: "docs-traffic-log",
      message: `The docs say non-mesh requests are not logged even with traffic logging on, but this connection IS logged: ${logged} (kuma transparent_proxy_generator.go).`,
    });
  else if (walk.verdict === "passthrough" && snap.ignored.some((r) => r.kind === "MeshAccessLog"))
    out.push({
      code: "docs-traffic-log",
      message: "The docs say non-mesh requests are not logged even with traffic logging on. Kuma does log passthrough connections when a MeshAccessLog has a `to: {kind: Mesh}` rule or a TrafficLog targets kuma.io/service pass_through (meshaccesslog plugin applyToTransparentProxyListeners); meshsim does not model MeshAccessLog.",
    });
  return out;
}
