/**
 * Policy selection and ordering (kuma `pkg/plugins/policies/core/matchers/dataplane.go`, SortByTargetRef;
 * kind ranks in `api/common/v1alpha1/targetref.go` @ v2.14.3).
 */
import { describe, expect, it } from "vitest";
import { effectiveTargetRef, selectsDataplane, sortPolicies } from "./target-ref.js";
import { type TargetRef } from "../model/target-ref.js";
import type { PolicyResource, PolicyRole } from "../model/policy.js";
import { dataplaneModel } from "../snapshot/dataplane.js";

function policy(name: string, targetRef: TargetRef | undefined, opts: { role?: PolicyRole; labels?: Record<string, string> } = {}): PolicyResource & { ref: TargetRef } {
  return {
    envelope: { kind: "MeshProxyPatch", name, mesh: "default", form: "universal", namespace: undefined, labels: opts.labels ?? {}, spec: {}, specPath: "", path: "", status: undefined },
    spec: {},
    role: opts.role ?? "system",
    whatIf: false,
    ref: effectiveTargetRef(targetRef),
  };
}
const order = (ps: ReturnType<typeof policy>[]) => sortPolicies(ps, (p) => (p as ReturnType<typeof policy>).ref).map((p) => p.envelope.name);

describe("sortPolicies: least specific first, the smallest name last among equals", () => {
  it("kind rank Mesh < Dataplane < MeshSubset < MeshService < MeshServiceSubset", () => {
    expect(
      order([
        policy("e", { kind: "MeshServiceSubset", name: "web", tags: { v: "1" } }),
        policy("d", { kind: "MeshService", name: "web" }),
        policy("c", { kind: "MeshSubset", tags: { v: "1" } }),
        policy("b", { kind: "Dataplane" }),
        policy("a", undefined),
      ]),
    ).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("reverse lexicographic names: the alphabetically smallest comes last and wins", () => {
    expect(order([policy("alpha", undefined), policy("gamma", undefined), policy("beta", undefined)])).toEqual(["gamma", "beta", "alpha"]);
  });
  it("kuma.io/display-name is the name that counts", () => {
    expect(order([policy("z.ns", undefined, { labels: { "kuma.io/display-name": "a" } }), policy("b", undefined)])).toEqual(["b", "z.ns"]);
  });
  it("origin global < unset < zone, then role system < producer < consumer < workload-owner", () => {
    expect(order([policy("z1", undefined, { labels: { "kuma.io/origin": "zone" } }), policy("g1", undefined, { labels: { "kuma.io/origin": "global" } }), policy("u1", undefined)])).toEqual(["g1", "u1", "z1"]);
    expect(order([policy("w", undefined, { role: "workload-owner" }), policy("s", undefined, { role: "system" }), policy("p", undefined, { role: "producer" })])).toEqual(["s", "p", "w"]);
  });
  it("Dataplane: labels before name, without sectionName before with it", () => {
    expect(order([policy("a", { kind: "Dataplane", name: "web-01" }), policy("b", { kind: "Dataplane", labels: { app: "web" } })])).toEqual(["b", "a"]);
  });
});

describe("selectsDataplane", () => {
  const dp = dataplaneModel("web-01", "default", { app: "web", "k8s.kuma.io/namespace": "shop" }, {
    networking: { address: "10.0.0.1", inbound: [{ port: 80, tags: { "kuma.io/service": "web", version: "v1" } }] },
  } as never);
  const noInbound = dataplaneModel("bare", "default", {}, { networking: { address: "10.0.0.2" } } as never);
  it("Mesh, MeshSubset, Dataplane (name, labels, none), MeshService, MeshServiceSubset", () => {
    expect(selectsDataplane({ kind: "Mesh" }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "MeshSubset", tags: { version: "v1" } }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "MeshSubset", tags: { version: "v2" } }, dp, undefined, "system")).toBe(false);
    expect(selectsDataplane({ kind: "Dataplane", name: "web-01" }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "Dataplane", name: "other" }, dp, undefined, "system")).toBe(false);
    expect(selectsDataplane({ kind: "Dataplane", labels: { app: "web" } }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "Dataplane" }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "MeshService", name: "web" }, dp, undefined, "system")).toBe(true);
    expect(selectsDataplane({ kind: "MeshServiceSubset", name: "web", tags: { version: "v2" } }, dp, undefined, "system")).toBe(false);
  });
  it("a policy attaches through inbounds: a dataplane without inbounds gets none", () => {
    expect(selectsDataplane({ kind: "Mesh" }, noInbound, undefined, "system")).toBe(false);
  });
  it("workload-owner policies apply only in their own namespace (dppSelectedByNamespace)", () => {
    expect(selectsDataplane({ kind: "Mesh" }, dp, "shop", "workload-owner")).toBe(true);
    expect(selectsDataplane({ kind: "Mesh" }, dp, "other", "workload-owner")).toBe(false);
    expect(selectsDataplane({ kind: "Mesh" }, dp, "kuma-system", "system")).toBe(true);
  });
  it("proxyTypes filters Mesh refs", () => {
    expect(selectsDataplane({ kind: "Mesh", proxyTypes: ["Gateway"] }, dp, undefined, "system")).toBe(false);
  });
});
