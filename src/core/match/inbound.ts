/**
 * Walks an incoming connection to a dataplane the way iptables and Envoy handle it: PREROUTING redirects TCP to
 * the inbound passthrough listener (redirectPortInbound, default 15006), whose `useOriginalDst` hands the
 * connection off to the listener on the original destination (`inbound:<ip>:<port>`, bindToPort false; exact
 * IP:port, then the any-address with the port, else it stays); then filter chain (tls_inspector: transport and
 * ALPN), TLS termination (DownstreamTlsContext: client certificate, mesh CA, SAN prefix), network RBAC, the
 * terminal filter and the cluster. Without transparent proxying there is no redirect: the client reaches either
 * a listener Envoy really binds or the application's own port, bypassing the sidecar.
 *
 * Facts: kuma-meshpassthrough.md §7 (modes, the docs' warning), kuma-passthrough-core.md §1.3-§1.4 (inbound
 * passthrough, strict inbound ports, no-destination cluster), §4.1-§4.2 (iptables, original-dst hand-off).
 * Envoy behaviour [derived, not pinned by a Kuma golden]: a plaintext or certificate-less client fails the TLS
 * handshake of a chain with `requireClientCertificate`; RBAC `rules` present with no policy denies everything;
 * an HTTP connection manager fed TLS bytes fails its codec and closes; a STATIC cluster without endpoints closes
 * the connection (no healthy upstream, response flag UH).
 */
import { hostPort, socketOf } from "./socket.js";
import { ALLOW_ALL_RBAC_RULES, type InboundDataplane } from "../generate/inbound.js";
import { inboundInterfaces, type InboundInterface } from "../model/interfaces.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import { ANY_ADDRESS, isLoopback, parseIp, type Ip } from "../net/ip.js";
import { indexWrites, type WriteIndex } from "../xds/provenance.js";
import type { MeshModel } from "../model/mesh.js";
import { canonicalStringify, isJsonObject, type JsonObject } from "../json.js";
import { FILTER, INBOUND_FILTER, meshCaSecretName } from "../xds/names.js";
import { findResource, resourcesOf, type ResourceSet, type XdsResource } from "../xds/resource-set.js";
import { selectFilterChain } from "./filter-chain.js";
import { selectRoute, selectVirtualHost } from "./http-route.js";
import { resolveClient, type InboundClient } from "./inbound-client.js";
import { clusterLimits, httpLimits, tcpProxyLimits, type Limits } from "./limits.js";
import type { RouteInfo } from "./outbound.js";
import { evaluateRbac, stringMatches } from "./rbac.js";
import { observe, type Destination, type ObservedConnection } from "./request.js";

// ---- The request ----

export interface InboundRequest {
  /** The address and port the client calls (request.to / request.ip), e.g. `tcp://10.0.0.7:8080`. */
  readonly destination: Destination;
  readonly client?: InboundClient;
}

export interface InboundWalkOptions {
  /** The dataplane's Mesh: whether a same-mesh client speaks mTLS. Without it, inferred from the listeners. */
  readonly mesh?: MeshModel;
  /** Provenance of patched fields, for the limits (the pipeline's write index). */
  readonly writes?: WriteIndex;
}

// ---- The answer ----

export type InboundVerdict = "accepted" | "blocked" | "direct";

/** How an accepted connection reaches the application. */
export type InboundHow =
  | "plaintext" // cleartext, no identity
  | "tls-passthrough" // the client's own TLS is not terminated by the sidecar; the application terminates it
  | "mesh-mtls"; // the sidecar terminated mesh mTLS and RBAC allowed the client's identity

export type InboundReasonCode =
  | "inbound-listener" // accepted by inbound:<ip>:<port>
  | "inbound-passthrough" // accepted by the inbound passthrough listener's ORIGINAL_DST cluster: no mTLS, no RBAC
  | "not-captured" // no redirect: the client reaches the application (or whatever listens) without the sidecar
  | "app-unreachable" // no redirect, and the application listens on loopback only: connection refused
  | "no-listener" // nothing accepts the redirected connection
  | "no-filter-chain" // no filter chain matches (e.g. strict inbound ports, undeclared port): Envoy closes
  | "tls-handshake-failed" // a plaintext client on a chain that terminates TLS
  | "client-certificate-required" // TLS client without a certificate on a chain that requires one
  | "certificate-verify-failed" // client certificate not signed by this mesh's CA, or SAN outside spiffe://<mesh>/
  | "rbac-denied" // RBAC (MeshTrafficPermission) denies the client
  | "http-codec-error" // bytes that are not cleartext HTTP reach an HTTP connection manager
  | "no-route" // HTTP: no virtual host or route
  | "no-cluster" // the cluster does not exist (NC)
  | "no-destination"; // STATIC cluster without endpoints (self_transparentproxy_no_destination_inbound): UH

