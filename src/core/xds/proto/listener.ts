/**
 * envoy.config.listener.v3 (listener.proto, listener_components.proto), the listener filters
 * original_dst / tls_inspector / http_inspector, the tcp_proxy network filter
 * (extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto), and access logs
 * (config/accesslog/v3/accesslog.proto, extensions/access_loggers/file/v3/file.proto,
 * config/core/v3/substitution_format_string.proto).
 */
import { enm, msg, type RawEnum, type RawMessage } from "./types.js";

const L = "envoy.config.listener.v3";
const CORE = "envoy.config.core.v3";
const TCP = "envoy.extensions.filters.network.tcp_proxy.v3";
const LF = "envoy.extensions.filters.listener";
const AL = "envoy.config.accesslog.v3";
const W = "google.protobuf";

export const LISTENER_ENUMS: readonly RawEnum[] = [
  // envoy/config/listener/v3/listener.proto
  enm(`${L}.Listener.DrainType`, ["DEFAULT", "MODIFY_ONLY"]),
  // envoy/config/listener/v3/listener_components.proto
  enm(`${L}.FilterChainMatch.ConnectionSourceType`, ["ANY", "SAME_IP_OR_LOOPBACK", "EXTERNAL"]),
];

export const LISTENER_MESSAGES: readonly RawMessage[] = [
  // envoy/config/listener/v3/listener.proto
  msg(`${L}.Listener`, {
    name: "string",
    address: `${CORE}.Address`,
    additional_addresses: `[]${L}.AdditionalAddress`,
    stat_prefix: "string",
    filter_chains: `[]${L}.FilterChain`,
    filter_chain_matcher: "xds.type.matcher.v3.Matcher",
    use_original_dst: `${W}.BoolValue`,
    default_filter_chain: `${L}.FilterChain`,
    per_connection_buffer_limit_bytes: `${W}.UInt32Value`,
    metadata: `${CORE}.Metadata`,
    deprecated_v1: `${L}.Listener.DeprecatedV1`,
    drain_type: `enum:${L}.Listener.DrainType`,
    listener_filters: `[]${L}.ListenerFilter`,
    listener_filters_timeout: `${W}.Duration`,
    continue_on_listener_filters_timeout: "bool",
    transparent: `${W}.BoolValue`,
    freebind: `${W}.BoolValue`,
    socket_options: `[]${CORE}.SocketOption`,
    tcp_fast_open_queue_length: `${W}.UInt32Value`,
    traffic_direction: `enum:${CORE}.TrafficDirection`,
    udp_listener_config: `${L}.UdpListenerConfig`,
    api_listener: `${L}.ApiListener`,
    connection_balance_config: `${L}.Listener.ConnectionBalanceConfig`,
    reuse_port: "bool",
    enable_reuse_port: `${W}.BoolValue`,
    access_log: `[]${AL}.AccessLog`,
    tcp_backlog_size: `${W}.UInt32Value`,
    max_connections_to_accept_per_socket_event: `${W}.UInt32Value`,
    bind_to_port: `${W}.BoolValue`,
    internal_listener: `${L}.Listener.InternalListenerConfig | listener_specifier`,
    enable_mptcp: "bool",
    ignore_global_conn_limit: "bool",
    bypass_overload_manager: "bool",
  }),
  msg(`${L}.Listener.DeprecatedV1`, { bind_to_port: `${W}.BoolValue` }),
  msg(`${L}.Listener.ConnectionBalanceConfig.ExactBalance`, {}),
  msg(`${L}.Listener.ConnectionBalanceConfig`, {
    exact_balance: `${L}.Listener.ConnectionBalanceConfig.ExactBalance | balance_type`,
    extend_balance: `${CORE}.TypedExtensionConfig | balance_type`,
  }),
  msg(`${L}.Listener.InternalListenerConfig`, {}),
  msg(`${L}.AdditionalAddress`, {
    address: `${CORE}.Address`,
    socket_options: `${CORE}.SocketOptionsOverride`,
  }),

  // envoy/config/listener/v3/listener_components.proto
  msg(`${L}.Filter`, {
    name: "string",
    typed_config: `${W}.Any | config_type`,
    config_discovery: `${CORE}.ExtensionConfigSource | config_type`,
  }),
  msg(`${L}.FilterChainMatch`, {
    destination_port: `${W}.UInt32Value`,
    prefix_ranges: `[]${CORE}.CidrRange`,
    address_suffix: "string",
    suffix_len: `${W}.UInt32Value`,
    direct_source_prefix_ranges: `[]${CORE}.CidrRange`,
    source_type: `enum:${L}.FilterChainMatch.ConnectionSourceType`,
    source_prefix_ranges: `[]${CORE}.CidrRange`,
    source_ports: "[]uint32",
    server_names: "[]string",
    transport_protocol: "string",
    application_protocols: "[]string",
  }),
  msg(`${L}.FilterChain.OnDemandConfiguration`, { rebuild_timeout: `${W}.Duration` }),
  msg(`${L}.FilterChain`, {
    filter_chain_match: `${L}.FilterChainMatch`,
    filters: `[]${L}.Filter`,
    use_proxy_proto: `${W}.BoolValue`,
    metadata: `${CORE}.Metadata`,
    transport_socket: `${CORE}.TransportSocket`,
    transport_socket_connect_timeout: `${W}.Duration`,
    name: "string",
    on_demand_configuration: `${L}.FilterChain.OnDemandConfiguration`,
  }),
  msg(`${L}.ListenerFilterChainMatchPredicate.MatchSet`, {
    rules: `[]${L}.ListenerFilterChainMatchPredicate`,
  }),
  msg(`${L}.ListenerFilterChainMatchPredicate`, {
    or_match: `${L}.ListenerFilterChainMatchPredicate.MatchSet | rule`,
    and_match: `${L}.ListenerFilterChainMatchPredicate.MatchSet | rule`,
    not_match: `${L}.ListenerFilterChainMatchPredicate | rule`,
    any_match: "bool | rule",
    destination_port_range: "envoy.type.v3.Int32Range | rule",
  }),
  msg(`${L}.ListenerFilter`, {
    name: "string",
    typed_config: `${W}.Any | config_type`,
    config_discovery: `${CORE}.ExtensionConfigSource | config_type`,
    filter_disabled: `${L}.ListenerFilterChainMatchPredicate`,
  }),

  // envoy/extensions/filters/listener/{original_dst,tls_inspector,http_inspector}/v3/*.proto
  msg(`${LF}.original_dst.v3.OriginalDst`, { traffic_direction: `enum:${CORE}.TrafficDirection` }),
  msg(`${LF}.tls_inspector.v3.TlsInspector`, {
    enable_ja3_fingerprinting: `${W}.BoolValue`,
    initial_read_buffer_size: `${W}.UInt32Value`,
    enable_ja4_fingerprinting: `${W}.BoolValue`,
  }),
  msg(`${LF}.http_inspector.v3.HttpInspector`, {}),

  // envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy.proto
  msg(`${TCP}.TcpProxy`, {
    stat_prefix: "string",
    cluster: "string | cluster_specifier",
    weighted_clusters: `${TCP}.TcpProxy.WeightedCluster | cluster_specifier`,
    on_demand: `${TCP}.TcpProxy.OnDemand`,
    metadata_match: `${CORE}.Metadata`,
    idle_timeout: `${W}.Duration`,
    downstream_idle_timeout: `${W}.Duration`,
    upstream_idle_timeout: `${W}.Duration`,
    access_log: `[]${AL}.AccessLog`,
    max_connect_attempts: `${W}.UInt32Value`,
    backoff_options: `${CORE}.BackoffStrategy`,
    hash_policy: "[]envoy.type.v3.HashPolicy",
    tunneling_config: `${TCP}.TcpProxy.TunnelingConfig`,
    max_downstream_connection_duration: `${W}.Duration`,
    access_log_flush_interval: `${W}.Duration`,
    flush_access_log_on_connected: "bool",
    access_log_options: `${TCP}.TcpProxy.TcpAccessLogOptions`,
    proxy_protocol_tlvs: `[]${CORE}.TlvEntry`,
    max_downstream_connection_duration_jitter_percentage: "envoy.type.v3.Percent",
  }),
  msg(`${TCP}.TcpProxy.WeightedCluster.ClusterWeight`, {
    name: "string",
    weight: "uint32",
    metadata_match: `${CORE}.Metadata`,
  }),
  msg(`${TCP}.TcpProxy.WeightedCluster`, { clusters: `[]${TCP}.TcpProxy.WeightedCluster.ClusterWeight` }),
  msg(`${TCP}.TcpProxy.TunnelingConfig`, {
    hostname: "string",
    use_post: "bool",
    headers_to_add: `[]${CORE}.HeaderValueOption`,
    propagate_response_headers: "bool",
    post_path: "string",
    propagate_response_trailers: "bool",
    request_id_extension: "envoy.extensions.filters.network.http_connection_manager.v3.RequestIDExtension",
    request_id_header: "string",
    request_id_metadata_key: "string",
  }),
  msg(`${TCP}.TcpProxy.OnDemand`, {
    odcds_config: `${CORE}.ConfigSource`,
    resources_locator: "string",
    timeout: `${W}.Duration`,
  }),
  msg(`${TCP}.TcpProxy.TcpAccessLogOptions`, {
    access_log_flush_interval: `${W}.Duration`,
    flush_access_log_on_connected: "bool",
  }),

  // envoy/config/accesslog/v3/accesslog.proto (AccessLogFilter is opaque)
  msg(`${AL}.AccessLog`, {
    name: "string",
    filter: `${AL}.AccessLogFilter`,
    typed_config: `${W}.Any | config_type`,
  }),
  // envoy/extensions/access_loggers/file/v3/file.proto
  msg("envoy.extensions.access_loggers.file.v3.FileAccessLog", {
    path: "string",
    format: "string | access_log_format",
    json_format: `${W}.Struct | access_log_format`,
    typed_json_format: `${W}.Struct | access_log_format`,
    log_format: `${CORE}.SubstitutionFormatString | access_log_format`,
  }),
  // envoy/config/core/v3/substitution_format_string.proto (JsonFormatOptions is opaque)
  msg(`${CORE}.SubstitutionFormatString`, {
    text_format: "string | format",
    json_format: `${W}.Struct | format`,
    text_format_source: `${CORE}.DataSource | format`,
    omit_empty_values: "bool",
    content_type: "string",
    formatters: `[]${CORE}.TypedExtensionConfig`,
    json_format_options: `${CORE}.JsonFormatOptions`,
  }),
];
