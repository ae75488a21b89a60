/**
 * Port of Kuma's InboundProxyGenerator (kuma `pkg/xds/generator/inbound_proxy_generator.go` @ v2.14.3): one
 * `inbound:<ip>:<port>` listener per dataplane inbound, shaped by the mTLS mode (off, STRICT, PERMISSIVE), and
 * the `localhost:<workload port>` cluster it forwards to; plus the strict-inbound-ports variant of the inbound
 * passthrough listener (kuma `transparent_proxy_generator.go` CreateInboundPassthroughListener, 2.13+).
 *
 * Kuma's cases: `inbound_proxy_generator_test.go` and `transparent_proxy_generator_test.go` @ v2.14.3; goldens
 * `inbound-proxy/{6,7}-envoy-config.golden.yaml` and `transparent-proxy/{06,07,08,09,10}.envoy.golden.yaml` @ v2.14.3.
 *
 * Simplified on purpose (meshsim cannot know these, none decides whether a connection is accepted):
 * - RBAC rules are set after generation by the TrafficPermission plugin (the generator's rules, order 0) and the
 *   MeshTrafficPermission plugin (policies/trafficpermission, policies/meshtrafficpermission); the generator takes
 *   them from `options.rbacRules`, by default every principal allowed, which those plugins replace in the pipeline.
 * - Legacy FaultInjection / RateLimit / TrafficTrace policies add HTTP filters and header-matched routes (golden 7,
 *   backend1); meshsim emits only the router and the catch-all route, which every one of those routes shares.
 * - Stats (`statPrefix`) follow Kuma's sanitiser; internal address ranges are kuma-cp's defaults, not the
 *   goldens' test values.
 * - Unified naming of inbound listeners and clusters (2.12+, opt-in) follows the version table (contextual names by
 *   workload port on 2.12, by sectionName from 2.13.0; the unified-name tag; the listener-name virtual-host fallback).
 * - The full xDS pipeline changes inbound timeouts after generation (golden `pkg/xds/server/v3/testdata/
 *   hook-before-pt.golden.yaml`: cluster connectTimeout 5s and tcp_proxy idleTimeout 3600s @ 2.10.0 … v2.14.3,
 *   the generator's 10s / 7200s @ 2.9.19). That is the MeshTimeout plugin (policies/meshtimeout/plugin.ts);
 *   this module reproduces the generator's values (10s / 7200s / 3600s / route timeout 0s).
 */
import { internalAddressesAt } from "../model/kuma-defaults.js";
import { internalCidrRanges } from "./internal-addresses.js";
import { parseIp, isLoopback } from "../net/ip.js";
import { DP_FEATURE, type DataplaneModel, type InboundModel } from "../model/dataplane.js";
import type { MeshModel, MtlsMode } from "../model/mesh.js";
import type { VersionFeatures } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import {
  FILTER,
  HTTP_PROTOCOL_OPTIONS_EXTENSION,
  INBOUND_FILTER,
  INBOUND_TYPE_URL,
  KUMA_ALPN,
  KUMA_TAGS_HEADER,
  KUMA_TAGS_METADATA,
  NO_DESTINATION_INBOUND_CLUSTER,
  ORIGIN,
  TYPE_URL,
  identityCertSecretName,
  inboundRouteName,
  meshCaSecretName,
  meshSpiffePrefix,
  passthroughName,
  sanitizeStatName,
  UNIFIED_NAME_TAG,
  unifiedMtlsSecretName,
} from "../xds/names.js";
import { addResource, findResource, type ResourceSet } from "../xds/resource-set.js";
import { effectiveTransparentProxy, namingScheme, type TransparentProxyPlan } from "../model/transparent-proxy.js";
import { inboundInterfaces, type InboundInterface } from "../model/interfaces.js";

/** IANA-reserved port Kuma gives a "service-less" inbound (`api/mesh/v1alpha1/dataplane_helpers.go` TCPPortReserved). */
export const TCP_PORT_RESERVED = 49151;

