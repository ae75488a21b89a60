/**
 * Destination models: where each in-mesh destination listens and which names resolve to it. Expected values
 * are typed from kumahq/kuma @ v2.14.3: MeshService / MeshMultiZoneService / MeshExternalService `helpers.go`
 * (AsOutbounds, Domains), the ExternalService validator and VIP allocator, and the Kubernetes DNS spec.
 */
import { describe, expect, it } from "vitest";
import { readEnvelope } from "./envelope.js";
import { DESTINATION_KINDS, destinationModel } from "./services.js";
import { type DestinationModel } from "../model/destination.js";

const envelopeOf = (item: unknown) => {
  const r = readEnvelope(item, "resources[0]", (k) => k !== "ExternalService");
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.envelope;
};
function model(item: unknown): DestinationModel {
  const r = destinationModel(envelopeOf(item));
  if ("errors" in r) throw new Error(JSON.stringify(r.errors));
  return r.model;
}
function errors(item: unknown) {
  const r = destinationModel(envelopeOf(item));
  return "errors" in r ? r.errors : [];
}

describe("MeshService and MeshMultiZoneService", () => {
  it("listens on every status.vips[] × spec.ports[]; status.addresses are its hostnames", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshservice/api/v1alpha1/helpers.go AsOutbounds, Domains
    const m = model({
      type: "MeshService",
      mesh: "default",
      name: "api",
      labels: { "kuma.io/display-name": "api" },
      spec: { ports: [{ port: 80, name: "http", appProtocol: "http" }, { port: 9090, targetPort: "metrics" }] },
      status: { vips: [{ ip: "241.0.0.1" }, { ip: "241.0.0.2" }], addresses: [{ hostname: "API.svc.mesh.local" }] },
    });
    expect(m).toEqual({
      kind: "MeshService",
      name: "api",
      mesh: "default",
      namespace: undefined,
      labels: { "kuma.io/display-name": "api" },
      addresses: ["241.0.0.1", "241.0.0.2"],
      ports: [80, 9090],
      portNames: { 80: "http" }, // the KRI sectionName of a named port (destinationname.go Resolve)
      protocols: { 80: "http" }, // ports[].appProtocol, the outbound's protocol (meshservice_api.Port AppProtocol)
      hostnames: ["api.svc.mesh.local"],
      service: undefined,
      missing: { vip: false, hostnames: false },
    });
  });
  it("no status: no address and no hostname yet, marked as what kuma-cp would write (VIP and addresses)", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/core/vip/allocator.go allocateVIPs (only when VIPs() is empty);
    // generate/service-addresses.ts fills them in.
    expect(model({ type: "MeshService", mesh: "default", name: "api", spec: { ports: [{ port: 80 }] } })).toMatchObject({ addresses: [], hostnames: [], ports: [80], missing: { vip: true, hostnames: true } });
    expect(model({ type: "MeshService", mesh: "default", name: "api", spec: { ports: [{ port: 80 }] }, status: { vips: [{ ip: "241.0.0.4" }] } })).toMatchObject({ missing: { vip: false, hostnames: true } });
  });
  it("MeshMultiZoneService reads the same fields", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshmultizoneservice/api/v1alpha1/helpers.go AsOutbounds
    const m = model({ apiVersion: "kuma.io/v1alpha1", kind: "MeshMultiZoneService", metadata: { name: "api", namespace: "kuma-system" }, spec: { ports: [{ port: 8080 }] }, status: { vips: [{ ip: "243.0.0.7" }] } });
    expect(m).toMatchObject({ kind: "MeshMultiZoneService", namespace: "kuma-system", addresses: ["243.0.0.7"], ports: [8080] });
  });
  it("a port or a VIP of the wrong type is a violation at its request path", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshservice/api/v1alpha1/meshservice.go Port.Port int32, VIP.IP string
    expect(errors({ type: "MeshService", mesh: "default", name: "a", spec: { ports: [{ port: "http" }] } }).map((e) => e.path)).toEqual(["resources[0].spec.ports[0].port"]);
    expect(errors({ type: "MeshService", mesh: "default", name: "a", spec: {}, status: { vips: [{ ip: 1 }] } }).map((e) => e.path)).toEqual(["resources[0].status.vips[0].ip"]);
  });
});

describe("MeshExternalService", () => {
  it("listens on status.vip.ip at spec.match.port", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshexternalservice/api/v1alpha1/helpers.go AsOutbounds, Domains
    const m = model({
      type: "MeshExternalService",
      mesh: "default",
      name: "httpbin",
      spec: { match: { type: "HostnamePort", port: 443, protocol: "tls" }, endpoints: [{ address: "httpbin.org", port: 443 }] },
      status: { vip: { ip: "242.0.0.3" }, addresses: [{ hostname: "httpbin.extsvc.mesh.local" }] },
    });
    expect(m).toMatchObject({ kind: "MeshExternalService", addresses: ["242.0.0.3"], ports: [443], hostnames: ["httpbin.extsvc.mesh.local"], service: undefined });
  });
  it("no status.vip: no address", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshexternalservice/api/v1alpha1/helpers.go AsOutbounds (only when Status.VIP.IP != "")
    expect(model({ type: "MeshExternalService", mesh: "default", name: "x", spec: { match: { port: 443 } } }).addresses).toEqual([]);
  });
  it("spec.match.port is required", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/meshexternalservice/api/v1alpha1/meshexternalservice.go Match.Port (Minimum=1, no omitempty)
    expect(errors({ type: "MeshExternalService", mesh: "default", name: "x", spec: { match: {} } }).map((e) => e.path)).toEqual(["resources[0].spec.match.port"]);
  });
});

