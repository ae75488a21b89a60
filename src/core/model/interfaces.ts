/**
 * A dataplane's inbound interfaces as Kuma derives them (kuma `api/mesh/v1alpha1/dataplane_helpers.go`
 * ToInboundInterface, `pkg/core/resources/apis/core/protocol.go` ParseProtocol @ v2.14.3): what the inbound generator,
 * the policies that attach to inbounds and the inbound walk all read.
 */
import type { DataplaneModel } from "./dataplane.js";
import { inboundListenerName, localClusterName } from "../xds/names.js";

export type InboundProtocol = "tcp" | "http" | "http2" | "grpc" | "kafka";

/** Kuma's InboundInterface plus what the generator derives from the inbound (`ToInboundInterface`, ParseProtocol). */
export interface InboundInterface {
  readonly index: number;
  readonly dataplaneIp: string;
  readonly dataplanePort: number;
  readonly workloadIp: string;
  readonly workloadPort: number;
  readonly service: string;
  readonly protocol: InboundProtocol;
  readonly tags: Readonly<Record<string, string>>;
  /** `networking.inbound[].name`, or the port as a string (what a targetRef `sectionName` names). */
  readonly sectionName: string;
  readonly listenerName: string;
  readonly clusterName: string;
}

/** core_meta.ParseProtocol (kumahq/kuma@v2.14.3 pkg/core/metadata/protocol.go; the same since 2.5.0): case-insensitive; unknown values are tcp. */
export function parseProtocol(tag: string | undefined): InboundProtocol {
  const p = tag?.toLowerCase();
  return p === "http" || p === "http2" || p === "grpc" || p === "kafka" ? p : "tcp";
}

/** Dataplane_Networking.ToInboundInterface for every inbound, in order (service-less ones included). */
export function inboundInterfaces(dp: DataplaneModel): InboundInterface[] {
  return dp.inbounds.map((i, index) => {
    const dataplaneIp = i.address || dp.address;
    const workloadPort = i.servicePort && i.servicePort !== 0 ? i.servicePort : i.port;
    return {
      index,
      dataplaneIp,
      dataplanePort: i.port,
      workloadIp: i.serviceAddress || dataplaneIp,
      workloadPort,
      service: i.tags["kuma.io/service"] ?? "",
      protocol: parseProtocol(i.protocol ?? i.tags["kuma.io/protocol"]),
      tags: i.tags,
      sectionName: i.name ?? String(i.port),
      listenerName: inboundListenerName(dataplaneIp, i.port),
      clusterName: localClusterName(workloadPort),
    };
  });
}
