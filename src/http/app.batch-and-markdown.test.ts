/** POST /v1/simulate/batch for CI, and the Markdown answers for chatops (issue #5 points 6 and 7). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";
import { MAX_MARKDOWN_LINES } from "../core/simulate/markdown.js";

const app = createApp();
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

// The docs' MeshProxyPatch on 2.14 (scenario e): its circuit-breaker modification is ineffective.
const docsPatch = parse(readFileSync(new URL("../../test/scenarios/e-docs-patch-2.14/input.yaml", import.meta.url), "utf8")) as { kumaVersion: string; resources: unknown[] };

describe("POST /v1/simulate/batch", () => {
  const body = {
    kumaVersion: docsPatch.kumaVersion,
    resources: docsPatch.resources,
    requests: [
      { from: "web-01", to: "http://example.com", ip: "93.184.216.34", expect: { verdict: "passthrough", cluster: "outbound:passthrough:ipv4", limits: { connectTimeout: "99s", idleTimeout: "10800s" } } },
      // The expectation a user would write after reading the docs: it fails on 2.14.
      { from: "web-01", to: "http://example.com", ip: "93.184.216.34", expect: { limits: { circuitBreakers: { maxConnections: 2048 } } } },
      { from: "web-01", to: "tcp://[2001:db8::1]:5432", expect: { listener: "outbound:passthrough:ipv6", limits: { connectTimeout: "5s" } } },
      { from: "web-01", to: "http://127.0.0.1:8080" },
    ],
  };

  it("answers one result per request with its expectation outcome, and a summary", async () => {
    const res = await post("/v1/simulate/batch", body);
    expect(res.status).toBe(200);
    const out = (await res.json()) as any;
    // Counted by hand: web-01's three modifications once (#0 ineffective on 2.14, #1 and #2 applied); its warnings
    // ineffective-modification (#0) and docs-ipv6-not-patched (only the IPv4 passthrough resources are patched);
    // per request, docs-policies-dont-apply for each of the three passthrough ones (2.14) and docs-connect-timeout
    // for the IPv6 one (Kuma's 5s; the IPv4 ones get the patch's 99s); the direct one warns about nothing.
    expect(out.summary).toEqual({
      total: 4,
      passed: 3,
      failed: 1,
      modifications: { applied: 2, "no-match": 0, ineffective: 1, failed: 0, skipped: 0, rejected: 0 },
      warnings: { "docs-connect-timeout": 1, "docs-policies-dont-apply": 3, "docs-ipv6-not-patched": 1, "ineffective-modification": 1 },
    });
    expect(out.results.map((r: any) => r.verdict)).toEqual(["passthrough", "passthrough", "passthrough", "direct"]);
    expect(out.results[0].expectation).toEqual({ passed: true, failures: [] });
    expect(out.results[1].expectation).toEqual({ passed: false, failures: [{ field: "limits.circuitBreakers.maxConnections", expected: 2048, actual: 1024 }] });
    expect(out.results[3].expectation).toBeNull();
    // Heavy fields are off by default in a batch; what requests share is reported once per dataplane.
    expect(out.results[0].config).toBeUndefined();
    expect(out.results[0].trace).toBeUndefined();
    expect(out.results[0].modifications).toBeUndefined();
    expect(out.dataplanes["web-01"].modifications.map((m: any) => m.status)).toEqual(["ineffective", "applied", "applied"]);
  });

  it("gives the same facts as /v1/simulate for each request: shared ones once per dataplane, the rest per result", async () => {
    const batch = (await (await post("/v1/simulate/batch", { ...body, include: ["config", "diff", "trace"] })).json()) as any;
    expect(Object.keys(batch.dataplanes)).toEqual(["web-01"]);
    const shared = batch.dataplanes["web-01"];
    for (const [i, r] of body.requests.entries()) {
      const { expect: _e, ...request } = r as typeof r & { expect?: unknown };
      const single = (await (await post("/v1/simulate", { kumaVersion: body.kumaVersion, resources: body.resources, request })).json()) as any;
      const { expectation: _x, dataplane, ...own } = batch.results[i];
      expect(dataplane).toBe(single.dataplane);
      for (const k of ["verdict", "reason", "listener", "filterChain", "route", "cluster", "limits"]) expect(own[k]).toEqual(single[k]);
      expect([...shared.warnings, ...own.warnings]).toEqual(single.warnings);
      expect([...shared.assumptions, ...own.assumptions]).toEqual(single.assumptions);
      expect([...shared.trace, ...own.trace]).toEqual(single.trace);
      for (const k of ["policies", "modifications", "config", "diff"]) expect(shared[k]).toEqual(single[k]);
    }
  });

  it("points a bad request at requests[i]", async () => {
    const res = await post("/v1/simulate/batch", { requests: [{ to: "http://example.com" }, { to: "ftp://nope" }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].path).toBe("requests[1].to");
    const noRequests = await post("/v1/simulate/batch", { requests: [] });
    expect(noRequests.status).toBe(400);
  });

  it("answers Markdown with the summary and a row per request", async () => {
    const res = await post("/v1/simulate/batch?format=markdown", body);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await res.text();
    expect(text.split("\n")[0]).toBe("**FAIL**: 3/4 expectations hold, 1 failed");
    expect(text).toContain("limits.circuitBreakers.maxConnections: want 2048, got 1024");
  });
});

describe("Markdown for chat", () => {
  it("Accept: text/markdown gives the verdict in one line, the path and a limits table under 40 lines", async () => {
    const res = await post("/v1/simulate", { kumaVersion: docsPatch.kumaVersion, resources: docsPatch.resources, request: { to: "http://example.com", ip: "93.184.216.34" } }, { accept: "text/markdown" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await res.text();
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeLessThan(MAX_MARKDOWN_LINES);
    expect(lines[0]).toMatch(/^\*\*PASSTHROUGH\*\*: leaves the mesh/);
    expect(lines[1]).toBe("Kuma 2.14.3 · dataplane `web-01` · listener `outbound:passthrough:ipv4` → chain #0 → cluster `outbound:passthrough:ipv4` (ORIGINAL_DST)");
    // The source is user text (a policy name), escaped as the rest (CommonMark §2.4: `\#` shows "#").
    expect(text).toContain("| connect timeout | 99s | custom-mpp-1\\#1 |");
    expect(text).toContain("| max connections | 1024 | envoy-default |");
    expect(text).toContain("`custom-mpp-1#0` cluster Patch: **ineffective**");
    expect(text).toContain("**Warnings**");
  });
  it("?format=markdown works too, and problems stay problem+json", async () => {
    const ok = await post("/v1/simulate?format=markdown", { request: { to: "http://example.com", ip: "93.184.216.34" } });
    expect((await ok.text()).startsWith("**PASSTHROUGH**")).toBe(true);
    const bad = await post("/v1/simulate?format=markdown", { request: {} });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });
});