export type InboundWarningCode =
  | "docs-tls-bypass-without-transparent-proxy" // the docs' "Without Transparent Proxying TLS check on Envoy can be bypassed"
  | "mtls-bypassed-via-inbound-passthrough" // a port without an inbound listener is forwarded in the clear despite mTLS
  | "permissive-unauthenticated"; // PERMISSIVE accepted a connection without mesh identity: MeshTrafficPermission not enforced

export interface InboundWarning {
  readonly code: InboundWarningCode;
  readonly message: string;
}

/** Shaped like OutboundWalk, with the inbound verdict and how an accepted connection got through. */
export interface InboundWalk {
  readonly verdict: InboundVerdict;
  readonly how: InboundHow | null;
  readonly reason: { readonly code: InboundReasonCode; readonly message: string };
  readonly listener: { readonly name: string; readonly address: string } | null;
  readonly filterChain: { readonly index: number | "default"; readonly name: string | null } | null;
  readonly route: RouteInfo | null;
  readonly cluster: { readonly name: string; readonly type: string | null } | null;
  readonly limits: Limits;
  readonly warnings: readonly InboundWarning[];
  readonly assumptions: readonly string[];
  readonly trace: readonly string[];
}

/** The Kuma docs' warning (kuma.io/docs/2.9.x/networking/non-mesh-traffic), verbatim. */
export const DOCS_TLS_BYPASS_WARNING = "Without Transparent Proxying TLS check on Envoy can be bypassed. You should take action to secure the application ports.";

// ---- The walk ----

/** Without the Mesh, mesh mTLS is on iff some listener terminates TLS with a DownstreamTlsContext. */
function hasDownstreamTls(rs: ResourceSet): boolean {
  return resourcesOf(rs, "listener").some((l) => JSON.stringify(l.value).includes(`"${INBOUND_FILTER.tlsTransportSocket}"`));
}

function sameAddress(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x && y ? x.family === y.family && x.value === y.value : a === b;
}

function pathOf(o: unknown, ...keys: string[]): unknown {
  let cur: unknown = o;
  for (const k of keys) cur = isJsonObject(cur) ? cur[k] : undefined;
  return cur;
}

