/**
 * Outbound listeners for in-mesh destinations. Expected values are typed from kumahq/kuma @ v2.14.3:
 * `pkg/dns/vips_allocator.go` (which names get a VIP), `pkg/xds/topology/dns.go` VIPOutbounds (which
 * address:port pairs and domains a VIP gives), `pkg/xds/sync/dataplane_proxy_builder.go` resolveVIPOutbounds
 * (reachability and the own-inbound skip), `pkg/xds/context/mesh_context_builder.go` (Exclusive mode) and the
 * Mesh*Service `helpers.go` AsOutbounds. VIP numbers are compared by relation (same name, same VIP), not by value.
 */
import { describe, expect, it } from "vitest";
import { dataplaneModel } from "../snapshot/dataplane.js";
import { type DataplaneModel } from "../model/dataplane.js";
import { meshModel } from "../snapshot/mesh.js";
import { type MeshModel } from "../model/mesh.js";
import type { DestinationModel } from "../model/destination.js";
import { features } from "../model/versions.js";
import type { JsonObject } from "../json.js";
import type { ResourceSet } from "../xds/resource-set.js";
import { generateExplicitOutbounds, generateOutbounds, KUMA_DNS_CIDR_BASE, SERVICE_VIP_PORT, type OutboundInput } from "./outbounds.js";

const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };
function dp(name: string, address: string, services: Record<string, number> = {}, extra: Record<string, unknown> = {}, mesh = "default"): DataplaneModel {
  const inbound = Object.entries(services).map(([svc, port]) => ({ port, tags: { "kuma.io/service": svc } }));
  return dataplaneModel(name, mesh, {}, { networking: { address, inbound, transparentProxying: { ...TP, ...extra } } } as never);
}
const MESH = meshModel("default", {});
const client = dp("client", "10.0.0.1", { client: 8080 });

function run(over: Partial<OutboundInput> = {}) {
  const dataplane = over.dataplane ?? client;
  return generateOutbounds({
    dataplane,
    // Only the dataplanes a test names define kuma.io/service VIPs (the client's own service included when listed).
    dataplanes: [],
    mesh: MESH,
    destinations: [],
    features: features("2.14"),
    scheme: "legacy",
    reachableServices: dataplane.reachableServices,
    reachableBackends: dataplane.reachableBackends,
    workloadIdentity: false,
    ...over,
  });
}
const listenerNames = (rs: ResourceSet) => rs.filter((r) => r.type === "listener").map((r) => r.name).sort();
const listener = (rs: ResourceSet, name: string) => rs.find((r) => r.type === "listener" && r.name === name)?.value;
const cluster = (rs: ResourceSet, name: string) => rs.find((r) => r.type === "cluster" && r.name === name)?.value;
const tcpCluster = (l: JsonObject) => (((l["filterChains"] as JsonObject[])[0]!["filters"] as JsonObject[])[0]!["typedConfig"] as JsonObject)["cluster"];
const vipOf = (r: { allocatedVips: readonly { name: string; ip: string }[] }, name: string) => r.allocatedVips.find((v) => v.name === name)?.ip;
const ipOf = (dns: readonly { hostname: string; ip: string }[], host: string) => dns.find((d) => d.hostname === host)?.ip;
const inKumaDnsCidr = (ip: string) => {
  const n = ip.split(".").reduce((a, o) => (a << 8n) + BigInt(o), 0n);
  return n >> 28n === KUMA_DNS_CIDR_BASE >> 28n;
};

const externalService = (name: string, service: string, host: { externalHost?: string; addresses?: string[] }, port = 443): DestinationModel => ({
  kind: "ExternalService",
  name,
  mesh: "default",
  namespace: undefined,
  labels: {},
  service,
  ports: [port],
  addresses: host.addresses ?? [],
  hostnames: [],
  ...(host.externalHost ? { externalHost: host.externalHost } : {}),
});
const meshService = (name: string, vips: string[], ports: number[], more: Partial<DestinationModel> = {}): DestinationModel => ({
  kind: "MeshService",
  name,
  mesh: "default",
  namespace: undefined,
  labels: {},
  addresses: vips,
  ports,
  hostnames: [],
  service: undefined,
  ...more,
});

