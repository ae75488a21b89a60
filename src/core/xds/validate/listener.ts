/**
 * Checks on one listener, in the order Envoy runs them when it builds the listener (envoyproxy/envoy@v1.38.2
 * source/common/listener_manager/listener_impl.cc, filter_chain_manager_impl.cc). Envoy stops at the first failure
 * and reports only that one, so `listenerFailure` does too.
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { parseIp } from "../../net/ip.js";
import { networkFilters } from "./filters.js";
import { PGV, pgvError } from "./pgv.js";
import type { RuleFailure } from "./types.js";

const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function socketAddress(a: unknown): JsonObject | undefined {
  return isJsonObject(a) && isJsonObject(a["socketAddress"]) ? a["socketAddress"] : undefined;
}

/** `Network::AddressStrFormatter`: `1.2.3.4:80`, `[::]:15006`; several addresses joined with `,`. */
export function listenerAddressText(listener: JsonObject): string {
  const one = (a: unknown): string | undefined => {
    const sa = socketAddress(a);
    if (!sa) return undefined;
    const ip = String(sa["address"] ?? "");
    const port = typeof sa["portValue"] === "number" ? sa["portValue"] : 0;
    return parseIp(ip)?.family === "ipv6" ? `[${ip}]:${port}` : `${ip}:${port}`;
  };
  const extra = list(listener["additionalAddresses"]).map((x) => one(x["address"]));
  return [one(listener["address"]), ...extra].filter((x): x is string => x !== undefined).join(",");
}

/** PGV `SocketAddress.port_value` lte 65535 (envoyproxy/envoy@v1.38.2 api/envoy/config/core/v3/address.proto). */
export function listenerPortRange(listener: JsonObject): RuleFailure | undefined {
  const sa = socketAddress(listener["address"]);
  if (!sa || typeof sa["portValue"] !== "number" || sa["portValue"] <= 65535) return undefined;
  return {
    rule: "listener-port-range",
    message: pgvError([{ message: "Listener", field: "Address" }, { message: "Address", field: "SocketAddress" }, { message: "SocketAddress", field: "PortValue" }], PGV.lte65535),
  };
}

/** PGV `FilterChainMatch.destination_port` in [1, 65535] (envoyproxy/envoy@v1.38.2 api/envoy/config/listener/v3/listener_components.proto). */
export function filterChainPortRange(listener: JsonObject): RuleFailure | undefined {
  for (const [i, c] of list(listener["filterChains"]).entries()) {
    const m = c["filterChainMatch"];
    const port = isJsonObject(m) ? m["destinationPort"] : undefined;
    if (typeof port === "number" && (port < 1 || port > 65535))
      return {
        rule: "filter-chain-port-range",
        message: pgvError([{ message: "Listener", field: `FilterChains[${i}]` }, { message: "FilterChain", field: "FilterChainMatch" }, { message: "FilterChainMatch", field: "DestinationPort" }], PGV.portRange),
      };
  }
  return undefined;
}

/** `ListenerImpl::validateFilterChains`: a TCP listener needs a filter chain or a default filter chain. */
export function noFilterChains(listener: JsonObject, address: string): RuleFailure | undefined {
  if (list(listener["filterChains"]).length > 0 || isJsonObject(listener["defaultFilterChain"])) return undefined;
  return { rule: "listener-no-filter-chains", message: `error adding listener '${address}': no filter chains specified` };
}

// ---- filter_chain_match, as FilterChainManagerImpl compares them ----

/** FilterChainMatch fields in the proto's declaration order, with their snake-case JSON names (MessageUtil prints proto field names). */
const MATCH_FIELDS: readonly (readonly [string, string])[] = [
  ["destinationPort", "destination_port"],
  ["prefixRanges", "prefix_ranges"],
  ["addressSuffix", "address_suffix"],
  ["suffixLen", "suffix_len"],
  ["directSourcePrefixRanges", "direct_source_prefix_ranges"],
  ["sourceType", "source_type"],
  ["sourcePrefixRanges", "source_prefix_ranges"],
  ["sourcePorts", "source_ports"],
  ["serverNames", "server_names"],
  ["transportProtocol", "transport_protocol"],
  ["applicationProtocols", "application_protocols"],
];

/** Proto3 equality ignores unset scalars and empty lists; a wrapper (destination_port, suffix_len) counts when present. */
function isDefault(key: string, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (key === "destinationPort" || key === "suffixLen") return false;
  return v === "" || v === 0 || v === false || v === "ANY" || (Array.isArray(v) && v.length === 0);
}

function cidrJson(r: unknown): unknown {
  if (!isJsonObject(r)) return r;
  const out: Record<string, unknown> = {};
  if (typeof r["addressPrefix"] === "string" && r["addressPrefix"] !== "") out["address_prefix"] = r["addressPrefix"];
  if (r["prefixLen"] !== undefined) out["prefix_len"] = r["prefixLen"];
  return out;
}

/** The match as `MessageUtil::getJsonStringFromMessageOrError(match, false)` prints it: set fields only, proto names, declaration order. */
export function matchJson(chain: JsonObject): string {
  const m = isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
  const out: Record<string, unknown> = {};
  for (const [camel, snake] of MATCH_FIELDS) {
    const v = m[camel];
    if (isDefault(camel, v)) continue;
    out[snake] = camel.endsWith("PrefixRanges") || camel === "prefixRanges" ? (v as unknown[]).map(cidrJson) : v;
  }
  return JSON.stringify(out);
}

const chainName = (c: JsonObject) => (typeof c["name"] === "string" ? c["name"] : "");

