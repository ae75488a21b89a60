/**
 * What MeshTimeout writes into Envoy resources (kuma `pkg/plugins/policies/meshtimeout/plugin/xds/configurer.go`,
 * `pkg/xds/envoy/listeners/v3/util.go` UpdateHTTPConnectionManager / UpdateTCPProxy, `pkg/xds/envoy/clusters/v3/
 * update_common_http_protocol_options.go` @ v2.14.3, and their 2.5.0 … 3.0 forms as the version table says). Confs
 * are merged policy confs (conf-merge.ts); every field set from a policy is recorded as a write of that policy entry.
 * Values are written as golang/protobuf jsonpb writes a Duration (`5s`, `0.500s`).
 */
import { cloneJson, isJsonObject, type JsonObject, type MutableJson, type MutableJsonObject } from "../../json.js";
import type { KumaProtocol } from "../../model/outbound-target.js";
import type { VersionFeatures } from "../../model/versions.js";
import { FILTER, HTTP_PROTOCOL_OPTIONS_EXTENSION, INBOUND_TYPE_URL, MESH_TIMEOUT_MATCH, SET_FILTER_STATE } from "../../xds/names.js";
import { mergeConfs, protoDuration, sourceOf, type FieldWrite, type MergedConf } from "../conf-merge.js";
import type { InboundRuleEntry, RuleMatch } from "../rule-entries.js";

/** kumahq/kuma@v2.14.3 pkg/plugins/policies/core/defaults/consts.go, as protobuf Durations. */
export const TIMEOUT_DEFAULTS = {
  connect: "5s",
  idle: "3600s",
  streamIdle: "1800s",
  request: "15s",
  requestHeaders: "0s",
  maxStreamDuration: "0s",
  maxConnectionDuration: "0s",
} as const;

/** Where a merged conf came from and which of its fields to read (a conf built into Kuma has no sources). */
export interface TimeoutConf {
  readonly merged: MergedConf;
}

export const timeoutConf = (merged: MergedConf): TimeoutConf => ({ merged });

/** A conf field and its source. */
function field(c: TimeoutConf, path: string): { value: string | undefined; source: string | undefined } {
  let v: unknown = c.merged.conf;
  for (const k of path.split("/").filter(Boolean)) v = isJsonObject(v) ? v[k] : undefined;
  return { value: typeof v === "string" ? v : undefined, source: sourceOf(c.merged, path) };
}

/** toProtoDurationOrDefault, recording the write when the value came from a policy. */
function set(obj: MutableJsonObject, key: string, c: TimeoutConf, path: string, fallback: string, pointer: string, writes: FieldWrite[]): void {
  const f = field(c, path);
  obj[key] = f.value === undefined ? fallback : protoDuration(f.value);
  if (f.value !== undefined && f.source) writes.push({ pointer: `${pointer}/${key}`, source: f.source });
}

/** ConfigureRouteAction: the route's timeout (default 15s) and idle timeout (the conf's, else keep it, else 30m). */
function configureRouteAction(action: MutableJsonObject, c: TimeoutConf, pointer: string, writes: FieldWrite[]): void {
  set(action, "timeout", c, "/http/requestTimeout", TIMEOUT_DEFAULTS.request, pointer, writes);
  const idle = field(c, "/http/streamIdleTimeout");
  if (idle.value !== undefined) {
    action["idleTimeout"] = protoDuration(idle.value);
    if (idle.source) writes.push({ pointer: `${pointer}/idleTimeout`, source: idle.source });
  } else if (action["idleTimeout"] === undefined) action["idleTimeout"] = TIMEOUT_DEFAULTS.streamIdle;
}

type Mut = MutableJsonObject;
const arr = (v: MutableJson | undefined): Mut[] => (Array.isArray(v) ? (v as Mut[]) : []);

/** Every filter of `name` in a chain with its typed config (UpdateFilterConfig), with its pointer. */
function filtersNamed(chain: Mut, chainPointer: string, name: string): { typed: Mut; pointer: string }[] {
  return arr(chain["filters"]).flatMap((f, j) => (f["name"] === name && isJsonObject(f["typedConfig"]) ? [{ typed: f["typedConfig"] as Mut, pointer: `${chainPointer}/filters/${j}/typedConfig` }] : []));
}

/**
 * The HTTP part of ConfigureFilterChain / the pre-2.9 ListenerConfigurer: every route's action, the request-headers
 * timeout (2.6.0 on), and the HCM's idle timeout 0 (MeshTimeout sets it on the cluster instead). `conf` undefined is
 * the pre-2.9 configurer without a rule: only the idle timeout.
 */
