/**
 * The dataplane's transparent-proxy plan: which naming scheme, IP families and ports Kuma's generators use for it
 * (kuma `pkg/xds/generator/transparent_proxy_generator.go` and `pkg/core/xds/types.go` GetTransparentProxy @ v2.14.3).
 * Every stage after generation reads it, so it lives in the model.
 */
import { DP_FEATURE, type DataplaneModel, type TransparentProxyModel } from "./dataplane.js";
import type { MeshModel } from "./mesh.js";
import type { VersionFeatures } from "./versions.js";
import type { IpFamily, NamingScheme } from "../xds/names.js";

/** What the generator decided, for the trace and for later stages. */
export interface TransparentProxyPlan {
  /** Why nothing was generated, if nothing was. */
  readonly disabledReason: "no-transparent-proxy" | "bind-outbounds" | undefined;
  readonly scheme: NamingScheme;
  readonly families: readonly { readonly family: IpFamily; readonly inboundPort: number }[];
  readonly outboundPort: number;
  /** Outbound ports and IPs/CIDRs the iptables rules leave alone. */
  readonly excludeOutboundPorts: readonly number[];
  readonly excludeOutboundIPs: readonly string[];
}

const LEGACY_DEFAULT_INBOUND_V6_PORT = 15010;

/**
 * Unified names need both the DP feature and `meshServices.mode: Exclusive` (kuma `pkg/core/naming/unified-naming/unified_naming.go`);
 * from 3.0 they are the only names (kumahq/kuma@348b6528bc: the package and its opt-out are gone).
 */
export function namingScheme(dp: DataplaneModel, mesh: MeshModel, f: VersionFeatures): NamingScheme {
  if (f.unifiedNamingAlways) return "unified";
  return f.unifiedNaming && dp.features.has(DP_FEATURE.unifiedResourceNaming) && mesh.meshServicesMode === "Exclusive" ? "unified" : "legacy";
}

/** Which IP families get a passthrough set, and each family's inbound port, by version. */
function families(tp: TransparentProxyModel, f: VersionFeatures): TransparentProxyPlan["families"] {
  const v4 = { family: "ipv4" as const, inboundPort: tp.redirectPortInbound };
  const v6Port = tp.redirectPortInboundV6;
  switch (f.ipv6Rule) {
    case "inbound-v6-port":
      return v6Port !== 0 ? [v4, { family: "ipv6", inboundPort: v6Port }] : [v4];
    case "family-mode-with-v6-port": {
      if (tp.ipFamilyMode === "IPv4") return [v4];
      if (tp.ipFamilyMode === "UnSpecified" && v6Port === 0) return [v4];
      const custom = v6Port !== 0 && v6Port !== LEGACY_DEFAULT_INBOUND_V6_PORT && v6Port !== tp.redirectPortInbound;
      return [v4, { family: "ipv6", inboundPort: custom ? v6Port : tp.redirectPortInbound }];
    }
    case "family-mode":
      return tp.ipFamilyMode === "IPv4" ? [v4] : [v4, { family: "ipv6", inboundPort: tp.redirectPortInbound }];
  }
}

/**
 * The transparent-proxy config Kuma uses (proxy.GetTransparentProxy): from kuma-dp metadata when the DP has
 * feature-transparent-proxy-in-dataplane-metadata (2.11+), else from Dataplane.networking.transparentProxying.
 */
export function effectiveTransparentProxy(dp: DataplaneModel, f: VersionFeatures): TransparentProxyModel | undefined {
  if (f.tpInMetadata && dp.features.has(DP_FEATURE.tpInMetadata))
    return dp.metadataTransparentProxy ?? { redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "DualStack" };
  return dp.transparentProxy;
}

export function planTransparentProxy(dp: DataplaneModel, mesh: MeshModel, f: VersionFeatures): TransparentProxyPlan {
  const scheme = namingScheme(dp, mesh, f);
  const tp = effectiveTransparentProxy(dp, f);
  const none = { scheme, families: [], outboundPort: 0, excludeOutboundPorts: [], excludeOutboundIPs: [] };
  if (!tp || tp.redirectPortOutbound <= 0) return { disabledReason: "no-transparent-proxy", ...none };
  if (f.bindOutbounds && dp.features.has(DP_FEATURE.bindOutbounds)) return { disabledReason: "bind-outbounds", ...none };
  return {
    disabledReason: undefined,
    scheme,
    families: families(tp, f),
    outboundPort: tp.redirectPortOutbound,
    excludeOutboundPorts: dp.excludeOutboundPorts,
    excludeOutboundIPs: dp.excludeOutboundIPs,
  };
}
