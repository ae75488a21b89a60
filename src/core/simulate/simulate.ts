/**
 * The pipeline: parse → validate → select → generate → policy plugins → match → explain.
 * Pure and synchronous: same input, same output; inputs are never mutated.
 */
import { diffJson, type DiffOp } from "../diff.js";
import { joinPath, type Violation } from "../errors.js";
import { checkExpectation, type Expectation, type ExpectationOutcome } from "./expect.js";
import type { Limits } from "../match/limits.js";
import { walkInbound, type InboundHow, type InboundReasonCode, type InboundWalk } from "../match/inbound.js";
import { walkOutbound, type OutboundWalk, type ReasonCode } from "../match/outbound.js";
import { parseDestination } from "../match/request.js";
import { inPrefix, parseIp } from "../net/ip.js";
import type { ModificationReport } from "../model/modification.js";
import { buildProxy, type PolicySummary, type ProxyState, type ZoneSettings } from "./proxy.js";
import type { BatchBody, SimRequest, SimulateBody, ValidateBody } from "./schema.js";
import { defaultDataplane, type DataplaneModel } from "../model/dataplane.js";
import { meshModel } from "../snapshot/mesh.js";
import { DEFAULT_MESH_NAME } from "../model/mesh.js";
import { buildSnapshot, type Snapshot } from "../snapshot/snapshot.js";
import { POLICIES } from "../policies/registry.js";
import { features as featuresOf, resolveVersion, type KumaMinor, type VersionFeatures } from "../model/versions.js";
import type { Warning } from "../warnings.js";
import { isJsonObject, type JsonObject } from "../json.js";
import { findResource, renderConfig, type EnvoyConfig, type ResourceSet } from "../xds/resource-set.js";

export type { PolicySummary } from "./proxy.js";

/** Kuma DNS's VIP range (kuma-cp.defaults.yaml dnsServer.CIDR); MeshService & co. VIPs (241-243/8) lie inside it. */
const MESH_VIP_RANGES: readonly (readonly [string, number])[] = [["240.0.0.0", 4]];

export type Verdict = OutboundWalk["verdict"] | InboundWalk["verdict"] | "config-error";

/** What one request adds on top of its dataplane's generation. */
export interface RequestPart {
  readonly verdict: Verdict;
  readonly reason: { readonly code: ReasonCode | InboundReasonCode | "config-error"; readonly message: string };
  /** Inbound only: how an accepted connection reaches the application. */
  readonly how?: InboundHow | null;
  readonly listener: OutboundWalk["listener"];
  readonly filterChain: OutboundWalk["filterChain"];
  readonly route: OutboundWalk["route"];
  readonly cluster: OutboundWalk["cluster"];
  readonly limits: Limits;
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  readonly trace: readonly string[];
}

/** What every request from one dataplane shares: the policies, modifications, generation notes and config. */
export interface DataplanePart {
  readonly policies: readonly PolicySummary[];
  readonly modifications: readonly ModificationReport[];
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  readonly trace?: readonly string[];
  readonly config?: EnvoyConfig;
  readonly diff?: readonly DiffOp[];
}

/** The answer of `POST /v1/simulate`: a request's walk, and its dataplane's shared facts (contract order). */
export type SimulationResult = { readonly kumaVersion: KumaMinor; readonly dataplane: string } & Omit<RequestPart, "warnings" | "assumptions" | "trace"> &
  Omit<DataplanePart, "trace"> & { readonly trace?: readonly string[] };

export type SimulateOutcome = { readonly ok: true; readonly result: SimulationResult } | { readonly ok: false; readonly errors: readonly Violation[] };

export interface BatchResult {
  readonly kumaVersion: KumaMinor;
  readonly results: readonly (Omit<RequestPart, "trace"> & { readonly dataplane: string; readonly trace?: readonly string[]; readonly expectation: ExpectationOutcome | null })[];
  /** Per source dataplane, what all its requests share. */
  readonly dataplanes: Readonly<Record<string, DataplanePart>>;
  readonly summary: { readonly total: number; readonly passed: number; readonly failed: number };
}
export type BatchOutcome = { readonly ok: true; readonly result: BatchResult } | { readonly ok: false; readonly errors: readonly Violation[] };

type Include = "config" | "diff" | "trace";

/** Version and snapshot, shared by every request of a call. */
interface Prepared {
  readonly minor: KumaMinor;
  readonly features: VersionFeatures;
  readonly snapshot: Snapshot;
  readonly zone: ZoneSettings;
  readonly assumptions: readonly string[];
}

