/**
 * The MeshAccessLog plugin (kuma `pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go`, order 600): access
 * loggers on the sidecar listeners a proxy's MeshAccessLogs reach, in Kuma's order — the inbound listeners (`from` /
 * `rules`), the outbound listeners of `kuma.io/service` destinations (`to` Mesh / MeshService by name), the outbound
 * passthrough listeners (the `to: Mesh` conf, for the pseudo-service `pass_through`), then the listeners of real
 * resources (MeshService, MeshExternalService, MeshMultiZoneService), and one cluster per OpenTelemetry collector.
 * What changed between releases is the `mal*` rows of the version table; notably from 2.11.0 the passthrough listeners
 * get the literal format `tcp` when a backend has no format (plugin.go applyToTransparentProxyListeners passes
 * `core_meta.ProtocolTCP` where configureListener takes the default format; seen at 2.11.0 … v2.14.3 and the 3.0 line).
 *
 * Not modelled (warned): logs on MeshHTTPRoute routes (meshsim has no MeshHTTPRoute routes), OpenTelemetry backends by
 * `backendRef` (MeshOpenTelemetryBackend), zone proxies, builtin gateways and direct-access listeners (meshsim
 * generates none). The access-log socket of TCP backends lives in kuma-dp's work directory, a temporary directory kuma-dp
 * creates at start: meshsim assumes `/tmp` (as Kuma's plugin tests do) and says so.
 *
 * Pure: no input is mutated.
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import type { DataplaneModel } from "../../model/dataplane.js";
import { identifyingService } from "../../model/legacy-select.js";
import type { PolicyResource } from "../../model/policy.js";
import type { VersionFeatures } from "../../model/versions.js";
import type { Warning } from "../../warnings.js";
import { accessLogSocketName, FILTER, meshAccessLogOtelClusterName, ORIGIN, passthroughName, PASS_THROUGH_SERVICE, type NamingScheme } from "../../xds/names.js";
import type { Write } from "../../xds/provenance.js";
import type { ResourceSet, XdsResource } from "../../xds/resource-set.js";
import type { PolicyPlugin, PluginOutput } from "../types.js";
import type { MeshAccessLogSpec } from "./api.js";
import { entryName, inboundRules, legacyServiceConf, mergeConfs, resourceConf, routeEntries, workloadIdentity, type Entry, type MergedConf } from "./conf.js";
import {
  buildAccessLog,
  celFilter,
  collectorCluster,
  DEFAULT_HTTP_FORMAT,
  DEFAULT_NETWORK_FORMAT,
  matchToCel,
  ROUTE_KRI_NULL_FILTER,
  type EndpointAccumulator,
  type KumaValues,
} from "./envoy.js";

/** kuma-dp's work directory, where the TCP backends' access-log socket is (assumed: kuma-dp makes a temporary one). */
export const ASSUMED_WORK_DIR = "/tmp";

const SERVICE_TAG = "kuma.io/service";

/** One access logger to add, with the entry it comes from and, when set, the default format it takes. */
interface Log {
  readonly backendIndex: number;
  readonly entry: Entry;
  readonly filter?: JsonObject;
}

/** How a listener's default format is chosen: Kuma's format string, or per filter (HCM: HTTP, tcp_proxy: network). */
type DefaultFormat = { readonly fixed: string } | "per-filter";

const objects = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isJsonObject) : []);

/** Whether any chain of the listener ends in an HTTP connection manager (Kuma's protocol for it is HTTP-based). */
function isHttpListener(listener: JsonObject): boolean {
  return objects(listener["filterChains"]).some((c) => objects(c["filters"]).some((f) => f["name"] === FILTER.httpConnectionManager));
}

/** `DataplaneResource.GetIP` (advertised address first); the 3.0 line logs `GetAddress`. */
function sourceIp(dp: DataplaneModel, f: VersionFeatures): string {
  return f.unifiedNamingAlways ? dp.address : dp.advertisedAddress || dp.address;
}

