/**
 * Walks an incoming connection to a dataplane the way iptables and Envoy handle it: PREROUTING redirects TCP to
 * the inbound passthrough listener (redirectPortInbound, default 15006), whose `useOriginalDst` hands the
 * connection off to the listener on the original destination (`inbound:<ip>:<port>`, bindToPort false; exact
 * IP:port, then the any-address with the port, else it stays); then filter chain (tls_inspector: transport and
 * ALPN), TLS termination (DownstreamTlsContext: client certificate, mesh CA, SAN prefix), network RBAC, the
 * terminal filter and the cluster. Without transparent proxying there is no redirect: the client reaches either
 * a listener Envoy really binds or the application's own port, bypassing the sidecar.
 *
 * Sources (Kuma v2.14.3 ships Envoy v1.38.2):
 * - iptables: kumahq/kuma@v2.14.3 app/kumactl/cmd/install/testdata/install-transparent-proxy.defaults.golden.txt
 *   (PREROUTING TCP → REDIRECT --to-ports 15006);
 * - the hand-off: envoyproxy/envoy@v1.38.2 source/common/listener_manager/connection_handler_impl.cc
 *   getBalancedHandlerByAddress (exact address, then the any-address with the port, else the receiving listener);
 * - the inbound passthrough listener, strict inbound ports and the no-destination cluster:
 *   kumahq/kuma@v2.14.3 pkg/xds/generator/transparent_proxy_generator.go;
 * - the inbound listener per mTLS mode (STRICT: one chain with DownstreamTlsContext and RBAC; PERMISSIVE:
 *   tls_inspector and chains raw_buffer, tls, tls + ALPN kuma with mTLS and RBAC):
 *   kumahq/kuma@v2.14.3 pkg/xds/generator/inbound_proxy_generator.go, pkg/xds/envoy/tls/v3/tls.go
 *   CreateDownstreamTlsContext; MeshTLS overrides the mode: pkg/plugins/policies/meshtls/plugin/v1alpha1/plugin.go.
 * Envoy behaviour [derived, not pinned by a Kuma golden]: a plaintext or certificate-less client fails the TLS
 * handshake of a chain with `requireClientCertificate`; RBAC `rules` present with no policy denies everything;
 * an HTTP connection manager fed TLS bytes fails its codec and closes; a STATIC cluster without endpoints closes
 * the connection (no healthy upstream, response flag UH).
 */
import { hostPort, socketOf } from "./socket.js";
import { type InboundDataplane } from "../generate/inbound.js";
import { inboundInterfaces, type InboundInterface } from "../model/interfaces.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import { ANY_ADDRESS, isLoopback, parseIp, type Ip } from "../net/ip.js";
import { indexWrites, resourceKey, writerOf, type WriteIndex } from "../xds/provenance.js";
import type { MeshModel } from "../model/mesh.js";
import { canonicalStringify, isJsonObject, type JsonObject } from "../json.js";
import { FILTER, INBOUND_FILTER, KUMA_TAGS_HEADER, meshCaSecretName } from "../xds/names.js";
import { findResource, resourcesOf, type ResourceSet, type XdsResource } from "../xds/resource-set.js";
import { selectFilterChain } from "./filter-chain.js";
import { selectRoute, selectVirtualHost } from "./http-route.js";
import { resolveClient, type InboundClient, type ResolvedClient } from "./inbound-client.js";
import { clusterLimits, httpLimits, tcpProxyLimits, type Limits } from "./limits.js";
import { legacyHttpLimits } from "./http-faults.js";
import { serializeKumaTags } from "../generate/legacy-http.js";
import { SERVICE_TAG } from "../model/dataplane.js";
import type { RouteInfo } from "./outbound.js";
import { evaluateRbac, stringMatches } from "./rbac.js";
import { observe, type Destination, type ObservedConnection } from "./request.js";

// ---- The request ----

/** An incoming connection: where the client calls and who it is. */
export interface InboundRequest {
  /** The address and port the client calls (request.to / request.ip), e.g. `tcp://10.0.0.7:8080`. */
  readonly destination: Destination;
  readonly client?: InboundClient;
}