describe("legacy kuma.io/service VIPs (Kuma DNS)", () => {
  const backend = dp("backend-1", "10.0.0.2", { backend_shop_svc_8080: 8080 });
  const r = run({ dataplanes: [client, backend] });
  it("each service gets a VIP in 240.0.0.0/4, answered for <service>.mesh and its dotted form", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/topology/dns.go VIPOutbounds (vips.Service: service + "." + tldomain, and "_" → "." when different); kuma-cp.defaults.yaml dnsServer.CIDR 240.0.0.0/4
    const ip = ipOf(r.dns, "backend_shop_svc_8080.mesh")!;
    expect(inKumaDnsCidr(ip)).toBe(true);
    expect(ipOf(r.dns, "backend.shop.svc.8080.mesh")).toBe(ip);
    expect(ipOf(r.dns, "client.mesh")).toBeDefined();
    expect(ipOf(r.dns, "client.mesh")).not.toBe(ip);
    expect(r.dns.filter((d) => d.hostname.startsWith("client")).map((d) => d.hostname)).toEqual(["client.mesh"]);
    expect(r.allocatedVips.map((v) => v.name).sort()).toEqual(["backend_shop_svc_8080.mesh", "client.mesh"]);
  });
  it("every service VIP gets a listener on the serviceVipPort 80, forwarding to the kuma.io/service cluster", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/topology/dns.go VIPOutbounds (vips.Service: `if ob.Port != vipPort` adds vipPort); kuma-cp.defaults.yaml dnsServer.serviceVipPort 80
    expect(SERVICE_VIP_PORT).toBe(80);
    const ip = ipOf(r.dns, "backend_shop_svc_8080.mesh")!;
    const l = listener(r.resources, `outbound:${ip}:80`)!;
    expect(l).toMatchObject({ address: { socketAddress: { address: ip, portValue: 80 } }, bindToPort: false, trafficDirection: "OUTBOUND", metadata: { filterMetadata: { "io.kuma.tags": { "kuma.io/service": "backend_shop_svc_8080" } } } });
    expect(tcpCluster(l)).toBe("backend_shop_svc_8080");
  });
  it("the cluster is EDS over ADS with the 5s connect timeout; altStatName only when the name needs sanitising", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/envoy/clusters/v3/eds_cluster_configurer.go, alt_stat_name_configurer.go; pkg/plugins/policies/core/defaults/consts.go DefaultConnectTimeout
    expect(cluster(r.resources, "backend_shop_svc_8080")).toEqual({ name: "backend_shop_svc_8080", type: "EDS", edsClusterConfig: { edsConfig: { ads: {}, resourceApiVersion: "V3" } }, connectTimeout: "5s" });
    const dotted = run({ dataplanes: [client, dp("b", "10.0.0.3", { "web.v2": 80 })] });
    expect(cluster(dotted.resources, "web.v2")).toMatchObject({ altStatName: "web_v2" });
  });
  it("services of another mesh get nothing", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go BuildVirtualOutboundMeshView (dataplanes listed ByMesh)
    const r2 = run({ dataplanes: [client, dp("x", "10.0.0.9", { other: 80 }, {}, "other-mesh")] });
    expect(r2.dns.some((d) => d.hostname === "other.mesh")).toBe(false);
  });
  it("the mesh's services are skipped when meshServices.mode is Exclusive", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/context/mesh_context_builder.go (VIPOutbounds only when MeshServicesMode != Exclusive)
    const r2 = run({ dataplanes: [client, backend], mesh: meshModel("default", { meshServices: { mode: "Exclusive" } }) });
    expect(r2.resources).toEqual([]);
    expect(r2.dns).toEqual([]);
    expect(r2.allocatedVips).toEqual([]);
  });
});

