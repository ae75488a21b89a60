/**
 * envoy.config.core.v3 (address.proto, base.proto, config_source.proto, extension.proto,
 * protocol.proto), envoy.type.v3 (percent.proto, range.proto) and envoy.type.matcher.v3
 * (string.proto, regex.proto): the pieces the modelled Envoy resources refer to.
 * Messages referred to here but not listed (HealthCheck, SocketOption, ApiConfigSource, ...) are
 * opaque: their JSON is kept verbatim.
 */
import { enm, msg, type RawEnum, type RawMessage } from "./types.js";

const CORE = "envoy.config.core.v3";
const TYPE = "envoy.type.v3";
const MATCHER = "envoy.type.matcher.v3";
const W = "google.protobuf";

export const CORE_ENUMS: readonly RawEnum[] = [
  // envoy/config/core/v3/base.proto
  enm(`${CORE}.RoutingPriority`, ["DEFAULT", "HIGH"]),
  enm(`${CORE}.TrafficDirection`, ["UNSPECIFIED", "INBOUND", "OUTBOUND"]),
  enm(`${CORE}.RequestMethod`, ["METHOD_UNSPECIFIED", "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]),
  enm(`${CORE}.HeaderValueOption.HeaderAppendAction`, [
    "APPEND_IF_EXISTS_OR_ADD",
    "ADD_IF_ABSENT",
    "OVERWRITE_IF_EXISTS_OR_ADD",
    "OVERWRITE_IF_EXISTS",
  ]),
  // envoy/config/core/v3/address.proto
  enm(`${CORE}.SocketAddress.Protocol`, ["TCP", "UDP"]),
  // envoy/config/core/v3/config_source.proto
  enm(`${CORE}.ApiVersion`, ["AUTO", "V2", "V3"]),
  // envoy/config/core/v3/health_check.proto
  enm(`${CORE}.HealthStatus`, ["UNKNOWN", "HEALTHY", "UNHEALTHY", "DRAINING", "TIMEOUT", "DEGRADED"]),
  // envoy/config/core/v3/protocol.proto
  enm(`${CORE}.HttpProtocolOptions.HeadersWithUnderscoresAction`, ["ALLOW", "REJECT_REQUEST", "DROP_HEADER"]),
  // envoy/type/v3/percent.proto
  enm(`${TYPE}.FractionalPercent.DenominatorType`, ["HUNDRED", "TEN_THOUSAND", "MILLION"]),
];

export const CORE_MESSAGES: readonly RawMessage[] = [
  // envoy/config/core/v3/address.proto
  msg(`${CORE}.Pipe`, { path: "string", mode: "uint32" }),
  msg(`${CORE}.EnvoyInternalAddress`, {
    server_listener_name: "string | address_name_specifier",
    endpoint_id: "string",
  }),
  msg(`${CORE}.SocketAddress`, {
    protocol: `enum:${CORE}.SocketAddress.Protocol`,
    address: "string",
    port_value: "uint32 | port_specifier",
    named_port: "string | port_specifier",
    resolver_name: "string",
    ipv4_compat: "bool",
    network_namespace_filepath: "string",
  }),
  msg(`${CORE}.TcpKeepalive`, {
    keepalive_probes: `${W}.UInt32Value`,
    keepalive_time: `${W}.UInt32Value`,
    keepalive_interval: `${W}.UInt32Value`,
  }),
  msg(`${CORE}.ExtraSourceAddress`, {
    address: `${CORE}.SocketAddress`,
    socket_options: `${CORE}.SocketOptionsOverride`,
  }),
  msg(`${CORE}.BindConfig`, {
    source_address: `${CORE}.SocketAddress`,
    freebind: `${W}.BoolValue`,
    socket_options: `[]${CORE}.SocketOption`,
    extra_source_addresses: `[]${CORE}.ExtraSourceAddress`,
    additional_source_addresses: `[]${CORE}.SocketAddress`,
    local_address_selector: `${CORE}.TypedExtensionConfig`,
  }),
  msg(`${CORE}.Address`, {
    socket_address: `${CORE}.SocketAddress | address`,
    pipe: `${CORE}.Pipe | address`,
    envoy_internal_address: `${CORE}.EnvoyInternalAddress | address`,
  }),
  msg(`${CORE}.CidrRange`, { address_prefix: "string", prefix_len: `${W}.UInt32Value` }),

  // envoy/config/core/v3/base.proto
  msg(`${CORE}.Locality`, { region: "string", zone: "string", sub_zone: "string" }),
  msg(`${CORE}.Metadata`, {
    filter_metadata: `map<${W}.Struct>`,
    typed_filter_metadata: `map<${W}.Any>`,
  }),
  msg(`${CORE}.RuntimeUInt32`, { default_value: "uint32", runtime_key: "string" }),
  msg(`${CORE}.RuntimePercent`, { default_value: `${TYPE}.Percent`, runtime_key: "string" }),
  msg(`${CORE}.RuntimeDouble`, { default_value: "double", runtime_key: "string" }),
  msg(`${CORE}.RuntimeFeatureFlag`, { default_value: `${W}.BoolValue`, runtime_key: "string" }),
  msg(`${CORE}.RuntimeFractionalPercent`, { default_value: `${TYPE}.FractionalPercent`, runtime_key: "string" }),
  msg(`${CORE}.HeaderValue`, { key: "string", value: "string", raw_value: "bytes" }),
  msg(`${CORE}.HeaderValueOption`, {
    header: `${CORE}.HeaderValue`,
    append: `${W}.BoolValue`,
    append_action: `enum:${CORE}.HeaderValueOption.HeaderAppendAction`,
    keep_empty_value: "bool",
  }),
  msg(`${CORE}.HeaderMap`, { headers: `[]${CORE}.HeaderValue` }),
  msg(`${CORE}.WatchedDirectory`, { path: "string" }),
  msg(`${CORE}.DataSource`, {
    filename: "string | specifier",
    inline_bytes: "bytes | specifier",
    inline_string: "string | specifier",
    environment_variable: "string | specifier",
    watched_directory: `${CORE}.WatchedDirectory`,
  }),
  msg(`${CORE}.TransportSocket`, {
    name: "string",
    typed_config: `${W}.Any | config_type`,
  }),

  // envoy/config/core/v3/extension.proto
  msg(`${CORE}.TypedExtensionConfig`, { name: "string", typed_config: `${W}.Any` }),

  // envoy/config/core/v3/config_source.proto
  msg(`${CORE}.AggregatedConfigSource`, {}),
  msg(`${CORE}.SelfConfigSource`, { transport_api_version: `enum:${CORE}.ApiVersion` }),
  msg(`${CORE}.ConfigSource`, {
    authorities: "[]xds.core.v3.Authority",
    path: "string | config_source_specifier",
    path_config_source: `${CORE}.PathConfigSource | config_source_specifier`,
    api_config_source: `${CORE}.ApiConfigSource | config_source_specifier`,
    ads: `${CORE}.AggregatedConfigSource | config_source_specifier`,
    self: `${CORE}.SelfConfigSource | config_source_specifier`,
    initial_fetch_timeout: `${W}.Duration`,
    resource_api_version: `enum:${CORE}.ApiVersion`,
  }),

  // envoy/config/core/v3/protocol.proto
  msg(`${CORE}.UpstreamHttpProtocolOptions`, {
    auto_sni: "bool",
    auto_san_validation: "bool",
    override_auto_sni_header: "string",
  }),
  msg(`${CORE}.HttpProtocolOptions`, {
    idle_timeout: `${W}.Duration`,
    max_connection_duration: `${W}.Duration`,
    max_headers_count: `${W}.UInt32Value`,
    max_response_headers_kb: `${W}.UInt32Value`,
    max_stream_duration: `${W}.Duration`,
    headers_with_underscores_action: `enum:${CORE}.HttpProtocolOptions.HeadersWithUnderscoresAction`,
    max_requests_per_connection: `${W}.UInt32Value`,
  }),
  msg(`${CORE}.Http1ProtocolOptions.HeaderKeyFormat.ProperCaseWords`, {}),
  msg(`${CORE}.Http1ProtocolOptions.HeaderKeyFormat`, {
    proper_case_words: `${CORE}.Http1ProtocolOptions.HeaderKeyFormat.ProperCaseWords | header_format`,
    stateful_formatter: `${CORE}.TypedExtensionConfig | header_format`,
  }),
  msg(`${CORE}.Http1ProtocolOptions`, {
    allow_absolute_url: `${W}.BoolValue`,
    accept_http_10: "bool",
    default_host_for_http_10: "string",
    header_key_format: `${CORE}.Http1ProtocolOptions.HeaderKeyFormat`,
    enable_trailers: "bool",
    allow_chunked_length: "bool",
    override_stream_error_on_invalid_http_message: `${W}.BoolValue`,
    send_fully_qualified_url: "bool",
    use_balsa_parser: `${W}.BoolValue`,
    allow_custom_methods: "bool",
    ignore_http_11_upgrade: `[]${MATCHER}.StringMatcher`,
  }),
  msg(`${CORE}.KeepaliveSettings`, {
    interval: `${W}.Duration`,
    timeout: `${W}.Duration`,
    interval_jitter: `${TYPE}.Percent`,
    connection_idle_interval: `${W}.Duration`,
  }),
  msg(`${CORE}.Http2ProtocolOptions.SettingsParameter`, {
    identifier: `${W}.UInt32Value`,
    value: `${W}.UInt32Value`,
  }),
  msg(`${CORE}.Http2ProtocolOptions`, {
    hpack_table_size: `${W}.UInt32Value`,
    max_concurrent_streams: `${W}.UInt32Value`,
    initial_stream_window_size: `${W}.UInt32Value`,
    initial_connection_window_size: `${W}.UInt32Value`,
    allow_connect: "bool",
    allow_metadata: "bool",
    max_outbound_frames: `${W}.UInt32Value`,
    max_outbound_control_frames: `${W}.UInt32Value`,
    max_consecutive_inbound_frames_with_empty_payload: `${W}.UInt32Value`,
    max_inbound_priority_frames_per_stream: `${W}.UInt32Value`,
    max_inbound_window_update_frames_per_data_frame_sent: `${W}.UInt32Value`,
    stream_error_on_invalid_http_messaging: "bool",
    override_stream_error_on_invalid_http_message: `${W}.BoolValue`,
    custom_settings_parameters: `[]${CORE}.Http2ProtocolOptions.SettingsParameter`,
    connection_keepalive: `${CORE}.KeepaliveSettings`,
    use_oghttp2_codec: `${W}.BoolValue`,
    max_metadata_size: `${W}.UInt64Value`,
    enable_huffman_encoding: `${W}.BoolValue`,
  }),

  // envoy/type/v3/percent.proto, range.proto
  msg(`${TYPE}.Percent`, { value: "double" }),
  msg(`${TYPE}.FractionalPercent`, {
    numerator: "uint32",
    denominator: `enum:${TYPE}.FractionalPercent.DenominatorType`,
  }),
  msg(`${TYPE}.Int64Range`, { start: "int64", end: "int64" }),
  msg(`${TYPE}.Int32Range`, { start: "int32", end: "int32" }),
  msg(`${TYPE}.DoubleRange`, { start: "double", end: "double" }),

  // envoy/type/matcher/v3/regex.proto, string.proto
  msg(`${MATCHER}.RegexMatcher.GoogleRE2`, { max_program_size: `${W}.UInt32Value` }),
  msg(`${MATCHER}.RegexMatcher`, {
    google_re2: `${MATCHER}.RegexMatcher.GoogleRE2 | engine_type`,
    regex: "string",
  }),
  msg(`${MATCHER}.RegexMatchAndSubstitute`, { pattern: `${MATCHER}.RegexMatcher`, substitution: "string" }),
  msg(`${MATCHER}.StringMatcher`, {
    exact: "string | match_pattern",
    prefix: "string | match_pattern",
    suffix: "string | match_pattern",
    safe_regex: `${MATCHER}.RegexMatcher | match_pattern`,
    contains: "string | match_pattern",
    custom: "xds.core.v3.TypedExtensionConfig | match_pattern",
    ignore_case: "bool",
  }),
  msg(`${MATCHER}.ListStringMatcher`, { patterns: `[]${MATCHER}.StringMatcher` }),
];
