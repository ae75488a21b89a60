/** Where Kuma's "Non-mesh traffic" docs page and the code disagree, for one result. */
import { type JsonObject, isJsonObject } from "../json.js";
import type { OutboundWalk } from "../match/outbound.js";
import type { VersionFeatures } from "../model/versions.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { Warning } from "../warnings.js";
import { writerOf } from "../xds/provenance.js";
import { type ResourceSet, findResource } from "../xds/resource-set.js";
import type { ProxyState } from "./proxy.js";

/** The terminal filter of the filter chain the walk took (tcp_proxy or HTTP connection manager config) and its pointer, if any. */
function walkedFilter(rs: ResourceSet, walk: OutboundWalk): { typedConfig: JsonObject; pointer: string } | undefined {
  if (!walk.listener || !walk.filterChain) return undefined;
  const listener = findResource(rs, "listener", walk.listener.name);
  const chains = listener?.value["filterChains"];
  const chain = walk.filterChain.index === "default" ? listener?.value["defaultFilterChain"] : Array.isArray(chains) ? chains[walk.filterChain.index] : undefined;
  const filters = isJsonObject(chain) && Array.isArray(chain["filters"]) ? chain["filters"] : [];
  const last = filters[filters.length - 1];
  const chainPointer = walk.filterChain.index === "default" ? "/defaultFilterChain" : `/filterChains/${walk.filterChain.index}`;
  return isJsonObject(last) && isJsonObject(last["typedConfig"]) ? { typedConfig: last["typedConfig"], pointer: `${chainPointer}/filters/${filters.length - 1}` } : undefined;
}

/** Who logs a passthrough connection, in words, or undefined when nothing does. */
function passthroughLogging(proxy: ProxyState, walk: OutboundWalk): string | undefined {
  const filter = walkedFilter(proxy.accepted, walk);
  if (!filter) return undefined;
  const name = walk.listener!.name;
  const logs = Array.isArray(filter.typedConfig["accessLog"]) ? filter.typedConfig["accessLog"] : [];
  const log = proxy.passThroughLog;
  const who = log ? `TrafficLog "${log.trafficLog.name}" (mesh ${log.trafficLog.mesh}), selected for kuma.io/service pass_through,` : undefined;
  // Each access log by who wrote it (provenance): a TrafficLog (the generator), a MeshAccessLog entry, a MeshProxyPatch.
  const parts = logs.map((_, i) => {
    const source = writerOf(proxy.writes, `listener/${name}`, `${filter.pointer}/typedConfig/accessLog/${i}`);
    if (source?.startsWith("TrafficLog/") && log?.status === "file") return `${who} adds a file access log (backend "${log.backend.name}", path ${log.backend.path}) to the tcp_proxy of ${name}`;
    if (source && proxy.policies.some((p) => p.kind === "MeshAccessLog" && source.startsWith(`${p.name}#`))) return `MeshAccessLog ${source} adds an access log to ${name} (meshaccesslog plugin applyToTransparentProxyListeners)`;
    if (source && proxy.modifications.some((m) => m.source === source)) return `the modification ${source} adds an access log to ${name}`;
    if (source) return `${source} adds an access log to ${name}`;
    return `the filter chain of ${name} carries an access log`;
  });
  if (parts.length > 0) return [...new Set(parts)].join("; ");
  // A TCP backend is not in meshsim's config, but Kuma adds it to the generator's chain (tcp_proxy to the listener's own cluster).
  if (log?.status === "tcp-not-modelled" && filter.typedConfig["cluster"] === name)
    return `${who} adds an access log for the TCP backend "${log.backend.name}" (${log.backend.address}) to the tcp_proxy of ${name} (meshsim does not show it in config)`;
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
      message: `The docs say non-mesh requests are not logged even with traffic logging on, but this connection IS logged: ${logged} (kuma transparent_proxy_generator.go, meshaccesslog plugin.go).`,
    });
  return out;
}
