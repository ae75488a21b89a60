/**
 * Kuma's admission messages for MeshProxyPatch, row by row from validator_test.go and the jsonpatch
 * validator test (`pkg/plugins/policies/core/jsonpatch/validators/validator_test.go` @ v2.14.3). Paths are rooted
 * at the resource's `spec`.
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../../test/support/policy.js";
import { meshProxyPatch } from "./index.js";
import { features, type KumaMinor } from "../../model/versions.js";

function violations(mods: unknown, opts: { targetRef?: unknown; version?: KumaMinor; role?: "system" | "workload-owner" } = {}) {
  const spec = meshProxyPatch.api!.specSchema.parse({ ...(opts.targetRef ? { targetRef: opts.targetRef } : {}), default: mods === undefined ? {} : { appendModifications: mods } });
  return validatePolicy(meshProxyPatch, spec, { features: features(opts.version ?? "2.14"), role: opts.role ?? "system", path: "spec" });
}
const M = "spec.default.appendModifications";

describe("MeshProxyPatch validator (validator.go)", () => {
  it.each([
    ["missing appendModifications", undefined, [{ path: M, message: "must not be empty" }]],
    ["empty appendModifications", [], [{ path: M, message: "must not be empty" }]],
    ["an empty item", [{}], [{ path: `${M}[0]`, message: "exactly one modification can be defined at a time. Currently, 0 modifications are defined" }]],
    [
      "four kinds in one item",
      [{ cluster: { operation: "Remove" }, listener: { operation: "Remove" }, networkFilter: { operation: "Remove" }, httpFilter: { operation: "Remove" } }],
      [{ path: `${M}[0]`, message: "exactly one modification can be defined at a time. Currently, 4 modifications are defined" }],
    ],
    ["cluster AddFirst", [{ cluster: { operation: "AddFirst", value: "name: x" } }], [{ path: `${M}[0].cluster.operation`, message: 'invalid operation. Available operations: "Add", "Patch", "Remove"' }]],
    ["virtualHost AddLast", [{ virtualHost: { operation: "AddLast", match: {} } }], [{ path: `${M}[0].virtualHost.operation`, message: 'invalid operation. Available operations: "Add", "Patch", "Remove"' }]],
    [
      "networkFilter Add",
      [{ networkFilter: { operation: "Add", value: "name: x" } }],
      [{ path: `${M}[0].networkFilter.operation`, message: 'invalid operation. Available operations: "AddFirst", "AddLast", "AddBefore", "AddAfter", "Patch", "Remove"' }],
    ],
    ["Add with an unparsable value", [{ cluster: { operation: "Add", value: "{" } }], [{ path: `${M}[0].cluster.value`, message: "native Envoy resource is not valid: unexpected EOF" }]],
    ["Patch with an unparsable value", [{ cluster: { operation: "Patch", value: "{" } }], [{ path: `${M}[0].cluster.value`, message: "native Envoy resource is not valid: unexpected EOF" }]],
    ["cluster Add with match", [{ cluster: { operation: "Add", match: { name: "x" }, value: "name: x" } }], [{ path: `${M}[0].cluster.match`, message: "must not be defined" }]],
    ["virtualHost Add with match.name", [{ virtualHost: { operation: "Add", match: { name: "x" }, value: "name: x" } }], [{ path: `${M}[0].virtualHost.match.name`, message: "must not be defined" }]],
    ["Remove with a value", [{ listener: { operation: "Remove", value: "name: x" } }], [{ path: `${M}[0].listener.value`, message: "must not be defined" }]],
    ["AddFirst without a value", [{ httpFilter: { operation: "AddFirst" } }], [{ path: `${M}[0].httpFilter.value`, message: "must be defined" }]],
    ["Patch with neither value nor jsonPatches", [{ cluster: { operation: "Patch" } }], [{ path: `${M}[0].cluster`, message: "cluster must have exactly one defined: value, jsonPatches" }]],
    [
      "Patch with both",
      [{ listener: { operation: "Patch", value: "name: x", jsonPatches: [{ op: "add", path: "/a", value: 1 }] } }],
      [{ path: `${M}[0].listener`, message: "listener must have only one type defined: value, jsonPatches" }],
    ],
    [
      "AddBefore without match.name",
      [{ networkFilter: { operation: "AddBefore", value: "name: x" } }],
      [{ path: `${M}[0].networkFilter.match.name`, message: "must be defined. You need to pick a filter before which this one will be added" }],
    ],
    [
      "AddAfter without match.name",
      [{ httpFilter: { operation: "AddAfter", value: "name: x" } }],
      [{ path: `${M}[0].httpFilter.match.name`, message: "must be defined. You need to pick a filter after which this one will be added" }],
    ],
    ["filter Patch without match.name", [{ networkFilter: { operation: "Patch", value: "name: x" } }], [{ path: `${M}[0].networkFilter.match.name`, message: "must be defined" }]],
  ])("%s", (_name, mods, expected) => {
    expect(violations(mods)).toEqual(expected);
  });

  it("accumulates violations across modifications", () => {
    expect(violations([{ cluster: { operation: "Nope" } }, {}])).toEqual([
      { path: `${M}[0].cluster.operation`, message: 'invalid operation. Available operations: "Add", "Patch", "Remove"' },
      { path: `${M}[1]`, message: "exactly one modification can be defined at a time. Currently, 0 modifications are defined" },
    ]);
  });

  it("unknown targetRef kind, and kinds by version and role (validateTop)", () => {
    const ok = [{ cluster: { operation: "Remove" } }];
    expect(violations(ok, { targetRef: { kind: "Unknown" } })).toEqual([{ path: "spec.targetRef.kind", message: "value 'Unknown' is not supported" }]);
    expect(violations(ok, { targetRef: { kind: "Dataplane" }, version: "2.14" })).toEqual([]);
    expect(violations(ok, { targetRef: { kind: "Dataplane" }, version: "2.9" })).toEqual([{ path: "spec.targetRef.kind", message: "value 'Dataplane' is not supported" }]);
    expect(violations(ok, { targetRef: { kind: "MeshGateway", name: "gw" }, role: "system" })).toEqual([]);
    expect(violations(ok, { targetRef: { kind: "MeshGateway", name: "gw" }, role: "workload-owner" })).toEqual([{ path: "spec.targetRef.kind", message: "value 'MeshGateway' is not supported" }]);
    expect(violations(ok, { targetRef: { kind: "Mesh", name: "x" } })).toEqual([{ path: "spec.targetRef.name", message: "using name with kind Mesh is not yet supported" }]);
    expect(violations(ok, { targetRef: { kind: "MeshService" } })).toEqual([{ path: "spec.targetRef.name", message: "name or labels must be set when kind is MeshService" }]);
  });
});

describe("jsonPatches validator (jsonpatch/validators/validator.go)", () => {
  const J = `${M}[0].cluster.jsonPatches`;
  const withPatches = (jsonPatches: unknown[]) => violations([{ cluster: { operation: "Patch", jsonPatches } }]);
  it.each([
    ["empty list", [], [{ path: J, message: "must not be empty" }]],
    ["test op", [{ op: "test", path: "/a", value: 1 }], [{ path: `${J}[0].op`, message: '"op" must be one of ["add", "remove", "replace", "move", "copy"]' }]],
    ["value on remove", [{ op: "remove", path: "/a", value: 1 }], [{ path: `${J}[0].value`, message: '"value" is allowed only when "op" is one of ["add", "replace"]' }]],
    ["add without value", [{ op: "add", path: "/a" }], [{ path: `${J}[0].value`, message: '"value" must not be empty when "op" is one of ["add", "replace"]' }]],
    ["from on replace", [{ op: "replace", path: "/a", value: 1, from: "/b" }], [{ path: `${J}[0].from`, message: '"from" is allowed only when "op" is one of ["move", "copy"]' }]],
    ["copy without from", [{ op: "copy", path: "/a" }], [{ path: `${J}[0].from`, message: '"from" must not be empty when "op" is one of ["move", "copy"]' }]],
    ["missing path", [{ op: "remove" }], [{ path: `${J}[0].path`, message: "must be defined" }]],
    ["remove root", [{ op: "remove", path: "/" }], [{ path: `${J}[0].path`, message: "root path cannot be removed" }]],
  ])("%s", (_n, patches, expected) => {
    expect(withPatches(patches)).toEqual(expected);
  });
  it("does not check that a path exists, is camelCase or starts with / (those fail only at generation)", () => {
    expect(withPatches([{ op: "replace", path: "/connect_timeout", value: "1s" }, { op: "replace", path: "noSlash", value: 1 }])).toEqual([]);
  });
});