/** Walks `request` into dataplane `dp` through its generated resources `rs`. */
export function walkInbound(rs: ResourceSet, request: InboundRequest, dp: InboundDataplane, tp: TransparentProxyPlan, options: InboundWalkOptions = {}): InboundWalk {
  const trace: string[] = [];
  const warnings: InboundWarning[] = [];
  const assumptions: string[] = [];
  const writes = options.writes ?? indexWrites([]);
  const dest = request.destination;
  const meshMtlsOn = options.mesh ? options.mesh.mtls !== "off" : hasDownstreamTls(rs);
  const client = resolveClient(request.client, dest, dp.mesh, meshMtlsOn);
  trace.push(`client: ${client.describe}`);
  let ip: Ip | undefined = dest.ip;
  if (!ip) {
    ip = parseIp(dp.address);
    assumptions.push(`request.to has no IP: assumed the dataplane's address ${dp.address}`);
  }
  const port = dest.port;
  const target = ip ? hostPort(ip.text, port) : `port ${port}`;
  const done = (verdict: InboundVerdict, how: InboundHow | null, code: InboundReasonCode, message: string, rest: Partial<InboundWalk> = {}): InboundWalk => ({
    verdict,
    how,
    reason: { code, message },
    listener: null,
    filterChain: null,
    route: null,
    cluster: null,
    limits: {},
    ...rest,
    warnings,
    assumptions,
    trace,
  });
  if (!ip) return done("blocked", null, "no-listener", `the dataplane address ${dp.address} is not an IP address`);

  const listeners = resourcesOf(rs, "listener");
  const at = (l: XdsResource, address: string, p: number) => {
    const s = socketOf(l.value);
    return !!s && s.port === p && sameAddress(s.address, address);
  };
  const family = ip.family;
  const redirect = tp.disabledReason ? undefined : tp.families.find((f) => f.family === family && f.inboundPort > 0);
  const ifaces = inboundInterfaces(dp);

  let receiving: XdsResource | undefined;
  let handler: XdsResource;
  if (redirect) {
    trace.push(`iptables PREROUTING redirects the TCP connection to ${hostPort(ANY_ADDRESS[family], redirect.inboundPort)} (redirectPortInbound)`);
    receiving = listeners.find((l) => at(l, ANY_ADDRESS[family], redirect.inboundPort) && l.value["useOriginalDst"] === true);
    if (!receiving) {
      trace.push(`no listener with useOriginalDst on ${hostPort(ANY_ADDRESS[family], redirect.inboundPort)}`);
      return done("blocked", null, "no-listener", `nothing accepts connections on ${hostPort(ANY_ADDRESS[family], redirect.inboundPort)}: the redirected connection is refused`);
    }
    const exact = listeners.find((l) => l !== receiving && at(l, ip!.text, port));
    const wildcard = listeners.find((l) => l !== receiving && at(l, ANY_ADDRESS[family], port));
    if (exact) {
      handler = exact;
      trace.push(`${receiving.name} (useOriginalDst) hands the connection off to ${exact.name}, the listener on the original destination ${target}`);
    } else if (wildcard) {
      handler = wildcard;
      trace.push(`no listener on ${target}; ${wildcard.name} on the any-address with port ${port} takes it`);
    } else {
      handler = receiving;
      trace.push(`no listener on ${target}: the connection stays on ${receiving.name}`);
    }
  } else {
    const why = tp.disabledReason
      ? tp.disabledReason === "bind-outbounds"
        ? "the proxy runs with bind-outbounds (no iptables)"
        : "the dataplane has no transparent proxying: no iptables redirect"
      : tp.families.some((f) => f.family === family)
        ? "inbound redirection is off (redirectPortInbound 0)"
        : `the transparent proxy does not redirect ${family} traffic (ipFamilyMode IPv4)`;
    const bound = listeners.find((l) => l.value["bindToPort"] !== false && (at(l, ip!.text, port) || at(l, ANY_ADDRESS[family], port)));
    if (bound) {
      handler = bound;
      trace.push(`${why}; Envoy binds ${bound.name} on ${target} itself, so the client reaches it directly`);
    } else {
      trace.push(`${why}; no Envoy listener binds ${target}`);
      return direct(ifaces, ip, port, target, why, trace, warnings, assumptions, meshMtlsOn);
    }
  }

  const l = handler.value;
  const sa = socketOf(l)!;
  const listenerInfo = { name: handler.name, address: hostPort(sa.address, sa.port) };
  const viaPassthrough = handler === receiving;
  const lf = Array.isArray(l["listenerFilters"]) ? (l["listenerFilters"] as JsonObject[]).map((f) => f["name"]) : [];
  const inspects = lf.includes(FILTER.tlsInspector);
  const conn: ObservedConnection = {
    transportProtocol: client.sendsTls && inspects ? "tls" : "raw_buffer",
    serverName: client.sendsTls && inspects ? client.sni : undefined,
    applicationProtocols: client.sendsTls && inspects ? client.alpn : [],
    authority: undefined,
  };
  if (inspects) trace.push(`tls_inspector sees transport ${conn.transportProtocol}${conn.applicationProtocols.length > 0 ? `, ALPN ${conn.applicationProtocols.join(",")}` : ""}`);
  const sel = selectFilterChain(l, port, ip, conn);
  trace.push(...sel.trace);
  if (sel.selected === undefined) {
    const strict = viaPassthrough ? " (strict inbound ports: the inbound passthrough listener only has chains for declared inbound ports)" : "";
    return done("blocked", null, "no-filter-chain", `no filter chain of ${handler.name} matches this connection${strict}: Envoy closes it`, { listener: listenerInfo });
  }
  const chain = sel.selected === "default" ? (l["defaultFilterChain"] as JsonObject) : (l["filterChains"] as JsonObject[])[sel.selected]!;
  const chainPointer = sel.selected === "default" ? "/defaultFilterChain" : `/filterChains/${sel.selected}`;
  const filterChain = { index: sel.selected, name: typeof chain["name"] === "string" ? chain["name"] : null };
  const base = { listener: listenerInfo, filterChain };

  // TLS termination.
  const ts = chain["transportSocket"];
  const tlsCtx = isJsonObject(ts) && ts["name"] === INBOUND_FILTER.tlsTransportSocket && isJsonObject(ts["typedConfig"]) ? ts["typedConfig"] : undefined;
  let terminated = false;
  if (tlsCtx) {
    const caSecret = pathOf(tlsCtx, "commonTlsContext", "combinedValidationContext", "validationContextSdsSecretConfig", "name");
    const sanMatchers = pathOf(tlsCtx, "commonTlsContext", "combinedValidationContext", "defaultValidationContext", "matchTypedSubjectAltNames");
    const requireCert = tlsCtx["requireClientCertificate"] === true;
    if (!client.sendsTls) {
      trace.push("the chain terminates TLS (DownstreamTlsContext) but the client sends cleartext: the handshake fails");
      return done("blocked", null, "tls-handshake-failed", `${handler.name} only accepts mesh mTLS: a plaintext client fails the TLS handshake and Envoy closes the connection (listener stat ssl.connection_error)`, base);
    }
    if (client.certificate === "none" && requireCert) {
      trace.push("the chain requires a client certificate (requireClientCertificate) and the client presents none");
      return done(
        "blocked",
        null,
        "client-certificate-required",
        `${handler.name} requires a client certificate from the mesh CA (mTLS STRICT): a TLS client without one fails the handshake (Envoy also presents the mesh identity certificate, which a client outside the mesh does not trust)`,
        base,
      );
    }
    if (client.certificate === "foreign" || (client.certificate === "mesh" && typeof caSecret === "string" && client.mesh !== undefined && caSecret !== meshCaSecretName(client.mesh))) {
      trace.push(`the client certificate is not signed by the CA in ${String(caSecret)}`);
      return done("blocked", null, "certificate-verify-failed", `the client certificate is not signed by the CA Envoy validates against (${String(caSecret)}): the handshake fails`, base);
    }
    if (client.certificate === "mesh" && Array.isArray(sanMatchers) && sanMatchers.length > 0) {
      const ok = (sanMatchers as unknown[]).some((m) => isJsonObject(m) && client.sans.some((san) => stringMatches(m["matcher"], san)));
      if (!ok) return done("blocked", null, "certificate-verify-failed", `no URI SAN of the client certificate (${client.sans.join(", ")}) matches the chain's SAN matchers: the handshake fails`, base);
    }
    terminated = client.certificate === "mesh" || (!requireCert && client.sendsTls);
    trace.push(client.certificate === "mesh" ? `mTLS terminated: the client certificate (${client.sans[0]}) is signed by the mesh CA and its SAN matches` : "TLS terminated by the sidecar");
  }

  const filters = Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : [];
  const rbac = filters.find((f) => f["name"] === INBOUND_FILTER.rbac);
  if (rbac) {
    const rules = pathOf(rbac, "typedConfig", "rules");
    if (canonicalStringify(rules) === canonicalStringify(ALLOW_ALL_RBAC_RULES))
      assumptions.push("meshsim does not model MeshTrafficPermission: the inbound's RBAC rules are those of Kuma's default MeshTrafficPermission allow-all (every mesh identity allowed)");
    const decision = evaluateRbac(rules, { authenticated: terminated && client.certificate === "mesh", sans: client.sans, port });
    trace.push(`network RBAC: ${decision.why}`);
    if (!decision.allowed) return done("blocked", null, "rbac-denied", `RBAC denies the connection: ${decision.why} (Envoy closes it; stat rbac.denied)`, base);
  }

  const fi = filters.findIndex((f) => f["name"] === FILTER.tcpProxy || f["name"] === FILTER.httpConnectionManager);
  if (fi < 0) return done("blocked", null, "no-cluster", `filter chain ${filterChain.index} has no tcp_proxy or http_connection_manager`, base);
  const filter = filters[fi]!;
  const tc = isJsonObject(filter["typedConfig"]) ? filter["typedConfig"] : {};
  const fPointer = `${chainPointer}/filters/${fi}`;
  const passingTls = client.sendsTls && !terminated;
  let clusterName: string | undefined;
  let route: RouteInfo | null = null;
  let limits: Limits = {};
  if (filter["name"] === FILTER.tcpProxy) {
    clusterName = typeof tc["cluster"] === "string" ? tc["cluster"] : undefined;
    limits = tcpProxyLimits(handler.name, tc, fPointer, writes);
    trace.push(`tcp_proxy forwards the ${passingTls ? "still encrypted " : ""}bytes to cluster ${clusterName}`);
  } else {
    if (passingTls || !client.speaksHttp) {
      const what = passingTls ? "the client's TLS records (the chain does not terminate TLS)" : `${dest.protocol} bytes that are not HTTP`;
      trace.push(`the HTTP connection manager receives ${what}: the codec fails`);
      return done("blocked", null, "http-codec-error", `${handler.name} runs an HTTP connection manager on this chain and receives ${what}: Envoy's HTTP codec fails and the connection is closed`, base);
    }
    const rc = isJsonObject(tc["routeConfig"]) ? tc["routeConfig"] : undefined;
    const vhosts = rc && Array.isArray(rc["virtualHosts"]) ? (rc["virtualHosts"] as JsonObject[]) : [];
    const authority = observe(dest, { tls: false, http: false }).authority ?? "";
    const rcName = rc && typeof rc["name"] === "string" ? rc["name"] : null;
    const vh = selectVirtualHost(vhosts, authority);
    if (!vh) return done("blocked", null, "no-route", `no virtual host matches Host "${authority}" (HTTP 404 from the sidecar)`, { ...base, route: { routeConfiguration: rcName, virtualHost: null, route: null } });
    const vhName = typeof vh.vhost["name"] === "string" ? vh.vhost["name"] : null;
    const r = selectRoute(vh.vhost, dest.path);
    if (!r || "error" in r) return done("blocked", null, "no-route", `${r ? r.error : `no route matches ${dest.path}`} (HTTP 404 from the sidecar)`, { ...base, route: { routeConfiguration: rcName, virtualHost: vhName, route: null } });
    const action = isJsonObject(r.route["route"]) ? r.route["route"] : {};
    clusterName = typeof action["cluster"] === "string" ? action["cluster"] : undefined;
    route = { routeConfiguration: rcName, virtualHost: vhName, route: r.index };
    limits = httpLimits(handler.name, tc, fPointer, action, `${fPointer}/typedConfig/routeConfig/virtualHosts/${vh.index}/routes/${r.index}/route`, writes);
    trace.push(`Host "${authority}" → virtual host ${vhName}, route #${r.index} → cluster ${clusterName}`);
  }
  const cluster = clusterName ? findResource(rs, "cluster", clusterName) : undefined;
  if (!cluster) return done("blocked", null, "no-cluster", `cluster ${clusterName} does not exist: Envoy closes the connection (response flag NC)`, { ...base, route, cluster: clusterName ? { name: clusterName, type: null } : null, limits });
  const type = typeof cluster.value["type"] === "string" ? cluster.value["type"] : null;
  limits = { ...clusterLimits(cluster.value, writes), ...limits };
  const clusterInfo = { name: cluster.name, type };
  const endpoints = pathOf(cluster.value, "loadAssignment", "endpoints");
  if (type === "STATIC" && (!Array.isArray(endpoints) || endpoints.length === 0)) {
    trace.push(`cluster ${cluster.name} is STATIC without endpoints`);
    return done("blocked", null, "no-destination", `cluster ${cluster.name} has no endpoints: Envoy closes the connection (no healthy upstream, response flag UH)`, { ...base, route, cluster: clusterInfo, limits });
  }
  const how: InboundHow = terminated && client.certificate === "mesh" ? "mesh-mtls" : client.sendsTls ? "tls-passthrough" : "plaintext";
  const passthroughCluster = type === "ORIGINAL_DST";
  const upstream = passthroughCluster ? `the original destination ${target}` : describeEndpoint(cluster.value);
  trace.push(`cluster ${cluster.name} (${type ?? "EDS"}) connects to ${upstream}${passthroughCluster ? ` from ${ip.family === "ipv4" ? "127.0.0.6" : "::6"}, which iptables lets through` : ""}`);
  if ((viaPassthrough || passthroughCluster) && meshMtlsOn)
    warnings.push({
      code: "mtls-bypassed-via-inbound-passthrough",
      message: `${target} has no inbound listener, so ${handler.name} forwards the connection to the application without mTLS or MeshTrafficPermission. Declare the port as an inbound, or use strict inbound ports (kuma-dp feature-strict-inbound-ports, Kuma ≥ 2.13, Mesh mTLS STRICT) to close it.`,
    });
  if (how !== "mesh-mtls" && meshMtlsOn && !passthroughCluster && !viaPassthrough)
    warnings.push({
      code: "permissive-unauthenticated",
      message: `${handler.name} accepted a connection without mesh mTLS (${how}): PERMISSIVE mode lets it in with no client identity, so MeshTrafficPermission is not enforced on it.`,
    });
  const verb = how === "mesh-mtls" ? "mesh mTLS terminated by the sidecar" : how === "tls-passthrough" ? "the client's own TLS passes through the sidecar to the application" : "cleartext";
  return {
    verdict: "accepted",
    how,
    reason: viaPassthrough || passthroughCluster
      ? { code: "inbound-passthrough", message: `accepted by ${handler.name} and forwarded to ${upstream} (${verb}); no inbound listener owns ${target}` }
      : { code: "inbound-listener", message: `accepted by ${handler.name} (${verb}) and forwarded to the application through ${cluster.name}` },
    ...base,
    route,
    cluster: clusterInfo,
    limits,
    warnings,
    assumptions,
    trace,
  };
}

