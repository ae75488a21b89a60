import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";
import { openApiYaml } from "./openapi.js";

describe("OpenAPI document", () => {
  it("the checked-in openapi.yaml is what the zod schemas generate (run `npm run openapi` after changing them)", () => {
    expect(readFileSync(new URL("../../openapi.yaml", import.meta.url), "utf8")).toBe(openApiYaml());
  });
  it("every $ref points at a defined schema", () => {
    const text = openApiYaml();
    const doc = parse(text);
    const refs = [...text.matchAll(/\$ref: "#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(doc.components.schemas[r], r).toBeDefined();
  });
  it("is served at GET /openapi.yaml", async () => {
    const res = await createApp().request("/openapi.yaml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("yaml");
    const doc = parse(await res.text());
    expect(doc.openapi).toBe("3.1.0");
    // The request schema comes from the zod schema: its fields and the URL-or-object union are there.
    const req = doc.components.schemas.SimulateRequest;
    expect(Object.keys(req.properties).sort()).toEqual(["include", "kumaVersion", "patches", "remove", "request", "resources", "zone"]);
    expect(req.required).toEqual(["request"]);
    expect(req.properties.request.properties.to.anyOf).toHaveLength(2);
  });
  it("documents the 401 of a private deployment and the 429 of the rate limit, with their headers, on every API route", () => {
    const doc = parse(openApiYaml());
    // src/http/app.ts: the rate limit charges every /v1/* request; the bearer check guards all but the page, its script and /healthz.
    const api = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }>; security?: unknown[] }>>).filter(([path]) => path.startsWith("/v1/"));
    expect(api.length).toBeGreaterThanOrEqual(5);
    for (const [path, ops] of api)
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses["401"]?.headers ?? {}), `${method} ${path}`).toEqual(["WWW-Authenticate"]);
        expect(Object.keys(op.responses["429"]?.headers ?? {}).sort(), `${method} ${path}`).toEqual(["RateLimit", "RateLimit-Policy", "Retry-After"]);
      }
    expect(doc.paths["/healthz"].get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
