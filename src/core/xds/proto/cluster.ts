/**
 * envoy.config.cluster.v3 (cluster.proto, circuit_breaker.proto, outlier_detection.proto,
 * filter.proto), envoy.config.endpoint.v3 (endpoint.proto, endpoint_components.proto) and
 * envoy.extensions.upstreams.http.v3 (http_protocol_options.proto).
 */
import { enm, msg, type RawEnum, type RawMessage } from "./types.js";

const C = "envoy.config.cluster.v3";
const CL = `${C}.Cluster`;
const CORE = "envoy.config.core.v3";
const EP = "envoy.config.endpoint.v3";
const UH = "envoy.extensions.upstreams.http.v3";
const HCM = "envoy.extensions.filters.network.http_connection_manager.v3";
const W = "google.protobuf";

export const CLUSTER_ENUMS: readonly RawEnum[] = [
  // envoy/config/cluster/v3/cluster.proto
  enm(`${CL}.DiscoveryType`, ["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"]),
  enm(`${CL}.LbPolicy`, {
    ROUND_ROBIN: 0,
    LEAST_REQUEST: 1,
    RING_HASH: 2,
    RANDOM: 3,
    MAGLEV: 5,
    CLUSTER_PROVIDED: 6,
    LOAD_BALANCING_POLICY_CONFIG: 7,
  }),
  enm(`${CL}.DnsLookupFamily`, ["AUTO", "V4_ONLY", "V6_ONLY", "V4_PREFERRED", "ALL"]),
  enm(`${CL}.ClusterProtocolSelection`, ["USE_CONFIGURED_PROTOCOL", "USE_DOWNSTREAM_PROTOCOL"]),
  enm(`${CL}.LbSubsetConfig.LbSubsetFallbackPolicy`, ["NO_FALLBACK", "ANY_ENDPOINT", "DEFAULT_SUBSET"]),
  enm(`${CL}.LbSubsetConfig.LbSubsetMetadataFallbackPolicy`, ["METADATA_NO_FALLBACK", "FALLBACK_LIST"]),
  enm(`${CL}.LbSubsetConfig.LbSubsetSelector.LbSubsetSelectorFallbackPolicy`, [
    "NOT_DEFINED",
    "NO_FALLBACK",
    "ANY_ENDPOINT",
    "DEFAULT_SUBSET",
    "KEYS_SUBSET",
  ]),
  enm(`${CL}.RingHashLbConfig.HashFunction`, ["XX_HASH", "MURMUR_HASH_2"]),
  enm(`${C}.UpstreamConnectionOptions.FirstAddressFamilyVersion`, ["DEFAULT", "V4", "V6"]),
];

