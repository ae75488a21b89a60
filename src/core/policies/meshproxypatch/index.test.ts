/**
 * The MeshProxyPatch definition the pipeline reads: kind, first release, plugin order, when the plugin runs, what it
 * reports, and the targetRef kinds its validator admits per release and role (kumahq/kuma
 * `pkg/plugins/policies/meshproxypatch/api/v1alpha1/validator.go` validateTop at 2.9.19 and 2.10.0,
 * `zz_generated.resource.go` and `plugin/v1alpha1/plugin.go` @ v2.14.3), retyped by hand.
 */
import { describe, expect, it } from "vitest";
import { meshProxyPatch } from "./index.js";
import { features } from "../../model/versions.js";

const kinds = (release: Parameters<typeof features>[0], role: "system" | "workload-owner" | "producer" | "consumer") => meshProxyPatch.api!.targetKinds(features(release), role);
const sorted = (xs: readonly string[]) => [...xs].sort();

describe("meshProxyPatch definition", () => {
  it("is the MeshProxyPatch kind, present in every supported release (since 2.5.0)", () => {
    // pkg/plugins/policies/meshproxypatch exists at 2.5.0, the oldest supported tag.
    expect(meshProxyPatch.kind).toBe("MeshProxyPatch");
    expect(meshProxyPatch.since).toBe("2.5.0");
    expect(meshProxyPatch.removedIn).toBeUndefined();
  });
  it("runs last (order 9999), only when a policy selects the proxy, and reports modifications", () => {
    // zz_generated.resource.go @ v2.14.3 Order: 9999; plugin.go Apply returns nil when SingleItemRules.Rules is empty.
    expect(meshProxyPatch.order).toBe(9999);
    expect(meshProxyPatch.runsWithoutPolicies).toBe(false);
    expect(meshProxyPatch.reports).toEqual(["modifications"]);
    expect(meshProxyPatch.plugin).toBeDefined();
  });
  it("workload owners: Mesh, MeshSubset, MeshService, MeshServiceSubset up to 2.9.19; Dataplane joins at 2.10.0", () => {
    // validator.go validateTop default branch @ 2.9.19 vs @ 2.10.0 (Dataplane after MeshSubset).
    expect(kinds("2.5", "workload-owner")).toEqual(["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"]);
    expect(kinds("2.9.19", "workload-owner")).toEqual(["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"]);
    expect(kinds("2.10.0", "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane", "MeshService", "MeshServiceSubset"]);
    expect(kinds("2.14", "workload-owner")).toEqual(["Mesh", "MeshSubset", "Dataplane", "MeshService", "MeshServiceSubset"]);
  });
  it("system policies also admit MeshGateway, in every release", () => {
    // validator.go validateTop SystemPolicyRole branch @ 2.9.19 (… MeshGateway) and @ 2.10.0 (… MeshGateway, Dataplane).
    expect(sorted(kinds("2.9.19", "system"))).toEqual(["Mesh", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshSubset"]);
    expect(sorted(kinds("2.10.0", "system"))).toEqual(["Dataplane", "Mesh", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshSubset"]);
  });
  it("producer and consumer roles get the default branch (no MeshGateway)", () => {
    // validator.go validateTop: only SystemPolicyRole has its own case.
    expect(kinds("2.14", "producer")).not.toContain("MeshGateway");
    expect(kinds("2.14", "consumer")).toEqual(kinds("2.14", "workload-owner"));
  });
  it("reads the top-level targetRef, and none when it is omitted", () => {
    // meshproxypatch.go: MeshProxyPatch.TargetRef is optional (omitted means the whole Mesh).
    const api = meshProxyPatch.api!;
    const withRef = api.specSchema.parse({ targetRef: { kind: "MeshSubset", tags: { app: "web" } }, default: { appendModifications: [] } });
    expect(api.targetRef(withRef)).toEqual({ kind: "MeshSubset", tags: { app: "web" } });
    expect(api.targetRef(api.specSchema.parse({ default: { appendModifications: [] } }))).toBeUndefined();
  });
  it("validate checks the targetRef against the kinds in its context", () => {
    // validator.go: validateTop runs mesh.ValidateTargetRef with the release's SupportedKinds, at spec.targetRef.kind.
    const api = meshProxyPatch.api!;
    const spec = api.specSchema.parse({ targetRef: { kind: "Dataplane", name: "web-1" }, default: { appendModifications: [{ cluster: { operation: "Remove" } }] } });
    const ctx = (release: "2.9.19" | "2.10.0") => ({ features: features(release), role: "workload-owner" as const, path: "spec", targetKinds: kinds(release, "workload-owner") });
    const refused = api.validate(spec, ctx("2.9.19"));
    expect(refused.map((v) => v.path)).toEqual(["spec.targetRef.kind"]);
    expect(refused[0]!.message).toMatch(/not supported/);
    expect(api.validate(spec, ctx("2.10.0"))).toEqual([]);
  });
});