function configureHcm(hcm: Mut, pointer: string, c: TimeoutConf | undefined, f: VersionFeatures, writes: FieldWrite[]): void {
  if (c) {
    const rc = hcm["routeConfig"];
    if (isJsonObject(rc))
      arr((rc as Mut)["virtualHosts"]).forEach((vh, k) =>
        arr(vh["routes"]).forEach((r, l) => {
          if (isJsonObject(r["route"])) configureRouteAction(r["route"] as Mut, c, `${pointer}/routeConfig/virtualHosts/${k}/routes/${l}/route`, writes);
        }),
      );
    if (f.meshTimeoutRequestHeadersTimeout) set(hcm, "requestHeadersTimeout", c, "/http/requestHeadersTimeout", TIMEOUT_DEFAULTS.requestHeaders, pointer, writes);
  }
  const common = isJsonObject(hcm["commonHttpProtocolOptions"]) ? (hcm["commonHttpProtocolOptions"] as Mut) : {};
  common["idleTimeout"] = "0s";
  hcm["commonHttpProtocolOptions"] = common;
}

const HTTP_PROTOCOLS: ReadonlySet<string> = new Set(["http", "http2", "grpc"]);
const TCP_PROTOCOLS: ReadonlySet<string> = new Set(["tcp", "kafka", "unknown"]);

/**
 * ListenerConfigurer / ConfigureFilterChain on every chain of a listener: before v2.14.0 by the protocol (HTTP ones:
 * the HTTP connection manager; tcp, kafka and unknown: tcp_proxy; others: nothing), from v2.14.0 both filters of every
 * chain. `conf` undefined: the pre-2.9 configurer without a rule (only the HCM idle timeout).
 */
export function configureListener(listener: JsonObject, c: TimeoutConf | undefined, protocol: KumaProtocol, f: VersionFeatures): { value: JsonObject; writes: FieldWrite[] } {
  const value = cloneJson(listener) as Mut;
  const writes: FieldWrite[] = [];
  const http = f.meshTimeoutMatches || HTTP_PROTOCOLS.has(protocol);
  const tcp = f.meshTimeoutMatches || TCP_PROTOCOLS.has(protocol);
  arr(value["filterChains"]).forEach((chain, i) => {
    const cp = `/filterChains/${i}`;
    if (http) for (const h of filtersNamed(chain, cp, FILTER.httpConnectionManager)) configureHcm(h.typed, h.pointer, c, f, writes);
    if (tcp && c) for (const t of filtersNamed(chain, cp, FILTER.tcpProxy)) set(t.typed, "idleTimeout", c, "/idleTimeout", TIMEOUT_DEFAULTS.idle, t.pointer, writes);
  });
  return { value, writes };
}

/**
 * ClusterConfigurer.Configure: the connect timeout, and for HTTP and HTTP/2 (not gRPC) the upstream HTTP protocol
 * options' idle timeout, max stream duration and max connection duration, creating the extension when absent.
 */
export function configureCluster(cluster: JsonObject, c: TimeoutConf, protocol: KumaProtocol): { value: JsonObject; writes: FieldWrite[] } {
  const value = cloneJson(cluster) as Mut;
  const writes: FieldWrite[] = [];
  set(value, "connectTimeout", c, "/connectionTimeout", TIMEOUT_DEFAULTS.connect, "", writes);
  if (protocol === "http" || protocol === "http2") {
    const exts = isJsonObject(value["typedExtensionProtocolOptions"]) ? (value["typedExtensionProtocolOptions"] as Mut) : {};
    const opts = isJsonObject(exts[HTTP_PROTOCOL_OPTIONS_EXTENSION]) ? (exts[HTTP_PROTOCOL_OPTIONS_EXTENSION] as Mut) : { "@type": INBOUND_TYPE_URL.httpProtocolOptions };
    const common = isJsonObject(opts["commonHttpProtocolOptions"]) ? (opts["commonHttpProtocolOptions"] as Mut) : {};
    const p = `/typedExtensionProtocolOptions/${HTTP_PROTOCOL_OPTIONS_EXTENSION}/commonHttpProtocolOptions`;
    set(common, "idleTimeout", c, "/idleTimeout", TIMEOUT_DEFAULTS.idle, p, writes);
    set(common, "maxStreamDuration", c, "/http/maxStreamDuration", TIMEOUT_DEFAULTS.maxStreamDuration, p, writes);
    set(common, "maxConnectionDuration", c, "/http/maxConnectionDuration", TIMEOUT_DEFAULTS.maxConnectionDuration, p, writes);
    opts["commonHttpProtocolOptions"] = common;
    exts[HTTP_PROTOCOL_OPTIONS_EXTENSION] = opts;
    value["typedExtensionProtocolOptions"] = exts;
  }
  return { value, writes };
}

// ---- spiffeID-matched route timeouts (v2.14.0: ConfigureMatchedRoutesOnFilterChain) ----

