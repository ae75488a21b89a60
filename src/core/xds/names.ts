/**
 * Every Envoy resource, filter and type name meshsim emits or recognises. Nothing else spells them.
 * Sources: kuma `pkg/xds/generator/metadata/metadata.go` (legacy names), `pkg/core/naming/contextual.go`
 * (unified names), `pkg/util/xds/metric_sanitizer.go` (stat names) @ v2.14.3.
 */

export type IpFamily = "ipv4" | "ipv6";
export type Direction = "outbound" | "inbound";
export type NamingScheme = "legacy" | "unified";

/** Passthrough listener and cluster share one name. */
export function passthroughName(direction: Direction, family: IpFamily, scheme: NamingScheme): string {
  return scheme === "legacy" ? `${direction}:passthrough:${family}` : `self_transparentproxy_passthrough_${direction}_${family}`;
}

/** The same resource under the other naming scheme, if `name` is a passthrough name. */
export function passthroughTwin(name: string): string | undefined {
  const legacy = /^(outbound|inbound):passthrough:(ipv4|ipv6)$/.exec(name);
  if (legacy) return passthroughName(legacy[1] as Direction, legacy[2] as IpFamily, "unified");
  const unified = /^self_transparentproxy_passthrough_(outbound|inbound)_(ipv4|ipv6)$/.exec(name);
  if (unified) return passthroughName(unified[1] as Direction, unified[2] as IpFamily, "legacy");
  return undefined;
}

/** STATIC cluster without endpoints used by strict inbound ports (2.13+); same name in both schemes. */
export const NO_DESTINATION_INBOUND_CLUSTER = "self_transparentproxy_no_destination_inbound";

/** Kubernetes API-server bypass listener/cluster (kuma `pkg/plugins/bootstrap/k8s/xds/hooks/api_server_bypass.go`). */
export function apiServerBypassName(scheme: NamingScheme): string {
  return scheme === "legacy" ? "plugins:bootstrap:k8s:hooks:apiServerBypass" : "system_kube_api_server_bypass";
}

/** Pseudo-service name TrafficLog/MeshAccessLog use for passthrough (not a cluster). */
export const PASS_THROUGH_SERVICE = "pass_through";

/** Stat-name sanitiser: every character outside `[a-zA-Z0-9_-]` becomes `_` (metric_sanitizer.go). */
export function sanitizeStatName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, "_");
}

export const FILTER = {
  tcpProxy: "envoy.filters.network.tcp_proxy",
  httpConnectionManager: "envoy.filters.network.http_connection_manager",
  router: "envoy.filters.http.router",
  originalDst: "envoy.filters.listener.original_dst",
  tlsInspector: "envoy.filters.listener.tls_inspector",
  httpInspector: "envoy.filters.listener.http_inspector",
} as const;

const P = "type.googleapis.com/";
export const TYPE_URL = {
  cluster: `${P}envoy.config.cluster.v3.Cluster`,
  listener: `${P}envoy.config.listener.v3.Listener`,
  tcpProxy: `${P}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
  httpConnectionManager: `${P}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
  router: `${P}envoy.extensions.filters.http.router.v3.Router`,
  fileAccessLog: `${P}envoy.extensions.access_loggers.file.v3.FileAccessLog`,
} as const;

/**
 * Access logger extension names (kuma `pkg/xds/envoy/listeners/v3/access_log_configurer.go` fileAccessLog;
 * `pkg/plugins/policies/meshaccesslog/plugin/xds/configurer.go` BaseAccessLogBuilder and
 * `pkg/envoy/builders/accesslog/accesslog.go` CELFilter @ v2.14.3).
 */
export const ACCESS_LOGGER = {
  file: "envoy.access_loggers.file",
  openTelemetry: "envoy.access_loggers.open_telemetry",
  celFilter: "envoy.access_loggers.extension_filters.cel",
} as const;

/** Type URLs of the access loggers and access-log filters MeshAccessLog writes. */
export const ACCESS_LOG_TYPE_URL = {
  openTelemetry: `${P}envoy.extensions.access_loggers.open_telemetry.v3.OpenTelemetryAccessLogConfig`,
  celFilter: `${P}envoy.extensions.access_loggers.filters.cel.v3.ExpressionFilter`,
} as const;

