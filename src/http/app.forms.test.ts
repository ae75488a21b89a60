/** Request shapes the contract promises (ARCHITECTURE.md "The API contract"), each with a positive case. */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createApp } from "./app.js";

const app = createApp();
async function simulate(body: unknown, contentType = "application/json") {
  const res = await app.request("/v1/simulate", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": contentType } });
  const json = (await res.json()) as Record<string, any>;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}
const REQUEST = { to: "http://example.com", ip: "93.184.216.34" };
const meshOff = { type: "Mesh", name: "default", networking: { outbound: { passthrough: false } } };
const k8sDataplane = {
  apiVersion: "kuma.io/v1alpha1",
  kind: "Dataplane",
  mesh: "default",
  metadata: { name: "web-7d9f", namespace: "shop" },
  spec: { networking: { address: "10.1.2.3", inbound: [{ port: 8080, tags: { "kuma.io/service": "web_shop_svc_8080" } }], transparentProxying: { redirectPortInbound: 15006, redirectPortOutbound: 15001, ipFamilyMode: "IPv4" } } },
};

describe("resources", () => {
  it("kind: List items are read like top-level resources (kubectl get -o yaml)", async () => {
    const r = await simulate({ resources: [{ apiVersion: "v1", kind: "List", items: [{ apiVersion: "kuma.io/v1alpha1", kind: "Mesh", metadata: { name: "default" }, spec: { networking: { outbound: { passthrough: false } } } }, k8sDataplane] }], request: REQUEST });
    expect(r.verdict).toBe("blocked");
    expect(r.dataplane).toBe("web-7d9f");
  });
  it("a multi-document YAML string, mixing Universal and Kubernetes forms", async () => {
    const docs = [meshOff, k8sDataplane].map((d) => stringify(d)).join("---\n");
    const r = await simulate({ resources: docs, request: { ...REQUEST, from: "web-7d9f.shop" } });
    expect(r.verdict).toBe("blocked");
    expect(r.reason.code).toBe("no-cluster");
    // ipFamilyMode IPv4: only the IPv4 passthrough set exists.
    expect(r.config.listeners.map((l: { name: string }) => l.name).filter((n: string) => n.includes("passthrough"))).toEqual(["inbound:passthrough:ipv4", "outbound:passthrough:ipv4"]);
  });
  it("known Kuma kinds meshsim does not model are accepted with a warning", async () => {
    const r = await simulate({ resources: [{ type: "MeshRetry", name: "t", mesh: "default", spec: {} }], request: REQUEST });
    expect(r.verdict).toBe("passthrough");
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain("resource-not-modelled");
  });
  it("request.from is required when there are several dataplanes", async () => {
    const dp = (name: string) => ({ type: "Dataplane", mesh: "default", name, networking: { address: "10.0.0.1", inbound: [{ port: 80, tags: { "kuma.io/service": name } }] } });
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ resources: [dp("a"), dp("b")], request: REQUEST }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0]).toEqual({ path: "request.from", message: "required when the snapshot has several dataplanes (a, b)" });
  });
});

describe("request.to", () => {
  it("URL form with explicit port and path; object form with protocol and port", async () => {
    const url = await simulate({ request: { to: "tcp://93.184.216.34:5432" } });
    expect(url.verdict).toBe("passthrough");
    expect(url.trace.join("\n")).toContain("93.184.216.34:5432");
    const obj = await simulate({ request: { to: { ip: "2001:db8::5", port: 8443, protocol: "tls", sni: "api.example.com" } } });
    expect(obj.listener.name).toBe("outbound:passthrough:ipv6");
  });
  it("a host without an IP is simulated as unresolved, with a warning", async () => {
    const r = await simulate({ request: { to: "https://example.com" } });
    expect(r.verdict).toBe("passthrough");
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain("host-unresolved");
  });
  it("loopback destinations never reach the sidecar", async () => {
    const r = await simulate({ request: { to: "http://127.0.0.1:9901" } });
    expect(r.verdict).toBe("direct");
    expect(r.reason.code).toBe("not-captured");
  });
});

describe("include", () => {
  it("returns only the heavy fields asked for", async () => {
    const none = await simulate({ request: REQUEST, include: [] });
    expect(Object.keys(none)).not.toContain("config");
    expect(Object.keys(none)).not.toContain("diff");
    expect(Object.keys(none)).not.toContain("trace");
    const some = await simulate({ request: REQUEST, include: ["diff"] });
    expect(some.diff).toEqual([]);
    expect(some.config).toBeUndefined();
  });
  it("returns the result fields in the contract's order", async () => {
    const r = await simulate({ request: REQUEST });
    expect(Object.keys(r)).toEqual(["kumaVersion", "dataplane", "verdict", "reason", "listener", "filterChain", "route", "cluster", "limits", "policies", "modifications", "warnings", "assumptions", "trace", "config", "diff"]);
  });
});

describe("GET /v1/versions", () => {
  it("lists the supported minors with their differences", async () => {
    const res = await app.request("/v1/versions");
    const body = (await res.json()) as { versions: { minor: string; passthroughConnectTimeout: string; release: string; commit: { sha: string; date: string } | null }[] };
    expect(body.versions.map((v) => v.minor)).toEqual(["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "3.0"]);
    expect(body.versions[0]!.passthroughConnectTimeout).toBe("10s");
    // A tagged release is named by its tag and has no commit (v2.14.3 is the newest 2.14 tag of kumahq/kuma).
    expect(body.versions[9]).toMatchObject({ minor: "2.14", release: "2.14.3", commit: null });
    // No 3.0 tag exists: the row names the 3.0 line's commit (kumahq/kuma 348b6528bc, committed 2026-08-21) as a pre-release.
    expect(body.versions[10]).toMatchObject({
      minor: "3.0",
      release: "3.0.0-dev+348b6528bc",
      commit: { sha: "348b6528bc234b3c4bd7f22ad7c5bf950d6149fc", date: "2026-08-21" },
    });
  });
});

describe("resources as one YAML string holding a list", () => {
  it("a YAML list document is read item by item, with paths into it", async () => {
    const r = await simulate({ resources: "- {type: Mesh, name: default, networking: {outbound: {passthrough: false}}}\n- {type: MeshRetry, name: t, mesh: default, spec: {}}\n", request: REQUEST });
    expect(r.verdict).toBe("blocked");
    const bad = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ resources: "- {type: Mesh, name: default}\n- {type: Nope, name: x}\n", request: REQUEST }), headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].path).toBe("resources[0][1].type");
  });
});

describe("paths into a kind: List inside the resources string", () => {
  it("keep the item path", async () => {
    const res = await app.request("/v1/simulate", { method: "POST", body: JSON.stringify({ resources: "kind: List\nitems:\n  - {type: Mesh, name: default}\n  - {type: Nope, name: x}\n", request: REQUEST }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].path).toBe("resources[0].items[1].type");
  });
});
