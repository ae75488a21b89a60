/**
 * prepare: what every request of a call shares — the Kuma release (a bare minor is its newest patch tag of
 * kumahq/kuma: v2.13.10, v2.14.3), the snapshot read for that release, and the zone. Release facts used here:
 * MeshTLS appears at 2.9.0 (`pkg/plugins/policies/meshtls` absent at 2.8.8), MeshPassthrough admits Dataplane
 * targetRefs from 2.10.0 (`api/v1alpha1/validator.go` validateTop at 2.9.19 vs 2.10.0).
 */
import { describe, expect, it } from "vitest";
import { prepare } from "./prepare.js";

const MPT_ON_DP = { type: "MeshPassthrough", mesh: "default", name: "p", spec: { targetRef: { kind: "Dataplane", name: "web" }, default: { passthroughMode: "All" } } };

describe("prepare: the release", () => {
  it("2.13.4 is that patch of 2.13", () => {
    const p = prepare({ kumaVersion: "2.13.4" });
    expect("prepared" in p && [p.prepared.minor, p.prepared.features.release, p.prepared.assumptions]).toEqual(["2.13", "2.13.4", []]);
  });
  it("a bare minor is its newest patch; a leading v is accepted", () => {
    // kumahq/kuma tags: v2.13.10 is the newest 2.13 patch.
    const p = prepare({ kumaVersion: "2.13" });
    expect("prepared" in p && [p.prepared.release, p.prepared.features.release, p.prepared.assumptions]).toEqual(["2.13.10", "2.13.10", ['kumaVersion "2.13" names a minor: simulated its newest known release, 2.13.10']]);
    const v = prepare({ kumaVersion: "v2.9.19" });
    expect("prepared" in v && [v.prepared.minor, v.prepared.features.release]).toEqual(["2.9", "2.9.19"]);
  });
  it("no version: the newest minor at its newest patch, stated as an assumption", () => {
    // kumahq/kuma tags: v2.14.3 is the newest release.
    const p = prepare({});
    expect("prepared" in p && [p.prepared.minor, p.prepared.features.release, p.prepared.assumptions]).toEqual(["2.14", "2.14.3", ["kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows"]]);
  });
  it("an unsupported version is the only error: the snapshot is not read", () => {
    const p = prepare({ kumaVersion: "2.4", resources: [{ type: "NoSuchKind", name: "x" }] });
    expect("errors" in p && p.errors.map((e) => e.path)).toEqual(["kumaVersion"]);
    expect("errors" in p && p.errors[0]!.message.startsWith('unsupported Kuma version "2.4"; supported: 2.5, ')).toBe(true);
  });
});

describe("prepare: the snapshot is read for that release", () => {
  it("a policy kind the release does not have is refused, with the snapshot's path and message", () => {
    // MeshTLS: introduced in 2.9.0.
    expect(prepare({ kumaVersion: "2.8", resources: [{ type: "MeshTLS", mesh: "default", name: "t", spec: {} }] })).toEqual({
      errors: [{ path: "resources[0].type", message: "MeshTLS does not exist in Kuma 2.8: it was introduced in 2.9" }],
    });
  });
  it("the patch level counts: a Dataplane targetRef is refused on 2.9.19 and admitted on 2.10.0", () => {
    // validator.go validateTop @ 2.9.19: {Mesh, MeshSubset}; @ 2.10.0: adds Dataplane.
    const old = prepare({ kumaVersion: "2.9.19", resources: [MPT_ON_DP] });
    expect("errors" in old && old.errors.map((e) => e.path)).toEqual(["resources[0].spec.targetRef.kind"]);
    const now = prepare({ kumaVersion: "2.10.0", resources: [MPT_ON_DP] });
    expect("prepared" in now && now.prepared.snapshot.policies.map((x) => x.kind)).toEqual(["MeshPassthrough"]);
  });
  it("patches are read as what-if resources of any kind, and remove deletes", () => {
    const mpp = { type: "MeshProxyPatch", mesh: "default", name: "w", spec: { default: { appendModifications: [{ cluster: { operation: "Remove" } }] } } };
    const p = prepare({ patches: [mpp] });
    expect("prepared" in p && p.prepared.snapshot.policies.map((x) => [x.kind, x.whatIf])).toEqual([["MeshProxyPatch", true]]);
    const mesh = prepare({ patches: [{ type: "Mesh", name: "default" }] });
    expect("prepared" in mesh && mesh.prepared.snapshot.whatIf.added).toEqual([{ kind: "Mesh", mesh: "default", name: "default", path: "patches[0]" }]);
    const removed = prepare({ resources: [mpp], remove: [{ kind: "MeshProxyPatch", name: "w" }] });
    expect("prepared" in removed && [removed.prepared.snapshot.policies.length, removed.prepared.snapshot.whatIf.removed.length]).toEqual([0, 1]);
  });
});

describe("prepare: the zone", () => {
  it("defaults to universal without an API server", () => {
    const p = prepare({});
    expect("prepared" in p && p.prepared.zone).toEqual({ environment: "universal", apiServer: undefined });
  });
  it("keeps what the request says", () => {
    const p = prepare({ zone: { environment: "kubernetes", apiServer: { address: "10.43.0.1", port: 6443 } } });
    expect("prepared" in p && p.prepared.zone).toEqual({ environment: "kubernetes", apiServer: { address: "10.43.0.1", port: 6443 } });
  });
});
