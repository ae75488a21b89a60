/**
 * The Kubernetes API-server bypass (kuma `pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go` @ v2.14.3):
 * on Kubernetes, when the Mesh sets `networking.outbound.passthrough: false`, a non-binding listener on
 * KUBERNETES_SERVICE_HOST:PORT forwards to an ORIGINAL_DST cluster so pods still reach the API server.
 * It runs as a ResourceSet hook, after every policy plugin. v2.14.3 checks only the Mesh flag.
 */
import type { VersionFeatures } from "../model/versions.js";
import { FILTER, ORIGIN, TYPE_URL, apiServerBypassName, sanitizeStatName, type NamingScheme } from "../xds/names.js";
import { addResource, type ResourceSet } from "../xds/resource-set.js";
import { originalDstCluster } from "./transparent-proxy.js";

export interface ApiServer {
  readonly address: string;
  readonly port: number;
}

export function addApiServerBypass(rs: ResourceSet, api: ApiServer, scheme: NamingScheme, f: VersionFeatures): ResourceSet {
  const name = apiServerBypassName(scheme);
  const withListener = addResource(rs, {
    type: "listener",
    name,
    origin: ORIGIN.apiServerBypass,
    value: {
      name,
      address: { socketAddress: { address: api.address, portValue: api.port } },
      bindToPort: false,
      filterChains: [{ filters: [{ name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: name, statPrefix: sanitizeStatName(name) } }] }],
      trafficDirection: "OUTBOUND",
      useOriginalDst: true,
    },
  });
  return addResource(withListener, { type: "cluster", name, origin: ORIGIN.apiServerBypass, value: originalDstCluster(name, f) });
}
