/**
 * The registry of modelled protobuf messages: the Envoy v3 resources meshsim generates and patches
 * (Cluster, Listener, RouteConfiguration and the typed configs inside them) plus the well-known
 * types. Every message not in the registry is *opaque*: its JSON is kept verbatim by the decoder
 * and merged heuristically by the merger.
 *
 * Sources: envoy/config/cluster/v3/*.proto, envoy/config/listener/v3/*.proto,
 * envoy/config/core/v3/*.proto, envoy/config/route/v3/*.proto, envoy/config/endpoint/v3/*.proto,
 * envoy/extensions/... (tcp_proxy, http_connection_manager, router, upstreams/http,
 * transport_sockets/tls, listener filters, file access log), google/protobuf/*.proto.
 */
import { CLUSTER_ENUMS, CLUSTER_MESSAGES } from "./cluster.js";
import { CORE_ENUMS, CORE_MESSAGES } from "./core.js";
import { HTTP_ENUMS, HTTP_MESSAGES } from "./http.js";
import { LISTENER_ENUMS, LISTENER_MESSAGES } from "./listener.js";
import { TLS_ENUMS, TLS_MESSAGES } from "./tls.js";
import { buildEnum, buildMessage, type EnumDescriptor, type MessageDescriptor } from "./types.js";
import { WKT_ENUMS, WKT_MESSAGES } from "./wkt.js";

export type {
  ElementKind,
  EnumDescriptor,
  FieldDescriptor,
  FieldKind,
  MessageDescriptor,
  ScalarType,
  WellKnown,
} from "./types.js";

/** Prefix of every Any type URL Kuma writes (`MarshalAnyDeterministic`, golang/protobuf ptypes). */
export const TYPE_URL_PREFIX = "type.googleapis.com/";

const ENUMS: ReadonlyMap<string, EnumDescriptor> = (() => {
  const m = new Map<string, EnumDescriptor>();
  for (const raw of [...WKT_ENUMS, ...CORE_ENUMS, ...CLUSTER_ENUMS, ...LISTENER_ENUMS, ...HTTP_ENUMS, ...TLS_ENUMS]) {
    if (m.has(raw.name)) throw new Error(`duplicate enum ${raw.name}`);
    m.set(raw.name, buildEnum(raw));
  }
  return m;
})();

const MESSAGES: ReadonlyMap<string, MessageDescriptor> = (() => {
  const m = new Map<string, MessageDescriptor>();
  for (const raw of [...WKT_MESSAGES, ...CORE_MESSAGES, ...CLUSTER_MESSAGES, ...LISTENER_MESSAGES, ...HTTP_MESSAGES, ...TLS_MESSAGES]) {
    if (m.has(raw.name)) throw new Error(`duplicate message ${raw.name}`);
    m.set(raw.name, buildMessage(raw, ENUMS));
  }
  return m;
})();

/**
 * The descriptor of a modelled message, or `undefined` when the message is opaque (not modelled).
 * @param typeName full proto name, e.g. `envoy.config.cluster.v3.Cluster` (no type URL prefix).
 */
export function getMessage(typeName: string): MessageDescriptor | undefined {
  return MESSAGES.get(typeName);
}

/** The descriptor of a modelled enum, by full name. */
export function getEnum(fullName: string): EnumDescriptor | undefined {
  return ENUMS.get(fullName);
}

/** Names of every modelled message, sorted (for documentation and tests). */
export function modelledMessageNames(): readonly string[] {
  return [...MESSAGES.keys()].sort();
}

/**
 * The message full name an Any type URL refers to: everything after the last `/`, as
 * protobuf-go's `protoregistry.Types.FindMessageByURL` resolves it.
 */
export function typeNameFromUrl(typeUrl: string): string {
  const i = typeUrl.lastIndexOf("/");
  return i >= 0 ? typeUrl.slice(i + 1) : typeUrl;
}

/** Well-known Envoy resource type names used by callers. */
export const CLUSTER_TYPE = "envoy.config.cluster.v3.Cluster";
export const LISTENER_TYPE = "envoy.config.listener.v3.Listener";
export const NETWORK_FILTER_TYPE = "envoy.config.listener.v3.Filter";
export const HTTP_FILTER_TYPE = "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter";
export const VIRTUAL_HOST_TYPE = "envoy.config.route.v3.VirtualHost";
export const ROUTE_CONFIGURATION_TYPE = "envoy.config.route.v3.RouteConfiguration";
export const HCM_TYPE = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
export const TCP_PROXY_TYPE = "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";
