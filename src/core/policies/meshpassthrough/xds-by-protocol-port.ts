/**
 * MeshPassthrough's first generator, 2.8.0 … 2.9.1 (kuma `pkg/plugins/policies/meshpassthrough/plugin/xds/
 * {order,configurer,listeners_filter_chain}.go` @ 2.8.0 and @ 2.9.1; goldens `plugin/v1alpha1/testdata/
 * {simple,basic}.listener.golden.yaml` @ 2.8.0 and 2.9.0). The 2.9.2 backport of #12054 replaced it with the
 * per-match generator of `xds.ts`.
 *
 * - One matcher per (protocol, port), its rules as routes; matchers ordered by protocol name descending, then port
 *   descending (port-less last); routes by type (Domain, WildcardDomain, IP, IPV6, CIDR, CIDRV6), domains by
 *   label count then name, CIDRs by prefix length. Rules that tie (two IPs, two CIDRs of one length) keep Go's map
 *   iteration order, which changes between generations: meshsim keeps the order of `appendMatch`.
 * - tcp / tls: one chain per route, named and routed to `meshpassthrough_<value>_<port|*>`.
 * - http / http2 / grpc: one chain `meshpassthrough_http_<port|*>` matching only the ALPN and `raw_buffer` (no
 *   destination port, no address), whose virtual hosts are the Domain, WildcardDomain and IP routes (CIDR rules
 *   are dropped) plus the 503 `no_match` host; gRPC chains get `grpc_stats`.
 * - Only `tls_inspector` and `http_inspector` are added (no `original_dst`).
 */
import type { VersionFeatures } from "../../model/versions.js";
import type { JsonObject } from "../../json.js";
import { goParseCIDR, isIPv6 } from "../../go/net.js";
import { FILTER, INBOUND_FILTER, INBOUND_TYPE_URL, MESH_PASSTHROUGH_NO_MATCH_BODY, MESH_PASSTHROUGH_NO_MATCH_VHOST, MESH_PASSTHROUGH_TYPE_URL, ORIGIN, TYPE_URL, sanitizeStatName, type IpFamily } from "../../xds/names.js";
import { addResource, addResources, type ResourceSet } from "../../xds/resource-set.js";
import { internalCidrRanges } from "../../generate/internal-addresses.js";
import { protocolOf, type Match } from "./api.js";
import { portProtocolErrors, type PortProtocolError } from "./order.js";
import { meshPassthroughCluster, type ConfigureResult, type PassthroughListener } from "./xds.js";

/** order.go `MatchType` @ 2.8.0 and its ranks: Domain 1, WildcardDomain 2, IP 3, IPV6 4, CIDR 5, CIDRV6 6. */
const RANK = { Domain: 1, WildcardDomain: 2, IP: 3, IPV6: 4, CIDR: 5, CIDRV6: 6 } as const;
type LegacyType = keyof typeof RANK;

interface LegacyRoute {
  readonly value: string;
  readonly type: LegacyType;
}

/** order.go `FilterChainMatcher` @ 2.8.0: one per (protocol, port). */
export interface LegacyMatcher {
  readonly protocol: string;
  readonly port: number;
  readonly routes: readonly LegacyRoute[];
}

function legacyType(m: Match): LegacyType | undefined {
  switch (m.type) {
    case "Domain":
      return m.value.startsWith("*") ? "WildcardDomain" : "Domain";
    case "IP":
      return isIPv6(m.value) ? "IPV6" : "IP";
    case "CIDR":
      return isIPv6(m.value.split("/")[0] ?? "") ? "CIDRV6" : "CIDR";
    default:
      return undefined;
  }
}

/** order.go `sortDomains`: more labels first, then lexicographic. */
function domainLess(a: string, b: string): boolean {
  const la = a.split(".").length;
  const lb = b.split(".").length;
  return la !== lb ? la > lb : a < b;
}

/** order.go `orderRoutes` @ 2.8.0 as a comparator (0 for Kuma's ties). */
function compareRoutes(a: LegacyRoute, b: LegacyRoute): number {
  if (a.type !== b.type) return RANK[a.type] - RANK[b.type];
  if (a.type === "Domain" || a.type === "WildcardDomain") return domainLess(a.value, b.value) ? -1 : domainLess(b.value, a.value) ? 1 : 0;
  if (a.type === "CIDR" || a.type === "CIDRV6") return (goParseCIDR(b.value)?.prefixLen ?? 0) - (goParseCIDR(a.value)?.prefixLen ?? 0);
  return 0;
}

