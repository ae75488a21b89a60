/** One request walked through its dataplane's generated config. */
import { diffJson } from "../diff.js";
import { type Violation, joinPath } from "../errors.js";
import { walkInbound } from "../match/inbound.js";
import { walkOutbound } from "../match/outbound.js";
import { type Destination, parseDestination } from "../match/request.js";
import { inPrefix, parseIp } from "../net/ip.js";
import type { Warning } from "../warnings.js";
import { renderConfig } from "../xds/resource-set.js";
import { type ProxyCache, proxyOf, resolveDataplane } from "./dataplane.js";
import type { DataplaneModel } from "../model/dataplane.js";
import { docsWarnings } from "./docs-warnings.js";
import { MESH_VIP_RANGES } from "../model/kuma-defaults.js";
import { LINE_COMMITS } from "../model/versions.js";
import type { Prepared } from "./prepare.js";
import { modificationsOut } from "./long-lists.js";
import { traceTexts } from "../model/trace-line.js";
import type { ProxyState } from "./proxy.js";
import type { DataplanePart, Include, RequestPart, SimulationResult } from "./result.js";
import type { SimRequest } from "./schema.js";


const CONFIG_NOT_APPLIED =
  "Kuma fails to generate this proxy's config: it logs the error, retries every tick, and Envoy keeps the last config it accepted (which meshsim cannot know). `config` shows the config as generated before the failing plugin.";

/** What a dataplane's requests share, as answered: `include` names the heavy fields, and `full` asks for long lists whole. */
export function dataplanePart(p: Prepared, proxy: ProxyState, include: ReadonlySet<Include>): DataplanePart {
  const config = include.has("config") || include.has("diff") ? renderConfig(proxy.resources) : undefined;
  const full = include.has("full");
  return {
    policies: proxy.policies,
    modifications: modificationsOut(proxy.modifications, full),
    warnings: [...p.snapshot.warnings, ...proxy.warnings],
    assumptions: [...p.assumptions, ...proxy.assumptions],
    ...(include.has("trace") ? { trace: traceTexts(proxy.trace, full) } : {}),
    ...(include.has("config") ? { config } : {}),
    ...(include.has("diff") ? { diff: proxy.configError ? [] : diffJson(renderConfig(proxy.beforePatch) as never, config as never) } : {}),
  };
}

/** What a request says before any config is generated: its destination and the dataplane it comes from (inbound: reaches). */
export function requestSource(
  p: Prepared,
  request: SimRequest,
  path: string,
): { ok: true; destination: Destination; dp: DataplaneModel; assumption?: string } | { ok: false; errors: readonly Violation[] } {
  const dest = parseDestination(request.to, request.ip, joinPath(path, "to"));
  if ("errors" in dest) return { ok: false, errors: dest.errors };
  const inbound = request.direction === "inbound";
  if (!inbound && request.client) return { ok: false, errors: [{ path: joinPath(path, "client"), message: "only for direction inbound" }] };
  const picked = resolveDataplane(p, request.from, joinPath(path, "from"), inbound ? dest.destination.ip?.text : undefined);
  if ("error" in picked) return { ok: false, errors: [picked.error] };
  return { ok: true, destination: dest.destination, ...picked };
}

/** Walks one request from its dataplane's generated config. `path` locates the request in the body. */
export function simulateRequest(p: Prepared, request: SimRequest, path: string, cache: ProxyCache): { ok: true; part: RequestPart; proxy: ProxyState } | { ok: false; errors: readonly Violation[] } {
  const src = requestSource(p, request, path);
  if (!src.ok) return src;
  const inbound = request.direction === "inbound";
  const proxy = proxyOf(p, src.dp, cache, src.assumption);
  const warnings: Warning[] = [];
  const assumptions: string[] = [];
  const trace: string[] = [];

  // A host without an IP is looked up where the dataplane's resolver would find it.
  let destination = src.destination;
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
    const w = walkInbound(proxy.accepted, { destination, ...(request.client ? { client: request.client } : {}) }, proxy.dataplane, proxy.plan, { mesh: proxy.mesh, writes: proxy.writes });
    trace.push(...w.trace);
    warnings.push(...w.warnings);
    assumptions.push(...w.assumptions);
    walk = w;
  } else {
    const w = walkOutbound(proxy.accepted, destination, proxy.plan, proxy.writes);
    trace.push(...w.trace);
    const logged = w.listener ? proxy.outboundLogs[w.listener.name] : undefined;
    if (logged) trace.push(`access log: ${logged} logs this connection on ${w.listener!.name} (OutboundProxyGenerator)`);
    warnings.push(...docsWarnings(w, p.features, p.snapshot, proxy));
    const line = LINE_COMMITS[p.features.minor];
    if (line && w.verdict === "passthrough" && !proxy.policies.some((x) => x.kind === "MeshPassthrough"))
      warnings.push({ code: "release-line-unsettled", message: `no MeshPassthrough selects ${proxy.dataplane.name}: ${line.unsettled.passthroughDefault}` });
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
        ...(l.faults ? { faults: l.faults } : {}),
        ...(l.rateLimit ? { rateLimit: l.rateLimit } : {}),
        ...(l.accessLogs ? { accessLogs: l.accessLogs } : {}),
      },
      warnings,
      assumptions,
      trace,
    },
  };
}
