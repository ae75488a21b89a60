/** POST /v1/validate: the same admission checks as a simulation, without a request (ARCHITECTURE.md "Other endpoints"). */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const post = (body: unknown) => app.request("/v1/validate", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("POST /v1/validate", () => {
  it("counts what it read and passes warnings on", async () => {
    const res = await post({
      kumaVersion: "2.14",
      resources: [
        { type: "Mesh", name: "default" },
        { type: "Dataplane", mesh: "default", name: "d", networking: { address: "10.0.0.1" } },
        { type: "MeshPassthrough", mesh: "default", name: "p", spec: { default: { passthroughMode: "None" } } },
        { type: "MeshRetry", mesh: "default", name: "t", spec: {} },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ valid: true, kumaVersion: "2.14.3", resources: { Dataplane: 1, Mesh: 1, MeshPassthrough: 1 } });
    // "2.14" names a minor: the answer says which release it stood for (the v2.14.3 tag is the newest in the table).
    expect(body.assumptions).toContain('kumaVersion "2.14" names a minor: simulated its newest known release, 2.14.3');
    expect(body.warnings.map((w: { code: string }) => w.code)).toEqual(["resource-not-modelled"]);
  });
  it("answers a patch newer than the table knows with the newest known one of its line, and says so", async () => {
    const res = await post({ kumaVersion: "2.13.11", resources: [] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kumaVersion: string; assumptions: string[] };
    expect(body.kumaVersion).toBe("2.13.10");
    expect(body.assumptions).toContain("Kuma 2.13.11 is newer than the newest 2.13 release meshsim knows: simulated 2.13.10; fixes backported after it are not modelled");
  });
  it("answers Kuma's admission errors with their paths", async () => {
    const res = await post({ kumaVersion: "2.14", resources: [{ type: "MeshPassthrough", mesh: "default", name: "p", spec: { default: { appendMatch: [{ type: "Domain", value: "example.com", protocol: "tcp" }] } } }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors).toEqual([{ path: "resources[0].spec.default.appendMatch[0].protocol", message: "protocol tcp is not supported for a domain" }]);
  });
  it("rejects a kind the version does not have", async () => {
    const res = await post({ kumaVersion: "2.7", resources: [{ type: "MeshPassthrough", mesh: "default", name: "p", spec: {} }] });
    expect(res.status).toBe(400);
  });
});

describe("POST /v1/validate: MeshPassthrough lint", () => {
  const dp = { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } } };
  const mp = (appendMatch: unknown[]) => ({ type: "MeshPassthrough", mesh: "default", name: "egress", spec: { default: { appendMatch } } });
  it("a snapshot without MeshPassthrough has no lint field; a clean one has an empty list", async () => {
    const none = (await (await post({ kumaVersion: "2.14", resources: [dp] })).json()) as Record<string, unknown>;
    expect("lint" in none).toBe(false);
    const clean = (await (await post({ kumaVersion: "2.14", resources: [dp, mp([{ type: "Domain", value: "api.example.com", port: 443, protocol: "tls" }])] })).json()) as Record<string, unknown>;
    expect(clean["lint"]).toEqual([]);
  });
  it("a CIDR entry shadowing a Domain entry: the finding, its rule source, and the probe the simulator ran", async () => {
    // Envoy FilterChainMatch (v1.38.2): destination IP before server names; the /8 group holds only a raw_buffer chain.
    const res = await post({ kumaVersion: "2.14", resources: [dp, mp([{ type: "CIDR", value: "10.0.0.0/8", port: 443, protocol: "tcp" }, { type: "Domain", value: "api.example.com", port: 443, protocol: "tls" }])] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { valid: boolean; lint: Record<string, unknown>[] };
    expect(body.valid).toBe(true);
    expect(body.lint).toHaveLength(1);
    expect(body.lint[0]).toMatchObject({
      rule: "shadowed-by-address",
      severity: "warning",
      policy: { kind: "MeshPassthrough", mesh: "default", name: "egress" },
      path: "resources[1].spec.default.appendMatch[1]",
      related: { path: "resources[1].spec.default.appendMatch[0]" },
      probe: { request: { to: "tls://api.example.com:443", ip: "10.0.0.1" }, entryCluster: "meshpassthrough_tls_api.example.com_443" },
      proof: { status: "confirmed", dataplane: "web-01", verdict: "blocked", cluster: null },
    });
    expect(body.lint[0]!["source"]).toContain("listener_components.proto#config-listener-v3-filterchainmatch");
    // The probe pasted into /v1/simulate gives the same answer.
    const sim = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ kumaVersion: "2.14", resources: [dp, mp([{ type: "CIDR", value: "10.0.0.0/8", port: 443, protocol: "tcp" }, { type: "Domain", value: "api.example.com", port: 443, protocol: "tls" }])], request: { from: "web-01", to: "tls://api.example.com:443", ip: "10.0.0.1" }, include: [] }), headers: { "content-type": "application/json" } });
    expect(((await sim.json()) as { verdict: string }).verdict).toBe("blocked");
  });
  it("IP and /32 CIDR of the same address: Envoy rejects the pair from 2.9.2, not on 2.9.1", async () => {
    const pair = [{ type: "IP", value: "1.2.3.4", port: 80, protocol: "http" }, { type: "CIDR", value: "1.2.3.4/32", port: 80, protocol: "http" }];
    const at = async (v: string) => ((await (await post({ kumaVersion: v, resources: [dp, mp(pair)] })).json()) as { lint: { rule: string; severity: string }[] }).lint;
    expect((await at("2.9.2")).map((f) => [f.rule, f.severity])).toEqual([["envoy-rejects", "error"]]);
    expect((await at("2.9.1")).map((f) => f.rule)).not.toContain("envoy-rejects");
  });
});
