/**
 * simulateRequest: one request walked from its dataplane's config — the host looked up in that dataplane's DNS view,
 * the warnings it adds (host-unresolved, destination-filtered, vip-unroutable, config-not-applied), the config-error
 * verdict and the limits in the contract's order (docs/usage.md "The answer"). Kuma facts are typed from
 * kumahq/kuma@v2.14.3: kuma-cp.defaults.yaml (dnsServer.domain "mesh", dnsServer.CIDR 240.0.0.0/4, ipam
 * meshService.cidr 241.0.0.0/8), `pkg/xds/envoy/names/resource_names.go` and the error wrapping of
 * `pkg/xds/sync/dataplane_proxy_builder.go` / `meshproxypatch/plugin/v1alpha1/plugin.go`.
 */
import type { DataplaneModel } from "../model/dataplane.js";
import { describe, expect, it } from "vitest";
import { simulateRequest } from "./request.js";
import type { ProxyState } from "./proxy.js";
import type { SimRequest } from "./schema.js";
import { mesh, prepared, sidecar } from "./simulate.fixtures.js";
import { inPrefix, parseIp } from "../net/ip.js";

const WEB = sidecar("web", "10.0.0.5", "web", 8080);
const DB = sidecar("db", "10.0.0.7", "db", 5432);
const API = sidecar("api", "10.0.0.6", "api", 9090, { reachableServices: ["web"] });

function run(resources: Record<string, unknown>[], request: SimRequest, cache = new Map<DataplaneModel, ProxyState>()) {
  return simulateRequest(prepared(resources, "2.14"), request, "request", cache);
}
function part(resources: Record<string, unknown>[], request: SimRequest) {
  const out = run(resources, request);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.part;
}
const codes = (p: { warnings: readonly { code: string }[] }) => p.warnings.map((w) => w.code);

describe("host resolution through the dataplane's DNS view", () => {
  it("a MeshService hostname resolves to its status VIP and reaches its outbound listener", () => {
    // MeshService status.addresses[].hostname → status.vips[].ip (ipam meshService.cidr 241.0.0.0/8); listener outbound:<vip>:<port>.
    const ms = {
      type: "MeshService",
      mesh: "default",
      name: "orders",
      spec: { ports: [{ port: 8080 }] },
      status: { vips: [{ ip: "241.0.0.9" }], addresses: [{ hostname: "orders.svc.mesh.local" }] },
    };
    const p = part([mesh("default", { meshServices: { mode: "Everywhere" } }), WEB, ms], { from: "web", to: "http://orders.svc.mesh.local:8080" });
    expect(p.verdict).toBe("mesh");
    expect(p.listener).toEqual({ name: "outbound:241.0.0.9:8080", address: "241.0.0.9:8080" });
    expect(p.trace.some((t) => t.includes("orders.svc.mesh.local resolves to 241.0.0.9"))).toBe(true);
    expect(codes(p)).not.toContain("host-unresolved");
    // The VIP came from the snapshot, not from meshsim's allocator: no allocation assumption.
    expect(p.assumptions.filter((a) => a.includes("allocated"))).toEqual([]);
  });
  it("<service>.mesh resolves to a Kuma DNS VIP in 240.0.0.0/4, reported as an assumption (Kuma's allocator picks the address)", () => {
    // dnsServer.domain "mesh", CIDR 240.0.0.0/4, serviceVipEnabled: every kuma.io/service gets <service>.mesh.
    const p = part([mesh(), WEB, DB], { from: "web", to: "tcp://db.mesh:5432" });
    expect(p.verdict).toBe("mesh");
    const ip = parseIp(p.listener!.address.split(":")[0]!)!;
    expect(inPrefix(ip, parseIp("240.0.0.0")!, 4)).toBe(true);
    expect(p.cluster?.name).toBe("db");
    expect(p.assumptions.some((a) => a.startsWith("db.mesh resolved to ") && a.includes("240.0.0.0/4"))).toBe(true);
  });
  it("request.ip wins: a name in the DNS view is not looked up when the request gives the address", () => {
    // The connection's original destination is what the application connected to; DNS is not consulted.
    const p = part([mesh(), WEB, DB], { from: "web", to: "tcp://db.mesh:5432", ip: "93.184.216.34" });
    expect(p.verdict).toBe("passthrough");
    expect(p.trace.some((t) => t.includes("resolves to"))).toBe(false);
  });
  it("a host the view does not know: host-unresolved (first), then the walk as if outside the mesh", () => {
    // No IP means no exact listener match in Envoy's original-destination hand-off; the passthrough listener keeps it.
    const p = part([mesh(), WEB], { from: "web", to: "https://api.example.com" });
    expect(p.warnings[0]!.code).toBe("host-unresolved");
    expect(p.warnings[0]!.message).toContain("api.example.com");
    expect(p.verdict).toBe("passthrough");
    expect(p.listener?.name).toBe("outbound:passthrough:ipv4");
  });
  it("an IP literal host is never unresolved", () => {
    const p = part([mesh(), WEB], { from: "web", to: "tcp://93.184.216.34:443" });
    expect(codes(p)).not.toContain("host-unresolved");
  });
});