/** `IdentifyingName`: the first `kuma.io/service` (2.x), or on the 3.0 line (no inbound tags) the `kuma.io/workload` label. */
function identifyingName(dp: DataplaneModel, f: VersionFeatures): string {
  return f.inboundTagsField ? identifyingService(dp) : (dp.labels["kuma.io/workload"] ?? "unknown");
}

/** The listener's `host:port` (GatherListeners keys listeners by their socket address). */
function socketKey(listener: JsonObject): string | undefined {
  const sa = isJsonObject(listener["address"]) ? listener["address"]["socketAddress"] : undefined;
  return isJsonObject(sa) ? `${String(sa["address"])}:${String(sa["portValue"])}` : undefined;
}

class Run {
  rs: XdsResource[];
  acc: EndpointAccumulator = { endpoints: [] };
  /** Whether a log went to kuma-dp's access-log socket (a TCP backend). */
  socketUsed = false;
  readonly writes: Write[] = [];
  readonly trace: string[] = [];
  readonly warnings: Warning[] = [];
  readonly scheme: NamingScheme;
  readonly socketPath: string;
  readonly zone: string;
  readonly workloadKri: string;

  constructor(
    resources: ResourceSet,
    readonly f: VersionFeatures,
    readonly dp: DataplaneModel,
    scheme: NamingScheme,
  ) {
    this.rs = resources.slice();
    this.scheme = scheme;
    this.socketPath = accessLogSocketName(ASSUMED_WORK_DIR, dp.name, dp.mesh);
    const id = f.malOtelResourceAttributes ? workloadIdentity(dp) : { zone: "", workloadKri: "" };
    this.zone = id.zone;
    this.workloadKri = id.workloadKri;
  }

  values(sourceService: string, destinationService: string, trafficDirection: KumaValues["trafficDirection"]): KumaValues {
    return { sourceService, sourceIp: sourceIp(this.dp, this.f), destinationService, mesh: this.dp.mesh, trafficDirection, zone: this.zone, workloadKri: this.workloadKri };
  }

  /**
   * pkg/envoy/builders/listener/listener.go AccessLogs @ v2.14.3 (and configurer.go Configure before 2.11.0): the logs
   * appended to the HTTP connection manager and the tcp_proxy of every filter chain, each recorded as a write.
   */
  configure(index: number, logs: readonly Log[], df: DefaultFormat, values: KumaValues): number {
    const r = this.rs[index]!;
    const chains = objects(r.value["filterChains"]);
    let added = 0;
    const newChains = chains.map((chain, ci) => {
      let seen = { hcm: false, tcp: false };
      const filters = objects(chain["filters"]).map((filter, fi) => {
        const hcm = filter["name"] === FILTER.httpConnectionManager;
        const tcp = filter["name"] === FILTER.tcpProxy;
        if ((!hcm && !tcp) || (hcm && seen.hcm) || (tcp && seen.tcp) || !isJsonObject(filter["typedConfig"])) return filter;
        seen = { hcm: seen.hcm || hcm, tcp: seen.tcp || tcp };
        const tc = filter["typedConfig"];
        const existing = objects(tc["accessLog"]);
        const defaultFormat = df === "per-filter" ? (hcm ? DEFAULT_HTTP_FORMAT : DEFAULT_NETWORK_FORMAT) : df.fixed;
        const built: JsonObject[] = [];
        for (const l of logs) {
          const b = l.entry.conf.backends?.[l.backendIndex];
          if (!b) continue;
          const out = buildAccessLog(b, this.acc, { defaultFormat, values, socketPath: this.socketPath, scheme: this.scheme, features: this.f, ...(l.filter ? { filter: l.filter } : {}) });
          if (!out) continue;
          this.acc = out.acc;
          if (out.accessLog["typedConfig"] && (out.accessLog["typedConfig"] as JsonObject)["path"] === this.socketPath) this.socketUsed = true;
          this.writes.push({ resource: `listener/${r.name}`, pointer: `/filterChains/${ci}/filters/${fi}/typedConfig/accessLog/${existing.length + built.length}`, source: entryName(l.entry), seq: 0 });
          built.push(out.accessLog);
        }
        if (built.length === 0) return filter;
        added += built.length;
        return { ...filter, typedConfig: { ...tc, accessLog: [...existing, ...built] } };
      });
      return { ...chain, filters };
    });
    if (added > 0) this.rs[index] = { ...r, value: { ...r.value, filterChains: newChains } };
    return added;
  }

