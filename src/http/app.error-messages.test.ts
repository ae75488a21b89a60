/**
 * Every 4xx says what to write: each error names a path, and no message is one of zod's default phrasings
 * ("Invalid input", "expected object, received undefined", "Unrecognized key", "Too small: ..."). The corpus walks
 * representative bad inputs for every endpoint that takes a body: the body's own fields, a request, an expectation,
 * and the spec of every kind of resource meshsim parses.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const REQ = { to: "http://example.com", ip: "93.184.216.34" };
const DP = { type: "Dataplane", mesh: "default", name: "d", networking: { address: "10.0.0.1", transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } };

/** zod 4's English locale (node_modules/zod/v4/locales/en.js): the phrasings no user may see. */
const ZOD_PHRASES = [/^Invalid input/, /^Invalid option/, /^Invalid (string|number|key|value|discriminator)/, /expected \w+, received/, /^Unrecognized key/, /^Too (big|small)/, /^Invalid [A-Z]/];

const policy = (type: string, spec: unknown) => ({ type, mesh: "default", name: "p", spec });
const withResources = (...resources: unknown[]) => ({ resources: [DP, ...resources], request: REQ });

/** Bad bodies that every endpoint reads the same way (the snapshot part). */
const SNAPSHOT_CASES: Record<string, unknown> = {
  "resources not a list": { resources: 5, request: REQ },
  "a resource that is a string": { resources: ["Mesh"], request: REQ },
  "kumaVersion a number": { kumaVersion: 2.14, request: REQ },
  "an unknown top-level field": { resorces: [], request: REQ },
  "Mesh with a wrong type": withResources({ type: "Mesh", name: "default", mtls: "yes" }),
  "Dataplane address missing": { resources: [{ type: "Dataplane", mesh: "default", name: "d", networking: {} }], request: REQ },
  "Dataplane inbound port a string": { resources: [{ ...DP, networking: { ...DP.networking, inbound: [{ port: "80", tags: { "kuma.io/service": "a" } }] } }], request: REQ },
  "MeshProxyPatch unknown operation": withResources(policy("MeshProxyPatch", { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Pach" } }] } })),
  "MeshProxyPatch modification with no kind": withResources(policy("MeshProxyPatch", { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ clustr: { operation: "Add" } }] } })),
  "MeshProxyPatch default missing": withResources(policy("MeshProxyPatch", { targetRef: { kind: "Mesh" } })),
  "MeshProxyPatch jsonPatches not a list": withResources(policy("MeshProxyPatch", { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", jsonPatches: {} } }] } })),
  "targetRef kind unknown": withResources(policy("MeshPassthrough", { targetRef: { kind: "Everything" }, default: { passthroughMode: "All" } })),
  "MeshPassthrough mode unknown": withResources(policy("MeshPassthrough", { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Some" } })),
  "MeshPassthrough match without value": withResources(policy("MeshPassthrough", { targetRef: { kind: "Mesh" }, default: { appendMatch: [{ type: "Domain" }] } })),
  "MeshTLS mode a number": withResources(policy("MeshTLS", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: 1 } }] })),
  "MeshTrafficPermission action unknown": withResources(policy("MeshTrafficPermission", { targetRef: { kind: "Mesh" }, from: [{ targetRef: { kind: "Mesh" }, default: { action: "Maybe" } }] })),
  "TrafficPermission sources not a list": withResources({ type: "TrafficPermission", mesh: "default", name: "tp", sources: {}, destinations: [] }),
  "ProxyTemplate conf a string": withResources({ type: "ProxyTemplate", mesh: "default", name: "pt", selectors: [], conf: "x" }),
  "FaultInjection wrong field": withResources({ type: "FaultInjection", mesh: "default", name: "fi", sources: [], destinations: [], conf: { delay: { percentage: "half" } } }),
  "RateLimit wrong field": withResources({ type: "RateLimit", mesh: "default", name: "rl", sources: [], destinations: [], conf: { http: { requests: "many" } } }),
  "TrafficLog wrong field": withResources({ type: "TrafficLog", mesh: "default", name: "tl", sources: 1 }),
  "MeshService ports not a list": withResources({ type: "MeshService", mesh: "default", name: "ms", spec: { ports: 80 } }),
  "MeshService status wrong": withResources({ type: "MeshService", mesh: "default", name: "ms", spec: { selector: {}, ports: [{ port: 80 }] }, status: { vips: "10.0.0.1" } }),
  "MeshExternalService match missing": withResources({ type: "MeshExternalService", mesh: "default", name: "mes", spec: { endpoints: [] } }),
  "HostnameGenerator template a number": { kumaVersion: "2.14", resources: [DP, { type: "HostnameGenerator", name: "hg", spec: { template: 5 } }], request: REQ },
};

const SIMULATE_CASES: Record<string, unknown> = {
  "no request": { resources: [] },
  "request with url instead of to": { request: { url: "http://example.com" } },
  "request.to a number": { request: { to: 42 } },
  "request.to object with a typo and a string port": { request: { to: { protocl: "tcp", host: "example.com", port: "80" } } },
  "direction unknown": { request: { ...REQ, direction: "out" } },
  "client wrong": { request: { ...REQ, direction: "inbound", client: { mtls: "yes" } } },
  "include unknown": { request: REQ, include: ["cfg"] },
  "zone environment unknown": { request: REQ, zone: { environment: "k8s" } },
  "zone apiServer port too big": { request: REQ, zone: { apiServer: { address: "10.0.0.1", port: 70000 } } },
  "body a list": [REQ],
  "body a string": "request",
};

const BATCH_CASES: Record<string, unknown> = {
  "no requests": { resources: [] },
  "empty requests": { requests: [] },
  "a request without to": { requests: [{ ip: "1.2.3.4" }] },
  "expect verdict unknown": { requests: [{ ...REQ, expect: { verdict: "nope" } }] },
  "expect with an unknown field": { requests: [{ ...REQ, expect: { verdikt: "passthrough" } }] },
  "failOn unknown": { requests: [REQ], failOn: ["everything"] },
};

async function errorsOf(path: string, body: unknown): Promise<{ status: number; errors: { path: string; message: string }[]; detail: string }> {
  const res = await app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const json = (await res.json()) as { errors: { path: string; message: string }[]; detail: string };
  return { status: res.status, errors: json.errors, detail: json.detail };
}

function expectWorded(label: string, out: { status: number; errors: { path: string; message: string }[]; detail: string }) {
  expect(out.status, label).toBeGreaterThanOrEqual(400);
  expect(out.status, label).toBeLessThan(500);
  expect(out.errors.length, label).toBeGreaterThan(0);
  for (const e of [...out.errors, { path: "", message: out.detail }]) {
    for (const re of ZOD_PHRASES) expect(e.message, `${label}: ${e.path}`).not.toMatch(re);
    expect(e.message.length, label).toBeGreaterThan(5);
  }
}

describe("no zod default message reaches a user", () => {
  for (const [endpoint, cases] of [
    ["/v1/simulate", { ...SNAPSHOT_CASES, ...SIMULATE_CASES }],
    ["/v1/simulate/batch", { ...Object.fromEntries(Object.entries(SNAPSHOT_CASES).map(([k, v]) => [k, { ...(v as object), request: undefined, requests: [REQ] }])), ...BATCH_CASES }],
    ["/v1/validate", Object.fromEntries(Object.entries(SNAPSHOT_CASES).filter(([k]) => k !== "an unknown top-level field"))],
  ] as const) {
    it(`${endpoint}: ${Object.keys(cases).length} bad inputs, each a 4xx in meshsim's words`, async () => {
      for (const [label, body] of Object.entries(cases)) expectWorded(`${endpoint} ${label}`, await errorsOf(endpoint, body));
    });
  }
});

describe("errors say what to write", () => {
  it("a missing request: what it is and an example", async () => {
    const out = await errorsOf("/v1/simulate", { resources: [] });
    expect(out.errors).toEqual([{ path: "request", message: "is required (an object), e.g. request: {to: http://example.com}" }]);
  });
  it("`url` in a request: not a field here, did you mean `to`, and what the fields are", async () => {
    const out = await errorsOf("/v1/simulate", { request: { url: "http://example.com" } });
    expect(out.errors).toContainEqual({ path: "request", message: 'unknown field "url"; did you mean "to"? (the fields here: from, to, ip, direction, client)' });
    expect(out.errors).toContainEqual({ path: "request.to", message: "is required (a string or an object), e.g. to: http://example.com (or {protocol: tls, host: api.example.com, port: 443})" });
  });
  it("a typo is matched by edit distance, at any depth", async () => {
    const out = await errorsOf("/v1/simulate", { kumaVersoin: "2.14", request: { to: { protocl: "tcp", host: "example.com", port: 80 } } });
    expect(out.errors.map((e) => [e.path, e.message.split(" (")[0]])).toEqual([
      ["request.to", 'unknown field "protocl"; did you mean "protocol"?'],
      ["", 'unknown field "kumaVersoin"; did you mean "kumaVersion"?'],
    ]);
  });
  it("a union is judged as the alternative the input was meant to be", async () => {
    // request.to takes a URL string or an object; an object is judged as the object form, at its own field.
    const out = await errorsOf("/v1/simulate", { request: { to: { host: "example.com", port: "80" } } });
    expect(out.errors).toEqual([{ path: "request.to.port", message: 'must be a number, not the string "80"' }]);
  });
  it("the example names the field that is wrong: patches, not resources", async () => {
    const out = await errorsOf("/v1/simulate", { patches: 4, request: REQ });
    expect(out.errors).toEqual([{ path: "patches", message: "must be a list, an object or a string, not an integer, e.g. patches: [{type: MeshProxyPatch, mesh: default, name: p, spec: {…}}] (or one YAML string, or a kubectl / kumactl list)" }]);
  });
  it("an enum lists its values and what was sent", async () => {
    const out = await errorsOf("/v1/simulate", { request: { ...REQ, direction: "out" } });
    expect(out.errors).toEqual([{ path: "request.direction", message: 'must be one of "outbound", "inbound", not the string "out"' }]);
  });
});

it("a batch body sent to /v1/simulate is told where it belongs", async () => {
  const out = await errorsOf("/v1/simulate", { requests: [REQ] });
  expect(out.detail).toBe("the request does not match the schema: this is a batch body (it has `requests`); POST it to /v1/simulate/batch");
});

describe("404 and 405", () => {
  it("a path the API has, with another method: 405, the method it takes, and an example", async () => {
    const res = await app.request("/v1/simulate");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    const out = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(out.errors).toEqual([{ path: "", message: "/v1/simulate takes POST, not GET, e.g. curl -X POST /v1/simulate -H 'content-type: application/yaml' --data-binary @input.yaml" }]);
  });
  it("a path the API lacks: 404, the nearest route, and every route", async () => {
    const res = await app.request("/v1/simulat", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(404);
    const out = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(out.errors).toEqual([
      {
        path: "",
        message:
          "no route for POST /v1/simulat; did you mean POST /v1/simulate? (the routes: GET /, GET /widget.js, GET /healthz, GET /v1/versions, GET /openapi.yaml, POST /v1/simulate, POST /v1/simulate/batch, POST /v1/validate, POST /v1/upgrade, POST /v1/impact, POST /v1/passthrough-plan)",
      },
    ]);
    expect(((await (await app.request("/nope")).json()) as { detail: string }).detail).toMatch(/^no route for GET \/nope \(the routes: GET \/, /);
  });
});

describe("415", () => {
  it("lists every content type the API reads", async () => {
    const res = await app.request("/v1/validate", { method: "POST", body: "{}", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    const out = (await res.json()) as { detail: string; errors: { message: string }[] };
    // src/http/body.ts formatOf: JSON and +json, and the four YAML media types.
    for (const t of ["application/json", "+json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]) expect(out.detail).toContain(t);
    expect(out.detail).toContain('not "text/plain"');
    expect(out.errors[0]!.message).toContain("content-type: application/yaml");
  });
});

describe("/v1/validate takes a simulate or batch body", () => {
  it("checks the snapshot, ignores the request part and says so", async () => {
    const res = await app.request("/v1/validate", { method: "POST", body: JSON.stringify({ kumaVersion: "2.14", resources: [DP], request: { url: "not even valid" } }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { valid: boolean; ignored: { fields: string[]; note: string } };
    expect(out.valid).toBe(true);
    expect(out.ignored).toEqual({ fields: ["request"], note: "validated the snapshot only (kumaVersion, resources, patches, remove); request was not checked or run: POST the same body to /v1/simulate for that" });
  });
  it("a batch body: requests, failOn and include are named", async () => {
    const body = { resources: [DP], requests: [{ ...REQ, expect: { verdict: "passthrough" } }], failOn: ["ineffective"], include: ["diff"] };
    const res = await app.request("/v1/validate", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { ignored: { fields: string[]; note: string } };
    expect(out.ignored.fields).toEqual(["requests", "failOn", "include"]);
    expect(out.ignored.note).toContain("/v1/simulate/batch");
  });
  it("a snapshot-only body has no `ignored`, and the snapshot's errors still count", async () => {
    const ok = (await (await app.request("/v1/validate", { method: "POST", body: JSON.stringify({ resources: [DP] }), headers: { "content-type": "application/json" } })).json()) as Record<string, unknown>;
    expect(ok).not.toHaveProperty("ignored");
    const bad = await errorsOf("/v1/validate", { resources: [{ ...DP, networking: {} }], request: REQ });
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e) => e.path)).toEqual(["resources[0].networking.address"]);
  });
});
