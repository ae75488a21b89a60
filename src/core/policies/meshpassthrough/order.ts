/**
 * From the merged `appendMatch` list to the ordered filter-chain matchers (kuma
 * `pkg/plugins/policies/meshpassthrough/plugin/xds/order.go` @ v2.14.3): classification, aggregation of
 * L7 domains per (protocol, port), the "one L7 protocol per port" generation error, expansion of
 * port-less rules to every explicit port, and the stable ordering. Kuma's cases: `order_test.go` with goldens
 * `plugin/xds/testdata/ordered{,-diff-protocols}.golden.yaml` @ v2.14.3.
 */
import { L7_PROTOCOLS, protocolOf, type Match } from "./api.js";
import { goParseCIDR, isIPv6 } from "../../go/net.js";

/** order.go `MatchType`, with its numeric ranks (used for sorting and shown in Kuma's order goldens). */
export const MATCH_TYPE_RANK = { WildcardDomain: 1, Domain: 2, CIDR: 3, CIDRV6: 4, IP: 5, IPV6: 6 } as const;
export type MatchType = keyof typeof MATCH_TYPE_RANK;

/** order.go `protocolOrder`; `mysql` is not in the table, so Go's map lookup gives 0 (it sorts with tls). */
const PROTOCOL_RANK: Readonly<Record<string, number>> = { tls: 0, tcp: 1, http: 2, http2: 3, grpc: 4 };

export interface Route {
  readonly value: string;
  readonly type: "Domain" | "WildcardDomain";
}

/** order.go `FilterChainMatch`: one filter chain to generate. `value` is "" for an aggregated L7 domain chain. */
export interface FilterChainMatcher {
  readonly protocol: string;
  readonly port: number;
  readonly type: MatchType;
  readonly value: string;
  readonly routes: readonly Route[];
}

export const isL7 = (protocol: string): boolean => (L7_PROTOCOLS as readonly string[]).includes(protocol);

/** order.go `getMatchType`: the match type, and whether an L7 Domain is a wildcard (its route, not its chain, says so). */
export function getMatchType(m: Match, protocol: string): { type: MatchType; wildcard: boolean } | undefined {
  switch (m.type) {
    case "Domain":
      if (m.value.startsWith("*")) return isL7(protocol) ? { type: "Domain", wildcard: true } : { type: "WildcardDomain", wildcard: false };
      return { type: "Domain", wildcard: false };
    case "IP":
      return { type: isIPv6(m.value) ? "IPV6" : "IP", wildcard: false };
    case "CIDR":
      return { type: isIPv6(m.value.split("/")[0] ?? "") ? "CIDRV6" : "CIDR", wildcard: false };
    default:
      return undefined; // the validator rejects other types
  }
}

export interface PortProtocolError {
  readonly port: number;
  readonly message: string;
}

/** order.go `validatePortAndProtocol`: ports (port-less = 0) carrying more than one of http, http2, grpc. */
export function portProtocolErrors(portProtocols: ReadonlyMap<number, ReadonlySet<string>>): PortProtocolError[] {
  // Go ranges over a map, so Kuma's order of several messages varies; meshsim sorts by port.
  return [...portProtocols.entries()]
    .filter(([, ps]) => [...ps].filter(isL7).length > 1)
    .map(([port]) => port)
    .sort((a, b) => a - b)
    .map((port) => ({ port, message: `you cannot configure http, http2, grpc on the same port ${port}` }));
}

/** order.go `sortDomains`: more dot-separated labels first, then lexicographic. */
function domainLess(a: string, b: string): boolean {
  const la = a.split(".").length;
  const lb = b.split(".").length;
  return la !== lb ? la > lb : a < b;
}

/** order.go `getOrderedRoutes` ordering: Domain before WildcardDomain, then `sortDomains`. */
function routeLess(a: Route, b: Route): boolean {
  if (a.type !== b.type) return MATCH_TYPE_RANK[a.type] > MATCH_TYPE_RANK[b.type];
  return domainLess(a.value, b.value);
}

/**
 * order.go `orderMatchers` ordering: protocol rank, match-type rank descending, port descending, then by value.
 * Without `sortsTies` (before #14857: 2.9.11, v2.10.9, v2.11.8, v2.12.4, v2.13.0) IPs of one port and CIDRs of one
 * prefix length tie on the route count and keep Go's map order; meshsim then keeps the order it built them in.
 */