describe("reachability and the dataplane's own inbounds", () => {
  const r = run({
    dataplane: dp("client", "10.0.0.1", { client: 8080 }, { reachableServices: ["api"] }),
    dataplanes: [client, dp("a", "10.0.0.2", { api: 80 }), dp("b", "10.0.0.3", { db: 5432 })],
  });
  it("reachableServices keeps only the listed services; the others are reported filtered", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (`if len(reachableServices) != 0 && !reachableServices[service]`)
    // VIPs are allocated mesh-wide (vips_allocator.go), whatever one dataplane can reach.
    const api = vipOf(r, "api.mesh")!;
    const db = vipOf(r, "db.mesh")!;
    expect(listenerNames(r.resources).filter((n) => n.startsWith(`outbound:${api}:`))).toContain(`outbound:${api}:80`);
    expect(listenerNames(r.resources).some((n) => n.startsWith(`outbound:${db}:`))).toBe(false);
    expect(r.filtered.filter((f) => f.address === db).map((f) => f.reason)).toContain("the dataplane's transparentProxying.reachableServices does not list it");
  });
  it("an empty reachableServices list filters nothing", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (`len(reachableServices) != 0`)
    const r2 = run({ reachableServices: [], dataplanes: [client, dp("b", "10.0.0.3", { db: 5432 })] });
    expect(r2.filtered).toEqual([]);
    expect(listener(r2.resources, `outbound:${ipOf(r2.dns, "db.mesh")}:80`)).toBeDefined();
  });
  it("an outbound on one of the dataplane's own inbound address:port is skipped", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (dataplane.UsesInboundInterface)
    const self = dp("self", "241.0.0.9", { self: 80 });
    const r2 = run({ dataplane: self, dataplanes: [self], destinations: [meshService("me", ["241.0.0.9"], [80, 81])] });
    expect(listener(r2.resources, "outbound:241.0.0.9:80")).toBeUndefined();
    expect(listener(r2.resources, "outbound:241.0.0.9:81")).toBeDefined();
    expect(r2.filtered).toEqual([{ address: "241.0.0.9", port: 80, destination: "MeshService me", reason: "it is one of this dataplane's own inbounds" }]);
  });
});

describe("legacy ExternalService", () => {
  it("a hostname gets its own VIP and a DNS entry; the listener sits at VIP:port and forwards to the service cluster", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go buildVirtualOutboundMeshView (NewHostEntry(es.Spec.GetHost())); pkg/xds/topology/dns.go VIPOutbounds (vips.Host)
    const r = run({ destinations: [externalService("httpbin", "httpbin", { externalHost: "httpbin.org" })] });
    const host = ipOf(r.dns, "httpbin.org")!;
    expect(inKumaDnsCidr(host)).toBe(true);
    expect(host).not.toBe(ipOf(r.dns, "httpbin.mesh"));
    expect(tcpCluster(listener(r.resources, `outbound:${host}:443`)!)).toBe("httpbin");
    expect(r.allocatedVips.map((v) => v.name)).toContain("httpbin.org");
  });
  it("its kuma.io/service VIP carries the ExternalService port and port 80", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go addDefault(es service, es port); pkg/xds/topology/dns_test.go "service with port add backcompat"
    const r = run({ destinations: [externalService("httpbin", "httpbin", { externalHost: "httpbin.org" })] });
    const svc = ipOf(r.dns, "httpbin.mesh")!;
    expect(listenerNames(r.resources).filter((n) => n.startsWith(`outbound:${svc}:`))).toEqual([`outbound:${svc}:443`, `outbound:${svc}:80`]);
  });
  it("an IP-literal address is captured at that IP:port; no VIP is allocated for it", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips/virtual_outbound_view.go Add (an IP Host entry keeps the IP as Address); pkg/dns/vips_allocator.go updateView (IPs skipped)
    const r = run({ destinations: [externalService("db", "db", { addresses: ["10.20.0.5"] }, 5432)] });
    expect(tcpCluster(listener(r.resources, "outbound:10.20.0.5:5432")!)).toBe("db");
    expect(r.allocatedVips.map((v) => v.name)).toEqual(["db.mesh"]);
    expect(r.dns.some((d) => d.hostname === "10.20.0.5")).toBe(false);
  });
  it("reachableServices applies to ExternalServices by their kuma.io/service", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (LegacyOutbound.GetService())
    const r = run({ reachableServices: ["other"], destinations: [externalService("db", "db", { addresses: ["10.20.0.5"] }, 5432)] });
    expect(listener(r.resources, "outbound:10.20.0.5:5432")).toBeUndefined();
    expect(r.filtered.map((f) => `${f.address}:${f.port}`)).toContain("10.20.0.5:5432");
  });
});

