/**
 * simulate (`POST /v1/simulate`): the answer's fields in the contract's order (docs/usage.md "The answer"), what
 * `include` adds, how the dataplane's shared facts and the request's own are joined, and that the call is pure.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "./simulate.js";
import type { SimulateBody } from "./schema.js";
import { mesh, sidecar } from "./simulate.fixtures.js";

const WEB = sidecar("web", "10.0.0.5", "web", 8080);
const PATCH = {
  type: "MeshProxyPatch",
  mesh: "default",
  name: "ct",
  spec: { default: { appendModifications: [{ cluster: { operation: "Patch", match: { name: "outbound:passthrough:ipv4" }, value: "connectTimeout: 7s" } }] } },
};

function result(body: SimulateBody) {
  const out = simulate(body);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
}
const OUT: SimulateBody = { kumaVersion: "2.14", resources: [mesh(), WEB], request: { to: "tcp://93.184.216.34:443" } };
const HEAD = ["kumaVersion", "dataplane", "verdict", "reason"];
const PATH = ["listener", "filterChain", "route", "cluster", "limits", "policies", "modifications", "warnings", "assumptions"];

describe("field order", () => {
  it("outbound, everything included: … assumptions, trace, config, diff", () => {
    expect(Object.keys(result(OUT))).toEqual([...HEAD, ...PATH, "trace", "config", "diff"]);
  });
  it("inbound: `how` right after reason", () => {
    const r = result({ ...OUT, request: { to: "http://10.0.0.5:8080", direction: "inbound" } });
    expect(Object.keys(r)).toEqual([...HEAD, "how", ...PATH, "trace", "config", "diff"]);
  });
  it("the head names the release simulated and the dataplane", () => {
    const r = result({ ...OUT, kumaVersion: "2.13.4" });
    expect([r.kumaVersion, r.dataplane]).toEqual(["2.13.4", "web"]);
  });
});

describe("include", () => {
  it("[]: none of trace, config, diff", () => {
    expect(Object.keys(result({ ...OUT, include: [] }))).toEqual([...HEAD, ...PATH]);
  });
  it("each alone adds only itself", () => {
    expect(Object.keys(result({ ...OUT, include: ["trace"] })).slice(-1)).toEqual(["trace"]);
    expect(Object.keys(result({ ...OUT, include: ["config"] })).slice(-2)).toEqual(["assumptions", "config"]);
    expect(Object.keys(result({ ...OUT, include: ["diff"] })).slice(-2)).toEqual(["assumptions", "diff"]);
  });
  it("config is {listeners, clusters}; diff is empty without MeshProxyPatch and shows what it changed", () => {
    const plain = result({ ...OUT, include: ["config", "diff"] });
    expect(Object.keys(plain.config!)).toEqual(["listeners", "clusters"]);
    expect(plain.diff).toEqual([]);
    const patched = result({ ...OUT, resources: [mesh(), WEB, PATCH], include: ["diff"] });
    expect(patched.diff).toHaveLength(1);
    expect(patched.diff![0]).toMatchObject({ op: "replace", value: "7s" });
    expect(patched.diff![0]!.path.endsWith("/connectTimeout")).toBe(true);
  });
  it("trace: the dataplane's generation first, then the request's walk", () => {
    const r = result({ ...OUT, include: ["trace"] });
    expect(r.trace![0]).toBe("Kuma 2.14.3, dataplane web in mesh default");
    expect(r.trace![r.trace!.length - 1]).toContain("outbound:passthrough:ipv4");
  });
});

describe("joining the dataplane's facts and the request's", () => {
  it("warnings: the snapshot's and the generation's before the request's", () => {
    const trace = { type: "MeshTrace", mesh: "default", name: "all", spec: {} };
    const r = result({ ...OUT, resources: [mesh(), WEB, trace], request: { to: "tcp://unknown.example:443" } });
    const codes = r.warnings.map((w) => w.code);
    expect(codes[0]).toBe("resource-not-modelled");
    expect(codes.indexOf("resource-not-modelled")).toBeLessThan(codes.indexOf("host-unresolved"));
  });
  it("assumptions: the call's (version), then the dataplane's (no Dataplane, no Mesh), then the request's", () => {
    const r = result({ request: { to: "tcp://93.184.216.34:443" } });
    expect(r.assumptions[0]).toBe("kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows");
    expect(r.assumptions[1]!.startsWith("no Dataplane in the snapshot")).toBe(true);
    expect(r.assumptions[2]!.startsWith('no Mesh "default"')).toBe(true);
  });
  it("policies and modifications come from the dataplane", () => {
    const r = result({ ...OUT, resources: [mesh(), WEB, PATCH] });
    expect(r.policies.map((p) => [p.kind, p.name])).toEqual([["MeshProxyPatch", "ct"]]);
    expect(r.modifications).toHaveLength(1);
  });
});

describe("errors and purity", () => {
  it("returns the violations of prepare and of the request", () => {
    expect(simulate({ kumaVersion: "1.0", request: { to: "tcp://1.2.3.4:1" } })).toMatchObject({ ok: false, errors: [{ path: "kumaVersion" }] });
    expect(simulate({ ...OUT, request: { from: "nope", to: "tcp://1.2.3.4:1" } })).toMatchObject({ ok: false, errors: [{ path: "request.from" }] });
  });
  it("does not mutate its input, and answers the same bytes twice", () => {
    const body = structuredClone({ ...OUT, resources: [mesh(), WEB, PATCH] }) as SimulateBody;
    const before = JSON.stringify(body);
    const a = JSON.stringify(simulate(body));
    expect(JSON.stringify(body)).toBe(before);
    expect(JSON.stringify(simulate(body))).toBe(a);
  });
});
