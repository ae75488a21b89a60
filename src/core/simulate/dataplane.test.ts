/**
 * proxyFor: which dataplane a request comes from (outbound) or reaches (inbound), and the assumptions meshsim adds
 * when the snapshot lacks it. The assumed sidecar's redirect settings are kumahq/kuma@v2.14.3
 * `pkg/config/app/kuma-cp/kuma-cp.defaults.yaml` (sidecarContainer: redirectPortInbound 15006, redirectPortOutbound
 * 15001, ipFamilyMode dualstack); the assumed Mesh's are `api/mesh/v1alpha1/mesh_helpers.go` IsPassthrough (true
 * when unset) and `mesh.proto` (no mtls, MeshServices.Mode Disabled = 0).
 */
import type { DataplaneModel } from "../model/dataplane.js";
import { describe, expect, it } from "vitest";
import { proxyFor } from "./dataplane.js";
import type { ProxyState } from "./proxy.js";
import { mesh, prepared, sidecar } from "./simulate.fixtures.js";

const WEB = sidecar("web", "10.0.0.5", "web", 8080);
const API = sidecar("api", "10.0.0.6", "api", 9090);

/** A Kubernetes-form Dataplane `name` in `namespace`. */
function k8sDataplane(name: string, namespace: string, address: string): Record<string, unknown> {
  return {
    apiVersion: "kuma.io/v1alpha1",
    kind: "Dataplane",
    mesh: "default",
    metadata: { name, namespace },
    spec: { networking: { address, inbound: [{ port: 8080, tags: { "kuma.io/service": `${name}_${namespace}_svc_8080` } }] } },
  };
}

function pick(resources: Record<string, unknown>[], from: string | undefined, receiverIp?: string) {
  return proxyFor(prepared(resources), from, "request.from", new Map<DataplaneModel, ProxyState>(), receiverIp);
}
function picked(resources: Record<string, unknown>[], from: string | undefined, receiverIp?: string): ProxyState {
  const out = pick(resources, from, receiverIp);
  if ("error" in out) throw new Error(out.error.message);
  return out.proxy;
}

describe("the source dataplane", () => {
  it("by name", () => {
    expect(picked([mesh(), WEB, API], "api").dataplane.name).toBe("api");
  });
  it("by name.namespace, which tells apart same-named Dataplanes of two namespaces", () => {
    // Kubernetes Dataplanes are namespaced: web in shop and web in billing are two resources.
    const resources = [mesh(), k8sDataplane("web", "shop", "10.1.0.1"), k8sDataplane("web", "billing", "10.1.0.2")];
    expect(picked(resources, "web.billing").dataplane.address).toBe("10.1.0.2");
    expect(picked(resources, "web.shop").dataplane.address).toBe("10.1.0.1");
  });
  it("the only one when `from` is omitted, without an assumption about it", () => {
    const p = picked([mesh(), WEB], undefined);
    expect(p.dataplane.name).toBe("web");
    expect(p.assumptions.some((a) => a.includes("no Dataplane"))).toBe(false);
  });
  it("several without `from`: a violation at the path that names them", () => {
    expect(pick([mesh(), WEB, API], undefined)).toEqual({ error: { path: "request.from", message: "required when the snapshot has several dataplanes (web, api)" } });
  });
  it("an unknown name: a violation listing the dataplanes there are (none listed when there are none)", () => {
    expect(pick([mesh(), WEB, API], "db")).toEqual({ error: { path: "request.from", message: 'no Dataplane named "db" in the snapshot; dataplanes: web, api' } });
    expect(pick([mesh()], "db")).toEqual({ error: { path: "request.from", message: 'no Dataplane named "db" in the snapshot' } });
  });
});

describe("no Dataplane in the snapshot: the default sidecar", () => {
  it("is transparent-proxied with the injector's defaults, and says so first among the assumptions", () => {
    // kuma-cp.defaults.yaml @ v2.14.3 sidecarContainer: 15006 / 15001 / dualstack.
    const p = picked([mesh()], undefined);
    expect(p.dataplane.transparentProxy).toMatchObject({ redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "DualStack" });
    const a = p.assumptions[0]!;
    expect(a.startsWith("no Dataplane in the snapshot: assumed a transparent-proxied sidecar")).toBe(true);
    for (const fact of [`"${p.dataplane.name}"`, 'mesh "default"', `address ${p.dataplane.address}`, "redirectPortOutbound 15001", "redirectPortInbound 15006", "ipFamilyMode DualStack"]) expect(a).toContain(fact);
  });
  it("lives in the snapshot's only Mesh", () => {
    const p = picked([mesh("payments")], undefined);
    expect(p.dataplane.mesh).toBe("payments");
    expect(p.assumptions[0]).toContain('mesh "payments"');
  });
  it("lives in mesh default when the snapshot has no Mesh, or several (and the missing Mesh is assumed too)", () => {
    // Kuma creates the Mesh "default" by default (kuma-cp.defaults.yaml defaults.skipMeshCreation: false).
    expect(picked([mesh("a"), mesh("b")], undefined).dataplane.mesh).toBe("default");
    const p = picked([], undefined);
    expect(p.dataplane.mesh).toBe("default");
    expect(p.assumptions.slice(0, 2).map((a) => a.slice(0, 30))).toEqual(["no Dataplane in the snapshot: ", 'no Mesh "default" in the snaps']);
  });
});