function prepare(body: Pick<SimulateBody, "kumaVersion" | "resources" | "patches" | "zone">): { prepared: Prepared } | { errors: readonly Violation[] } {
  const version = resolveVersion(body.kumaVersion, "kumaVersion");
  if ("error" in version) return { errors: [version.error] };
  const features = featuresOf(version.release);
  const built = buildSnapshot(body.resources, body.patches, features, POLICIES);
  if ("errors" in built) return { errors: built.errors };
  return {
    prepared: {
      minor: version.minor,
      features,
      snapshot: built.snapshot,
      zone: { environment: body.zone?.environment ?? "universal", apiServer: body.zone?.apiServer },
      assumptions: body.kumaVersion ? [] : [`kumaVersion not given: simulated Kuma ${version.minor}`],
    },
  };
}

function pickDataplane(snap: Snapshot, from: string | undefined, path: string): { dp: DataplaneModel; assumption?: string } | { error: Violation } {
  const dps = snap.dataplanes;
  if (from !== undefined) {
    const dp = dps.find((d) => d.name === from || `${d.name}.${d.labels["k8s.kuma.io/namespace"]}` === from);
    if (dp) return { dp };
    return { error: { path, message: `no Dataplane named "${from}" in the snapshot${dps.length > 0 ? `; dataplanes: ${dps.map((d) => d.name).join(", ")}` : ""}` } };
  }
  if (dps.length === 1) return { dp: dps[0]! };
  if (dps.length > 1) return { error: { path, message: `required when the snapshot has several dataplanes (${dps.map((d) => d.name).join(", ")})` } };
  const meshNames = [...snap.meshes.keys()];
  const mesh = meshNames.length === 1 ? meshNames[0]! : DEFAULT_MESH_NAME;
  const dp = defaultDataplane(mesh);
  return {
    dp,
    assumption: `no Dataplane in the snapshot: assumed a transparent-proxied sidecar "${dp.name}" in mesh "${mesh}" (address ${dp.address}, inbound 8080 kuma.io/service=app, redirectPortOutbound 15001, redirectPortInbound 15006, ipFamilyMode DualStack)`,
  };
}

/** Builds (or reuses) the generated proxy of the request's source dataplane. */
function proxyFor(p: Prepared, from: string | undefined, path: string, cache: Map<string, ProxyState>, receiverIp?: string): { proxy: ProxyState } | { error: Violation } {
  // Inbound: the dataplane listening on the destination address receives the connection.
  const receiver = receiverIp && from === undefined ? p.snapshot.dataplanes.find((d) => d.address === receiverIp || d.inbounds.some((i) => i.address === receiverIp)) : undefined;
  const picked = receiver ? { dp: receiver } : pickDataplane(p.snapshot, from, path);
  if ("error" in picked) return picked;
  const cached = cache.get(picked.dp.name);
  if (cached) return { proxy: cached };
  const dp = picked.dp;
  const known = p.snapshot.meshes.get(dp.mesh);
  const mesh = known ?? meshModel(dp.mesh, {});
  const proxy = buildProxy(p.snapshot, p.features, dp, mesh, p.zone);
  const extra = [
    ...(picked.assumption ? [picked.assumption] : []),
    ...(known ? [] : [`no Mesh "${dp.mesh}" in the snapshot: assumed Kuma's defaults (networking.outbound.passthrough true, mTLS off, meshServices Disabled)`]),
  ];
  const withAssumptions = { ...proxy, assumptions: [...extra, ...proxy.assumptions] };
  cache.set(dp.name, withAssumptions);
  return { proxy: withAssumptions };
}

/** The terminal filter of the filter chain the walk took (tcp_proxy or HTTP connection manager config), if any. */
function walkedFilter(rs: ResourceSet, walk: OutboundWalk): JsonObject | undefined {
  if (!walk.listener || !walk.filterChain) return undefined;
  const listener = findResource(rs, "listener", walk.listener.name);
  const chains = listener?.value["filterChains"];
  const chain = walk.filterChain.index === "default" ? listener?.value["defaultFilterChain"] : Array.isArray(chains) ? chains[walk.filterChain.index] : undefined;
  const filters = isJsonObject(chain) && Array.isArray(chain["filters"]) ? chain["filters"] : [];
  const last = filters[filters.length - 1];
  return isJsonObject(last) && isJsonObject(last["typedConfig"]) ? last["typedConfig"] : undefined;
}

