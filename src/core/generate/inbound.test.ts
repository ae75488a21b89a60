/**
 * InboundProxyGenerator and the strict-inbound-ports passthrough listener, checked against the key fields of
 * Kuma's goldens (inbound-proxy/6 PERMISSIVE, 7 STRICT; transparent-proxy/06-10 @ v2.14.3). Every expected
 * value below is typed by hand from reading those goldens; none is copied or loaded.
 */
import { describe, expect, it } from "vitest";
import { validateResources } from "../xds/validate/index.js";
import { applyStrictInboundPorts, generateInbound, NO_PERMISSION_RBAC_RULES } from "./inbound.js";
import { inboundInterfaces } from "../model/interfaces.js";
import { generateTransparentProxy } from "./transparent-proxy.js";
import { features, type KumaMinor } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import { inboundListenerName } from "../xds/names.js";
import { findResource, renderConfig, type ResourceSet } from "../xds/resource-set.js";
import { GOLDEN_DP_SPEC, inboundDataplane, mesh } from "../policies/meshtls/policy.fixtures.js";

const goldenDp = inboundDataplane("dp-1", "default", GOLDEN_DP_SPEC);
const listener = (rs: ResourceSet, name: string) => findResource(rs, "listener", name)!.value;
const cluster = (rs: ResourceSet, name: string) => findResource(rs, "cluster", name)!.value;
const chains = (l: JsonObject) => l["filterChains"] as JsonObject[];
const filterNames = (c: JsonObject) => (c["filters"] as JsonObject[]).map((f) => f["name"]);
const typed = (c: JsonObject, i: number) => (c["filters"] as JsonObject[])[i]!["typedConfig"] as JsonObject;

/** The DownstreamTlsContext of goldens 6 and 7, written out by hand for mesh `default`. */
const MTLS_SOCKET = {
  name: "envoy.transport_sockets.tls",
  typedConfig: {
    "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
    commonTlsContext: {
      combinedValidationContext: {
        defaultValidationContext: { matchTypedSubjectAltNames: [{ matcher: { prefix: "spiffe://default/" }, sanType: "URI" }] },
        validationContextSdsSecretConfig: { name: "mesh_ca:secret:default", sdsConfig: { ads: {}, resourceApiVersion: "V3" } },
      },
      tlsCertificateSdsSecretConfigs: [{ name: "identity_cert:secret:default", sdsConfig: { ads: {}, resourceApiVersion: "V3" } }],
    },
    requireClientCertificate: true,
  },
};

// Golden 7 carries a tp-1 TrafficPermission on backend1; the others have `rules: {}` (no permission).
const goldenRbac = { rbacRules: () => NO_PERMISSION_RBAC_RULES };

describe("InboundProxyGenerator: resources (goldens 6 and 7)", () => {
  const rs = generateInbound(goldenDp, mesh("STRICT"), features("2.14"), "STRICT", goldenRbac).resources;
  it("one listener per inbound, named inbound:<ip>:<port> (IPv6 bracketed), and one localhost:<servicePort> cluster per workload port", () => {
    const cfg = renderConfig(rs);
    expect(cfg.listeners.map((l) => l["name"])).toEqual([
      "inbound:127.0.0.1:8080",
      "inbound:192.168.0.1:443",
      "inbound:192.168.0.1:80",
      "inbound:192.168.0.2:443",
      "inbound:192.168.0.2:80",
      "inbound:[::1]:8081",
    ]);
    expect(cfg.clusters.map((c) => c["name"])).toEqual(["localhost:1234", "localhost:12345", "localhost:8080", "localhost:8443"]);
    expect(rs.every((r) => r.origin === "inbound")).toBe(true);
  });
  it("localhost:8080 is shared by two inbounds: the last one (192.168.0.2) wins; HTTP options and 127.0.0.6 source", () => {
    expect(cluster(rs, "localhost:8080")).toEqual({
      name: "localhost:8080",
      type: "STATIC",
      connectTimeout: "10s",
      altStatName: "localhost_8080",
      loadAssignment: { clusterName: "localhost:8080", endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: "192.168.0.2", portValue: 8080 } } } }] }] },
      typedExtensionProtocolOptions: {
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
          "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
          commonHttpProtocolOptions: { idleTimeout: "7200s" },
          explicitHttpConfig: { httpProtocolOptions: {} },
        },
      },
      upstreamBindConfig: { sourceAddress: { address: "127.0.0.6", portValue: 0 } },
    });
  });
  it("loopback workloads (127.0.0.1, ::1) get no upstreamBindConfig; TCP inbounds no protocol options", () => {
    expect(cluster(rs, "localhost:1234")["upstreamBindConfig"]).toBeUndefined();
    expect(cluster(rs, "localhost:12345")["upstreamBindConfig"]).toBeUndefined();
    expect((cluster(rs, "localhost:12345")["loadAssignment"] as JsonObject)["endpoints"]).toEqual([{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: "::1", portValue: 12345 } } } }] }]);
    expect(cluster(rs, "localhost:8443")["typedExtensionProtocolOptions"]).toBeUndefined();
    expect(cluster(rs, "localhost:8443")["upstreamBindConfig"]).toEqual({ sourceAddress: { address: "127.0.0.6", portValue: 0 } });
  });
  it("listener envelope: address, bindToPort false (transparent proxy), enableReusePort false, INBOUND, tags metadata", () => {
    const l = listener(rs, "inbound:192.168.0.1:80");
    expect(l["address"]).toEqual({ socketAddress: { address: "192.168.0.1", portValue: 80 } });
    expect(l["bindToPort"]).toBe(false);
    expect(l["enableReusePort"]).toBe(false);
    expect(l["trafficDirection"]).toBe("INBOUND");
    expect(l["metadata"]).toEqual({ filterMetadata: { "io.kuma.tags": { "kuma.io/protocol": "http", "kuma.io/service": "backend1" } } });
    expect(listener(rs, "inbound:[::1]:8081")["address"]).toEqual({ socketAddress: { address: "::1", portValue: 8081 } });
  });
});

