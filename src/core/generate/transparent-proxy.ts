/**
 * Port of Kuma's TransparentProxyGenerator (kuma `pkg/xds/generator/transparent_proxy_generator.go`):
 * the outbound and inbound passthrough listeners and clusters, and (2.13+) the no-destination cluster; the
 * legacy TrafficLog for `pass_through` adds an access log to the outbound ones (traffic-log.ts).
 * Facts: shared/reference/kuma-passthrough-core.md §1, §2, §6.
 */
import type { DataplaneModel } from "../model/dataplane.js";
import { DP_FEATURE, type TransparentProxyModel } from "../model/dataplane.js";
import type { MeshModel } from "../model/mesh.js";
import type { VersionFeatures } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import {
  FILTER,
  NO_DESTINATION_INBOUND_CLUSTER,
  ORIGIN,
  TYPE_URL,
  passthroughName,
  sanitizeStatName,
  type IpFamily,
  type NamingScheme,
} from "../xds/names.js";
import { addResource, type ResourceSet } from "../xds/resource-set.js";
import { passThroughLog, type PassThroughLog } from "./traffic-log.js";
import { type TrafficLogMap } from "../model/traffic-log.js";

/** What the generator decided, for the trace and for later stages. */
export interface TransparentProxyPlan {
  /** Why nothing was generated, if nothing was. */
  readonly disabledReason: "no-transparent-proxy" | "bind-outbounds" | undefined;
  readonly scheme: NamingScheme;
  readonly families: readonly { readonly family: IpFamily; readonly inboundPort: number }[];
  readonly outboundPort: number;
  /** Outbound ports and IPs/CIDRs the iptables rules leave alone. */
  readonly excludeOutboundPorts: readonly number[];
  readonly excludeOutboundIPs: readonly string[];
}

const ANY_ADDRESS: Record<IpFamily, string> = { ipv4: "0.0.0.0", ipv6: "::" };
/** Source address of inbound passthrough traffic; iptables RETURNs it so it is not captured again. */
const INBOUND_PASSTHROUGH_SOURCE: Record<IpFamily, string> = { ipv4: "127.0.0.6", ipv6: "::6" };
const LEGACY_DEFAULT_INBOUND_V6_PORT = 15010;

/** Unified names need both the DP feature and `meshServices.mode: Exclusive` (kuma `pkg/core/naming/unified-naming/unified_naming.go`). */
export function namingScheme(dp: DataplaneModel, mesh: MeshModel, f: VersionFeatures): NamingScheme {
  return f.unifiedNaming && dp.features.has(DP_FEATURE.unifiedResourceNaming) && mesh.meshServicesMode === "Exclusive" ? "unified" : "legacy";
}

/** Which IP families get a passthrough set, and each family's inbound port, by version. */
function families(tp: TransparentProxyModel, f: VersionFeatures): TransparentProxyPlan["families"] {
  const v4 = { family: "ipv4" as const, inboundPort: tp.redirectPortInbound };
  const v6Port = tp.redirectPortInboundV6;
  switch (f.ipv6Rule) {
    case "inbound-v6-port":
      return v6Port !== 0 ? [v4, { family: "ipv6", inboundPort: v6Port }] : [v4];
    case "family-mode-with-v6-port": {
      if (tp.ipFamilyMode === "IPv4") return [v4];
      if (tp.ipFamilyMode === "UnSpecified" && v6Port === 0) return [v4];
      const custom = v6Port !== 0 && v6Port !== LEGACY_DEFAULT_INBOUND_V6_PORT && v6Port !== tp.redirectPortInbound;
      return [v4, { family: "ipv6", inboundPort: custom ? v6Port : tp.redirectPortInbound }];
    }
    case "family-mode":
      return tp.ipFamilyMode === "IPv4" ? [v4] : [v4, { family: "ipv6", inboundPort: tp.redirectPortInbound }];
  }
}

/**
 * The transparent-proxy config Kuma uses (proxy.GetTransparentProxy): from kuma-dp metadata when the DP has
 * feature-transparent-proxy-in-dataplane-metadata (2.11+), else from Dataplane.networking.transparentProxying.
 */
export function effectiveTransparentProxy(dp: DataplaneModel, f: VersionFeatures): TransparentProxyModel | undefined {
  if (f.tpInMetadata && dp.features.has(DP_FEATURE.tpInMetadata))
    return dp.metadataTransparentProxy ?? { redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "DualStack" };
  return dp.transparentProxy;
}

