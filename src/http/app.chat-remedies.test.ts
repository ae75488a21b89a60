/**
 * The upgrade, impact and passthrough-plan chat answers (Accept: text/markdown) keep a message's remedy whole when
 * they shorten it, and escape user text in the values of a change (issue #13 point 5). Expected lines are written
 * from the message texts in the sources named at each case.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { changeText } from "../core/simulate/upgrade-markdown.js";

const app = createApp();
const markdown = async (path: string, body: unknown) => {
  const res = await app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", accept: "text/markdown" } });
  expect(res.status).toBe(200);
  return (await res.text()).trimEnd().split("\n");
};

const DP = { type: "Dataplane", mesh: "default", name: "web-01", networking: { address: "10.0.0.5", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001 } } };
const patch = (modification: unknown) => ({ type: "MeshProxyPatch", mesh: "default", name: "p", spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [modification] } } });

describe("remedies survive shortening", () => {
  it("upgrade: the note on Universal inbound tags (3.0) ends with what to do", async () => {
    // src/core/snapshot/release-fields.ts: the note on 3.0's "Inbound tags removed from Dataplane" closes with the fix.
    const lines = await markdown("/v1/upgrade", { fromVersion: "2.14", toVersion: "3.0", resources: [DP], requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] });
    const note = lines.find((l) => l.startsWith('- ignored: Dataplane "web-01"'));
    expect(note).toBeDefined();
    expect(note!.endsWith("move the tags to the Dataplane's labels and set networking.inbound\\[\\].protocol)")).toBe(true);
  });

  it("impact: a modification that stops applying keeps its 'Use jsonPatches … instead.'", async () => {
    // The what-if replaces p's jsonPatches (applied) with the docs' circuit-breaker value patch, ineffective on 2.14
    // (src/core/policies/meshproxypatch: "… Use jsonPatches (replace /circuitBreakers) instead.").
    const applied = patch({ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "7s" }] } });
    const ineffective = patch({ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, value: "circuit_breakers: { thresholds: [ { max_connections: 2048 } ] }" } });
    const lines = await markdown("/v1/impact", { kumaVersion: "2.14", resources: [DP, applied], patches: [ineffective], requests: [{ from: "web-01", to: "http://example.com", ip: "93.184.216.34" }] });
    const stopped = lines.find((l) => l.startsWith("- `p#0` on `web-01`: applied → **ineffective**: "));
    expect(stopped).toBeDefined();
    expect(stopped!).toContain("…");
    expect(stopped!.endsWith(" Use jsonPatches (replace /circuitBreakers) instead.")).toBe(true);
  });

  it("passthrough-plan: a tcp destination known by name only is told to give its ip, however long the name", async () => {
    // src/core/simulate/passthrough-plan.ts entryFor: "…; give the address it connects to as `ip`".
    const host = `${"a".repeat(60)}.${"b".repeat(60)}.example.com`;
    const lines = await markdown("/v1/passthrough-plan", { kumaVersion: "2.14", resources: [DP], destinations: [{ host, port: 5432, protocol: "tcp" }] });
    const problem = lines.find((l) => l.startsWith("- destinations\\[0\\]: "));
    expect(problem).toBeDefined();
    expect(problem!).toContain("…");
    expect(problem!.endsWith("… give the address it connects to as \\`ip\\`")).toBe(true);
  });
});

describe("user text in changed values", () => {
  it("a cluster or policy name in a change makes no link, HTML or mention", () => {
    expect(changeText({ field: "cluster", before: "[x](http://evil.example)", after: "<b>@here</b>" })).toBe("cluster \\[x\\](http:\u200b//evil.example) → \\<b\\>@\u200bhere\\</b\\>");
    expect(changeText({ field: "limits.connectTimeout", before: "5s", after: null })).toBe("limits.connectTimeout 5s → none");
  });
});