  /** The logs of a merged conf: one per backend of the entry that set them. */
  static confLogs(conf: MergedConf, filter?: JsonObject): Log[] {
    return conf.source ? conf.backends.map((_, backendIndex) => ({ backendIndex, entry: conf.source!, ...(filter ? { filter } : {}) })) : [];
  }

  note(listener: string, logs: readonly Log[], added: number, what: string): void {
    if (added === 0) return;
    const sources = [...new Set(logs.map((l) => entryName(l.entry)))].join(", ");
    this.trace.push(`MeshAccessLog (order 600): ${added} access log${added === 1 ? "" : "s"} on ${listener} (${what}; from ${sources})`);
  }
}

// kumahq/kuma@v2.14.3 plugin.go applyToInbounds (merged catch-all confs before v2.14.0; once per listener from the dedupe backports)
function applyToInbounds(run: Run, policies: readonly PolicyResource<MeshAccessLogSpec>[]): void {
  const { f, dp } = run;
  const rules = inboundRules(policies, f);
  if (rules.length === 0) return;
  if (!f.malInboundFanOut) {
    const ignored = rules.filter((r) => (r.entry.matches ?? []).length > 0);
    for (const r of new Set(ignored.map((x) => entryName(x.entry))))
      run.warnings.push({ code: "field-ignored", message: `MeshAccessLog ${r}: rules[].matches is not in Kuma ${f.minor}'s API (added in 2.14.0): the rule logs every client` });
  }
  const configured = new Set<string>();
  for (const inbound of dp.inbounds) {
    const key = `${inbound.address}:${inbound.port}`;
    if (f.malInboundDedupe && configured.has(key)) continue;
    const index = run.rs.findIndex((r) => r.type === "listener" && r.origin === ORIGIN.inbound && socketKey(r.value) === key);
    if (index < 0) continue;
    configured.add(key);
    const listener = run.rs[index]!;
    const destination = !f.inboundTagsField && inbound.name ? `kri_dp_${dp.mesh}_${dp.labels["kuma.io/zone"] ?? ""}_${dp.labels["k8s.kuma.io/namespace"] ?? ""}_${dp.name}_${inbound.name}` : identifyingName(dp, f);
    const values = run.values("unknown", destination, "INBOUND");
    const df: DefaultFormat = f.malDefaultFormatByProtocol ? { fixed: isHttpListener(listener.value) ? DEFAULT_HTTP_FORMAT : DEFAULT_NETWORK_FORMAT } : "per-filter";
    let logs: Log[];
    if (f.malInboundFanOut) {
      // rules.go BuildAccessLogBuildersFromRules: every rule logs on its own, a match as a CEL filter.
      logs = rules.flatMap((r) => {
        const expr = matchToCel(r.match);
        return (r.entry.conf.backends ?? []).map((_, backendIndex) => ({ backendIndex, entry: r.entry, ...(expr !== "" ? { filter: celFilter(expr) } : {}) }));
      });
    } else logs = Run.confLogs(mergeConfs(rules.map((r) => r.entry)));
    run.note(listener.name, logs, run.configure(index, logs, df, values), "incoming traffic");
  }
}

/**
 * kumahq/kuma@v2.14.3 plugin.go applyToOutbounds: the outbound listeners of `kuma.io/service` destinations, by the
 * dataplane's outbounds (meshsim's VIP listeners carry their service in their tags) and ComputeConf for the service.
 */
