/**
 * Walks an outbound connection through the config the way Envoy does: capture (iptables), the
 * original-destination hand-off (envoy `ConnectionHandlerImpl::getBalancedHandlerByAddress`: exact
 * IP:port, then the any-address with the port, else the receiving listener), filter chain, the
 * terminal network filter (tcp_proxy or HTTP connection manager: virtual host, route) and cluster.
 * Kuma side: iptables rules in kuma `app/kumactl/cmd/install/testdata/install-transparent-proxy.defaults.golden.txt`,
 * listeners from `pkg/xds/generator/transparent_proxy_generator.go` and `outbound_proxy_generator.go` @ v2.14.3.
 */
import { hostPort, socketOf } from "./socket.js";
import { assertNever } from "../assert.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import { ANY_ADDRESS, inCidr, isLoopback } from "../net/ip.js";
import type { WriteIndex } from "../xds/provenance.js";
import { isJsonObject, type JsonObject } from "../json.js";
import { FILTER, MESH_PASSTHROUGH_NO_MATCH_VHOST, passthroughName } from "../xds/names.js";
import { findResource, resourcesOf, type ResourceSet } from "../xds/resource-set.js";
import { selectFilterChain } from "./filter-chain.js";
import { selectRoute, selectVirtualHost } from "./http-route.js";
import { clusterLimits, httpLimits, tcpProxyLimits, type Limits } from "./limits.js";
import { observe, type Destination } from "./request.js";

export type OutboundVerdict = "passthrough" | "blocked" | "mesh" | "direct";

export type ReasonCode =
  | "passthrough" // forwarded by an ORIGINAL_DST cluster to the original destination
  | "mesh-listener" // handed off to an outbound listener of an in-mesh destination
  | "not-captured" // the sidecar never sees the connection
  | "no-cluster" // tcp_proxy / route names a cluster that does not exist: Envoy closes (NC)
  | "no-filter-chain" // no filter chain matches and there is no default chain: Envoy closes
  | "no-route" // HTTP: no virtual host or route matched (Envoy answers 404), or MeshPassthrough's no_match virtual host (503)
  | "direct-response"; // HTTP: the route answers itself (e.g. MeshPassthrough's no_match 503)

export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
}

export interface RouteInfo {
  readonly routeConfiguration: string | null;
  readonly virtualHost: string | null;
  readonly route: number | null;
  readonly directResponse?: { readonly status: number; readonly body?: string };
}

export interface OutboundWalk {
  readonly verdict: OutboundVerdict;
  readonly reason: Reason;
  readonly listener: { readonly name: string; readonly address: string } | null;
  readonly filterChain: { readonly index: number | "default"; readonly name: string | null } | null;
  readonly route: RouteInfo | null;
  readonly cluster: { readonly name: string; readonly type: string | null } | null;
  readonly limits: Limits;
  readonly trace: readonly string[];
}


function none(verdict: OutboundVerdict, code: ReasonCode, message: string, trace: string[]): OutboundWalk {
  return { verdict, reason: { code, message }, listener: null, filterChain: null, route: null, cluster: null, limits: {}, trace };
}