/**
 * Kuma's default inbound timeouts (kuma `pkg/defaults/mesh/meshtimeout.go` DefaultInboundTimeout): connect 10s,
 * idle 2h, request timeout 0 (disabled), stream idle 1h. Applied by the generator's Timeout configurers.
 */
export const DEFAULT_INBOUND_TIMEOUT = { connectTimeout: "10s", idleTimeout: "7200s", requestTimeout: "0s", streamIdleTimeout: "3600s" } as const;

/** Source address of traffic the sidecar sends to the application; iptables RETURNs it (InPassThroughIPv4/IPv6). */
const INBOUND_PASSTHROUGH_SOURCE = { ipv4: "127.0.0.6", ipv6: "::6" } as const;

/** A dataplane as this module reads it. */
export type InboundDataplane = DataplaneModel;
/** An inbound as this module reads it. */
export type InboundSpec = InboundModel;

/** The TLS settings of one inbound: the mode and, from MeshTLS, the TLS version range and ciphers. */
export interface InboundTls {
  readonly mode: MtlsMode;
  /** MeshTLS `tlsVersion` (`TLSAuto`, `TLS10` … `TLS13`). */
  readonly tlsVersion?: { readonly min?: string; readonly max?: string } | undefined;
  readonly tlsCiphers?: readonly string[] | undefined;
  /** Where the mode came from (`Mesh <name>` or `MeshTLS <policy>`), for the trace. */
  readonly source?: string;
}

/** One mode for every inbound, TLS settings, or a per-inbound function (MeshTLS can differ per inbound). */
export type TlsModeInput = MtlsMode | InboundTls | ((iface: InboundInterface) => InboundTls);

function tlsOf(input: TlsModeInput, iface: InboundInterface): InboundTls {
  if (typeof input === "function") return input(iface);
  return typeof input === "string" ? { mode: input } : input;
}

/** RBAC rules of a MeshTrafficPermission `from Mesh: Allow` (as in the v2.14.3 e2e config dump); the plugins replace them. */
export const ALLOW_ALL_RBAC_RULES: JsonObject = {
  policies: { MeshTrafficPermission: { permissions: [{ any: true }], principals: [{ any: true }] } },
};

/** RBAC rules with no policy (no permission selects the inbound): Envoy denies every connection. */
export const NO_PERMISSION_RBAC_RULES: JsonObject = {};

export interface InboundOptions {
  /** RBAC `rules` per inbound; default ALLOW_ALL_RBAC_RULES (see the module comment). */
  readonly rbacRules?: (iface: InboundInterface) => JsonObject;
  /** CIDRs for the HCM `internalAddressConfig` (releases that have it); default kuma-cp's `ipam.knownInternalCIDRs` at the release. */
  readonly internalAddresses?: readonly string[];
}

/** Whether the proxy runs with a transparent proxy (Kuma's TransparentProxying configurer / IsUsingTransparentProxy). */
export function usesTransparentProxy(dp: InboundDataplane, f: VersionFeatures): boolean {
  const tp = effectiveTransparentProxy(dp, f);
  return !!tp && (tp.redirectPortInbound > 0 || tp.redirectPortOutbound > 0);
}

function socketAddress(address: string, port: number): JsonObject {
  return { socketAddress: { address, portValue: port } };
}