/** What the walk needs beyond the resources: the Mesh and the write index. */
export interface InboundWalkOptions {
  /** The dataplane's Mesh: whether a same-mesh client speaks mTLS. Without it, inferred from the listeners. */
  readonly mesh?: MeshModel;
  /** Provenance of patched fields, for the limits (the pipeline's write index). */
  readonly writes?: WriteIndex;
}

// ---- The answer ----

/** accepted: the sidecar forwards the connection; blocked: refused or closed; direct: the sidecar never sees it. */
export type InboundVerdict = "accepted" | "blocked" | "direct";

/** How an accepted connection reaches the application. */
export type InboundHow =
  | "plaintext" // cleartext, no identity
  | "tls-passthrough" // the client's own TLS is not terminated by the sidecar; the application terminates it
  | "mesh-mtls"; // the sidecar terminated mesh mTLS and RBAC allowed the client's identity

/** Why the walk ended where it did. */
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
  | "no-destination" // STATIC cluster without endpoints (self_transparentproxy_no_destination_inbound): UH
  | "fault-abort"; // an HTTP fault filter (legacy FaultInjection) aborts every request it matches

/** What an answer warns about: ways around the sidecar's mTLS and MeshTrafficPermission. */
export type InboundWarningCode =
  | "docs-tls-bypass-without-transparent-proxy" // the docs' "Without Transparent Proxying TLS check on Envoy can be bypassed"
  | "mtls-bypassed-via-inbound-passthrough" // a port without an inbound listener is forwarded in the clear despite mTLS
  | "permissive-unauthenticated" // PERMISSIVE accepted a connection without mesh identity: MeshTrafficPermission not enforced
  | "fault-injected" // an HTTP fault filter delays or aborts a share of these requests (probabilistic)
  | "rate-limited"; // the route's local rate limit rejects requests once its token bucket is empty

/** One warning of an inbound walk. */
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

/** What the steps append to, in the order things happen. */
interface WalkLog {
  readonly trace: string[];
  readonly warnings: InboundWarning[];
  readonly assumptions: string[];
}

