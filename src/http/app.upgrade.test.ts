/** POST /v1/upgrade (issue #12 point 2): JSON, the chatops Markdown, and bad input. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";
import { MAX_UPGRADE_MARKDOWN_LINES } from "../core/simulate/upgrade-markdown.js";

const app = createApp();
const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/v1/upgrade", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

// The docs' MeshProxyPatch (scenario e): on 2.13 the circuit-breaker `value:` patch is the cluster's only threshold
// (2048); from 2.14.0 (kumahq/kuma#16757) MeshCircuitBreaker puts {trackRemaining: true} first and Envoy reads only that
// one, so the limits fall to Envoy's 1024 defaults.
const docsPatch = parse(readFileSync(new URL("../../test/scenarios/e-docs-patch-2.14/input.yaml", import.meta.url), "utf8")) as { resources: unknown[] };
const body = { fromVersion: "2.13", toVersion: "2.14", resources: docsPatch.resources, requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] };

describe("POST /v1/upgrade", () => {
  it("answers both releases, what changes and why, in JSON", async () => {
    const res = await post(body);
    expect(res.status).toBe(200);
    const out = (await res.json()) as any;
    expect([out.fromVersion, out.toVersion]).toEqual(["2.13.10", "2.14.3"]);
    expect(out.requests[0].changes[0]).toMatchObject({ field: "limits.circuitBreakers.maxConnections", before: 2048, after: 1024 });
    expect(out.modifications[0]).toMatchObject({ dataplane: "web-01", source: "custom-mpp-1#0", before: "applied", after: "ineffective" });
    expect(out.summary.breaking).toBe(true);
  });

  it("leads the Markdown with what breaks, in at most 40 lines", async () => {
    const res = await post(body, { accept: "text/markdown" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/markdown");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(MAX_UPGRADE_MARKDOWN_LINES);
    expect(lines[0]).toMatch(/^\*\*BREAKING\*\* \(Kuma 2\.13\.10 → 2\.14\.3\): 1 of 1 request\(s\) change verdict or limits; 1 modification\(s\) stop applying$/);
    expect(lines.join("\n")).toContain("limits.circuitBreakers.maxConnections 2048 → 1024");
  });

  it("says nothing breaks for the same release on both sides", async () => {
    const res = await post({ ...body, fromVersion: "2.14", toVersion: "2.14.3" }, { accept: "text/markdown" });
    expect((await res.text()).split("\n")[0]).toMatch(/^\*\*NOT BREAKING\*\* \(Kuma 2\.14\.3 → 2\.14\.3\)/);
  });

  it("probes the snapshot when no requests are given, and lists the probes as assumptions", async () => {
    const out = (await (await post({ fromVersion: "2.14", toVersion: "3.0", resources: docsPatch.resources })).json()) as any;
    expect(out.requests.map((r: any) => r.request)).toEqual([
      { from: "web-01", to: "http://unlisted.example.com", ip: "203.0.113.10" },
      { from: "web-01", to: "tcp://10.0.0.5:8080", direction: "inbound" },
    ]);
    expect(out.assumptions.some((a: string) => a.startsWith("no requests given: probed"))).toBe(true);
  });

  it("answers 400 naming the path and the supported releases for an unsupported one", async () => {
    const res = await post({ ...body, toVersion: "3.1" });
    expect(res.status).toBe(400);
    const p = (await res.json()) as any;
    expect(p.errors[0].path).toBe("toVersion");
    expect(p.errors[0].message).toContain("supported: 2.5, 2.6");
    expect(p.errors[0].message).toContain("3.0");
  });

  it("requires both versions and refuses `from`/`to` in their place", async () => {
    const res = await post({ from: "2.13", to: "2.14", resources: docsPatch.resources });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as any).errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["fromVersion", "toVersion"]));
  });
});
