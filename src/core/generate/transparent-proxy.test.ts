/**
 * TransparentProxyGenerator facts by version, each written from the Kuma golden named in the test
 * (`pkg/xds/generator/testdata/transparent-proxy/NN.envoy.golden.yaml` at a tag; not copied: the values are typed here).
 */
import { describe, expect, it } from "vitest";
import { generateTransparentProxy } from "./transparent-proxy.js";
import { dataplaneModel } from "../snapshot/dataplane.js";
import { meshModel } from "../snapshot/mesh.js";
import { features, type KumaMinor, type Release } from "../model/versions.js";

function gen(minor: KumaMinor | Release, tp: Record<string, unknown> | undefined, opts: { features?: string[]; mesh?: Record<string, unknown> } = {}) {
  const dp = dataplaneModel("dp", "default", {}, {
    networking: { address: "192.168.0.1", inbound: [{ port: 80, tags: { "kuma.io/service": "web" } }], ...(tp ? { transparentProxying: tp } : {}) },
    ...(opts.features ? { meshsim: { features: opts.features } } : {}),
  } as never);
  return generateTransparentProxy(dp, meshModel("default", (opts.mesh ?? {}) as never), features(minor));
}
const names = (r: ReturnType<typeof gen>) => r.resources.map((x) => `${x.type} ${x.name}`).sort();

describe("TransparentProxyGenerator", () => {
  it("generates nothing without transparent proxying (golden 01 @ v2.14.3 is {})", () => {
    expect(gen("2.14", undefined).resources).toEqual([]);
  });
  it("2.5: IPv4 only without redirectPortInboundV6, 10s connect timeout, no no-destination cluster (golden 02 @ 2.5.0)", () => {
    const r = gen("2.5", { redirectPortInbound: 15006, redirectPortOutbound: 15001 });
    expect(names(r)).toEqual(["cluster inbound:passthrough:ipv4", "cluster outbound:passthrough:ipv4", "listener inbound:passthrough:ipv4", "listener outbound:passthrough:ipv4"]);
    expect(r.resources.find((x) => x.name === "outbound:passthrough:ipv4" && x.type === "cluster")!.value).toEqual({
      name: "outbound:passthrough:ipv4",
      type: "ORIGINAL_DST",
      lbPolicy: "CLUSTER_PROVIDED",
      connectTimeout: "10s",
      altStatName: "outbound_passthrough_ipv4",
    });
  });
  it("2.6: redirectPortInboundV6 15010 gives the IPv6 inbound listener on :::15010 (golden 04 @ 2.6.0)", () => {
    const r = gen("2.6", { redirectPortInbound: 15006, redirectPortOutbound: 15001, redirectPortInboundV6: 15010 });
    const v6in = r.resources.find((x) => x.type === "listener" && x.name === "inbound:passthrough:ipv6")!;
    expect(v6in.value["address"]).toEqual({ socketAddress: { address: "::", portValue: 15010 } });
    const v6out = r.resources.find((x) => x.type === "listener" && x.name === "outbound:passthrough:ipv6")!;
    expect(v6out.value["address"]).toEqual({ socketAddress: { address: "::", portValue: 15001 } });
  });
  it("2.9: ipFamilyMode IPv4 gives the IPv4 set only (golden 04 @ 2.9.0)", () => {
    expect(names(gen("2.9", { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" }))).toEqual([
      "cluster inbound:passthrough:ipv4",
      "cluster outbound:passthrough:ipv4",
      "listener inbound:passthrough:ipv4",
      "listener outbound:passthrough:ipv4",
    ]);
  });
  it("2.12 unified naming: contextual names, no altStatName, no listener statPrefix, no no-destination cluster (golden 05 @ 2.12.0)", () => {
    const r = gen("2.12", { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" }, { features: ["feature-unified-resource-naming"], mesh: { meshServices: { mode: "Exclusive" } } });
    const l = r.resources.find((x) => x.type === "listener" && x.name === "self_transparentproxy_passthrough_outbound_ipv4")!;
    expect(l.value["statPrefix"]).toBeUndefined();
    const c = r.resources.find((x) => x.type === "cluster" && x.name === "self_transparentproxy_passthrough_outbound_ipv4")!;
    expect(c.value).toEqual({ name: "self_transparentproxy_passthrough_outbound_ipv4", type: "ORIGINAL_DST", lbPolicy: "CLUSTER_PROVIDED", connectTimeout: "5s" });
    expect(r.resources.some((x) => x.name === "self_transparentproxy_no_destination_inbound")).toBe(false);
  });
  it("2.14 unified naming adds the listener statPrefix (golden 05 @ v2.14.3); the DP feature alone is not enough", () => {
    const r = gen("2.14", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-unified-resource-naming"], mesh: { meshServices: { mode: "Exclusive" } } });
    const l = r.resources.find((x) => x.type === "listener" && x.name === "self_transparentproxy_passthrough_outbound_ipv4")!;
    expect(l.value["statPrefix"]).toBe("self_transparentproxy_passthrough_outbound_ipv4");
    const legacy = gen("2.14", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-unified-resource-naming"] });
    expect(legacy.plan.scheme).toBe("legacy");
  });
  it("Mesh passthrough false drops only the outbound clusters (transparent_proxy_generator.go IsPassthrough)", () => {
    const r = gen("2.14", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { mesh: { networking: { outbound: { passthrough: false } } } });
    expect(names(r)).toEqual([
      "cluster inbound:passthrough:ipv4",
      "cluster inbound:passthrough:ipv6",
      "cluster self_transparentproxy_no_destination_inbound",
      "listener inbound:passthrough:ipv4",
      "listener inbound:passthrough:ipv6",
      "listener outbound:passthrough:ipv4",
      "listener outbound:passthrough:ipv6",
    ]);
  });
  it("bind-outbounds (2.11+) disables the generator", () => {
    expect(gen("2.14", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-bind-outbounds"] }).resources).toEqual([]);
    expect(gen("2.10", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-bind-outbounds"] }).resources).not.toEqual([]);
  });
  it("the reuse-port feature sets enableReusePort true on the inbound passthrough listener from v2.13.7 / 2.14.0; v2.13.5 false whatever the features (golden transparent-proxy/02)", () => {
    const on = gen("2.14", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-reuse-port"] });
    expect(on.resources.find((x) => x.name === "inbound:passthrough:ipv4" && x.type === "listener")!.value["enableReusePort"]).toBe(true);
    const old = gen("2.13.5", { redirectPortInbound: 15006, redirectPortOutbound: 15001 }, { features: ["feature-reuse-port"] });
    expect(old.resources.find((x) => x.name === "inbound:passthrough:ipv4" && x.type === "listener")!.value["enableReusePort"]).toBe(false);
  });
});

describe("transparent-proxy config from kuma-dp metadata (2.11+)", () => {
  it("with feature-transparent-proxy-in-dataplane-metadata Kuma reads the metadata config, defaults 15006/15001/dualstack (config_dataplane.go)", () => {
    const meta = gen("2.11", undefined, { features: ["feature-transparent-proxy-in-dataplane-metadata"] });
    expect(meta.plan.disabledReason).toBeUndefined();
    expect(meta.plan.outboundPort).toBe(15001);
    expect(meta.plan.families.map((x) => x.family)).toEqual(["ipv4", "ipv6"]);
    // Before 2.11 the feature does not exist: no transparentProxying in the resource means no passthrough.
    expect(gen("2.10", undefined, { features: ["feature-transparent-proxy-in-dataplane-metadata"] }).resources).toEqual([]);
  });
});
