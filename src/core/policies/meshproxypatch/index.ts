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
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy top-level policy targetRef selector kinds removed" (api/v1alpha1/validator.go SupportedKinds).
  { since: "3.0.0", value: ["Mesh", "Dataplane"] },
];

// What system policies may target besides: MeshGateway, until it goes with the built-in gateway in 3.0
// (kumahq/kuma@348b6528bc validator.go validateTop lists Mesh, Dataplane for both roles).
const SYSTEM_ONLY_KINDS: ByRelease<readonly string[]> = [
  { since: "2.5.0", value: ["MeshGateway"] },
  { since: "3.0.0", value: [] },
];

export const meshProxyPatch = definePolicy<MeshProxyPatchSpec>({
  kind: "MeshProxyPatch",
  since: "2.5.0", // older than the oldest supported release
  api: {
    specSchema: MeshProxyPatchSpecSchema,
    targetKinds: (f, role) => (role === "system" ? [...atRelease(TARGET_KINDS, f.release), ...atRelease(SYSTEM_ONLY_KINDS, f.release)] : atRelease(TARGET_KINDS, f.release)),
    validate: (spec, ctx) => validateMeshProxyPatch(spec, ctx, ctx.targetKinds),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshproxypatch/api/v1alpha1/zz_generated.resource.go: runs last.
  order: 9999,
  runsWithoutPolicies: false,
  reports: ["modifications"],
  plugin: meshProxyPatchPlugin,
});
