/**
 * Legacy TrafficLog on the outbound listeners of in-mesh services (kuma `pkg/xds/generator/outbound_proxy_generator.go`
 * generateLDS @ v2.14.3, the same at v2.7.20, v2.9.13, v2.10.9 and v2.12.4): for each `kuma.io/service` outbound,
 * the TrafficLog selected for that service (BuildTrafficLogMap, `pkg/core/logs/matcher.go`) adds an access log:
 * NetworkAccessLog on the tcp_proxy of a TCP service, HttpAccessLog on the HTTP connection manager of an HTTP one.
 *
 * OutboundProxyGenerator returns nothing when the Mesh has no TrafficRoute (`if len(TrafficRoutes().Items) == 0`);
 * the outbound listeners then come from the MeshTCPRoute / MeshHTTPRoute plugins, which never read TrafficLogs
 * (only MeshAccessLog). So a TrafficLog for an in-mesh service logs only in a Mesh that has a TrafficRoute (Kuma
 * creates the default `route-all` only with `defaults.createMeshRoutingResources`).
 *
 * meshsim generates every outbound listener as a tcp_proxy, so it writes the access log for TCP services only; for
 * an HTTP service it says what Kuma would do instead (warning `resource-not-modelled`).
 *
 * Pure: no I/O, inputs never mutated.
 */
import type { DataplaneModel } from "../model/dataplane.js";
import { identifyingService } from "../model/legacy-select.js";
import type { MeshModel } from "../model/mesh.js";
import type { TrafficLogModel } from "../model/traffic-log.js";
import { isJsonObject, type JsonObject } from "../json.js";
import type { Warning } from "../warnings.js";
import { FILTER, ORIGIN } from "../xds/names.js";
import type { Write } from "../xds/provenance.js";
import { addResource, type ResourceSet } from "../xds/resource-set.js";
import { DEFAULT_NETWORK_ACCESS_LOG_FORMAT, fileAccessLog, interpolateKumaValues, loggingBackend, type MatchedTrafficLog } from "./traffic-log.js";

const SERVICE_TAG = "kuma.io/service";

export interface OutboundTrafficLogInput {
  readonly dataplane: DataplaneModel;
  readonly mesh: MeshModel;
  /** The TrafficLog selected per service (matchTrafficLogs). */
  readonly selected: Readonly<Record<string, MatchedTrafficLog>>;
  /** Whether the dataplane's Mesh has at least one TrafficRoute (then OutboundProxyGenerator builds the listeners). */
  readonly meshHasTrafficRoute: boolean;
  /** Services whose endpoints speak HTTP, HTTP2 or gRPC (Kuma builds an HTTP connection manager for them). */
  readonly httpServices: ReadonlySet<string>;
}

export interface OutboundTrafficLogResult {
  readonly resources: ResourceSet;
  readonly trace: readonly string[];
  readonly warnings: readonly Warning[];
  readonly writes: readonly Write[];
  /** Per outbound listener, what logs connections through it (for the answer's trace). */
  readonly logged: Readonly<Record<string, string>>;
}

/** The `kuma.io/service` an outbound listener carries in its tags metadata. */
export function serviceOf(listener: JsonObject): string | undefined {
  const md = listener["metadata"];
  const fm = isJsonObject(md) ? md["filterMetadata"] : undefined;
  const tags = isJsonObject(fm) ? fm["io.kuma.tags"] : undefined;
  const s = isJsonObject(tags) ? tags[SERVICE_TAG] : undefined;
  return typeof s === "string" ? s : undefined;
}

/** The `kuma.io/service`s of the in-mesh outbound listeners (what BuildTrafficLogMap asks for, besides pass_through). */
export function outboundServices(resources: ResourceSet): string[] {
  const out = new Set<string>();
  for (const r of resources) if (r.type === "listener" && r.origin === ORIGIN.outbound) {
    const s = serviceOf(r.value);
    if (s !== undefined) out.add(s);
  }
  return [...out].sort();
}

/** Services every endpoint of which declares an HTTP-based `kuma.io/protocol` (Kuma builds an HTTP listener for them). */
export function httpServicesOf(dataplanes: readonly DataplaneModel[], mesh: string): Set<string> {
  const protos = new Map<string, Set<string>>();
  for (const d of dataplanes) if (d.mesh === mesh)
    for (const i of d.inbounds) {
      const s = i.tags[SERVICE_TAG];
      if (s !== undefined) (protos.get(s) ?? protos.set(s, new Set()).get(s)!).add(i.tags["kuma.io/protocol"] ?? "tcp");
    }
  const http = new Set<string>();
  for (const [s, ps] of protos) if ([...ps].every((p) => p === "http" || p === "http2" || p === "grpc")) http.add(s);
  return http;
}

