/**
 * The v1 request bodies (docs/usage.md, openapi.yaml is generated from these schemas): what each accepts and
 * refuses, including the size limits that bound the work a request can ask for (docs/hardening.md).
 */
import { describe, expect, it } from "vitest";
import { BatchBodySchema, INCLUDE, MAX_BATCH_REQUESTS, MAX_RESOURCES, ResourcesSchema, SimRequestSchema, SimulateBodySchema, ValidateBodySchema, ZoneSchema } from "./schema.js";

const ok = (schema: { safeParse(x: unknown): { success: boolean } }, x: unknown) => schema.safeParse(x).success;
const REQ = { to: "http://example.com" };

describe("SimRequestSchema", () => {
  it("takes `to` as a URL string or an object, with optional from, ip, direction and client", () => {
    expect(ok(SimRequestSchema, REQ)).toBe(true);
    expect(ok(SimRequestSchema, { to: { host: "example.com", port: 443, protocol: "https" } })).toBe(true);
    expect(ok(SimRequestSchema, { from: "web", to: "tcp://1.2.3.4:5432", ip: "1.2.3.4", direction: "inbound", client: { kind: "mesh", service: "api" } })).toBe(true);
  });
  it("refuses a missing `to`, an unknown direction, an unknown key, and over-long strings", () => {
    expect(ok(SimRequestSchema, {})).toBe(false);
    expect(ok(SimRequestSchema, { ...REQ, direction: "egress" })).toBe(false);
    expect(ok(SimRequestSchema, { ...REQ, expect: { verdict: "mesh" } })).toBe(false); // batch requests only
    expect(ok(SimRequestSchema, { ...REQ, from: "x".repeat(254) })).toBe(false);
    expect(ok(SimRequestSchema, { ...REQ, from: "x".repeat(253) })).toBe(true);
    expect(ok(SimRequestSchema, { ...REQ, ip: "1".repeat(65) })).toBe(false);
  });
  it("client is a strict object with a known kind", () => {
    expect(ok(SimRequestSchema, { ...REQ, client: { kind: "robot" } })).toBe(false);
    expect(ok(SimRequestSchema, { ...REQ, client: { kind: "tls", clientCertificate: true, extra: 1 } })).toBe(false);
  });
});

describe("ResourcesSchema", () => {
  it("takes a list of objects up to MAX_RESOURCES (5000), or one YAML string up to 1 MiB", () => {
    expect(MAX_RESOURCES).toBe(5000);
    expect(ok(ResourcesSchema, [{ type: "Mesh", name: "default" }])).toBe(true);
    expect(ok(ResourcesSchema, Array.from({ length: 5000 }, () => ({})))).toBe(true);
    expect(ok(ResourcesSchema, Array.from({ length: 5001 }, () => ({})))).toBe(false);
    expect(ok(ResourcesSchema, "type: Mesh\nname: default\n")).toBe(true);
    expect(ok(ResourcesSchema, "#".repeat(1 << 20))).toBe(true);
    expect(ok(ResourcesSchema, "#".repeat((1 << 20) + 1))).toBe(false);
  });
  it("refuses an item that is not an object, and a key longer than 253", () => {
    expect(ok(ResourcesSchema, ["type: Mesh"])).toBe(false);
    expect(ok(ResourcesSchema, [{ ["k".repeat(254)]: 1 }])).toBe(false);
  });
});

describe("ZoneSchema", () => {
  it("environment universal or kubernetes; apiServer address and a port 1–65535", () => {
    expect(ok(ZoneSchema, { environment: "kubernetes", apiServer: { address: "10.96.0.1", port: 443 } })).toBe(true);
    expect(ok(ZoneSchema, { environment: "openshift" })).toBe(false);
    expect(ok(ZoneSchema, { apiServer: { address: "10.96.0.1", port: 0 } })).toBe(false);
    expect(ok(ZoneSchema, { apiServer: { address: "10.96.0.1", port: 65536 } })).toBe(false);
    expect(ok(ZoneSchema, { apiServer: { address: "10.96.0.1", port: 443.5 } })).toBe(false);
    expect(ok(ZoneSchema, { apiServer: { address: "10.96.0.1" } })).toBe(false);
    expect(ok(ZoneSchema, { region: "eu" })).toBe(false);
  });
});

