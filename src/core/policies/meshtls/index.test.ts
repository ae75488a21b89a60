/**
 * The MeshTLS definition the pipeline reads: kind, first release, plugin order, when the plugin runs, and the
 * targetRef kinds its validator admits per release (kumahq/kuma `pkg/plugins/policies/meshtls` absent at 2.8.8 and
 * present at 2.9.0; `api/v1alpha1/validator.go` validateTop at 2.9.19 and 2.10.0; `zz_generated.resource.go` and
 * `plugin/v1alpha1/plugin.go` @ v2.14.3), retyped by hand.
 */
import { describe, expect, it } from "vitest";
import { meshTls } from "./index.js";
import { features } from "../../model/versions.js";

const kinds = (release: Parameters<typeof features>[0], role: "system" | "workload-owner") => meshTls.api!.targetKinds(features(release), role);

describe("meshTls definition", () => {
  it("is the MeshTLS kind, introduced in 2.9.0", () => {
    // pkg/plugins/policies/meshtls: absent at tag 2.8.8, present at 2.9.0.
    expect(meshTls.kind).toBe("MeshTLS");
    expect(meshTls.since).toBe("2.9.0");
    expect(meshTls.removedIn).toBeUndefined();
  });
  it("runs at order 300, only when a policy selects the proxy, and reports no modifications", () => {
    // zz_generated.resource.go @ v2.14.3 Order: 300; plugin.go Apply returns nil without FromRules / GatewayRules (or a workload identity).
    expect(meshTls.order).toBe(300);
    expect(meshTls.runsWithoutPolicies).toBe(false);
    expect(meshTls.reports).toEqual([]);
    expect(meshTls.plugin).toBeDefined();
  });
  it("admits Mesh and MeshSubset up to 2.9.19, and Dataplane from 2.10.0, for every role", () => {
    // validator.go validateTop @ 2.9.19: {Mesh, MeshSubset}; @ 2.10.0: {Mesh, MeshSubset, Dataplane}; no switch on role.
    expect(kinds("2.9.0", "workload-owner")).toEqual(["Mesh", "MeshSubset"]);
    expect(kinds("2.9.19", "system")).toEqual(["Mesh", "MeshSubset"]);
    expect(kinds("2.10.0", "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
    expect(kinds("2.14", "system")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
  });
  it("has no targetKinds row before it exists", () => {
    // The kind starts at 2.9.0; the snapshot refuses it on 2.8.
    expect(() => kinds("2.8", "workload-owner")).toThrow();
  });
  it("reads the top-level targetRef, and none when it is omitted", () => {
    // meshtls.go: MeshTLS.TargetRef is optional (validator.go treats nil as Mesh).
    const api = meshTls.api!;
    expect(api.targetRef(api.specSchema.parse({ targetRef: { kind: "MeshSubset", tags: { app: "a" } }, from: [] }))).toEqual({ kind: "MeshSubset", tags: { app: "a" } });
    expect(api.targetRef(api.specSchema.parse({ from: [] }))).toBeUndefined();
  });
  it("validate checks the targetRef against the kinds in its context", () => {
    // validator.go: validateTop → mesh.ValidateTargetRef(SupportedKinds) at spec.targetRef.kind.
    const api = meshTls.api!;
    const spec = api.specSchema.parse({ targetRef: { kind: "Dataplane", name: "web-1" }, from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Strict" } }] });
    const ctx = (release: "2.9.19" | "2.10.0") => ({ features: features(release), role: "workload-owner" as const, path: "spec", targetKinds: kinds(release, "workload-owner") });
    const refused = api.validate(spec, ctx("2.9.19"));
    expect(refused.map((v) => v.path)).toEqual(["spec.targetRef.kind"]);
    expect(refused[0]!.message).toMatch(/not supported/);
    expect(api.validate(spec, ctx("2.10.0"))).toEqual([]);
  });
});