describe("the dataplane's Mesh", () => {
  it("a Mesh missing from the snapshot is assumed with Kuma's defaults, and reported", () => {
    // mesh_helpers.go IsPassthrough: true when unset; mesh.proto: mtls unset, MeshServices.Mode Disabled (0).
    const p = picked([WEB], "web");
    expect(p.mesh).toMatchObject({ name: "default", passthrough: true, mtls: "off", meshServicesMode: "Disabled" });
    expect(p.assumptions).toContain('no Mesh "default" in the snapshot: assumed Kuma\'s defaults (networking.outbound.passthrough true, mTLS off, meshServices Disabled)');
  });
  it("a Mesh in the snapshot is used as given, without that assumption", () => {
    const p = picked([mesh("default", { networking: { outbound: { passthrough: false } } }), WEB], "web");
    expect(p.mesh.passthrough).toBe(false);
    expect(p.assumptions.some((a) => a.startsWith("no Mesh"))).toBe(false);
  });
});

describe("inbound: the receiving dataplane", () => {
  const SPLIT = {
    type: "Dataplane",
    mesh: "default",
    name: "split",
    networking: { address: "10.0.0.9", inbound: [{ address: "192.168.7.7", port: 80, tags: { "kuma.io/service": "split" } }] },
  };
  it("is the one whose address, or an inbound's address, is the destination", () => {
    expect(picked([mesh(), WEB, API], undefined, "10.0.0.6").dataplane.name).toBe("api");
    expect(picked([mesh(), WEB, SPLIT], undefined, "192.168.7.7").dataplane.name).toBe("split");
    expect(picked([mesh(), WEB, SPLIT], undefined, "10.0.0.9").dataplane.name).toBe("split");
  });
  it("`from` wins over the address", () => {
    expect(picked([mesh(), WEB, API], "web", "10.0.0.6").dataplane.name).toBe("web");
  });
  it("an address no dataplane has falls back to the ordinary choice", () => {
    expect(picked([mesh(), WEB], undefined, "10.9.9.9").dataplane.name).toBe("web");
    expect(pick([mesh(), WEB, API], undefined, "10.9.9.9")).toHaveProperty("error");
  });
});

describe("the per-call cache", () => {
  it("builds each dataplane's proxy once", () => {
    const p = prepared([mesh(), WEB, API]);
    const cache = new Map<DataplaneModel, ProxyState>();
    const first = proxyFor(p, "web", "requests[0].from", cache);
    const again = proxyFor(p, undefined, "requests[1].from", cache, "10.0.0.5");
    expect("proxy" in first && "proxy" in again && first.proxy === again.proxy).toBe(true);
    expect([...cache.keys()].map((d) => d.name)).toEqual(["web"]);
  });
});

describe("dataplanes that share a name (Kuma's identity is mesh and name; Kubernetes adds the namespace)", () => {
  const A = k8sDataplane("web", "team-a", "10.1.0.1");
  const B = k8sDataplane("web", "team-b", "10.1.0.2");

  it("a bare name that fits two is refused, naming the forms that pick one", () => {
    const out = pick([mesh(), A, B], "web");
    expect(out).toEqual({ error: { path: "request.from", message: '"web" names 2 dataplanes of the snapshot; write one of "web.team-a", "web.team-b"' } });
  });

  it("name.namespace picks one, and each gets its own proxy in one call's cache", () => {
    const p = prepared([mesh(), A, B]);
    const cache = new Map<DataplaneModel, ProxyState>();
    const a = proxyFor(p, "web.team-a", "requests[0].from", cache);
    const b = proxyFor(p, "web.team-b", "requests[1].from", cache);
    if ("error" in a || "error" in b) throw new Error("both must resolve");
    expect([a.proxy.dataplane.address, b.proxy.dataplane.address]).toEqual(["10.1.0.1", "10.1.0.2"]);
    expect(cache.size).toBe(2);
  });

  it("Universal dataplanes of two meshes are told apart by mesh/name", () => {
    const u = (m: string, address: string) => ({ type: "Dataplane", mesh: m, name: "web", networking: { address, inbound: [{ port: 80, tags: { "kuma.io/service": "web" } }] } });
    const resources = [mesh("m1"), mesh("m2"), u("m1", "10.2.0.1"), u("m2", "10.2.0.2")];
    expect(picked(resources, "m2/web").dataplane.address).toBe("10.2.0.2");
    expect(pick(resources, "web")).toEqual({ error: { path: "request.from", message: '"web" names 2 dataplanes of the snapshot; write one of "m1/web", "m2/web"' } });
  });
});
