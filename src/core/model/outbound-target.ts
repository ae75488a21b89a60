/**
 * What an in-mesh outbound listener and its cluster stand for, as the policy plugins that configure outbounds read it
 * (kuma `pkg/plugins/policies/core/xds` GatherListeners / GatherClusters, `pkg/core/xds/resource.go` ResourceOrigin
 * @ v2.14.3): a legacy `kuma.io/service` outbound, or a real resource (MeshService, MeshExternalService,
 * MeshMultiZoneService) and its port.
 */
import type { DestinationKind } from "./destination.js";

/** A Kuma protocol as core_meta.ParseProtocol returns it; `unknown` for anything else (and for no protocol at all). */
export type KumaProtocol = "tcp" | "tls" | "http" | "http2" | "grpc" | "kafka" | "mysql" | "unknown";

/** core_meta.ParseProtocol (kumahq/kuma@v2.14.3 pkg/core/metadata/protocol.go): lower-cased known protocols, else unknown. */
export function parseKumaProtocol(p: string | undefined): KumaProtocol {
  const x = (p ?? "").toLowerCase();
  return x === "tcp" || x === "tls" || x === "http" || x === "http2" || x === "grpc" || x === "kafka" || x === "mysql" ? x : "unknown";
}

// kumahq/kuma@v2.14.3 pkg/core/metadata/protocol.go protocolStacks
const STACKS: Readonly<Partial<Record<KumaProtocol, readonly KumaProtocol[]>>> = {
  grpc: ["grpc", "http2", "tcp"],
  http2: ["http2", "tcp"],
  http: ["http", "tcp"],
  kafka: ["kafka", "tcp"],
  tls: ["tcp"],
  tcp: ["tcp"],
};

/** core_meta.GetCommonProtocol on two parsed protocols: the most specific protocol both stacks share. */
export function commonProtocol(a: KumaProtocol, b: KumaProtocol): KumaProtocol {
  if (a === b) return a;
  const sa = STACKS[a];
  const sb = STACKS[b];
  if (!sa || !sb) return "unknown";
  return sa.find((p) => sb.includes(p)) ?? "unknown";
}

export interface OutboundDestinationRef {
  readonly kind: Extract<DestinationKind, "MeshService" | "MeshExternalService" | "MeshMultiZoneService">;
  readonly name: string;
  readonly mesh: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly port: number;
  /** The KRI sectionName of the port: its name, else the port number. */
  readonly section: string;
}

export interface OutboundTarget {
  readonly listener: string;
  /** Absent when the outbound has no cluster (a 3.0 MeshExternalService without a workload identity). */
  readonly cluster: string | undefined;
  /** The `kuma.io/service` of a legacy outbound (Kuma DNS VIP, ExternalService, Kubernetes Service, explicit outbound). */
  readonly service?: string;
  /** The real resource of a Mesh*Service outbound. */
  readonly destination?: OutboundDestinationRef;
  /** The protocol Kuma's mesh context gives it (GetServiceProtocol, or the port's appProtocol). */
  readonly protocol: KumaProtocol;
}
