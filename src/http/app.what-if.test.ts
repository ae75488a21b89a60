/**
 * What-if edits of any kind (`patches`) and deletions (`remove`) on every endpoint that takes a snapshot. Expected
 * verdicts come from kumahq/kuma@v2.14.3 pkg/xds/generator/transparent_proxy_generator.go: with
 * `networking.outbound.passthrough: false` the outbound passthrough clusters are not generated while the listener
 * still names them, so a connection to an unknown address is closed (`blocked`); with it true, it passes through.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const post = (path: string, body: unknown) => app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };
const mesh = (passthrough: boolean) => ({ type: "Mesh", name: "default", networking: { outbound: { passthrough } } });
const web = { type: "Dataplane", mesh: "default", name: "web", networking: { address: "10.0.0.1", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: TP } };
const REQUEST = { to: "http://example.com", ip: "93.184.216.34" };

describe("what-if edits of any kind", () => {
  it("a Mesh patch that turns passthrough off blocks an external host, and the answer says what it replaced", async () => {
    const before = await post("/v1/simulate", { kumaVersion: "2.14", resources: [mesh(true), web], request: REQUEST, include: [] });
    expect(((await before.json()) as { verdict: string }).verdict).toBe("passthrough");
    const res = await post("/v1/simulate", { kumaVersion: "2.14", resources: [mesh(true), web], patches: [mesh(false)], request: REQUEST, include: [] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { verdict: string; whatIf: unknown };
    expect(body.verdict).toBe("blocked");
    expect(body.whatIf).toEqual({ replaced: [{ kind: "Mesh", mesh: "default", name: "default", path: "patches[0]", resource: "resources[0]" }], added: [], removed: [] });
  });

  it("remove deletes a blocking MeshPassthrough: the batch expectation holds, and batch and validate list the removal", async () => {
    const blocking = { type: "MeshPassthrough", mesh: "default", name: "none", spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "None" } } };
    const batch = await post("/v1/simulate/batch", { kumaVersion: "2.14", resources: [mesh(true), web, blocking], remove: [{ kind: "MeshPassthrough", name: "none" }], requests: [{ ...REQUEST, expect: { verdict: "passthrough" } }] });
    expect(batch.status).toBe(200);
    const b = (await batch.json()) as { summary: { passed: number }; whatIf: unknown };
    expect(b.summary.passed).toBe(1);
    expect(b.whatIf).toEqual({ replaced: [], added: [], removed: [{ kind: "MeshPassthrough", mesh: "default", name: "none", path: "remove[0]", resource: "resources[2]" }] });
    const validate = await post("/v1/validate", { kumaVersion: "2.14", resources: [mesh(true), web, blocking], remove: [{ kind: "MeshPassthrough", name: "none" }] });
    expect(((await validate.json()) as { resources: Record<string, number> }).resources).toEqual({ Dataplane: 1, Mesh: 1 });
  });

  it("without what-ifs there is no whatIf field", async () => {
    const res = await post("/v1/simulate", { kumaVersion: "2.14", resources: [mesh(true), web], request: REQUEST, include: [] });
    expect(Object.keys((await res.json()) as object)).not.toContain("whatIf");
  });

  it("the Markdown answer names the what-if", async () => {
    const res = await app.request("/v1/simulate", {
      method: "POST",
      body: JSON.stringify({ kumaVersion: "2.14", resources: [mesh(true), web], patches: [mesh(false)], request: REQUEST }),
      headers: { "content-type": "application/json", accept: "text/markdown" },
    });
    expect(await res.text()).toContain("What-if: replaced `Mesh default`");
  });

  it("the upgrade check takes remove too", async () => {
    const extra = { type: "MeshTimeout", mesh: "default", name: "t", spec: { targetRef: { kind: "Mesh" }, default: {} } };
    const res = await post("/v1/upgrade", { fromVersion: "2.13", toVersion: "2.14", resources: [mesh(true), web, extra], remove: [{ kind: "MeshTimeout", name: "t" }], requests: [REQUEST] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { whatIf: { removed: { name: string }[] } }).whatIf.removed.map((r) => r.name)).toEqual(["t"]);
  });
});