function describeEndpoint(cluster: JsonObject): string {
  const eps = pathOf(cluster, "loadAssignment", "endpoints");
  const first = Array.isArray(eps) ? pathOf((pathOf(eps[0], "lbEndpoints") as unknown[] | undefined)?.[0], "endpoint", "address", "socketAddress") : undefined;
  if (isJsonObject(first) && typeof first["address"] === "string") return `the application at ${hostPort(first["address"], Number(first["portValue"] ?? 0))}`;
  return "the application";
}

/** No redirect and no Envoy listener on the target: the client talks to whatever listens there. */
function direct(
  ifaces: readonly InboundInterface[],
  ip: Ip,
  port: number,
  target: string,
  why: string,
  trace: string[],
  warnings: InboundWarning[],
  assumptions: string[],
  meshMtlsOn: boolean,
): InboundWalk {
  const base = { how: null, listener: null, filterChain: null, route: null, cluster: null, limits: {}, warnings, assumptions, trace };
  const app = ifaces.find((i) => i.workloadPort === port && i.dataplanePort !== 0);
  if (!app) {
    trace.push(`${target} is no inbound's application port; whatever listens there answers, without the sidecar`);
    return { ...base, verdict: "direct", reason: { code: "not-captured", message: `${why}: the sidecar never sees this connection; no Kuma policy or Envoy limit applies` } };
  }
  const wip = parseIp(app.workloadIp);
  if (wip && isLoopback(wip) && !isLoopback(ip)) {
    trace.push(`the application of ${app.listenerName} listens on ${hostPort(app.workloadIp, app.workloadPort)} (serviceAddress), which is not reachable from ${ip.text}`);
    return {
      ...base,
      verdict: "blocked",
      reason: { code: "app-unreachable", message: `${why}, and the application listens on loopback only (${hostPort(app.workloadIp, app.workloadPort)}): a connection to ${target} is refused` },
    };
  }
  assumptions.push(`the application of ${app.listenerName} listens on ${hostPort(app.workloadIp, app.workloadPort)} (its serviceAddress and servicePort) and on ${ip.text}`);
  trace.push(`${target} is the application port of ${app.listenerName} (servicePort ${app.workloadPort}): the client reaches the application directly`);
  warnings.push({
    code: "docs-tls-bypass-without-transparent-proxy",
    message: `Kuma docs (Non-mesh traffic): "${DOCS_TLS_BYPASS_WARNING}" Here the client reaches the application port ${target} without the sidecar${meshMtlsOn ? ", so the mesh's mTLS and MeshTrafficPermission are not enforced" : ""}. Bind the application to 127.0.0.1 (serviceAddress) or firewall the port.`,
  });
  return {
    ...base,
    verdict: "direct",
    reason: { code: "not-captured", message: `${why}: the client reaches the application at ${target} directly, bypassing the sidecar${meshMtlsOn ? " and its mTLS check" : ""}` },
  };
}
