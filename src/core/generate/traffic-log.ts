/**
 * Legacy TrafficLog on the outbound passthrough listeners (every supported minor, 2.5 … 2.14; Kuma removed
 * the kind only after 2.14): which TrafficLog a dataplane gets for the `pass_through` pseudo-service, which
 * Mesh logging backend that names, and the access log TransparentProxyGenerator then adds to both outbound
 * passthrough tcp_proxy filters (kuma `pkg/xds/generator/transparent_proxy_generator.go`: the TrafficLog of
 * `core_meta.PassThroughServiceName` = `pass_through`). Kuma's cases @ v2.14.3 (`transparent_proxy_generator_test.go`):
 * "transparent_proxying=true with logs" → golden `transparent-proxy/03.envoy.golden.yaml` (02 plus `accessLog` on
 * both outbound tcp_proxy filters); "transparent_proxying=true" has a TrafficLog for `some-service`, not applied (02).
 *
 * Matching is Kuma's legacy connection-policy matching (SelectConnectionPolicies): a TrafficLog is a candidate
 * when one of its `sources[].match` selects the dataplane (any inbound's tags, or the gateway's), ranked by its
 * most specific such selector; for the destination `kuma.io/service: pass_through` each candidate destination
 * selector that matches adds its own rank; the highest combined rank wins (more tags first, then more exact
 * values than `*`), a tie goes to the TrafficLog created later, and a tie on that to the first by name.
 *
 * Pure: no I/O, inputs never mutated.
 */
import { SERVICE_TAG, type DataplaneModel } from "../model/dataplane.js";
import type { LoggingBackendModel, MeshModel } from "../model/mesh.js";
import type { JsonObject } from "../json.js";
import type { Warning } from "../warnings.js";
import { ACCESS_LOGGER, PASS_THROUGH_SERVICE, TYPE_URL } from "../xds/names.js";
import type { TagSelector, TrafficLogMap, TrafficLogModel } from "../model/traffic-log.js";

const MATCH_ALL = "*";

// ---- Matching (the resource and its admission checks are in snapshot/traffic-log.ts) ----

/** How specific a selector is (kuma `api/mesh/v1alpha1/dataplane_helpers.go` TagSelectorRank). */
export interface TagSelectorRank {
  readonly exact: number;
  readonly wildcard: number;
}

/** TagSelector.Matches (dataplane_helpers.go): every selector tag present, equal or `*`; an empty selector matches anything. */
export function selectorMatches(sel: TagSelector, tags: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of Object.entries(sel)) {
    const got = tags?.[k];
    if (got === undefined) return false;
    if (v !== got && v !== MATCH_ALL) return false;
  }
  return true;
}

/** TagSelector.Rank (dataplane_helpers.go). */
export function selectorRank(sel: TagSelector): TagSelectorRank {
  let exact = 0;
  let wildcard = 0;
  for (const v of Object.values(sel)) {
    if (v === MATCH_ALL) wildcard++;
    else exact++;
  }
  return { exact, wildcard };
}

/** TagSelectorRank.CompareTo (dataplane_helpers.go): more tags first, then more exact ones. */
export function compareRank(a: TagSelectorRank, b: TagSelectorRank): number {
  const ta = a.exact + a.wildcard;
  const tb = b.exact + b.wildcard;
  return ta === tb ? a.exact - b.exact : ta - tb;
}

/** Dataplane.Matches (dataplane_helpers.go): any inbound's tags, else the gateway's (none without a gateway). */
export function dataplaneSelected(dp: DataplaneModel, sel: TagSelector): boolean {
  return dp.inbounds.some((i) => selectorMatches(sel, i.tags)) || selectorMatches(sel, dp.gatewayTags);
}

/** Dataplane.GetIdentifyingService (dataplane_helpers.go): the first kuma.io/service value in byte order, else "unknown". */
export function identifyingService(dp: DataplaneModel): string {
  const services = new Set<string>();
  for (const i of dp.inbounds) if (i.tags[SERVICE_TAG] !== undefined) services.add(i.tags[SERVICE_TAG]);
  if (dp.gatewayTags?.[SERVICE_TAG] !== undefined) services.add(dp.gatewayTags[SERVICE_TAG]);
  const sorted = [...services].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[0] ?? "unknown";
}

