/**
 * simulateBatch (`POST /v1/simulate/batch`, docs/usage.md "Batch"): results in request order, each with its
 * expectation outcome; what a dataplane's requests share reported once under `dataplanes`; the summary; `include`
 * (default none); violations collected across requests with their paths.
 */
import { describe, expect, it } from "vitest";
import { simulateBatch } from "./batch.js";
import type { BatchBody } from "./schema.js";
import { mesh, sidecar } from "./simulate.fixtures.js";

const WEB = sidecar("web", "10.0.0.5", "web", 8080);
const API = sidecar("api", "10.0.0.6", "api", 9090);
const BASE = { kumaVersion: "2.14", resources: [mesh(), WEB, API] };

function result(body: BatchBody) {
  const out = simulateBatch(body);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
}

describe("results", () => {
  it("one per request, in order, naming its dataplane; no expectation means null", () => {
    const r = result({ ...BASE, requests: [{ from: "api", to: "tcp://93.184.216.34:443" }, { from: "web", to: "tcp://api.mesh:9090" }] });
    expect(r.kumaVersion).toBe("2.14.3");
    expect(r.results.map((x) => [x.dataplane, x.verdict, x.expectation])).toEqual([
      ["api", "passthrough", null],
      ["web", "mesh", null],
    ]);
  });
  it("a result carries its own fields; trace only when included", () => {
    const body = { ...BASE, requests: [{ from: "web", to: "tcp://93.184.216.34:443" }] };
    const keys = ["dataplane", "verdict", "reason", "listener", "filterChain", "route", "cluster", "limits", "warnings", "assumptions", "expectation"];
    expect(Object.keys(result(body).results[0]!)).toEqual(keys);
    expect(Object.keys(result({ ...body, include: ["trace"] }).results[0]!)).toEqual([...keys.slice(0, -1), "trace", "expectation"]);
  });
});

describe("expectations and the summary", () => {
  it("counts passed and failed; a failed expectation says which field", () => {
    const r = result({
      ...BASE,
      requests: [
        { from: "web", to: "tcp://93.184.216.34:443", expect: { verdict: "passthrough", limits: { connectTimeout: "5s" } } },
        { from: "web", to: "tcp://93.184.216.34:443", expect: { verdict: "mesh" } },
        { from: "api", to: "tcp://web.mesh:8080" },
      ],
    });
    expect(r.results.map((x) => x.expectation)).toEqual([
      { passed: true, failures: [] },
      { passed: false, failures: [{ field: "verdict", expected: "mesh", actual: "passthrough" }] },
      null,
    ]);
    // A request without expectation counts as passed.
    expect(r.summary).toMatchObject({ total: 3, passed: 2, failed: 1 });
  });
});

describe("dataplanes: what a dataplane's requests share, once", () => {
  it("one entry per source dataplane, in order of first use", () => {
    const r = result({ ...BASE, requests: [{ from: "web", to: "tcp://1.2.3.4:1" }, { from: "api", to: "tcp://1.2.3.4:1" }, { from: "web", to: "tcp://1.2.3.4:2" }] });
    expect(Object.keys(r.dataplanes)).toEqual(["web", "api"]);
    expect(Object.keys(r.dataplanes["web"]!)).toEqual(["policies", "modifications", "warnings", "assumptions"]);
  });
  it("include adds trace, config and diff to each dataplane", () => {
    const r = result({ ...BASE, requests: [{ from: "web", to: "tcp://1.2.3.4:1" }], include: ["config", "diff", "trace"] });
    expect(Object.keys(r.dataplanes["web"]!)).toEqual(["policies", "modifications", "warnings", "assumptions", "trace", "config", "diff"]);
    expect(r.dataplanes["web"]!.trace![0]).toBe("Kuma 2.14.3, dataplane web in mesh default");
  });
  it("the call's assumptions are the dataplane's, not repeated per result", () => {
    const r = result({ resources: [mesh(), WEB], requests: [{ to: "tcp://1.2.3.4:1" }] });
    expect(r.dataplanes["web"]!.assumptions).toContain("kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows");
    expect(r.results[0]!.assumptions).not.toContain("kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows");
  });
});

describe("violations", () => {
  it("are collected from every request with its path; nothing else is answered", () => {
    const out = simulateBatch({ ...BASE, requests: [{ from: "nope", to: "tcp://1.2.3.4:1" }, { from: "web", to: "tcp://1.2.3.4:1" }, { from: "web", to: "ftp://x" }] });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.errors.map((e) => e.path)).toEqual(["requests[0].from", "requests[2].to"]);
  });
  it("stop at 20", () => {
    const out = simulateBatch({ ...BASE, requests: Array.from({ length: 25 }, () => ({ from: "nope", to: "tcp://1.2.3.4:1" })) });
    expect(!out.ok && out.errors.length).toBe(20);
    expect(!out.ok && out.errors[19]!.path).toBe("requests[19].from");
  });
  it("a bad version or snapshot fails the whole call", () => {
    expect(simulateBatch({ kumaVersion: "3.1", requests: [{ to: "tcp://1.2.3.4:1" }] })).toMatchObject({ ok: false, errors: [{ path: "kumaVersion" }] });
  });
});

describe("dataplanes that share a name", () => {
  it("each keeps its own entry and proxy: the answer qualifies the name with its namespace", () => {
    const dp = (namespace: string, address: string) => ({
      apiVersion: "kuma.io/v1alpha1",
      kind: "Dataplane",
      mesh: "default",
      metadata: { name: "web", namespace },
      spec: { networking: { address, inbound: [{ port: 8080, tags: { "kuma.io/service": `web_${namespace}_svc_8080` } }] } },
    });
    const r = result({
      kumaVersion: "2.14",
      resources: [mesh(), dp("team-a", "10.1.0.1"), dp("team-b", "10.1.0.2")],
      requests: [
        { from: "web.team-a", to: "tcp://93.184.216.34:443" },
        { from: "web.team-b", to: "tcp://93.184.216.34:443" },
      ],
    });
    expect(r.results.map((x) => x.dataplane)).toEqual(["web.team-a", "web.team-b"]);
    expect(Object.keys(r.dataplanes)).toEqual(["web.team-a", "web.team-b"]);
  });
});

describe("inbound requests", () => {
  it("can expect the inbound verdict `accepted` (mTLS off: Kuma's inbound listener takes a plaintext client)", () => {
    // kumahq/kuma@v2.14.3 pkg/xds/generator/inbound_proxy_generator.go: with mesh mTLS off the inbound listener has
    // one plaintext filter chain for the service, so a plaintext client is accepted.
    const r = result({
      ...BASE,
      requests: [
        { to: "http://10.0.0.5:8080", direction: "inbound", client: { kind: "plaintext" }, expect: { verdict: "accepted" } },
        { to: "http://10.0.0.5:8080", direction: "inbound", client: { kind: "plaintext" }, expect: { verdict: "blocked" } },
      ],
    });
    expect(r.results.map((x) => x.expectation)).toEqual([
      { passed: true, failures: [] },
      { passed: false, failures: [{ field: "verdict", expected: "blocked", actual: "accepted" }] },
    ]);
  });
});
