/**
 * The Dataplane resource, as far as meshsim models it (kuma `api/mesh/v1alpha1/dataplane.proto` @ v2.14.3),
 * plus the kuma-dp metadata Kuma learns at connect time (features), which a snapshot does not hold:
 * meshsim reads it from the `kuma.io/features` label/annotation-free extension `meshsim.features`.
 */
import * as z from "zod";

const str = z.string().max(253);
const port = z.number().int().min(0).max(65535);
const tags = z.record(z.string().max(253), z.string().max(253));

export const IP_FAMILY_MODES = ["UnSpecified", "DualStack", "IPv4", "IPv6"] as const;

export const DataplaneSpecSchema = z.looseObject({
  networking: z.looseObject({
    address: str,
    advertisedAddress: str.optional(),
    inbound: z
      .array(
        z.looseObject({
          port: port.optional(),
          servicePort: port.optional(),
          serviceAddress: str.optional(),
          address: str.optional(),
          tags: tags.optional(),
          name: str.optional(),
        }),
      )
      .max(256)
      .optional(),
    outbound: z.array(z.looseObject({ port, address: str.optional(), tags: tags.optional() })).max(1024).optional(),
    transparentProxying: z
      .looseObject({
        redirectPortInbound: port.optional(),
        redirectPortOutbound: port.optional(),
        redirectPortInboundV6: port.optional(),
        ipFamilyMode: z.enum(IP_FAMILY_MODES).optional(),
        reachableServices: z.array(str).max(1024).optional(),
        reachableBackends: z
          .looseObject({
            refs: z
              .array(z.looseObject({ kind: str, name: str.optional(), namespace: str.optional(), port: port.optional(), labels: tags.optional() }))
              .max(1024)
              .optional(),
          })
          .optional(),
      })
      .optional(),
    gateway: z.looseObject({ type: z.enum(["DELEGATED", "BUILTIN"]).optional(), tags: tags.optional() }).optional(),
  }),
  meshsim: z
    .strictObject({
      features: z.array(str).max(64).optional().describe("kuma-dp features (e.g. feature-unified-resource-naming), which Kuma learns from the running proxy."),
      transparentProxy: z
        .strictObject({ redirectPortInbound: port.optional(), redirectPortOutbound: port.optional(), ipFamilyMode: z.enum(["dualstack", "ipv4", "ipv6"]).optional() })
        .optional()
        .describe("Transparent-proxy config kuma-dp sends in its metadata (2.11+, with feature-transparent-proxy-in-dataplane-metadata); defaults 15006/15001/dualstack."),
      excludeOutboundPorts: z.array(port).max(256).optional().describe("iptables exclusions (traffic.kuma.io/exclude-outbound-ports)."),
      excludeOutboundIPs: z.array(str).max(256).optional().describe("iptables exclusions, IPs or CIDRs (traffic.kuma.io/exclude-outbound-ips)."),
    })
    .optional()
    .describe("meshsim extension: proxy metadata that is not part of the Dataplane resource."),
});
export type DataplaneSpec = z.infer<typeof DataplaneSpecSchema>;

export interface InboundModel {
  readonly port: number;
  readonly address: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Where the application listens (defaults: `port`, and 127.0.0.1 / the inbound address as Kuma picks). */
  readonly servicePort?: number;
  readonly serviceAddress?: string;
  readonly name?: string;
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

export function dataplaneModel(name: string, mesh: string, labels: Readonly<Record<string, string>>, spec: DataplaneSpec): DataplaneModel {
  const n = spec.networking;
  const tp = n.transparentProxying;
  return {
    name,
    mesh,
    labels,
    address: n.address,
    ...(n.advertisedAddress ? { advertisedAddress: n.advertisedAddress } : {}),
    inbounds: (n.inbound ?? []).map((i) => ({
      port: i.port ?? 0,
      address: i.address ?? n.address,
      tags: i.tags ?? {},
      ...(i.servicePort !== undefined ? { servicePort: i.servicePort } : {}),
      ...(i.serviceAddress !== undefined ? { serviceAddress: i.serviceAddress } : {}),
      ...(i.name !== undefined ? { name: i.name } : {}),
    })),
    transparentProxy: tp
      ? {
          redirectPortInbound: tp.redirectPortInbound ?? 0,
          redirectPortOutbound: tp.redirectPortOutbound ?? 0,
          redirectPortInboundV6: tp.redirectPortInboundV6 ?? 0,
          ipFamilyMode: tp.ipFamilyMode ?? "UnSpecified",
        }
      : undefined,
    metadataTransparentProxy: spec.meshsim?.transparentProxy
      ? {
          redirectPortInbound: spec.meshsim.transparentProxy.redirectPortInbound ?? 15006,
          redirectPortOutbound: spec.meshsim.transparentProxy.redirectPortOutbound ?? 15001,
          redirectPortInboundV6: 0,
          ipFamilyMode: ({ dualstack: "DualStack", ipv4: "IPv4", ipv6: "IPv6" } as const)[spec.meshsim.transparentProxy.ipFamilyMode ?? "dualstack"],
        }
      : undefined,
    features: new Set(spec.meshsim?.features ?? []),
    reachableServices: tp?.reachableServices,
    reachableBackends: tp?.reachableBackends ? (tp.reachableBackends.refs ?? []) : undefined,
    excludeOutboundPorts: spec.meshsim?.excludeOutboundPorts ?? [],
    excludeOutboundIPs: spec.meshsim?.excludeOutboundIPs ?? [],
    outbounds: (n.outbound ?? []).map((o) => ({ address: o.address ?? "127.0.0.1", port: o.port, service: o.tags?.["kuma.io/service"] })),
    gateway: n.gateway ? (n.gateway.type ?? "DELEGATED") : undefined,
    ...(n.gateway ? { gatewayTags: n.gateway.tags ?? {} } : {}),
  };
}

/** The sidecar meshsim assumes when the snapshot has no Dataplane: transparent proxy with the injector defaults. */
export function defaultDataplane(mesh: string): DataplaneModel {
  return {
    name: "default-sidecar",
    mesh,
    labels: {},
    address: "10.0.0.1",
    inbounds: [{ port: 8080, address: "10.0.0.1", tags: { "kuma.io/service": "app" } }],
    // kuma-cp.defaults.yaml: redirectPortInbound 15006, redirectPortOutbound 15001, ipFamilyMode dualstack.
    transparentProxy: { redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "DualStack" },
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
