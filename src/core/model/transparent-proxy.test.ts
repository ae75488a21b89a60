/**
 * The transparent-proxy plan per release: which naming scheme (kumahq/kuma@v2.14.3
 * `pkg/core/naming/unified-naming/unified_naming.go` Enabled), which TP config (`pkg/transparentproxy/config/dataplane/
 * config_dataplane.go` GetDataplaneConfig, 2.11+), and what TransparentProxyGenerator.Generate builds it from
 * (`pkg/xds/generator/transparent_proxy_generator.go` at 2.6.15, 2.8.8 GetIPv6InboundRedirectPort, 2.9.0 and
 * v2.14.3). Expected values worked out by hand from those functions.
 */
import { describe, expect, it } from "vitest";
import { DP_FEATURE, type DataplaneModel, type TransparentProxyModel, defaultDataplane } from "./dataplane.js";
import type { MeshModel } from "./mesh.js";
import { effectiveTransparentProxy, namingScheme, planTransparentProxy } from "./transparent-proxy.js";
import { features } from "./versions.js";

function mesh(meshServicesMode: MeshModel["meshServicesMode"] = "Disabled"): MeshModel {
  return { name: "default", passthrough: true, meshServicesMode, mtls: "off", zoneEgress: false, logging: { defaultBackend: "", backends: [] } };
}
function tp(redirectPortInbound: number, redirectPortOutbound: number, redirectPortInboundV6: number, ipFamilyMode: TransparentProxyModel["ipFamilyMode"]): TransparentProxyModel {
  return { redirectPortInbound, redirectPortOutbound, redirectPortInboundV6, ipFamilyMode };
}
function dp(transparentProxy: TransparentProxyModel | undefined, opts: { features?: string[]; metadata?: TransparentProxyModel } = {}): DataplaneModel {
  return { ...defaultDataplane("default"), transparentProxy, metadataTransparentProxy: opts.metadata, features: new Set(opts.features ?? []) };
}
const families = (d: DataplaneModel, v: Parameters<typeof features>[0]) => planTransparentProxy(d, mesh(), features(v)).families;

describe("namingScheme", () => {
  it("unified only with the DP feature and meshServices.mode Exclusive, from 2.12", () => {
    // unified_naming.go Enabled: HasFeature(FeatureUnifiedResourceNaming) && mode == Exclusive; the package is absent at 2.11.0, present at 2.12.0.
    const unified = dp(undefined, { features: [DP_FEATURE.unifiedResourceNaming] });
    expect(namingScheme(unified, mesh("Exclusive"), features("2.12.0"))).toBe("unified");
    expect(namingScheme(unified, mesh("Exclusive"), features("2.14"))).toBe("unified");
    expect(namingScheme(unified, mesh("Everywhere"), features("2.14"))).toBe("legacy");
    expect(namingScheme(unified, mesh("ReachableBackends"), features("2.14"))).toBe("legacy");
    expect(namingScheme(dp(undefined), mesh("Exclusive"), features("2.14"))).toBe("legacy");
    expect(namingScheme(unified, mesh("Exclusive"), features("2.11"))).toBe("legacy");
  });
});

describe("effectiveTransparentProxy", () => {
  const resource = tp(16006, 16001, 0, "IPv4");
  const meta = tp(17006, 17001, 0, "DualStack");
  it("from 2.11 with feature-transparent-proxy-in-dataplane-metadata: the metadata config, not the Dataplane's", () => {
    // GetDataplaneConfig: HasFeature(FeatureTransparentProxyInDataplaneMetadata) → getConfig(meta, DefaultDataplaneConfig()).
    expect(effectiveTransparentProxy(dp(resource, { features: [DP_FEATURE.tpInMetadata], metadata: meta }), features("2.11.0"))).toEqual(meta);
  });
  it("with the feature but no metadata config: DefaultDataplaneConfig (15006 in, 15001 out, DualStack)", () => {
    // config_dataplane.go DefaultDataplaneConfig from tproxy_config.DefaultConfig(): IPFamilyModeDualStack, inbound 15006, outbound 15001.
    const got = effectiveTransparentProxy(dp(resource, { features: [DP_FEATURE.tpInMetadata] }), features("2.14"))!;
    expect([got.redirectPortInbound, got.redirectPortOutbound, got.ipFamilyMode]).toEqual([15006, 15001, "DualStack"]);
  });
  it("without the feature, or before 2.11: the Dataplane's transparentProxying", () => {
    // GetDataplaneConfig falls back to getConfig(dp, ...); 2.10.0 has no pkg/core/xds/types/features.go feature for it.
    expect(effectiveTransparentProxy(dp(resource, { metadata: meta }), features("2.14"))).toEqual(resource);
    expect(effectiveTransparentProxy(dp(resource, { features: [DP_FEATURE.tpInMetadata], metadata: meta }), features("2.10"))).toEqual(resource);
    expect(effectiveTransparentProxy(dp(undefined), features("2.14"))).toBeUndefined();
  });
});