const hasSpiffe = (m: RuleMatch | undefined): m is RuleMatch & { spiffeID: NonNullable<RuleMatch["spiffeID"]> } => m?.spiffeID !== undefined;

/** inbound.CompareByMatch: spiffeID before none (Exact before Prefix), SNI before none. */
function compareByMatch(a: RuleMatch | undefined, b: RuleMatch | undefined): number {
  const score = (m: RuleMatch | undefined) => (m?.spiffeID?.type === "Exact" ? 2 : m?.spiffeID?.type === "Prefix" ? 1 : 0);
  const sa = a?.spiffeID !== undefined;
  const sb = b?.spiffeID !== undefined;
  if (sa !== sb) return sa ? -1 : 1;
  if (sa && sb) {
    const c = score(b) - score(a);
    if (c !== 0) return c;
  }
  const na = a?.sni !== undefined;
  const nb = b?.sni !== undefined;
  if (na !== nb) return na ? -1 : 1;
  return 0;
}

/** compareMatchedRouteSpecificity: by match, then (both Prefix) the longer prefix first when descending. */
function compareSpecificity(a: RuleMatch | undefined, b: RuleMatch | undefined, descending: boolean): number {
  const c = compareByMatch(a, b);
  if (c !== 0) return descending ? c : -c;
  const len = (m: RuleMatch | undefined) => (m?.spiffeID?.type === "Prefix" ? (m.spiffeID.value ?? "").length : 0);
  const la = len(a);
  const lb = len(b);
  if (la === 0 || lb === 0) return 0;
  if (la === lb) return 0;
  return descending ? (la > lb ? -1 : 1) : la < lb ? -1 : 1;
}

/** matchedRouteTimeoutRules: spiffeID rules that set a request or stream idle timeout, most specific first. */
export function matchedRouteRules(rules: readonly InboundRuleEntry[]): InboundRuleEntry[] {
  const out = rules.filter((r) => hasSpiffe(r.match) && (isJsonObject(r.conf["http"]) && (r.conf["http"]["requestTimeout"] !== undefined || r.conf["http"]["streamIdleTimeout"] !== undefined)));
  return out.map((r, i) => ({ r, i })).sort((x, y) => compareSpecificity(x.r.match, y.r.match, true) || x.i - y.i).map((x) => x.r);
}

const sameMatch = (a: RuleMatch | undefined, b: RuleMatch | undefined) =>
  (a?.spiffeID?.type ?? null) === (b?.spiffeID?.type ?? null) &&
  (a?.spiffeID?.value ?? null) === (b?.spiffeID?.value ?? null) &&
  (a?.spiffeID === undefined) === (b?.spiffeID === undefined) &&
  (a?.sni === undefined) === (b?.sni === undefined) &&
  (a?.sni?.type ?? null) === (b?.sni?.type ?? null) &&
  (a?.sni?.value ?? null) === (b?.sni?.value ?? null);

/** matchedRouteSubsumes: the candidate's spiffeID (Exact equal, Prefix of the value) and SNI (none, or equal) cover the target's. */
function subsumes(candidate: RuleMatch | undefined, target: RuleMatch | undefined): boolean {
  const cs = candidate?.spiffeID;
  const ts = target?.spiffeID;
  if (!cs || !ts) return false;
  const spiffe = cs.type === "Exact" ? ts.type === "Exact" && cs.value === ts.value : cs.type === "Prefix" ? (ts.value ?? "").startsWith(cs.value ?? "") : false;
  if (!spiffe) return false;
  if (candidate?.sni === undefined) return true;
  if (target?.sni === undefined) return false;
  return candidate.sni.type === target.sni.type && candidate.sni.value === target.sni.value;
}

interface EffectiveRule {
  readonly match: RuleMatch;
  readonly conf: TimeoutConf;
}

/** effectiveMatchedRouteRules: one rule per distinct match, its conf merged from every rule that subsumes it (least specific first). */
function effectiveRules(matched: readonly InboundRuleEntry[]): EffectiveRule[] {
  const out: EffectiveRule[] = [];
  for (const r of matched) {
    if (out.some((e) => sameMatch(e.match, r.match))) continue;
    const applicable = matched
      .filter((c) => subsumes(c.match, r.match))
      .map((c, i) => ({ c, i }))
      .sort((x, y) => compareSpecificity(x.c.match, y.c.match, false) || x.i - y.i)
      .map((x) => x.c);
    if (applicable.length === 0) continue;
    out.push({ match: r.match!, conf: timeoutConf(mergeConfs(applicable)) });
  }
  return out;
}

