/**
 * Outbound listeners for in-mesh destinations (kuma `pkg/xds/topology/dns.go` VIPOutbounds,
 * `pkg/xds/sync/dataplane_proxy_builder.go` resolveVIPOutbounds, `pkg/dns/vips_allocator.go`,
 * meshservice/meshexternalservice `helpers.go` AsOutbounds @ v2.14.3). Each listener sits on
 * `address:port` with bindToPort false and wins Envoy's original-destination hand-off, so traffic to
 * it never reaches the passthrough listener. meshsim models what decides the verdict — addresses,
 * ports, hostnames, reachability and the cluster — and forwards with a plain tcp_proxy: routes,
 * retries and mTLS of in-mesh traffic are not simulated.
 * Defaults from kuma `pkg/config/app/kuma-cp/kuma-cp.defaults.yaml` (dnsServer.CIDR, serviceVipPort, ipam CIDRs),
 * reachability from `pkg/xds/context/destination_index.go` GetReachableBackends @ v2.14.3.
 */
import { parseIp } from "../net/ip.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { MeshModel } from "../model/mesh.js";
import type { DestinationModel } from "../model/destination.js";
import { commonProtocol, parseKumaProtocol, type KumaProtocol, type OutboundTarget } from "../model/outbound-target.js";
import type { VersionFeatures } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import { FILTER, ORIGIN, TYPE_URL, inMeshClusterName, inMeshListenerName, sanitizeStatName, type NamingScheme } from "../xds/names.js";
import { addResources, type ResourceOrigin, type ResourceSet, type XdsResource } from "../xds/resource-set.js";

/** Kuma DNS VIP range (kuma-cp.defaults.yaml dnsServer.CIDR) and the extra port every service VIP gets (serviceVipPort). */
export const KUMA_DNS_CIDR_BASE = 240n << 24n;
export const SERVICE_VIP_PORT = 80;
export const SERVICE_TAG = "kuma.io/service";

export interface DnsEntry {
  readonly hostname: string;
  readonly ip: string;
  /** Who answers this name: Kuma DNS (VIP), a HostnameGenerator address, or kube-dns. */
  readonly via: string;
}

/** An in-mesh destination this dataplane does not get a listener for, and why. */
export interface FilteredOutbound {
  readonly address: string;
  readonly port: number;
  readonly destination: string;
  readonly reason: string;
}

export interface OutboundGeneration {
  readonly resources: ResourceSet;
  readonly dns: readonly DnsEntry[];
  readonly filtered: readonly FilteredOutbound[];
  /** VIPs meshsim allocated itself (Kuma's allocator keeps them in a ConfigMap the snapshot lacks). */
  readonly allocatedVips: readonly { readonly name: string; readonly ip: string }[];
  /** What each generated outbound listener and cluster stands for (read by MeshTimeout and MeshCircuitBreaker). */
  readonly targets?: readonly OutboundTarget[];
}

/**
 * The protocol of every `kuma.io/service` of the mesh as Kuma's mesh context infers it from its endpoints (kuma
 * `pkg/xds/context/mesh_context_builder.go` inferServiceProtocol @ v2.14.3): the common protocol of the endpoints'
 * `kuma.io/protocol` tags (an endpoint without one makes it unknown), an ExternalService's from its tags.
 */
export function serviceProtocols(dataplanes: readonly DataplaneModel[], destinations: readonly DestinationModel[], mesh: string): ReadonlyMap<string, KumaProtocol> {
  const seen = new Map<string, string[]>();
  const add = (svc: string, p: string) => (seen.get(svc) ?? seen.set(svc, []).get(svc)!).push(p);
  for (const d of dataplanes) if (d.mesh === mesh) for (const i of d.inbounds) if (i.tags[SERVICE_TAG]) add(i.tags[SERVICE_TAG]!, i.protocol ?? i.tags["kuma.io/protocol"] ?? "");
  for (const e of destinations) if (e.kind === "ExternalService" && e.mesh === mesh && e.service) add(e.service, e.protocols?.[e.ports[0]!] ?? "");
  const out = new Map<string, KumaProtocol>();
  for (const [svc, ps] of seen) {
    const common = ps.map(parseKumaProtocol).reduce((a, b) => commonProtocol(a, b));
    out.set(svc, common);
  }
  return out;
}

