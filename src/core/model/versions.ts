/**
 * Every behaviour of Kuma's generators that differs by release lives in this one table, keyed by release (minor
 * and patch): a base row for the oldest supported release and, after it, each change with the release that made
 * it and its source. A fix Kuma backported in a patch release is one more change with that patch as `since`, so
 * `2.13.4` and `2.13.10` can answer differently. Code elsewhere asks `features(release).x`, or picks a row of
 * its own release-keyed data with {@link atRelease}; {@link compareReleases} is the only version comparison in
 * `src/`.
 */
import type { Violation } from "../errors.js";
import type { TransparentProxyModel } from "./dataplane.js";

/** The Kuma minors meshsim models, oldest first. */
export const SUPPORTED_MINORS = ["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "3.0"] as const;
export type KumaMinor = (typeof SUPPORTED_MINORS)[number];
/**
 * The release simulated when a request names none: the newest minor whose releases meshsim knows by tag. A line that
 * follows a commit ({@link LINE_COMMITS}) is simulated only when asked for.
 */
export const NEWEST_MINOR: KumaMinor = "2.14";

/**
 * Minors whose profile follows a commit of their release line instead of a release tag: Kuma's repository had no
 * 3.0 tag when this table was written, so "3.0" is the newest commit of the 3.0 line (kumahq/kuma `master`, whose
 * UPGRADE.md holds the "Upgrade to 3.0.0" section). Answers name the commit; docs/fidelity.md lists what the
 * released 3.0.x may change.
 */
export const LINE_COMMITS: Readonly<Partial<Record<KumaMinor, LineCommit>>> = {
  "3.0": {
    commit: "348b6528bc234b3c4bd7f22ad7c5bf950d6149fc",
    date: "2026-08-21",
    unsettled: {
      passthroughDefault:
        "at kumahq/kuma@348b6528bc a proxy no MeshPassthrough selects keeps the passthrough cluster (pkg/xds/generator/transparent_proxy_generator.go always adds it; meshpassthrough plugin.go returns early without a policy), so external traffic is allowed, and meshsim follows that source; kumahq/kuma#18801 (opened 2026-09-18, after this commit) proposes that no matching policy behave like passthroughMode None, which would block it",
      meshProxyPatchCircuitBreakers:
        "at kumahq/kuma@348b6528bc a MeshProxyPatch that merges circuitBreakers appends a second DEFAULT threshold after the one EnsureTrackRemaining adds, and Envoy reads only the first, so the patch has no effect (as on 2.14.x), and meshsim follows that source; kumahq/kuma#18205 (2026-08-25) reports it and kumahq/kuma#18207 merges the thresholds again, after this commit",
    },
  },
};

/** The commit a line follows, and what later public Kuma issues or PRs say will change after it. */
export interface LineCommit {
  readonly commit: string;
  /** The commit's date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Facts where the commit's source and a later public issue or PR disagree (answers warn `release-line-unsettled`). */
  readonly unsettled: { readonly passthroughDefault: string; readonly meshProxyPatchCircuitBreakers: string };
}

/** The newest patch of each minor that meshsim knows of (the release tags of kumahq/kuma); a bare minor means it. */
const NEWEST_PATCH: Readonly<Record<KumaMinor, number>> = {
  "2.5": 11,
  "2.6": 15,
  "2.7": 29,
  "2.8": 8,
  "2.9": 19,
  "2.10": 11,
  "2.11": 18,
  "2.12": 14,
  "2.13": 10,
  "2.14": 3,
  "3.0": 0,
};

/** A Kuma release, `major.minor.patch` (e.g. `2.13.10`). */
export type Release = `${number}.${number}.${number}`;

/** How the generator decides whether an IPv6 passthrough set exists and which inbound port it uses. */
export type Ipv6Rule =
  /** ≤2.6: IPv6 only when `redirectPortInboundV6` ≠ 0; the inbound v6 listener uses that port (default 15010). */
  | "inbound-v6-port"
  /** 2.7–2.8: `ipFamilyMode` exists; IPv4 → none; UnSpecified with v6 port 0 → none; custom v6 port kept. */
  | "family-mode-with-v6-port"
  /** ≥2.9: IPv6 iff `ipFamilyMode` ≠ IPv4; both families share the ports. */
  | "family-mode";

/** What the generators and plugins do differently by release. */
export interface Behaviour {
  /** Connect timeout Kuma writes on passthrough clusters. */
  readonly passthroughConnectTimeout: string;
  readonly ipv6Rule: Ipv6Rule;
  /** Unset passthroughMode: Matched (≥2.10, and Universal before); the ≤2.9 k8s CRD defaulted to None. */
  readonly meshPassthroughCrdDefaultNone: boolean;
  /** Transparent-proxy config carried in DP metadata. */
  readonly tpInMetadata: boolean;
  /** The bind-outbounds kuma-dp feature. */
  readonly bindOutbounds: boolean;
  /** Unified resource naming is available (opt-in: DP feature + Mesh meshServices.mode Exclusive). */
  readonly unifiedNaming: boolean;
  /** `self_transparentproxy_no_destination_inbound` cluster. */
  readonly noDestinationInboundCluster: boolean;
  /**
   * MeshTLS rebuilds the inbound passthrough listeners from the last inbound's mode (Strict: one chain per inbound
   * port; Permissive: the catch-all chain), whatever the kuma-dp features (`configureInboundPassthroughListener`).
   */
  readonly meshTlsRebuildsInboundPassthrough: boolean;
  /** Strict inbound ports (the `feature-strict-inbound-ports` kuma-dp feature). */
  readonly strictInboundPorts: boolean;
  /**
   * Strict inbound ports: a proxy without inbounds (a delegated gateway) keeps the catch-all chain instead of an
   * inbound passthrough listener with no chains.
   */
  readonly strictInboundPortsKeepCatchAll: boolean;
  /**
   * Strict inbound ports: repeated inbound ports give one chain (the dedupe fix). Together with
   * {@link strictInboundPortsKeepCatchAll} from v2.13.4 on, so at every minor's newest patch this is "both fixes".
   */
  readonly strictInboundPortsFixes: boolean;
  /**
   * What the Kubernetes injector's defaults (kuma-cp.defaults.yaml sidecarContainer) put in a sidecar's
   * transparentProxying besides the v4 ports: the IPv6 inbound port (2.5–2.8) and the IP family mode (2.7+).
   */
  readonly injectorSidecar: Pick<TransparentProxyModel, "redirectPortInboundV6" | "ipFamilyMode">;
  /** A Dataplane inbound's `protocol` field, read before its `kuma.io/protocol` tag (older releases ignore the unknown field). */
  readonly inboundProtocolField: boolean;
  /** Listener-level statPrefix on unified-named listeners. */
  readonly unifiedListenerStatPrefix: boolean;
  /**
   * The MeshTimeout plugin runs without any MeshTimeout policy and configures every inbound listener and cluster and
   * every legacy outbound cluster, a missing conf falling back to its defaults (connect 5s, tcp idle 1h, …); before,
   * it returned early without a policy and left an outbound cluster no `to` rule matches alone.
   */
  readonly inboundTimeoutDefaults: boolean;
  /**
   * MeshCircuitBreaker adds `thresholds: [{trackRemaining: true}]` to every cluster, and merges a policy's
   * connectionLimits into the existing DEFAULT threshold (before: it replaced `circuitBreakers` with one threshold).
   */
  readonly trackRemainingOnEveryCluster: boolean;
  /**
   * The default targetRef policies kuma-cp creates with every Mesh (unless its `skipCreatingInitialPolicies` names
   * them): `legacy` (2.5: the legacy Timeout, CircuitBreaker and Retry instead), `from-to` (MeshTimeout
   * `mesh-timeout-all` with `from` and `to` for sidecars, `mesh-gateways-timeout-all` for gateways, MeshCircuitBreaker
   * `mesh-circuit-breaker-all`), `rules-to` (MeshTimeout `mesh-timeout-all` with `rules` and `mesh-timeout-to-all` with
   * `to`, MeshCircuitBreaker `mesh-circuit-breaker-all`).
   */
  readonly defaultMeshPolicies: "legacy" | "from-to" | "rules-to";
  /** MeshTimeout has `http.requestHeadersTimeout` and writes the HCM's `requestHeadersTimeout`. */
  readonly meshTimeoutRequestHeadersTimeout: boolean;
  /**
   * What MeshTimeout does (before 2.10, when it returns early without a policy) to an inbound that a MeshTimeout
   * selects without a `from` rule: `hcm-idle-only` (the old ListenerConfigurer: an HTTP listener's
   * `commonHttpProtocolOptions.idleTimeout` becomes 0s, nothing else), `default-conf` (plugin_xds.DefaultTimeoutConf
   * on the listener and the cluster), `skip` (neither is touched).
   */
  readonly meshTimeoutInboundWithoutFrom: "hcm-idle-only" | "default-conf" | "skip";
  /** MeshTimeout's DefaultTimeoutConf has streamIdleTimeout 5s and maxConnectionDuration 5s (the gateway and connect defaults). */
  readonly meshTimeoutDefaultConfBug: boolean;
  /** MeshTimeout and MeshCircuitBreaker `rules` (inbound rules API) exist, and `from` entries are read as rules. */
  readonly timeoutCircuitBreakerRulesApi: boolean;
  /**
   * MeshTimeout configures a listener by the filters its chains hold (HTTP connection manager and tcp_proxy) instead of
   * by the inbound's protocol, and its `rules[].matches` (spiffeID, SNI) duplicate inbound routes; without a catch-all
   * rule the common config and the cluster are left alone.
   */
  readonly meshTimeoutMatches: boolean;
  /**
   * MeshTimeout and MeshCircuitBreaker reach Mesh*Service outbounds as real resources (ResourceRules by KRI: port,
   * service, Mesh); before, MeshTimeout configures their clusters by cluster name with the `to` rules and leaves their
   * listeners, and MeshCircuitBreaker leaves them alone.
   */
  readonly policiesRealResources: boolean;
  /** MeshCircuitBreaker reaches a sidecar's MeshExternalService clusters (before: real resources but MeshExternalService). */
  readonly mcbMeshExternalServiceClusters: boolean;
  /** MeshCircuitBreaker finds an inbound cluster by the workload port (`localhost:<servicePort>`); before, by the dataplane port. */
  readonly mcbInboundClusterByWorkloadPort: boolean;
  /** MeshCircuitBreaker writes enforcing 0 for a missing detector or consecutive count (before: nothing without `detectors`). */
  readonly mcbDetectorDefaults: boolean;
  /** MeshCircuitBreaker's connectionLimits threshold tracks remaining, and `outlierDetection.healthyPanicThreshold` is written. */
  readonly mcbTrackRemainingAndPanicThreshold: boolean;
  /** enableReusePort on the inbound passthrough listener follows `feature-reuse-port`; before: always false. */
  readonly reusePortFeature: boolean;
  /**
   * enableReusePort is `true` on the inbound passthrough listener whatever the features (v2.13.6 only: the backport
   * of #16605 before the `feature-reuse-port` flag of #16677 replaced it in v2.13.7). {@link reusePortFeature} wins.
   */
  readonly inboundPassthroughReusePortAlways: boolean;
  /**
   * MeshPassthrough filter chains, per release (kuma `plugin/xds/listeners_filter_chain.go`, `order.go`):
   * - `by-protocol-port` (2.8.0 … 2.9.1): one matcher per (protocol, port); tcp/tls get a chain per rule, the L7
   *   protocols one aggregated HCM `meshpassthrough_http_<port>` with no destination-port or address match, whose
   *   virtual hosts are the domain and IP rules (CIDRs ignored); names carry no protocol segment.
   * - `by-match` (2.9.2 on): one chain per (protocol, port, match), names `meshpassthrough_<protocol>_<value>_<port>`.
   */
  readonly meshPassthroughLayout: "by-protocol-port" | "by-match";
  /** MeshPassthrough's per-rule route matches `prefix: /` (before: `path: /`, which routes only the path `/`). */
  readonly meshPassthroughPrefixRoute: boolean;
  /**
   * MeshPassthrough leaves a passthrough listener alone when no rule is of its IP family (before: its chains are
   * replaced by the other family's domain chains, or by none at all).
   */
  readonly meshPassthroughSkipsFamilyWithoutRules: boolean;
  /** `by-protocol-port` only: IP virtual hosts also list `ip:port` (IPv6: `[ip]:port`), an HTTP Host may carry the port. */
  readonly meshPassthroughIpHostPort: boolean;
  /** MeshPassthrough adds the `original_dst` listener filter, and knows the `mysql` protocol (inspectors off on its ports). */
  readonly meshPassthroughOriginalDst: boolean;
  /**
   * MeshPassthrough admission (validator.go validateTop) requires the top-level targetRef (a value, not a pointer) and
   * `proxyTypes` of one element or containing Sidecar: "proxyTypes needs to be set, currently only Sidecar is supported".
   */
  readonly meshPassthroughProxyTypesRule: boolean;
  /** MeshPassthrough admission refuses a wildcard Domain entry without a port for an L7 protocol (http, http2, grpc). */
  readonly meshPassthroughWildcardL7PortRule: boolean;
  /** MeshPassthrough admits the `mysql` protocol (with a required port, not for a Domain). */
  readonly meshPassthroughMysql: boolean;
  /** MeshPassthrough admission checks the rest of a `*.` Domain as a DNS name (before, a value starting with `*` was not checked). */
  readonly meshPassthroughWildcardDnsCheck: boolean;
  /** MeshPassthrough `by-protocol-port` gRPC chains get the `grpc_stats` HTTP filter (dropped with the `by-match` layout). */
  readonly meshPassthroughGrpcStats: boolean;
  /**
   * MeshPassthrough orders IP rules of one port, and CIDRs of one prefix length, by value (descending); before,
   * Go map iteration decided, so the order changed between generations.
   */
  readonly meshPassthroughSortsTies: boolean;
  /** HTTP connection managers (inbound, MeshPassthrough) carry `internalAddressConfig` from kuma-cp's `ipam.knownInternalCIDRs`. */
  readonly hcmInternalAddressConfig: boolean;
  /**
   * `internalAddressConfig` drops the IPv6 CIDRs unless the data plane reports IPv6 support (meshsim assumes it
   * does not); before, every known internal CIDR is listed.
   */
  readonly internalAddressesIpv6Aware: boolean;
  /** Unified inbound names are `self_inbound_dp_<sectionName>` (inbound name, else port); before: `self_inbound_dp_<workload port>`. */
  readonly inboundUnifiedNameBySection: boolean;
  /** An inbound without `kuma.io/service` gets its listener name as route-configuration and virtual-host name (before: `inbound:` and ""). */
  readonly inboundVhostListenerFallback: boolean;
  /** An inbound listener without tags carries `kuma.io/unified-name: <contextual name>` in its tags metadata (before: no tags). */
  readonly inboundUnifiedNameTag: boolean;
  /**
   * MeshTimeout (and MeshCircuitBreaker) find an inbound cluster under its unified name; before, they looked it up
   * by its legacy name only, so a unified-named inbound cluster kept the generator's timeouts.
   */
  readonly policiesFindUnifiedInboundClusters: boolean;
  /** Origin MeshProxyPatch gives to clusters it Adds. */
  readonly addedClusterOrigin: "mesh-proxy-patch" | "proxy-template-modifications";
  /**
   * MeshProxyPatch listener-name matching treats legacy and unified passthrough listener names as equal
   * (network_filter_mod.go `systemListenerNameEquivalents`).
   */
  readonly listenerNameEquivalence: boolean;
  /**
   * Policy plugins run inside the default-proxy profile of ProxyTemplate's generator, so a ProxyTemplate without
   * `default-proxy` in `imports` gets none, and its raw `resources` are added after them; before, reconcile.go ran
   * the plugins after the whole template generator (raw resources included) for every template.
   */
  readonly policyPluginsInDefaultProfile: boolean;
  /** The in-mesh destination kinds Kuma admits (`pkg/core/resources/apis/<kind>`); before, a kind is unknown. */
  readonly meshDestinationKinds: readonly MeshDestinationKind[];
  /** kuma-cp's IPAM allocator gives a MeshService / MeshExternalService (MeshMultiZoneService once it exists) without VIPs one from its CIDR. */
  readonly ipamVips: boolean;
  /** A HostnameGenerator selects only the kinds it names a selector for (before: every kind, the selectors were structs). */
  readonly hostnameSelectorPerKind: boolean;
  /** kuma-cp creates the default HostnameGenerators (`pkg/defaults/hostname_generator.go`). */
  readonly defaultHostnameGenerators: boolean;
  /** Zone-originated resources get the `kuma.io/env` label, and a template's `.Zone` falls back to the local zone. */
  readonly envLabelAndZoneFallback: boolean;
  /** A generated hostname must be an RFC 1123 subdomain, or it is not generated. */
  readonly hostnameDns1123Check: boolean;
  /**
   * Kuma creates TrafficPermission `allow-all-<mesh>` with every new Mesh (unless the Mesh's
   * `skipCreatingInitialPolicies` names it); from 2.6.0 only with kuma-cp `defaults.createMeshRoutingResources`
   * (default false), and no MeshTrafficPermission is ever created by default.
   */
  readonly defaultTrafficPermission: boolean;
  /** MeshTrafficPermission on a chain with an HTTP connection manager writes `envoy.filters.http.rbac` into it (else the network RBAC filter). */
  readonly mtpHttpRbacFilter: boolean;
  /** MeshTrafficPermission writes deny-all rules on an inbound no MeshTrafficPermission covers when no TrafficPermission selects the proxy. */
  readonly mtpDefaultDeny: boolean;
  /** MeshTrafficPermission `rules` (the matcher API) exist besides `from`. */
  readonly mtpRulesApi: boolean;
  /** MeshTrafficPermission `from` rules group subsets by maximal cliques instead of connected components. */
  readonly mtpRulesCliques: boolean;
  /** Unified resource naming whatever the kuma-dp feature and the Mesh's `meshServices.mode` (the opt-out is gone). */
  readonly unifiedNamingAlways: boolean;
  /** `Mesh.networking.outbound.passthrough` is read; after, it is accepted and ignored (as if `true`). */
  readonly meshPassthroughField: boolean;
  /** `Mesh.mtls` gives proxies mTLS; after, only a MeshIdentity does, and `mtls` is accepted and ignored. */
  readonly meshMtlsField: boolean;
  /** An inbound without `protocol` takes its `kuma.io/protocol` tag as the protocol; after, it is TCP. */
  readonly inboundProtocolTag: boolean;
  /** Universal `networking.inbound[].tags` are read; after, they are dropped on deserialization. */
  readonly inboundTagsField: boolean;
  /** `networking.outbound[]` entries with `tags` (no `backendRef`) get an outbound; after, they are dropped. */
  readonly outboundTagsField: boolean;
  /** A MeshExternalService gets a cluster only on a proxy with a workload identity (MeshIdentity). */
  readonly mesClusterNeedsIdentity: boolean;
  /** MeshTLS, MeshTrafficPermission, MeshTimeout and MeshCircuitBreaker have `from`; after, it is dropped on deserialization. */
  readonly policyFromField: boolean;
  /**
   * Strict inbound ports apply to a proxy with a workload identity (a MeshIdentity selects it) instead of one whose
   * Mesh mTLS mode is STRICT (`Mesh.mtls` no longer produces mTLS).
   */
  readonly strictInboundPortsByIdentity: boolean;
  /**
   * MeshTLS applies to a proxy with a workload identity (not by the Mesh's mTLS), to every inbound, in the rule's mode
   * or Strict by default; the inbound passthrough listener keeps only the inbound ports in Strict mode with the
   * `feature-strict-inbound-ports` kuma-dp feature (before: in Strict mode, whatever the features).
   */
  readonly meshTlsByIdentity: boolean;
  // ---- MeshAccessLog (kumahq/kuma pkg/plugins/policies/meshaccesslog) ----
  /** Admission: the top-level targetRef kinds (api/v1alpha1/validator.go validateTop). */
  readonly malTopKinds: readonly string[];
  /** Admission: `to[].targetRef` kinds (validateTo; with a MeshGateway top-level targetRef only Mesh while `malGatewayToMeshOnly`). */
  readonly malToKinds: readonly string[];
  /** Admission: a MeshGateway policy's `to[].targetRef` may only be Mesh. */
  readonly malGatewayToMeshOnly: boolean;
  /**
   * Admission and plugin: `rules[]` (inbound rules API) exist; `rules` next to `to`/`from` is refused. `"with-from"`: the
   * validator checks `rules[].default` only when `from` is set (validator.go `if r.Spec.From != nil { validateRules }`);
   * `"always"`: whenever `rules` is set, with `matches` checked.
   */
  readonly malRules: "none" | "with-from" | "always";
  /** Admission: an OpenTelemetry backend needs exactly one of `endpoint` / `backendRef`, attribute keys are checked. */
  readonly malOtelChecks: boolean;
  /** Admission and plugin: `to` and `rules` only (no `from`), OpenTelemetry backends by `backendRef` only. */
  readonly malToAndRulesOnly: boolean;
  /**
   * Plugin: the default format is chosen once per listener from the protocol (DefaultFormat(protocol)), and the
   * outbound passthrough listeners get the protocol name itself, the literal `tcp`, as their format (before: per
   * filter, the HTTP format on an HTTP connection manager, the network format on a tcp_proxy).
   */
  readonly malDefaultFormatByProtocol: boolean;
  /** Plugin: two inbounds on one address and port configure their listener once (before: once per inbound). */
  readonly malInboundDedupe: boolean;
  /**
   * Plugin: every inbound rule logs on its own (fan-out, each `matches` a CEL filter), the destination service is the
   * inbound's identifying name; before, the catch-all rules are merged into one conf (the last `backends` wins).
   */
  readonly malInboundFanOut: boolean;
  /**
   * Plugin: backends by `type`; `%KUMA_ZONE%` and `%KUMA_WORKLOAD%`; OpenTelemetry loggers with top-level `grpcService`
   * and `logName`, `resourceAttributes` (kuma.mesh, kuma.zone, kuma.workload) and interpolated attributes (before:
   * `commonConfig` with `transportApiVersion: V3`, attributes verbatim, the backend by whichever of tcp/file/openTelemetry is set).
   */
  readonly malOtelResourceAttributes: boolean;
}

/** Kinds whose outbounds come from `status` (VIPs and hostnames kuma-cp writes), and HostnameGenerator, which writes them. */
export type MeshDestinationKind = "MeshService" | "MeshExternalService" | "MeshMultiZoneService" | "HostnameGenerator";

/**
 * When a change holds: from one release on, or, for a fix Kuma backported to patch releases, the first release of
 * each minor line that has it (e.g. `["2.12.14", "2.13.10", "2.14.2"]`): that line from that patch on, every later
 * minor from its `.0`, and no earlier or unlisted line.
 */
export type Since = Release | readonly Release[];

/** One change of behaviour: from `since` on, the fields in `set` hold. */
export interface BehaviourChange {
  readonly since: Since;
  readonly set: Partial<Behaviour>;
  /** The Kuma commit, PR or file at a tag that shows it. */
  readonly source: string;
}

/** Kuma 2.5.0, the oldest supported release. */
const BASE: Behaviour = {
  // kumahq/kuma@2.5.0 pkg/xds/envoy/clusters/v3/timeout_configurer.go
  passthroughConnectTimeout: "10s",
  ipv6Rule: "inbound-v6-port",
  meshPassthroughCrdDefaultNone: true,
  tpInMetadata: false,
  bindOutbounds: false,
  unifiedNaming: false,
  noDestinationInboundCluster: false,
  strictInboundPorts: false,
  meshTlsRebuildsInboundPassthrough: false,
  strictInboundPortsKeepCatchAll: false,
  strictInboundPortsFixes: false,
  inboundProtocolField: false,
  injectorSidecar: { redirectPortInboundV6: 15010, ipFamilyMode: "UnSpecified" },
  unifiedListenerStatPrefix: false,
  inboundTimeoutDefaults: false,
  trackRemainingOnEveryCluster: false,
  // kumahq/kuma@2.5.0 pkg/defaults/mesh/mesh.go EnsureDefaultMeshResources ("timeout-all", "circuit-breaker-all", "retry-all": legacy kinds)
  defaultMeshPolicies: "legacy",
  meshTimeoutRequestHeadersTimeout: false,
  // kumahq/kuma@2.5.0 pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go ListenerConfigurer (idleTimeout 0s on every HCM)
  meshTimeoutInboundWithoutFrom: "hcm-idle-only",
  meshTimeoutDefaultConfBug: false,
  timeoutCircuitBreakerRulesApi: false,
  meshTimeoutMatches: false,
  policiesRealResources: false,
  mcbMeshExternalServiceClusters: false,
  mcbInboundClusterByWorkloadPort: false,
  mcbDetectorDefaults: false,
  mcbTrackRemainingAndPanicThreshold: false,
  reusePortFeature: false,
  inboundPassthroughReusePortAlways: false,
  meshPassthroughLayout: "by-protocol-port",
  meshPassthroughPrefixRoute: false,
  meshPassthroughSkipsFamilyWithoutRules: false,
  meshPassthroughIpHostPort: false,
  meshPassthroughOriginalDst: false,
  meshPassthroughProxyTypesRule: true,
  meshPassthroughWildcardL7PortRule: false,
  meshPassthroughMysql: false,
  meshPassthroughWildcardDnsCheck: false,
  meshPassthroughGrpcStats: true,
  meshPassthroughSortsTies: false,
  hcmInternalAddressConfig: false,
  internalAddressesIpv6Aware: false,
  inboundUnifiedNameBySection: false,
  inboundVhostListenerFallback: false,
  inboundUnifiedNameTag: false,
  policiesFindUnifiedInboundClusters: false,
  addedClusterOrigin: "mesh-proxy-patch",
  listenerNameEquivalence: false,
  policyPluginsInDefaultProfile: false,
  meshDestinationKinds: [],
  ipamVips: false,
  hostnameSelectorPerKind: false,
  defaultHostnameGenerators: false,
  envLabelAndZoneFallback: false,
  hostnameDns1123Check: false,
  // kumahq/kuma@2.5.0 pkg/defaults/mesh/mesh.go EnsureDefaultMeshResources ("allow-all" → defaultTrafficPermissionResource)
  defaultTrafficPermission: true,
  mtpHttpRbacFilter: false,
  mtpDefaultDeny: false,
  mtpRulesApi: false,
  mtpRulesCliques: false,
  unifiedNamingAlways: false,
  meshPassthroughField: true,
  meshMtlsField: true,
  inboundProtocolTag: true,
  inboundTagsField: true,
  outboundTagsField: true,
  mesClusterNeedsIdentity: false,
  policyFromField: true,
  strictInboundPortsByIdentity: false,
  meshTlsByIdentity: false,
  // kumahq/kuma@2.5.0 pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go validateTop / validateTo
  malTopKinds: ["Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset"],
  malToKinds: ["Mesh", "MeshService"],
  malGatewayToMeshOnly: false,
  malRules: "none",
  malOtelChecks: false,
  malToAndRulesOnly: false,
  malDefaultFormatByProtocol: false,
  malInboundDedupe: false,
  malInboundFanOut: false,
  malOtelResourceAttributes: false,
};

/** Every change after 2.5.0, oldest first. */
export const CHANGES: readonly BehaviourChange[] = [
  {
    since: "2.6.0",
    set: {
      passthroughConnectTimeout: "5s",
      policyPluginsInDefaultProfile: true,
      defaultTrafficPermission: false,
      mtpHttpRbacFilter: true,
      defaultMeshPolicies: "from-to",
      meshTimeoutRequestHeadersTimeout: true,
      mcbDetectorDefaults: true,
    },
    source:
      "kumahq/kuma commit 36199f484a (#8920, default targetRef policies: pkg/defaults/mesh/meshtimeout.go and meshcircuitbreaker.go @ 2.6.0, absent @ 2.5.11; it also makes a missing `detectors` write enforcing 0 in the MeshCircuitBreaker configurer), ce487d7cf0 (#9028, a detector without `consecutive` writes enforcing 0), e92c98fb6f (#8896, MeshTimeout requestHeadersTimeout: plugin/xds/configurer.go @ 2.5.11 vs 2.6.0); commit 19b90f2a9c (#8511, unify timeouts between policies); commit 12ab22c767 (#8438, policy plugins as a generator: pkg/xds/server/v3/reconcile.go applies PolicyPlugins() after the ProxyTemplate generator @ 2.5.11, pkg/xds/generator/proxy_template.go NewDefaultProxyProfile holds generator.NewGenerator() @ 2.6.0); 36199f484a (#8920, default TrafficPermission/TrafficRoute only with defaults.createMeshRoutingResources: pkg/defaults/mesh/mesh.go @ 2.6.0) and b0e997302f (#8777, MeshTrafficPermission uses the HTTP RBAC filter on HTTP chains)",
  },
  {
    since: "2.7.0",
    set: { ipv6Rule: "family-mode-with-v6-port", injectorSidecar: { redirectPortInboundV6: 15006, ipFamilyMode: "DualStack" }, meshDestinationKinds: ["MeshService"], mtpDefaultDeny: true },
    source:
      "kumahq/kuma commit aa9e2a6e23 (#8939, ipFamilyMode; kuma-cp.defaults.yaml redirectPortInboundV6 15010 → 15006); commit 5325d9d0ca (#9510, MeshService; nothing in kuma-cp allocates its VIPs @ 2.7.0: no `pkg/ipam`); commit 9860cb3818 (#9110, MeshTrafficPermission: apply default deny)",
  },
  {
    since: "2.8.0",
    set: { meshDestinationKinds: ["MeshService", "MeshExternalService", "HostnameGenerator"], ipamVips: true },
    source:
      "kumahq/kuma commits 5631efc538 (#10239, MeshExternalService), 8e7fb30364 (#10333, HostnameGenerator), 32207698be (#10320, MeshService IPAM 241.0.0.0/8) and eb2136c3c7 (#10376, MeshExternalService IPAM 242.0.0.0/8)",
  },
  {
    since: "2.8.1",
    set: { hostnameSelectorPerKind: true },
    source: "kumahq/kuma commit 12d2ea7af4 (#10688): `Selector` fields become pointers and a nil one selects nothing (`hostnamegenerator.go` @ 2.8.0 vs 2.8.1)",
  },
  {
    since: "2.9.0",
    set: {
      ipv6Rule: "family-mode",
      injectorSidecar: { redirectPortInboundV6: 0, ipFamilyMode: "DualStack" },
      meshPassthroughPrefixRoute: true,
      meshPassthroughSkipsFamilyWithoutRules: true,
      meshPassthroughIpHostPort: true,
      meshDestinationKinds: ["MeshService", "MeshExternalService", "MeshMultiZoneService", "HostnameGenerator"],
      defaultHostnameGenerators: true,
      envLabelAndZoneFallback: true,
      meshPassthroughProxyTypesRule: false,
      malToKinds: ["Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService"],
      malGatewayToMeshOnly: true,
      meshTimeoutInboundWithoutFrom: "default-conf",
      meshTimeoutDefaultConfBug: true,
      policiesRealResources: true,
    },
    source:
      "kumahq/kuma@2.9.0 pkg/plugins/policies/meshtimeout/plugin/v1alpha1/plugin.go applyToInbounds (a nil conf takes plugin_xds.DefaultTimeoutConf, whose streamIdleTimeout is DefaultGatewayStreamIdleTimeout and maxConnectionDuration DefaultConnectTimeout) and applyToRealResources; commits c7afe2d54d (#11068, MeshCircuitBreaker targets real MeshServices), 2c2cce9055 (#11273, real MeshExternalServices); kumahq/kuma pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go validateTo @ 2.8.8 vs 2.9.0 (MeshExternalService, MeshMultiZoneService; a MeshGateway policy's `to` only Mesh); kumahq/kuma commit c82b119030 (#10906, redirectPortInboundV6 removed); commits b2e4057cca (#11204, MeshPassthrough routes `prefix: /`), a53c594377 (#11540, a listener without rules of its family is left alone), 6c44719740 (#10675, `ip:port` virtual-host domains), 25314685a8 (#10643, MeshMultiZoneService), 52d29bb56e (#11017, default HostnameGenerators), 94622ddf9d (#11053, `kuma.io/env` label), 1b670a1cdc (#11334, `.Zone` falls back to the local zone), 4d9ec2b5f7 (#11321, MeshPassthrough targetRef optional and without the proxyTypes rule: validator.go @ 2.8.8 vs 2.9.0)",
  },
  {
    since: "2.9.1",
    set: { meshTimeoutInboundWithoutFrom: "skip" },
    source: "kumahq/kuma commit 844c9881c6 (#12043, no default timeouts on inbounds without a policy), backported as 1bd3406406 (#12049, 2.9.1): applyToInbounds `if conf == nil { continue }` @ 2.9.1 … 2.9.3",
  },
  {
    since: "2.9.4",
    set: { meshTimeoutInboundWithoutFrom: "default-conf", meshTimeoutDefaultConfBug: false },
    source:
      "kumahq/kuma commit 39d928f06a (#12692, set default inbound timeouts correctly), backported as bf4a83ff6f (#12728, 2.9.4): DefaultTimeoutConf back in applyToInbounds, with streamIdleTimeout DefaultStreamIdleTimeout and maxConnectionDuration DefaultMaxConnectionDuration; goldens basic_without_defaults_inbound_{cluster,listener} @ 2.9.4",
  },
  {
    since: ["2.7.17", "2.9.9", "2.10.0"],
    set: { hcmInternalAddressConfig: true },
    source:
      "kumahq/kuma commit 8b3305878e (#12986, internal address config on HttpConnectionManager), backported as 88adc8934c (#14134, 2.7.17) and 0621a99784 (#14133, 2.9.9); no 2.8 tag has it (http_connection_manager_configurer.go @ 2.8.8)",
  },
  {
    since: ["2.7.18", "2.9.10", "2.10.7", "2.11.6", "2.12.1"],
    set: { internalAddressesIpv6Aware: true },
    source:
      "kumahq/kuma commit fa3eb620b2 (#14652, internal addresses by DP IPv6 support; v2.13.0), backported as c63a80e447 (2.7.18), 9b2bb47554 (2.9.10), d5c6089219 (2.10.7), 35ad00b784 (2.11.6), 147dcdb8eb (2.12.1)",
  },
  {
    since: ["2.9.2", "2.10.0"],
    set: { meshPassthroughLayout: "by-match", meshPassthroughGrpcStats: false, meshPassthroughWildcardL7PortRule: true },
    source:
      "kumahq/kuma commit a5d4745e6d (#12054, one MeshPassthrough filter chain per IP/CIDR match, protocol in names), backported as 3cb08305d8 (#12157, 2.9.2); goldens `plugin/v1alpha1/testdata/basic.listener.golden.yaml` @ 2.9.1 vs 2.9.2; the same commits add the validator's wildcard-domain port rule (validator.go @ 2.9.1 vs 2.9.2)",
  },
  {
    since: ["2.9.11", "2.10.9", "2.11.8", "2.12.4", "2.13.0"],
    set: { meshPassthroughSortsTies: true },
    source:
      "kumahq/kuma commit 3ffd9aa3f6 (#14857, sort IP addresses for a predictable order; v2.13.0), backported as 4f1b058eae (#15476, 2.9.11), e34b75ee8c (#14864, v2.10.9), f795f009d7 (#14865, v2.11.8), 7397dee52a (#14863, v2.12.4)",
  },
  {
    since: "2.10.0",
    set: {
      meshPassthroughCrdDefaultNone: false,
      inboundTimeoutDefaults: true,
      meshPassthroughOriginalDst: true,
      meshPassthroughMysql: true,
      malTopKinds: ["Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset", "Dataplane"],
      malRules: "with-from",
      timeoutCircuitBreakerRulesApi: true,
      mcbTrackRemainingAndPanicThreshold: true,
    },
    source:
      "kumahq/kuma commit 1c4235ba09 (#12708, inbound MeshAccessLog by the rules API; meshaccesslog validator.go @ 2.9.19 vs 2.10.0: Dataplane top-level targetRef, `rules`, and `validateRules` called only `if r.Spec.From != nil`); commit 7bafa578aa (#12844, the MeshPassthrough CRD loses `default: None`); commit d3a493dd28 (#12769, the MeshTimeout plugin runs without policies: hook-before-pt golden 10s @ v2.9.13, 5s @ 2.10.0; applyToClusters ignores whether a rule matched); commits 8f2193af45 (#12696, MeshTimeout `rules`) and 787b52385d (#12771, MeshCircuitBreaker `rules`); ec56dd93b9 (#12206, MeshCircuitBreaker trackRemaining) and 389e4e44b3 (#12860, healthyPanicThreshold); commit ada3fa7f7b (#12839, MeshPassthrough `original_dst` listener filter and `mysql`: validator.go @ 2.9.19 vs 2.10.0)",
  },
  {
    since: ["2.7.25", "2.9.15", "2.11.13", "2.12.10", "2.13.5", "2.14.0"],
    set: { malInboundDedupe: true },
    source:
      "kumahq/kuma commit 9a57939108 (#16374, deduplicate access logs for a shared inbound port), backported as 461f92f545 (v2.7.25), 82a2d00d82 (2.9.15), 76d77bfc2d (v2.11.13), 0a040221ec (v2.12.10), 3ec205205e (v2.13.5); none on 2.8 or 2.10 (plugin.go @ 2.8.8, v2.10.11); golden inbound_route_duplicate_port @ 2.9.19",
  },
  {
    since: "2.11.0",
    set: { tpInMetadata: true, bindOutbounds: true, malToKinds: ["Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService", "MeshHTTPRoute"], malDefaultFormatByProtocol: true },
    source:
      "kumahq/kuma commits 3596af7863 (#13409, TP config in DP metadata) and 62a33aec03 (#13503, bind outbounds); 1ead87e0c9 (#13615, MeshHTTPRoute in MeshAccessLog `to`; validator.go @ v2.10.11 vs 2.11.0) and bdc95fb8b8 (#13570, MeshAccessLog configureListener with DefaultFormat(protocol); applyToTransparentProxyListeners passes core_mesh.ProtocolTCP, the string `tcp`, as the format: plugin.go @ 2.11.0 … v2.14.3 and 348b6528bc)",
  },
  {
    since: "2.12.0",
    set: { unifiedNaming: true, addedClusterOrigin: "proxy-template-modifications", mtpRulesApi: true },
    source: "kumahq/kuma commits 4bca8c5358 (#14127, MeshTrafficPermission rules API), 358de17272 (#14286, unified naming) and e1c288af50 (#14219, added cluster origin)",
  },
  {
    since: ["2.12.14", "2.13.10", "2.14.2"],
    set: { listenerNameEquivalence: true },
    source: "kumahq/kuma commit 89c9d03f5d (#17546, MeshProxyPatch matches unified listener names; v2.14.2), backported as 414bf7a33e (#17556, v2.12.14) and 0ca2beb66b (#17555, v2.13.10)",
  },
  {
    since: "2.13.0",
    set: { noDestinationInboundCluster: true, strictInboundPorts: true, meshTlsRebuildsInboundPassthrough: true, inboundUnifiedNameBySection: true },
    source: "kumahq/kuma commits f98b6c456b (#15163, strict inbound ports; MeshTLS configureInboundPassthroughListener) and 31b61b451e (#14581, unified inbound names by sectionName; 2.12.x uses the workload port)",
  },
  {
    since: ["2.13.3", "2.14.0"],
    set: { strictInboundPortsKeepCatchAll: true },
    source: "kumahq/kuma commit 8466a74713 (#15532, no empty filter chain for a gateway), backported as 94253be591 (#15699, v2.13.3); transparent_proxy_generator.go @ v2.13.2 vs v2.13.3",
  },
  {
    since: ["2.13.4", "2.14.0"],
    set: { strictInboundPortsFixes: true },
    source: "kumahq/kuma commit d755470133 (#16080, deduplicate inbound:passthrough filter chains), backported as bfc2ac72be (#16085, v2.13.4); transparent_proxy_generator.go @ v2.13.3 vs v2.13.4",
  },
  {
    since: ["2.10.9", "2.11.8", "2.12.4", "2.13.0"],
    set: { mcbInboundClusterByWorkloadPort: true },
    source:
      "kumahq/kuma commit 943c73f5b4 (#14875, MeshCircuitBreaker configures inbounds with servicePort set; v2.13.0), backported as d8ed110876, 42aac05bd9, 76b623cc8f (#14879, #14880, #14881: v2.10.9, v2.11.8, v2.12.4); plugin.go applyToInbounds GetLocalClusterName(iface.DataplanePort) @ 2.10.8",
  },
  {
    since: ["2.12.14", "2.13.10", "2.14.2"],
    set: { policiesFindUnifiedInboundClusters: true },
    source: "kumahq/kuma commit 7ec7a94f6e (#17505, MeshTimeout / MeshCircuitBreaker look inbound clusters up by unified name; v2.14.2), backported as eb204a7ca9 (#17510, v2.12.14) and 2b6a0381e0 (#17509, v2.13.10)",
  },
  {
    since: ["2.13.10", "2.14.2"],
    set: { inboundUnifiedNameTag: true },
    source: "kumahq/kuma commit 4c54d6dd2a (#17563, `kuma.io/unified-name` for an inbound without tags), backported as 3e01f19b8e (#17672, v2.13.10) and 0108ebc2d9 (#17671, v2.14.2); golden `inbound-proxy/11` @ v2.14.3",
  },
  {
    since: "2.13.6",
    set: { inboundPassthroughReusePortAlways: true },
    source: "kumahq/kuma commit c2cdd33fc6 (#16607, backport of #16605: `EnableReusePort(true)` on the inbound passthrough listener, v2.13.6); golden `transparent-proxy/02` @ v2.13.5 vs v2.13.6",
  },
  {
    since: ["2.13.7", "2.14.0"],
    set: { reusePortFeature: true },
    source: "kumahq/kuma commit 0f37c0f224 (#16677, `feature-reuse-port`), backported as 17b24aadc4 (#16707, v2.13.7); golden `transparent-proxy/02` @ v2.13.6 vs v2.13.7",
  },
  {
    since: "2.14.0",
    set: {
      unifiedListenerStatPrefix: true,
      trackRemainingOnEveryCluster: true,
      inboundVhostListenerFallback: true,
      hostnameDns1123Check: true,
      inboundProtocolField: true,
      mtpRulesCliques: true,
      meshPassthroughWildcardDnsCheck: true,
      malRules: "always",
      malOtelChecks: true,
      malInboundFanOut: true,
      malOtelResourceAttributes: true,
      meshTimeoutMatches: true,
      mcbMeshExternalServiceClusters: true,
    },
    source:
      "kumahq/kuma commits c60e95c43c (#16647, `matches` on inbound rules), 6fe28c5968 (#16709, MeshTimeout ListenerConfigurer by filter, spiffeID route duplication), 6e68b1893c (#16599, MeshCircuitBreaker applyToRealResources without the NonMeshExternalService filter), ea95453fa7 (#16765, MeshAccessLog rules[].matches: each inbound rule logs on its own with a CEL filter), 4cf19b1c3f (#15692, MeshAccessLog workload identity: %KUMA_ZONE%, %KUMA_WORKLOAD%, OpenTelemetry resourceAttributes), 333c9e7990 (#16623, OpenTelemetry attribute keys validated), d77cf92f70 (#16740, backends by type), 37d092d012 (#15872, OpenTelemetry backendRef), meshaccesslog validator.go and plugin/xds/configurer.go @ v2.13.10 vs v2.14.0 (validateRules when `rules` is set); 114094380d (#15412, MeshTrafficPermission rules built on cliques), f54e9a1678 (#15623, statPrefix), a09ff66614 (#16757, trackRemaining), 9351fcb717 (#15997, listener name as the inbound virtual-host fallback; golden `inbound-proxy/10` @ v2.14.0), 7ba1a162a0 (#16278, generated hostnames must be RFC 1123 subdomains; absent @ v2.13.10), 646af09a7b (#15445, inbound protocol field; util/proto FromJSON allows unknown fields before it), a69a2fd1fc (#16570, MeshPassthrough validates wildcard domains: validator.go @ v2.13.10 vs v2.14.0)",
  },
  {
    since: "3.0.0",
    set: {
      unifiedNamingAlways: true,
      meshPassthroughField: false,
      meshMtlsField: false,
      inboundProtocolTag: false,
      inboundTagsField: false,
      outboundTagsField: false,
      mesClusterNeedsIdentity: true,
      policyFromField: false,
      strictInboundPortsByIdentity: true,
      meshTlsByIdentity: true,
      malTopKinds: ["Mesh", "Dataplane"],
      malGatewayToMeshOnly: false,
      malToAndRulesOnly: true,
      defaultMeshPolicies: "rules-to",
    },
    source:
      "kumahq/kuma@348b6528bc pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go (no `from`, top-level Mesh or Dataplane, OpenTelemetry backendRef required; UPGRADE.md \"`from` removed from `MeshAccessLog`\"); kumahq/kuma@348b6528bc UPGRADE.md \"Upgrade to 3.0.0\": Unified resource naming opt-out removed; `Mesh.spec.networking.outbound.passthrough` removed (pkg/xds/generator/transparent_proxy_generator.go always adds the passthrough cluster); `Mesh.mtls` no longer produces mTLS; `kuma.io/protocol` inbound tag no longer sets the protocol (golden inbound-proxy/12); Inbound `tags` removed from `Dataplane`; `Dataplane` outbounds must use `backendRef`; `MeshExternalService` clusters require a `MeshIdentity`; `from` removed from `MeshTLS`, `MeshTimeout`, `MeshCircuitBreaker`; `MeshTrafficPermission.spec.from` removed; kumahq/kuma@348b6528bc pkg/xds/generator/transparent_proxy_generator.go: `useStrictInboundPorts` needs `proxy.WorkloadIdentity != nil` instead of the Mesh's CA backend in STRICT mode (goldens transparent-proxy/06-10); pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go: Apply skips a proxy without a workload identity, getMeshTLSMode defaults to Strict, configureInboundPassthroughListener restricts to the inbound ports only in Strict mode with feature-strict-inbound-ports (e2e envoyconfig sidecars/meshtls/inbound-permissive dumps); pkg/defaults/mesh/meshtimeout.go: `mesh-timeout-all` with `rules` and `mesh-timeout-to-all` with `to`, no gateway default (commits 0db3a6d2a0, #17552; e57cdf04fb, #17589; 7a20657e15, #17668)",
  },
];

/**
 * Kinds other than the registry's policies (whose folders carry their own `removedIn`) that a release removed from
 * Kuma's resource registry: a resource of such a kind is refused, as Kuma refuses it, with what replaces it.
 */
export const KIND_REMOVALS: readonly { readonly kinds: readonly string[]; readonly removedIn: Release; readonly replacement: string; readonly source: string }[] = [
  { kinds: ["ExternalService"], removedIn: "3.0.0", replacement: "MeshExternalService", source: 'kumahq/kuma@348b6528bc UPGRADE.md "Legacy ExternalService resource removed"' },
  {
    // The section's twelve kinds; TrafficPermission, RateLimit, FaultInjection and ProxyTemplate are registry policies
    // whose folders carry their own `removedIn` and replacement (the snapshot asks them first), listed here for the source.
    kinds: ["TrafficLog", "TrafficRoute", "TrafficTrace", "HealthCheck", "CircuitBreaker", "Retry", "Timeout", "VirtualOutbound", "TrafficPermission", "RateLimit", "FaultInjection", "ProxyTemplate"],
    removedIn: "3.0.0",
    replacement: "the Mesh* policy that replaces it (MeshAccessLog, MeshHTTPRoute/MeshTCPRoute, MeshTrace, MeshHealthCheck, MeshCircuitBreaker, MeshRetry, MeshTimeout)",
    source: 'kumahq/kuma@348b6528bc UPGRADE.md "Legacy policy resources removed"',
  },
  { kinds: ["ZoneIngress", "ZoneEgress"], removedIn: "3.0.0", replacement: "a mesh-scoped zone proxy (a Dataplane)", source: 'kumahq/kuma@348b6528bc UPGRADE.md "ZoneIngress and ZoneEgress resources removed"' },
  { kinds: ["MeshGateway", "MeshGatewayRoute", "MeshGatewayInstance"], removedIn: "3.0.0", replacement: "a delegated gateway", source: 'kumahq/kuma@348b6528bc UPGRADE.md "Built-in gateway API and CRDs removed"' },
];

/**
 * Kinds meshsim accepts without modelling that arrived after 2.5.0: before the release that registers the type, Kuma
 * refuses a resource of it as unknown (the release is the first tag with `pkg/core/resources/apis/<kind>`).
 */
export const KIND_INTRODUCTIONS: readonly { readonly kinds: readonly string[]; readonly since: Release; readonly source: string }[] = [
  { kinds: ["MeshIdentity", "MeshTrust"], since: "2.12.0", source: "kumahq/kuma@2.12.0 pkg/core/resources/apis/meshidentity, meshtrust" },
  { kinds: ["Workload"], since: "2.13.0", source: "kumahq/kuma@v2.13.0 pkg/core/resources/apis/workload" },
  { kinds: ["MeshOpenTelemetryBackend", "MeshZoneAddress"], since: "2.14.0", source: "kumahq/kuma@v2.14.0 pkg/core/resources/apis/meshopentelemetrybackend, meshzoneaddress" },
];

/** The release that registered `kind`, when it is one of {@link KIND_INTRODUCTIONS}. */
export function kindIntroduction(kind: string): Release | undefined {
  return KIND_INTRODUCTIONS.find((r) => r.kinds.includes(kind))?.since;
}

/** The removal of `kind` that holds at `release`, if any. */
export function kindRemoval(kind: string, release: Release): (typeof KIND_REMOVALS)[number] | undefined {
  return KIND_REMOVALS.find((r) => r.kinds.includes(kind) && atLeast(release, r.removedIn));
}

/** The release that introduced a kind of {@link Behaviour.meshDestinationKinds} (its first row in {@link CHANGES}). */
export function kindIntroducedIn(kind: MeshDestinationKind): Release {
  const row = CHANGES.find((c) => c.set.meshDestinationKinds?.includes(kind) && typeof c.since === "string");
  if (!row) throw new Error(`no release introduces ${kind}`);
  return row.since as Release;
}

/** The feature row of one release. */
export interface VersionFeatures extends Behaviour {
  readonly minor: KumaMinor;
  readonly release: Release;
}

/** `major.minor.patch` as numbers, or undefined for anything else. */
function parts(release: string): readonly [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(release);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Orders two releases: negative when `a` is older. The only version comparison in `src/`. */
export function compareReleases(a: Release, b: Release): number {
  const x = parts(a)!;
  const y = parts(b)!;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Whether `release` is `since` or newer. */
export function atLeast(release: Release, since: Release): boolean {
  return compareReleases(release, since) >= 0;
}

/** Data that changes by release: each row holds from its `since` on, until a later row. */
export type ByRelease<T> = readonly { readonly since: Release; readonly value: T }[];

/** Whether a release has a change that landed `since` (a release, or the first release of each minor line). */
export function hasChange(release: Release, since: Since): boolean {
  if (typeof since === "string") return atLeast(release, since);
  const line = since.find((s) => minorOf(s) === minorOf(release));
  if (line) return atLeast(release, line);
  const newest = since.reduce((a, b) => (compareReleases(a, b) >= 0 ? a : b));
  return compareReleases(release, newest) > 0 && minorOf(release) !== minorOf(newest);
}

/** Release-keyed data: the value of the newest row whose `since` is not after `release`. */
export function atRelease<T>(rows: ByRelease<T>, release: Release): T {
  let out: T | undefined;
  let found = false;
  for (const r of rows) {
    if (atLeast(release, r.since)) {
      out = r.value;
      found = true;
    }
  }
  if (!found) throw new Error(`no row for ${release}`);
  return out as T;
}

/** The minor of a release (`2.13.10` → `2.13`). */
export function minorOf(release: Release): string {
  return release.split(".").slice(0, 2).join(".");
}

/** The newest known patch of a supported minor. */
export function newestRelease(minor: KumaMinor): Release {
  return `${minor}.${NEWEST_PATCH[minor]}` as Release;
}

function isSupportedMinor(m: string): m is KumaMinor {
  return (SUPPORTED_MINORS as readonly string[]).includes(m);
}

/** The feature row of a release, or of a bare supported minor (its newest patch). */
export function features(version: KumaMinor | Release): VersionFeatures {
  const release: Release = isSupportedMinor(version) ? newestRelease(version) : version;
  const minor = minorOf(release);
  if (!isSupportedMinor(minor)) throw new Error(`no version row for ${version}`);
  let b: Behaviour = BASE;
  for (const c of CHANGES) if (hasChange(release, c.since)) b = { ...b, ...c.set };
  return { minor, release, ...b };
}

/**
 * How answers name a release: the release, or for a line that follows a commit ({@link LINE_COMMITS}) a SemVer
 * pre-release naming the commit, `3.0.0-dev+348b6528bc`, so that it is never taken for the released 3.0.0.
 */
export function releaseLabel(release: Release): string {
  const line = LINE_COMMITS[minorOf(release) as KumaMinor];
  return line ? `${release}-dev+${line.commit.slice(0, 10)}` : release;
}

/** The row of every supported minor at its newest patch, oldest first (served by `GET /v1/versions`). */
export function allVersions(): readonly VersionFeatures[] {
  return SUPPORTED_MINORS.map((m) => features(m));
}

/** What `resolveVersion` made of the requested version. */
export interface ResolvedVersion {
  readonly minor: KumaMinor;
  /** The release simulated. */
  readonly release: Release;
  /** Set when the request named a patch newer than the newest this table knows: `release` is the newest known. */
  readonly newerThanKnown?: Release;
}

/**
 * Resolves `"2.13.4"`, `"2.13"` or `"v2.13.4"`: the minor, and the release (a bare minor means its newest patch).
 * An unsupported version is a violation at `path` that lists what is supported.
 */
export function resolveVersion(input: string | undefined, path: string): ResolvedVersion | { error: Violation } {
  if (input === undefined) return { minor: NEWEST_MINOR, release: newestRelease(NEWEST_MINOR) };
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(input.trim());
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  if (m && minor && isSupportedMinor(minor)) {
    if (m[3] === undefined) return { minor, release: newestRelease(minor) };
    const patch = Number(m[3]);
    // A patch newer than the table knows is simulated as the newest known one, and the answer says so.
    if (patch > NEWEST_PATCH[minor]) return { minor, release: newestRelease(minor), newerThanKnown: `${minor}.${patch}` as Release };
    return { minor, release: `${minor}.${patch}` as Release };
  }
  return {
    error: {
      path,
      message: `unsupported Kuma version "${input}"; supported: ${SUPPORTED_MINORS.join(", ")}, or a release of one of them such as "2.13.4" (a bare minor means its newest known patch: ${SUPPORTED_MINORS.map((v) => releaseLabel(newestRelease(v))).join(", ")})`,
    },
  };
}

/**
 * How kumahq/kuma spells a release's tag: `vX.Y.Z` from these patches of a minor on, `X.Y.Z` before (the tags of the
 * Kuma repository: 2.7.19 / v2.7.20, 2.10.8 / v2.10.9, 2.11.7 / v2.11.8, 2.12.3 / v2.12.4, v2.13.0; 2.5, 2.6, 2.8 and
 * 2.9 are plain, 2.9.13 also exists as v2.9.13).
 */
const V_TAGS_FROM: Readonly<Record<string, number>> = { "2.7": 20, "2.10": 9, "2.11": 8, "2.12": 4 };

/** The kumahq/kuma tag of a release, as sources cite it (`v2.14.3`, `2.9.19`). */
export function kumaTag(release: Release): string {
  const minor = release.split(".").slice(0, 2).join(".");
  const from = V_TAGS_FROM[minor];
  const v = from !== undefined ? Number(release.split(".")[2]) >= from : atLeast(release, "2.13.0");
  return `${v ? "v" : ""}${release}`;
}