describe("ExternalService (legacy)", () => {
  it("a hostname address: the host gets a Kuma DNS entry (lower-cased), no literal address", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go buildVirtualOutboundMeshView (NewHostEntry(es.Spec.GetHost()))
    const m = model({ type: "ExternalService", mesh: "default", name: "httpbin", tags: { "kuma.io/service": "httpbin" }, networking: { address: "HTTPBIN.org:443" } });
    expect(m).toEqual({ kind: "ExternalService", name: "httpbin", mesh: "default", namespace: undefined, labels: {}, service: "httpbin", ports: [443], addresses: [], hostnames: [], externalHost: "httpbin.org" });
  });
  it("disableHostDNSEntry: no DNS entry for the host", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips_allocator.go buildVirtualOutboundMeshView (!es.Spec.Networking.DisableHostDNSEntry)
    const m = model({ type: "ExternalService", mesh: "default", name: "h", tags: { "kuma.io/service": "h" }, networking: { address: "httpbin.org:443", disableHostDNSEntry: true } });
    expect("externalHost" in m).toBe(false);
    expect(m.addresses).toEqual([]);
  });
  it("an IP literal (IPv4 or bracketed IPv6) is the address itself", () => {
    // kumahq/kuma@v2.14.3 pkg/dns/vips/virtual_outbound_view.go Add (a Host entry that is an IP keeps it as its Address)
    const v4 = model({ type: "ExternalService", mesh: "default", name: "db", tags: { "kuma.io/service": "db" }, networking: { address: "10.20.0.5:5432" } });
    expect(v4).toMatchObject({ addresses: ["10.20.0.5"], ports: [5432] });
    expect("externalHost" in v4).toBe(false);
    const v6 = model({ type: "ExternalService", mesh: "default", name: "db6", tags: { "kuma.io/service": "db6" }, networking: { address: "[fd00::5]:5432" } });
    expect(v6).toMatchObject({ addresses: ["fd00::5"], ports: [5432] });
  });
  it("Kubernetes form: the spec sits under `spec`", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/resources/k8s/native/api/v1alpha1/zz_generated.mesh.go ExternalService (Spec)
    const m = model({ apiVersion: "kuma.io/v1alpha1", kind: "ExternalService", mesh: "default", metadata: { name: "h" }, spec: { tags: { "kuma.io/service": "h" }, networking: { address: "h.example:80" } } });
    expect(m).toMatchObject({ service: "h", externalHost: "h.example", ports: [80] });
  });
  it("failures: an address without port, no kuma.io/service tag, no networking", () => {
    // kumahq/kuma@v2.14.3 pkg/core/resources/apis/mesh/external_service_validator.go validateExternalServiceAddress, ValidateTags(RequireService)
    expect(errors({ type: "ExternalService", mesh: "default", name: "a", tags: { "kuma.io/service": "a" }, networking: { address: "httpbin.org" } })).toEqual([
      { path: "resources[0].networking.address", message: "must be host:port" },
    ]);
    expect(errors({ type: "ExternalService", mesh: "default", name: "a", tags: { team: "x" }, networking: { address: "httpbin.org:80" } })).toEqual([
      { path: "resources[0].tags", message: 'must contain "kuma.io/service"' },
    ]);
    expect(errors({ type: "ExternalService", mesh: "default", name: "a", tags: { "kuma.io/service": "a" } }).map((e) => e.path)).toEqual(["resources[0].networking"]);
  });
});

describe("Kubernetes Service", () => {
  it("its ClusterIP and ports; kube-dns names <name>.<ns>.svc.cluster.local, <name>.<ns>.svc, <name>.<ns>", () => {
    // kubernetes/dns@00f97cb14c docs/specification.md 2.3.1 (A record <service>.<ns>.svc.<zone>; queries case-insensitive); kumahq/kuma@v2.14.3 pkg/plugins/runtime/k8s/controllers/kube_hosts_converter.go (ClusterIP)
    const m = model({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { clusterIP: "10.96.10.20", ports: [{ port: 80, name: "http" }, { port: 443 }] } });
    expect(m).toEqual({
      kind: "Service",
      name: "web",
      mesh: "default",
      namespace: "shop",
      labels: {},
      service: undefined,
      addresses: ["10.96.10.20"],
      ports: [80, 443],
      hostnames: ["web.shop.svc.cluster.local", "web.shop.svc", "web.shop"],
    });
  });
  it("a headless Service (clusterIP None) has no address; no namespace means `default`", () => {
    // kumahq/kuma@v2.14.3 pkg/plugins/runtime/k8s/controllers/kube_hosts_converter.go isHeadlessService (no ClusterIP outbound)
    const m = model({ apiVersion: "v1", kind: "Service", metadata: { name: "db" }, spec: { clusterIP: "None", ports: [{ port: 5432 }] } });
    expect(m).toMatchObject({ namespace: "default", addresses: [], hostnames: ["db.default.svc.cluster.local", "db.default.svc", "db.default"] });
  });
});

describe("DESTINATION_KINDS", () => {
  it("are the five kinds a destination model exists for", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/context/mesh_context_builder.go (VIP outbounds, MeshService, MeshExternalService, MeshMultiZoneService) and kube_hosts_converter.go (Service)
    expect([...DESTINATION_KINDS].sort()).toEqual(["ExternalService", "MeshExternalService", "MeshMultiZoneService", "MeshService", "Service"]);
  });
});
