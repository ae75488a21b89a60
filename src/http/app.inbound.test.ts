/** request.direction inbound through the API: the matrix in test/inbound/matrix.yaml (issue #6 point 5). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";

type Row = [mode: "off" | "STRICT" | "PERMISSIVE", client: "plaintext" | "tls" | "mesh", tp: boolean, port: number, verdict: string, howOrReason: string, warning?: string];
const rows = (parse(readFileSync(new URL("../../test/inbound/matrix.yaml", import.meta.url), "utf8")) as { rows: Row[] }).rows;
const app = createApp();

function body(mode: Row[0], client: Row[1], tp: boolean, port: number) {
  const mesh = { type: "Mesh", name: "default", ...(mode === "off" ? {} : { mtls: { enabledBackend: "ca-1", backends: [{ name: "ca-1", type: "builtin", mode }] } }) };
  const dataplane = {
    type: "Dataplane",
    mesh: "default",
    name: "backend-01",
    networking: {
      address: "10.0.0.5",
      inbound: [{ port: 8080, servicePort: 18080, tags: { "kuma.io/service": "backend", "kuma.io/protocol": "tcp" } }],
      ...(tp ? { transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } } : {}),
    },
  };
  // The mesh's permission: MeshTrafficPermission allow-all (Kuma ≥ 2.6 creates none by default), so the matrix is
  // about mTLS modes; RBAC verdicts are in app.permissions.test.ts.
  const allowAll = { type: "MeshTrafficPermission", mesh: "default", name: "allow-all", spec: { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { action: "Allow" } }] } };
  return { kumaVersion: "2.14", resources: [mesh, dataplane, allowAll], request: { direction: "inbound", to: `${client === "tls" ? "tls" : "tcp"}://10.0.0.5:${port}`, client: { kind: client } }, include: ["trace"] };
}

describe("inbound: mTLS mode × client kind × transparent proxy", () => {
  for (const [mode, client, tp, port, verdict, howOrReason, warning] of rows) {
    it(`${mode} · ${client} · tp ${tp ? "on" : "off"} · port ${port} → ${verdict} (${howOrReason})`, async () => {
      const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(body(mode, client, tp, port)), headers: { "content-type": "application/json" } });
      const r = (await res.json()) as any;
      expect(res.status, JSON.stringify(r)).toBe(200);
      expect(r.dataplane).toBe("backend-01");
      expect(r.verdict, r.trace?.join("\n")).toBe(verdict);
      if (verdict === "accepted") expect(r.how).toBe(howOrReason);
      else expect(r.reason.code).toBe(howOrReason);
      const codes = r.warnings.map((w: { code: string }) => w.code);
      if (warning) expect(codes).toContain(warning);
    });
  }
  it("the listener of an accepted STRICT mesh client is inbound:<address>:<port>", async () => {
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(body("STRICT", "mesh", true, 8080)), headers: { "content-type": "application/json" } });
    const r = (await res.json()) as any;
    expect(r.listener.name).toBe("inbound:10.0.0.5:8080");
    expect(r.cluster.name).toBe("localhost:18080");
  });
  it("client is only for inbound", async () => {
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ request: { to: "tcp://1.2.3.4:80", client: { kind: "tls" } } }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].path).toBe("request.client");
  });
});

describe("inbound limits by version (MeshTimeout's inbound defaults from 2.10, Kuma's default MeshTimeout from 2.6)", () => {
  /** The Mesh of body() without the default policies kuma-cp creates with it, as Kuma's hook-before-pt test has none. */
  const withoutDefaults = (b: ReturnType<typeof body>) => ({ ...b, resources: [{ ...(b.resources[0] as object), skipCreatingInitialPolicies: ["*"] }, ...b.resources.slice(1)] });
  it.each([
    ["2.5", "10s", "7200s"],
    ["2.14", "5s", "3600s"],
  ])("Kuma %s without default policies: connect %s, idle %s (hook-before-pt golden @ 2.5.0 vs @ v2.14.3)", async (version, connect, idle) => {
    const b = withoutDefaults({ ...body("off", "plaintext", true, 8080), kumaVersion: version });
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } });
    const r = (await res.json()) as any;
    expect(r.verdict).toBe("accepted");
    expect(r.limits.connectTimeout).toEqual({ value: connect, source: "kuma" });
    expect(r.limits.idleTimeout).toEqual({ value: idle, source: "kuma" });
  });
  it.each(["2.6", "2.14"])("Kuma %s with the Mesh's default MeshTimeout mesh-timeout-all-default: connect 10s, idle 7200s, each from its from[0]", async (version) => {
    // kumahq/kuma@2.6.0 / v2.14.3 pkg/defaults/mesh/meshtimeout.go defaultMeshTimeoutResource: from connect 2 × 5s, idle 2 × 1h
    const b = { ...body("off", "plaintext", true, 8080), kumaVersion: version };
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify(b), headers: { "content-type": "application/json" } });
    const r = (await res.json()) as any;
    expect(r.verdict).toBe("accepted");
    expect(r.limits.connectTimeout).toEqual({ value: "10s", source: "mesh-timeout-all-default#from[0]" });
    expect(r.limits.idleTimeout).toEqual({ value: "7200s", source: "mesh-timeout-all-default#from[0]" });
    expect(r.assumptions.some((a: string) => a.startsWith("the snapshot has no MeshTimeout in mesh default"))).toBe(true);
  });
});
