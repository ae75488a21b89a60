/**
 * Private deployments: with MESHSIM_TOKEN set, requests need `Authorization: Bearer <token>` (RFC 6750);
 * the page, its script and /healthz stay public; CORS never allows credentials.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const TOKEN = "s3cret-token-0123456789";
const env = { MESHSIM_TOKEN: TOKEN };
const req = (path: string, headers: Record<string, string> = {}, e: Record<string, unknown> = env, method = "GET") => app.request(path, { method, headers }, e);

describe("bearer token (MESHSIM_TOKEN)", () => {
  it("without a token configured, nothing asks for one", async () => {
    expect((await req("/v1/versions", {}, {})).status).toBe(200);
    expect((await req("/v1/versions", {}, { MESHSIM_TOKEN: "" })).status).toBe(200);
  });

  it("401 problem with the RFC 6750 challenge without credentials, and invalid_token for a wrong one", async () => {
    const none = await req("/v1/versions");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="meshsim"');
    expect(await none.json()).toEqual({
      type: "https://meshsim.dev/problems/unauthorized",
      title: "Unauthorized",
      status: 401,
      detail: "this deployment is private: send Authorization: Bearer <token>",
      instance: "/v1/versions",
      errors: [],
    });
    for (const h of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Bearer x", `Bearer ${TOKEN.toUpperCase()}`]) {
      const r = await req("/v1/versions", { authorization: h });
      expect(r.status, h).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="meshsim", error="invalid_token"');
    }
    for (const h of [`Basic ${TOKEN}`, TOKEN, `Bearer`, `Bearer ${TOKEN} extra`]) {
      const r = await req("/v1/versions", { authorization: h });
      expect(r.status, h).toBe(401);
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="meshsim"');
    }
  });

  it("the matching token passes, with the scheme in any case (RFC 9110 §11.1)", async () => {
    for (const h of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN}`]) expect((await req("/v1/versions", { authorization: h })).status, h).toBe(200);
    const sim = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ request: { to: "http://example.com", ip: "93.184.216.34" } }), headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` } }, env);
    expect(sim.status).toBe(200);
  });

  it("every other path needs it too: the API, /openapi.yaml, unknown paths, POSTs", async () => {
    for (const p of ["/openapi.yaml", "/v1/nothing", "/nothing"]) expect((await req(p)).status, p).toBe(401);
    expect((await req("/v1/simulate", { "content-type": "application/json" }, env, "POST")).status).toBe(401);
  });

  it("GET /, GET /widget.js and GET /healthz stay public", async () => {
    for (const p of ["/", "/widget.js", "/healthz"]) expect((await req(p)).status, p).toBe(200);
  });

  it("CORS: a 401 is readable cross-origin, a preflight allows no credentials and no Authorization header is needed for it", async () => {
    const r = await req("/v1/versions", { origin: "https://docs.example" });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("access-control-allow-credentials")).toBeNull();
    const pre = await req("/v1/simulate", { origin: "https://docs.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" }, env, "OPTIONS");
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
  });
});
