/**
 * Matched-mode Envoy config: filter chains on the outbound passthrough listeners, listener filters and
 * `meshpassthrough_*` clusters (kuma `pkg/plugins/policies/meshpassthrough/plugin/xds/{configurer,
 * listeners_filter_chain,clusters}.go` @ v2.14.3). Kuma's cases: `plugin/v1alpha1/plugin_test.go` and its goldens
 * `plugin/v1alpha1/testdata/*.golden.yaml` @ v2.14.3.
 */
import { originalDstCluster } from "../../generate/transparent-proxy.js";
import type { VersionFeatures } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import {
  FILTER,
  HTTP_PROTOCOL_OPTIONS_EXTENSION,
  MESH_PASSTHROUGH_NO_MATCH_BODY,
  MESH_PASSTHROUGH_NO_MATCH_VHOST,
  MESH_PASSTHROUGH_TYPE_URL,
  ORIGIN,
  TYPE_URL,
  meshPassthroughDomainsChainName,
  meshPassthroughName,
  sanitizeStatName,
  type IpFamily,
} from "../../xds/names.js";
import { addResource, addResources, type ResourceSet } from "../../xds/resource-set.js";
import { goParseCIDR } from "../../go/net.js";
import { internalCidrRanges } from "../../generate/internal-addresses.js";
import { isL7, type FilterChainMatcher, type MatchType, type Route } from "./order.js";


/** Application protocols the http_inspector reports for cleartext HTTP/1.1 and HTTP/2 (prior knowledge). */
const HTTP_APPLICATION_PROTOCOLS = ["http/1.1", "h2c"] as const;

const FAMILY_TYPES: Readonly<Record<IpFamily, readonly MatchType[]>> = {
  ipv4: ["Domain", "WildcardDomain", "CIDR", "IP"],
  ipv6: ["Domain", "WildcardDomain", "CIDRV6", "IPV6"],
};

/** Whether a matcher's chain goes on the listener of `family` (configurer.go: IP/CIDR per family, domains on both). */
export function appliesToFamily(m: FilterChainMatcher, family: IpFamily): boolean {
  return FAMILY_TYPES[family].includes(m.type);
}

/** listeners_filter_chain.go: the chain's prefix range, /32 or /128 for an IP, the network for a CIDR. */
function prefixRange(m: FilterChainMatcher): JsonObject | undefined {
  switch (m.type) {
    case "IP":
      return { addressPrefix: m.value, prefixLen: 32 };
    case "IPV6":
      return { addressPrefix: m.value, prefixLen: 128 };
    case "CIDR":
    case "CIDRV6": {
      // order.go getIpAndMask: the network address (host bits cleared) and the mask length.
      const c = goParseCIDR(m.value);
      return c ? { addressPrefix: c.network, prefixLen: c.prefixLen } : undefined;
    }
    default:
      return undefined;
  }
}

/** listeners_filter_chain.go: destination port (none when port-less), prefix range, transport protocol. */
function filterChainMatch(m: FilterChainMatcher, transportProtocol: "raw_buffer" | "tls", extra: JsonObject = {}): JsonObject {
  const range = prefixRange(m);
  return {
    ...extra,
    ...(m.port !== 0 ? { destinationPort: m.port } : {}),
    ...(range ? { prefixRanges: [range] } : {}),
    transportProtocol,
  };
}

/** listeners_filter_chain.go: tcp_proxy to the rule's cluster, statPrefix the sanitised cluster name. */
function tcpProxy(cluster: string): JsonObject {
  return { name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster, statPrefix: sanitizeStatName(cluster) } };
}

/** One chain plus the clusters (name → protocol) it routes to. */
interface BuiltChain {
  readonly chain: JsonObject;
  readonly clusters: readonly (readonly [string, string])[];
}

/** listeners_filter_chain.go configureTcpFilterChain: tcp and mysql (protocol word `tcp` in names). */
function tcpChain(m: FilterChainMatcher): BuiltChain {
  const name = meshPassthroughName(m.protocol, m.value, m.port);
  return { chain: { filterChainMatch: filterChainMatch(m, "raw_buffer"), filters: [tcpProxy(name)], name }, clusters: [[name, m.protocol]] };
}

