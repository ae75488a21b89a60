/** POST /v1/impact (issue #16 point 2): JSON, the chatops Markdown, probes, and bad input with paths. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";
import { MAX_UPGRADE_MARKDOWN_LINES } from "../core/simulate/upgrade-markdown.js";

const app = createApp();
const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/v1/impact", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

// Scenario e's snapshot (the docs' MeshProxyPatch on 2.14): #1 sets the passthrough connectTimeout to 99s and #2 the
// tcp_proxy idleTimeout to 3h; deleting it brings back Kuma's 5s (DefaultConnectTimeout since 2.6.0) and Envoy's 1h.
const docs = parse(readFileSync(new URL("../../test/scenarios/e-docs-patch-2.14/input.yaml", import.meta.url), "utf8")) as { resources: unknown[] };
const body = { kumaVersion: "2.14", resources: docs.resources, remove: [{ kind: "MeshProxyPatch", name: "custom-mpp-1" }], requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] };

describe("POST /v1/impact", () => {
  it("answers per dataplane what changes, and the what-if it simulated, in JSON", async () => {
    const res = await post(body);
    expect(res.status).toBe(200);
    const out = (await res.json()) as any;
    expect(out.kumaVersion).toBe("2.14.3");
    expect(out.dataplanes.map((d: any) => [d.name, d.changed])).toEqual([["web-01", true]]);
    expect(out.dataplanes[0].resources.changed.first.map((c: any) => c.name)).toEqual(["cluster outbound:passthrough:ipv4", "listener outbound:passthrough:ipv4"]);
    expect(out.dataplanes[0].requests[0].changes.map((c: any) => [c.field, c.before, c.after])).toEqual([
      ["limits.connectTimeout", "99s", "5s"],
      ["limits.idleTimeout", "10800s", "3600s"],
    ]);
    expect(out.whatIf.removed).toEqual([{ kind: "MeshProxyPatch", mesh: "default", name: "custom-mpp-1", path: "remove[0]", resource: "resources[1]" }]);
    expect(out.summary).toMatchObject({ dataplanes: 1, affected: 1, breaking: true });
  });

  it("leads the Markdown with the affected dataplanes, in at most 40 lines", async () => {
    const res = await post(body, { accept: "text/markdown" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/markdown");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(MAX_UPGRADE_MARKDOWN_LINES);
    expect(lines[0]).toBe("**1 of 1 dataplane(s) affected**, **BREAKING** (Kuma 2.14.3)");
    expect(lines[1]).toBe("What-if: removed MeshProxyPatch `custom-mpp-1`");
    expect(lines.join("\n")).toContain("**Affected dataplanes**\n- `web-01`: 0 added, 0 removed, 2 changed resource(s); 3 modification(s) change status; 1 request(s) change");
    expect(lines.join("\n")).toContain("limits.connectTimeout 99s → 5s");
  });

  it("probes the dataplanes a what-if reaches when no requests are given, and lists the probes as assumptions", async () => {
    const { requests: _r, ...noRequests } = body;
    const out = (await (await post(noRequests)).json()) as any;
    // web-01 has no MeshPassthrough, destination or outbound: the unlisted host and its inbound port (probes.ts).
    expect(out.summary.requests).toBe(2);
    expect(out.dataplanes[0].requests.map((r: any) => r.request)).toEqual([{ from: "web-01", to: "http://unlisted.example.com", ip: "203.0.113.10" }]);
    expect(out.assumptions.some((a: string) => a.startsWith("no requests given: probed"))).toBe(true);
  });

  it("answers 400 naming the path of a dataplane, a removal or a field that is not valid", async () => {
    const bad = async (b: unknown) => {
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      return ((await res.json()) as any).errors as { path: string; message: string }[];
    };
    expect((await bad({ ...body, dataplanes: ["web-01", "web-99"] }))[0]).toMatchObject({ path: "dataplanes[1]", message: expect.stringContaining('no Dataplane named "web-99"') });
    expect((await bad({ ...body, remove: [{ kind: "MeshProxyPatch", name: "custom-mpp-2" }] }))[0]).toMatchObject({ path: "remove[0]", message: expect.stringContaining('did you mean "custom-mpp-1"') });
    expect((await bad({ ...body, include: ["everything"] }))[0]!.path).toBe("include[0]");
  });
});