export interface ReachableBackendRef {
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly port?: number;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface OutboundInput {
  readonly dataplane: DataplaneModel;
  /** Every dataplane of the mesh (their inbounds define the legacy `kuma.io/service`s). */
  readonly dataplanes: readonly DataplaneModel[];
  readonly mesh: MeshModel;
  readonly destinations: readonly DestinationModel[];
  readonly features: VersionFeatures;
  readonly scheme: NamingScheme;
  readonly reachableServices: readonly string[] | undefined;
  readonly reachableBackends: readonly ReachableBackendRef[] | undefined;
  /** The proxy has a workload identity (a MeshIdentity selects it); from 3.0 a MeshExternalService cluster needs one. */
  readonly workloadIdentity: boolean;
}

function vip(i: number): string {
  const v = KUMA_DNS_CIDR_BASE + BigInt(i + 1);
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join(".");
}

function outboundListener(name: string, address: string, port: number, cluster: string, tags: Readonly<Record<string, string>>): JsonObject {
  return {
    name,
    address: { socketAddress: { address, portValue: port } },
    bindToPort: false,
    trafficDirection: "OUTBOUND",
    ...(Object.keys(tags).length > 0 ? { metadata: { filterMetadata: { "io.kuma.tags": tags } } } : {}),
    filterChains: [{ filters: [{ name: FILTER.tcpProxy, typedConfig: { "@type": TYPE_URL.tcpProxy, cluster, statPrefix: sanitizeStatName(cluster) } }] }],
  };
}

function edsCluster(name: string, f: VersionFeatures): JsonObject {
  const stat = sanitizeStatName(name);
  return { name, type: "EDS", edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: "V3" } }, connectTimeout: f.passthroughConnectTimeout, ...(stat !== name ? { altStatName: stat } : {}) };
}

function backendAllowed(d: DestinationModel, port: number, refs: readonly ReachableBackendRef[]): boolean {
  return refs.some(
    (r) =>
      r.kind === d.kind &&
      (r.labels ? Object.entries(r.labels).every(([k, v]) => d.labels[k] === v) : r.name === d.name && (r.namespace === undefined || r.namespace === d.namespace)) &&
      (r.port === undefined || r.port === port),
  );
}

