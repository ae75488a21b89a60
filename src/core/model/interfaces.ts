/**
 * A dataplane's inbound interfaces as Kuma derives them (kuma `api/mesh/v1alpha1/dataplane_helpers.go`
 * ToInboundInterface, `pkg/core/resources/apis/core/protocol.go` ParseProtocol @ v2.14.3): what the inbound generator,
 * the policies that attach to inbounds and the inbound walk all read.
 */
import type { DataplaneModel } from "./dataplane.js";
import type { VersionFeatures } from "./versions.js";
import { contextualInboundName, inboundListenerName, localClusterName, type NamingScheme } from "../xds/names.js";

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
  /** The contextual name `self_inbound_dp_<section>` (2.12.x: the workload port), used by unified naming and the unified-name tag. */
  readonly contextualName: string;
  /** Whether the inbound's resources carry unified names. */
  readonly unified: boolean;
  /** `inbound:<ip>:<port>`, or the contextual name under unified naming. */
  readonly listenerName: string;
  /** `localhost:<workload port>`, or the contextual name under unified naming. */
  readonly clusterName: string;
  /** `inbound:<ip>:<port>` whatever the scheme (Kuma's fallback route-configuration and virtual-host name). */
  readonly legacyListenerName: string;
}

/** How inbound resources are named: the scheme, and the release's contextual-name rule. */
export interface InboundNaming {
  readonly scheme: NamingScheme;
  readonly features: Pick<VersionFeatures, "inboundUnifiedNameBySection">;
}

/** core_meta.ParseProtocol (kumahq/kuma@v2.14.3 pkg/core/metadata/protocol.go; the same since 2.5.0): case-insensitive; unknown values are tcp. */
export function parseProtocol(tag: string | undefined): InboundProtocol {
  const p = tag?.toLowerCase();
  return p === "http" || p === "http2" || p === "grpc" || p === "kafka" ? p : "tcp";
}

/**
 * Dataplane_Networking.ToInboundInterface for every inbound, in order (service-less ones included); names as
 * inbound_proxy_generator.go gives them (kumahq/kuma@v2.14.3; @2.12.0 the contextual name takes the workload port).
 */
export function inboundInterfaces(dp: DataplaneModel, naming: InboundNaming = { scheme: "legacy", features: { inboundUnifiedNameBySection: true } }): InboundInterface[] {
  return dp.inbounds.map((i, index) => {
    const dataplaneIp = i.address || dp.address;
    const workloadPort = i.servicePort && i.servicePort !== 0 ? i.servicePort : i.port;
    const sectionName = i.name ?? String(i.port);
    const contextualName = contextualInboundName(naming.features.inboundUnifiedNameBySection ? sectionName : String(workloadPort));
    const unified = naming.scheme === "unified";
    return {
      index,
      dataplaneIp,
      dataplanePort: i.port,
      workloadIp: i.serviceAddress || dataplaneIp,
      workloadPort,
      service: i.tags["kuma.io/service"] ?? "",
      protocol: parseProtocol(i.protocol ?? i.tags["kuma.io/protocol"]),
      tags: i.tags,
      sectionName,
      contextualName,
      unified,
      listenerName: unified ? contextualName : inboundListenerName(dataplaneIp, i.port),
      clusterName: unified ? contextualName : localClusterName(workloadPort),
      legacyListenerName: inboundListenerName(dataplaneIp, i.port),
    };
  });
}