/** listeners_filter_chain.go configureTlsFilterChain: SNI for domains, prefix ranges for IP/CIDR, no ALPN. */
function tlsChain(m: FilterChainMatcher): BuiltChain {
  const name = meshPassthroughName(m.protocol, m.value, m.port);
  const sni: JsonObject = m.type === "Domain" || m.type === "WildcardDomain" ? { serverNames: [m.value] } : {};
  return { chain: { filterChainMatch: filterChainMatch(m, "tls", sni), filters: [tcpProxy(name)], name }, clusters: [[name, m.protocol]] };
}

/** listeners_filter_chain.go: a Host header may carry a port, so each domain is also listed with it (`:*` for a port-less plain domain). */
function vhostDomains(route: Route, port: number): string[] {
  if (route.type === "WildcardDomain") return port === 0 ? [route.value] : [route.value, `${route.value}:${port}`];
  return [route.value, `${route.value}:${port === 0 ? "*" : port}`];
}

/** listeners_filter_chain.go: the single `prefix: /` route of a virtual host. */
function routeToCluster(cluster: string): JsonObject {
  return { match: { prefix: "/" }, route: { cluster } };
}

/** listeners_filter_chain.go: the catch-all virtual host of an aggregated domain chain, 503 with Kuma's fixed body. */
function noMatchVhost(): JsonObject {
  return {
    name: MESH_PASSTHROUGH_NO_MATCH_VHOST,
    domains: ["*"],
    routes: [{ match: { prefix: "/" }, directResponse: { status: 503, body: { inlineString: MESH_PASSTHROUGH_NO_MATCH_BODY } } }],
  };
}

/** listeners_filter_chain.go configureHttpFilterChain: one HCM per IP/CIDR, or one aggregated HCM per (protocol, port) of domains. */
function httpChain(m: FilterChainMatcher, cidrRanges: readonly JsonObject[] | undefined): BuiltChain {
  const domains = m.type === "Domain" || m.type === "WildcardDomain";
  const name = domains ? meshPassthroughDomainsChainName(m.protocol, m.port) : meshPassthroughName(m.protocol, m.value, m.port);
  const clusters: [string, string][] = [];
  let virtualHosts: JsonObject[];
  if (domains) {
    virtualHosts = m.routes.map((r) => {
      const cluster = meshPassthroughName(m.protocol, r.value, m.port);
      clusters.push([cluster, m.protocol]);
      return { name: r.value, domains: vhostDomains(r, m.port), routes: [routeToCluster(cluster)] };
    });
    virtualHosts.push(noMatchVhost());
  } else {
    clusters.push([name, m.protocol]);
    virtualHosts = [{ name: m.value, domains: ["*"], routes: [routeToCluster(name)] }];
  }
  const hcm: JsonObject = {
    "@type": TYPE_URL.httpConnectionManager,
    httpFilters: [{ name: FILTER.router, typedConfig: { "@type": TYPE_URL.router } }],
    ...(cidrRanges ? { internalAddressConfig: { cidrRanges: [...cidrRanges] } } : {}),
    routeConfig: { name, virtualHosts },
    statPrefix: sanitizeStatName(name),
  };
  return {
    chain: {
      filterChainMatch: filterChainMatch(m, "raw_buffer", { applicationProtocols: [...HTTP_APPLICATION_PROTOCOLS] }),
      filters: [{ name: FILTER.httpConnectionManager, typedConfig: hcm }],
      name,
    },
    clusters,
  };
}

/** configurer.go configureListener: the chain template by protocol. */
function buildChain(m: FilterChainMatcher, cidrRanges: readonly JsonObject[] | undefined): BuiltChain {
  if (m.protocol === "tls") return tlsChain(m);
  if (isL7(m.protocol)) return httpChain(m, cidrRanges);
  return tcpChain(m); // tcp and mysql
}

/**
 * listeners_filter_chain.go configureListenerFilter: original_dst always, the inspectors unless present; on
 * ports of `mysql` rules both inspectors are disabled so the server-first handshake is not held up.
 */