describe("SimulateBodySchema", () => {
  it("needs a request; the rest is optional", () => {
    expect(ok(SimulateBodySchema, { request: REQ })).toBe(true);
    expect(ok(SimulateBodySchema, {})).toBe(false);
  });
  it("include lists config, diff, trace and full (long lists whole), at most four", () => {
    expect(INCLUDE).toEqual(["config", "diff", "trace", "full"]);
    expect(ok(SimulateBodySchema, { request: REQ, include: ["config", "diff", "trace"] })).toBe(true);
    expect(ok(SimulateBodySchema, { request: REQ, include: ["config", "diff", "trace", "full"] })).toBe(true);
    expect(ok(SimulateBodySchema, { request: REQ, include: ["full"] })).toBe(true);
    expect(ok(SimulateBodySchema, { request: REQ, include: [] })).toBe(true);
    expect(ok(SimulateBodySchema, { request: REQ, include: ["warnings"] })).toBe(false);
    expect(ok(BatchBodySchema, { requests: [REQ], include: ["all"] })).toBe(false);
    expect(ok(SimulateBodySchema, { request: REQ, include: ["config", "config", "config", "config", "config"] })).toBe(false);
  });
  it("kumaVersion is a string of at most 32 characters (its meaning is checked later)", () => {
    expect(ok(SimulateBodySchema, { request: REQ, kumaVersion: "9.99" })).toBe(true);
    expect(ok(SimulateBodySchema, { request: REQ, kumaVersion: 2.14 })).toBe(false);
    expect(ok(SimulateBodySchema, { request: REQ, kumaVersion: "2".repeat(33) })).toBe(false);
  });
  it("refuses `requests` (the batch field) and unknown keys", () => {
    expect(ok(SimulateBodySchema, { request: REQ, requests: [REQ] })).toBe(false);
    expect(ok(SimulateBodySchema, { request: REQ, verbose: true })).toBe(false);
  });
});

describe("BatchBodySchema", () => {
  it("takes 1 to MAX_BATCH_REQUESTS (2000) requests, each with an optional expect", () => {
    expect(MAX_BATCH_REQUESTS).toBe(2000);
    expect(ok(BatchBodySchema, { requests: [{ ...REQ, expect: { verdict: "passthrough" } }] })).toBe(true);
    expect(ok(BatchBodySchema, { requests: [] })).toBe(false);
    expect(ok(BatchBodySchema, { requests: Array.from({ length: 2000 }, () => REQ) })).toBe(true);
    expect(ok(BatchBodySchema, { requests: Array.from({ length: 2001 }, () => REQ) })).toBe(false);
  });
  it("shares the simulate body's version, resources, patches and zone; refuses `request`", () => {
    expect(ok(BatchBodySchema, { kumaVersion: "2.13", resources: "type: Mesh\nname: x", patches: [], zone: { environment: "kubernetes" }, requests: [REQ] })).toBe(true);
    expect(ok(BatchBodySchema, { request: REQ, requests: [REQ] })).toBe(false);
  });
  it("refuses a bad expectation inside a request", () => {
    expect(ok(BatchBodySchema, { requests: [{ ...REQ, expect: { verdict: "maybe" } }] })).toBe(false);
  });
});

describe("ValidateBodySchema", () => {
  it("takes a snapshot, or a whole simulate or batch body (whose other fields it does not read), and nothing else", () => {
    expect(ok(ValidateBodySchema, {})).toBe(true);
    expect(ok(ValidateBodySchema, { kumaVersion: "2.14", resources: [], patches: [] })).toBe(true);
    expect(ok(ValidateBodySchema, { zone: { environment: "universal" }, request: REQ, include: ["diff"] })).toBe(true);
    expect(ok(ValidateBodySchema, { requests: [{ ...REQ, expect: { verdict: "maybe" } }], failOn: ["x"] })).toBe(true);
    expect(ok(ValidateBodySchema, { reqest: REQ })).toBe(false);
  });
});
