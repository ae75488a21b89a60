/**
 * Issue #14 point 4: long lists come as their first 20 names and a count, whole on `include: [..., full]` or
 * `?full=1`, and nothing of the answer becomes unreachable. The scenario: one MeshPassthrough with 25 HTTP
 * domains (`web00` … `web24`, port 80), so Kuma 2.14 adds one ORIGINAL_DST cluster per domain, named
 * `meshpassthrough_http_<domain>_<port>` (kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough/plugin/xds/configurer.go),
 * and one MeshProxyPatch cluster modification matching `origin: meshpassthrough`, which matches all 25.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";

const app = createApp();
const post = (path: string, body: unknown) => app.request(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

const TP = { redirectPortInbound: 15006, redirectPortOutbound: 15001 };
const DOMAINS = Array.from({ length: 25 }, (_, i) => `web${String(i).padStart(2, "0")}.example.org`);
const RESOURCES = [
  { type: "Mesh", name: "default" },
  { type: "Dataplane", mesh: "default", name: "web", networking: { address: "10.0.0.1", inbound: [{ port: 8080, tags: { "kuma.io/service": "web" } }], transparentProxying: TP } },
  {
    type: "MeshPassthrough",
    mesh: "default",
    name: "egress",
    spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch: DOMAINS.map((value) => ({ type: "Domain", value, port: 80, protocol: "http" })) } },
  },
  {
    type: "MeshProxyPatch",
    mesh: "default",
    name: "mpp",
    spec: { targetRef: { kind: "Mesh" }, default: { appendModifications: [{ cluster: { operation: "Patch", match: { origin: "meshpassthrough" }, jsonPatches: [{ op: "replace", path: "/connectTimeout", value: "7s" }] } }] } },
  },
];
const REQUEST = { to: "http://web03.example.org", ip: "93.184.216.34" };

// Every name written out from the scenario: the 25 clusters in name order (zero-padded, so also domain order).
const CLUSTERS = DOMAINS.map((d) => `meshpassthrough_http_${d}_80`);
const MATCHED = CLUSTERS.map((c) => `cluster ${c}`);
const ADDED = "MeshPassthrough: added 25 ORIGINAL_DST clusters (origin meshpassthrough): ";
const CHANGED = "MeshProxyPatch mpp#0 (cluster Patch) changed ";
const MORE = '… and 5 more (include "full" lists all 25)';

interface Mod {
  readonly source: string;
  readonly matched: readonly string[];
  readonly matchedCount?: number;
}
interface Answer {
  readonly verdict: string;
  readonly modifications: readonly Mod[];
  readonly trace: readonly string[];
  readonly limits: { readonly connectTimeout?: { readonly value: string; readonly source: string } };
}
interface Batch {
  readonly dataplanes: Readonly<Record<string, { readonly modifications: readonly Mod[]; readonly trace?: readonly string[] }>>;
}

describe("long lists: the first 20 and a count unless asked for whole", () => {
  it("by default a modification's matched holds its first 20 names and matchedCount follows it with 25", async () => {
    const res = await post("/v1/simulate", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST });
    expect(res.status).toBe(200);
    const a = (await res.json()) as Answer;
    expect(a.verdict).toBe("passthrough");
    expect(a.limits.connectTimeout).toEqual({ value: "7s", source: "mpp#0" });
    expect(a.modifications).toHaveLength(1);
    const m = a.modifications[0]!;
    expect(m.matched).toEqual(MATCHED.slice(0, 20));
    expect(m.matched.at(-1)).toBe("cluster meshpassthrough_http_web19.example.org_80");
    expect(m.matchedCount).toBe(25);
    expect(Object.keys(m)).toEqual(["source", "policy", "policyIndex", "index", "kind", "operation", "status", "matched", "matchedCount", "hints"]);
  });

  it("by default a trace line's list names its first 20 and how many more", async () => {
    const a = (await (await post("/v1/simulate", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST })).json()) as Answer;
    expect(a.trace).toContain(`${ADDED}${CLUSTERS.slice(0, 20).join(", ")}, ${MORE}`);
    expect(a.trace).toContain(`${CHANGED}${MATCHED.slice(0, 20).join("; ")}; ${MORE}`);
    expect(a.trace.some((l) => l.includes("web20.example.org"))).toBe(false);
  });

  it("?full=1 and include full answer every name, with no count field, and the same bytes as each other", async () => {
    const byQuery = await (await post("/v1/simulate?full=1", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST })).text();
    const byInclude = await (await post("/v1/simulate", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST, include: ["config", "diff", "trace", "full"] })).text();
    expect(byQuery).toBe(byInclude);
    const a = JSON.parse(byQuery) as Answer;
    expect(a.modifications[0]!.matched).toEqual(MATCHED);
    expect(a.modifications[0]).not.toHaveProperty("matchedCount");
    expect(a.trace).toContain(`${ADDED}${CLUSTERS.join(", ")}`);
    expect(a.trace).toContain(`${CHANGED}${MATCHED.join("; ")}`);
  });

  it("the full answer is the default answer with only the long lists completed: nothing else differs", async () => {
    const cut = (await (await post("/v1/simulate", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST })).json()) as Answer;
    const full = await (await post("/v1/simulate?full=true", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST })).text();
    const { matchedCount: _count, ...mod } = cut.modifications[0]!;
    const completed = {
      ...cut,
      modifications: [{ ...mod, matched: MATCHED }],
      trace: cut.trace.map((l) => (l.startsWith(ADDED) ? `${ADDED}${CLUSTERS.join(", ")}` : l.startsWith(CHANGED) ? `${CHANGED}${MATCHED.join("; ")}` : l)),
    };
    expect(JSON.stringify(completed)).toBe(full);
  });

  it("a batch cuts its dataplanes' modifications and trace the same way, and ?full=1 completes them", async () => {
    const body = { kumaVersion: "2.14", resources: RESOURCES, requests: [REQUEST], include: ["trace"] };
    const cut = (await (await post("/v1/simulate/batch", body)).json()) as Batch;
    expect(cut.dataplanes["web"]!.modifications[0]!.matchedCount).toBe(25);
    expect(cut.dataplanes["web"]!.modifications[0]!.matched).toEqual(MATCHED.slice(0, 20));
    expect(cut.dataplanes["web"]!.trace).toContain(`${CHANGED}${MATCHED.slice(0, 20).join("; ")}; ${MORE}`);
    const full = (await (await post("/v1/simulate/batch?full=1", body)).json()) as Batch;
    expect(full.dataplanes["web"]!.modifications[0]!.matched).toEqual(MATCHED);
    expect(full.dataplanes["web"]!.modifications[0]).not.toHaveProperty("matchedCount");
    expect(full.dataplanes["web"]!.trace).toContain(`${CHANGED}${MATCHED.join("; ")}`);
    // include: [full] alone asks for no heavy field, only whole lists.
    const onlyFull = (await (await post("/v1/simulate/batch", { ...body, include: ["full"] })).json()) as Batch;
    expect(onlyFull.dataplanes["web"]!.modifications[0]!.matched).toHaveLength(25);
    expect(onlyFull.dataplanes["web"]).not.toHaveProperty("trace");
  });

  it("a list of exactly 20 names is answered whole, with no count", async () => {
    const twenty = RESOURCES.map((r) =>
      r.type === "MeshPassthrough" ? { ...r, spec: { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch: DOMAINS.slice(0, 20).map((value) => ({ type: "Domain", value, port: 80, protocol: "http" })) } } } : r,
    );
    const text = await (await post("/v1/simulate", { kumaVersion: "2.14", resources: twenty, request: REQUEST })).text();
    const a = JSON.parse(text) as Answer;
    expect(a.modifications[0]!.matched).toEqual(MATCHED.slice(0, 20));
    expect(a.modifications[0]).not.toHaveProperty("matchedCount");
    expect(text).not.toContain("more (include");
    expect(await (await post("/v1/simulate?full=1", { kumaVersion: "2.14", resources: twenty, request: REQUEST })).text()).toBe(text);
  });

  it("?full with another value is a 400 naming the parameter and what to write", async () => {
    const res = await post("/v1/simulate?full=yes", { kumaVersion: "2.14", resources: RESOURCES, request: REQUEST });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(p.errors).toEqual([{ path: "?full", message: 'expected 1 or true (every long list whole; 0, false or no parameter: the first 20 names and a count), got "yes"' }]);
    expect((await post("/v1/simulate/batch?full=2", { kumaVersion: "2.14", resources: RESOURCES, requests: [REQUEST] })).status).toBe(400);
  });
});
