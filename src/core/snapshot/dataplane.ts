/**
 * The Dataplane resource, as far as meshsim models it (kuma `api/mesh/v1alpha1/dataplane.proto` @ v2.14.3),
 * plus the kuma-dp metadata Kuma learns at connect time (features), which a snapshot does not hold:
 * meshsim reads it from the `kuma.io/features` label/annotation-free extension `meshsim.features`.
 */
import * as z from "zod";
import { IP_FAMILY_MODES, type DataplaneModel } from "../model/dataplane.js";
import type { VersionFeatures } from "../model/versions.js";

const str = z.string().max(253);
const port = z.number().int().min(0).max(65535);
const tags = z.record(z.string().max(253), z.string().max(253));

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
          protocol: str.optional(),
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

export function dataplaneModel(
  name: string,
  mesh: string,
  labels: Readonly<Record<string, string>>,
  spec: DataplaneSpec,
  release: Pick<VersionFeatures, "inboundProtocolField"> = { inboundProtocolField: true },
): DataplaneModel {
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
      // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane_helpers.go GetProtocolFallback: an empty field falls back to the tag.
      ...(release.inboundProtocolField && i.protocol ? { protocol: i.protocol } : {}),
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
