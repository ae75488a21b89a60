/**
 * Inbound RBAC verdicts through the API (issue #11 point 3): MeshTrafficPermission and TrafficPermission from the
 * snapshot, Kuma's default permission per release, mTLS off. Expected verdicts written from kumahq/kuma@v2.14.3
 * pkg/plugins/policies/meshtrafficpermission/plugin/v1alpha1/plugin.go (+ xds/legacy_rbac_configurer.go),
 * pkg/xds/envoy/listeners/v3/network_rbac_configurer.go and pkg/defaults/mesh/mesh.go (@ 2.5.0 and 2.6.0).
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const strictMesh = { type: "Mesh", name: "default", mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode: "STRICT" }] } };
const dataplane = (protocol: string) => ({
  type: "Dataplane",
  mesh: "default",
  name: "backend-01",
  networking: {
    address: "10.0.0.5",
    inbound: [{ port: 8080, servicePort: 18080, tags: { "kuma.io/service": "backend", "kuma.io/protocol": protocol } }],
    transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" },
  },
});
const denyWeb = {
  type: "MeshTrafficPermission",
  mesh: "default",
  name: "deny-web",
  spec: { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { action: "Allow" } }, { targetRef: { kind: "MeshService", name: "web" }, default: { action: "Deny" } }] },
};
const tpWeb = { type: "TrafficPermission", mesh: "default", name: "web-to-backend", sources: [{ match: { "kuma.io/service": "web" } }], destinations: [{ match: { "kuma.io/service": "backend" } }] };

async function simulate(opts: { version?: string; mesh?: unknown; protocol?: string; resources: unknown[]; service: string }) {
  const protocol = opts.protocol ?? "tcp";
  const body = {
    kumaVersion: opts.version ?? "2.14.3",
    resources: [opts.mesh ?? strictMesh, dataplane(protocol), ...opts.resources],
    request: { direction: "inbound", to: `${protocol === "http" ? "http" : "tcp"}://10.0.0.5:8080/`, client: { kind: "mesh", service: opts.service } },
  };
  const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  expect(res.status).toBe(200);
  return (await res.json()) as { verdict: string; reason?: { code: string; message: string }; assumptions: string[] };
}

/** The assumptions about permission policies (the default MeshTimeout / MeshCircuitBreaker ones are about timeouts). */
const permission = (a: string) => /TrafficPermission/.test(a);

describe("inbound RBAC from the snapshot", () => {
  it("MeshTrafficPermission Deny for web: web is rbac-denied, naming deny-web from[1]; another service is accepted", async () => {
    const web = await simulate({ resources: [denyWeb], service: "web" });
    expect(web.verdict).toBe("blocked");
    expect(web.reason?.code).toBe("rbac-denied");
    expect(web.reason?.message).toContain("deny-web#from[1]");
    const other = await simulate({ resources: [denyWeb], service: "frontend" });
    expect(other.verdict).toBe("accepted");
    expect(other.assumptions.filter(permission)).toEqual([]);
  });
  it("on an HTTP inbound the HTTP RBAC filter answers 403", async () => {
    const web = await simulate({ resources: [denyWeb], service: "web", protocol: "http" });
    expect(web.reason?.code).toBe("rbac-denied");
    expect(web.reason?.message).toContain("HTTP 403");
  });
  it("a TrafficPermission selecting the inbound allows its sources only", async () => {
    expect((await simulate({ resources: [tpWeb], service: "web" })).verdict).toBe("accepted");
    const other = await simulate({ resources: [tpWeb], service: "frontend" });
    expect(other.reason?.code).toBe("rbac-denied");
    expect(other.reason?.message).toContain("TrafficPermission web-to-backend");
  });
  it("no permission in the snapshot on 2.14: nothing is created by default, every client denied, said in assumptions", async () => {
    const r = await simulate({ resources: [], service: "web" });
    expect(r.reason?.code).toBe("rbac-denied");
    expect(r.assumptions.filter(permission)).toEqual([expect.stringMatching(/no TrafficPermission or MeshTrafficPermission in mesh default: Kuma 2\.14 creates none/)]);
  });
  it("no permission in the snapshot on 2.5: Kuma's default TrafficPermission allow-all-default, said in assumptions", async () => {
    const r = await simulate({ version: "2.5.11", resources: [], service: "web" });
    expect(r.verdict).toBe("accepted");
    expect(r.assumptions.filter(permission)).toEqual([expect.stringMatching(/assumed Kuma 2\.5's default TrafficPermission allow-all-default/)]);
  });
  it("mTLS off: no RBAC, no assumption", async () => {
    const r = await simulate({ mesh: { type: "Mesh", name: "default" }, resources: [{ ...denyWeb }], service: "web" });
    expect(r.verdict).toBe("accepted");
    expect(r.assumptions.filter(permission)).toEqual([]);
  });
});
