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
        { type: "MeshTimeout", mesh: "default", name: "t", spec: {} },
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
