/**
 * The bad-input corpus (docs/hardening.md), written once and run against every implementation of the API: the Hono
 * app in Node (`src/http/app.bad-input.test.ts`) and the Worker inside workerd (`test/workerd/bad-input.test.ts`).
 * Each case expects a 4xx problem+json whose errors point into the request; never a 5xx, never a stack trace.
 */
import { describe, expect, it } from "vitest";

/** Sends one request to the implementation under test. */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

const REQ = { to: "http://example.com", ip: "93.184.216.34" };

/** Asserts a 4xx problem+json answer: status, media type, no caching, no stack trace, and optionally an error at `path`. */
export function expectProblem(r: { res: Response; text: string; json: any }, status: number, path?: string, message?: string | RegExp) {
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
/** Runs the corpus against `send`. */
export function badInputSuite(send: Send): void {
  async function post(body: BodyInit, contentType = "application/json", init: RequestInit = {}) {
    const res = await send("/v1/simulate", { method: "POST", body, headers: { "content-type": contentType }, ...init });
    const text = await res.text();
    return { res, text, json: (() => { try { return JSON.parse(text); } catch { return undefined; } })() };
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
    it("a what-if of an unknown kind", async () =>
      expectProblem(await post(JSON.stringify({ patches: [{ type: "Meshh", name: "default" }], request: REQ })), 400, "patches[0].type", 'unknown resource kind "Meshh"'));
    it("a removal that names no resource", async () =>
      expectProblem(await post(JSON.stringify({ remove: [{ kind: "MeshProxyPatch", name: "gone" }], request: REQ })), 400, "remove[0]", 'no MeshProxyPatch "gone"'));
    it("a removal without a name", async () => expectProblem(await post(JSON.stringify({ remove: [{ kind: "MeshProxyPatch" }], request: REQ })), 400, "remove[0].name"));
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
}