/** Who logs a passthrough connection, in words, or undefined when nothing does. */
function passthroughLogging(proxy: ProxyState, walk: OutboundWalk): string | undefined {
  const filter = walkedFilter(proxy.resources, walk);
  if (!filter) return undefined;
  const hasLog = Array.isArray(filter["accessLog"]) && filter["accessLog"].length > 0;
  const log = proxy.passThroughLog;
  const who = log ? `TrafficLog "${log.trafficLog.name}" (mesh ${log.trafficLog.mesh}), selected for kuma.io/service pass_through,` : undefined;
  if (hasLog && log?.status === "file")
    return `${who} adds a file access log (backend "${log.backend.name}", path ${log.backend.path}) to the tcp_proxy of ${walk.listener!.name}`;
  if (hasLog) return `the filter chain of ${walk.listener!.name} carries an access log (not from a TrafficLog: a MeshProxyPatch added it)`;
  // A TCP backend is not in meshsim's config, but Kuma adds it to the generator's chain (tcp_proxy to the listener's own cluster).
  if (log?.status === "tcp-not-modelled" && filter["cluster"] === walk.listener!.name)
    return `${who} adds an access log for the TCP backend "${log.backend.name}" (${log.backend.address}) to the tcp_proxy of ${walk.listener!.name} (meshsim does not show it in config)`;
  return undefined;
}

/** Warnings where Kuma's "Non-mesh traffic" docs page and the code disagree, for this result. */
function docsWarnings(walk: OutboundWalk, f: VersionFeatures, snap: Snapshot, proxy: ProxyState): Warning[] {
  const out: Warning[] = [];
  if (walk.verdict === "passthrough" && walk.limits.connectTimeout?.source === "kuma" && walk.limits.connectTimeout.value === "5s" && f.passthroughConnectTimeout === "5s")
    out.push({
      code: "docs-connect-timeout",
      message: "The Non-mesh traffic docs list a default connectTimeout of 10s: that is Kuma ≤ 2.5 behaviour. Since 2.6.0 Kuma sets 5s on passthrough clusters (kuma commit 19b90f2a9c, pkg/plugins/policies/core/defaults/consts.go).",
    });
  if (walk.verdict === "passthrough" && f.trackRemainingOnEveryCluster)
    out.push({
      code: "docs-policies-dont-apply",
      message: "The docs say policies don't apply to non-mesh traffic, but on Kuma 2.14 MeshCircuitBreaker adds circuitBreakers.thresholds[{trackRemaining: true}] to passthrough clusters, MeshPassthrough and MeshProxyPatch change them, and MeshAccessLog can log them.",
    });
  const logged = walk.verdict === "passthrough" ? passthroughLogging(proxy, walk) : undefined;
  if (logged)
    out.push({
      code: "docs-traffic-log",
      message: `The docs say non-mesh requests are not logged even with traffic logging on, but this connection IS logged: ${logged} (kuma transparent_proxy_generator.go).`,
    });
  else if (walk.verdict === "passthrough" && snap.ignored.some((r) => r.kind === "MeshAccessLog"))
    out.push({
      code: "docs-traffic-log",
      message: "The docs say non-mesh requests are not logged even with traffic logging on. Kuma does log passthrough connections when a MeshAccessLog has a `to: {kind: Mesh}` rule or a TrafficLog targets kuma.io/service pass_through (meshaccesslog plugin applyToTransparentProxyListeners); meshsim does not model MeshAccessLog.",
    });
  return out;
}

const CONFIG_NOT_APPLIED =
  "Kuma fails to generate this proxy's config: it logs the error, retries every tick, and Envoy keeps the last config it accepted (which meshsim cannot know). `config` shows the config as generated before the failing plugin.";

function dataplanePart(p: Prepared, proxy: ProxyState, include: ReadonlySet<Include>): DataplanePart {
  const config = include.has("config") || include.has("diff") ? renderConfig(proxy.resources) : undefined;
  return {
    policies: proxy.policies,
    modifications: proxy.modifications,
    warnings: [...p.snapshot.warnings, ...proxy.warnings],
    assumptions: [...p.assumptions, ...proxy.assumptions],
    ...(include.has("trace") ? { trace: proxy.trace } : {}),
    ...(include.has("config") ? { config } : {}),
    ...(include.has("diff") ? { diff: proxy.configError ? [] : diffJson(renderConfig(proxy.beforePatch) as never, config as never) } : {}),
  };
}

