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
import type { DataplaneModel } from "../model/dataplane.js";
import { identifyingService, selectConnectionPolicies, type TagSelector, type TagSelectorRank } from "../model/legacy-select.js";
import type { LoggingBackendModel, MeshModel } from "../model/mesh.js";
import type { JsonObject } from "../json.js";
import type { Warning } from "../warnings.js";
import { ACCESS_LOGGER, PASS_THROUGH_SERVICE, TYPE_URL } from "../xds/names.js";
import type { TrafficLogMap, TrafficLogModel } from "../model/traffic-log.js";

export interface MatchedTrafficLog {
  readonly log: TrafficLogModel;
  /** The combined rank (best source selector + matching destination selector). */
  readonly rank: TagSelectorRank;
  /** Other TrafficLogs whose best combined rank for the service equals the winner's (decided by creation time, then name). */
  readonly tiedWith: readonly string[];
}

/**
 * kuma `pkg/core/policy/connection_matcher.go` SelectConnectionPolicies (via `pkg/core/logs/matcher.go`
 * BuildTrafficLogMap, which asks for the dataplane's outbound services plus `pass_through`): the most specific
 * TrafficLog of the dataplane's mesh for each of `services`.
 */
export function matchTrafficLogs(dp: DataplaneModel, logs: readonly TrafficLogModel[], services: readonly string[] = [PASS_THROUGH_SERVICE]): Readonly<Record<string, MatchedTrafficLog>> {
  const selected = selectConnectionPolicies(dp, services, logs);
  return Object.fromEntries(Object.entries(selected).map(([service, s]) => [service, { log: s.policy, rank: s.rank, tiedWith: s.tiedWith }]));
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