/** ProvidedEndpointCluster + Timeout(DefaultInboundTimeout) + UpstreamBindConfig + Http()/Http2() (inbound_proxy_generator.go). */
export function localCluster(iface: InboundInterface, transparentProxy: boolean): JsonObject {
  const ip = parseIp(iface.workloadIp);
  // Loopback workloads are reached directly; any other address gets source 127.0.0.6 / ::6 so iptables RETURNs it.
  const bind: JsonObject =
    transparentProxy && ip && !isLoopback(ip) ? { upstreamBindConfig: { sourceAddress: { address: INBOUND_PASSTHROUGH_SOURCE[ip.family], portValue: 0 } } } : {};
  const http: JsonObject | undefined =
    iface.protocol === "http" ? { httpProtocolOptions: {} } : iface.protocol === "http2" || iface.protocol === "grpc" ? { http2ProtocolOptions: {} } : undefined;
  const protocolOptions: JsonObject = http
    ? {
        typedExtensionProtocolOptions: {
          [HTTP_PROTOCOL_OPTIONS_EXTENSION]: {
            "@type": INBOUND_TYPE_URL.httpProtocolOptions,
            commonHttpProtocolOptions: { idleTimeout: DEFAULT_INBOUND_TIMEOUT.idleTimeout },
            explicitHttpConfig: http,
          },
        },
      }
    : {};
  const name = iface.clusterName;
  return {
    name,
    type: "STATIC",
    connectTimeout: DEFAULT_INBOUND_TIMEOUT.connectTimeout,
    // AltStatNameConfigurer: only when sanitising changes the name (unified names need none).
    ...(sanitizeStatName(name) !== name ? { altStatName: sanitizeStatName(name) } : {}),
    loadAssignment: { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address: socketAddress(iface.workloadIp, iface.workloadPort) } }] }] },
    ...protocolOptions,
    ...bind,
  };
}

/** ServerSideMTLS → tls.CreateDownstreamTlsContext (+ MeshTLS version/ciphers, ServerSideMTLSConfigurer). */
export function downstreamTlsTransportSocket(mesh: string, tls: InboundTls, unified = false): JsonObject {
  const sds = (name: string): JsonObject => ({ name, sdsConfig: { ads: {}, resourceApiVersion: "V3" } });
  // ServerSideMTLSConfigurer: min, then max; ciphers only when a version already created tlsParams.
  const params: Record<string, unknown> = {};
  const v = tls.tlsVersion;
  let hasParams = false;
  if (v?.min !== undefined) {
    hasParams = true;
    const p = envoyTlsVersion(v.min);
    if (p) params["tlsMinimumProtocolVersion"] = p;
  }
  if (v?.max !== undefined) {
    hasParams = true;
    const p = envoyTlsVersion(v.max);
    if (p) params["tlsMaximumProtocolVersion"] = p;
  }
  if (hasParams && tls.tlsCiphers && tls.tlsCiphers.length > 0) params["cipherSuites"] = [...tls.tlsCiphers];
  return {
    name: INBOUND_FILTER.tlsTransportSocket,
    typedConfig: {
      "@type": INBOUND_TYPE_URL.downstreamTlsContext,
      commonTlsContext: {
        combinedValidationContext: {
          defaultValidationContext: { matchTypedSubjectAltNames: [{ matcher: { prefix: meshSpiffePrefix(mesh) }, sanType: "URI" }] },
          // Unified naming renames the SDS secrets (kumahq/kuma@2.12.0, commit e9edbb7c48; golden inbound-proxy/8 @ v2.14.3).
          validationContextSdsSecretConfig: sds(unified ? unifiedMtlsSecretName("ca", mesh) : meshCaSecretName(mesh)),
        },
        tlsCertificateSdsSecretConfigs: [sds(unified ? unifiedMtlsSecretName("identity", mesh) : identityCertSecretName(mesh))],
        ...(hasParams ? { tlsParams: params as JsonObject } : {}),
      },
      requireClientCertificate: true,
    },
  };
}

/** common_tls.ToTlsVersion; TLS_AUTO is the proto enum zero, which protojson omits. */
function envoyTlsVersion(v: string): string | undefined {
  return ({ TLS10: "TLSv1_0", TLS11: "TLSv1_1", TLS12: "TLSv1_2", TLS13: "TLSv1_3" } as Record<string, string>)[v];
}

