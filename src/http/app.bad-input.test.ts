/**
 * Bad input never gets a 5xx: each case below expects a 4xx problem+json whose errors point into the
 * request (the bad-input corpus of docs/hardening.md).
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const REQ = { to: "http://example.com", ip: "93.184.216.34" };

async function post(body: BodyInit, contentType = "application/json", init: RequestInit = {}) {
  const res = await app.request("/v1/simulate", { method: "POST", body, headers: { "content-type": contentType }, ...init });
  const text = await res.text();
  return { res, text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
}

function expectProblem(r: Awaited<ReturnType<typeof post>>, status: number, path?: string, message?: string | RegExp) {
  expect(r.res.status, r.text).toBe(status);
  expect(r.res.headers.get("content-type")).toBe("application/problem+json");
  expect(r.res.headers.get("cache-control")).toBe("no-store");
  expect(r.json).toMatchObject({ status, type: expect.stringContaining("/problems/"), title: expect.any(String), detail: expect.any(String) });
  expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  if (path !== undefined) expect(r.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  if (message !== undefined) {
    const messages = r.json.errors.map((e: { message: string }) => e.message).join("\n");
    if (typeof message === "string") expect(messages).toContain(message);
    else expect(messages).toMatch(message);
  }
}

describe("400 for malformed or invalid input", () => {
  it("malformed JSON", async () => expectProblem(await post('{"request": '), 400, "", "malformed JSON"));
  it("malformed YAML", async () => expectProblem(await post("request: [a, b", "application/yaml"), 400, "", "YAML syntax error"));
  it("empty body", async () => expectProblem(await post(""), 400, ""));
  it("invalid UTF-8", async () => expectProblem(await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, "", "invalid UTF-8"));
  it("NUL characters", async () => expectProblem(await post('{"request":{"to":"http://a\u0000"}}'), 400, ""));
  it("a missing request", async () => expectProblem(await post(JSON.stringify({ resources: [] })), 400, "request"));
  it("an unknown top-level field", async () => expectProblem(await post(JSON.stringify({ request: REQ, resorces: [] })), 400, "", /resorces/));
  it("a wrong type", async () => expectProblem(await post(JSON.stringify({ request: { to: 42 } })), 400, "request.to"));
  it("an unknown resource kind", async () =>
    expectProblem(await post(JSON.stringify({ resources: [{ type: "MeshFoo", name: "x", mesh: "default" }], request: REQ })), 400, "resources[0].type", 'unknown resource kind "MeshFoo"'));
  it("an unknown Kubernetes kind inside kind: List", async () =>
    expectProblem(
      await post(JSON.stringify({ resources: [{ apiVersion: "v1", kind: "List", items: [{ apiVersion: "kuma.io/v1alpha1", kind: "Nope", metadata: { name: "x" }, spec: {} }] }], request: REQ })),
      400,
      "resources[0].items[0].kind",
    ));
  it("a Dataplane with a wrong field type, path into the resource", async () =>
    expectProblem(await post(JSON.stringify({ resources: [{ type: "Dataplane", name: "d", mesh: "default", networking: { address: 5 } }], request: REQ })), 400, "resources[0].networking.address"));
  it("an unsupported Kuma version lists the supported ones", async () =>
    expectProblem(await post(JSON.stringify({ kumaVersion: "2.4", request: REQ })), 400, "kumaVersion", "supported: 2.5, 2.6"));
  it("an unknown source dataplane", async () =>
    expectProblem(await post(JSON.stringify({ resources: [{ type: "Dataplane", name: "d", mesh: "default", networking: { address: "10.0.0.1" } }], request: { ...REQ, from: "nope" } })), 400, "request.from"));
  it("a bad URL scheme", async () => expectProblem(await post(JSON.stringify({ request: { to: "ftp://x" } })), 400, "request.to", 'unsupported scheme "ftp:"'));
  it("a what-if that is not a MeshProxyPatch", async () =>
    expectProblem(await post(JSON.stringify({ patches: [{ type: "Mesh", name: "default" }], request: REQ })), 400, "patches[0].type"));
  it("a MeshProxyPatch Kuma would reject carries Kuma's path and message", async () => {
    const mpp = { type: "MeshProxyPatch", name: "p", mesh: "default", spec: { default: { appendModifications: [{ cluster: { operation: "AddFirst" } }] } } };
    expectProblem(await post(JSON.stringify({ resources: [mpp], request: REQ })), 400, "resources[0].spec.default.appendModifications[0].cluster.operation", 'invalid operation. Available operations: "Add", "Patch", "Remove"');
  });
  it("depth over 64 in JSON", async () => {
    let deep = "1";
    for (let i = 0; i < 100; i++) deep = `[${deep}]`;
    expectProblem(await post(`{"request": {"to": "http://x"}, "include": ${deep}}`), 400, undefined, /deeper|depth/);
  });
  it("a JSON body 10^5 levels deep does not crash the parser", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expectProblem(await post(`{"x": ${deep}}`), 400);
  });
});

describe("YAML guards (aliases, tags, directives, merge keys, duplicate keys) answer 400", () => {
  const bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
  it("billion laughs is refused by the pre-scan, before the parser expands anything", async () => expectProblem(await post(bomb, "application/yaml"), 400, "", "YAML anchors are not accepted"));
  it("custom tags", async () => expectProblem(await post("request: !foo {to: http://x}", "application/yaml"), 400, "", "YAML tags are not accepted"));
  it("!!binary", async () => expectProblem(await post("request: {to: !!binary aGk=}", "application/yaml"), 400, "", "YAML tags are not accepted"));
  it("%YAML directive", async () => expectProblem(await post("%YAML 1.1\n---\nrequest: {to: http://x}", "application/yaml"), 400, "", "directives"));
  it("merge keys", async () => expectProblem(await post("base: {a: 1}\nrequest:\n  <<: {to: http://x}", "application/yaml"), 400, "request", "merge keys"));
  it("duplicate keys", async () => expectProblem(await post("request: {to: http://a}\nrequest: {to: http://b}", "application/yaml"), 400, "request", "duplicate key"));
  it("several documents in the body", async () => expectProblem(await post("request: {to: http://a}\n---\nrequest: {to: http://b}", "application/yaml"), 400, ""));
  it("a bad multi-document resources string points at the resources field", async () =>
    expectProblem(await post(JSON.stringify({ resources: "type: Mesh\nname: a\n---\nx: &y 1", request: REQ })), 400, "resources", "anchors"));
});

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
