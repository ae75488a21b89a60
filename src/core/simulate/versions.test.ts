/**
 * versionRows (`GET /v1/versions`): one row per supported minor at its newest patch, fields in the contract's order,
 * with the policy facts read from the registry: MeshPassthrough from 2.8.0 and MeshTLS from 2.9.0 (kumahq/kuma
 * `pkg/plugins/policies/{meshpassthrough,meshtls}` absent at 2.7.0 / 2.8.8), and the targetRef kinds a
 * workload owner may use (each policy's `api/v1alpha1/validator.go` validateTop at 2.9.19 and 2.10.0). The version
 * table's own values are tested in model/versions.test.ts.
 */
import { describe, expect, it } from "vitest";
import { versionRows } from "./versions.js";

const rows = versionRows();
const row = (minor: string) => rows.find((r) => r["minor"] === minor)!;

describe("versionRows", () => {
  it("one row per supported minor, oldest first", () => {
    expect(rows.map((r) => r["minor"])).toEqual(["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "3.0"]);
  });
  it("names each row's release; the 3.0 line names the commit it follows and its date", () => {
    expect(row("2.13")["release"]).toBe("2.13.10");
    expect(row("2.13")["commit"]).toBeNull();
    expect(row("3.0")["release"]).toBe("3.0.0-dev+348b6528bc");
    expect(row("3.0")["commit"]).toEqual({ sha: "348b6528bc234b3c4bd7f22ad7c5bf950d6149fc", date: "2026-08-21" });
  });
  it("every row has the contract's fields, in order", () => {
    const fields = [
      "minor",
      "passthroughConnectTimeout",
      "ipv6Rule",
      "meshPassthrough",
      "meshPassthroughCrdDefaultNone",
      "tpInMetadata",
      "bindOutbounds",
      "unifiedNaming",
      "noDestinationInboundCluster",
      "strictInboundPorts",
      "strictInboundPortsFixes",
      "unifiedListenerStatPrefix",
      "inboundTimeoutDefaults",
      "trackRemainingOnEveryCluster",
      "reusePortFeature",
      "addedClusterOrigin",
      "listenerNameEquivalence",
      "meshProxyPatchTargetKinds",
      "meshPassthroughTargetKinds",
      "meshTlsTargetKinds",
      "release",
      "commit",
    ];
    for (const r of rows) expect(Object.keys(r)).toEqual(fields);
  });
  it("meshPassthrough: absent up to 2.7, present from 2.8", () => {
    // pkg/plugins/policies/meshpassthrough: absent at tag 2.7.0, present at 2.8.0.
    expect(rows.map((r) => r["meshPassthrough"])).toEqual([false, false, false, true, true, true, true, true, true, true, true]);
  });
  it("MeshProxyPatch kinds for a workload owner: Dataplane from 2.10, no MeshGateway", () => {
    // meshproxypatch validator.go validateTop default branch @ 2.9.19 / @ 2.10.0.
    expect(row("2.9")["meshProxyPatchTargetKinds"]).toEqual(["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"]);
    expect(row("2.10")["meshProxyPatchTargetKinds"]).toEqual(["Mesh", "MeshSubset", "Dataplane", "MeshService", "MeshServiceSubset"]);
  });
  it("MeshPassthrough kinds: Mesh and MeshSubset, then Dataplane from 2.10; before 2.8 the kinds of its first release", () => {
    // meshpassthrough validator.go validateTop @ 2.9.19 / @ 2.10.0; the row's meshPassthrough says the kind is absent.
    expect(row("2.5")["meshPassthroughTargetKinds"]).toEqual(["Mesh", "MeshSubset"]);
    expect(row("2.9")["meshPassthroughTargetKinds"]).toEqual(["Mesh", "MeshSubset"]);
    expect(row("2.10")["meshPassthroughTargetKinds"]).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
  });
  it("MeshTLS kinds: those of 2.9.0 before it exists, Mesh and MeshSubset on 2.9, Dataplane from 2.10", () => {
    // meshtls validator.go validateTop @ 2.9.19 / @ 2.10.0.
    expect(row("2.8")["meshTlsTargetKinds"]).toEqual(["Mesh", "MeshSubset"]);
    expect(row("2.9")["meshTlsTargetKinds"]).toEqual(["Mesh", "MeshSubset"]);
    expect(row("2.14")["meshTlsTargetKinds"]).toEqual(["Mesh", "MeshSubset", "Dataplane"]);
  });
  it("is the same on every call", () => {
    expect(JSON.stringify(versionRows())).toBe(JSON.stringify(rows));
  });
});