/** NetworkRBAC configurer: the RBAC filter goes first in the chain; statPrefix is the sanitised listener name plus ".". */
function rbacFilter(listenerName: string, rules: JsonObject): JsonObject {
  return { name: INBOUND_FILTER.rbac, typedConfig: { "@type": INBOUND_TYPE_URL.rbac, rules, statPrefix: `${sanitizeStatName(listenerName)}.` } };
}

/** HttpConnectionManager(localClusterName, forwardClientCertDetails=true) + HttpInboundRoutes + Timeout (inbound side). */
/**
 * FilterChainBuilder's route-configuration and virtual-host names: the contextual name under unified naming, else
 * `inbound:<service>` and the service; without `kuma.io/service` the legacy listener name from 2.14.0 (#15997).
 */
function inboundRouteNames(iface: InboundInterface, f: Pick<VersionFeatures, "inboundVhostListenerFallback">): { route: string; vhost: string } {
  if (iface.unified) return { route: iface.contextualName, vhost: iface.contextualName };
  if (iface.service === "" && f.inboundVhostListenerFallback) return { route: iface.legacyListenerName, vhost: iface.legacyListenerName };
  return { route: inboundRouteName(iface.service), vhost: iface.service };
}

function httpConnectionManager(iface: InboundInterface, internal: readonly string[] | undefined, f: VersionFeatures): JsonObject {
  const cluster = iface.clusterName;
  const names = inboundRouteNames(iface, f);
  const httpFilters: JsonObject[] = [];
  // [derived] GrpcStats configurer for grpc inbounds; not covered by the copied goldens.
  if (iface.protocol === "grpc") httpFilters.push({ name: INBOUND_FILTER.grpcStats, typedConfig: { "@type": INBOUND_TYPE_URL.grpcStats, emitFilterState: true, statsForAllMethods: true } });
  httpFilters.push({ name: FILTER.router, typedConfig: { "@type": TYPE_URL.router } });
  return {
    name: FILTER.httpConnectionManager,
    typedConfig: {
      "@type": TYPE_URL.httpConnectionManager,
      statPrefix: sanitizeStatName(cluster),
      httpFilters,
      forwardClientCertDetails: "SANITIZE_SET",
      setCurrentClientCertDetails: { uri: true },
      // kumahq/kuma@2.10.0 http_connection_manager_configurer.go (#12986; backported to 2.7.17 and 2.9.9).
      ...(internal ? { internalAddressConfig: { cidrRanges: internalCidrRanges(internal, !f.internalAddressesIpv6Aware) } } : {}),
      commonHttpProtocolOptions: { idleTimeout: DEFAULT_INBOUND_TIMEOUT.idleTimeout },
      streamIdleTimeout: DEFAULT_INBOUND_TIMEOUT.streamIdleTimeout,
      routeConfig: {
        name: names.route,
        requestHeadersToRemove: [KUMA_TAGS_HEADER],
        validateClusters: false,
        virtualHosts: [{ name: names.vhost, domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster, timeout: DEFAULT_INBOUND_TIMEOUT.requestTimeout } }] }],
      },
    },
  };
}

function tcpProxyFilter(cluster: string, idleTimeout?: string): JsonObject {
  return {
    name: FILTER.tcpProxy,
    typedConfig: { "@type": TYPE_URL.tcpProxy, cluster, statPrefix: sanitizeStatName(cluster), ...(idleTimeout ? { idleTimeout } : {}) },
  };
}

