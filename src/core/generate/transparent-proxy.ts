/**
 * Port of Kuma's TransparentProxyGenerator (kuma `pkg/xds/generator/transparent_proxy_generator.go`):
 * the outbound and inbound passthrough listeners and clusters, and (2.13+) the no-destination cluster; the
 * legacy TrafficLog for `pass_through` adds an access log to the outbound ones (traffic-log.ts).
 * Kuma's cases: `pkg/xds/generator/transparent_proxy_generator_test.go` and its goldens
 * `pkg/xds/generator/testdata/transparent-proxy/NN.envoy.golden.yaml` at each tag (2.5.0 … v2.14.3); what differs
 * by version is in versions.ts.
 */
import { DP_FEATURE, type DataplaneModel } from "../model/dataplane.js";
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
} from "../xds/names.js";
import { addResource, type ResourceSet } from "../xds/resource-set.js";
import { passThroughLog, type PassThroughLog } from "./traffic-log.js";
import { type TrafficLogMap } from "../model/traffic-log.js";
import { planTransparentProxy, type TransparentProxyPlan } from "../model/transparent-proxy.js";

const ANY_ADDRESS: Record<IpFamily, string> = { ipv4: "0.0.0.0", ipv6: "::" };
/** Source address of inbound passthrough traffic; iptables RETURNs it so it is not captured again. */
const INBOUND_PASSTHROUGH_SOURCE: Record<IpFamily, string> = { ipv4: "127.0.0.6", ipv6: "::6" };

/**
 * The outbound passthrough listener as TransparentProxyGenerator writes it: the original destination's catch-all
 * chain, a tcp_proxy to the cluster of the same name (kumahq/kuma@v2.14.3 transparent_proxy_generator.go).
 */
export function outboundPassthroughListener(name: string, family: IpFamily, port: number, accessLog?: JsonObject, extra: JsonObject = {}): JsonObject {
  return { name, address: socketAddress(ANY_ADDRESS[family], port), filterChains: [tcpProxyChain(name, accessLog)], trafficDirection: "OUTBOUND", useOriginalDst: true, ...extra };
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
 * The inbound passthrough listener of `family` with its catch-all chain (CreateInboundPassthroughListener, which the
 * MeshTLS plugin also calls on 2.13+ and 2.14).
 */
export function inboundPassthroughListener(dp: DataplaneModel, f: VersionFeatures, plan: TransparentProxyPlan, family: IpFamily, inboundPort: number): JsonObject {
  const inb = passthroughName("inbound", family, plan.scheme);
  return {
    name: inb,
    address: socketAddress(ANY_ADDRESS[family], inboundPort),
    // kumahq/kuma@v2.13.6 transparent_proxy_generator.go: EnableReusePort(true); @v2.13.7: the feature decides.
    enableReusePort: f.reusePortFeature ? dp.features.has(DP_FEATURE.reusePort) : f.inboundPassthroughReusePortAlways,
    filterChains: [tcpProxyChain(inb)],
    trafficDirection: "INBOUND",
    useOriginalDst: true,
    ...(plan.scheme === "unified" && f.unifiedListenerStatPrefix ? { statPrefix: sanitizeStatName(inb) } : {}),
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
    add("listener", out, outboundPassthroughListener(out, family, plan.outboundPort, accessLog, plan.scheme === "unified" && f.unifiedListenerStatPrefix ? { statPrefix: sanitizeStatName(out) } : {}));
    // Mesh `networking.outbound.passthrough: false` drops only the outbound clusters; the listener keeps naming them.
    if (mesh.passthrough) add("cluster", out, originalDstCluster(out, f));
    const inb = passthroughName("inbound", family, plan.scheme);
    add("listener", inb, inboundPassthroughListener(dp, f, plan, family, inboundPort));
    add("cluster", inb, originalDstCluster(inb, f, { upstreamBindConfig: { sourceAddress: { address: INBOUND_PASSTHROUGH_SOURCE[family], portValue: 0 } } }));
  }
  return { resources: rs, plan, passThroughLog: log };
}