/**
 * kuma `pkg/core/xds/sockets.go` AccessLogSocketName @ v2.14.3 (the same at 2.5.0, `types.go`): the Unix socket kuma-dp
 * reads TCP-backend access logs from, `<workDir>/kuma-al-<dataplane>-<mesh>`, cut to 98 characters, plus `.sock`.
 */
export function accessLogSocketName(workDir: string, dataplane: string, mesh: string): string {
  const joined = `${workDir.replace(/\/+$/, "")}/kuma-al-${dataplane}-${mesh}`;
  return `${joined.slice(0, 98)}.sock`;
}

/**
 * The cluster of one MeshAccessLog OpenTelemetry collector (kuma `pkg/plugins/policies/meshaccesslog/plugin/xds/
 * configurer.go` ClusterForEndpoint @ v2.14.3): `meshaccesslog:opentelemetry:<n>` by first use, or under unified
 * naming `system_meshaccesslog_<CleanName(address-port)>`.
 */
export function meshAccessLogOtelClusterName(index: number, address: string, port: number, scheme: NamingScheme): string {
  return scheme === "unified" ? `system_meshaccesslog_${cleanSystemName(`${address}-${port}`)}` : `meshaccesslog:opentelemetry:${index}`;
}

/**
 * kuma `pkg/core/system_names/system_names.go` CleanName @ v2.14.3: Go's FindAllString of `([a-z0-9-]*_?)+` joined
 * with `-` (Go drops an empty match right after a match, JavaScript's global match does not).
 */
export function cleanSystemName(name: string): string {
  const re = /([a-z0-9-]*_?)+/g;
  const out: string[] = [];
  let prevEnd = -1;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    if (m[0] === "") {
      if (m.index !== prevEnd) out.push("");
      re.lastIndex++;
    } else out.push(m[0]);
    prevEnd = m.index + m[0].length;
    if (re.lastIndex > name.length) break;
  }
  return out.join("-");
}

/** Proto message type names used to decode MeshProxyPatch values (typeName = TYPE_URL minus the prefix). */
export const MESSAGE = {
  cluster: "envoy.config.cluster.v3.Cluster",
  listener: "envoy.config.listener.v3.Listener",
  filter: "envoy.config.listener.v3.Filter",
  httpFilter: "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter",
  virtualHost: "envoy.config.route.v3.VirtualHost",
} as const;

/** Resource origins (kuma `pkg/xds/generator/metadata/metadata.go`, plugin `metadata/origin.go` files). */
export const ORIGIN = {
  transparent: "transparent",
  inbound: "inbound",
  outbound: "outbound",
  meshPassthrough: "meshpassthrough",
  meshProxyPatch: "mesh-proxy-patch",
  proxyTemplateModifications: "proxy-template-modifications",
  proxyTemplateRaw: "proxy-template-raw",
  apiServerBypass: "apiServerBypass",
  /** kuma `pkg/plugins/policies/meshaccesslog/plugin/metadata/origin.go` @ v2.14.3. */
  meshAccessLog: "meshaccesslog",
} as const;

// ---- MeshPassthrough (kuma `pkg/plugins/policies/meshpassthrough/plugin/xds/listeners_filter_chain.go`,
// `configurer.go`, `clusters.go` @ v2.14.3; goldens `plugin/v1alpha1/testdata/*.golden.yaml` @ v2.14.3) ----

/** Port segment of MeshPassthrough names: the port, or `*` for a port-less rule. */
function meshPassthroughPort(port: number): string {
  return port === 0 ? "*" : String(port);
}

/**
 * Filter chain, route configuration and cluster name of one MeshPassthrough rule:
 * `meshpassthrough_<protocol>_<value>_<port|*>`. The protocol word of `mysql` rules is `tcp`.
 */
export function meshPassthroughName(protocol: string, value: string, port: number): string {
  return `meshpassthrough_${protocol === "mysql" ? "tcp" : protocol}_${value}_${meshPassthroughPort(port)}`;
}

/** Filter chain and route configuration name of the aggregated L7 domain chain: `meshpassthrough_<protocol>_<port|*>`. */
export function meshPassthroughDomainsChainName(protocol: string, port: number): string {
  return `meshpassthrough_${protocol}_${meshPassthroughPort(port)}`;
}

/** The catch-all virtual host of an aggregated L7 domain chain and its 503 body (verbatim, trailing newline included). */
export const MESH_PASSTHROUGH_NO_MATCH_VHOST = "no_match";
export const MESH_PASSTHROUGH_NO_MATCH_BODY =
  "This response comes from Kuma Sidecar. No routes matched this domain - check configuration of your MeshPassthrough policy.\n";

