/**
 * Resource and stat names, each expected value spelled out from the Kuma v2.14.3 format string it mirrors.
 */
import { describe, expect, it } from "vitest";
import {
  NO_DESTINATION_INBOUND_CLUSTER,
  apiServerBypassName,
  identityCertSecretName,
  inMeshClusterName,
  inMeshListenerName,
  inboundListenerName,
  inboundRouteName,
  kumaTagSan,
  localClusterName,
  meshCaSecretName,
  meshPassthroughDomainsChainName,
  meshPassthroughName,
  meshSpiffeId,
  passthroughName,
  passthroughTwin,
  sanitizeStatName,
} from "./names.js";

describe("transparent-proxy passthrough names", () => {
  it("legacy names (kumahq/kuma@v2.14.3 pkg/xds/generator/metadata/metadata.go TransparentOutboundNameIPv4 ...)", () => {
    expect(passthroughName("outbound", "ipv4", "legacy")).toBe("outbound:passthrough:ipv4");
    expect(passthroughName("inbound", "ipv6", "legacy")).toBe("inbound:passthrough:ipv6");
  });
  it("unified names (kumahq/kuma@v2.14.3 pkg/core/naming/contextual.go ContextualTransparentProxyName: self_transparentproxy_passthrough_%s_ipv%d)", () => {
    expect(passthroughName("outbound", "ipv4", "unified")).toBe("self_transparentproxy_passthrough_outbound_ipv4");
    expect(passthroughName("inbound", "ipv6", "unified")).toBe("self_transparentproxy_passthrough_inbound_ipv6");
  });
  it("passthroughTwin pairs the four names both ways (network_filter_mod.go systemListenerNameEquivalents)", () => {
    const pairs: [string, string][] = [
      ["outbound:passthrough:ipv4", "self_transparentproxy_passthrough_outbound_ipv4"],
      ["outbound:passthrough:ipv6", "self_transparentproxy_passthrough_outbound_ipv6"],
      ["inbound:passthrough:ipv4", "self_transparentproxy_passthrough_inbound_ipv4"],
      ["inbound:passthrough:ipv6", "self_transparentproxy_passthrough_inbound_ipv6"],
    ];
    for (const [legacy, unified] of pairs) {
      expect(passthroughTwin(legacy)).toBe(unified);
      expect(passthroughTwin(unified)).toBe(legacy);
    }
  });
  it("passthroughTwin has no twin for other names, near misses included", () => {
    for (const n of ["outbound:10.0.0.1:80", "outbound:passthrough:ipv5", "xoutbound:passthrough:ipv4", "outbound:passthrough:ipv4 ", "self_transparentproxy_passthrough_outbound_ipv4x", "self_transparentproxy_no_destination_inbound"])
      expect(passthroughTwin(n), n).toBeUndefined();
  });
  it("the strict-inbound no-destination cluster (contextual.go ContextualNoDestinationClusterName(\"inbound\"))", () => {
    expect(NO_DESTINATION_INBOUND_CLUSTER).toBe("self_transparentproxy_no_destination_inbound");
  });
  it("API-server bypass (pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go: legacy constant, unified system name kube_api_server_bypass)", () => {
    expect(apiServerBypassName("legacy")).toBe("plugins:bootstrap:k8s:hooks:apiServerBypass");
    expect(apiServerBypassName("unified")).toBe("system_kube_api_server_bypass");
  });
});

describe("sanitizeStatName (kumahq/kuma@v2.14.3 pkg/util/xds/metric_sanitizer.go: [^a-zA-Z_\\-0-9] → _)", () => {
  it("keeps letters, digits, _ and -; every other character becomes _", () => {
    expect(sanitizeStatName("outbound:passthrough:ipv4")).toBe("outbound_passthrough_ipv4");
    expect(sanitizeStatName("meshpassthrough_http_*.example.com_80")).toBe("meshpassthrough_http___example_com_80");
    expect(sanitizeStatName("a-b_C9")).toBe("a-b_C9");
    expect(sanitizeStatName("a b/c@d")).toBe("a_b_c_d");
  });
});

