/**
 * validateSnapshot (`POST /v1/validate`): the same admission as a simulation, answered as counts of what was read,
 * by kind and sorted, with the snapshot's warnings and assumptions. MeshTLS exists from 2.9.0
 * (kumahq/kuma `pkg/plugins/policies/meshtls` absent at 2.8.8).
 */
import { describe, expect, it } from "vitest";
import { validateSnapshot } from "./validate.js";
import { mesh, sidecar } from "./simulate.fixtures.js";

const MTLS = { type: "MeshTLS", mesh: "default", name: "tls", spec: { from: [{ targetRef: { kind: "Mesh" }, default: { mode: "Permissive" } }] } };
const MPP = { type: "MeshProxyPatch", mesh: "default", name: "mpp", spec: { default: { appendModifications: [{ cluster: { operation: "Remove" } }] } } };
const MPT = { type: "MeshPassthrough", mesh: "default", name: "mpt", spec: { default: { passthroughMode: "None" } } };
const MS = { type: "MeshService", mesh: "default", name: "orders", spec: { ports: [{ port: 80 }] } };
const TL = { type: "TrafficLog", mesh: "default", name: "tl", sources: [{ match: { "kuma.io/service": "*" } }], destinations: [{ match: { "kuma.io/service": "*" } }] };

describe("validateSnapshot", () => {
  it("counts what was read by kind, sorted by kind name, not in reading order", () => {
    const r = validateSnapshot({ kumaVersion: "2.14", resources: [TL, MS, MTLS, MPP, MPT, sidecar("a", "10.0.0.1", "a", 80), sidecar("b", "10.0.0.2", "b", 80), mesh()] });
    expect(r.ok && Object.entries(r.result.resources)).toEqual([
      ["Dataplane", 2],
      ["Mesh", 1],
      ["MeshPassthrough", 1],
      ["MeshProxyPatch", 1],
      ["MeshService", 1],
      ["MeshTLS", 1],
      ["TrafficLog", 1],
    ]);
  });
  it("omits kinds with no resource, and an empty snapshot counts nothing", () => {
    const r = validateSnapshot({ kumaVersion: "2.14", resources: [mesh()] });
    expect(r.ok && r.result.resources).toEqual({ Mesh: 1 });
    const empty = validateSnapshot({ kumaVersion: "2.14" });
    expect(empty.ok && empty.result.resources).toEqual({});
  });
  it("does not count kinds it accepts without reading them; warns about each instead", () => {
    const trace = { type: "MeshTrace", mesh: "default", name: "all", spec: {} };
    const r = validateSnapshot({ kumaVersion: "2.14", resources: [mesh(), trace] });
    expect(r.ok && r.result.resources).toEqual({ Mesh: 1 });
    expect(r.ok && r.result.warnings.map((w) => w.code)).toEqual(["resource-not-modelled"]);
  });
  it("answers valid with the release simulated, and the version assumption when none was given", () => {
    const r = validateSnapshot({ kumaVersion: "2.13.4", resources: [] });
    expect(r.ok && [r.result.valid, r.result.kumaVersion, r.result.assumptions]).toEqual([true, "2.13.4", []]);
    const d = validateSnapshot({});
    expect(d.ok && [d.result.kumaVersion, d.result.assumptions]).toEqual(["2.14.3", ["kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows"]]);
  });
  it("adds the snapshot's assumptions after the version's", () => {
    const r = validateSnapshot({ resources: [MPP], patches: [MPP] });
    expect(r.ok && r.result.assumptions).toEqual(["kumaVersion not given: simulated Kuma 2.14.3, the newest release meshsim knows", 'what-if MeshProxyPatch "mpp" (patches[0]) replaces the one at resources[0]']);
  });
  it("refuses what the release does not admit, with the snapshot's violations", () => {
    // MeshTLS does not exist before 2.9.0.
    expect(validateSnapshot({ kumaVersion: "2.8", resources: [MTLS] })).toEqual({
      ok: false,
      errors: [{ path: "resources[0].type", message: "MeshTLS does not exist in Kuma 2.8: it was introduced in 2.9" }],
    });
  });
});