/** matchedRouteSupportsTimeouts: a route action naming a cluster, a cluster header, or weighted clusters that all name one. */
function supportsTimeouts(action: JsonObject | undefined): boolean {
  if (!action) return false;
  if (typeof action["cluster"] === "string") return action["cluster"] !== "";
  if (typeof action["clusterHeader"] === "string") return action["clusterHeader"] !== "";
  const wc = action["weightedClusters"];
  if (isJsonObject(wc)) {
    const cs = Array.isArray(wc["clusters"]) ? (wc["clusters"] as JsonObject[]) : [];
    return cs.length > 0 && cs.every((c) => (c["name"] ?? "") !== "" || (c["clusterHeader"] ?? "") !== "");
  }
  return false;
}

/** routeFilterStateMatchers: the spiffeID (exact or prefix) and SNI (exact) filter-state matchers of a match. */
function filterStateMatchers(m: RuleMatch): MutableJson[] {
  const out: MutableJson[] = [];
  if (m.spiffeID) out.push({ key: MESH_TIMEOUT_MATCH.spiffeIdKey, stringMatch: m.spiffeID.type === "Prefix" ? { prefix: m.spiffeID.value ?? "" } : { exact: m.spiffeID.value ?? "" } });
  if (m.sni) out.push({ key: MESH_TIMEOUT_MATCH.sniKey, stringMatch: { exact: m.sni.value ?? "" } });
  return out;
}

/** A FilterStateValue of set_filter_state: a read-only string from a command operator, skipped when empty. */
function filterStateValue(key: string, format: string): MutableJson {
  return { factoryKey: SET_FILTER_STATE.factoryKey, formatString: { textFormatSource: { inlineString: format } }, objectKey: key, readOnly: true, skipIfEmpty: true };
}

/**
 * ConfigureMatchedRoutesOnFilterChain on every chain: when spiffeID rules set route timeouts, a set_filter_state filter
 * first in the chain (once) and, in the HCM's inline route configuration, a copy of every route before it per
 * effective rule, matching the rule on filter state and with the rule's request / stream idle timeouts.
 */
export function configureMatchedRoutes(listener: JsonObject, rules: readonly InboundRuleEntry[]): { value: JsonObject; writes: FieldWrite[]; duplicated: number } {
  const matched = matchedRouteRules(rules);
  if (matched.length === 0) return { value: listener, writes: [], duplicated: 0 };
  const value = cloneJson(listener) as Mut;
  const writes: FieldWrite[] = [];
  const effective = effectiveRules(matched);
  let duplicated = 0;
  arr(value["filterChains"]).forEach((chain, i) => {
    const filters = arr(chain["filters"]);
    if (!filters.some((f) => f["name"] === SET_FILTER_STATE.filter)) {
      const values: MutableJson[] = [];
      if (matched.some((r) => r.match?.spiffeID !== undefined)) values.push(filterStateValue(MESH_TIMEOUT_MATCH.spiffeIdKey, MESH_TIMEOUT_MATCH.spiffeIdFormat));
      if (matched.some((r) => r.match?.sni !== undefined)) values.push(filterStateValue(MESH_TIMEOUT_MATCH.sniKey, MESH_TIMEOUT_MATCH.sniFormat));
      chain["filters"] = [{ name: SET_FILTER_STATE.filter, typedConfig: { "@type": SET_FILTER_STATE.typeUrl, onDownstreamTlsHandshake: values } }, ...filters];
    }
    for (const h of filtersNamed(chain, `/filterChains/${i}`, FILTER.httpConnectionManager)) {
      const rc = h.typed["routeConfig"];
      if (!isJsonObject(rc)) continue;
      arr((rc as Mut)["virtualHosts"]).forEach((vh, k) => {
        const routes: Mut[] = [];
        for (const route of arr(vh["routes"])) {
          for (const e of effective) {
            const clone = cloneJson(route);
            if (!isJsonObject(clone["match"]) || !supportsTimeouts(isJsonObject(clone["route"]) ? clone["route"] : undefined)) continue;
            const match = clone["match"] as Mut;
            match["filterState"] = [...arr(match["filterState"]), ...filterStateMatchers(e.match)];
            const action = clone["route"] as Mut;
            const at = `${h.pointer}/routeConfig/virtualHosts/${k}/routes/${routes.length}/route`;
            // ConfigureMatchedRouteAction: only the timeouts the rule sets.
            for (const [key, path] of [
              ["timeout", "/http/requestTimeout"],
              ["idleTimeout", "/http/streamIdleTimeout"],
            ] as const) {
              const fv = field(e.conf, path);
              if (fv.value === undefined) continue;
              action[key] = protoDuration(fv.value);
              if (fv.source) writes.push({ pointer: `${at}/${key}`, source: fv.source });
            }
            routes.push(clone);
            duplicated++;
          }
          routes.push(route);
        }
        vh["routes"] = routes;
      });
    }
  });
  return { value, writes, duplicated };
}
