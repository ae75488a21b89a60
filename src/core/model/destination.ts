/** In-mesh destinations as the outbound generator reads them; `snapshot/services.ts` builds them from resources. */

export type DestinationKind = "MeshService" | "MeshMultiZoneService" | "MeshExternalService" | "ExternalService" | "Service";

/** A destination after normalisation: where it listens, how it is named, what cluster it uses. */
export interface DestinationModel {
  readonly kind: DestinationKind;
  readonly name: string;
  readonly mesh: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** Addresses its outbound listeners bind (VIPs, ClusterIP, or an ExternalService's literal IP). */
  readonly addresses: readonly string[];
  readonly ports: readonly number[];
  /** Port names (MeshService / MeshMultiZoneService `spec.ports[].name`), by port: a KRI's sectionName. */
  readonly portNames?: Readonly<Record<number, string>>;
  /**
   * The protocol Kuma gives each port, when the resource names one (MeshService / MeshMultiZoneService
   * `ports[].appProtocol`, MeshExternalService `match.protocol`); absent: tcp.
   */
  readonly protocols?: Readonly<Record<number, string>>;
  /** Hostnames that resolve to `addresses[0]` (Kuma DNS, HostnameGenerators, kube-dns). */
  readonly hostnames: readonly string[];
  /** `kuma.io/service` for legacy kinds (ExternalService). */
  readonly service: string | undefined;
  /** ExternalService host when it is a name (Kuma allocates it a 240.0.0.0/4 VIP). */
  readonly externalHost?: string;
  /** `creationTime` / `metadata.creationTimestamp` when given (Kuma's hostname generator goes through resources in creation order). */
  readonly creationTime?: string;
  /**
   * MeshService, MeshMultiZoneService, MeshExternalService: what `status` lacks and kuma-cp would write (a resource kept
   * in git has no status): a VIP from its IPAM CIDR, hostnames from the HostnameGenerators.
   */
  readonly missing?: { readonly vip: boolean; readonly hostnames: boolean };
  /** Where `hostnames` come from, for the DNS trace (default: `status.addresses`). */
  readonly hostnameVia?: string;
}