describe("destination-filtered", () => {
  it("an in-mesh service the dataplane's reachableServices leaves out: warned, traced, and the connection passes through", () => {
    // reachableServices limits the outbounds Kuma generates; the VIP then matches no listener and stays on outbound:passthrough.
    const p = part([mesh(), WEB, DB, API], { from: "api", to: "tcp://db.mesh:5432" });
    expect(p.verdict).toBe("passthrough");
    const w = p.warnings.find((x) => x.code === "destination-filtered")!;
    expect(w.message).toContain("kuma.io/service db");
    expect(w.message).toContain("reachableServices");
    expect(p.trace).toContain(w.message);
  });
  it("is not emitted for a service reachableServices lists", () => {
    const p = part([mesh(), WEB, DB, API], { from: "api", to: "http://web.mesh:8080" });
    expect(p.verdict).toBe("mesh");
    expect(codes(p)).not.toContain("destination-filtered");
  });
});

describe("vip-unroutable", () => {
  it("passthrough to an address in 240.0.0.0/4 (Kuma DNS and MeshService VIPs) with no listener on its port", () => {
    // kuma-cp.defaults.yaml dnsServer.CIDR 240.0.0.0/4 contains ipam's 241/8, 242/8 and 243/8.
    for (const ip of ["240.0.0.99", "241.0.0.1", "255.255.255.254"]) {
      const p = part([mesh(), WEB], { from: "web", to: `tcp://${ip}:1234` });
      expect(p.verdict).toBe("passthrough");
      expect(codes(p)).toContain("vip-unroutable");
      expect(p.warnings.find((w) => w.code === "vip-unroutable")!.message).toContain(`${ip} is a mesh VIP`);
    }
  });
  it("is not emitted outside 240.0.0.0/4, nor when a listener owns the VIP", () => {
    expect(codes(part([mesh(), WEB], { from: "web", to: "tcp://239.255.255.255:1234" }))).not.toContain("vip-unroutable");
    expect(codes(part([mesh(), WEB, DB], { from: "web", to: "tcp://db.mesh:5432" }))).not.toContain("vip-unroutable");
  });
});