export function planTransparentProxy(dp: DataplaneModel, mesh: MeshModel, f: VersionFeatures): TransparentProxyPlan {
  const scheme = namingScheme(dp, mesh, f);
  const tp = effectiveTransparentProxy(dp, f);
  const none = { scheme, families: [], outboundPort: 0, excludeOutboundPorts: [], excludeOutboundIPs: [] };
  if (!tp || tp.redirectPortOutbound <= 0) return { disabledReason: "no-transparent-proxy", ...none };
  if (f.bindOutbounds && dp.features.has(DP_FEATURE.bindOutbounds)) return { disabledReason: "bind-outbounds", ...none };
  return {
    disabledReason: undefined,
    scheme,
    families: families(tp, f),
    outboundPort: tp.redirectPortOutbound,
    excludeOutboundPorts: dp.excludeOutboundPorts,
    excludeOutboundIPs: dp.excludeOutboundIPs,
  };
}

function tcpProxyChain(cluster: string, accessLog?: JsonObject): JsonObject {
  return {
    filters: [
      {
        name: FILTER.tcpProxy,
        typedConfig: { "@type": TYPE_URL.tcpProxy, cluster, statPrefix: sanitizeStatName(cluster), ...(accessLog ? { accessLog: [accessLog] } : {}) },
      },
    ],
  };
}

function socketAddress(address: string, port: number): JsonObject {
  return { socketAddress: { address, portValue: port } };
}

/** ORIGINAL_DST cluster as PassThroughClusterConfigurer + DefaultTimeout + AltStatNameConfigurer build it. */
export function originalDstCluster(name: string, f: VersionFeatures, extra: JsonObject = {}): JsonObject {
  const stat = sanitizeStatName(name);
  return {
    name,
    type: "ORIGINAL_DST",
    lbPolicy: "CLUSTER_PROVIDED",
    connectTimeout: f.passthroughConnectTimeout,
    ...(stat !== name ? { altStatName: stat } : {}),
    ...extra,
  };
}

/**
 * Runs the generator. Returns the resource set (empty when disabled), the plan, and what the TrafficLog
 * selected for `pass_through` in `trafficLogs` (Kuma's `proxy.Policies.TrafficLogs`, built by
 * `matchTrafficLogs`) did to the outbound passthrough listeners.
 */
export function generateTransparentProxy(
  dp: DataplaneModel,
  mesh: MeshModel,
  f: VersionFeatures,
  trafficLogs: TrafficLogMap = {},
): { resources: ResourceSet; plan: TransparentProxyPlan; passThroughLog: PassThroughLog | undefined } {
  const plan = planTransparentProxy(dp, mesh, f);
  let rs: ResourceSet = [];
  if (plan.disabledReason) return { resources: rs, plan, passThroughLog: undefined };
  // The outbound filter chain's NetworkAccessLog configurer (a file backend: an accessLog on the tcp_proxy).
  const log = passThroughLog(dp, mesh, trafficLogs);
  const accessLog = log?.status === "file" ? log.accessLog : undefined;
  const add = (type: "listener" | "cluster", name: string, value: JsonObject) => {
    rs = addResource(rs, { type, name, origin: ORIGIN.transparent, value });
  };
  if (f.noDestinationInboundCluster) {
    // The STATIC configurer sets altStatName unconditionally (static_cluster_configurer.go).
    add("cluster", NO_DESTINATION_INBOUND_CLUSTER, {
      name: NO_DESTINATION_INBOUND_CLUSTER,
      type: "STATIC",
      connectTimeout: f.passthroughConnectTimeout,
      altStatName: NO_DESTINATION_INBOUND_CLUSTER,
    });
  }
  for (const { family, inboundPort } of plan.families) {
    const out = passthroughName("outbound", family, plan.scheme);
    add("listener", out, {
      name: out,
      address: socketAddress(ANY_ADDRESS[family], plan.outboundPort),
      filterChains: [tcpProxyChain(out, accessLog)],
      trafficDirection: "OUTBOUND",
      useOriginalDst: true,
      ...(plan.scheme === "unified" && f.unifiedListenerStatPrefix ? { statPrefix: sanitizeStatName(out) } : {}),
    });
    // Mesh `networking.outbound.passthrough: false` drops only the outbound clusters; the listener keeps naming them.
    if (mesh.passthrough) add("cluster", out, originalDstCluster(out, f));
    const inb = passthroughName("inbound", family, plan.scheme);
    add("listener", inb, {
      name: inb,
      address: socketAddress(ANY_ADDRESS[family], inboundPort),
      enableReusePort: f.reusePortFeature && dp.features.has(DP_FEATURE.reusePort),
      filterChains: [tcpProxyChain(inb)],
      trafficDirection: "INBOUND",
      useOriginalDst: true,
      ...(plan.scheme === "unified" && f.unifiedListenerStatPrefix ? { statPrefix: sanitizeStatName(inb) } : {}),
    });
    add("cluster", inb, originalDstCluster(inb, f, { upstreamBindConfig: { sourceAddress: { address: INBOUND_PASSTHROUGH_SOURCE[family], portValue: 0 } } }));
  }
  return { resources: rs, plan, passThroughLog: log };
}