/** Walks `dest` from the dataplane through `rs`. `writes` gives the provenance of patched fields. */
export function walkOutbound(rs: ResourceSet, dest: Destination, tp: TransparentProxyPlan, writes: WriteIndex): OutboundWalk {
  const trace: string[] = [];
  const ip = dest.ip;
  const family = ip?.family ?? "ipv4";
  const listeners = resourcesOf(rs, "listener");
  const at = (l: { value: JsonObject }, address: string, port: number) => {
    const s = socketOf(l.value);
    return !!s && s.address === address && s.port === port;
  };
  let receiving: (typeof listeners)[number] | undefined;
  let handler: (typeof listeners)[number];
  if (tp.disabledReason) {
    // Without iptables the application reaches Envoy only by connecting to a listener that really binds.
    const bound = ip ? listeners.find((l) => at(l, ip.text, dest.port) && l.value["bindToPort"] !== false) : undefined;
    const why =
      tp.disabledReason === "bind-outbounds"
        ? "the proxy runs with bind-outbounds (feature-bind-outbounds): no iptables redirection and no passthrough listener"
        : "the dataplane has no transparent proxying (no redirectPortOutbound): no iptables redirection, so the application connects directly";
    if (!bound) {
      trace.push(why);
      return none("direct", "not-captured", `${why}; the sidecar never sees this connection, so no Kuma policy or Envoy limit applies`, trace);
    }
    trace.push(`${why}; ${hostPort(ip!.text, dest.port)} is the sidecar's own outbound listener ${bound.name} (networking.outbound), which the application calls explicitly`);
    handler = bound;
  } else {
    // kumactl install-transparent-proxy rules (install-transparent-proxy.defaults.golden.txt): only TCP goes to
    // KUMA_MESH_OUTBOUND; loopback, excluded ports and excluded IPs RETURN.
    if (dest.protocol === "udp") {
      trace.push("only TCP is redirected to Envoy's outbound listener (UDP is touched only for DNS, towards the DNS proxy)");
      return none("direct", "not-captured", "UDP traffic does not go through the sidecar's Envoy listeners", trace);
    }
    if (tp.excludeOutboundPorts.includes(dest.port)) {
      trace.push(`port ${dest.port} is in excludeOutboundPorts: iptables RETURNs it`);
      return none("direct", "not-captured", `outbound port ${dest.port} is excluded from redirection`, trace);
    }
    const excludedBy = ip ? tp.excludeOutboundIPs.find((c) => inCidr(ip, c)) : undefined;
    if (excludedBy) {
      trace.push(`${ip!.text} is in excludeOutboundIPs (${excludedBy}): iptables RETURNs it`);
      return none("direct", "not-captured", `${ip!.text} is excluded from redirection (${excludedBy})`, trace);
    }
    if (ip && isLoopback(ip)) {
      trace.push(`${ip.text} is loopback: iptables RETURNs traffic to 127.0.0.1/32 and on the loopback interface`);
      return none("direct", "not-captured", "loopback traffic is not redirected to the sidecar", trace);
    }
    if (!tp.families.some((f) => f.family === family)) {
      trace.push(`${ip?.text ?? "the destination"} is IPv6 but the proxy has no IPv6 passthrough set (ipFamilyMode IPv4): ip6tables rules are not installed`);
      return none("direct", "not-captured", "IPv6 traffic is not redirected when the transparent proxy runs IPv4-only", trace);
    }
    trace.push(`iptables redirects the TCP connection to ${hostPort(ANY_ADDRESS[family], tp.outboundPort)} (redirectPortOutbound)`);

    // Original-destination hand-off.
    receiving = listeners.find((l) => at(l, ANY_ADDRESS[family], tp.outboundPort) && l.value["useOriginalDst"] === true);
    const expected = passthroughName("outbound", family, tp.scheme);
    if (!receiving) {
      trace.push(`no listener with useOriginalDst on ${hostPort(ANY_ADDRESS[family], tp.outboundPort)} (expected ${expected}); nothing accepts the redirected connection`);
      return none("blocked", "no-filter-chain", `no listener accepts connections on ${hostPort(ANY_ADDRESS[family], tp.outboundPort)}: the connection is refused`, trace);
    }
    handler = receiving;
    if (ip) {
      const exact = listeners.find((l) => l !== receiving && at(l, ip.text, dest.port));
      const wildcard = listeners.find((l) => l !== receiving && at(l, ANY_ADDRESS[family], dest.port));
      if (exact) {
        handler = exact;
        trace.push(`original destination ${hostPort(ip.text, dest.port)} matches listener ${exact.name} exactly: hand-off`);
      } else if (wildcard) {
        handler = wildcard;
        trace.push(`no listener on ${hostPort(ip.text, dest.port)}; listener ${wildcard.name} on the any-address with port ${dest.port} takes it`);
      } else trace.push(`no listener on ${hostPort(ip.text, dest.port)} or ${hostPort(ANY_ADDRESS[family], dest.port)}: the connection stays on ${receiving.name}`);
    } else trace.push(`destination IP unknown: assuming no in-mesh listener owns it, the connection stays on ${receiving.name}`);
  }

  const l = handler.value;
  const lf = Array.isArray(l["listenerFilters"]) ? (l["listenerFilters"] as JsonObject[]).map((f) => f["name"]) : [];
  const conn = observe(dest, { tls: lf.includes(FILTER.tlsInspector), http: lf.includes(FILTER.httpInspector) });
  const sa = socketOf(l)!;
  const listenerInfo = { name: handler.name, address: hostPort(sa.address, sa.port) };
  const sel = selectFilterChain(l, dest.port, ip, conn);
  trace.push(...sel.trace);
  if (sel.selected === undefined) {
    return { ...none("blocked", "no-filter-chain", `no filter chain of ${handler.name} matches this connection and there is no default chain: Envoy closes it (listener stat no_filter_chain_match)`, trace), listener: listenerInfo };
  }
  const chain = sel.selected === "default" ? (l["defaultFilterChain"] as JsonObject) : (l["filterChains"] as JsonObject[])[sel.selected]!;
  const chainPointer = sel.selected === "default" ? "/defaultFilterChain" : `/filterChains/${sel.selected}`;
  const filterChain = { index: sel.selected, name: typeof chain["name"] === "string" ? chain["name"] : null };
  const filters = Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : [];
  const fi = filters.findIndex((f) => f["name"] === FILTER.tcpProxy || f["name"] === FILTER.httpConnectionManager);
  const base = { listener: listenerInfo, filterChain };
  if (fi < 0) {
    trace.push("the chain has no tcp_proxy or http_connection_manager: nothing forwards the connection");
    return { ...none("blocked", "no-cluster", `filter chain ${filterChain.name ?? filterChain.index} has no terminal filter meshsim models`, trace), ...base };
  }
  const filter = filters[fi]!;
  const tc = isJsonObject(filter["typedConfig"]) ? filter["typedConfig"] : {};
  const fPointer = `${chainPointer}/filters/${fi}`;
  const inMesh = handler !== receiving;

  let clusterName: string | undefined;
  let route: RouteInfo | null = null;
  let limits: Limits = {};
  const kind = filter["name"] === FILTER.tcpProxy ? "tcp" : "http";
  switch (kind) {
    case "tcp": {
      clusterName = typeof tc["cluster"] === "string" ? tc["cluster"] : undefined;
      const weighted = isJsonObject(tc["weightedClusters"]) && Array.isArray(tc["weightedClusters"]["clusters"]) ? (tc["weightedClusters"]["clusters"] as JsonObject[]) : [];
      if (!clusterName && weighted.length > 0) {
        clusterName = typeof weighted[0]!["name"] === "string" ? weighted[0]!["name"] : undefined;
        trace.push(`tcp_proxy uses weighted clusters (${weighted.map((w) => `${String(w["name"])} ${String(w["weight"] ?? "")}`).join(", ")}); meshsim follows the first one`);
      }
      limits = tcpProxyLimits(handler.name, tc, fPointer, writes);
      trace.push(`tcp_proxy (statPrefix ${String(tc["statPrefix"] ?? "")}) forwards to cluster ${clusterName ?? "(none)"}`);
      break;
    }
    case "http": {
      const rc = isJsonObject(tc["routeConfig"]) ? tc["routeConfig"] : undefined;
      const vhosts = rc && Array.isArray(rc["virtualHosts"]) ? (rc["virtualHosts"] as JsonObject[]) : [];
      const authority = conn.authority ?? "";
      const vh = selectVirtualHost(vhosts, authority);
      const rcName = rc && typeof rc["name"] === "string" ? rc["name"] : null;
      if (!vh) {
        trace.push(`no virtual host of ${rcName ?? "the route configuration"} matches Host "${authority}": Envoy answers 404`);
        return { ...none("blocked", "no-route", `no virtual host matches Host "${authority}" (HTTP 404 from the sidecar)`, trace), ...base, route: { routeConfiguration: rcName, virtualHost: null, route: null } };
      }
      trace.push(`Host "${authority}" selects virtual host ${String(vh.vhost["name"])} (domain "${vh.matchedDomain}")`);
      const r = selectRoute(vh.vhost, dest.path);
      const vhName = typeof vh.vhost["name"] === "string" ? vh.vhost["name"] : null;
      if (!r || "error" in r) {
        const msg = r ? r.error : `no route of virtual host ${vhName} matches path ${dest.path}`;
        trace.push(`${msg}: Envoy answers 404`);
        return { ...none("blocked", "no-route", `${msg} (HTTP 404 from the sidecar)`, trace), ...base, route: { routeConfiguration: rcName, virtualHost: vhName, route: null } };
      }
      const rPointer = `${fPointer}/typedConfig/routeConfig/virtualHosts/${vh.index}/routes/${r.index}`;
      const dr = r.route["directResponse"];
      if (isJsonObject(dr)) {
        const status = typeof dr["status"] === "number" ? dr["status"] : 200;
        const body = isJsonObject(dr["body"]) && typeof dr["body"]["inlineString"] === "string" ? dr["body"]["inlineString"] : undefined;
        trace.push(`route #${r.index} answers directly with HTTP ${status}`);
        // MeshPassthrough's catch-all virtual host is how "no route for this domain" looks in Kuma's config.
        const noMatch = vhName === MESH_PASSTHROUGH_NO_MATCH_VHOST;
        return {
          ...none(
            "blocked",
            noMatch ? "no-route" : "direct-response",
            `${noMatch ? `no MeshPassthrough rule matches Host "${authority}": ` : ""}the sidecar answers HTTP ${status} itself${body ? `: ${body.trim()}` : ""}`,
            trace,
          ),
          ...base,
          route: { routeConfiguration: rcName, virtualHost: vhName, route: r.index, directResponse: { status, ...(body !== undefined ? { body } : {}) } },
        };
      }
      const action = isJsonObject(r.route["route"]) ? r.route["route"] : {};
      clusterName = typeof action["cluster"] === "string" ? action["cluster"] : undefined;
      if (!clusterName && isJsonObject(action["weightedClusters"]) && Array.isArray(action["weightedClusters"]["clusters"])) {
        const first = (action["weightedClusters"]["clusters"] as JsonObject[])[0];
        clusterName = typeof first?.["name"] === "string" ? first["name"] : undefined;
        trace.push(`route uses weighted clusters; meshsim follows the first one, ${clusterName}`);
      }
      route = { routeConfiguration: rcName, virtualHost: vhName, route: r.index };
      limits = httpLimits(handler.name, tc, fPointer, action, `${rPointer}/route`, writes);
      trace.push(`route #${r.index} of virtual host ${vhName} forwards to cluster ${clusterName}`);
      break;
    }
    default:
      return assertNever(kind, "terminal filter");
  }
  const cluster = clusterName ? findResource(rs, "cluster", clusterName) : undefined;
  if (!cluster) {
    trace.push(`cluster ${clusterName} does not exist: Envoy sets response flag NC (NoClusterFound) and closes the connection`);
    return {
      ...none("blocked", "no-cluster", `the ${kind === "tcp" ? "tcp_proxy" : "route"} names cluster ${clusterName}, which does not exist: Envoy closes the connection (response flag NC${kind === "tcp" ? `, stat tcp.${String(tc["statPrefix"] ?? "")}.downstream_cx_no_route` : ", HTTP 503"})`, trace),
      ...base,
      route,
      cluster: clusterName ? { name: clusterName, type: null } : null,
      limits,
    };
  }
  const type = typeof cluster.value["type"] === "string" ? cluster.value["type"] : null;
  limits = { ...clusterLimits(cluster.value, writes), ...limits };
  // An ORIGINAL_DST cluster (e.g. the Kubernetes API-server bypass) leaves the mesh even from another listener.
  if (inMesh && type !== "ORIGINAL_DST") {
    return { verdict: "mesh", reason: { code: "mesh-listener", message: `handled by the in-mesh outbound listener ${handler.name}, cluster ${cluster.name}` }, ...base, route, cluster: { name: cluster.name, type }, limits, trace };
  }
  trace.push(`cluster ${cluster.name} (${type ?? "EDS"}) connects to the original destination ${ip ? hostPort(ip.text, dest.port) : `port ${dest.port}`}`);
  return {
    verdict: "passthrough",
    reason: { code: "passthrough", message: `leaves the mesh through ${handler.name} and cluster ${cluster.name}, straight to the original destination` },
    ...base,
    route,
    cluster: { name: cluster.name, type },
    limits,
    trace,
  };
}