describe("config-error", () => {
  // A MeshProxyPatch whose JSON patch replaces a key that is not there (protojson keys are camelCase).
  const BROKEN = {
    type: "MeshProxyPatch",
    mesh: "default",
    name: "broken",
    spec: {
      targetRef: { kind: "Mesh" },
      default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "replace", path: "/connect_timeout", value: "1s" }] } }] },
    },
  };
  it("the verdict is config-error with Kuma's wrapped error, no path and no limits, and config-not-applied is warned", () => {
    // dataplane_proxy_builder.go: "could not apply policy plugin %s"; meshproxypatch plugin.go: "could not apply %d modification".
    const p = part([mesh(), WEB, BROKEN], { from: "web", to: "tcp://93.184.216.34:443" });
    expect(p.verdict).toBe("config-error");
    expect(p.reason.code).toBe("config-error");
    expect(p.reason.message.startsWith("could not apply policy plugin meshproxypatch: could not apply 0 modification: ")).toBe(true);
    expect([p.listener, p.filterChain, p.route, p.cluster]).toEqual([null, null, null, null]);
    expect(p.limits).toEqual({});
    expect(codes(p)).toContain("config-not-applied");
  });
  it("applies to inbound requests too, and the walk is not run", () => {
    const p = part([mesh(), WEB, BROKEN], { to: "http://10.0.0.5:8080", direction: "inbound" });
    expect(p.verdict).toBe("config-error");
    expect(p.how).toBeNull();
    expect(p.trace).toEqual([]);
  });
});

describe("the answer's shape", () => {
  it("limits come in the contract's order: connectTimeout, idleTimeout, circuitBreakers, routeTimeout, streamIdleTimeout", () => {
    // docs/usage.md "limits"; an HTTP chain (MeshPassthrough Domain match, protocol http) adds the two HTTP limits.
    const MPT = {
      type: "MeshPassthrough",
      mesh: "default",
      name: "allow-example",
      spec: { default: { passthroughMode: "Matched", appendMatch: [{ type: "Domain", value: "example.com", protocol: "http", port: 80 }] } },
    };
    const p = part([mesh(), WEB, MPT], { from: "web", to: "http://example.com", ip: "93.184.216.34" });
    expect(Object.keys(p.limits)).toEqual(["connectTimeout", "idleTimeout", "circuitBreakers", "routeTimeout", "streamIdleTimeout"]);
  });
  it("`how` is part of an inbound answer only", () => {
    expect("how" in part([mesh(), WEB], { from: "web", to: "tcp://93.184.216.34:443" })).toBe(false);
    expect(part([mesh(), WEB], { to: "http://10.0.0.5:8080", direction: "inbound" }).how).not.toBeUndefined();
  });
});

describe("refusals", () => {
  it("`client` is refused for an outbound request, at request.client", () => {
    const out = run([mesh(), WEB], { from: "web", to: "http://10.0.0.5:8080", client: { kind: "plaintext" } });
    expect(out).toEqual({ ok: false, errors: [{ path: "request.client", message: "only for direction inbound" }] });
    expect(run([mesh(), WEB], { to: "http://10.0.0.5:8080", direction: "inbound", client: { kind: "plaintext" } }).ok).toBe(true);
  });
  it("a bad destination is refused at request.to, before a dataplane is picked", () => {
    const out = run([mesh(), WEB, DB], { to: "ftp://example.com" });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.errors.map((e) => e.path)).toEqual(["request.to"]);
  });
  it("an unknown `from` is refused at request.from", () => {
    const out = run([mesh(), WEB], { from: "nope", to: "tcp://1.2.3.4:80" });
    expect(!out.ok && out.errors.map((e) => e.path)).toEqual(["request.from"]);
  });
});

describe("the proxy cache", () => {
  it("requests from one dataplane share one generated proxy", () => {
    const p = prepared([mesh(), WEB], "2.14");
    const cache = new Map<DataplaneModel, ProxyState>();
    const a = simulateRequest(p, { to: "tcp://1.2.3.4:80" }, "requests[0]", cache);
    const b = simulateRequest(p, { to: "tcp://5.6.7.8:80" }, "requests[1]", cache);
    expect(a.ok && b.ok && a.proxy === b.proxy).toBe(true);
    expect([...cache.keys()].map((d) => d.name)).toEqual(["web"]);
  });
});