describe("InboundProxyGenerator: STRICT (golden 7)", () => {
  const rs = generateInbound(goldenDp, mesh("STRICT"), features("2.14"), "STRICT", goldenRbac).resources;
  it("TCP inbound: one chain without a match; RBAC, then tcp_proxy (idle 7200s); the mesh DownstreamTlsContext; no tls_inspector", () => {
    const l = listener(rs, "inbound:192.168.0.1:443");
    expect(l["listenerFilters"]).toBeUndefined();
    expect(chains(l)).toHaveLength(1);
    const c = chains(l)[0]!;
    expect(c["filterChainMatch"]).toBeUndefined();
    expect(filterNames(c)).toEqual(["envoy.filters.network.rbac", "envoy.filters.network.tcp_proxy"]);
    expect(typed(c, 0)).toEqual({ "@type": "type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC", rules: {}, statPrefix: "inbound_192_168_0_1_443." });
    expect(typed(c, 1)).toEqual({ "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster: "localhost:8443", idleTimeout: "7200s", statPrefix: "localhost_8443" });
    expect(c["transportSocket"]).toEqual(MTLS_SOCKET);
  });
  it("RBAC stat prefix of the IPv6 listener is the sanitised name plus a dot", () => {
    expect(typed(chains(listener(rs, "inbound:[::1]:8081"))[0]!, 0)["statPrefix"]).toBe("inbound____1__8081.");
  });
  it("HTTP inbound: RBAC then the HTTP connection manager with Kuma's inbound settings", () => {
    const c = chains(listener(rs, "inbound:192.168.0.2:80"))[0]!;
    expect(filterNames(c)).toEqual(["envoy.filters.network.rbac", "envoy.filters.network.http_connection_manager"]);
    const hcm = typed(c, 1);
    expect(hcm["statPrefix"]).toBe("localhost_8080");
    expect(hcm["forwardClientCertDetails"]).toBe("SANITIZE_SET");
    expect(hcm["setCurrentClientCertDetails"]).toEqual({ uri: true });
    expect(hcm["commonHttpProtocolOptions"]).toEqual({ idleTimeout: "7200s" });
    expect(hcm["streamIdleTimeout"]).toBe("3600s");
    expect(hcm["routeConfig"]).toEqual({
      name: "inbound:backend3",
      requestHeadersToRemove: ["x-kuma-tags"],
      validateClusters: false,
      virtualHosts: [{ name: "backend3", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "localhost:8080", timeout: "0s" } }] }],
    });
    expect(c["transportSocket"]).toEqual(MTLS_SOCKET);
  });
});