/** Adds the selected TrafficLog's access log to each in-mesh outbound listener, as OutboundProxyGenerator does. */
export function applyOutboundTrafficLogs(resources: ResourceSet, input: OutboundTrafficLogInput): OutboundTrafficLogResult {
  const { dataplane: dp, mesh, selected } = input;
  let rs = resources;
  const trace: string[] = [];
  const warnings: Warning[] = [];
  const writes: Write[] = [];
  const logged: Record<string, string> = {};
  for (const r of resources) {
    if (r.type !== "listener" || r.origin !== ORIGIN.outbound) continue;
    const service = serviceOf(r.value);
    // Own keys only: a service may be named `constructor` or `hasOwnProperty` (found by `npm run fuzz`).
    const m = service === undefined || !Object.prototype.hasOwnProperty.call(selected, service) ? undefined : selected[service];
    if (!service || !m) continue;
    const t = m.log;
    if (!input.meshHasTrafficRoute) {
      trace.push(
        `TrafficLog "${t.name}" is selected for kuma.io/service ${service}, but Mesh ${mesh.name} has no TrafficRoute: Kuma's OutboundProxyGenerator does not run and the MeshTCPRoute/MeshHTTPRoute listener ${r.name} carries no legacy access log (MeshAccessLog logs in-mesh traffic)`,
      );
      continue;
    }
    const backend = loggingBackend(mesh, t.backend);
    if (!backend) {
      warnings.push({ code: "traffic-log-backend-not-found", message: `TrafficLog "${t.name}" is selected for ${service}, but the Mesh has no logging backend "${t.backend || mesh.logging.defaultBackend}": Kuma logs "Logging backend is not found. Ignoring." and adds no access log to ${r.name}` });
      continue;
    }
    if (input.httpServices.has(service)) {
      warnings.push({
        code: "resource-not-modelled",
        message: `TrafficLog "${t.name}": ${service} speaks HTTP, so Kuma's OutboundProxyGenerator builds ${r.name} with an HTTP connection manager and an HTTP access log (backend "${backend.name}"); meshsim generates a tcp_proxy and does not show that log`,
      });
      continue;
    }
    if (backend.type === "tcp") {
      warnings.push({ code: "resource-not-modelled", message: `TrafficLog "${t.name}" logs ${service} to the TCP backend "${backend.name}" (${backend.address}) through kuma-dp's access-log socket, whose path meshsim cannot know; the config shows no access log on ${r.name}` });
      logged[r.name] = `TrafficLog "${t.name}" (TCP backend "${backend.name}", not shown in config)`;
      continue;
    }
    // convertLoggingBackend(mesh, OUTBOUND, sourceService, serviceName, backend, proxy, defaultNetworkAccessLogFormat)
    const format =
      interpolateKumaValues(backend.format || DEFAULT_NETWORK_ACCESS_LOG_FORMAT, {
        sourceService: identifyingService(dp),
        sourceIp: dp.advertisedAddress || dp.address,
        destinationService: service,
        mesh: mesh.name,
        trafficDirection: "OUTBOUND",
      }) + "\n";
    const chains = Array.isArray(r.value["filterChains"]) ? (r.value["filterChains"] as JsonObject[]) : [];
    const value = {
      ...r.value,
      filterChains: chains.map((c, ci) => ({
        ...c,
        filters: (Array.isArray(c["filters"]) ? (c["filters"] as JsonObject[]) : []).map((f, fi) => {
          if (f["name"] !== FILTER.tcpProxy || !isJsonObject(f["typedConfig"])) return f;
          writes.push({ resource: `listener/${r.name}`, pointer: `/filterChains/${ci}/filters/${fi}/typedConfig/accessLog`, source: `TrafficLog/${t.name}`, seq: 0 });
          return { ...f, typedConfig: { ...f["typedConfig"], accessLog: [fileAccessLog(format, backend.path)] } };
        }),
      })),
    };
    rs = addResource(rs, { ...r, value });
    logged[r.name] = `TrafficLog "${t.name}" (file ${backend.path}, backend "${backend.name}")`;
    trace.push(`TrafficLog "${t.name}" is selected for kuma.io/service ${service}: OutboundProxyGenerator (the Mesh has a TrafficRoute) adds a file access log (${backend.path}) to the tcp_proxy of ${r.name}`);
  }
  return { resources: rs, trace, warnings, writes, logged };
}