/** Walks one request from its dataplane's generated config. `path` locates the request in the body. */
function simulateRequest(p: Prepared, request: SimRequest, path: string, cache: Map<string, ProxyState>): { ok: true; part: RequestPart; proxy: ProxyState } | { ok: false; errors: readonly Violation[] } {
  const dest = parseDestination(request.to, request.ip, joinPath(path, "to"));
  if ("errors" in dest) return { ok: false, errors: dest.errors };
  const inbound = request.direction === "inbound";
  if (!inbound && request.client) return { ok: false, errors: [{ path: joinPath(path, "client"), message: "only for direction inbound" }] };
  const got = proxyFor(p, request.from, joinPath(path, "from"), cache, inbound ? dest.destination.ip?.text : undefined);
  if ("error" in got) return { ok: false, errors: [got.error] };
  const proxy = got.proxy;
  const warnings: Warning[] = [];
  const assumptions: string[] = [];
  const trace: string[] = [];

  // A host without an IP is looked up where the dataplane's resolver would find it.
  let destination = dest.destination;
  if (!destination.ip && destination.host) {
    const hit = proxy.outbounds.dns.find((d) => d.hostname === destination.host);
    const ip = hit ? parseIp(hit.ip) : undefined;
    if (hit && ip) {
      destination = { ...destination, ip };
      trace.push(`${destination.host} resolves to ${hit.ip} (${hit.via})`);
      if (proxy.outbounds.allocatedVips.some((v) => v.ip === hit.ip))
        assumptions.push(`${destination.host} resolved to ${hit.ip}, a VIP meshsim allocated from 240.0.0.0/4 in name order; Kuma's allocator may pick another address, with the same outcome`);
    }
  }
  if (!destination.ip)
    warnings.push({ code: "host-unresolved", message: `${destination.host} has no IP in the request or the snapshot: simulated as an IPv4 address outside the mesh; IP and CIDR rules cannot match it` });
  const filteredHit = destination.ip ? proxy.outbounds.filtered.find((x) => x.address === destination.ip!.text && x.port === destination.port) : undefined;
  if (filteredHit) {
    const message = `${filteredHit.destination} is in the mesh, but this dataplane has no outbound listener for ${filteredHit.address}:${filteredHit.port}: ${filteredHit.reason}. The connection falls to the passthrough listener.`;
    warnings.push({ code: "destination-filtered", message });
    trace.push(message);
  }

  let walk: Pick<SimulationResult, "verdict" | "reason" | "how" | "listener" | "filterChain" | "route" | "cluster" | "limits">;
  if (proxy.configError) {
    warnings.push({ code: "config-not-applied", message: CONFIG_NOT_APPLIED });
    walk = { verdict: "config-error", reason: { code: "config-error", message: proxy.configError.message }, listener: null, filterChain: null, route: null, cluster: null, limits: {} };
  } else if (inbound) {
    const w = walkInbound(proxy.resources, { destination, ...(request.client ? { client: request.client } : {}) }, proxy.dataplane, proxy.plan, { mesh: proxy.mesh, writes: proxy.writes });
    trace.push(...w.trace);
    warnings.push(...w.warnings);
    assumptions.push(...w.assumptions);
    walk = w;
  } else {
    const w = walkOutbound(proxy.resources, destination, proxy.plan, proxy.writes);
    trace.push(...w.trace);
    warnings.push(...docsWarnings(w, p.features, p.snapshot, proxy));
    if (w.verdict === "passthrough" && destination.ip && MESH_VIP_RANGES.some(([net, len]) => inPrefix(destination.ip!, parseIp(net)!, len)))
      warnings.push({
        code: "vip-unroutable",
        message: `${destination.ip.text} is a mesh VIP (Kuma DNS or IPAM range) but no outbound listener owns port ${destination.port}: the ORIGINAL_DST cluster connects to the VIP itself, which no network routes, so the connection fails after the connect timeout`,
      });
    walk = w;
  }
  const l = walk.limits;
  return {
    ok: true,
    proxy,
    part: {
      verdict: walk.verdict,
      reason: walk.reason,
      ...(inbound ? { how: walk.how ?? null } : {}),
      listener: walk.listener,
      filterChain: walk.filterChain,
      route: walk.route,
      cluster: walk.cluster,
      // Limits in the contract's order.
      limits: {
        ...(l.connectTimeout ? { connectTimeout: l.connectTimeout } : {}),
        ...(l.idleTimeout ? { idleTimeout: l.idleTimeout } : {}),
        ...(l.circuitBreakers ? { circuitBreakers: l.circuitBreakers } : {}),
        ...(l.routeTimeout ? { routeTimeout: l.routeTimeout } : {}),
        ...(l.streamIdleTimeout ? { streamIdleTimeout: l.streamIdleTimeout } : {}),
      },
      warnings,
      assumptions,
      trace,
    },
  };
}