/** FilterChainBuilder (inbound_proxy_generator.go): the protocol's filters, mTLS termination, RBAC first. */
function filterChain(iface: InboundInterface, mesh: string, tls: InboundTls, serverSideMtls: boolean, rbac: JsonObject, internal: readonly string[] | undefined, f: VersionFeatures, match?: JsonObject): JsonObject {
  const filters: JsonObject[] = [];
  switch (iface.protocol) {
    case "http":
    case "http2":
    case "grpc":
      filters.push(httpConnectionManager(iface, internal, f));
      break;
    case "kafka":
      // [derived] Kafka configurer: the broker filter before the tcp_proxy; not covered by the copied goldens.
      filters.push({ name: INBOUND_FILTER.kafkaBroker, typedConfig: { "@type": INBOUND_TYPE_URL.kafkaBroker, statPrefix: sanitizeStatName(iface.clusterName) } });
      filters.push(tcpProxyFilter(iface.clusterName, DEFAULT_INBOUND_TIMEOUT.idleTimeout));
      break;
    case "tcp":
      filters.push(tcpProxyFilter(iface.clusterName, DEFAULT_INBOUND_TIMEOUT.idleTimeout));
      break;
  }
  // ServerSideMTLS does nothing when the mesh has mTLS off; NetworkRBAC(rbacEnabled = mesh mTLS enabled) likewise.
  const mtls = serverSideMtls && tls.mode !== "off";
  return {
    ...(match ? { filterChainMatch: match } : {}),
    filters: mtls ? [rbacFilter(iface.listenerName, rbac), ...filters] : filters,
    ...(mtls ? { transportSocket: downstreamTlsTransportSocket(mesh, tls, iface.unified) } : {}),
  };
}

/**
 * The `inbound:<ip>:<port>` listener for one inbound and TLS mode (inbound_proxy_generator.go; the MeshTLS
 * plugin's `configure` builds the same shape with the policy's mode):
 * - off: one chain, no TLS, no RBAC;
 * - STRICT: one chain without a match: DownstreamTlsContext (client certificate required, SAN prefix
 *   `spiffe://<mesh>/`, SDS `identity_cert:secret:<mesh>` + `mesh_ca:secret:<mesh>`), RBAC before the app filter;
 * - PERMISSIVE: tls_inspector and three chains: raw_buffer (plain), tls (the app's own TLS, not terminated),
 *   tls + ALPN `kuma` (mesh mTLS + RBAC).
 */
export function inboundListener(
  iface: InboundInterface,
  mesh: string,
  tls: InboundTls,
  ctx: { readonly transparentProxy: boolean; readonly reusePort: boolean; readonly rbacRules: JsonObject; readonly internalAddresses: readonly string[] | undefined; readonly features: VersionFeatures },
): JsonObject {
  const chain = (mtls: boolean, match?: JsonObject) => filterChain(iface, mesh, tls, mtls, ctx.rbacRules, ctx.internalAddresses, ctx.features, match);
  // InboundListenerTags (kumahq/kuma@v2.14.3 inbound_proxy_generator.go): a tag-less inbound gets the unified-name tag.
  const tags = Object.keys(iface.tags).length === 0 && ctx.features.inboundUnifiedNameTag ? { [UNIFIED_NAME_TAG]: iface.contextualName } : { ...iface.tags };
  const permissive = tls.mode === "PERMISSIVE";
  const chains = permissive
    ? [chain(false, { transportProtocol: "raw_buffer" }), chain(false, { transportProtocol: "tls" }), chain(true, { applicationProtocols: [KUMA_ALPN], transportProtocol: "tls" })]
    : [chain(true)];
  return {
    name: iface.listenerName,
    address: socketAddress(iface.dataplaneIp, iface.dataplanePort),
    ...(ctx.transparentProxy ? { bindToPort: false } : {}),
    enableReusePort: ctx.reusePort,
    filterChains: chains,
    ...(permissive ? { listenerFilters: [{ name: FILTER.tlsInspector, typedConfig: { "@type": INBOUND_TYPE_URL.tlsInspector } }] } : {}),
    metadata: { filterMetadata: { [KUMA_TAGS_METADATA]: tags } },
    // StatPrefix(unifiedName): a listener-level statPrefix only under unified naming.
    ...(iface.unified ? { statPrefix: iface.contextualName } : {}),
    trafficDirection: "INBOUND",
  };
}