describe("MeshService, MeshMultiZoneService, MeshExternalService", () => {
  const api = meshService("api", ["241.0.0.1", "241.0.0.2"], [80, 9090], { namespace: "shop", hostnames: ["api.shop.svc.mesh.local"] });
  it("one listener per VIP × port; DNS answers the status hostnames with the first VIP", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshservice/api/v1alpha1/helpers.go AsOutbounds, Domains (VIPs[0])
    const r = run({ destinations: [api] });
    expect(listenerNames(r.resources)).toEqual(["outbound:241.0.0.1:80", "outbound:241.0.0.1:9090", "outbound:241.0.0.2:80", "outbound:241.0.0.2:9090"]);
    expect(r.dns).toEqual([{ hostname: "api.shop.svc.mesh.local", ip: "241.0.0.1", via: "MeshService api status.addresses" }]);
    expect(r.allocatedVips).toEqual([]);
  });
  it("cluster names: legacy <mesh>_<name>_<namespace>_<zone>_msvc_<port>, unified the KRI", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/core/destinationname/destinationname.go ResolveLegacyFromKRI, Resolve (kri.WithSectionName)
    expect(tcpCluster(listener(run({ destinations: [api] }).resources, "outbound:241.0.0.1:80")!)).toBe("default_api_shop__msvc_80");
    expect(tcpCluster(listener(run({ destinations: [api], scheme: "unified" }).resources, "outbound:241.0.0.1:9090")!)).toBe("kri_msvc_default__shop_api_9090");
  });
  it("a named port: the unified cluster name ends in the port's name, the legacy one in its number", () => {
    // kumahq/kuma@v2.14.3 destinationname.go Resolve (kri.WithSectionName(…, port.GetName())), ResolveLegacyFromKRI (port.GetValue());
    // golden meshtcproute/plugin/v1alpha1/testdata/basic-real-meshservice.listeners.golden.yaml: kri_msvc_default___backend_test-port
    const named = { ...api, portNames: { 80: "http" } };
    expect(tcpCluster(listener(run({ destinations: [named], scheme: "unified" }).resources, "outbound:241.0.0.1:80")!)).toBe("kri_msvc_default__shop_api_http");
    expect(tcpCluster(listener(run({ destinations: [named], scheme: "unified" }).resources, "outbound:241.0.0.1:9090")!)).toBe("kri_msvc_default__shop_api_9090");
    expect(tcpCluster(listener(run({ destinations: [named] }).resources, "outbound:241.0.0.1:80")!)).toBe("default_api_shop__msvc_80");
  });
  it("no VIP: no listener and no DNS entry", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshservice/api/v1alpha1/helpers.go Domains (nil without VIPs)
    const r = run({ destinations: [meshService("pending", [], [80], { hostnames: ["pending.svc.mesh.local"] })] });
    expect(r.resources).toEqual([]);
    expect(r.dns).toEqual([]);
  });
  it("reachableServices without reachableBackends drops every Mesh*Service outbound", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (`len(reachableServices) != 0 && !onlySelectedBackends`)
    const r = run({ reachableServices: ["web"], destinations: [api] });
    expect(r.resources).toEqual([]);
    expect(new Set(r.filtered.map((f) => f.reason))).toEqual(new Set(["the dataplane sets reachableServices but not reachableBackends, which drops every Mesh*Service outbound"]));
  });
  it("Mesh meshServices.mode ReachableBackends without reachableBackends drops them", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (GetReachableBackends() == nil && Mesh_MeshServices_ReachableBackends)
    const r = run({ mesh: meshModel("default", { meshServices: { mode: "ReachableBackends" } }), destinations: [api] });
    expect(r.resources).toEqual([]);
    expect(r.filtered).toHaveLength(4);
  });
  it("reachableBackends: a ref by name (and port) or by labels selects; an empty list selects nothing", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/context/destination_index.go GetReachableBackends (refs by name/namespace/port or labels)
    const web = meshService("web", ["241.0.0.3"], [8080], { namespace: "shop", labels: { team: "a" } });
    const byName = run({ reachableBackends: [{ kind: "MeshService", name: "api", namespace: "shop", port: 9090 }], destinations: [api, web] });
    expect(listenerNames(byName.resources)).toEqual(["outbound:241.0.0.1:9090", "outbound:241.0.0.2:9090"]);
    const byLabels = run({ reachableBackends: [{ kind: "MeshService", labels: { team: "a" } }], destinations: [api, web] });
    expect(listenerNames(byLabels.resources)).toEqual(["outbound:241.0.0.3:8080"]);
    const wrongKind = run({ reachableBackends: [{ kind: "MeshExternalService", name: "api" }], destinations: [api] });
    expect(wrongKind.resources).toEqual([]);
    expect(run({ reachableBackends: [], destinations: [api, web] }).resources).toEqual([]);
  });
  it("MeshExternalService: its VIP at the match port; MeshMultiZoneService like MeshService (mzsvc)", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshexternalservice/api/v1alpha1/helpers.go AsOutbounds; meshmultizoneservice/api/v1alpha1/zz_generated.resource.go ShortName mzsvc
    const mes: DestinationModel = { kind: "MeshExternalService", name: "httpbin", mesh: "default", namespace: undefined, labels: {}, addresses: ["242.0.0.1"], ports: [443], hostnames: [], service: undefined };
    const mzs: DestinationModel = { ...mes, kind: "MeshMultiZoneService", name: "api", addresses: ["243.0.0.1"], ports: [80] };
    const r = run({ destinations: [mes, mzs] });
    expect(tcpCluster(listener(r.resources, "outbound:242.0.0.1:443")!)).toBe("default_httpbin___extsvc_443");
    expect(tcpCluster(listener(r.resources, "outbound:243.0.0.1:80")!)).toBe("default_api___mzsvc_80");
  });
  it("destinations of another mesh are ignored", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/context/mesh_context_builder.go (resources of this mesh only)
    expect(run({ destinations: [{ ...api, mesh: "other" }] }).resources).toEqual([]);
  });
});