function applyToOutbounds(run: Run, policies: readonly PolicyResource<MeshAccessLogSpec>[]): void {
  const { f, dp } = run;
  const services: { key: string; service: string }[] = dp.outbounds.filter((o) => o.service).map((o) => ({ key: `${o.address}:${o.port}`, service: o.service! }));
  for (const r of run.rs) {
    if (r.type !== "listener" || r.origin !== ORIGIN.outbound || r.resourceOrigin) continue;
    const md = r.value["metadata"];
    const fm = isJsonObject(md) ? md["filterMetadata"] : undefined;
    const tags = isJsonObject(fm) ? fm["io.kuma.tags"] : undefined;
    const service = isJsonObject(tags) ? tags[SERVICE_TAG] : undefined;
    const key = socketKey(r.value);
    if (typeof service === "string" && key && !services.some((s) => s.key === key)) services.push({ key, service });
  }
  for (const { key, service } of services) {
    // GatherListeners keys the outbound listeners by address, whatever resource they serve.
    const index = run.rs.findIndex((r) => r.type === "listener" && r.origin === ORIGIN.outbound && socketKey(r.value) === key);
    if (index < 0) continue;
    const conf = legacyServiceConf(policies, service);
    if (!conf) continue;
    const listener = run.rs[index]!;
    const df: DefaultFormat = f.malDefaultFormatByProtocol ? { fixed: isHttpListener(listener.value) ? DEFAULT_HTTP_FORMAT : DEFAULT_NETWORK_FORMAT } : "per-filter";
    const logs = Run.confLogs(conf);
    run.note(listener.name, logs, run.configure(index, logs, df, run.values(identifyingName(dp, f), service, "OUTBOUND")), `kuma.io/service ${service}`);
  }
}

// kumahq/kuma@v2.14.3 plugin.go applyToTransparentProxyListeners (the format is the literal `tcp` from 2.11.0)
function applyToPassthrough(run: Run, policies: readonly PolicyResource<MeshAccessLogSpec>[]): void {
  const { f, dp } = run;
  const conf = legacyServiceConf(policies, PASS_THROUGH_SERVICE);
  if (!conf) return;
  const names = new Set((["ipv4", "ipv6"] as const).flatMap((fam) => [passthroughName("outbound", fam, "legacy"), passthroughName("outbound", fam, "unified")]));
  const df: DefaultFormat = f.malDefaultFormatByProtocol ? { fixed: "tcp" } : "per-filter";
  const logs = Run.confLogs(conf);
  for (let i = 0; i < run.rs.length; i++) {
    const r = run.rs[i]!;
    if (r.type !== "listener" || r.origin !== ORIGIN.transparent || !names.has(r.name)) continue;
    const added = run.configure(i, logs, df, run.values(identifyingName(dp, f), "external", "OUTBOUND"));
    run.note(r.name, logs, added, "passthrough traffic, the to: Mesh conf");
    if (added > 0 && f.malDefaultFormatByProtocol && logs.some((l) => backendWithoutFormat(l)))
      run.trace.push(
        `MeshAccessLog: a backend without a format logs the literal line "tcp" on ${r.name} (Kuma ${f.minor} passes the protocol where the default format goes: plugin.go applyToTransparentProxyListeners)`,
      );
  }
}

function backendWithoutFormat(l: Log): boolean {
  const b = l.entry.conf.backends?.[l.backendIndex];
  return b !== undefined && ((b.type === "File" && !b.file?.format) || (b.type === "Tcp" && !b.tcp?.format) || (b.type === "OpenTelemetry" && b.openTelemetry?.body === undefined));
}

