/** MeshProxyPatch: the definition the pipeline reads (kind, releases, target kinds, order, plugin). */
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshProxyPatchSpecSchema, type MeshProxyPatchSpec } from "./api.js";
import { meshProxyPatchPlugin } from "./plugin.js";
import { validateMeshProxyPatch } from "./validator.js";

// kumahq/kuma pkg/plugins/policies/meshproxypatch/api/v1alpha1/validator.go validateTop: `Dataplane` targetRefs from
// 2.10.0 (absent at v2.9.13, present at v2.10.x); MeshGateway only for system policies.
const TARGET_KINDS: ByRelease<readonly string[]> = [
  { since: "2.5.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] },
  { since: "2.10.0", value: ["Mesh", "MeshSubset", "Dataplane", "MeshService", "MeshServiceSubset"] },
];

export const meshProxyPatch = definePolicy<MeshProxyPatchSpec>({
  kind: "MeshProxyPatch",
  since: "2.5.0", // older than the oldest supported release
  api: {
    specSchema: MeshProxyPatchSpecSchema,
    targetKinds: (f, role) => (role === "system" ? [...atRelease(TARGET_KINDS, f.release), "MeshGateway"] : atRelease(TARGET_KINDS, f.release)),
    validate: (spec, ctx) => validateMeshProxyPatch(spec, ctx, ctx.targetKinds),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/api/v1alpha1/zz_generated.resource.go: runs last.
  order: 9999,
  runsWithoutPolicies: false,
  reports: ["modifications"],
  plugin: meshProxyPatchPlugin,
});
