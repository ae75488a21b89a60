/**
 * The Slack form (`?format=slack`): Block Kit JSON with mrkdwn text (Slack's Block Kit reference: section text up to
 * 3000 characters, up to 10 fields, up to 50 blocks), escaped as Slack's formatting guide asks (&, <, > as entities).
 */
import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../core/simulate/result.js";
import { createApp } from "./app.js";
import { batchSlack, simulationSlack, slackText } from "./slack.js";

const base: SimulationResult = {
  kumaVersion: "2.14.3",
  dataplane: "web-1",
  verdict: "passthrough",
  reason: { code: "passthrough", message: "leaves the mesh" },
  listener: { name: "outbound:passthrough:ipv4", address: "0.0.0.0:15001" },
  filterChain: { index: 0, name: null },
  route: null,
  cluster: { name: "outbound:passthrough:ipv4", type: "ORIGINAL_DST" },
  limits: { connectTimeout: { value: "5s", source: "kuma" } },
  policies: [],
  modifications: [{ source: "p#0", policy: "p", policyIndex: 0, index: 0, kind: "cluster", operation: "Patch", status: "ineffective", matched: [], hints: [], message: "Envoy reads only the first threshold. Use jsonPatches (replace /circuitBreakers) instead." }],
  warnings: [{ code: "envoy-nack", message: "<!channel> & <http://evil|click> @here" }],
  assumptions: [],
};

describe("simulationSlack", () => {
  it("the same facts as the Markdown form, as mrkdwn blocks", () => {
    const m = simulationSlack(base);
    expect(m.text).toBe("PASSTHROUGH: leaves the mesh");
    expect(m.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*PASSTHROUGH*: leaves the mesh" } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Kuma 2.14.3 · dataplane `web-1` · listener `outbound:passthrough:ipv4` → chain #0 → cluster `outbound:passthrough:ipv4` (ORIGINAL_DST)" }] },
      { type: "section", fields: [{ type: "mrkdwn", text: "*connect timeout*\n5s · `kuma`" }] },
      { type: "section", text: { type: "mrkdwn", text: "*Modifications*\n• `p#0` cluster Patch: *ineffective*: Envoy reads only the first threshold.\n↳ Use jsonPatches (replace /circuitBreakers) instead." } },
      { type: "section", text: { type: "mrkdwn", text: "*Warnings*\n• `envoy-nack` &lt;!channel&gt; &amp; &lt;http://evil|click&gt; @\u200bhere" } },
    ]);
  });
  it("a warning about a modification whose entry does not carry its text is listed whole, remedy on its own line", () => {
    const w = { code: "kuma-ignores-zero" as const, message: "p#0: value.ignore_health_on_host_removal is set to its zero value, which Kuma's proto merge ignores (use jsonPatches to zero a field)" };
    const m = simulationSlack({ ...base, modifications: [{ ...base.modifications[0]!, status: "applied", message: undefined }], warnings: [w] });
    expect(m.blocks.at(-1)).toEqual({ type: "section", text: { type: "mrkdwn", text: "*Warnings*\n• `kuma-ignores-zero` p#0: value.ignore_health_on_host_removal is set to its zero value, which Kuma's proto merge ignores\n↳ (use jsonPatches to zero a field)" } });
  });
  it("escapes &, < and > so user text makes no mention, link or channel ping", () => {
    expect(slackText("<@U123> <!here> a&b")).toBe("&lt;@\u200bU123&gt; &lt;!here&gt; a&amp;b");
  });
  it("stays within Slack's limits for a large batch", () => {
    const results = Array.from({ length: 2000 }, () => ({ ...base, expectation: null }));
    const m = batchSlack({ kumaVersion: "2.14.3", results, dataplanes: {}, summary: { total: 0, passed: 0, failed: 0, modifications: { applied: 0, "no-match": 0, ineffective: 0, failed: 0, skipped: 0, rejected: 0 }, warnings: {} } }, results.map((_, i) => `http://h${i}.example.com`));
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    for (const b of m.blocks) if ("text" in b) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(m.blocks.at(-1))).toContain("more (ask for JSON)");
  });
});

describe("?format=slack", () => {
  it("answers the simulation and the batch as Block Kit JSON", async () => {
    const app = createApp();
    const post = (path: string, body: unknown) => app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    const one = await post("/v1/simulate?format=slack", { request: { to: "http://example.com", ip: "93.184.216.34" } });
    expect(one.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await one.json()) as { text: string; blocks: { type: string }[] };
    expect(body.text.startsWith("PASSTHROUGH: ")).toBe(true);
    expect(body.blocks[0]!.type).toBe("section");
    const batch = await post("/v1/simulate/batch?format=slack", { requests: [{ to: "http://example.com", ip: "93.184.216.34", expect: { verdict: "passthrough" } }] });
    expect(((await batch.json()) as { text: string }).text).toBe("PASS: 1/1 expectations hold");
  });
});
