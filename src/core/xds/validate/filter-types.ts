/**
 * The filter extensions meshsim knows by type URL: which filter kind each one registers as, its factory name, and
 * whether Envoy treats it as terminal (`isTerminalFilterByProto`). Envoy looks an extension up by the type URL of its
 * typed_config only (`Config::Utility::getAndCheckFactory`, runtime guard `no_extension_lookup_by_name` on by
 * default; envoyproxy/envoy@v1.38.2 source/common/config/utility.h), so a filter's `name` never selects the factory.
 * Type URLs not listed here are not judged (meshsim cannot know every extension a build registers).
 */
import { typeNameFromUrl } from "../proto/descriptors.js";
import { SET_FILTER_STATE } from "../names.js";

export type FilterKind = "network" | "http" | "listener";

export interface FilterType {
  readonly kind: FilterKind;
  /** The factory's name, which Envoy's messages print as the filter's "type". */
  readonly factory: string;
  readonly terminal: boolean;
}

const network = (factory: string, terminal: boolean): FilterType => ({ kind: "network", factory, terminal });
const http = (factory: string, terminal: boolean): FilterType => ({ kind: "http", factory, terminal });
const listener = (factory: string): FilterType => ({ kind: "listener", factory, terminal: false });

/** By proto message name (type URL without `type.googleapis.com/`). Terminality from each factory's `isTerminalFilterByProto` @ v1.38.2. */
const FILTER_TYPES: Readonly<Record<string, FilterType>> = {
  "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy": network("envoy.filters.network.tcp_proxy", true),
  "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager": network("envoy.filters.network.http_connection_manager", true),
  "envoy.extensions.filters.network.direct_response.v3.Config": network("envoy.filters.network.direct_response", true),
  "envoy.extensions.filters.network.rbac.v3.RBAC": network("envoy.filters.network.rbac", false),
  "envoy.extensions.filters.network.kafka_broker.v3.KafkaBroker": network("envoy.filters.network.kafka_broker", false),
  "envoy.extensions.filters.network.local_ratelimit.v3.LocalRateLimit": network("envoy.filters.network.local_ratelimit", false),
  "envoy.extensions.filters.network.ext_authz.v3.ExtAuthz": network("envoy.filters.network.ext_authz", false),
  // MeshTimeout's spiffeID-matched routes (v2.14.0); set_filter_state's factory is not terminal.
  [typeNameFromUrl(SET_FILTER_STATE.typeUrl)]: network(SET_FILTER_STATE.filter, false),
  "envoy.extensions.filters.http.router.v3.Router": http("envoy.filters.http.router", true),
  "envoy.extensions.filters.http.grpc_stats.v3.FilterConfig": http("envoy.filters.http.grpc_stats", false),
  "envoy.extensions.filters.http.fault.v3.HTTPFault": http("envoy.filters.http.fault", false),
  "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit": http("envoy.filters.http.local_ratelimit", false),
  "envoy.extensions.filters.http.rbac.v3.RBAC": http("envoy.filters.http.rbac", false),
  "envoy.extensions.filters.listener.original_dst.v3.OriginalDst": listener("envoy.filters.listener.original_dst"),
  "envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector": listener("envoy.filters.listener.tls_inspector"),
  "envoy.extensions.filters.listener.http_inspector.v3.HttpInspector": listener("envoy.filters.listener.http_inspector"),
};

/** Messages meshsim knows that register no filter at all (a typed config of one of these finds no filter factory). */
const NOT_FILTERS: ReadonlySet<string> = new Set([
  "envoy.config.cluster.v3.Cluster",
  "envoy.config.listener.v3.Listener",
  "envoy.config.route.v3.RouteConfiguration",
  "envoy.config.route.v3.VirtualHost",
  "envoy.extensions.access_loggers.file.v3.FileAccessLog",
  "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
  "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
  "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
  "google.protobuf.Duration",
  "google.protobuf.Struct",
]);

/**
 * What a typed_config's type URL resolves to for a filter of `kind`: the filter type, `none` when Envoy has no
 * factory of that kind for it (an empty type URL included), or `unknown` when meshsim cannot tell.
 */
export function resolveFilterType(kind: FilterKind, typeUrl: string): { readonly found: FilterType } | "none" | "unknown" {
  if (typeUrl === "") return "none";
  const name = typeNameFromUrl(typeUrl);
  const t = FILTER_TYPES[name];
  if (t) return t.kind === kind ? { found: t } : "none";
  return NOT_FILTERS.has(name) ? "none" : "unknown";
}
