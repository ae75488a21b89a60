/** POST /v1/passthrough-plan (issue #16 point 3): JSON, YAML bodies, the chat Markdown, bad input and the guards. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "./app.js";
import { MAX_PLAN_MARKDOWN_LINES } from "../core/simulate/passthrough-plan-markdown.js";

const app = createApp();
const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/v1/passthrough-plan", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });

// The issue's case (src/core/simulate/passthrough-plan-cases/a-...): 5 destinations, 3 covered by a what-if
// MeshPassthrough, 2 planned.
const issueCase = (parse(readFileSync(new URL("../core/simulate/passthrough-plan-cases/a-mesh-passthrough-false-five-destinations-2.14.yaml", import.meta.url), "utf8")) as { body: Record<string, unknown> }).body;

describe("POST /v1/passthrough-plan", () => {
  it("answers blocked, the plan in both forms and the proof, in JSON", async () => {
    const res = await post(issueCase);
    expect(res.status).toBe(200);
    const out = (await res.json()) as any;
    expect(out.blocked.map((b: any) => b.destination.input)).toEqual(["destinations[3]", "destinations[4]"]);
    expect(out.meshPassthrough.universal).toContain("value: api.stripe.com");
    expect(out.meshPassthrough.kubernetes).toContain("namespace: kuma-system");
    expect(out.proof.map((p: any) => `${p.before}>${p.after}`)).toEqual(["passthrough>passthrough", "passthrough>passthrough", "passthrough>passthrough", "blocked>passthrough", "blocked>passthrough"]);
    expect(out.summary).toMatchObject({ blocked: 2, stillBlocked: 0, covered: true });
  });

  it("takes a YAML body and answers the same bytes as for JSON", async () => {
    const { stringify } = await import("yaml");
    const yaml = await (await app.request("/v1/passthrough-plan", { method: "POST", body: stringify(issueCase), headers: { "content-type": "application/yaml" } })).text();
    expect(yaml).toBe(await (await post(issueCase)).text());
  });

  it("leads the Markdown with the outcome and shows the Universal YAML, in at most 40 lines", async () => {
    const res = await post(issueCase, { accept: "text/markdown" });
    expect(res.headers.get("content-type")).toContain("text/markdown");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(MAX_PLAN_MARKDOWN_LINES);
    expect(lines[0]).toBe("**SAFE WITH PLAN** (Kuma 2.14.3, 5 destination(s) from 1 dataplane(s)): 2 would be blocked; MeshPassthrough `passthrough-plan` (2 entries) keeps every one working, proven by re-simulation");
    expect(lines).toContain("        value: api.stripe.com");
    expect(lines).toContain("        value: 198.51.100.7");
  });

  it("escapes user text in the Markdown: a hostname cannot make a link or a mention", async () => {
    const res = await post({ kumaVersion: "2.7", destinations: [{ host: "evil.example.com", ip: "203.0.113.9", port: 443, protocol: "tls" }] }, { accept: "text/markdown" });
    const text = await res.text();
    expect(text.split("\n")[0]).toMatch(/^\*\*NO PLAN\*\* \(Kuma 2\.7\.29/);
    expect(text).toContain("`tls://evil.example.com:443 (203.0.113.9)`");
  });

  it("answers 400 naming destinations[i] and what a line must look like", async () => {
    const res = await post({ destinations: [{ ip: "198.51.100.7", port: 6379 }, "not a log line"] });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const p = (await res.json()) as any;
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0].path).toBe("destinations[1]");
    expect(p.errors[0].message).toContain("Kuma's default access-log format");
  });

  it("answers 400 for a body without destinations, or with a protocol MeshPassthrough has no entry for", async () => {
    const none = (await (await post({ resources: [] })).json()) as any;
    expect(none.errors[0].path).toBe("destinations");
    const udp = (await (await post({ destinations: [{ ip: "198.51.100.7", port: 53, protocol: "udp" }] })).json()) as any;
    expect(udp.errors[0].path).toBe("destinations[0].protocol");
  });

  it("takes remove like every snapshot body, and lists it in whatIf", async () => {
    const [mesh, allowlist] = issueCase["patches"] as unknown[];
    const body = { ...issueCase, resources: [...(issueCase["resources"] as unknown[]), allowlist], patches: [mesh], remove: [{ kind: "MeshPassthrough", name: "egress-allowlist" }] };
    const out = (await (await post(body)).json()) as any;
    // Today (resources, with the Matched allowlist) lets out only its 3 destinations; the other 2 are blocked today
    // already. Once removed, the 3 need entries of their own.
    expect(out.blocked.map((b: any) => b.destination.input)).toEqual(["destinations[0]", "destinations[1]", "destinations[2]"]);
    expect(out.notNeeded.map((n: any) => `${n.destination.input} ${n.status}`)).toEqual(["destinations[3] blocked-today", "destinations[4] blocked-today"]);
    expect(out.whatIf.removed.map((r: any) => `${r.kind} ${r.name}`)).toEqual(["MeshPassthrough egress-allowlist"]);
  });
});

describe("POST /v1/passthrough-plan rate limit", () => {
  it("charges its destinations as a batch's requests: 250 destinations are 3 units", async () => {
    const calls: string[] = [];
    const limiter = { async limit({ key }: { key: string }) { calls.push(key); return { success: calls.length <= 3 }; } };
    const destinations = Array.from({ length: 250 }, (_, i) => ({ ip: `198.51.100.${(i % 250) + 1}`, port: 6379 }));
    const req = () => app.request("/v1/passthrough-plan", { method: "POST", body: JSON.stringify({ kumaVersion: "2.7", destinations }), headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.9" } }, { RATE_LIMITER: limiter, RATE_LIMIT_REQUESTS: "3", RATE_LIMIT_PERIOD: "10" });
    expect((await req()).status).toBe(200);
    expect(calls.length).toBe(3);
    expect((await req()).status).toBe(429);
  });
});