/** `verifyNoDuplicateMatchers`: `address_suffix` / `suffix_len` are rejected as unimplemented. */
export function unimplementedMatch(chain: JsonObject, address: string): RuleFailure | undefined {
  const m = isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
  if (isDefault("addressSuffix", m["addressSuffix"]) && m["suffixLen"] === undefined) return undefined;
  return { rule: "filter-chain-unimplemented-match", message: `error adding listener '${address}': filter chain '${chainName(chain)}' contains unimplemented fields` };
}

/**
 * `verifyNoDuplicateMatchers`: a filter_chain_match equal (as a proto message) to an earlier chain's. `earlier` maps
 * each match already seen (as {@link matchJson} prints it) to the first chain that had it.
 */
export function sameMatch(chain: JsonObject, earlier: ReadonlyMap<string, JsonObject>, address: string): RuleFailure | undefined {
  const key = matchJson(chain);
  const prev = earlier.get(key);
  if (!prev) return undefined;
  return {
    rule: "filter-chain-same-match",
    message: `error adding listener '${address}': filter chain '${chainName(chain)}' has the same matching rules defined as '${chainName(prev)}'. duplicate matcher is: ${key}`,
  };
}

/** `setupFilterChainMatcher`: a `*` anywhere but a leading `*.` in server_names. */
export function partialWildcard(chain: JsonObject, address: string): RuleFailure | undefined {
  const m = isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
  if (!strings(m["serverNames"]).some((s) => s.includes("*") && !s.startsWith("*."))) return undefined;
  return { rule: "filter-chain-partial-wildcard", message: `error adding listener '${address}': partial wildcards are not supported in "server_names"` };
}

/** `CidrRange::asString`: the network with host bits cleared, `10.0.0.0/24`; unparsable text stays as written. */
function cidrText(r: JsonObject): string {
  const text = typeof r["addressPrefix"] === "string" ? r["addressPrefix"] : "";
  const ip = parseIp(text);
  const len = typeof r["prefixLen"] === "number" ? r["prefixLen"] : 0;
  if (!ip) return `${text}/${len}`;
  const width = ip.family === "ipv4" ? 32 : 128;
  const l = Math.min(len, width);
  const net = (ip.value >> BigInt(width - l)) << BigInt(width - l);
  return `${ip.family}:${net.toString(16)}/${l}`;
}

/**
 * The leaves `addFilterChainForDestinationPorts` … `addFilterChainForSourcePorts` insert for one chain: every
 * combination of port, destination range, server name (lower-cased; `*.x` as `.x`), transport protocol, application
 * protocol, direct source range, source type, source range and source port.
 */
function leaves(chain: JsonObject): string[] {
  const m = isJsonObject(chain["filterChainMatch"]) ? chain["filterChainMatch"] : {};
  const orEmpty = (xs: string[]) => (xs.length > 0 ? xs : [""]);
  const ranges = (k: string) => orEmpty(list(m[k]).map(cidrText));
  const dims: string[][] = [
    [String(typeof m["destinationPort"] === "number" ? m["destinationPort"] : 0)],
    ranges("prefixRanges"),
    orEmpty(strings(m["serverNames"]).map((s) => (s.startsWith("*.") ? s.slice(1) : s).toLowerCase())),
    [typeof m["transportProtocol"] === "string" ? m["transportProtocol"] : ""],
    orEmpty(strings(m["applicationProtocols"])),
    ranges("directSourcePrefixRanges"),
    [typeof m["sourceType"] === "string" ? m["sourceType"] : "ANY"],
    ranges("sourcePrefixRanges"),
    orEmpty(Array.isArray(m["sourcePorts"]) ? m["sourcePorts"].map(String) : []),
  ];
  return dims.reduce<string[]>((acc, d) => acc.flatMap((a) => d.map((x) => `${a}|${x}`)), [""]);
}

/** `addFilterChainForSourcePorts`: a leaf (of {@link leaves}) an earlier chain already took. */
function overlappingMatch(chainLeaves: readonly string[], taken: ReadonlySet<string>, address: string): RuleFailure | undefined {
  if (!chainLeaves.some((l) => taken.has(l))) return undefined;
  return { rule: "filter-chain-overlapping-match", message: `error adding listener '${address}': multiple filter chains with overlapping matching rules are defined` };
}

/**
 * The first rule one listener fails, in Envoy's order, or undefined when Envoy accepts it. The proto-constraint
 * rules come first: Envoy checks them when it decodes the update, before building any listener.
 */
export function listenerFailure(listener: JsonObject): RuleFailure | undefined {
  const pgv = listenerPortRange(listener) ?? filterChainPortRange(listener);
  if (pgv) return pgv;
  const address = listenerAddressText(listener);
  const none = noFilterChains(listener, address);
  if (none) return none;
  const chains = list(listener["filterChains"]);
  const taken = new Set<string>();
  // One pass: each chain's match printed once, not once per later chain.
  const seen = new Map<string, JsonObject>();
  for (const chain of chains) {
    const chainLeaves = leaves(chain);
    const failure =
      unimplementedMatch(chain, address) ??
      sameMatch(chain, seen, address) ??
      networkFilters(chain) ??
      partialWildcard(chain, address) ??
      overlappingMatch(chainLeaves, taken, address);
    if (failure) return failure;
    const key = matchJson(chain);
    if (!seen.has(key)) seen.set(key, chain);
    for (const l of chainLeaves) taken.add(l);
  }
  if (isJsonObject(listener["defaultFilterChain"])) return networkFilters(listener["defaultFilterChain"]);
  return undefined;
}
