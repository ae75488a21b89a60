/**
 * defaultDataplane: the sidecar meshsim assumes without a Dataplane. Its transparent-proxy ports and IP family are
 * the injector defaults of kumahq/kuma@v2.14.3 `pkg/config/app/kuma-cp/kuma-cp.defaults.yaml`
 * (runtime.kubernetes.injector.sidecarContainer, sidecarTraffic), retyped here; the feature names are
 * `pkg/core/xds/types/features.go` @ v2.14.3.
 */
import { describe, expect, it } from "vitest";
import { meshModel } from "../snapshot/mesh.js";
import { DP_FEATURE, defaultDataplane } from "./dataplane.js";
import { planTransparentProxy } from "./transparent-proxy.js";
import { features } from "./versions.js";

describe("defaultDataplane", () => {
  it("redirects like the injector's sidecarContainer defaults: inbound 15006, outbound 15001, ipFamilyMode dualstack", () => {
    // kuma-cp.defaults.yaml @ v2.14.3: redirectPortInbound 15006, ipFamilyMode dualstack, redirectPortOutbound 15001.
    const tp = defaultDataplane("default").transparentProxy!;
    expect(tp.redirectPortInbound).toBe(15006);
    expect(tp.redirectPortOutbound).toBe(15001);
    expect(tp.ipFamilyMode).toBe("DualStack");
  });
  it("takes the release's injector defaults: redirectPortInboundV6 15010 on 2.5/2.6, 15006 with dualstack on 2.7/2.8, none from 2.9", () => {
    // kuma-cp.defaults.yaml sidecarContainer @ 2.6.15: redirectPortInboundV6 15010 (no ipFamilyMode);
    // @ v2.7.29: redirectPortInboundV6 15006 and ipFamilyMode dualstack (aa9e2a6e23); @ 2.9.0: no redirectPortInboundV6 (c82b119030).
    const tp = (r: "2.6.15" | "2.7.29" | "2.9.0") => defaultDataplane("default", features(r).injectorSidecar).transparentProxy!;
    expect([tp("2.6.15").redirectPortInboundV6, tp("2.6.15").ipFamilyMode]).toEqual([15010, "UnSpecified"]);
    expect([tp("2.7.29").redirectPortInboundV6, tp("2.7.29").ipFamilyMode]).toEqual([15006, "DualStack"]);
    expect([tp("2.9.0").redirectPortInboundV6, tp("2.9.0").ipFamilyMode]).toEqual([0, "DualStack"]);
    // So the generator gives the assumed 2.6 sidecar an IPv6 passthrough set on port 15010 (GetRedirectPortInboundV6 != 0 @ 2.6.15).
    const plan = planTransparentProxy(defaultDataplane("default", features("2.6.15").injectorSidecar), meshModel("default", {}), features("2.6.15"));
    expect(plan.families.map((f) => [f.family, f.inboundPort])).toEqual([["ipv4", 15006], ["ipv6", 15010]]);
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
