/**
 * The MeshPassthrough definition the pipeline reads: kind, first release, plugin order, when the plugin runs, and
 * the targetRef kinds its validator admits per release (kumahq/kuma `pkg/plugins/policies/meshpassthrough`
 * absent at 2.7.0 and present at 2.8.0; `api/v1alpha1/validator.go` validateTop at 2.9.19 and 2.10.0;
 * `zz_generated.resource.go` and `plugin/v1alpha1/plugin.go` @ v2.14.3), retyped by hand.
 */
import { describe, expect, it } from "vitest";
import { meshPassthrough } from "./index.js";
import { features } from "../../model/versions.js";

const kinds = (release: Parameters<typeof features>[0], role: "system" | "workload-owner") => meshPassthrough.api!.targetKinds(features(release), role);

describe("meshPassthrough definition", () => {
  it("is the MeshPassthrough kind, introduced in 2.8.0", () => {
    // pkg/plugins/policies/meshpassthrough: absent at tag 2.7.0, present at 2.8.0.
    expect(meshPassthrough.kind).toBe("MeshPassthrough");
    expect(meshPassthrough.since).toBe("2.8.0");
    expect(meshPassthrough.removedIn).toBeUndefined();
  });
  it("runs at order 500, only when a policy selects the proxy, and reports no modifications", () => {
    // zz_generated.resource.go @ v2.14.3 Order: 500; plugin.go applyToOutboundPassthrough returns when rules.Rules is empty.
    expect(meshPassthrough.order).toBe(500);
    expect(meshPassthrough.runsWithoutPolicies).toBe(false);
    expect(meshPassthrough.reports).toEqual([]);
    expect(meshPassthrough.plugin).toBeDefined();
  });
  it("admits Mesh and MeshSubset up to 2.9.19, and Dataplane from 2.10.0", () => {
    // validator.go validateTop @ 2.9.19: {Mesh, MeshSubset}; @ 2.10.0: {Mesh, MeshSubset, Dataplane}.
    expect(kinds("2.8.0", "workload-owner")).toEqual(["Mesh", "MeshSubset"]);
    expect(kinds("2.9.19", "workload-owner")).toEqual(["Mesh", "MeshSubset"]);
    expect(kinds("2.10.0", "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
    expect(kinds("2.14", "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
  });
  it("gives every role the same kinds (no MeshGateway for system policies)", () => {
    // validator.go validateTop @ 2.10.0 has no switch on the policy role.
    expect(kinds("2.14", "system")).toEqual(kinds("2.14", "workload-owner"));
    expect(kinds("2.9", "system")).toEqual(["Mesh", "MeshSubset"]);
  });
  it("has no targetKinds row before it exists", () => {
    // The kind starts at 2.8.0; the snapshot refuses it earlier, so asking for 2.7 is a bug.
    expect(() => kinds("2.7", "workload-owner")).toThrow();
  });
  it("reads the top-level targetRef, and none when it is omitted", () => {
    // meshpassthrough.go: MeshPassthrough.TargetRef is optional.
    const api = meshPassthrough.api!;
    expect(api.targetRef(api.specSchema.parse({ targetRef: { kind: "Mesh" }, default: {} }))).toEqual({ kind: "Mesh" });
    expect(api.targetRef(api.specSchema.parse({ default: {} }))).toBeUndefined();
  });
  it("validate checks the targetRef against the kinds in its context", () => {
    // validator.go: validateTop → mesh.ValidateTargetRef(SupportedKinds) at spec.targetRef.kind.
    const api = meshPassthrough.api!;
    const spec = api.specSchema.parse({ targetRef: { kind: "Dataplane", name: "web-1" }, default: { passthroughMode: "All" } });
    const ctx = (release: "2.9.19" | "2.10.0") => ({ features: features(release), role: "workload-owner" as const, path: "spec", targetKinds: kinds(release, "workload-owner") });
    const refused = api.validate(spec, ctx("2.9.19"));
    expect(refused.map((v) => v.path)).toEqual(["spec.targetRef.kind"]);
    expect(refused[0]!.message).toMatch(/not supported/);
    expect(api.validate(spec, ctx("2.10.0"))).toEqual([]);
  });
});
