/**
 * Envoy's filter-chain selection (envoy `source/common/listener_manager/filter_chain_manager_impl.cc`
 * findFilterChain): destination port → destination IP (longest prefix) → server name (exact, then
 * wildcard suffixes longest first) → transport protocol → application protocols. At each level only
 * the most specific matching group survives and there is no backtracking; with no match the default
 * chain is used, else the connection is closed (Envoy's FilterChainMatch API docs,
 * `api/envoy/config/listener/v3/listener_components.proto`).
 */
import { inPrefix, parseIp, type Ip } from "../net/ip.js";
import { isJsonObject, type JsonObject } from "../json.js";
import type { ObservedConnection } from "./request.js";

export interface ChainCandidate {
  readonly index: number;
  readonly chain: JsonObject;
}

export interface ChainSelection {
  /** Index in `filterChains`, or "default" for `defaultFilterChain`; undefined when the connection is closed. */
  readonly selected: number | "default" | undefined;
  readonly trace: readonly string[];
}

function fcm(chain: JsonObject): JsonObject {
  return isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
}

function chainLabel(c: ChainCandidate): string {
  return typeof c.chain["name"] === "string" ? `#${c.index} ${c.chain["name"]}` : `#${c.index}`;
}

/** Longest matching prefix length of a chain for `ip` (-1: no match; chains without prefixRanges match at 0). */
function prefixScore(chain: JsonObject, ip: Ip | undefined): number {
  const ranges = fcm(chain)["prefixRanges"];
  if (!Array.isArray(ranges) || ranges.length === 0) return 0;
  if (!ip) return -1;
  let best = -1;
  for (const r of ranges as JsonObject[]) {
    const p = typeof r["addressPrefix"] === "string" ? parseIp(r["addressPrefix"]) : undefined;
    const len = typeof r["prefixLen"] === "number" ? r["prefixLen"] : p ? (p.family === "ipv4" ? 32 : 128) : 0;
    // prefixLen 0 is a catch-all of that family; Envoy stores it as the family's /0.
    if (p && inPrefix(ip, p, len)) best = Math.max(best, len + 1);
  }
  return best;
}

function serverNames(chain: JsonObject): string[] {
  const s = fcm(chain)["serverNames"];
  return Array.isArray(s) ? (s as string[]).map((x) => x.toLowerCase()) : [];
}

/** Narrows `cands` with a scoring function: keeps the highest non-negative score. */
function narrow(cands: readonly ChainCandidate[], score: (c: ChainCandidate) => number): ChainCandidate[] {
  let best = -1;
  for (const c of cands) best = Math.max(best, score(c));
  return best < 0 ? [] : cands.filter((c) => score(c) === best);
}

export function selectFilterChain(listener: JsonObject, port: number, ip: Ip | undefined, conn: ObservedConnection): ChainSelection {
  const chains = Array.isArray(listener["filterChains"]) ? (listener["filterChains"] as JsonObject[]) : [];
  const hasDefault = isJsonObject(listener["defaultFilterChain"]);
  const trace: string[] = [];
  const fail = (why: string): ChainSelection => {
    trace.push(hasDefault ? `${why}; the listener's defaultFilterChain takes the connection` : `${why}; no defaultFilterChain, so Envoy closes the connection`);
    return { selected: hasDefault ? "default" : undefined, trace };
  };
  let cands: ChainCandidate[] = chains.map((chain, index) => ({ chain, index }));
  if (cands.length === 0) return fail("the listener has no filter chains");

  // 1. Destination port: a chain naming this port hides every port-less chain, even if it fails later.
  const portMatches = cands.filter((c) => fcm(c.chain)["destinationPort"] === port);
  if (portMatches.length > 0) {
    const hidden = cands.filter((c) => fcm(c.chain)["destinationPort"] === undefined);
    trace.push(`destination port ${port}: ${portMatches.length} chain(s) name this port${hidden.length > 0 ? `; the ${hidden.length} port-less chain(s) are no longer considered (Envoy does not fall back)` : ""}`);
    cands = portMatches;
  } else {
    cands = cands.filter((c) => fcm(c.chain)["destinationPort"] === undefined);
    if (cands.length === 0) return fail(`no chain for destination port ${port} and no port-less chain`);
    trace.push(`destination port ${port}: no chain names it; ${cands.length} port-less chain(s) remain`);
  }

  // 2. Destination IP, longest prefix.
  const byIp = narrow(cands, (c) => prefixScore(c.chain, ip));
  if (byIp.length === 0) return fail(`destination ${ip ? ip.text : "(unresolved)"} is in none of the remaining chains' prefixRanges`);
  if (byIp.length < cands.length) trace.push(`destination IP ${ip?.text}: longest matching prefix keeps ${byIp.map(chainLabel).join(", ")}`);
  cands = byIp;

  // 3. Server name: exact, then `*.suffix` wildcards from the longest suffix, then chains without serverNames.
  const sni = conn.serverName?.toLowerCase();
  const sniScore = (c: ChainCandidate): number => {
    const names = serverNames(c.chain);
    if (names.length === 0) return 0;
    if (!sni) return -1;
    if (names.includes(sni)) return 1000;
    let best = -1;
    for (const n of names) if (n.startsWith("*.") && sni.endsWith(n.slice(1)) && sni.length > n.length - 1) best = Math.max(best, n.length);
    return best;
  };
  const bySni = narrow(cands, sniScore);
  if (bySni.length === 0) return fail(`server name ${sni ? `"${sni}"` : "(none)"} matches no remaining chain's serverNames, and none is without serverNames`);
  if (bySni.length < cands.length) trace.push(`server name ${sni ? `"${sni}"` : "(none)"} keeps ${bySni.map(chainLabel).join(", ")}`);
  cands = bySni;

  // 4. Transport protocol: exact, else chains without one.
  const byTransport = narrow(cands, (c) => {
    const t = fcm(c.chain)["transportProtocol"];
    return t === undefined || t === "" ? 0 : t === conn.transportProtocol ? 1 : -1;
  });
  if (byTransport.length === 0) return fail(`transport "${conn.transportProtocol}" matches no remaining chain (they require ${[...new Set(cands.map((c) => String(fcm(c.chain)["transportProtocol"])))].join(", ")})`);
  cands = byTransport;

  // 5. Application protocols: the first requested protocol some chain lists, else chains without any.
  const listed = (c: ChainCandidate) => {
    const a = fcm(c.chain)["applicationProtocols"];
    return Array.isArray(a) ? (a as string[]) : [];
  };
  const requested = conn.applicationProtocols.find((p) => cands.some((c) => listed(c).includes(p)));
  const byAlpn = requested ? cands.filter((c) => listed(c).includes(requested)) : cands.filter((c) => listed(c).length === 0);
  if (byAlpn.length === 0)
    return fail(`application protocol ${conn.applicationProtocols.length > 0 ? conn.applicationProtocols.join("/") : "(none detected)"} matches no remaining chain (they need ${[...new Set(cands.flatMap(listed))].join(", ")})`);
  const chosen = byAlpn[0]!;
  trace.push(`filter chain ${chainLabel(chosen)} selected`);
  return { selected: chosen.index, trace };
}
