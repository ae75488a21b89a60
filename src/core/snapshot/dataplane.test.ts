/**
 * The Dataplane model: field defaults as Kuma reads them (proto3 enum zeros, ToInboundInterface, outbound
 * address fallback), the kuma-dp metadata extension, and the sidecar meshsim assumes without a Dataplane.
 * Expected values are typed from kumahq/kuma @ v2.14.3 (api/mesh/v1alpha1, pkg/core/xds/types, kuma-cp.defaults.yaml).
 */
import { describe, expect, it } from "vitest";
import { DataplaneSpecSchema, dataplaneModel } from "./dataplane.js";
import { DP_FEATURE } from "../model/dataplane.js";
import { defaultDataplane } from "../model/dataplane.js";
import { inboundInterfaces } from "../model/interfaces.js";
import { features } from "../model/versions.js";

const model = (spec: unknown, labels: Record<string, string> = {}) => dataplaneModel("dp-1", "default", labels, DataplaneSpecSchema.parse(spec));

describe("dataplaneModel", () => {
  it("an inbound without address uses networking.address", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane_helpers.go ToInboundInterface (DataplaneIP falls back to n.Address)
    const dp = model({ networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }, { port: 9090, address: "10.0.0.6" }] } });
    expect(dp.inbounds).toEqual([
      { port: 8080, address: "10.0.0.5", tags: { "kuma.io/service": "web" } },
      { port: 9090, address: "10.0.0.6", tags: {} },
    ]);
  });
  it("keeps servicePort, serviceAddress and the inbound name when given", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto Inbound: servicePort, serviceAddress, name
    const dp = model({ networking: { address: "10.0.0.5", inbound: [{ port: 80, servicePort: 8080, serviceAddress: "127.0.0.1", name: "http", tags: {} }] } });
    expect(dp.inbounds[0]).toEqual({ port: 80, address: "10.0.0.5", tags: {}, servicePort: 8080, serviceAddress: "127.0.0.1", name: "http" });
  });
  it("an inbound's protocol field is read from 2.14.0 and ignored before (an unknown field to older releases)", () => {
    // kumahq/kuma@v2.14.0 api/mesh/v1alpha1/dataplane.proto Inbound `string protocol = 11` (commit 646af09a7b, #15445);
    // v2.13.10 has no such field and pkg/util/proto FromJSON sets AllowUnknownFields.
    const spec = DataplaneSpecSchema.parse({ networking: { address: "10.0.0.5", inbound: [{ port: 80, protocol: "http", tags: { "kuma.io/protocol": "tcp" } }, { port: 81, protocol: "" }] } });
    const on214 = dataplaneModel("dp-1", "default", {}, spec, features("2.14.0"));
    const on213 = dataplaneModel("dp-1", "default", {}, spec, features("2.13.10"));
    expect(on214.inbounds.map((i) => i.protocol)).toEqual(["http", undefined]);
    expect(on213.inbounds.map((i) => i.protocol)).toEqual([undefined, undefined]);
    // GetProtocolFallback: the field wins over the tag; ParseProtocol then decides the chain.
    expect(inboundInterfaces(on214).map((i) => i.protocol)).toEqual(["http", "tcp"]);
    expect(inboundInterfaces(on213).map((i) => i.protocol)).toEqual(["tcp", "tcp"]);
  });
  it("advertisedAddress is kept only when set", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane_helpers.go ToInboundInterface (AdvertisedAddress used when != "")
    expect(model({ networking: { address: "10.0.0.5", advertisedAddress: "192.168.0.5" } }).advertisedAddress).toBe("192.168.0.5");
    expect("advertisedAddress" in model({ networking: { address: "10.0.0.5" } })).toBe(false);
  });
  it("an explicit outbound without address binds 127.0.0.1 and names its kuma.io/service", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtcproute/plugin/v1alpha1/listeners.go GetAddressWithFallback("127.0.0.1")
    const dp = model({ networking: { address: "10.0.0.5", outbound: [{ port: 10001, tags: { "kuma.io/service": "backend" } }, { port: 10002, address: "127.0.0.2" }] } });
    expect(dp.outbounds).toEqual([
      { address: "127.0.0.1", port: 10001, service: "backend" },
      { address: "127.0.0.2", port: 10002, service: undefined },
    ]);
  });
  it("transparentProxying: unset fields are the proto zeros (ports 0, ipFamilyMode UnSpecified)", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto TransparentProxying (IpFamilyMode UnSpecified = 0)
    const dp = model({ networking: { address: "10.0.0.5", transparentProxying: { redirectPortOutbound: 15001 } } });
    expect(dp.transparentProxy).toEqual({ redirectPortInbound: 0, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "UnSpecified" });
    expect(model({ networking: { address: "10.0.0.5" } }).transparentProxy).toBeUndefined();
  });
  it("reachableServices as given; reachableBackends with no refs is an empty list (set, selecting nothing), absent is undefined", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/context/destination_index.go GetReachableBackends (nil ReachableBackends = all; set = only the refs)
    const tp = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };
    expect(model({ networking: { address: "a", transparentProxying: { ...tp, reachableServices: ["web"], reachableBackends: {} } } })).toMatchObject({ reachableServices: ["web"], reachableBackends: [] });
    const refs = [{ kind: "MeshService", name: "api", port: 8080 }];
    expect(model({ networking: { address: "a", transparentProxying: { ...tp, reachableBackends: { refs } } } }).reachableBackends).toEqual(refs);
    expect(model({ networking: { address: "a", transparentProxying: tp } }).reachableBackends).toBeUndefined();
    expect(model({ networking: { address: "a" } }).reachableServices).toBeUndefined();
  });
  it("a gateway without type is DELEGATED (the enum zero), and its tags are kept", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto Gateway.GatewayType (DELEGATED = 0)
    const dp = model({ networking: { address: "10.0.0.5", gateway: { tags: { "kuma.io/service": "edge" } } } });
    expect(dp.gateway).toBe("DELEGATED");
    expect(dp.gatewayTags).toEqual({ "kuma.io/service": "edge" });
    expect(model({ networking: { address: "10.0.0.5", gateway: { type: "BUILTIN" } } })).toMatchObject({ gateway: "BUILTIN", gatewayTags: {} });
    const plain = model({ networking: { address: "10.0.0.5" } });
    expect(plain.gateway).toBeUndefined();
    expect("gatewayTags" in plain).toBe(false);
  });
  it("kuma-dp metadata: transparent-proxy defaults 15006/15001/dualstack, features, iptables exclusions", () => {
    // kumahq/kuma@v2.14.3 pkg/config/app/kuma-cp/kuma-cp.defaults.yaml sidecarContainer redirectPortInbound 15006, redirectPortOutbound 15001, ipFamilyMode dualstack
    const dp = model({
      networking: { address: "10.0.0.5" },
      meshsim: { features: [DP_FEATURE.bindOutbounds], transparentProxy: { ipFamilyMode: "ipv4" }, excludeOutboundPorts: [5432], excludeOutboundIPs: ["10.1.0.0/16"] },
    });
    expect(dp.metadataTransparentProxy).toEqual({ redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "IPv4" });
    expect([...dp.features]).toEqual(["feature-bind-outbounds"]);
    expect(dp.excludeOutboundPorts).toEqual([5432]);
    expect(dp.excludeOutboundIPs).toEqual(["10.1.0.0/16"]);
    const dual = model({ networking: { address: "10.0.0.5" }, meshsim: { transparentProxy: {} } });
    expect(dual.metadataTransparentProxy?.ipFamilyMode).toBe("DualStack");
    const none = model({ networking: { address: "10.0.0.5" } });
    expect(none.metadataTransparentProxy).toBeUndefined();
    expect(none.features.size).toBe(0);
    expect(none).toMatchObject({ excludeOutboundPorts: [], excludeOutboundIPs: [], inbounds: [], outbounds: [] });
  });
  it("name, mesh and labels are the envelope's", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane_helpers.go KubeNamespaceTag = "k8s.kuma.io/namespace" (a label, not part of the spec)
    const dp = dataplaneModel("web-01", "m1", { "k8s.kuma.io/namespace": "app" }, DataplaneSpecSchema.parse({ networking: { address: "10.0.0.5" } }));
    expect(dp).toMatchObject({ name: "web-01", mesh: "m1", labels: { "k8s.kuma.io/namespace": "app" }, address: "10.0.0.5" });
  });
});