/** order.go `GetOrderedMatchers` @ 2.8.0: the matchers, or the http/http2/grpc-on-one-port error. Also says whether ties were broken. */
export function getLegacyMatchers(
  matches: readonly Match[],
): { readonly ok: true; readonly matchers: readonly LegacyMatcher[]; readonly ties: boolean } | { readonly ok: false; readonly errors: readonly PortProtocolError[] } {
  const byKey = new Map<string, { protocol: string; port: number; routes: Map<string, LegacyRoute> }>();
  const portProtocols = new Map<number, Set<string>>();
  for (const m of matches) {
    const type = legacyType(m);
    if (!type) continue;
    const port = m.port ?? 0;
    const protocol = protocolOf(m).toLowerCase();
    portProtocols.set(port, (portProtocols.get(port) ?? new Set<string>()).add(protocol));
    const key = JSON.stringify([protocol, port]);
    const entry = byKey.get(key) ?? { protocol, port, routes: new Map<string, LegacyRoute>() };
    entry.routes.set(`${type}/${m.value}`, { value: m.value, type });
    byKey.set(key, entry);
  }
  const errors = portProtocolErrors(portProtocols);
  if (errors.length > 0) return { ok: false, errors };
  let ties = false;
  const matchers = [...byKey.values()].map((e) => {
    const routes = [...e.routes.values()].sort(compareRoutes);
    for (let i = 1; i < routes.length; i++) if (compareRoutes(routes[i - 1]!, routes[i]!) === 0) ties = true;
    return { protocol: e.protocol, port: e.port, routes };
  });
  // order.go orderValues: protocol name descending, then port descending.
  matchers.sort((a, b) => (a.protocol !== b.protocol ? (a.protocol > b.protocol ? -1 : 1) : b.port - a.port));
  return { ok: true, matchers, ties };
}

const displayPort = (port: number) => (port === 0 ? "*" : String(port));
/** listeners_filter_chain.go @ 2.8.0 ClusterName (and the tcp/tls FilterChainName): no protocol segment. */
const legacyName = (value: string, port: number) => `meshpassthrough_${value}_${displayPort(port)}`;

/** configureAddressMatch @ 2.8.0: a CIDR's network, or the IP as /32 (/128). */
function addressMatch(r: LegacyRoute): JsonObject {
  switch (r.type) {
    case "CIDR":
    case "CIDRV6": {
      const c = goParseCIDR(r.value);
      return c ? { prefixRanges: [{ addressPrefix: c.network, prefixLen: c.prefixLen }] } : {};
    }
    case "IP":
      return { prefixRanges: [{ addressPrefix: r.value, prefixLen: 32 }] };
    case "IPV6":
      return { prefixRanges: [{ addressPrefix: r.value, prefixLen: 128 }] };
    default:
      return {};
  }
}

/** Whether a tcp / tls route belongs on the listener of `family` (IP and CIDR per family, domains on both). */
function onFamily(r: LegacyRoute, family: IpFamily): boolean {
  if (family === "ipv6") return r.type !== "IP" && r.type !== "CIDR";
  return r.type !== "IPV6" && r.type !== "CIDRV6";
}

/** configureTcpFilterChain / configureTlsFilterChain @ 2.8.0. */
function l4Chain(m: LegacyMatcher, r: LegacyRoute, tls: boolean): JsonObject {
  const name = legacyName(r.value, m.port);
  const sni: JsonObject = tls && (r.type === "Domain" || r.type === "WildcardDomain") ? { serverNames: [r.value] } : {};
  return {
    filterChainMatch: { ...(m.port !== 0 ? { destinationPort: m.port } : {}), ...addressMatch(r), ...sni, transportProtocol: tls ? "tls" : "raw_buffer" },
    filters: [{ name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster: name, statPrefix: sanitizeStatName(name) } }],
    name,
  };
}

/** The L7 chain's virtual-host domains: the value; IPv6 also bracketed; from 2.9.0 also with `:port` (even `:0`). */
function domains(r: LegacyRoute, port: number, f: VersionFeatures): string[] {
  const out = [r.value];
  if (r.type === "IP" && f.meshPassthroughIpHostPort) out.push(`${r.value}:${port}`);
  if (r.type === "IPV6") out.push(`[${r.value}]`, ...(f.meshPassthroughIpHostPort ? [`[${r.value}]:${port}`] : []));
  return out;
}