/** The connection being walked, fixed before any listener is looked at. */
interface Walk extends WalkLog {
  readonly rs: ResourceSet;
  readonly writes: WriteIndex;
  readonly dest: Destination;
  readonly client: ResolvedClient;
  /** Whether the dataplane's mesh has mTLS on (the bypass warnings depend on it). */
  readonly meshMtlsOn: boolean;
  /** The original destination: the request's IP, else the dataplane's address. */
  readonly ip: Ip;
  readonly port: number;
  /** `ip:port`, as the trace and the messages name it. */
  readonly target: string;
  /** The request headers the route and fault matchers see (only `x-kuma-tags`, from a mesh client's sidecar). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A step either hands its result to the next one or ends the walk with an answer. */
type Step<T> = T | { readonly end: InboundWalk };

/** The listener that handles the connection; viaPassthrough when it stayed on the inbound passthrough listener. */
interface Capture {
  readonly handler: XdsResource;
  readonly viaPassthrough: boolean;
}

/** The filter chain Envoy picked, its JSON pointer in the listener, and how the answer names listener and chain. */
interface ChainPick {
  readonly chain: JsonObject;
  readonly pointer: string;
  readonly base: { readonly listener: NonNullable<InboundWalk["listener"]>; readonly filterChain: NonNullable<InboundWalk["filterChain"]> };
}

/** What the terminal filter forwards to: the cluster it names, the HTTP route that chose it, its limits. */
interface Forward {
  readonly clusterName: string | undefined;
  readonly route: RouteInfo | null;
  readonly limits: Limits;
}

/** The cluster the connection reaches, and every limit on the way (cluster ones under the filter's). */
interface Upstream {
  readonly cluster: XdsResource;
  readonly info: { readonly name: string; readonly type: string | null };
  readonly limits: Limits;
}

/** Without the Mesh, mesh mTLS is on iff some listener terminates TLS with a DownstreamTlsContext. */
function hasDownstreamTls(rs: ResourceSet): boolean {
  return resourcesOf(rs, "listener").some((l) => JSON.stringify(l.value).includes(`"${INBOUND_FILTER.tlsTransportSocket}"`));
}

function sameAddress(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return x && y ? x.family === y.family && x.value === y.value : a === b;
}

function listensOn(l: XdsResource, address: string, port: number): boolean {
  const s = socketOf(l.value);
  return !!s && s.port === port && sameAddress(s.address, address);
}

function pathOf(o: unknown, ...keys: string[]): unknown {
  let cur: unknown = o;
  for (const k of keys) cur = isJsonObject(cur) ? cur[k] : undefined;
  return cur;
}

const filtersOf = (chain: JsonObject): JsonObject[] => (Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : []);

/** A connection Envoy refuses or closes. */
function blocked(log: WalkLog, code: InboundReasonCode, message: string, rest: Partial<InboundWalk> = {}): InboundWalk {
  return {
    verdict: "blocked",
    how: null,
    reason: { code, message },
    listener: null,
    filterChain: null,
    route: null,
    cluster: null,
    limits: {},
    ...rest,
    warnings: log.warnings,
    assumptions: log.assumptions,
    trace: log.trace,
  };
}

/** Walks `request` into dataplane `dp` through its generated resources `rs`. */
export function walkInbound(rs: ResourceSet, request: InboundRequest, dp: InboundDataplane, tp: TransparentProxyPlan, options: InboundWalkOptions = {}): InboundWalk {
  const log: WalkLog = { trace: [], warnings: [], assumptions: [] };
  const dest = request.destination;
  const meshMtlsOn = options.mesh ? options.mesh.mtls !== "off" : hasDownstreamTls(rs);
  const client = resolveClient(request.client, dest, dp.mesh, meshMtlsOn);
  log.trace.push(`client: ${client.describe}`);
  const ip = originalDestination(dest, dp, log);
  if (!ip) return blocked(log, "no-listener", `the dataplane address ${dp.address} is not an IP address`);
  const headers = kumaTagsHeaders(request.client);
  const w: Walk = { ...log, rs, writes: options.writes ?? indexWrites([]), dest, client, meshMtlsOn, ip, port: dest.port, target: hostPort(ip.text, dest.port), headers };

  const captured = captureListener(w, dp, tp);
  if ("end" in captured) return captured.end;
  const picked = pickFilterChain(w, captured);
  if ("end" in picked) return picked.end;
  const tls = terminateTls(w, captured.handler, picked);
  if ("end" in tls) return tls.end;
  const denied = enforceRbac(w, captured.handler, picked, tls.terminated);
  if (denied) return denied;
  const forward = terminalFilter(w, captured.handler, picked, tls.terminated);
  if ("end" in forward) return forward.end;
  const upstream = connectCluster(w, picked, forward);
  if ("end" in upstream) return upstream.end;
  return accept(w, captured, picked, forward.route, upstream, tls.terminated);
}

/**
 * The `x-kuma-tags` header a mesh client's sidecar adds to its HTTP requests (kumahq/kuma@v2.14.3
 * pkg/xds/envoy/routes/v3/tags_header_configurer.go with tags.Serialize of the client's tags; the MeshHTTPRoute
 * outbound adds it when the Mesh has FaultInjection, RateLimit or MeshFaultInjection resources, which is when a
 * matcher on it exists). A client outside the mesh sends none.
 */
function kumaTagsHeaders(client: InboundClient | undefined): Record<string, string> {
  if (client?.kind !== "mesh") return {};
  const tags: Record<string, string[]> = { [SERVICE_TAG]: [client.service ?? "client"] };
  for (const [k, v] of Object.entries(client.tags ?? {})) if (k !== SERVICE_TAG) tags[k] = [v];
  return { [KUMA_TAGS_HEADER]: serializeKumaTags(tags) };
}

/** The IP the client calls: the request's, else (an assumption) the dataplane's address. */
function originalDestination(dest: Destination, dp: InboundDataplane, log: WalkLog): Ip | undefined {
  if (dest.ip) return dest.ip;
  log.assumptions.push(`request.to has no IP: assumed the dataplane's address ${dp.address}`);
  return parseIp(dp.address);
}

/** Which listener gets the connection: the inbound redirect's hand-off, or without it a listener Envoy binds itself. */
function captureListener(w: Walk, dp: InboundDataplane, tp: TransparentProxyPlan): Step<Capture> {
  const listeners = resourcesOf(w.rs, "listener");
  const family = w.ip.family;
  const redirect = tp.disabledReason ? undefined : tp.families.find((f) => f.family === family && f.inboundPort > 0);
  return redirect ? handOff(w, listeners, redirect.inboundPort) : bypassRedirect(w, listeners, dp, tp);
}

/**
 * iptables sends the connection to the inbound passthrough listener, whose useOriginalDst hands it to the
 * listener on the original destination: exact IP:port, then the any-address with the port, else it stays.
 */
function handOff(w: Walk, listeners: readonly XdsResource[], inboundPort: number): Step<Capture> {
  const { trace, ip, port, target } = w;
  const any = ANY_ADDRESS[ip.family];
  trace.push(`iptables PREROUTING redirects the TCP connection to ${hostPort(any, inboundPort)} (redirectPortInbound)`);
  const receiving = listeners.find((l) => listensOn(l, any, inboundPort) && l.value["useOriginalDst"] === true);
  if (!receiving) {
    trace.push(`no listener with useOriginalDst on ${hostPort(any, inboundPort)}`);
    return { end: blocked(w, "no-listener", `nothing accepts connections on ${hostPort(any, inboundPort)}: the redirected connection is refused`) };
  }
  const exact = listeners.find((l) => l !== receiving && listensOn(l, ip.text, port));
  const wildcard = listeners.find((l) => l !== receiving && listensOn(l, any, port));
  if (exact) {
    trace.push(`${receiving.name} (useOriginalDst) hands the connection off to ${exact.name}, the listener on the original destination ${target}`);
    return { handler: exact, viaPassthrough: false };
  }
  if (wildcard) {
    trace.push(`no listener on ${target}; ${wildcard.name} on the any-address with port ${port} takes it`);
    return { handler: wildcard, viaPassthrough: false };
  }
  trace.push(`no listener on ${target}: the connection stays on ${receiving.name}`);
  return { handler: receiving, viaPassthrough: true };
}

/** No inbound redirect: only a listener Envoy binds itself sees the connection; else it goes {@link direct}. */
function bypassRedirect(w: Walk, listeners: readonly XdsResource[], dp: InboundDataplane, tp: TransparentProxyPlan): Step<Capture> {
  const { trace, ip, port, target } = w;
  const family = ip.family;
  const why = tp.disabledReason
    ? tp.disabledReason === "bind-outbounds"
      ? "the proxy runs with bind-outbounds (no iptables)"
      : "the dataplane has no transparent proxying: no iptables redirect"
    : tp.families.some((f) => f.family === family)
      ? "inbound redirection is off (redirectPortInbound 0)"
      : `the transparent proxy does not redirect ${family} traffic (ipFamilyMode IPv4)`;
  const bound = listeners.find((l) => l.value["bindToPort"] !== false && (listensOn(l, ip.text, port) || listensOn(l, ANY_ADDRESS[family], port)));
  if (!bound) {
    trace.push(`${why}; no Envoy listener binds ${target}`);
    return { end: direct(w, inboundInterfaces(dp), why) };
  }
  trace.push(`${why}; Envoy binds ${bound.name} on ${target} itself, so the client reaches it directly`);
  return { handler: bound, viaPassthrough: false };
}

/** The filter chain: tls_inspector reports transport and ALPN, then Envoy's filter-chain match picks one or closes. */
function pickFilterChain(w: Walk, { handler, viaPassthrough }: Capture): Step<ChainPick> {
  const { trace, client } = w;
  const l = handler.value;
  const sa = socketOf(l)!;
  const listener = { name: handler.name, address: hostPort(sa.address, sa.port) };
  const lf = Array.isArray(l["listenerFilters"]) ? (l["listenerFilters"] as JsonObject[]).map((f) => f["name"]) : [];
  const inspects = lf.includes(FILTER.tlsInspector);
  const conn: ObservedConnection = {
    transportProtocol: client.sendsTls && inspects ? "tls" : "raw_buffer",
    serverName: client.sendsTls && inspects ? client.sni : undefined,
    applicationProtocols: client.sendsTls && inspects ? client.alpn : [],
    authority: undefined,
  };
  if (inspects) trace.push(`tls_inspector sees transport ${conn.transportProtocol}${conn.applicationProtocols.length > 0 ? `, ALPN ${conn.applicationProtocols.join(",")}` : ""}`);
  const sel = selectFilterChain(l, w.port, w.ip, conn);
  trace.push(...sel.trace);
  if (sel.selected === undefined) {
    const strict = viaPassthrough ? " (strict inbound ports: the inbound passthrough listener only has chains for declared inbound ports)" : "";
    return { end: blocked(w, "no-filter-chain", `no filter chain of ${handler.name} matches this connection${strict}: Envoy closes it`, { listener }) };
  }
  const chain = sel.selected === "default" ? (l["defaultFilterChain"] as JsonObject) : (l["filterChains"] as JsonObject[])[sel.selected]!;
  const pointer = sel.selected === "default" ? "/defaultFilterChain" : `/filterChains/${sel.selected}`;
  const filterChain = { index: sel.selected, name: typeof chain["name"] === "string" ? chain["name"] : null };
  return { chain, pointer, base: { listener, filterChain } };
}

/**
 * TLS termination by the chain's DownstreamTlsContext: the client must speak TLS, present a certificate when one
 * is required, signed by the CA Envoy validates against, with a URI SAN the chain accepts. terminated: the sidecar
 * ended the client's TLS (and so RBAC sees its identity when it is a mesh certificate).
 */
function terminateTls(w: Walk, handler: XdsResource, { chain, base }: ChainPick): Step<{ readonly terminated: boolean }> {
  const { trace, client } = w;
  const ts = chain["transportSocket"];
  const tlsCtx = isJsonObject(ts) && ts["name"] === INBOUND_FILTER.tlsTransportSocket && isJsonObject(ts["typedConfig"]) ? ts["typedConfig"] : undefined;
  if (!tlsCtx) return { terminated: false };
  const caSecret = pathOf(tlsCtx, "commonTlsContext", "combinedValidationContext", "validationContextSdsSecretConfig", "name");
  const sanMatchers = pathOf(tlsCtx, "commonTlsContext", "combinedValidationContext", "defaultValidationContext", "matchTypedSubjectAltNames");
  const requireCert = tlsCtx["requireClientCertificate"] === true;
  if (!client.sendsTls) {
    trace.push("the chain terminates TLS (DownstreamTlsContext) but the client sends cleartext: the handshake fails");
    return { end: blocked(w, "tls-handshake-failed", `${handler.name} only accepts mesh mTLS: a plaintext client fails the TLS handshake and Envoy closes the connection (listener stat ssl.connection_error)`, base) };
  }
  if (client.certificate === "none" && requireCert) {
    trace.push("the chain requires a client certificate (requireClientCertificate) and the client presents none");
    return {
      end: blocked(
        w,
        "client-certificate-required",
        `${handler.name} requires a client certificate from the mesh CA (mTLS STRICT): a TLS client without one fails the handshake (Envoy also presents the mesh identity certificate, which a client outside the mesh does not trust)`,
        base,
      ),
    };
  }
  if (client.certificate === "foreign" || (client.certificate === "mesh" && typeof caSecret === "string" && client.mesh !== undefined && caSecret !== meshCaSecretName(client.mesh))) {
    trace.push(`the client certificate is not signed by the CA in ${String(caSecret)}`);
    return { end: blocked(w, "certificate-verify-failed", `the client certificate is not signed by the CA Envoy validates against (${String(caSecret)}): the handshake fails`, base) };
  }
  if (client.certificate === "mesh" && Array.isArray(sanMatchers) && sanMatchers.length > 0) {
    const ok = (sanMatchers as unknown[]).some((m) => isJsonObject(m) && client.sans.some((san) => stringMatches(m["matcher"], san)));
    if (!ok) return { end: blocked(w, "certificate-verify-failed", `no URI SAN of the client certificate (${client.sans.join(", ")}) matches the chain's SAN matchers: the handshake fails`, base) };
  }
  const terminated = client.certificate === "mesh" || (!requireCert && client.sendsTls);
  trace.push(client.certificate === "mesh" ? `mTLS terminated: the client certificate (${client.sans[0]}) is signed by the mesh CA and its SAN matches` : "TLS terminated by the sidecar");
  return { terminated };
}

/** The HTTP RBAC filter Kuma's MeshTrafficPermission puts first in the connection manager on HTTP chains (2.6+). */

/**
 * The chain's RBAC: the network filter (the connection ends when it denies the client) or, on an HTTP chain, the
 * HTTP RBAC filter (Envoy answers the request with 403 "RBAC: access denied"). The verdict names who wrote the
 * deciding rules (TrafficPermission, or the MeshTrafficPermission `from[i]` behind the principal or the Deny rule).
 */
function enforceRbac(w: Walk, handler: XdsResource, { chain, pointer, base }: ChainPick, terminated: boolean): InboundWalk | undefined {
  const filters = filtersOf(chain);
  const subject = { authenticated: terminated && w.client.certificate === "mesh", sans: w.client.sans, port: w.port };
  const decide = (rules: unknown, rulesPointer: string, layer: "network" | "HTTP"): InboundWalk | undefined => {
    const decision = evaluateRbac(rules, subject);
    const key = resourceKey(handler);
    const by = decision.matched
      ? (writerOf(w.writes, key, `${rulesPointer}/policies/${decision.matched.policy}/principals/${decision.matched.principal}`) ?? writerOf(w.writes, key, rulesPointer))
      : writerOf(w.writes, key, rulesPointer);
    const decidedBy = by ? ` (decided by ${by})` : "";
    w.trace.push(`${layer} RBAC: ${decision.why}${decidedBy}`);
    if (decision.allowed) return undefined;
    const effect = layer === "network" ? "Envoy closes the connection; stat rbac.denied" : 'Envoy answers HTTP 403 "RBAC: access denied"; stat rbac.denied';
    return blocked(w, "rbac-denied", `RBAC denies the connection: ${decision.why}${decidedBy} (${effect})`, base);
  };
  const ni = filters.findIndex((f) => f["name"] === INBOUND_FILTER.rbac);
  if (ni >= 0) {
    const denied = decide(pathOf(filters[ni]!, "typedConfig", "rules"), `${pointer}/filters/${ni}/typedConfig/rules`, "network");
    if (denied) return denied;
  }
  const hi = filters.findIndex((f) => f["name"] === FILTER.httpConnectionManager);
  if (hi < 0 || !w.client.speaksHttp) return undefined;
  const httpFilters = pathOf(filters[hi]!, "typedConfig", "httpFilters");
  const list = Array.isArray(httpFilters) ? (httpFilters as unknown[]) : [];
  const ri = list.findIndex((f) => isJsonObject(f) && f["name"] === INBOUND_FILTER.httpRbac);
  if (ri < 0) return undefined;
  return decide(pathOf(list[ri] as JsonObject, "typedConfig", "rules"), `${pointer}/filters/${hi}/typedConfig/httpFilters/${ri}/typedConfig/rules`, "HTTP");
}

/** The terminal filter: tcp_proxy forwards the bytes; an HTTP connection manager needs cleartext HTTP and a route. */
function terminalFilter(w: Walk, handler: XdsResource, { chain, pointer, base }: ChainPick, terminated: boolean): Step<Forward> {
  const { trace, client, dest, writes } = w;
  const filters = filtersOf(chain);
  const fi = filters.findIndex((f) => f["name"] === FILTER.tcpProxy || f["name"] === FILTER.httpConnectionManager);
  if (fi < 0) return { end: blocked(w, "no-cluster", `filter chain ${base.filterChain.index} has no tcp_proxy or http_connection_manager`, base) };
  const filter = filters[fi]!;
  const tc = isJsonObject(filter["typedConfig"]) ? filter["typedConfig"] : {};
  const fPointer = `${pointer}/filters/${fi}`;
  const passingTls = client.sendsTls && !terminated;
  if (filter["name"] === FILTER.tcpProxy) {
    const clusterName = typeof tc["cluster"] === "string" ? tc["cluster"] : undefined;
    const limits = tcpProxyLimits(handler.name, tc, fPointer, writes);
    trace.push(`tcp_proxy forwards the ${passingTls ? "still encrypted " : ""}bytes to cluster ${clusterName}`);
    return { clusterName, route: null, limits };
  }
  if (passingTls || !client.speaksHttp) {
    const what = passingTls ? "the client's TLS records (the chain does not terminate TLS)" : `${dest.protocol} bytes that are not HTTP`;
    trace.push(`the HTTP connection manager receives ${what}: the codec fails`);
    return { end: blocked(w, "http-codec-error", `${handler.name} runs an HTTP connection manager on this chain and receives ${what}: Envoy's HTTP codec fails and the connection is closed`, base) };
  }
  const rc = isJsonObject(tc["routeConfig"]) ? tc["routeConfig"] : undefined;
  const vhosts = rc && Array.isArray(rc["virtualHosts"]) ? (rc["virtualHosts"] as JsonObject[]) : [];
  const authority = observe(dest, { tls: false, http: false }).authority ?? "";
  const rcName = rc && typeof rc["name"] === "string" ? rc["name"] : null;
  const vh = selectVirtualHost(vhosts, authority);
  if (!vh) return { end: blocked(w, "no-route", `no virtual host matches Host "${authority}" (HTTP 404 from the sidecar)`, { ...base, route: { routeConfiguration: rcName, virtualHost: null, route: null } }) };
  const vhName = typeof vh.vhost["name"] === "string" ? vh.vhost["name"] : null;
  const r = selectRoute(vh.vhost, dest.path, w.headers);
  if (!r || "error" in r) return { end: blocked(w, "no-route", `${r ? r.error : `no route matches ${dest.path}`} (HTTP 404 from the sidecar)`, { ...base, route: { routeConfiguration: rcName, virtualHost: vhName, route: null } }) };
  const action = isJsonObject(r.route["route"]) ? r.route["route"] : {};
  const clusterName = typeof action["cluster"] === "string" ? action["cluster"] : undefined;
  const route = { routeConfiguration: rcName, virtualHost: vhName, route: r.index };
  const routePointer = `${fPointer}/typedConfig/routeConfig/virtualHosts/${vh.index}/routes/${r.index}`;
  const limits = { ...httpLimits(handler.name, tc, fPointer, action, `${routePointer}/route`, writes), ...legacyHttpLimits(handler.name, tc, fPointer, r.route, routePointer, w.headers, writes) };
  trace.push(`Host "${authority}" → virtual host ${vhName}, route #${r.index} → cluster ${clusterName}`);
  const verdict = faultsAndRateLimit(w, tc, limits, { ...base, route });
  if (verdict) return { end: verdict };
  return { clusterName, route, limits };
}

/**
 * What the fault filters and the route's rate limit mean for the request: an abort of 100% of the matched requests
 * ends the walk (the application never sees it); a smaller share, a delay or a rate limit is a warning that says how
 * likely or under which load (meshsim cannot know the request rate or Envoy's random draw).
 */
function faultsAndRateLimit(w: Walk, hcm: JsonObject, limits: Limits, base: Partial<InboundWalk>): InboundWalk | undefined {
  const hasFaultFilter = filtersOf({ filters: hcm["httpFilters"] ?? [] } as JsonObject).some((f) => f["name"] === INBOUND_FILTER.fault);
  const routes = JSON.stringify(hcm["routeConfig"] ?? {});
  if (hasFaultFilter || routes.includes(`"${KUMA_TAGS_HEADER}"`))
    w.assumptions.push(
      w.headers[KUMA_TAGS_HEADER] !== undefined
        ? `the client's sidecar sends ${KUMA_TAGS_HEADER}: ${w.headers[KUMA_TAGS_HEADER]} (its kuma.io/service and request.client.tags; Kuma adds the header on HTTP outbounds when the Mesh has FaultInjection or RateLimit), which the fault filters and rate-limited routes match on`
        : `the client sends no ${KUMA_TAGS_HEADER} header (only a mesh client's sidecar adds it), so no fault filter or rate-limited route that matches on it applies`,
    );
  for (const f of limits.faults ?? []) {
    const v = f.value;
    const abort = v.abort;
    if (abort && abort.percent >= 100) {
      w.trace.push(`${INBOUND_FILTER.fault} (${f.source}) aborts every matching request with HTTP ${abort.httpStatus}`);
      return blocked(w, "fault-abort", `the HTTP fault filter of ${f.source} aborts 100% of these requests with HTTP ${abort.httpStatus}${v.delay ? ` (after a ${v.delay.fixedDelay} delay for ${v.delay.percent}% of them)` : ""}: the application never sees them`, { ...base, limits });
    }
    const parts = [
      ...(v.delay ? [`delays ${v.delay.percent}% of them by ${v.delay.fixedDelay}`] : []),
      ...(abort ? [`aborts ${abort.percent}% of them with HTTP ${abort.httpStatus}`] : []),
      ...(v.responseBandwidth ? [`limits the response of ${v.responseBandwidth.percent}% of them to ${v.responseBandwidth.kbps} kbps`] : []),
    ];
    if (parts.length > 0)
      w.warnings.push({ code: "fault-injected", message: `the HTTP fault filter of ${f.source} matches this request: it ${parts.join(", ")}; each request is drawn at random, so this request may or may not be affected` });
  }
  const rl = limits.rateLimit;
  if (rl)
    w.warnings.push({
      code: "rate-limited",
      message: `route rate limit of ${rl.source}: a token bucket of ${rl.value.requests} requests refilled every ${rl.value.interval} (per Envoy instance); requests beyond it get HTTP ${rl.value.status}. Whether this request is rejected depends on the request rate, which meshsim does not know`,
    });
  return undefined;
}

/** The cluster: Envoy closes the connection when it does not exist (NC) or is STATIC without endpoints (UH). */
function connectCluster(w: Walk, { base }: ChainPick, { clusterName, route, limits }: Forward): Step<Upstream> {
  const cluster = clusterName ? findResource(w.rs, "cluster", clusterName) : undefined;
  if (!cluster) return { end: blocked(w, "no-cluster", `cluster ${clusterName} does not exist: Envoy closes the connection (response flag NC)`, { ...base, route, cluster: clusterName ? { name: clusterName, type: null } : null, limits }) };
  const type = typeof cluster.value["type"] === "string" ? cluster.value["type"] : null;
  const all = { ...clusterLimits(cluster.value, w.writes), ...limits };
  const info = { name: cluster.name, type };
  const endpoints = pathOf(cluster.value, "loadAssignment", "endpoints");
  if (type === "STATIC" && (!Array.isArray(endpoints) || endpoints.length === 0)) {
    w.trace.push(`cluster ${cluster.name} is STATIC without endpoints`);
    return { end: blocked(w, "no-destination", `cluster ${cluster.name} has no endpoints: Envoy closes the connection (no healthy upstream, response flag UH)`, { ...base, route, cluster: info, limits: all }) };
  }
  return { cluster, info, limits: all };
}

/** The accepted answer: how the connection got through, and the warnings when it skipped mesh mTLS. */
function accept(w: Walk, { handler, viaPassthrough }: Capture, { base }: ChainPick, route: RouteInfo | null, { cluster, info, limits }: Upstream, terminated: boolean): InboundWalk {
  const { trace, warnings, assumptions, client, ip, target, meshMtlsOn } = w;
  const type = info.type;
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
    cluster: info,
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
function direct(w: Walk, ifaces: readonly InboundInterface[], why: string): InboundWalk {
  const { trace, warnings, assumptions, ip, port, target, meshMtlsOn } = w;
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
