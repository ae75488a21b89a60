/**
 * defaultDataplane: the sidecar meshsim assumes without a Dataplane. Its transparent-proxy ports and IP family are
 * the injector defaults of kumahq/kuma@v2.14.3 `pkg/config/app/kuma-cp/kuma-cp.defaults.yaml`
 * (runtime.kubernetes.injector.sidecarContainer, sidecarTraffic), retyped here; the feature names are
 * `pkg/core/xds/types/features.go` @ v2.14.3.
 */
import { describe, expect, it } from "vitest";
import { DP_FEATURE, defaultDataplane } from "./dataplane.js";

describe("defaultDataplane", () => {
  it("redirects like the injector's sidecarContainer defaults: inbound 15006, outbound 15001, ipFamilyMode dualstack", () => {
    // kuma-cp.defaults.yaml @ v2.14.3: redirectPortInbound 15006, ipFamilyMode dualstack, redirectPortOutbound 15001.
    const tp = defaultDataplane("default").transparentProxy!;
    expect(tp.redirectPortInbound).toBe(15006);
    expect(tp.redirectPortOutbound).toBe(15001);
    expect(tp.ipFamilyMode).toBe("DualStack");
  });
  it("excludes no outbound port or IP, like sidecarTraffic's empty excludeOutboundPorts / excludeOutboundIPs", () => {
    // kuma-cp.defaults.yaml @ v2.14.3: excludeOutboundPorts: [] and excludeOutboundIPs: [].
    const dp = defaultDataplane("default");
    expect(dp.excludeOutboundPorts).toEqual([]);
    expect(dp.excludeOutboundIPs).toEqual([]);
  });
  it("carries no kuma-dp metadata: no features, no metadata transparent proxy, no reachable services or backends", () => {
    // features.go @ v2.14.3: every feature is opt-in by the running kuma-dp, which a snapshot cannot show.
    const dp = defaultDataplane("default");
    expect(dp.features.size).toBe(0);
    expect(dp.metadataTransparentProxy).toBeUndefined();
    expect(dp.reachableServices).toBeUndefined();
    expect(dp.reachableBackends).toBeUndefined();
  });
  it("is a plain sidecar of the given mesh: no gateway, no explicit outbounds, one inbound with a kuma.io/service tag", () => {
    // dataplane.proto @ v2.14.3: a sidecar has inbounds and no networking.gateway.
    const dp = defaultDataplane("payments");
    expect(dp.mesh).toBe("payments");
    expect(dp.gateway).toBeUndefined();
    expect(dp.outbounds).toEqual([]);
    expect(dp.inbounds).toHaveLength(1);
    expect(dp.inbounds[0]!.tags["kuma.io/service"]).toBeTruthy();
    expect(dp.inbounds[0]!.address).toBe(dp.address);
  });
  it("returns a fresh model each call (the pipeline may key caches on it)", () => {
    // Architecture principle: module state is never shared or mutated.
    const a = defaultDataplane("m");
    const b = defaultDataplane("m");
    expect(a).not.toBe(b);
    expect(a.features).not.toBe(b.features);
  });
});

describe("DP_FEATURE", () => {
  it("spells each kuma-dp feature as Kuma does", () => {
    // kumahq/kuma@v2.14.3 pkg/core/xds/types/features.go
    expect(DP_FEATURE).toEqual({
      unifiedResourceNaming: "feature-unified-resource-naming",
      bindOutbounds: "feature-bind-outbounds",
      reusePort: "feature-reuse-port",
      strictInboundPorts: "feature-strict-inbound-ports",
      tpInMetadata: "feature-transparent-proxy-in-dataplane-metadata",
    });
  });
});