/** Generates the outbound listeners and clusters of in-mesh destinations for a transparent-proxied dataplane. */
export function generateOutbounds(input: OutboundInput): OutboundGeneration {
  const { dataplane: dp, mesh, features: f, scheme } = input;
  const emitted: XdsResource[] = [];
  const dns: DnsEntry[] = [];
  const filtered: FilteredOutbound[] = [];
  const allocated: { name: string; ip: string }[] = [];
  const own = new Set(dp.inbounds.map((i) => `${i.address}:${i.port}`));

  const targets: OutboundTarget[] = [];
  const protocols = serviceProtocols(input.dataplanes, input.destinations, mesh.name);
  const legacy = (svc: string) => ({ service: svc, protocol: protocols.get(svc) ?? ("unknown" as const) });
  const emit = (
    address: string,
    port: number,
    cluster: string,
    destination: string,
    tags: Readonly<Record<string, string>>,
    keep: string | undefined,
    withCluster = true,
    target?: Omit<OutboundTarget, "listener" | "cluster">,
    resourceOrigin?: ResourceOrigin,
  ) => {
    if (keep !== undefined) {
      filtered.push({ address, port, destination, reason: keep });
      return;
    }
    // An outbound on one of the dataplane's own inbound address:port is skipped (UsesInboundInterface).
    if (own.has(`${address}:${port}`)) {
      filtered.push({ address, port, destination, reason: "it is one of this dataplane's own inbounds" });
      return;
    }
    const name = inMeshListenerName(address, port);
    emitted.push({ type: "listener", name, origin: ORIGIN.outbound, value: outboundListener(name, address, port, cluster, tags), ...(resourceOrigin ? { resourceOrigin } : {}) });
    if (withCluster) emitted.push({ type: "cluster", name: cluster, origin: ORIGIN.outbound, value: edsCluster(cluster, f), ...(resourceOrigin ? { resourceOrigin } : {}) });
    if (target) targets.push({ listener: name, cluster: withCluster ? cluster : undefined, ...target });
  };

  // Legacy kuma.io/service VIPs from Kuma DNS (not when MeshServices are Exclusive; gone with the path in 3.0).
  const externals = input.destinations.filter((d) => d.kind === "ExternalService" && d.mesh === mesh.name);
  if (f.outboundTagsField && mesh.meshServicesMode !== "Exclusive") {
    const ports = new Map<string, Set<number>>();
    for (const other of input.dataplanes.filter((d) => d.mesh === mesh.name))
      for (const i of other.inbounds) {
        const svc = i.tags[SERVICE_TAG];
        if (svc) (ports.get(svc) ?? ports.set(svc, new Set()).get(svc)!).add(i.port);
      }
    for (const e of externals) {
      const svc = e.service!;
      (ports.get(svc) ?? ports.set(svc, new Set()).get(svc)!).add(e.ports[0]!);
    }
    const hosts = externals.filter((e) => e.externalHost !== undefined).map((e) => e.externalHost!);
    const names = [...new Set([...ports.keys(), ...hosts])].sort();
    const vipOf = new Map(names.map((n, i) => [n, vip(i)]));
    for (const svc of [...ports.keys()].sort()) {
      const ip = vipOf.get(svc)!;
      allocated.push({ name: `${svc}.mesh`, ip });
      for (const h of new Set([`${svc}.mesh`, `${svc.replace(/_/g, ".")}.mesh`])) dns.push({ hostname: h, ip, via: "Kuma DNS (service VIP)" });
      const reachable = input.reachableServices && input.reachableServices.length > 0 ? input.reachableServices.includes(svc) : true;
      const why = reachable ? undefined : "the dataplane's transparentProxying.reachableServices does not list it";
      for (const p of [...new Set([...ports.get(svc)!, SERVICE_VIP_PORT])].sort((a, b) => a - b)) emit(ip, p, svc, `kuma.io/service ${svc}`, { [SERVICE_TAG]: svc }, why, true, legacy(svc));
    }
    for (const e of externals) {
      const reachable = input.reachableServices && input.reachableServices.length > 0 ? input.reachableServices.includes(e.service!) : true;
      const why = reachable ? undefined : "the dataplane's transparentProxying.reachableServices does not list it";
      if (e.externalHost !== undefined) {
        const ip = vipOf.get(e.externalHost)!;
        allocated.push({ name: e.externalHost, ip });
        dns.push({ hostname: e.externalHost, ip, via: `Kuma DNS (ExternalService ${e.name})` });
        emit(ip, e.ports[0]!, e.service!, `ExternalService ${e.name}`, { [SERVICE_TAG]: e.service! }, why, true, legacy(e.service!));
      }
    }
  }
  // An ExternalService whose address is an IP literal captures that real IP:port (virtual_outbound_view.go Add).
  for (const e of externals.filter((x) => x.externalHost === undefined && x.addresses.length > 0)) {
    const reachable = input.reachableServices && input.reachableServices.length > 0 ? input.reachableServices.includes(e.service!) : true;
    emit(e.addresses[0]!, e.ports[0]!, e.service!, `ExternalService ${e.name}`, { [SERVICE_TAG]: e.service! }, reachable ? undefined : "the dataplane's transparentProxying.reachableServices does not list it", true, legacy(e.service!));
  }

  // MeshService, MeshMultiZoneService, MeshExternalService (destination_index.go GetReachableBackends).
  for (const d of input.destinations.filter((x) => x.mesh === mesh.name && (x.kind === "MeshService" || x.kind === "MeshMultiZoneService" || x.kind === "MeshExternalService"))) {
    const ip = d.addresses[0];
    for (const h of d.hostnames) if (ip) dns.push({ hostname: h, ip, via: `${d.kind} ${d.name} ${d.hostnameVia ?? "status.addresses"}` });
    for (const addr of d.addresses) {
      for (const p of d.ports) {
        let why: string | undefined;
        if (input.reachableBackends !== undefined) why = backendAllowed(d, p, input.reachableBackends) ? undefined : "the dataplane's reachableBackends does not list it";
        else if (input.reachableServices && input.reachableServices.length > 0) why = "the dataplane sets reachableServices but not reachableBackends, which drops every Mesh*Service outbound";
        else if (mesh.meshServicesMode === "ReachableBackends") why = "the Mesh's meshServices.mode is ReachableBackends and the dataplane has no reachableBackends";
        // kumahq/kuma@348b6528bc UPGRADE.md "MeshExternalService clusters require a MeshIdentity": the listener stays, the cluster goes.
        const withCluster = !(d.kind === "MeshExternalService" && f.mesClusterNeedsIdentity && !input.workloadIdentity);
        // The listener's KRI (its section the port's name, else its number), as Kuma's MeshTCPRoute/MeshHTTPRoute set it.
        const origin: ResourceOrigin = {
          kind: d.kind as ResourceOrigin["kind"],
          mesh: d.mesh,
          name: d.name,
          ...(d.namespace !== undefined ? { namespace: d.namespace } : {}),
          ...(d.labels["kuma.io/zone"] !== undefined ? { zone: d.labels["kuma.io/zone"] } : {}),
          sectionName: d.portNames?.[p] ?? String(p),
          labels: d.labels,
        };
        const destination = { kind: d.kind as "MeshService", name: d.name, mesh: d.mesh, namespace: d.namespace, labels: d.labels, port: p, section: d.portNames?.[p] ?? String(p) };
        emit(addr, p, inMeshClusterName(d, p, scheme), `${d.kind} ${d.name}`, {}, why, withCluster, { destination, protocol: parseKumaProtocol(d.protocols?.[p] ?? "tcp") }, origin);
      }
    }
  }

  // Kubernetes Services: kube-dns answers for every one; only those fronting mesh pods get an outbound (until 3.0,
  // whose outbounds come only from the MeshService kuma-cp generates for a Service: the snapshot must hold it).
  for (const d of input.destinations.filter((x) => x.kind === "Service" && f.outboundTagsField)) {
    const ip = d.addresses[0];
    if (!ip || !parseIp(ip)) continue;
    for (const h of d.hostnames) dns.push({ hostname: h, ip, via: `kube-dns (Service ${d.name}.${d.namespace ?? "default"})` });
    for (const p of d.ports) {
      const svc = `${d.name}_${d.namespace ?? "default"}_svc_${p}`;
      const backed = input.dataplanes.some((o) => o.mesh === mesh.name && o.inbounds.some((i) => i.tags[SERVICE_TAG] === svc));
      if (!backed) continue; // a Service outside the mesh: traffic to its ClusterIP goes to passthrough
      const reachable = input.reachableServices && input.reachableServices.length > 0 ? input.reachableServices.includes(svc) : true;
      emit(ip, p, svc, `Service ${d.name}.${d.namespace ?? "default"}`, { [SERVICE_TAG]: svc }, reachable ? undefined : "the dataplane's transparentProxying.reachableServices does not list it", true, legacy(svc));
    }
  }
  return { resources: addResources([], emitted), dns, filtered, allocatedVips: allocated, targets };
}