export const CLUSTER_MESSAGES: readonly RawMessage[] = [
  // envoy/config/cluster/v3/cluster.proto
  msg(CL, {
    transport_socket_matches: `[]${CL}.TransportSocketMatch`,
    name: "string",
    alt_stat_name: "string",
    type: `enum:${CL}.DiscoveryType | cluster_discovery_type`,
    cluster_type: `${CL}.CustomClusterType | cluster_discovery_type`,
    eds_cluster_config: `${CL}.EdsClusterConfig`,
    connect_timeout: `${W}.Duration`,
    per_connection_buffer_limit_bytes: `${W}.UInt32Value`,
    lb_policy: `enum:${CL}.LbPolicy`,
    load_assignment: `${EP}.ClusterLoadAssignment`,
    health_checks: `[]${CORE}.HealthCheck`,
    max_requests_per_connection: `${W}.UInt32Value`,
    circuit_breakers: `${C}.CircuitBreakers`,
    upstream_http_protocol_options: `${CORE}.UpstreamHttpProtocolOptions`,
    common_http_protocol_options: `${CORE}.HttpProtocolOptions`,
    http_protocol_options: `${CORE}.Http1ProtocolOptions`,
    http2_protocol_options: `${CORE}.Http2ProtocolOptions`,
    typed_extension_protocol_options: `map<${W}.Any>`,
    dns_refresh_rate: `${W}.Duration`,
    dns_jitter: `${W}.Duration`,
    dns_failure_refresh_rate: `${CL}.RefreshRate`,
    respect_dns_ttl: "bool",
    dns_lookup_family: `enum:${CL}.DnsLookupFamily`,
    dns_resolvers: `[]${CORE}.Address`,
    use_tcp_for_dns_lookups: "bool",
    dns_resolution_config: `${CORE}.DnsResolutionConfig`,
    typed_dns_resolver_config: `${CORE}.TypedExtensionConfig`,
    wait_for_warm_on_init: `${W}.BoolValue`,
    outlier_detection: `${C}.OutlierDetection`,
    cleanup_interval: `${W}.Duration`,
    upstream_bind_config: `${CORE}.BindConfig`,
    lb_subset_config: `${CL}.LbSubsetConfig`,
    ring_hash_lb_config: `${CL}.RingHashLbConfig | lb_config`,
    maglev_lb_config: `${CL}.MaglevLbConfig | lb_config`,
    original_dst_lb_config: `${CL}.OriginalDstLbConfig | lb_config`,
    least_request_lb_config: `${CL}.LeastRequestLbConfig | lb_config`,
    round_robin_lb_config: `${CL}.RoundRobinLbConfig | lb_config`,
    common_lb_config: `${CL}.CommonLbConfig`,
    transport_socket: `${CORE}.TransportSocket`,
    metadata: `${CORE}.Metadata`,
    protocol_selection: `enum:${CL}.ClusterProtocolSelection`,
    upstream_connection_options: `${C}.UpstreamConnectionOptions`,
    close_connections_on_host_health_failure: "bool",
    ignore_health_on_host_removal: "bool",
    filters: `[]${C}.Filter`,
    load_balancing_policy: `${C}.LoadBalancingPolicy`,
    lrs_server: `${CORE}.ConfigSource`,
    lrs_report_endpoint_metrics: "[]string",
    track_timeout_budgets: "bool",
    upstream_config: `${CORE}.TypedExtensionConfig`,
    track_cluster_stats: `${C}.TrackClusterStats`,
    preconnect_policy: `${CL}.PreconnectPolicy`,
    connection_pool_per_downstream_connection: "bool",
  }),
  msg(`${CL}.TransportSocketMatch`, {
    name: "string",
    match: `${W}.Struct`,
    transport_socket: `${CORE}.TransportSocket`,
  }),
  msg(`${CL}.CustomClusterType`, { name: "string", typed_config: `${W}.Any` }),
  msg(`${CL}.EdsClusterConfig`, { eds_config: `${CORE}.ConfigSource`, service_name: "string" }),
  msg(`${CL}.LbSubsetConfig.LbSubsetSelector`, {
    keys: "[]string",
    single_host_per_subset: "bool",
    fallback_policy: `enum:${CL}.LbSubsetConfig.LbSubsetSelector.LbSubsetSelectorFallbackPolicy`,
    fallback_keys_subset: "[]string",
  }),
  msg(`${CL}.LbSubsetConfig`, {
    fallback_policy: `enum:${CL}.LbSubsetConfig.LbSubsetFallbackPolicy`,
    default_subset: `${W}.Struct`,
    subset_selectors: `[]${CL}.LbSubsetConfig.LbSubsetSelector`,
    locality_weight_aware: "bool",
    scale_locality_weight: "bool",
    panic_mode_any: "bool",
    list_as_any: "bool",
    metadata_fallback_policy: `enum:${CL}.LbSubsetConfig.LbSubsetMetadataFallbackPolicy`,
  }),
  msg(`${CL}.SlowStartConfig`, {
    slow_start_window: `${W}.Duration`,
    aggression: `${CORE}.RuntimeDouble`,
    min_weight_percent: "envoy.type.v3.Percent",
  }),
  msg(`${CL}.RoundRobinLbConfig`, { slow_start_config: `${CL}.SlowStartConfig` }),
  msg(`${CL}.LeastRequestLbConfig`, {
    choice_count: `${W}.UInt32Value`,
    active_request_bias: `${CORE}.RuntimeDouble`,
    slow_start_config: `${CL}.SlowStartConfig`,
  }),
  msg(`${CL}.RingHashLbConfig`, {
    minimum_ring_size: `${W}.UInt64Value`,
    hash_function: `enum:${CL}.RingHashLbConfig.HashFunction`,
    maximum_ring_size: `${W}.UInt64Value`,
  }),
  msg(`${CL}.MaglevLbConfig`, { table_size: `${W}.UInt64Value` }),
  msg(`${CL}.OriginalDstLbConfig`, {
    use_http_header: "bool",
    http_header_name: "string",
    upstream_port_override: `${W}.UInt32Value`,
    metadata_key: "envoy.type.metadata.v3.MetadataKey",
  }),
  msg(`${CL}.CommonLbConfig.ConsistentHashingLbConfig`, {
    use_hostname_for_hashing: "bool",
    hash_balance_factor: `${W}.UInt32Value`,
  }),
  msg(`${CL}.CommonLbConfig`, {
    healthy_panic_threshold: "envoy.type.v3.Percent",
    zone_aware_lb_config: `${CL}.CommonLbConfig.ZoneAwareLbConfig | locality_config_specifier`,
    locality_weighted_lb_config: `${CL}.CommonLbConfig.LocalityWeightedLbConfig | locality_config_specifier`,
    update_merge_window: `${W}.Duration`,
    ignore_new_hosts_until_first_hc: "bool",
    close_connections_on_host_set_change: "bool",
    consistent_hashing_lb_config: `${CL}.CommonLbConfig.ConsistentHashingLbConfig`,
    override_host_status: `${CORE}.HealthStatusSet`,
  }),
  msg(`${CL}.RefreshRate`, { base_interval: `${W}.Duration`, max_interval: `${W}.Duration` }),
  msg(`${CL}.PreconnectPolicy`, {
    per_upstream_preconnect_ratio: `${W}.DoubleValue`,
    predictive_preconnect_ratio: `${W}.DoubleValue`,
  }),
  msg(`${C}.LoadBalancingPolicy.Policy`, { typed_extension_config: `${CORE}.TypedExtensionConfig` }),
  msg(`${C}.LoadBalancingPolicy`, { policies: `[]${C}.LoadBalancingPolicy.Policy` }),
  msg(`${C}.UpstreamConnectionOptions.HappyEyeballsConfig`, {
    first_address_family_version: `enum:${C}.UpstreamConnectionOptions.FirstAddressFamilyVersion`,
    first_address_family_count: `${W}.UInt32Value`,
  }),
  msg(`${C}.UpstreamConnectionOptions`, {
    tcp_keepalive: `${CORE}.TcpKeepalive`,
    set_local_interface_name_on_upstream_connections: "bool",
    happy_eyeballs_config: `${C}.UpstreamConnectionOptions.HappyEyeballsConfig`,
  }),
  msg(`${C}.TrackClusterStats`, {
    timeout_budgets: "bool",
    request_response_sizes: "bool",
    per_endpoint_stats: "bool",
  }),

  // envoy/config/cluster/v3/filter.proto
  msg(`${C}.Filter`, {
    name: "string",
    typed_config: `${W}.Any`,
    config_discovery: `${CORE}.ExtensionConfigSource`,
  }),

  // envoy/config/cluster/v3/circuit_breaker.proto
  msg(`${C}.CircuitBreakers.Thresholds.RetryBudget`, {
    budget_percent: "envoy.type.v3.Percent",
    min_retry_concurrency: `${W}.UInt32Value`,
  }),
  msg(`${C}.CircuitBreakers.Thresholds`, {
    priority: `enum:${CORE}.RoutingPriority`,
    max_connections: `${W}.UInt32Value`,
    max_pending_requests: `${W}.UInt32Value`,
    max_requests: `${W}.UInt32Value`,
    max_retries: `${W}.UInt32Value`,
    retry_budget: `${C}.CircuitBreakers.Thresholds.RetryBudget`,
    track_remaining: "bool",
    max_connection_pools: `${W}.UInt32Value`,
  }),
  msg(`${C}.CircuitBreakers`, {
    thresholds: `[]${C}.CircuitBreakers.Thresholds`,
    per_host_thresholds: `[]${C}.CircuitBreakers.Thresholds`,
  }),

  // envoy/config/cluster/v3/outlier_detection.proto
  msg(`${C}.OutlierDetection`, {
    consecutive_5xx: `${W}.UInt32Value`,
    interval: `${W}.Duration`,
    base_ejection_time: `${W}.Duration`,
    max_ejection_percent: `${W}.UInt32Value`,
    enforcing_consecutive_5xx: `${W}.UInt32Value`,
    enforcing_success_rate: `${W}.UInt32Value`,
    success_rate_minimum_hosts: `${W}.UInt32Value`,
    success_rate_request_volume: `${W}.UInt32Value`,
    success_rate_stdev_factor: `${W}.UInt32Value`,
    consecutive_gateway_failure: `${W}.UInt32Value`,
    enforcing_consecutive_gateway_failure: `${W}.UInt32Value`,
    split_external_local_origin_errors: "bool",
    consecutive_local_origin_failure: `${W}.UInt32Value`,
    enforcing_consecutive_local_origin_failure: `${W}.UInt32Value`,
    enforcing_local_origin_success_rate: `${W}.UInt32Value`,
    failure_percentage_threshold: `${W}.UInt32Value`,
    enforcing_failure_percentage: `${W}.UInt32Value`,
    enforcing_failure_percentage_local_origin: `${W}.UInt32Value`,
    failure_percentage_minimum_hosts: `${W}.UInt32Value`,
    failure_percentage_request_volume: `${W}.UInt32Value`,
    max_ejection_time: `${W}.Duration`,
    max_ejection_time_jitter: `${W}.Duration`,
    successful_active_health_check_uneject_host: `${W}.BoolValue`,
    monitors: `[]${CORE}.TypedExtensionConfig`,
    always_eject_one_host: `${W}.BoolValue`,
  }),

  // envoy/config/endpoint/v3/endpoint.proto, endpoint_components.proto
  msg(`${EP}.ClusterLoadAssignment`, {
    cluster_name: "string",
    endpoints: `[]${EP}.LocalityLbEndpoints`,
    named_endpoints: `map<${EP}.Endpoint>`,
    policy: `${EP}.ClusterLoadAssignment.Policy`,
  }),
  msg(`${EP}.Endpoint.AdditionalAddress`, { address: `${CORE}.Address` }),
  msg(`${EP}.Endpoint`, {
    address: `${CORE}.Address`,
    health_check_config: `${EP}.Endpoint.HealthCheckConfig`,
    hostname: "string",
    additional_addresses: `[]${EP}.Endpoint.AdditionalAddress`,
  }),
  msg(`${EP}.LbEndpoint`, {
    endpoint: `${EP}.Endpoint | host_identifier`,
    endpoint_name: "string | host_identifier",
    health_status: `enum:${CORE}.HealthStatus`,
    metadata: `${CORE}.Metadata`,
    load_balancing_weight: `${W}.UInt32Value`,
  }),
  msg(`${EP}.LocalityLbEndpoints.LbEndpointList`, { lb_endpoints: `[]${EP}.LbEndpoint` }),
  msg(`${EP}.LocalityLbEndpoints`, {
    locality: `${CORE}.Locality`,
    metadata: `${CORE}.Metadata`,
    lb_endpoints: `[]${EP}.LbEndpoint`,
    load_balancer_endpoints: `${EP}.LocalityLbEndpoints.LbEndpointList | lb_config`,
    leds_cluster_locality_config: `${EP}.LedsClusterLocalityConfig | lb_config`,
    load_balancing_weight: `${W}.UInt32Value`,
    priority: "uint32",
    proximity: `${W}.UInt32Value`,
  }),

  // envoy/extensions/upstreams/http/v3/http_protocol_options.proto
  msg(`${UH}.HttpProtocolOptions.ExplicitHttpConfig`, {
    http_protocol_options: `${CORE}.Http1ProtocolOptions | protocol_config`,
    http2_protocol_options: `${CORE}.Http2ProtocolOptions | protocol_config`,
    http3_protocol_options: `${CORE}.Http3ProtocolOptions | protocol_config`,
  }),
  msg(`${UH}.HttpProtocolOptions.UseDownstreamHttpConfig`, {
    http_protocol_options: `${CORE}.Http1ProtocolOptions`,
    http2_protocol_options: `${CORE}.Http2ProtocolOptions`,
    http3_protocol_options: `${CORE}.Http3ProtocolOptions`,
  }),
  msg(`${UH}.HttpProtocolOptions.AutoHttpConfig`, {
    http_protocol_options: `${CORE}.Http1ProtocolOptions`,
    http2_protocol_options: `${CORE}.Http2ProtocolOptions`,
    http3_protocol_options: `${CORE}.Http3ProtocolOptions`,
    alternate_protocols_cache_options: `${CORE}.AlternateProtocolsCacheOptions`,
  }),
  msg(`${UH}.HttpProtocolOptions`, {
    common_http_protocol_options: `${CORE}.HttpProtocolOptions`,
    upstream_http_protocol_options: `${CORE}.UpstreamHttpProtocolOptions`,
    explicit_http_config: `${UH}.HttpProtocolOptions.ExplicitHttpConfig | upstream_protocol_options`,
    use_downstream_protocol_config: `${UH}.HttpProtocolOptions.UseDownstreamHttpConfig | upstream_protocol_options`,
    auto_config: `${UH}.HttpProtocolOptions.AutoHttpConfig | upstream_protocol_options`,
    http_filters: `[]${HCM}.HttpFilter`,
    outlier_detection: `${UH}.HttpProtocolOptions.OutlierDetection`,
  }),
];