// kumahq/kuma@v2.14.3 plugin.go applyToRealResource (without MeshHTTPRoute routes: meshsim generates none)
function applyToRealResources(run: Run, policies: readonly PolicyResource<MeshAccessLogSpec>[]): void {
  const { f, dp } = run;
  for (let i = 0; i < run.rs.length; i++) {
    const r = run.rs[i]!;
    if (r.type !== "listener" || !r.resourceOrigin) continue;
    const conf = resourceConf(policies, r.resourceOrigin);
    if (!conf) continue;
    const http = isHttpListener(r.value);
    const df: DefaultFormat = f.malDefaultFormatByProtocol ? { fixed: http ? DEFAULT_HTTP_FORMAT : DEFAULT_NETWORK_FORMAT } : "per-filter";
    const logs = Run.confLogs(conf, f.malDefaultFormatByProtocol && http ? ROUTE_KRI_NULL_FILTER : undefined);
    const o = r.resourceOrigin;
    run.note(r.name, logs, run.configure(i, logs, df, run.values(identifyingName(dp, f), o.name, "OUTBOUND")), `${o.kind} ${o.name}`);
  }
}

function warnUnmodelled(run: Run, policies: readonly PolicyResource<MeshAccessLogSpec>[]): void {
  for (const e of routeEntries(policies))
    run.warnings.push({
      code: "resource-not-modelled",
      message: `MeshAccessLog ${entryName(e)} logs requests of MeshHTTPRoute "${e.targetRef?.name ?? ""}": Kuma adds those logs (and a Lua filter) to the routes of that MeshHTTPRoute, which meshsim does not generate; the config shows none of them`,
    });
  for (const p of policies)
    for (const [field, items] of [
      ["to", p.spec.to ?? []],
      ["from", p.spec.from ?? []],
      ["rules", p.spec.rules ?? []],
    ] as const)
      items.forEach((item, i) =>
        (item.default?.backends ?? []).forEach((b, k) => {
          if (b.type === "OpenTelemetry" && b.openTelemetry?.backendRef)
            run.warnings.push({
              code: "resource-not-modelled",
              message: `MeshAccessLog ${p.envelope.name}#${field}[${i}]: backends[${k}] sends to a MeshOpenTelemetryBackend (backendRef), which meshsim does not model: that access log is left out`,
            });
        }),
      );
}

/** clusters.go AddLogBackendConf @ v2.14.3: one cluster per OpenTelemetry collector the logs send to (origin `meshaccesslog`). */
function addCollectorClusters(run: Run, connectTimeout: string): XdsResource[] {
  const rs = run.rs.slice();
  run.acc.endpoints.forEach((e, i) => {
    const name = meshAccessLogOtelClusterName(i, e.address, e.port, run.scheme);
    const r: XdsResource = { type: "cluster", name, origin: ORIGIN.meshAccessLog, value: collectorCluster(name, e, connectTimeout, run.dp.address.includes(":")) };
    const at = rs.findIndex((x) => x.type === "cluster" && x.name === name);
    if (at >= 0) rs[at] = r;
    else rs.push(r);
    run.trace.push(`MeshAccessLog: cluster ${name} for the OpenTelemetry collector ${e.address}:${e.port}`);
  });
  return rs;
}

/** MeshAccessLog's plugin: see the file comment. */
export const meshAccessLogPlugin: PolicyPlugin = {
  apply(resources, ctx): PluginOutput {
    const policies = ctx.policies as readonly PolicyResource<MeshAccessLogSpec>[];
    const run = new Run(resources, ctx.features, ctx.dataplane, ctx.transparentProxy.scheme);
    warnUnmodelled(run, policies);
    applyToInbounds(run, policies);
    applyToOutbounds(run, policies);
    applyToPassthrough(run, policies);
    applyToRealResources(run, policies);
    const rs = addCollectorClusters(run, ctx.features.passthroughConnectTimeout);
    return {
      resources: rs,
      warnings: run.warnings,
      trace: run.trace,
      writes: run.writes,
      ...(run.socketUsed
        ? { assumptions: [`MeshAccessLog TCP backends log through kuma-dp's socket in its work directory, a temporary directory kuma-dp creates at start: assumed ${ASSUMED_WORK_DIR}, so the path is ${run.socketPath}`] }
        : {}),
    };
  },
};