/** Listener-filter and HTTP protocol-options type URLs MeshPassthrough writes. */
export const MESH_PASSTHROUGH_TYPE_URL = {
  originalDst: `${P}envoy.extensions.filters.listener.original_dst.v3.OriginalDst`,
  tlsInspector: `${P}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector`,
  httpInspector: `${P}envoy.extensions.filters.listener.http_inspector.v3.HttpInspector`,
  httpProtocolOptions: `${P}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
} as const;

/** Key of `Cluster.typedExtensionProtocolOptions` for upstream HTTP options (http2 / grpc clusters). */
export const HTTP_PROTOCOL_OPTIONS_EXTENSION = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/** Legacy name of an outbound listener for an in-mesh destination (`outbound:<address>:<port>`). */
export function inMeshListenerName(address: string, port: number): string {
  // GetOutboundListenerName (pkg/xds/envoy/names/resource_names.go @ v2.14.3): net.JoinHostPort brackets IPv6.
  return `outbound:${joinHostPort(address, port)}`;
}

/**
 * Cluster of a Mesh*Service outbound: legacy `<mesh>_<name>_<namespace>_<zone>_msvc_<port>` (seen in the
 * v2.14.3 e2e dump as `envoyconfig_test-server__kuma-3_msvc_80`), or its KRI under unified naming.
 * Legacy services and Kubernetes Services use their `kuma.io/service` as the cluster name.
 */
export function inMeshClusterName(
  d: { readonly kind: string; readonly mesh: string; readonly name: string; readonly namespace: string | undefined; readonly portNames?: Readonly<Record<number, string>> },
  port: number,
  scheme: NamingScheme,
): string {
  const short = d.kind === "MeshService" ? "msvc" : d.kind === "MeshMultiZoneService" ? "mzsvc" : "extsvc";
  // The KRI's sectionName is the port's name when it has one (golden meshtcproute basic-real-meshservice @ v2.14.3: `kri_msvc_default___backend_test-port`).
  const section = d.portNames?.[port] ?? String(port);
  return scheme === "unified" ? `kri_${short}_${d.mesh}__${d.namespace ?? ""}_${d.name}_${section}` : `${d.mesh}_${d.name}_${d.namespace ?? ""}__${short}_${port}`;
}

// ---- Inbound side (kuma `pkg/xds/envoy/names/resource_names.go`, `pkg/xds/generator/inbound_proxy_generator.go`,
// `pkg/xds/envoy/tls/tls.go`, `pkg/xds/envoy/listeners/v3/*_configurer.go` @ v2.14.3; goldens
// `pkg/xds/generator/testdata/inbound-proxy/{6,7}-envoy-config.golden.yaml`) ----

/** `host:port` as Go's net.JoinHostPort writes it: IPv6 literals in brackets. */
function joinHostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Inbound listener of a dataplane inbound: `inbound:<dataplane IP>:<dataplane port>` (`inbound:[::1]:8081` for IPv6). */
export function inboundListenerName(ip: string, port: number): string {
  return `inbound:${joinHostPort(ip, port)}`;
}

/** Cluster that points at the application (workload) port: `localhost:<workload port>` (GetLocalClusterName). */
export function localClusterName(workloadPort: number): string {
  return `localhost:${workloadPort}`;
}

/** Unified (contextual) name of a Dataplane inbound: `self_inbound_dp_<section>` (kuma `pkg/core/naming/contextual.go` ContextualInboundName @ v2.14.3). */
export function contextualInboundName(section: string): string {
  return `self_inbound_dp_${section}`;
}

/** Whether `name` is a contextual inbound name (`self_inbound_dp_…`). */
export function isContextualInboundName(name: string): boolean {
  return name.startsWith("self_inbound_dp_");
}

/** The tag Kuma puts in the tags metadata of an inbound listener that has no tags (`mesh_proto.UnifiedNameTag`). */
export const UNIFIED_NAME_TAG = "kuma.io/unified-name";

/** SDS secrets of the mesh's identity and CA under unified naming (`system_mtls_identity_<mesh>`, `system_mtls_ca_<mesh>`). */
export function unifiedMtlsSecretName(kind: "identity" | "ca", mesh: string): string {
  return `system_mtls_${kind}_${mesh}`;
}

/** Route configuration of an HTTP inbound: `inbound:<kuma.io/service>` (GetInboundRouteName). */
export function inboundRouteName(service: string): string {
  return `inbound:${service}`;
}

/** SDS secret with the dataplane's identity certificate (legacy mesh mTLS, `identity_cert:secret:<mesh>`). */
export function identityCertSecretName(mesh: string): string {
  return `identity_cert:secret:${mesh}`;
}

/** SDS secret with the mesh CA bundle that validates peers (`mesh_ca:secret:<mesh>`). */
export function meshCaSecretName(mesh: string): string {
  return `mesh_ca:secret:${mesh}`;
}

/** URI SAN prefix every certificate of the mesh carries: `spiffe://<mesh>/`. */
export function meshSpiffePrefix(mesh: string): string {
  return `spiffe://${mesh}/`;
}

/** SPIFFE ID Kuma's builtin CA issues a dataplane of `service`: `spiffe://<mesh>/<service>`. */
export function meshSpiffeId(mesh: string, service: string): string {
  return `${meshSpiffePrefix(mesh)}${service}`;
}

/** Tag URI SAN Kuma's builtin CA adds per dataplane tag: `kuma://<tag>/<value>`. */
export function kumaTagSan(tag: string, value: string): string {
  return `kuma://${tag}/${value}`;
}

/** ALPN Kuma's sidecars offer on mesh mTLS connections (`pkg/xds/envoy/tls/tls.go` KumaALPNProtocols). */
export const KUMA_ALPN = "kuma";

/** Header Kuma uses to carry the client's tags on mesh HTTP traffic; inbound routes strip it. */
export const KUMA_TAGS_HEADER = "x-kuma-tags";

/** Listener metadata key holding the inbound's tags. */
export const KUMA_TAGS_METADATA = "io.kuma.tags";

/** Transport socket, network/HTTP filter names of inbound listeners. */
export const INBOUND_FILTER = {
  tlsTransportSocket: "envoy.transport_sockets.tls",
  rbac: "envoy.filters.network.rbac",
  /** MeshTrafficPermission on HTTP chains from 2.6.0 (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtrafficpermission). */
  httpRbac: "envoy.filters.http.rbac",
  kafkaBroker: "envoy.filters.network.kafka_broker",
  grpcStats: "envoy.filters.http.grpc_stats",
  /** Legacy FaultInjection (kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/fault_injection_configurer.go). */
  fault: "envoy.filters.http.fault",
  /** Legacy RateLimit (kumahq/kuma@v2.14.3 pkg/xds/envoy/listeners/v3/rate_limit_configurer.go). */
  localRateLimit: "envoy.filters.http.local_ratelimit",
} as const;

export const INBOUND_TYPE_URL = {
  downstreamTlsContext: `${P}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
  rbac: `${P}envoy.extensions.filters.network.rbac.v3.RBAC`,
  httpRbac: `${P}envoy.extensions.filters.http.rbac.v3.RBAC`,
  kafkaBroker: `${P}envoy.extensions.filters.network.kafka_broker.v3.KafkaBroker`,
  grpcStats: `${P}envoy.extensions.filters.http.grpc_stats.v3.FilterConfig`,
  fault: `${P}envoy.extensions.filters.http.fault.v3.HTTPFault`,
  localRateLimit: `${P}envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit`,
  tlsInspector: `${P}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector`,
  httpProtocolOptions: `${P}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
} as const;

// ---- MeshTimeout (kuma `pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go` @ v2.14.3) ----

/** The network filter MeshTimeout puts first on an inbound chain with spiffeID-matched route timeouts (v2.14.0). */
export const SET_FILTER_STATE = {
  filter: "envoy.filters.network.set_filter_state",
  typeUrl: `${P}envoy.extensions.filters.network.set_filter_state.v3.Config`,
  /** FilterStateValue factory of a plain string. */
  factoryKey: "envoy.string",
} as const;

/** Filter-state keys MeshTimeout's duplicated routes match on, and the Envoy command operators that fill them. */
export const MESH_TIMEOUT_MATCH = {
  spiffeIdKey: "kuma.mesh_timeout.match.spiffe_id",
  sniKey: "kuma.mesh_timeout.match.sni",
  spiffeIdFormat: "%DOWNSTREAM_PEER_URI_SAN%",
  sniFormat: "%REQUESTED_SERVER_NAME%",
} as const;
