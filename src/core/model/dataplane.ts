/**
 * The dataplane as the pipeline reads it: what the Dataplane resource says (kuma `api/mesh/v1alpha1/dataplane.proto`
 * @ v2.14.3) plus the kuma-dp metadata Kuma learns at connect time. `snapshot/dataplane.ts` builds it from a resource.
 */

/** The tag naming the service an inbound belongs to. */
export const SERVICE_TAG = "kuma.io/service";

export const IP_FAMILY_MODES = ["UnSpecified", "DualStack", "IPv4", "IPv6"] as const;

export interface InboundModel {
  readonly port: number;
  readonly address: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Where the application listens (defaults: `port`, and 127.0.0.1 / the inbound address as Kuma picks). */
  readonly servicePort?: number;
  readonly serviceAddress?: string;
  readonly name?: string;
  /** `protocol` (Kuma ≥ 2.14.0), which wins over the `kuma.io/protocol` tag; absent when unset or the release ignores it. */
  readonly protocol?: string;
}

export interface TransparentProxyModel {
  readonly redirectPortInbound: number;
  readonly redirectPortOutbound: number;
  readonly redirectPortInboundV6: number;
  readonly ipFamilyMode: (typeof IP_FAMILY_MODES)[number];
}

export interface OutboundModel {
  readonly address: string;
  readonly port: number;
  readonly service: string | undefined;
}

export interface DataplaneModel {
  readonly name: string;
  readonly mesh: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly address: string;
  /** `networking.advertisedAddress`, when set (Kuma's DataplaneResource.GetIP prefers it). */
  readonly advertisedAddress?: string;
  readonly inbounds: readonly InboundModel[];
  readonly transparentProxy: TransparentProxyModel | undefined;
  /** TP config from kuma-dp metadata, used instead of `transparentProxy` when the DP has the metadata feature (2.11+). */
  readonly metadataTransparentProxy: TransparentProxyModel | undefined;
  readonly features: ReadonlySet<string>;
  readonly reachableServices: readonly string[] | undefined;
  readonly reachableBackends: readonly { kind: string; name?: string; namespace?: string; port?: number; labels?: Record<string, string> }[] | undefined;
  /** Outbound ports and IPs/CIDRs iptables leaves alone (kuma-cp.defaults.yaml excludeOutboundPorts/IPs, annotations). */
  readonly excludeOutboundPorts: readonly number[];
  readonly excludeOutboundIPs: readonly string[];
  /** `networking.outbound[]`: listeners the application connects to explicitly (default address 127.0.0.1). */
  readonly outbounds: readonly OutboundModel[];
  readonly gateway: "DELEGATED" | "BUILTIN" | undefined;
  /** `networking.gateway.tags` (legacy policy selectors match them like inbound tags). */
  readonly gatewayTags?: Readonly<Record<string, string>>;
}

/**
 * The sidecar meshsim assumes when the snapshot has no Dataplane: transparent proxy with the injector defaults of
 * the release (`injector`, from the version table; the newest release's when not given).
 */
export function defaultDataplane(mesh: string, injector: Pick<TransparentProxyModel, "redirectPortInboundV6" | "ipFamilyMode"> = { redirectPortInboundV6: 0, ipFamilyMode: "DualStack" }): DataplaneModel {
  return {
    name: "default-sidecar",
    mesh,
    labels: {},
    address: "10.0.0.1",
    inbounds: [{ port: 8080, address: "10.0.0.1", tags: { "kuma.io/service": "app" } }],
    // kuma-cp.defaults.yaml: redirectPortInbound 15006, redirectPortOutbound 15001; the rest by release.
    transparentProxy: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ...injector },
    metadataTransparentProxy: undefined,
    features: new Set(),
    reachableServices: undefined,
    reachableBackends: undefined,
    excludeOutboundPorts: [],
    excludeOutboundIPs: [],
    outbounds: [],
    gateway: undefined,
  };
}

/** kuma-dp feature flags (kuma `pkg/core/xds/types/features.go`). */
export const DP_FEATURE = {
  unifiedResourceNaming: "feature-unified-resource-naming",
  bindOutbounds: "feature-bind-outbounds",
  reusePort: "feature-reuse-port",
  strictInboundPorts: "feature-strict-inbound-ports",
  tpInMetadata: "feature-transparent-proxy-in-dataplane-metadata",
} as const;