export interface InboundGeneration {
  readonly resources: ResourceSet;
  /** Every inbound interface, service-less ones included (they get no listener). */
  readonly interfaces: readonly InboundInterface[];
  readonly trace: readonly string[];
}

/** Shared context of the listener builder, from the dataplane and version. */
export function listenerContext(dp: InboundDataplane, f: VersionFeatures, options: InboundOptions = {}) {
  return {
    transparentProxy: usesTransparentProxy(dp, f),
    reusePort: f.reusePortFeature && dp.features.has(DP_FEATURE.reusePort),
    internalAddresses: f.hcmInternalAddressConfig ? (options.internalAddresses ?? internalAddressesAt(f)) : undefined,
    features: f,
  };
}

/**
 * InboundProxyGenerator.Generate: for each inbound except service-less ones (port 49151), the local cluster
 * (origin `inbound`; two inbounds with the same workload port share one cluster name, the last one wins as in
 * Kuma's ResourceSet) and the inbound listener for `tlsMode`.
 */
export function generateInbound(dp: InboundDataplane, mesh: MeshModel, f: VersionFeatures, tlsMode: TlsModeInput, options: InboundOptions = {}): InboundGeneration {
  const ifaces = inboundInterfaces(dp, { scheme: namingScheme(dp, mesh, f), features: f });
  const ctx = listenerContext(dp, f, options);
  const rbacOf = options.rbacRules ?? (() => ALLOW_ALL_RBAC_RULES);
  let rs: ResourceSet = [];
  const trace: string[] = [];
  for (const iface of ifaces) {
    if (iface.dataplanePort === TCP_PORT_RESERVED || iface.dataplanePort === 0) {
      trace.push(`inbound #${iface.index} has the reserved port ${iface.dataplanePort}: service-less, no inbound listener`);
      continue;
    }
    const tls = tlsOf(tlsMode, iface);
    rs = addResource(rs, { type: "cluster", name: iface.clusterName, origin: ORIGIN.inbound, value: localCluster(iface, ctx.transparentProxy) });
    rs = addResource(rs, {
      type: "listener",
      name: iface.listenerName,
      origin: ORIGIN.inbound,
      value: inboundListener(iface, mesh.name, tls, { ...ctx, rbacRules: rbacOf(iface) }),
    });
    const how =
      tls.mode === "off"
        ? "mTLS off: one plain filter chain"
        : tls.mode === "STRICT"
          ? "STRICT: one mTLS chain (client certificate required) with RBAC"
          : "PERMISSIVE: tls_inspector, chains raw_buffer / tls / tls+ALPN kuma (mTLS + RBAC on the last only)";
    trace.push(
      `InboundProxyGenerator: ${iface.listenerName} (${iface.protocol}${ctx.transparentProxy ? ", bindToPort false" : ", bound"}) → ${iface.clusterName} (${iface.workloadIp}:${iface.workloadPort}); ${how}${tls.source ? ` (mode from ${tls.source})` : ""}`,
    );
  }
  return { resources: rs, interfaces: ifaces, trace };
}

export interface StrictInboundPortsResult {
  readonly resources: ResourceSet;
  readonly applied: boolean;
  readonly trace: readonly string[];
}

/** CreateInboundPassthroughListener's strict chains: one per port, forwarding to `name` (49151: the no-destination cluster). */
export function strictInboundPortChains(name: string, ports: readonly number[]): JsonObject[] {
  return ports.map((port) => ({
    filterChainMatch: { destinationPort: port },
    filters: [
      {
        name: FILTER.tcpProxy,
        typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: port === TCP_PORT_RESERVED ? NO_DESTINATION_INBOUND_CLUSTER : name, statPrefix: sanitizeStatName(name) },
      },
    ],
  }));
}

/** CreateInboundPassthroughListener's catch-all chain. */
export function catchAllInboundPassthroughChain(name: string): JsonObject {
  return { filters: [{ name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: name, statPrefix: sanitizeStatName(name) } }] };
}