/** The default branch of addFilterChainConfiguration @ 2.8.0: one aggregated HCM chain per L7 matcher. */
function l7Chain(m: LegacyMatcher, family: IpFamily, internal: readonly string[] | undefined, f: VersionFeatures, clusters: Map<string, string>): JsonObject {
  const name = `meshpassthrough_http_${displayPort(m.port)}`;
  const virtualHosts: JsonObject[] = [];
  for (const r of m.routes) {
    if ((family === "ipv6" && r.type === "IP") || (family === "ipv4" && r.type === "IPV6")) continue;
    if (r.type !== "Domain" && r.type !== "WildcardDomain" && r.type !== "IP" && r.type !== "IPV6") continue;
    const cluster = legacyName(r.value, m.port);
    clusters.set(cluster, m.protocol);
    // virtualhosts.BasicRoute: `path: /` before commit b2e4057cca (#11204, 2.9.0), then `prefix: /`.
    const match: JsonObject = f.meshPassthroughPrefixRoute ? { prefix: "/" } : { path: "/" };
    virtualHosts.push({ domains: domains(r, m.port, f), name: r.value, routes: [{ match, route: { cluster } }] });
  }
  virtualHosts.push({
    domains: ["*"],
    name: MESH_PASSTHROUGH_NO_MATCH_VHOST,
    routes: [{ directResponse: { body: { inlineString: MESH_PASSTHROUGH_NO_MATCH_BODY }, status: 503 }, match: { prefix: "/" } }],
  });
  const httpFilters: JsonObject[] = [];
  if (m.protocol === "grpc" && f.meshPassthroughGrpcStats) httpFilters.push({ name: INBOUND_FILTER.grpcStats, typedConfig: { "@type": INBOUND_TYPE_URL.grpcStats, emitFilterState: true } });
  httpFilters.push({ name: FILTER.router, typedConfig: { "@type": TYPE_URL.router } });
  return {
    filterChainMatch: { applicationProtocols: ["http/1.1", "h2c"], transportProtocol: "raw_buffer" },
    filters: [
      {
        name: FILTER.httpConnectionManager,
        typedConfig: {
          "@type": TYPE_URL.httpConnectionManager,
          httpFilters,
          ...(internal ? { internalAddressConfig: { cidrRanges: internalCidrRanges(internal, !f.internalAddressesIpv6Aware) } } : {}),
          routeConfig: { name, virtualHosts },
          statPrefix: sanitizeStatName(name),
        },
      },
    ],
    name,
  };
}

/** configurer.go hasIPv4Matches / hasIPv6Matches @ 2.9.0: any route of the family or a domain. */
function familyHasRules(matchers: readonly LegacyMatcher[], family: IpFamily): boolean {
  const types: readonly LegacyType[] = family === "ipv4" ? ["Domain", "WildcardDomain", "CIDR", "IP"] : ["Domain", "WildcardDomain", "CIDRV6", "IPV6"];
  return matchers.some((m) => m.routes.some((r) => types.includes(r.type)));
}

/**
 * configurer.go Configure @ 2.8.0 / 2.9.0: replaces the chains of each passthrough listener (2.8.0: every one;
 * 2.9.0: those with a rule of their family), adds the inspectors, then one cluster per name (origin `meshpassthrough`).
 */
export function configureLegacyListeners(
  resources: ResourceSet,
  matchers: readonly LegacyMatcher[],
  listeners: readonly PassthroughListener[],
  internalAddresses: readonly string[] | undefined,
  f: VersionFeatures,
): ConfigureResult {
  const clusters = new Map<string, string>();
  const rewritten: string[] = [];
  let rs = resources;
  for (const { family, name } of listeners) {
    const listener = rs.find((r) => r.type === "listener" && r.name === name);
    if (!listener) continue;
    if (f.meshPassthroughSkipsFamilyWithoutRules && !familyHasRules(matchers, family)) continue;
    const chains: JsonObject[] = [];
    for (const m of matchers) {
      if (m.protocol === "tcp" || m.protocol === "tls") {
        for (const r of m.routes) {
          if (!onFamily(r, family)) continue;
          chains.push(l4Chain(m, r, m.protocol === "tls"));
          clusters.set(legacyName(r.value, m.port), m.protocol);
        }
      } else chains.push(l7Chain(m, family, internalAddresses, f, clusters));
    }
    const existing = Array.isArray(listener.value["listenerFilters"]) ? (listener.value["listenerFilters"] as JsonObject[]) : [];
    const has = (n: string) => existing.some((x) => x["name"] === n);
    const listenerFilters = [
      ...existing,
      ...(has(FILTER.tlsInspector) ? [] : [{ name: FILTER.tlsInspector, typedConfig: { "@type": MESH_PASSTHROUGH_TYPE_URL.tlsInspector } }]),
      ...(has(FILTER.httpInspector) ? [] : [{ name: FILTER.httpInspector, typedConfig: { "@type": MESH_PASSTHROUGH_TYPE_URL.httpInspector } }]),
    ];
    rs = addResource(rs, { ...listener, value: { ...listener.value, filterChains: chains, listenerFilters } });
    rewritten.push(name);
  }
  const names = [...clusters.keys()].sort();
  rs = addResources(rs, names.map((c) => ({ type: "cluster", name: c, origin: ORIGIN.meshPassthrough, value: meshPassthroughCluster(c, clusters.get(c)!, f) })));
  return { resources: rs, rewritten, clusters: names };
}
