// Descriptor model of the Envoy v3 protos (envoy/config/cluster/v3/cluster.proto, circuit_breaker.proto,
// listener/v3/*.proto, core/v3/*.proto, tcp_proxy, http_connection_manager, router, route, tls, wrappers).
// Expected values are written from the .proto files, not read back from the code.
import { describe, expect, it } from "vitest";
import {
  getEnum,
  getMessage,
  modelledMessageNames,
  TYPE_URL_PREFIX,
  typeNameFromUrl,
  type FieldDescriptor,
} from "./descriptors.js";
import { toJsonName } from "./types.js";

function field(typeName: string, name: string): FieldDescriptor {
  const md = getMessage(typeName);
  if (md === undefined) throw new Error(`${typeName} not modelled`);
  const f = md.byProtoName.get(name);
  if (f === undefined) throw new Error(`${typeName}.${name} not modelled`);
  return f;
}

describe("descriptor registry", () => {
  it("exports the type URL prefix Kuma's MarshalAnyDeterministic writes", () => {
    expect(TYPE_URL_PREFIX).toBe("type.googleapis.com/");
    expect(typeNameFromUrl("type.googleapis.com/envoy.config.cluster.v3.Cluster")).toBe("envoy.config.cluster.v3.Cluster");
    // protoregistry.FindMessageByURL keeps everything after the last '/'
    expect(typeNameFromUrl("example.com/a/b.C")).toBe("b.C");
  });

  it("models the Envoy resources and typed configs meshsim patches", () => {
    const names = modelledMessageNames();
    for (const n of [
      "envoy.config.cluster.v3.Cluster",
      "envoy.config.cluster.v3.CircuitBreakers",
      "envoy.config.cluster.v3.CircuitBreakers.Thresholds",
      "envoy.config.cluster.v3.OutlierDetection",
      "envoy.config.listener.v3.Listener",
      "envoy.config.listener.v3.FilterChain",
      "envoy.config.listener.v3.FilterChainMatch",
      "envoy.config.listener.v3.Filter",
      "envoy.config.listener.v3.ListenerFilter",
      "envoy.config.core.v3.Address",
      "envoy.config.core.v3.SocketAddress",
      "envoy.config.core.v3.Http1ProtocolOptions",
      "envoy.config.core.v3.Http2ProtocolOptions",
      "envoy.config.core.v3.HttpProtocolOptions",
      "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter",
      "envoy.extensions.filters.http.router.v3.Router",
      "envoy.config.route.v3.RouteConfiguration",
      "envoy.config.route.v3.VirtualHost",
      "envoy.config.route.v3.Route",
      "envoy.config.route.v3.RouteMatch",
      "envoy.config.route.v3.RouteAction",
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
      "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
      "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
      "envoy.extensions.transport_sockets.tls.v3.CommonTlsContext",
      "envoy.extensions.transport_sockets.tls.v3.TlsParameters",
      "envoy.extensions.filters.listener.original_dst.v3.OriginalDst",
      "envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector",
      "envoy.extensions.filters.listener.http_inspector.v3.HttpInspector",
      "envoy.config.accesslog.v3.AccessLog",
      "google.protobuf.Duration",
      "google.protobuf.Any",
      "google.protobuf.Struct",
      "google.protobuf.Value",
      "google.protobuf.BoolValue",
      "google.protobuf.UInt32Value",
      "google.protobuf.UInt64Value",
      "google.protobuf.DoubleValue",
      "google.protobuf.StringValue",
    ]) {
      expect(names).toContain(n);
    }
  });

  it("leaves unmodelled messages opaque (undefined)", () => {
    expect(getMessage("envoy.extensions.filters.network.rbac.v3.RBAC")).toBeUndefined();
    expect(getMessage("envoy.config.core.v3.HealthCheck")).toBeUndefined();
  });

  it("derives JSON names like protoc's ToJsonName", () => {
    expect(toJsonName("connect_timeout")).toBe("connectTimeout");
    expect(toJsonName("accept_http_10")).toBe("acceptHttp10");
    expect(toJsonName("enforcing_consecutive_5xx")).toBe("enforcingConsecutive5xx");
    expect(toJsonName("http2_protocol_options")).toBe("http2ProtocolOptions");
    expect(toJsonName("name")).toBe("name");
  });

  it("cluster.proto: names, JSON names, kinds and oneofs", () => {
    expect(field("envoy.config.cluster.v3.Cluster", "connect_timeout")).toMatchObject({
      name: "connect_timeout",
      jsonName: "connectTimeout",
      type: { kind: "message", typeName: "google.protobuf.Duration" },
    });
    const type = field("envoy.config.cluster.v3.Cluster", "type");
    expect(type.oneof).toBe("cluster_discovery_type");
    expect(type.type).toEqual({
      kind: "enum",
      enumName: "envoy.config.cluster.v3.Cluster.DiscoveryType",
      values: ["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"],
      numbers: [0, 1, 2, 3, 4],
    });
    expect(field("envoy.config.cluster.v3.Cluster", "cluster_type").oneof).toBe("cluster_discovery_type");
    expect(field("envoy.config.cluster.v3.Cluster", "lb_policy").oneof).toBeUndefined();
    expect(field("envoy.config.cluster.v3.Cluster", "typed_extension_protocol_options").type).toEqual({
      kind: "map",
      key: "string",
      value: { kind: "message", typeName: "google.protobuf.Any" },
    });
    expect(field("envoy.config.cluster.v3.Cluster", "health_checks").type).toEqual({
      kind: "repeated",
      element: { kind: "message", typeName: "envoy.config.core.v3.HealthCheck" },
    });
    expect(field("envoy.config.cluster.v3.Cluster", "alt_stat_name").type).toEqual({ kind: "scalar", scalar: "string" });
  });

  it("LbPolicy keeps its gap (4 was ORIGINAL_DST_LB, removed): index 0 is the zero value", () => {
    const e = getEnum("envoy.config.cluster.v3.Cluster.LbPolicy");
    expect(e?.values).toEqual(["ROUND_ROBIN", "LEAST_REQUEST", "RING_HASH", "RANDOM", "MAGLEV", "CLUSTER_PROVIDED", "LOAD_BALANCING_POLICY_CONFIG"]);
    expect(e?.numbers).toEqual([0, 1, 2, 3, 5, 6, 7]);
  });

  it("circuit_breaker.proto: Thresholds fields", () => {
    const t = "envoy.config.cluster.v3.CircuitBreakers.Thresholds";
    expect(field(t, "max_connections").type).toEqual({ kind: "message", typeName: "google.protobuf.UInt32Value" });
    expect(field(t, "track_remaining")).toMatchObject({ name: "track_remaining", jsonName: "trackRemaining", type: { kind: "scalar", scalar: "bool" } });
    expect(field(t, "priority").type).toMatchObject({ kind: "enum", values: ["DEFAULT", "HIGH"] });
  });

  it("address.proto: port_value is a oneof member (so portValue: 0 survives)", () => {
    expect(field("envoy.config.core.v3.SocketAddress", "port_value")).toMatchObject({
      name: "port_value",
      jsonName: "portValue",
      type: { kind: "scalar", scalar: "uint32" },
      oneof: "port_specifier",
    });
  });

  it("listener.proto: use_original_dst is a BoolValue wrapper; filter typed_config is a oneof Any", () => {
    expect(field("envoy.config.listener.v3.Listener", "use_original_dst").type).toEqual({ kind: "message", typeName: "google.protobuf.BoolValue" });
    expect(field("envoy.config.listener.v3.Listener", "traffic_direction").type).toMatchObject({
      kind: "enum",
      values: ["UNSPECIFIED", "INBOUND", "OUTBOUND"],
    });
    expect(field("envoy.config.listener.v3.Filter", "typed_config")).toMatchObject({
      name: "typed_config",
      jsonName: "typedConfig",
      type: { kind: "message", typeName: "google.protobuf.Any" },
      oneof: "config_type",
    });
  });

  it("tcp_proxy.proto: cluster is in the cluster_specifier oneof; idle_timeout is a Duration", () => {
    const t = "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
    expect(field(t, "cluster").oneof).toBe("cluster_specifier");
    expect(field(t, "idle_timeout").type).toEqual({ kind: "message", typeName: "google.protobuf.Duration" });
  });

  it("router.proto: dynamic_stats is a BoolValue, strict_check_headers repeated string", () => {
    const t = "envoy.extensions.filters.http.router.v3.Router";
    expect(field(t, "dynamic_stats").type).toEqual({ kind: "message", typeName: "google.protobuf.BoolValue" });
    expect(field(t, "strict_check_headers").type).toEqual({ kind: "repeated", element: { kind: "scalar", scalar: "string" } });
  });

  it("well-known types carry their jsonpb kind", () => {
    expect(getMessage("google.protobuf.Duration")?.wellKnown).toBe("Duration");
    expect(getMessage("google.protobuf.UInt64Value")?.wellKnown).toBe("wrapper");
    expect(getMessage("google.protobuf.UInt64Value")?.fields[0]?.type).toEqual({ kind: "scalar", scalar: "uint64" });
    expect(getMessage("google.protobuf.Struct")?.wellKnown).toBe("Struct");
    expect(getMessage("google.protobuf.Any")?.wellKnown).toBe("Any");
  });

  it("references exactly these opaque (unmodelled) message types, so a typo cannot silently make a field opaque", () => {
    const opaque = new Set<string>();
    for (const n of modelledMessageNames()) {
      for (const f of getMessage(n)?.fields ?? []) {
        const k = f.type.kind === "repeated" ? f.type.element : f.type.kind === "map" ? f.type.value : f.type;
        if (k.kind === "message" && getMessage(k.typeName) === undefined) opaque.add(k.typeName);
      }
    }
    expect([...opaque].sort()).toEqual([
      "envoy.config.accesslog.v3.AccessLogFilter",
      "envoy.config.cluster.v3.Cluster.CommonLbConfig.LocalityWeightedLbConfig",
      "envoy.config.cluster.v3.Cluster.CommonLbConfig.ZoneAwareLbConfig",
      "envoy.config.core.v3.AlternateProtocolsCacheOptions",
      "envoy.config.core.v3.ApiConfigSource",
      "envoy.config.core.v3.BackoffStrategy",
      "envoy.config.core.v3.DnsResolutionConfig",
      "envoy.config.core.v3.ExtensionConfigSource",
      "envoy.config.core.v3.HealthCheck",
      "envoy.config.core.v3.HealthStatusSet",
      "envoy.config.core.v3.Http3ProtocolOptions",
      "envoy.config.core.v3.JsonFormatOptions",
      "envoy.config.core.v3.PathConfigSource",
      "envoy.config.core.v3.SchemeHeaderTransformation",
      "envoy.config.core.v3.SocketOption",
      "envoy.config.core.v3.SocketOptionsOverride",
      "envoy.config.core.v3.TlvEntry",
      "envoy.config.endpoint.v3.ClusterLoadAssignment.Policy",
      "envoy.config.endpoint.v3.Endpoint.HealthCheckConfig",
      "envoy.config.endpoint.v3.LedsClusterLocalityConfig",
      "envoy.config.listener.v3.ApiListener",
      "envoy.config.listener.v3.UdpListenerConfig",
      "envoy.config.route.v3.ClusterSpecifierPlugin",
      "envoy.config.route.v3.CorsPolicy",
      "envoy.config.route.v3.FilterAction",
      "envoy.config.route.v3.HedgePolicy",
      "envoy.config.route.v3.InternalRedirectPolicy",
      "envoy.config.route.v3.RateLimit",
      "envoy.config.route.v3.RedirectAction",
      "envoy.config.route.v3.RetryPolicy",
      "envoy.config.route.v3.RouteAction.HashPolicy",
      "envoy.config.route.v3.RouteAction.MaxStreamDuration",
      "envoy.config.route.v3.RouteAction.RequestMirrorPolicy",
      "envoy.config.route.v3.RouteAction.UpgradeConfig",
      "envoy.config.route.v3.Tracing",
      "envoy.config.route.v3.Vhds",
      "envoy.config.route.v3.VirtualCluster",
      "envoy.extensions.filters.http.router.v3.Router.UpstreamAccessLogOptions",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.HcmAccessLogOptions",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.PathNormalizationOptions",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.ProxyStatusConfig",
      "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.Tracing",
      "envoy.extensions.filters.network.http_connection_manager.v3.LocalReplyConfig",
      "envoy.extensions.filters.network.http_connection_manager.v3.RequestIDExtension",
      "envoy.extensions.filters.network.http_connection_manager.v3.ScopedRoutes",
      "envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext.SystemRootCerts",
      "envoy.extensions.transport_sockets.tls.v3.PrivateKeyProvider",
      "envoy.extensions.transport_sockets.tls.v3.TlsKeyLog",
      "envoy.extensions.transport_sockets.tls.v3.TlsSessionTicketKeys",
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions.OutlierDetection",
      "envoy.type.matcher.v3.FilterStateMatcher",
      "envoy.type.matcher.v3.MetadataMatcher",
      "envoy.type.metadata.v3.MetadataKey",
      "envoy.type.v3.HashPolicy",
      "xds.core.v3.Authority",
      "xds.core.v3.TypedExtensionConfig",
      "xds.type.matcher.v3.Matcher"
    ]);
  });
});
