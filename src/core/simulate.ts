/**
 * The pipeline: parse → validate → select → generate → policy plugins → match → explain.
 * Pure and synchronous: same input, same output; inputs are never mutated.
 */
import { diffJson, type DiffOp } from "./diff.js";
import { joinPath, type Violation } from "./errors.js";
import { addApiServerBypass } from "./generate/api-server-bypass.js";
import { generateExplicitOutbounds, generateOutbounds } from "./generate/outbounds.js";
import { generateTransparentProxy } from "./generate/transparent-proxy.js";
import { inPrefix, parseIp } from "./net/ip.js";
import { walkOutbound, type OutboundWalk, type ReasonCode } from "./match/outbound.js";
import { parseDestination } from "./match/request.js";
import type { Limits } from "./match/limits.js";
import type { ModificationReport } from "./policies/meshproxypatch/report.js";
import { PLUGINS } from "./policies/registry.js";
import { effectiveTargetRef, selectsDataplane, sortPolicies } from "./policies/target-ref.js";
import type { ConfigError } from "./policies/types.js";
import type { Write } from "./provenance.js";
import { defaultDataplane, type DataplaneModel } from "./snapshot/dataplane.js";
import { DEFAULT_MESH_NAME, meshModel } from "./snapshot/mesh.js";
import { buildSnapshot, type Snapshot } from "./snapshot/snapshot.js";
import type { SimulateBody } from "./schema.js";
import { features as featuresOf, resolveVersion, type KumaMinor } from "./versions.js";
import type { Warning } from "./warnings.js";
import { renderConfig, type EnvoyConfig, type ResourceSet } from "./xds/resource-set.js";

/** Kuma DNS (240.0.0.0/4) and the MeshService / MeshExternalService / MeshMultiZoneService IPAM ranges (kuma-cp.defaults.yaml). */
const MESH_VIP_RANGES: readonly (readonly [string, number])[] = [["240.0.0.0", 4]];

export type Verdict = OutboundWalk["verdict"] | "config-error";

export interface PolicySummary {
  readonly kind: string;
  readonly name: string;
  readonly mesh: string;
  readonly targetRef: string;
  readonly role: string;
  readonly whatIf: boolean;
}

export interface SimulationResult {
  readonly kumaVersion: KumaMinor;
  readonly dataplane: string;
  readonly verdict: Verdict;
  readonly reason: { readonly code: ReasonCode | "config-error"; readonly message: string };
  readonly listener: OutboundWalk["listener"];
  readonly filterChain: OutboundWalk["filterChain"];
  readonly route: OutboundWalk["route"];
  readonly cluster: OutboundWalk["cluster"];
  readonly limits: Limits;
  readonly policies: readonly PolicySummary[];
  readonly modifications: readonly ModificationReport[];
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  readonly trace?: readonly string[];
  readonly config?: EnvoyConfig;
  readonly diff?: readonly DiffOp[];
}

export type SimulateOutcome = { readonly ok: true; readonly result: SimulationResult } | { readonly ok: false; readonly errors: readonly Violation[] };

function pickDataplane(snap: Snapshot, from: string | undefined, assumptions: string[]): { dp: DataplaneModel } | { error: Violation } {
  const dps = snap.dataplanes;
  if (from !== undefined) {
    const dp = dps.find((d) => d.name === from || `${d.name}.${d.labels["k8s.kuma.io/namespace"]}` === from);
    if (dp) return { dp };
    return { error: { path: "request.from", message: `no Dataplane named "${from}" in the snapshot${dps.length > 0 ? `; dataplanes: ${dps.map((d) => d.name).join(", ")}` : ""}` } };
  }
  if (dps.length === 1) return { dp: dps[0]! };
  if (dps.length > 1) return { error: { path: "request.from", message: `required when the snapshot has several dataplanes (${dps.map((d) => d.name).join(", ")})` } };
  const meshNames = [...snap.meshes.keys()];
  const mesh = meshNames.length === 1 ? meshNames[0]! : DEFAULT_MESH_NAME;
  const dp = defaultDataplane(mesh);
  assumptions.push(
    `no Dataplane in the snapshot: assumed a transparent-proxied sidecar "${dp.name}" in mesh "${mesh}" (address ${dp.address}, inbound 8080 kuma.io/service=app, redirectPortOutbound 15001, redirectPortInbound 15006, ipFamilyMode DualStack)`,
  );
  return { dp };
}

function describeRef(ref: ReturnType<typeof effectiveTargetRef>): string {
  const parts = [ref.kind];
  if (ref.name) parts.push(ref.name);
  if (ref.labels) parts.push(JSON.stringify(ref.labels));
  if (ref.tags) parts.push(JSON.stringify(ref.tags));
  return parts.join(" ");
}