/**
 * Without transparent proxying the application talks to explicit `networking.outbound[]` listeners,
 * bound on `address` (default 127.0.0.1) and `port` (kuma `meshtcproute/plugin/v1alpha1/listeners.go`
 * GetAddressWithFallback("127.0.0.1")).
 */
export function generateExplicitOutbounds(dp: DataplaneModel, f: VersionFeatures): ResourceSet {
  const emitted: XdsResource[] = [];
  for (const o of dp.outbounds) {
    if (!o.service) continue;
    const name = inMeshListenerName(o.address, o.port);
    const { bindToPort: _b, ...listener } = outboundListener(name, o.address, o.port, o.service, { [SERVICE_TAG]: o.service });
    emitted.push({ type: "listener", name, origin: ORIGIN.outbound, value: listener });
    emitted.push({ type: "cluster", name: o.service, origin: ORIGIN.outbound, value: edsCluster(o.service, f) });
  }
  return addResources([], emitted);
}

/** The targets of {@link generateExplicitOutbounds}'s listeners and clusters: legacy `kuma.io/service` outbounds. */
export function explicitOutboundTargets(dp: DataplaneModel, protocols: ReadonlyMap<string, KumaProtocol>): OutboundTarget[] {
  return dp.outbounds.flatMap((o) => (o.service ? [{ listener: inMeshListenerName(o.address, o.port), cluster: o.service, service: o.service, protocol: protocols.get(o.service) ?? ("unknown" as const) }] : []));
}