/** Runs one simulation (`POST /v1/simulate`). Violations are returned for input Kuma (or meshsim) would reject. */
export function simulate(body: SimulateBody): SimulateOutcome {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const p = prep.prepared;
  const include = new Set<Include>(body.include ?? ["config", "diff", "trace"]);
  const out = simulateRequest(p, body.request, "request", new Map());
  if (!out.ok) return out;
  const d = dataplanePart(p, out.proxy, include);
  const r = out.part;
  // Field order follows the API contract (ARCHITECTURE.md).
  const result: SimulationResult = {
    kumaVersion: p.minor,
    dataplane: out.proxy.dataplane.name,
    verdict: r.verdict,
    reason: r.reason,
    ...(r.how !== undefined ? { how: r.how } : {}),
    listener: r.listener,
    filterChain: r.filterChain,
    route: r.route,
    cluster: r.cluster,
    limits: r.limits,
    policies: d.policies,
    modifications: d.modifications,
    warnings: [...d.warnings, ...r.warnings],
    assumptions: [...d.assumptions, ...r.assumptions],
    ...(include.has("trace") ? { trace: [...(d.trace ?? []), ...r.trace] } : {}),
    ...(d.config ? { config: d.config } : {}),
    ...(d.diff ? { diff: d.diff } : {}),
  };
  return { ok: true, result };
}

/**
 * Runs many requests against one snapshot (`POST /v1/simulate/batch`): the snapshot is read once and
 * each dataplane's config is generated once. What a dataplane's requests share (policies,
 * modifications, generation warnings, and config/diff/trace when `include` asks) is reported once
 * under `dataplanes`; each result holds what is specific to its request.
 */
export function simulateBatch(body: BatchBody): BatchOutcome {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const p = prep.prepared;
  const include = new Set<Include>(body.include ?? []);
  const cache = new Map<string, ProxyState>();
  const results: BatchResult["results"][number][] = [];
  const dataplanes: Record<string, DataplanePart> = {};
  const errors: Violation[] = [];
  body.requests.forEach((req, i) => {
    const out = simulateRequest(p, req, joinPath("requests", i), cache);
    if (!out.ok) {
      errors.push(...out.errors);
      return;
    }
    const name = out.proxy.dataplane.name;
    dataplanes[name] ??= dataplanePart(p, out.proxy, include);
    const r = out.part;
    const expectation = req.expect ? checkExpectation(r, req.expect as Expectation) : null;
    const { trace, ...rest } = r;
    results.push({ dataplane: name, ...rest, ...(include.has("trace") ? { trace } : {}), expectation });
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  const failed = results.filter((r) => r.expectation && !r.expectation.passed).length;
  return { ok: true, result: { kumaVersion: p.minor, results, dataplanes, summary: { total: results.length, passed: results.length - failed, failed } } };
}

/** What `POST /v1/validate` answers for a snapshot Kuma (and meshsim) would accept. */
export interface ValidationResult {
  readonly valid: true;
  readonly kumaVersion: KumaMinor;
  /** How many resources of each kind were read (Mesh, Dataplane, policies, destinations, TrafficLog). */
  readonly resources: Readonly<Record<string, number>>;
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
}

/**
 * Validates a snapshot without simulating (`POST /v1/validate`): the same admission checks as a
 * simulation, so a CI job can lint policies before it has a request to try.
 */
export function validateSnapshot(body: ValidateBody): { readonly ok: true; readonly result: ValidationResult } | { readonly ok: false; readonly errors: readonly Violation[] } {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const s = prep.prepared.snapshot;
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => {
    if (n > 0) counts[k] = (counts[k] ?? 0) + n;
  };
  count("Mesh", s.meshes.size);
  count("Dataplane", s.dataplanes.length);
  for (const p of s.policies) count(p.kind, 1);
  for (const d of s.destinations) count(d.kind, 1);
  count("TrafficLog", s.trafficLogs.length);
  const resources = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ok: true, result: { valid: true, kumaVersion: prep.prepared.minor, resources, warnings: s.warnings, assumptions: [...prep.prepared.assumptions, ...s.assumptions] } };
}
