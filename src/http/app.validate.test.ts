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
    expect(body).toMatchObject({ valid: true, kumaVersion: "2.14", resources: { Dataplane: 1, Mesh: 1, MeshPassthrough: 1 } });
    expect(body.warnings.map((w: { code: string }) => w.code)).toEqual(["resource-not-modelled"]);
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