function matcherLess(a: FilterChainMatcher, b: FilterChainMatcher, sortsTies: boolean): boolean {
  const pa = PROTOCOL_RANK[a.protocol] ?? 0;
  const pb = PROTOCOL_RANK[b.protocol] ?? 0;
  if (pa !== pb) return pa < pb;
  if (a.type !== b.type) return MATCH_TYPE_RANK[a.type] > MATCH_TYPE_RANK[b.type];
  if (a.port !== b.port) return a.port > b.port;
  switch (a.type) {
    case "Domain":
    case "WildcardDomain":
      return domainLess(a.value, b.value);
    case "CIDR":
    case "CIDRV6": {
      const ca = goParseCIDR(a.value);
      const cb = goParseCIDR(b.value);
      const la = ca?.prefixLen ?? 0;
      const lb = cb?.prefixLen ?? 0;
      if (la !== lb) return la > lb;
      return sortsTies ? (ca?.network ?? "") > (cb?.network ?? "") : a.routes.length > b.routes.length;
    }
    case "IP":
    case "IPV6":
      return sortsTies ? a.value > b.value : a.routes.length > b.routes.length;
  }
}

/** A Go `less` as a comparator for the (stable) Array.prototype.sort. */
function comparator<T>(less: (a: T, b: T) => boolean): (a: T, b: T) => number {
  return (a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0);
}

export type OrderedMatchers = { readonly ok: true; readonly matchers: readonly FilterChainMatcher[]; readonly ties?: boolean } | { readonly ok: false; readonly errors: readonly PortProtocolError[] };

interface MutableMatcher {
  readonly protocol: string;
  readonly port: number;
  readonly type: MatchType;
  readonly value: string;
  readonly routes: Map<string, Route>;
}

const matcherKey = (protocol: string, port: number, type: MatchType, value: string) => JSON.stringify([protocol, port, type, value]);
const routeKey = (r: Route) => `${r.type}/${r.value}`;

/** order.go `GetOrderedMatchers`. Identical keys collapse; the result is Kuma's filter-chain order. */
export function getOrderedMatchers(matches: readonly Match[], sortsTies = true): OrderedMatchers {
  const matchers = new Map<string, MutableMatcher>();
  const portProtocols = new Map<number, Set<string>>();
  for (const m of matches) {
    const port = m.port ?? 0;
    const protocol = protocolOf(m).toLowerCase(); // core_meta.ParseProtocol
    const cls = getMatchType(m, protocol);
    if (!cls) continue;
    const seen = portProtocols.get(port) ?? new Set<string>();
    seen.add(protocol);
    portProtocols.set(port, seen);
    if (isL7(protocol) && cls.type === "Domain") {
      // L7 domains share one chain per (protocol, port) and become virtual hosts.
      const key = matcherKey(protocol, port, "Domain", "");
      const existing = matchers.get(key) ?? { protocol, port, type: "Domain" as const, value: "", routes: new Map<string, Route>() };
      const route: Route = { value: m.value, type: cls.wildcard ? "WildcardDomain" : "Domain" };
      existing.routes.set(routeKey(route), route);
      matchers.set(key, existing);
    } else {
      matchers.set(matcherKey(protocol, port, cls.type, m.value), { protocol, port, type: cls.type, value: m.value, routes: new Map() });
    }
  }
  const errors = portProtocolErrors(portProtocols);
  if (errors.length > 0) return { ok: false, errors };

  // Envoy picks the destination-port bucket first and never falls back to port-less chains, so every
  // port-less matcher is copied to every explicit port of the list, merging routes into an existing matcher.
  const expanded = new Map<string, MutableMatcher>([...matchers].map(([k, v]) => [k, { ...v, routes: new Map(v.routes) }]));
  const ports = [...portProtocols.keys()].filter((p) => p !== 0);
  for (const m of matchers.values()) {
    if (m.port !== 0) continue;
    for (const port of ports) {
      const key = matcherKey(m.protocol, port, m.type, m.value);
      const existing = expanded.get(key);
      if (existing) for (const [k, r] of m.routes) existing.routes.set(k, r);
      else expanded.set(key, { ...m, port, routes: new Map(m.routes) });
    }
  }
  const out: FilterChainMatcher[] = [...expanded.values()].map((m) => ({
    protocol: m.protocol,
    port: m.port,
    type: m.type,
    value: m.value,
    routes: [...m.routes.values()].sort(comparator(routeLess)),
  }));
  const less = (a: FilterChainMatcher, b: FilterChainMatcher) => matcherLess(a, b, sortsTies);
  out.sort(comparator(less));
  const ties = !sortsTies && out.some((m, i) => i > 0 && !less(out[i - 1]!, m) && !less(m, out[i - 1]!));
  return { ok: true, matchers: out, ...(ties ? { ties } : {}) };
}