/** GetMeta().GetCreationTime(): missing or unreadable times are Go's zero time (the earliest). */
function createdAt(log: TrafficLogModel): number {
  const t = log.creationTime === undefined ? NaN : Date.parse(log.creationTime);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export interface MatchedTrafficLog {
  readonly log: TrafficLogModel;
  /** The combined rank (best source selector + matching destination selector). */
  readonly rank: TagSelectorRank;
  /** Other TrafficLogs whose best combined rank for the service equals the winner's (decided by creation time, then name). */
  readonly tiedWith: readonly string[];
}

/**
 * kuma `pkg/core/policy/connection_policy.go` SelectConnectionPolicies (via `pkg/core/logs/matcher.go`
 * BuildTrafficLogMap, which asks for the dataplane's outbound services plus `pass_through`): the most specific
 * TrafficLog of the dataplane's mesh for each of `services`.
 */
export function matchTrafficLogs(dp: DataplaneModel, logs: readonly TrafficLogModel[], services: readonly string[] = [PASS_THROUGH_SERVICE]): Readonly<Record<string, MatchedTrafficLog>> {
  // sort.Stable(ConnectionPolicyByName): Go compares names bytewise.
  const sorted = logs.filter((l) => l.mesh === dp.mesh).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const candidates: { log: TrafficLogModel; sourceRank: TagSelectorRank }[] = [];
  for (const log of sorted) {
    let best: TagSelectorRank | undefined;
    for (const src of log.sources) {
      if (!dataplaneSelected(dp, src)) continue;
      const r = selectorRank(src);
      if (!best || compareRank(r, best) > 0) best = r;
    }
    if (best) candidates.push({ log, sourceRank: best });
  }
  const out: Record<string, MatchedTrafficLog> = {};
  for (const service of services) {
    if (service in out) continue;
    const outboundTags = { [SERVICE_TAG]: service };
    let winner: { log: TrafficLogModel; rank: TagSelectorRank } | undefined;
    const bestOf = new Map<string, TagSelectorRank>();
    for (const c of candidates) {
      for (const dst of c.log.destinations) {
        if (!selectorMatches(dst, outboundTags)) continue;
        const d = selectorRank(dst);
        const rank = { exact: d.exact + c.sourceRank.exact, wildcard: d.wildcard + c.sourceRank.wildcard };
        const prev = bestOf.get(c.log.name);
        if (!prev || compareRank(rank, prev) > 0) bestOf.set(c.log.name, rank);
        const cmp = winner ? compareRank(rank, winner.rank) : 1;
        if (cmp > 0 || (cmp === 0 && createdAt(c.log) > createdAt(winner!.log))) winner = { log: c.log, rank };
      }
    }
    if (!winner) continue;
    const w = winner;
    const tiedWith = [...bestOf].filter(([name, r]) => name !== w.log.name && compareRank(r, w.rank) === 0).map(([name]) => name);
    out[service] = { log: w.log, rank: w.rank, tiedWith };
  }
  return out;
}

// ---- The access log ----

/** kuma `pkg/xds/envoy/listeners/v3/network_access_log_configurer.go` defaultNetworkAccessLogFormat (Kuma appends "\n"). */
export const DEFAULT_NETWORK_ACCESS_LOG_FORMAT =
  "[%START_TIME%] %RESPONSE_FLAGS% %KUMA_MESH% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%(%KUMA_SOURCE_SERVICE%)->%UPSTREAM_HOST%(%KUMA_DESTINATION_SERVICE%) took %DURATION%ms, sent %BYTES_SENT% bytes, received: %BYTES_RECEIVED% bytes";

/** The destination service TransparentProxyGenerator gives the passthrough access log. */
export const PASS_THROUGH_DESTINATION = "external";

export interface KumaValues {
  readonly sourceService: string;
  readonly sourceIp: string;
  readonly destinationService: string;
  readonly mesh: string;
  /** envoy.TrafficDirection; the passthrough listener's access log uses UNSPECIFIED. */
  readonly trafficDirection: "OUTBOUND" | "INBOUND" | "UNSPECIFIED";
}

/** Go net.JoinHostPort: brackets around an address with a colon. */
function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** kuma `pkg/xds/envoy/listeners/v3/access_log_configurer.go` InterpolateKumaValues: the %KUMA_*% placeholders, in Kuma's order. */
export function interpolateKumaValues(format: string, v: KumaValues): string {
  const pairs: readonly (readonly [string, string])[] = [
    ["%KUMA_SOURCE_ADDRESS%", joinHostPort(v.sourceIp, "0")],
    ["%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%", v.sourceIp],
    ["%KUMA_SOURCE_SERVICE%", v.sourceService],
    ["%KUMA_DESTINATION_SERVICE%", v.destinationService],
    ["%KUMA_MESH%", v.mesh],
    ["%KUMA_TRAFFIC_DIRECTION%", v.trafficDirection],
  ];
  // strings.ReplaceAll is literal: a function replacement keeps `$` in values from being read as a pattern.
  return pairs.reduce((out, [placeholder, value]) => out.replaceAll(placeholder, () => value), format);
}

/** kuma `pkg/xds/envoy/listeners/v3/access_log_configurer.go` fileAccessLog: an AccessLog with a FileAccessLog text format. */
export function fileAccessLog(format: string, path: string): JsonObject {
  return {
    name: ACCESS_LOGGER.file,
    typedConfig: { "@type": TYPE_URL.fileAccessLog, logFormat: { textFormatSource: { inlineString: format } }, path },
  };
}

/** kuma `pkg/core/resources/apis/mesh/mesh_helpers.go` GetLoggingBackend: by name, "" meaning the default backend. */
export function loggingBackend(mesh: MeshModel, name: string): LoggingBackendModel | undefined {
  const wanted = name === "" ? mesh.logging.defaultBackend : name;
  let found: LoggingBackendModel | undefined;
  for (const b of mesh.logging.backends) if (b.name === wanted) found = b; // a Go map: the last one wins
  return found;
}

/** What the passthrough TrafficLog does to the outbound passthrough listeners. */
export type PassThroughLog =
  | { readonly status: "file"; readonly trafficLog: TrafficLogModel; readonly backend: LoggingBackendModel; readonly accessLog: JsonObject }
  /** A TCP backend: Kuma logs through kuma-dp's access-log socket, whose path meshsim cannot know (not modelled). */
  | { readonly status: "tcp-not-modelled"; readonly trafficLog: TrafficLogModel; readonly backend: LoggingBackendModel }
  /** The TrafficLog names a backend the Mesh does not have: Kuma logs "Logging backend is not found. Ignoring." */
  | { readonly status: "backend-not-found"; readonly trafficLog: TrafficLogModel; readonly backendName: string };

/**
 * kuma `pkg/xds/generator/transparent_proxy_generator.go` (the NetworkAccessLog configurer on the outbound
 * passthrough filter chain): `ctx.Mesh.GetLoggingBackend(proxy.Policies.TrafficLogs["pass_through"])`, then
 * `convertLoggingBackend(mesh, UNSPECIFIED, GetIdentifyingService(), "external", backend, proxy, defaultNetworkAccessLogFormat)`.
 * Undefined when no TrafficLog was selected for `pass_through`.
 */
export function passThroughLog(dp: DataplaneModel, mesh: MeshModel, trafficLogs: TrafficLogMap): PassThroughLog | undefined {
  const trafficLog = trafficLogs[PASS_THROUGH_SERVICE];
  if (!trafficLog) return undefined;
  const backend = loggingBackend(mesh, trafficLog.backend);
  if (!backend) return { status: "backend-not-found", trafficLog, backendName: trafficLog.backend === "" ? mesh.logging.defaultBackend : trafficLog.backend };
  if (backend.type === "tcp") return { status: "tcp-not-modelled", trafficLog, backend };
  const values: KumaValues = {
    sourceService: identifyingService(dp),
    // DataplaneResource.GetIP: the advertised address when set, else the address.
    sourceIp: dp.advertisedAddress || dp.address,
    destinationService: PASS_THROUGH_DESTINATION,
    mesh: mesh.name,
    trafficDirection: "UNSPECIFIED",
  };
  const format = interpolateKumaValues(backend.format || DEFAULT_NETWORK_ACCESS_LOG_FORMAT, values) + "\n";
  return { status: "file", trafficLog, backend, accessLog: fileAccessLog(format, backend.path) };
}

// ---- The explanation ----

function describeSelector(sel: TagSelector): string {
  const entries = Object.entries(sel).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? "{}" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}

/** Trace lines, warnings and assumptions for the TrafficLog selected for `pass_through` (or none). */
export function explainPassThroughLog(
  matched: MatchedTrafficLog | undefined,
  log: PassThroughLog | undefined,
  listeners: readonly string[],
): { trace: string[]; warnings: Warning[]; assumptions: string[] } {
  const trace: string[] = [];
  const warnings: Warning[] = [];
  const assumptions: string[] = [];
  if (!matched || !log) return { trace, warnings, assumptions };
  const t = matched.log;
  const rank = `rank ${matched.rank.exact} exact + ${matched.rank.wildcard} wildcard tags`;
  trace.push(`TrafficLog "${t.name}" is selected for kuma.io/service pass_through (sources ${t.sources.map(describeSelector).join(" | ")}; destinations ${t.destinations.map(describeSelector).join(" | ")}; ${rank})`);
  if (matched.tiedWith.length > 0) {
    const byTime = t.creationTime !== undefined;
    assumptions.push(
      `TrafficLogs ${[t.name, ...matched.tiedWith].map((n) => `"${n}"`).join(", ")} match pass_through equally (${rank}); Kuma picks the one created last, then the first by name: "${t.name}"${byTime ? " (by creationTime)" : " (no creationTime given, so by name)"}`,
    );
  }
  const on = listeners.join(" and ");
  switch (log.status) {
    case "file":
      trace.push(`TrafficLog "${t.name}": backend "${log.backend.name}" (file ${log.backend.path}) adds an access log to the tcp_proxy of ${on}`);
      break;
    case "tcp-not-modelled":
      warnings.push({
        code: "resource-not-modelled",
        message: `TrafficLog "${t.name}" logs passthrough connections to the TCP backend "${log.backend.name}" (${log.backend.address}): Kuma adds an access log to the tcp_proxy of ${on} that writes to kuma-dp's access-log socket, whose path depends on the running kuma-dp; meshsim does not model TCP logging backends, so the config shows no access log`,
      });
      break;
    case "backend-not-found":
      warnings.push({
        code: "traffic-log-backend-not-found",
        message: `TrafficLog "${t.name}" is selected for pass_through, but the Mesh has no logging backend ${log.backendName === "" ? "(no conf.backend and no logging.defaultBackend)" : `"${log.backendName}"`}: Kuma logs "Logging backend is not found. Ignoring." and adds no access log`,
      });
      trace.push(`TrafficLog "${t.name}": no logging backend, no access log`);
      break;
  }
  return { trace, warnings, assumptions };
}