describe("DataplaneSpecSchema", () => {
  it("networking.address is required", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/dataplane_validator.go validateAddress ("address can't be empty")
    const r = DataplaneSpecSchema.safeParse({ networking: {} });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["networking.address"]);
  });
  it("ports above 65535 are rejected", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/dataplane_validator.go validateInbound / validateOutbound ValidatePort
    const r = DataplaneSpecSchema.safeParse({ networking: { address: "a", inbound: [{ port: 65536 }], outbound: [{ port: 70000 }] } });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["networking.inbound.0.port", "networking.outbound.0.port"]);
  });
  it("ipFamilyMode takes the proto enum names only", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto IpFamilyMode { UnSpecified, DualStack, IPv4, IPv6 }
    for (const m of ["UnSpecified", "DualStack", "IPv4", "IPv6"]) expect(DataplaneSpecSchema.safeParse({ networking: { address: "a", transparentProxying: { ipFamilyMode: m } } }).success).toBe(true);
    expect(DataplaneSpecSchema.safeParse({ networking: { address: "a", transparentProxying: { ipFamilyMode: "ipv4" } } }).success).toBe(false);
  });
  it("gateway type is DELEGATED or BUILTIN", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto Gateway.GatewayType { DELEGATED, BUILTIN }
    expect(DataplaneSpecSchema.safeParse({ networking: { address: "a", gateway: { type: "EXTERNAL" } } }).success).toBe(false);
  });
  it("Dataplane fields meshsim does not model are accepted (probes, admin, metrics)", () => {
    // kumahq/kuma@v2.14.3 api/mesh/v1alpha1/dataplane.proto Dataplane: networking, metrics, probes
    expect(DataplaneSpecSchema.safeParse({ networking: { address: "a", admin: { port: 9901 } }, probes: { port: 9000 }, metrics: {} }).success).toBe(true);
  });
  it("the meshsim extension is strict: an unknown key is an error", () => {
    // kumahq/kuma@v2.14.3 pkg/core/xds/types/features.go: kuma-dp features are metadata, so meshsim's extension lists only what it reads
    const r = DataplaneSpecSchema.safeParse({ networking: { address: "a" }, meshsim: { featurs: [] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["featurs"], path: ["meshsim"] });
  });
});

describe("defaultDataplane", () => {
  it("a transparent-proxied sidecar with the injector's defaults and one inbound", () => {
    // kumahq/kuma@v2.14.3 pkg/config/app/kuma-cp/kuma-cp.defaults.yaml redirectPortInbound 15006, redirectPortOutbound 15001, ipFamilyMode dualstack
    const dp = defaultDataplane("m1");
    expect(dp.mesh).toBe("m1");
    expect(dp.transparentProxy).toEqual({ redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 0, ipFamilyMode: "DualStack" });
    expect(dp.inbounds).toHaveLength(1);
    expect(dp.inbounds[0]!.address).toBe(dp.address);
    expect(dp.gateway).toBeUndefined();
    expect(dp.reachableServices).toBeUndefined();
    expect(dp.reachableBackends).toBeUndefined();
  });
});

describe("DP_FEATURE", () => {
  it("spells the kuma-dp feature flags as Kuma does", () => {
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