describe("Kubernetes Services", () => {
  const svc: DestinationModel = { kind: "Service", name: "backend", mesh: "default", namespace: "shop", labels: {}, addresses: ["10.96.0.20"], ports: [8080, 9090], hostnames: ["backend.shop.svc.cluster.local"], service: undefined };
  it("a ClusterIP port backed by a mesh dataplane (kuma.io/service <name>_<ns>_svc_<port>) gets a listener; other ports do not", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/runtime/k8s/controllers/kube_hosts_converter.go KubeHosts (services of mesh dataplanes only); pkg/plugins/runtime/k8s/util/util.go ServiceTag
    const r = run({ dataplanes: [client, dp("b", "10.0.1.5", { backend_shop_svc_8080: 8080 })], destinations: [svc] });
    expect(tcpCluster(listener(r.resources, "outbound:10.96.0.20:8080")!)).toBe("backend_shop_svc_8080");
    expect(listener(r.resources, "outbound:10.96.0.20:9090")).toBeUndefined();
    expect(ipOf(r.dns, "backend.shop.svc.cluster.local")).toBe("10.96.0.20");
  });
  it("a Service outside the mesh, or headless, gets no listener", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/runtime/k8s/controllers/kube_hosts_converter.go KubeHosts (endpointsByService of mesh dataplanes; headless: no ClusterIP)
    expect(listenerNames(run({ destinations: [svc] }).resources).some((n) => n.startsWith("outbound:10.96.0.20:"))).toBe(false);
    const headless = run({ dataplanes: [client, dp("b", "10.0.1.5", { backend_shop_svc_8080: 8080 })], destinations: [{ ...svc, addresses: [] }] });
    expect(listenerNames(headless.resources).some((n) => n.startsWith("outbound:10.96."))).toBe(false);
  });
});