function withListenerFilters(existing: readonly JsonObject[], mysqlPorts: readonly number[], f: VersionFeatures): JsonObject[] {
  const rules = mysqlPorts.map((p) => ({ destinationPortRange: { start: p, end: p + 1 } }));
  const disabled: JsonObject = rules.length === 0 ? {} : { filterDisabled: rules.length === 1 ? rules[0]! : { orMatch: { rules } } };
  const has = (name: string) => existing.some((f) => f["name"] === name);
  // original_dst and the mysql exclusions arrived together (commit ada3fa7f7b, #12839, 2.10.0).
  const out: JsonObject[] = f.meshPassthroughOriginalDst ? [...existing, { name: FILTER.originalDst, typedConfig: { "@type": MESH_PASSTHROUGH_TYPE_URL.originalDst } }] : [...existing];
  if (!has(FILTER.tlsInspector)) out.push({ name: FILTER.tlsInspector, typedConfig: { "@type": MESH_PASSTHROUGH_TYPE_URL.tlsInspector }, ...disabled });
  if (!has(FILTER.httpInspector)) out.push({ name: FILTER.httpInspector, typedConfig: { "@type": MESH_PASSTHROUGH_TYPE_URL.httpInspector }, ...disabled });
  return out;
}

/** clusters.go CreateCluster: ORIGINAL_DST like the default passthrough cluster; HTTP/2 upstream for http2 and grpc. */
export function meshPassthroughCluster(name: string, protocol: string, f: VersionFeatures): JsonObject {
  const http2: JsonObject =
    protocol === "http2" || protocol === "grpc"
      ? {
          typedExtensionProtocolOptions: {
            [HTTP_PROTOCOL_OPTIONS_EXTENSION]: { "@type": MESH_PASSTHROUGH_TYPE_URL.httpProtocolOptions, explicitHttpConfig: { http2ProtocolOptions: {} } },
          },
        }
      : {};
  return originalDstCluster(name, f, http2);
}


export interface PassthroughListener {
  readonly family: IpFamily;
  readonly name: string;
}

export interface ConfigureResult {
  readonly resources: ResourceSet;
  /** Listeners whose chains were replaced. */
  readonly rewritten: readonly string[];
  /** Clusters added, sorted by name. */
  readonly clusters: readonly string[];
}

/**
 * configurer.go Configure: on each existing passthrough listener with at least one matcher of its family,
 * replace every filter chain by one chain per matcher (in order) and add the listener filters; then one
 * cluster per distinct name the chains route to (origin `meshpassthrough`). The listener keeps its origin.
 */
export function configureListeners(
  resources: ResourceSet,
  matchers: readonly FilterChainMatcher[],
  listeners: readonly PassthroughListener[],
  internalAddresses: readonly string[] | undefined,
  f: VersionFeatures,
): ConfigureResult {
  const cidrRanges = internalAddresses ? internalCidrRanges(internalAddresses, !f.internalAddressesIpv6Aware) : undefined;
  const mysqlPorts = f.meshPassthroughOriginalDst ? matchers.filter((m) => m.protocol === "mysql").map((m) => m.port) : [];
  const clusters = new Map<string, string>();
  const rewritten: string[] = [];
  let rs = resources;
  for (const { family, name } of listeners) {
    const listener = rs.find((r) => r.type === "listener" && r.name === name);
    const mine = matchers.filter((m) => appliesToFamily(m, family));
    if (!listener || mine.length === 0) continue;
    const chains = mine.map((m) => {
      const built = buildChain(m, cidrRanges);
      for (const [c, p] of built.clusters) clusters.set(c, p);
      return built.chain;
    });
    const existingFilters = Array.isArray(listener.value["listenerFilters"]) ? (listener.value["listenerFilters"] as JsonObject[]) : [];
    rs = addResource(rs, { ...listener, value: { ...listener.value, filterChains: chains, listenerFilters: withListenerFilters(existingFilters, mysqlPorts, f) } });
    rewritten.push(name);
  }
  const names = [...clusters.keys()].sort();
  rs = addResources(rs, names.map((c) => ({ type: "cluster", name: c, origin: ORIGIN.meshPassthrough, value: meshPassthroughCluster(c, clusters.get(c)!, f) })));
  return { resources: rs, rewritten, clusters: names };
}