/** Warnings where Kuma's "Non-mesh traffic" docs page and the code disagree, for this result. */
function docsWarnings(walk: OutboundWalk, minor: KumaMinor, mods: readonly ModificationReport[], rs: ResourceSet): Warning[] {
  const out: Warning[] = [];
  const f = featuresOf(minor);
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
  const touched = new Set(mods.filter((m) => m.status === "applied" || m.status === "ineffective").flatMap((m) => m.matched.map((x) => x.split(" ")[1] ?? "")));
  for (const name of touched) {
    if (!/^outbound:passthrough:ipv4$|^self_transparentproxy_passthrough_outbound_ipv4$/.test(name)) continue;
    const v6 = name.replace("ipv4", "ipv6");
    if (rs.some((r) => r.name === v6) && !touched.has(v6))
      out.push({ code: "docs-ipv6-not-patched", message: `Modifications change ${name} but not ${v6}: IPv6 non-mesh traffic keeps the defaults (the docs' example patches only the IPv4 resources).` });
  }
  for (const m of mods) {
    if (m.status !== "no-match") continue;
    for (const h of m.hints) if (h.includes("other naming scheme")) out.push({ code: "unified-naming-mismatch", message: `${m.source}: ${h}` });
  }
  return out;
}

/** Runs one simulation. Violations are returned for input Kuma (or meshsim) would reject. */
export function simulate(body: SimulateBody): SimulateOutcome {
  const version = resolveVersion(body.kumaVersion, "kumaVersion");
  if ("error" in version) return { ok: false, errors: [version.error] };
  const minor = version.minor;
  const f = featuresOf(minor);
  const built = buildSnapshot(body.resources, body.patches, minor);
  if ("errors" in built) return { ok: false, errors: built.errors };
  const snap = built.snapshot;
  const assumptions = [...snap.assumptions];
  const warnings: Warning[] = [...snap.warnings];
  const dest = parseDestination(body.request.to, body.request.ip, joinPath("request", "to"));
  if ("errors" in dest) return { ok: false, errors: dest.errors };
  const picked = pickDataplane(snap, body.request.from, assumptions);
  if ("error" in picked) return { ok: false, errors: [picked.error] };
  const dp = picked.dp;
  let mesh = snap.meshes.get(dp.mesh);
  if (!mesh) {
    mesh = meshModel(dp.mesh, {});
    assumptions.push(`no Mesh "${dp.mesh}" in the snapshot: assumed Kuma's defaults (networking.outbound.passthrough true, mTLS off, meshServices Disabled)`);
  }
  if (!body.kumaVersion) assumptions.push(`kumaVersion not given: simulated Kuma ${minor}`);

  const trace: string[] = [`Kuma ${minor}, dataplane ${dp.name} in mesh ${mesh.name}`];
  const gen = generateTransparentProxy(dp, mesh, f);
  trace.push(
    gen.plan.disabledReason
      ? `TransparentProxyGenerator: nothing generated (${gen.plan.disabledReason})`
      : `TransparentProxyGenerator: ${gen.plan.scheme} names, families ${gen.plan.families.map((x) => x.family).join(", ")}${mesh.passthrough ? "" : "; Mesh networking.outbound.passthrough is false, so no outbound passthrough clusters"}`,
  );

  let rs: ResourceSet = gen.resources;
  // In-mesh destinations: VIP listeners with a transparent proxy, explicit ones without.
  const outbounds = gen.plan.disabledReason
    ? { resources: generateExplicitOutbounds(dp, f), dns: [], filtered: [], allocatedVips: [] }
    : generateOutbounds({
        dataplane: dp,
        dataplanes: snap.dataplanes.includes(dp) ? snap.dataplanes : [...snap.dataplanes, dp],
        mesh,
        destinations: snap.destinations,
        features: f,
        scheme: gen.plan.scheme,
        reachableServices: dp.reachableServices,
        reachableBackends: dp.reachableBackends,
      });
  rs = [...rs, ...outbounds.resources];
  const outboundListeners = outbounds.resources.filter((r) => r.type === "listener").length;
  if (outboundListeners > 0) trace.push(`outbound listeners for in-mesh destinations: ${outboundListeners}`);

  // A host without an IP is looked up where the dataplane's resolver would find it.
  let destination = dest.destination;
  if (!destination.ip && destination.host) {
    const hit = outbounds.dns.find((d) => d.hostname === destination.host);
    const ip = hit ? parseIp(hit.ip) : undefined;
    if (hit && ip) {
      destination = { ...destination, ip };
      trace.push(`${destination.host} resolves to ${hit.ip} (${hit.via})`);
      if (outbounds.allocatedVips.some((v) => v.ip === hit.ip))
        assumptions.push(`${destination.host} resolved to ${hit.ip}, a VIP meshsim allocated from 240.0.0.0/4 in name order; Kuma's allocator may pick another address, with the same outcome`);
    }
  }
  if (!destination.ip)
    warnings.push({ code: "host-unresolved", message: `${destination.host} has no IP in the request or the snapshot: simulated as an IPv4 address outside the mesh; IP and CIDR rules cannot match it` });
  const filteredHit = destination.ip ? outbounds.filtered.find((x) => x.address === destination.ip!.text && x.port === destination.port) : undefined;
  if (filteredHit) {
    const message = `${filteredHit.destination} is in the mesh, but this dataplane has no outbound listener for ${filteredHit.address}:${filteredHit.port}: ${filteredHit.reason}. The connection falls to the passthrough listener.`;
    warnings.push({ code: "destination-filtered", message });
    trace.push(message);
  }
  // The config MeshProxyPatch started from (the diff's left side); the final config when it did not run.
  let beforePatch: ResourceSet | undefined;
  let writes: Write[] = [];
  let modifications: readonly ModificationReport[] = [];
  let configError: ConfigError | undefined;
  const policySummaries: PolicySummary[] = [];
  for (const plugin of PLUGINS) {
    if (!plugin.enabled(f)) continue;
    const kind = plugin.kind;
    const selected = kind
      ? sortPolicies(
          snap.policies.filter(
            (p) => p.kind === kind.kind && p.envelope.mesh === dp.mesh && selectsDataplane(effectiveTargetRef(kind.targetRef(p.spec)), dp, p.envelope.namespace, p.role),
          ),
          (p) => effectiveTargetRef(kind.targetRef(p.spec)),
        )
      : [];
    for (const p of selected)
      policySummaries.push({ kind: p.kind, name: p.envelope.name, mesh: p.envelope.mesh, targetRef: describeRef(effectiveTargetRef(kind!.targetRef(p.spec))), role: p.role, whatIf: p.whatIf });
    if (kind && selected.length === 0) continue;
    if (plugin.name === "MeshProxyPatch") beforePatch = rs;
    const out = plugin.apply(rs, { features: f, dataplane: dp, mesh, transparentProxy: gen.plan, policies: selected });
    warnings.push(...out.warnings);
    trace.push(...out.trace);
    if (out.modifications) modifications = out.modifications;
    if (out.writes) writes = [...writes, ...out.writes.map((w, i) => ({ ...w, seq: writes.length + i }))];
    if (out.configError) {
      configError = out.configError;
      break;
    }
    rs = out.resources;
  }

  // ResourceSet hooks run after every plugin: the Kubernetes API-server bypass when the Mesh flag is off.
  if (!configError && (body.zone?.environment ?? "universal") === "kubernetes" && !mesh.passthrough && !gen.plan.disabledReason) {
    const api = body.zone?.apiServer ?? { address: "10.96.0.1", port: 443 };
    if (!body.zone?.apiServer) assumptions.push("zone.apiServer not given: assumed the API server at 10.96.0.1:443 (KUBERNETES_SERVICE_HOST/PORT)");
    rs = addApiServerBypass(rs, api, gen.plan.scheme, f);
    trace.push(`Kubernetes API-server bypass (passthrough off): listener and ORIGINAL_DST cluster for ${api.address}:${api.port}`);
  }

  const include = new Set(body.include ?? ["config", "diff", "trace"]);
  const config = renderConfig(rs);
  let walk: Pick<SimulationResult, "verdict" | "reason" | "listener" | "filterChain" | "route" | "cluster" | "limits">;
  if (configError) {
    warnings.push({
      code: "config-not-applied",
      message: "Kuma fails to generate this proxy's config: it logs the error, retries every tick, and Envoy keeps the last config it accepted (which meshsim cannot know). `config` shows the config as generated before the failing plugin.",
    });
    walk = { verdict: "config-error", reason: { code: "config-error", message: configError.message }, listener: null, filterChain: null, route: null, cluster: null, limits: {} };
  } else {
    const w = walkOutbound(rs, destination, gen.plan, writes);
    trace.push(...w.trace);
    warnings.push(...docsWarnings(w, minor, modifications, rs));
    if (w.verdict === "passthrough" && destination.ip && MESH_VIP_RANGES.some(([p, len]) => inPrefix(destination.ip!, parseIp(p)!, len)))
      warnings.push({ code: "vip-unroutable", message: `${destination.ip.text} is a mesh VIP (Kuma DNS or IPAM range) but no outbound listener owns port ${destination.port}: the ORIGINAL_DST cluster connects to the VIP itself, which no network routes, so the connection fails after the connect timeout` });
    walk = w;
  }
  const l = walk.limits;
  // Field order follows the API contract (ARCHITECTURE.md); limits too.
  const result: SimulationResult = {
    kumaVersion: minor,
    dataplane: dp.name,
    verdict: walk.verdict,
    reason: walk.reason,
    listener: walk.listener,
    filterChain: walk.filterChain,
    route: walk.route,
    cluster: walk.cluster,
    limits: {
      ...(l.connectTimeout ? { connectTimeout: l.connectTimeout } : {}),
      ...(l.idleTimeout ? { idleTimeout: l.idleTimeout } : {}),
      ...(l.circuitBreakers ? { circuitBreakers: l.circuitBreakers } : {}),
      ...(l.routeTimeout ? { routeTimeout: l.routeTimeout } : {}),
      ...(l.streamIdleTimeout ? { streamIdleTimeout: l.streamIdleTimeout } : {}),
    },
    policies: policySummaries,
    modifications,
    warnings,
    assumptions,
    ...(include.has("trace") ? { trace } : {}),
    ...(include.has("config") ? { config } : {}),
    ...(include.has("diff") ? { diff: configError ? [] : diffJson(renderConfig(beforePatch ?? rs) as never, config as never) } : {}),
  };
  return { ok: true, result };
}
