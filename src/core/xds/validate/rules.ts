/**
 * The Envoy checks meshsim models, one row per rule: what Envoy rejects, where Envoy's source says so, and what a
 * rejection costs. meshsim uses one set of Envoy rules for every Kuma minor; the rows are written for Envoy 1.38.2,
 * the Envoy Kuma v2.14.x ships (kumahq/kuma@v2.14.3 mk/dev.mk `ENVOY_VERSION ?= 1.38.2`). docs/fidelity.md lists
 * the checks that are not modelled.
 */

/** Envoy's version the messages and checks are read from. */
export const ENVOY_VERSION = "1.38.2";

/**
 * What Envoy throws away when the rule fails:
 * - `resource`: that listener or cluster only. `LdsApiImpl::onConfigUpdate` (source/common/listener_manager/lds_api.cc)
 *   and `CdsApiHelper::onConfigUpdate` (source/common/upstream/cds_api_helper.cc) apply every other resource of the
 *   update and NACK it with the collected messages; the rejected one stays at the version Envoy last accepted.
 * - `update`: every resource of that type in the update. Proto constraint (PGV) rules on the resource's own fields are
 *   checked when the xDS response is decoded (`OpaqueResourceDecoderImpl::decodeResource`,
 *   `MessageUtil::anyConvertAndValidate`, source/common/config/opaque_resource_decoder_impl.h), before any resource is
 *   applied, so the whole response is NACKed.
 */
export type RejectionScope = "resource" | "update";

export type EnvoyRuleId =
  | "listener-duplicate-name"
  | "listener-port-range"
  | "listener-no-filter-chains"
  | "filter-chain-unimplemented-match"
  | "filter-chain-same-match"
  | "filter-chain-overlapping-match"
  | "filter-chain-partial-wildcard"
  | "filter-chain-port-range"
  | "filter-type-not-found"
  | "filter-required-field"
  | "filter-terminal-not-last"
  | "filter-last-not-terminal"
  | "route-duplicate-domain"
  | "route-multiple-wildcards"
  | "route-cluster-empty"
  | "route-regex-invalid"
  | "cluster-duplicate-name"
  | "cluster-connect-timeout";

export interface EnvoyRule {
  readonly id: EnvoyRuleId;
  readonly resource: "listener" | "cluster";
  readonly scope: RejectionScope;
  /** What Envoy checks, in words. */
  readonly what: string;
  /** envoyproxy/envoy file (at v{@link ENVOY_VERSION}) that rejects it. */
  readonly envoyFile: string;
}

const rule = (id: EnvoyRuleId, resource: EnvoyRule["resource"], scope: RejectionScope, what: string, envoyFile: string): EnvoyRule => ({ id, resource, scope, what, envoyFile });

/** Every modelled rule, in the order Envoy runs them for one resource. */
export const ENVOY_RULES: readonly EnvoyRule[] = [
  rule("listener-duplicate-name", "listener", "resource", "two listeners of one update with the same name: the first is applied, the second rejected", "source/common/listener_manager/lds_api.cc"),
  rule("listener-port-range", "listener", "update", "socket address port_value ≤ 65535 (PGV on envoy.config.core.v3.SocketAddress)", "api/envoy/config/core/v3/address.proto"),
  rule("filter-chain-port-range", "listener", "update", "filter_chain_match.destination_port in [1, 65535] (PGV on FilterChainMatch)", "api/envoy/config/listener/v3/listener_components.proto"),
  rule("listener-no-filter-chains", "listener", "resource", "a TCP listener has filter chains or a default filter chain", "source/common/listener_manager/listener_impl.cc"),
  rule("filter-chain-unimplemented-match", "listener", "resource", "filter_chain_match.address_suffix / suffix_len are not implemented", "source/common/listener_manager/filter_chain_manager_impl.cc"),
  rule("filter-chain-same-match", "listener", "resource", "two filter chains with equal filter_chain_match messages", "source/common/listener_manager/filter_chain_manager_impl.cc"),
  rule("filter-type-not-found", "listener", "resource", "a network or HTTP filter's typed_config type URL names no filter of that kind (extensions are looked up by type URL, never by name)", "source/common/config/utility.h"),
  rule("filter-required-field", "listener", "resource", "a filter's typed config satisfies its PGV rules (tcp_proxy and HTTP connection manager: stat_prefix, cluster / route specifier)", "api/envoy/extensions/filters/network/{tcp_proxy,http_connection_manager}/v3/*.proto"),
  rule("route-cluster-empty", "listener", "resource", "a route action names a cluster (PGV: cluster min_len 1, cluster_specifier required)", "api/envoy/config/route/v3/route_components.proto"),
  rule("filter-terminal-not-last", "listener", "resource", "a terminal network / HTTP filter (tcp_proxy, http_connection_manager, router, …) is the last of its chain", "source/common/config/utility.cc"),
  rule("filter-last-not-terminal", "listener", "resource", "the last network / HTTP filter of a chain is terminal", "source/common/config/utility.cc"),
  rule("route-regex-invalid", "listener", "resource", "every safe_regex of a route match (path, headers, query parameters) compiles in RE2", "source/common/common/regex.cc"),
  rule("route-multiple-wildcards", "listener", "resource", "at most one `*` domain per route configuration", "source/common/router/config_impl.cc"),
  rule("route-duplicate-domain", "listener", "resource", "each domain once per route configuration, compared in lower case", "source/common/router/config_impl.cc"),
  rule("filter-chain-partial-wildcard", "listener", "resource", "server_names wildcards only as a `*.` prefix", "source/common/listener_manager/filter_chain_manager_impl.cc"),
  rule("filter-chain-overlapping-match", "listener", "resource", "two filter chains whose matches overlap once lists are expanded and prefix ranges masked", "source/common/listener_manager/filter_chain_manager_impl.cc"),
  rule("cluster-duplicate-name", "cluster", "resource", "two clusters of one update with the same name: the first is applied, the second rejected", "source/common/upstream/cds_api_helper.cc"),
  rule("cluster-connect-timeout", "cluster", "update", "connect_timeout > 0 (PGV on envoy.config.cluster.v3.Cluster)", "api/envoy/config/cluster/v3/cluster.proto"),
];

/** The row of one rule. */
export function envoyRule(id: EnvoyRuleId): EnvoyRule {
  const r = ENVOY_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`unknown Envoy rule ${id}`);
  return r;
}