describe("InboundProxyGenerator: PERMISSIVE (golden 6)", () => {
  const rs = generateInbound(goldenDp, mesh("PERMISSIVE"), features("2.14"), "PERMISSIVE", goldenRbac).resources;
  const l = listener(rs, "inbound:192.168.0.1:443");
  it("tls_inspector listener filter", () => {
    expect(l["listenerFilters"]).toEqual([
      { name: "envoy.filters.listener.tls_inspector", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector" } },
    ]);
  });
  it("three chains: raw_buffer, tls, tls + ALPN kuma; only the last terminates mTLS and has RBAC", () => {
    const cs = chains(l);
    expect(cs.map((c) => c["filterChainMatch"])).toEqual([{ transportProtocol: "raw_buffer" }, { transportProtocol: "tls" }, { applicationProtocols: ["kuma"], transportProtocol: "tls" }]);
    expect(cs.map(filterNames)).toEqual([["envoy.filters.network.tcp_proxy"], ["envoy.filters.network.tcp_proxy"], ["envoy.filters.network.rbac", "envoy.filters.network.tcp_proxy"]]);
    expect(cs.map((c) => c["transportSocket"] ?? null)).toEqual([null, null, MTLS_SOCKET]);
    for (const c of cs) expect(typed(c, filterNames(c).length - 1)["cluster"]).toBe("localhost:8443");
  });
  it("HTTP inbound: every chain runs the HTTP connection manager (also the plain tls chain)", () => {
    const cs = chains(listener(rs, "inbound:192.168.0.1:80"));
    expect(cs.map(filterNames)).toEqual([
      ["envoy.filters.network.http_connection_manager"],
      ["envoy.filters.network.http_connection_manager"],
      ["envoy.filters.network.rbac", "envoy.filters.network.http_connection_manager"],
    ]);
  });
});

describe("InboundProxyGenerator: other inputs", () => {
  it("mTLS off: one plain chain, no TLS, no RBAC, no listener filters", () => {
    const l = listener(generateInbound(goldenDp, mesh("off"), features("2.14"), "off").resources, "inbound:192.168.0.1:443");
    expect(l["listenerFilters"]).toBeUndefined();
    expect(chains(l)).toHaveLength(1);
    expect(chains(l)[0]!["transportSocket"]).toBeUndefined();
    expect(filterNames(chains(l)[0]!)).toEqual(["envoy.filters.network.tcp_proxy"]);
  });
  it("without transparent proxying the listener binds for real and the cluster keeps the app's source address", () => {
    const dp = inboundDataplane("legacy", "default", { networking: { address: "10.0.0.7", inbound: [{ port: 8080, servicePort: 9090, tags: { "kuma.io/service": "legacy" } }] } });
    const rs = generateInbound(dp, mesh("STRICT"), features("2.14"), "STRICT").resources;
    expect(listener(rs, "inbound:10.0.0.7:8080")["bindToPort"]).toBeUndefined();
    expect(cluster(rs, "localhost:9090")["upstreamBindConfig"]).toBeUndefined();
  });
  it("the default RBAC rules allow every principal (Kuma's default MeshTrafficPermission allow-all)", () => {
    const rs = generateInbound(goldenDp, mesh("STRICT"), features("2.14"), "STRICT").resources;
    expect(typed(chains(listener(rs, "inbound:192.168.0.1:443"))[0]!, 0)["rules"]).toEqual({
      policies: { MeshTrafficPermission: { permissions: [{ any: true }], principals: [{ any: true }] } },
    });
  });
  it("service-less inbounds (port 49151) get no listener and no cluster", () => {
    const dp = inboundDataplane("client", "default", { networking: { address: "10.0.0.8", inbound: [{ port: 49151, tags: { "kuma.io/service": "client" } }] } });
    expect(generateInbound(dp, mesh("STRICT"), features("2.14"), "STRICT").resources).toEqual([]);
  });
  it("enableReusePort follows feature-reuse-port from v2.13.7 and 2.14.0 (InboundListener @ v2.13.7, commit 17b24aadc4)", () => {
    const spec = { networking: { ...GOLDEN_DP_SPEC.networking }, meshsim: { features: ["feature-reuse-port"] } };
    const dp = inboundDataplane("dp", "default", spec);
    expect(listener(generateInbound(dp, mesh("STRICT"), features("2.14"), "STRICT").resources, "inbound:192.168.0.1:80")["enableReusePort"]).toBe(true);
    expect(listener(generateInbound(dp, mesh("STRICT"), features("2.13.7"), "STRICT").resources, "inbound:192.168.0.1:80")["enableReusePort"]).toBe(true);
    // v2.13.6 sets reuse port only on the inbound passthrough listener (commit c2cdd33fc6); inbound listeners keep false.
    expect(listener(generateInbound(dp, mesh("STRICT"), features("2.13.6"), "STRICT").resources, "inbound:192.168.0.1:80")["enableReusePort"]).toBe(false);
  });
  it("MeshTLS tlsVersion and ciphers become tlsParams (ciphers only with a version, as ServerSideMTLSConfigurer does)", () => {
    const f = features("2.14");
    const withVersion = generateInbound(goldenDp, mesh("STRICT"), f, { mode: "STRICT", tlsVersion: { min: "TLS12", max: "TLS13" }, tlsCiphers: ["ECDHE-RSA-AES128-GCM-SHA256"] }).resources;
    const ctx = (rs: ResourceSet) => ((chains(listener(rs, "inbound:192.168.0.1:443"))[0]!["transportSocket"] as JsonObject)["typedConfig"] as JsonObject)["commonTlsContext"] as JsonObject;
    expect(ctx(withVersion)["tlsParams"]).toEqual({ tlsMinimumProtocolVersion: "TLSv1_2", tlsMaximumProtocolVersion: "TLSv1_3", cipherSuites: ["ECDHE-RSA-AES128-GCM-SHA256"] });
    const ciphersOnly = generateInbound(goldenDp, mesh("STRICT"), f, { mode: "STRICT", tlsCiphers: ["ECDHE-RSA-AES128-GCM-SHA256"] }).resources;
    expect(ctx(ciphersOnly)["tlsParams"]).toBeUndefined();
  });
  it("inbound interfaces follow ToInboundInterface defaults: workload port = port, workload IP = inbound address", () => {
    const dp = inboundDataplane("dp", "default", { networking: { address: "10.0.0.7", inbound: [{ port: 8080, tags: { "kuma.io/service": "a" } }, { port: 9000, name: "grpc-api", serviceAddress: "127.0.0.1", tags: { "kuma.io/service": "b", "kuma.io/protocol": "grpc" } }] } });
    expect(inboundInterfaces(dp).map((i) => [i.listenerName, i.clusterName, i.workloadIp, i.protocol, i.sectionName])).toEqual([
      ["inbound:10.0.0.7:8080", "localhost:8080", "10.0.0.7", "tcp", "8080"],
      ["inbound:10.0.0.7:9000", "localhost:9000", "127.0.0.1", "grpc", "grpc-api"],
    ]);
    expect(inboundListenerName("fd00::1", 80)).toBe("inbound:[fd00::1]:80");
  });
});

describe("strict inbound ports on the inbound passthrough listener (transparent-proxy goldens 06-10 @ v2.14.3)", () => {
  const UNIFIED = ["feature-unified-resource-naming", "feature-strict-inbound-ports"];
  const tpSpec = (ports: number[], extra: Record<string, unknown> = {}) => ({
    networking: {
      address: "10.0.0.1",
      inbound: ports.map((port) => ({ port, tags: { "kuma.io/service": "svc" } })),
      transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" },
      ...extra,
    },
    meshsim: { features: UNIFIED },
  });
  const run = (spec: Record<string, unknown>, mode: "off" | "STRICT" | "PERMISSIVE", minor: KumaMinor = "2.14", rows: { strictInboundPortsFixes?: boolean } = {}) => {
    const dp = inboundDataplane("side-car", "default", spec);
    const m = mesh(mode, "default", { meshServices: { mode: "Exclusive" } });
    const f = { ...features(minor), ...rows };
    const tp = generateTransparentProxy(dp, m, f);
    return applyStrictInboundPorts(tp.resources, dp, m, f, tp.plan);
  };
  const inboundChains = (rs: ResourceSet, family: "ipv4" | "ipv6") => chains(listener(rs, `self_transparentproxy_passthrough_inbound_${family}`));
  const portChain = (port: number, cluster: string, stat: string) => ({
    filterChainMatch: { destinationPort: port },
    filters: [{ name: "envoy.filters.network.tcp_proxy", typedConfig: { "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy", cluster, statPrefix: stat } }],
  });

  it("06: STRICT + feature, one inbound on 8080: both families get one destinationPort 8080 chain", () => {
    const r = run(tpSpec([8080]), "STRICT");
    expect(r.applied).toBe(true);
    for (const fam of ["ipv4", "ipv6"] as const) {
      const name = `self_transparentproxy_passthrough_inbound_${fam}`;
      expect(inboundChains(r.resources, fam)).toEqual([portChain(8080, name, name)]);
    }
  });
  it("07/08: PERMISSIVE keeps the catch-all chain", () => {
    const r = run(tpSpec([8080, 9000]), "PERMISSIVE");
    expect(r.applied).toBe(false);
    expect(inboundChains(r.resources, "ipv4")).toHaveLength(1);
    expect(inboundChains(r.resources, "ipv4")[0]!["filterChainMatch"]).toBeUndefined();
  });
  it("09: a delegated gateway without inbounds keeps the catch-all chain", () => {
    const r = run(tpSpec([], { gateway: { type: "DELEGATED" } }), "STRICT");
    expect(r.applied).toBe(false);
    expect(inboundChains(r.resources, "ipv4")[0]!["filterChainMatch"]).toBeUndefined();
  });
  it("10: duplicate inbound ports give one chain", () => {
    const r = run(tpSpec([8080, 8080]), "STRICT");
    expect(inboundChains(r.resources, "ipv4").map((c) => c["filterChainMatch"])).toEqual([{ destinationPort: 8080 }]);
    expect(validateResources(r.resources)).toEqual([]);
  });
  it("a service-less inbound (49151) routes to self_transparentproxy_no_destination_inbound", () => {
    const r = run(tpSpec([49151]), "STRICT");
    expect(inboundChains(r.resources, "ipv4")).toEqual([portChain(49151, "self_transparentproxy_no_destination_inbound", "self_transparentproxy_passthrough_inbound_ipv4")]);
  });
  it("legacy names: the chains forward to inbound:passthrough:ipv4", () => {
    const spec = { ...tpSpec([8080]), meshsim: { features: ["feature-strict-inbound-ports"] } };
    const r = run(spec, "STRICT");
    expect(chains(listener(r.resources, "inbound:passthrough:ipv4"))).toEqual([portChain(8080, "inbound:passthrough:ipv4", "inbound_passthrough_ipv4")]);
  });
  it("without the DP feature, with mTLS off, or before 2.13: unchanged", () => {
    expect(run({ ...tpSpec([8080]), meshsim: { features: [] } }, "STRICT").applied).toBe(false);
    expect(run(tpSpec([8080]), "off").applied).toBe(false);
    expect(run(tpSpec([8080]), "STRICT", "2.12").applied).toBe(false);
  });
  it("before the dedupe fix (row strictInboundPortsFixes false) duplicate ports make a listener Envoy rejects", () => {
    const r = run(tpSpec([8080, 8080]), "STRICT", "2.13", { strictInboundPortsFixes: false });
    expect(inboundChains(r.resources, "ipv4")).toHaveLength(2);
    // envoyproxy/envoy@v1.38.2 filter_chain_manager_impl.cc verifyNoDuplicateMatchers: two equal matches.
    expect(validateResources(r.resources).map((x) => [x.name, x.rule])).toEqual([
      ["self_transparentproxy_passthrough_inbound_ipv4", "filter-chain-same-match"],
      ["self_transparentproxy_passthrough_inbound_ipv6", "filter-chain-same-match"],
    ]);
  });
});

describe("strict inbound ports at 3.0 follow the workload identity (kumahq/kuma@348b6528bc transparent_proxy_generator.go, goldens 06-10)", () => {
  const spec = (ports: number[]) => ({
    networking: {
      address: "10.0.0.1",
      inbound: ports.map((port) => ({ port })),
      transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" },
    },
    meshsim: { features: ["feature-strict-inbound-ports"] },
  });
  const run = (ports: number[], mode: "off" | "STRICT", identity: boolean, minor: KumaMinor = "3.0") => {
    const dp = inboundDataplane("side-car", "default", spec(ports));
    const m = mesh(mode, "default");
    const f = features(minor);
    const tp = generateTransparentProxy(dp, m, f);
    return applyStrictInboundPorts(tp.resources, dp, m, f, tp.plan, identity);
  };
  const ipv4 = (rs: ResourceSet) => chains(listener(rs, "self_transparentproxy_passthrough_inbound_ipv4"));

  it("06: with a workload identity and no Mesh mTLS, 8080 is the only destination port (unified names without the naming feature)", () => {
    const r = run([8080], "off", true);
    expect(r.applied).toBe(true);
    expect(ipv4(r.resources).map((c) => c["filterChainMatch"])).toEqual([{ destinationPort: 8080 }]);
    expect(r.trace.join("\n")).toContain("workload identity");
  });
  it("07/08: without a workload identity the catch-all chain stays, even with a Mesh in STRICT mode", () => {
    const r = run([8080, 9000], "STRICT", false);
    expect(r.applied).toBe(false);
    expect(ipv4(r.resources)).toHaveLength(1);
    expect(ipv4(r.resources)[0]!["filterChainMatch"]).toBeUndefined();
  });
  it("2.14 still follows the Mesh's mTLS mode, whatever the identity", () => {
    const dp = inboundDataplane("side-car", "default", spec([8080]));
    const f = features("2.14");
    const m = mesh("off", "default");
    const tp = generateTransparentProxy(dp, m, f);
    expect(applyStrictInboundPorts(tp.resources, dp, m, f, tp.plan, true).applied).toBe(false);
  });
});