describe("MeshPassthrough names (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough/plugin/xds/listeners_filter_chain.go)", () => {
  it("ClusterName: meshpassthrough_<protocol>_<value>_<port>, * without a port", () => {
    expect(meshPassthroughName("tls", "api.example.com", 443)).toBe("meshpassthrough_tls_api.example.com_443");
    expect(meshPassthroughName("http", "*.example.com", 0)).toBe("meshpassthrough_http_*.example.com_*");
    expect(meshPassthroughName("tcp", "10.0.0.0/8", 5432)).toBe("meshpassthrough_tcp_10.0.0.0/8_5432");
  });
  it("mysql rules use the protocol word tcp (order.go maps mysql to tcp before naming)", () => {
    expect(meshPassthroughName("mysql", "db.example.com", 3306)).toBe("meshpassthrough_tcp_db.example.com_3306");
  });
  it("FilterChainName with name == protocol: meshpassthrough_<protocol>_<port|*>", () => {
    expect(meshPassthroughDomainsChainName("http", 80)).toBe("meshpassthrough_http_80");
    expect(meshPassthroughDomainsChainName("grpc", 0)).toBe("meshpassthrough_grpc_*");
  });
});

describe("in-mesh and inbound names (kumahq/kuma@v2.14.3 pkg/xds/envoy/names/resource_names.go)", () => {
  it("GetInboundListenerName: inbound: + net.JoinHostPort (IPv6 in brackets)", () => {
    expect(inboundListenerName("10.0.0.7", 8080)).toBe("inbound:10.0.0.7:8080");
    expect(inboundListenerName("::1", 8081)).toBe("inbound:[::1]:8081");
  });
  it("GetOutboundListenerName: outbound: + net.JoinHostPort (IPv6 in brackets)", () => {
    expect(inMeshListenerName("240.0.0.1", 80)).toBe("outbound:240.0.0.1:80");
    expect(inMeshListenerName("fd00::1", 80)).toBe("outbound:[fd00::1]:80");
  });
  it("GetOutboundListenerName: outbound: + net.JoinHostPort", () => {
    expect(inMeshListenerName("10.43.0.12", 80)).toBe("outbound:10.43.0.12:80");
  });
  it("GetLocalClusterName, GetInboundRouteName", () => {
    expect(localClusterName(9090)).toBe("localhost:9090");
    expect(inboundRouteName("backend_kuma-demo_svc_8080")).toBe("inbound:backend_kuma-demo_svc_8080");
  });
  it("GetSecretName(category, \"secret\", mesh) (pkg/xds/envoy/secrets.go)", () => {
    expect(identityCertSecretName("default")).toBe("identity_cert:secret:default");
    expect(meshCaSecretName("default")).toBe("mesh_ca:secret:default");
  });
  it("SPIFFE and tag SANs of Kuma's builtin CA", () => {
    expect(meshSpiffeId("default", "backend")).toBe("spiffe://default/backend");
    expect(kumaTagSan("kuma.io/service", "backend")).toBe("kuma://kuma.io/service/backend");
  });
  it("Mesh*Service clusters: legacy destinationname.go %s_%s_%s_%s_%s_%d (mesh, name, namespace, zone, short name, port), zone empty", () => {
    const d = { kind: "MeshService", mesh: "default", name: "redis", namespace: "kuma-demo" };
    expect(inMeshClusterName(d, 6379, "legacy")).toBe("default_redis_kuma-demo__msvc_6379");
    expect(inMeshClusterName({ ...d, namespace: undefined }, 6379, "legacy")).toBe("default_redis___msvc_6379");
    expect(inMeshClusterName({ ...d, kind: "MeshMultiZoneService" }, 6379, "legacy")).toBe("default_redis_kuma-demo__mzsvc_6379");
    expect(inMeshClusterName({ ...d, kind: "MeshExternalService" }, 443, "legacy")).toBe("default_redis_kuma-demo__extsvc_443");
  });
  it("Mesh*Service clusters: unified KRI kri_%s_%s_%s_%s_%s_%s (short name, mesh, zone, namespace, name, section), zone empty", () => {
    const d = { kind: "MeshService", mesh: "default", name: "redis", namespace: "kuma-demo" };
    expect(inMeshClusterName(d, 6379, "unified")).toBe("kri_msvc_default__kuma-demo_redis_6379");
    expect(inMeshClusterName({ ...d, namespace: undefined }, 6379, "unified")).toBe("kri_msvc_default___redis_6379");
  });
});
