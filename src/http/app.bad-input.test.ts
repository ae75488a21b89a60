/**
 * Bad input never gets a 5xx: the shared corpus (test/support/bad-input-suite.ts) through the Hono app in Node, and
 * below it what only the Node app can show (body limits with other settings, cross-request effects, CORS settings).
 */
import { describe, expect, it } from "vitest";
import { badInputSuite, expectProblem } from "../../test/support/bad-input-suite.js";
import { createApp } from "./app.js";

const app = createApp();
const REQ = { to: "http://example.com", ip: "93.184.216.34" };

async function post(body: BodyInit, contentType = "application/json", init: RequestInit = {}) {
  const res = await app.request("/v1/simulate", { method: "POST", body, headers: { "content-type": contentType }, ...init });
  const text = await res.text();
  return { res, text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}



badInputSuite((path, init) => Promise.resolve(app.request(path, init)));

describe("415 and 413", () => {
  it("415 for a content type it does not take", async () => expectProblem(await post("request: x", "text/plain"), 415));
  it("415 without a content type", async () => {
    const res = await app.request("/v1/simulate", { method: "POST", body: "{}" });
    expect(res.status).toBe(415);
  });
  it("413 when Content-Length says too much", async () => {
    const small = createApp({ maxJsonBytes: 100 });
    const res = await small.request("/v1/simulate", { method: "POST", body: JSON.stringify({ request: REQ, resources: "x".repeat(200) }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
  it("413 for a streamed body with no Content-Length", async () => {
    const small = createApp({ maxJsonBytes: 100 });
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode("x".repeat(50)));
        c.close();
      },
    });
    const res = await small.request("/v1/simulate", { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });
  it("413 when Content-Length lies (says small, sends more)", async () => {
    const small = createApp({ maxJsonBytes: 100 });
    const res = await small.request("/v1/simulate", { method: "POST", body: "x".repeat(500), headers: { "content-type": "application/json", "content-length": "10" } });
    expect(res.status).toBe(413);
  });
  it("YAML has a smaller default limit than JSON (128 KiB vs 1 MiB), both configurable from the environment", async () => {
    const big = `request: {to: "http://example.com"}\n# ${"x".repeat(200 * 1024)}`;
    expect((await post(big, "application/yaml")).res.status).toBe(413);
    const asJson = JSON.stringify({ request: REQ, pad: undefined, include: ["trace"] }) + " ".repeat(200 * 1024);
    expect((await post(asJson)).res.status).toBe(200);
    const env = { MAX_YAML_BYTES: String(512 * 1024) };
    const res = await createApp().request("/v1/simulate", { method: "POST", body: big, headers: { "content-type": "application/yaml" } }, env);
    expect(res.status).toBe(200);
  });
});

describe("hostile input leaves no trace", () => {
  it("__proto__ keys in the body are refused and pollute nothing", async () => {
    const r = await post('{"request": {"to": "http://example.com"}, "__proto__": {"polluted": true}}');
    expect(r.res.status).toBe(400);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
  it("JSON patch paths through __proto__, constructor or prototype are 400 with the path of the op", async () => {
    for (const path of ["/__proto__/polluted", "/constructor/keys", "/a/constructor/prototype/x"]) {
      const mpp = { type: "MeshProxyPatch", name: "p", mesh: "default", spec: { default: { appendModifications: [{ cluster: { operation: "Patch", jsonPatches: [{ op: "add", path, value: "x" }] } }] } } };
      expectProblem(await post(JSON.stringify({ resources: [mpp], request: REQ })), 400, "resources[0].spec.default.appendModifications[0].cluster.jsonPatches[0].path");
    }
    expect(typeof Object.keys).toBe("function");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("other endpoints", () => {
  it("GET /healthz", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
  it("unknown paths are a 404 problem", async () => {
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
  it("security headers on every response", async () => {
    const res = await app.request("/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("CORS", () => {
  it("lets a page on another origin POST (no credentials)", async () => {
    const pre = await app.request("/v1/simulate", { method: "OPTIONS", headers: { origin: "https://docs.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ request: REQ }), headers: { origin: "https://docs.example", "content-type": "application/json" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
  it("allowed origins are configurable; others get no CORS headers", async () => {
    const env = { CORS_ALLOWED_ORIGINS: "https://kuma.io, https://docs.konghq.com" };
    const ok = await app.request("/v1/simulate", { method: "OPTIONS", headers: { origin: "https://kuma.io", "access-control-request-method": "POST" } }, env);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://kuma.io");
    const no = await app.request("/v1/simulate", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } }, env);
    expect(no.headers.get("access-control-allow-origin")).toBeNull();
  });
});