describe("planTransparentProxy: when nothing is generated", () => {
  it("no transparentProxying, or redirectPortOutbound 0: no-transparent-proxy, no families, outbound port 0", () => {
    // Generate: `if redirectPortOutbound == 0 { return resources, nil }` (2.6.15 … 2.9.0); `!tpCfg.Redirect.Outbound.Enabled` (v2.14.3).
    for (const d of [dp(undefined), dp(tp(15006, 0, 0, "DualStack"))]) {
      const plan = planTransparentProxy(d, mesh(), features("2.14"));
      expect(plan).toMatchObject({ disabledReason: "no-transparent-proxy", families: [], outboundPort: 0, excludeOutboundPorts: [], excludeOutboundIPs: [] });
    }
  });
  it("feature-bind-outbounds from 2.11: bind-outbounds; before 2.11 the feature means nothing", () => {
    // Generate @ 2.11.0 and v2.14.3: `|| proxy.Metadata.HasFeature(xds_types.FeatureBindOutbounds)` returns an empty set.
    const d = dp(tp(15006, 15001, 0, "DualStack"), { features: [DP_FEATURE.bindOutbounds] });
    expect(planTransparentProxy(d, mesh(), features("2.11.0")).disabledReason).toBe("bind-outbounds");
    expect(planTransparentProxy(d, mesh(), features("2.11.0")).families).toEqual([]);
    expect(planTransparentProxy(d, mesh(), features("2.10")).disabledReason).toBeUndefined();
  });
  it("the naming scheme is decided even when nothing is generated", () => {
    // unified_naming.Enabled depends only on metadata and Mesh, not on the TP config.
    const d = dp(undefined, { features: [DP_FEATURE.unifiedResourceNaming] });
    expect(planTransparentProxy(d, mesh("Exclusive"), features("2.14")).scheme).toBe("unified");
  });
});

describe("planTransparentProxy: IP families and inbound ports", () => {
  it("≤2.6: IPv6 iff redirectPortInboundV6 ≠ 0, on that port; ipFamilyMode is not read", () => {
    // 2.6.15 Generate: `if redirectPortInboundV6 != 0` generates the IPv6 set with redirectPortInboundV6.
    expect(families(dp(tp(15006, 15001, 0, "DualStack")), "2.6")).toEqual([{ family: "ipv4", inboundPort: 15006 }]);
    expect(families(dp(tp(15006, 15001, 15010, "IPv4")), "2.6")).toEqual([
      { family: "ipv4", inboundPort: 15006 },
      { family: "ipv6", inboundPort: 15010 },
    ]);
    expect(families(dp(tp(15006, 15001, 15010, "UnSpecified")), "2.5")).toEqual([
      { family: "ipv4", inboundPort: 15006 },
      { family: "ipv6", inboundPort: 15010 },
    ]);
  });
  it("2.7–2.8: GetIPv6InboundRedirectPort (IPv4 → none; UnSpecified with v6 port 0 → none; a custom v6 port is kept)", () => {
    // 2.8.8 GetIPv6InboundRedirectPort: custom only when v6 > 0, ≠ defaultInboundPortV6 (15010) and ≠ redirectPortInbound.
    expect(families(dp(tp(15006, 15001, 15020, "IPv4")), "2.8")).toEqual([{ family: "ipv4", inboundPort: 15006 }]);
    expect(families(dp(tp(15006, 15001, 0, "UnSpecified")), "2.8")).toEqual([{ family: "ipv4", inboundPort: 15006 }]);
    const v6 = (inboundPort: number) => [
      { family: "ipv4", inboundPort: 15006 },
      { family: "ipv6", inboundPort },
    ];
    expect(families(dp(tp(15006, 15001, 15010, "UnSpecified")), "2.8")).toEqual(v6(15006)); // fallthrough; 15010 is the legacy default
    expect(families(dp(tp(15006, 15001, 15020, "UnSpecified")), "2.7")).toEqual(v6(15020));
    expect(families(dp(tp(15006, 15001, 0, "DualStack")), "2.8")).toEqual(v6(15006));
    expect(families(dp(tp(15006, 15001, 15020, "DualStack")), "2.7.0")).toEqual(v6(15020));
    expect(families(dp(tp(15006, 15001, 15006, "IPv6")), "2.8")).toEqual(v6(15006));
  });
  it("≥2.9: IPv6 iff ipFamilyMode ≠ IPv4, on redirectPortInbound; redirectPortInboundV6 is ignored", () => {
    // 2.9.0 Generate: `if ipFamilyMode != IPv4` generates IPv6 with redirectPortInbound; v2.14.3 tpCfg.EnabledIPv6().
    expect(families(dp(tp(15006, 15001, 15020, "IPv4")), "2.9.0")).toEqual([{ family: "ipv4", inboundPort: 15006 }]);
    const both = [
      { family: "ipv4", inboundPort: 15006 },
      { family: "ipv6", inboundPort: 15006 },
    ];
    expect(families(dp(tp(15006, 15001, 0, "UnSpecified")), "2.9")).toEqual(both);
    expect(families(dp(tp(15006, 15001, 15020, "DualStack")), "2.14")).toEqual(both);
  });
  it("the outbound port and iptables exclusions come from the dataplane", () => {
    // Generate: every family's outbound listener uses redirectPortOutbound; exclusions are kuma-dp's iptables flags.
    const d: DataplaneModel = { ...dp(tp(15006, 15101, 0, "IPv4")), excludeOutboundPorts: [5432], excludeOutboundIPs: ["10.0.0.0/8"] };
    expect(planTransparentProxy(d, mesh(), features("2.14"))).toEqual({
      disabledReason: undefined,
      scheme: "legacy",
      families: [{ family: "ipv4", inboundPort: 15006 }],
      outboundPort: 15101,
      excludeOutboundPorts: [5432],
      excludeOutboundIPs: ["10.0.0.0/8"],
    });
  });
  it("2.11+ with the metadata feature: families from the metadata config (IPv4 there wins over DualStack on the resource)", () => {
    // GetDataplaneConfig reads metadata; EnabledIPv6 is `IPFamilyMode != IPv4`.
    const d = dp(tp(15006, 15001, 0, "DualStack"), { features: [DP_FEATURE.tpInMetadata], metadata: tp(15006, 15001, 0, "IPv4") });
    expect(families(d, "2.11")).toEqual([{ family: "ipv4", inboundPort: 15006 }]);
    expect(families(d, "2.10")).toHaveLength(2);
  });
});