/** The inbound ports CreateInboundPassthroughListener's strict branch lists (deduplicated from v2.13.4 / 2.14.0). */
export function strictInboundPorts(dp: InboundDataplane, f: VersionFeatures): number[] {
  const ports: number[] = [];
  for (const i of dp.inbounds) if (!f.strictInboundPortsFixes || !ports.includes(i.port)) ports.push(i.port);
  return ports;
}

/**
 * CreateInboundPassthroughListener's strict branch (transparent_proxy_generator.go, 2.13+): with DP feature
 * `feature-strict-inbound-ports` and the Mesh's enabled CA backend in STRICT mode (the Mesh's mode, not a MeshTLS
 * override), the inbound passthrough listener gets one chain per inbound port (`destinationPort`) forwarding to
 * the inbound passthrough cluster, or to `self_transparentproxy_no_destination_inbound` for a service-less
 * inbound (49151), instead of the catch-all chain. Any other original destination then matches no chain.
 * From 3.0 (`strictInboundPortsByIdentity`) the proxy's workload identity (`workloadIdentity`: a MeshIdentity
 * selects it) takes the place of the Mesh's STRICT mode.
 */
export function applyStrictInboundPorts(
  resources: ResourceSet,
  dp: InboundDataplane,
  mesh: MeshModel,
  f: VersionFeatures,
  plan: TransparentProxyPlan,
  workloadIdentity = false,
): StrictInboundPortsResult {
  const trace: string[] = [];
  if (plan.disabledReason || !f.strictInboundPorts || !dp.features.has(DP_FEATURE.strictInboundPorts)) return { resources, applied: false, trace };
  // kumahq/kuma@348b6528bc pkg/xds/generator/transparent_proxy_generator.go: a workload identity, not Mesh mTLS, decides.
  if (f.strictInboundPortsByIdentity) {
    if (!workloadIdentity) {
      trace.push(`strict inbound ports: the DP has ${DP_FEATURE.strictInboundPorts} but no workload identity (no MeshIdentity selects it), so the inbound passthrough listener keeps its catch-all chain`);
      return { resources, applied: false, trace };
    }
  } else if (mesh.mtls !== "STRICT") {
    trace.push(`strict inbound ports: the DP has ${DP_FEATURE.strictInboundPorts} but the Mesh mTLS mode is ${mesh.mtls}, so the inbound passthrough listener keeps its catch-all chain`);
    return { resources, applied: false, trace };
  }
  // kumahq/kuma@v2.13.3 transparent_proxy_generator.go (#15699): `len(Inbound) > 0`; @v2.13.4 (#16085): seenPorts.
  if (f.strictInboundPortsKeepCatchAll && dp.inbounds.length === 0) {
    trace.push("strict inbound ports: the proxy has no inbounds, the inbound passthrough listener keeps its catch-all chain");
    return { resources, applied: false, trace };
  }
  const ports = strictInboundPorts(dp, f);
  let rs = resources;
  for (const { family } of plan.families) {
    const name = passthroughName("inbound", family, plan.scheme);
    const existing = findResource(rs, "listener", name);
    if (!existing) continue;
    const chains = strictInboundPortChains(name, ports);
    rs = addResource(rs, { ...existing, value: { ...existing.value, filterChains: chains } });
    trace.push(
      `strict inbound ports (feature + ${f.strictInboundPortsByIdentity ? "workload identity" : "Mesh mTLS STRICT"}): ${name} accepts only destination ports ${ports.join(", ") || "(none)"}${ports.includes(TCP_PORT_RESERVED) ? `; ${TCP_PORT_RESERVED} goes to ${NO_DESTINATION_INBOUND_CLUSTER}` : ""}`,
    );
  }
  // Duplicate ports (before the 2.14 fixes) or no inbound at all give a listener Envoy rejects; the pipeline's
  // Envoy check (src/core/xds/validate) reports it.
  return { resources: rs, applied: true, trace };
}