describe("generateExplicitOutbounds (no transparent proxy)", () => {
  it("one bound listener per networking.outbound with a kuma.io/service, default address 127.0.0.1, and its EDS cluster", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go resolveVIPOutbounds (no TP: the dataplane's own outbounds); meshtcproute/plugin/v1alpha1/listeners.go GetAddressWithFallback("127.0.0.1")
    const d = dataplaneModel("app", "default", {}, {
      networking: { address: "10.0.0.1", outbound: [{ port: 10001, tags: { "kuma.io/service": "backend" } }, { port: 10002, address: "127.0.0.2", tags: { "kuma.io/service": "db" } }, { port: 10003 }] },
    } as never);
    const rs = generateExplicitOutbounds(d, features("2.14"));
    expect(rs.map((r) => `${r.type} ${r.name}`)).toEqual(["listener outbound:127.0.0.1:10001", "cluster backend", "listener outbound:127.0.0.2:10002", "cluster db"]);
    const l = listener(rs, "outbound:127.0.0.1:10001")!;
    expect("bindToPort" in l).toBe(false);
    expect(l).toMatchObject({ address: { socketAddress: { address: "127.0.0.1", portValue: 10001 } }, trafficDirection: "OUTBOUND" });
    expect(tcpCluster(l)).toBe("backend");
    expect(cluster(rs, "backend")).toMatchObject({ type: "EDS", connectTimeout: "5s" });
  });
  it("no outbounds: nothing", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/sync/dataplane_proxy_builder.go asOutbounds (only the dataplane's networking.outbound)
    expect(generateExplicitOutbounds(client, features("2.14"))).toEqual([]);
  });
});

describe("3.0 (kumahq/kuma@348b6528bc UPGRADE.md, Upgrade to 3.0.0)", () => {
  const mes: DestinationModel = { kind: "MeshExternalService", name: "httpbin", mesh: "default", namespace: undefined, labels: {}, addresses: ["242.0.0.1"], ports: [443], hostnames: [], service: undefined };
  it("MeshExternalService clusters require a MeshIdentity: without one the listener stays and the cluster goes", () => {
    const at30 = run({ destinations: [mes], features: features("3.0"), scheme: "unified" });
    expect(listenerNames(at30.resources)).toEqual(["outbound:242.0.0.1:443"]);
    expect(at30.resources.filter((r) => r.type === "cluster")).toEqual([]);
    const withIdentity = run({ destinations: [mes], features: features("3.0"), scheme: "unified", workloadIdentity: true });
    expect(withIdentity.resources.filter((r) => r.type === "cluster")).toHaveLength(1);
    // 2.14 needs no identity.
    expect(run({ destinations: [mes] }).resources.filter((r) => r.type === "cluster")).toHaveLength(1);
  });
  it("kuma.io/service outbounds and their Kuma DNS VIPs are gone (\"Dataplane outbounds must use backendRef\", \"Legacy DNS VIP allocator ... removed\")", () => {
    const server = dp("server", "10.0.0.2", { backend: 8080 });
    expect(listenerNames(run({ dataplanes: [server] }).resources)).not.toEqual([]);
    const at30 = run({ dataplanes: [server], features: features("3.0"), scheme: "unified" });
    expect(at30.resources).toEqual([]);
    expect(at30.dns).toEqual([]);
  });
});
