/**
 * How MeshTimeout and MeshCircuitBreaker find the resources they configure (kuma `pkg/plugins/policies/core/xds`
 * GatherListeners / GatherClusters @ v2.14.3): an inbound listener by its socket address (origin `inbound`), an
 * inbound cluster by name, outbound resources by what the generator says they stand for. Origin `transparent`
 * (passthrough) resources are gathered under no key, so neither plugin's rules ever reach them.
 */
import { isJsonObject } from "../json.js";
import type { InboundInterface } from "../model/interfaces.js";
import type { VersionFeatures } from "../model/versions.js";
import { localClusterName, ORIGIN } from "../xds/names.js";
import type { ResourceSet, XdsResource } from "../xds/resource-set.js";

/** The inbound listener on the inbound's dataplane address and port (GatherListeners keys them by socket address). */
export function inboundListenerAt(rs: ResourceSet, iface: InboundInterface): XdsResource | undefined {
  return rs.find((r) => {
    if (r.type !== "listener" || r.origin !== ORIGIN.inbound) return false;
    const a = r.value["address"];
    const sa = isJsonObject(a) ? a["socketAddress"] : undefined;
    return isJsonObject(sa) && sa["address"] === iface.dataplaneIp && sa["portValue"] === iface.dataplanePort;
  });
}

/**
 * The name MeshTimeout (and, from the releases in the version table, MeshCircuitBreaker) looks an inbound cluster up
 * by: GetInboundClusterName (`localhost:<workload port>`), or its contextual name under unified naming once the
 * plugins find those (#17505), always at 3.0.
 */
export function inboundClusterName(iface: InboundInterface, f: VersionFeatures): string {
  if (f.unifiedNamingAlways || (iface.unified && f.policiesFindUnifiedInboundClusters)) return iface.contextualName;
  return localClusterName(iface.workloadPort);
}

/** An inbound-origin cluster of that name. */
export function inboundCluster(rs: ResourceSet, name: string): XdsResource | undefined {
  return rs.find((r) => r.type === "cluster" && r.origin === ORIGIN.inbound && r.name === name);
}
