/**
 * MeshTrafficPermission: the definition the pipeline reads. In every supported release (present at kumahq/kuma 2.5.0).
 */
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshTrafficPermissionSpecSchema, type MeshTrafficPermissionSpec } from "./api.js";
import { meshTrafficPermissionPlugin } from "./plugin.js";
import { validateMeshTrafficPermission } from "./validator.js";

// kumahq/kuma validator.go validateTop: `Dataplane` refs from 2.10.0 (absent @ 2.9.0, present @ 2.10.0).
const TARGET_KINDS: ByRelease<readonly string[]> = [
  { since: "2.5.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] },
  { since: "2.10.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset", "Dataplane"] },
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy top-level policy targetRef selector kinds removed" (api/v1alpha1/validator.go SupportedKinds).
  { since: "3.0.0", value: ["Mesh", "Dataplane"] },
];

export const meshTrafficPermission = definePolicy<MeshTrafficPermissionSpec>({
  kind: "MeshTrafficPermission",
  since: "2.5.0",
  api: {
    specSchema: MeshTrafficPermissionSpecSchema,
    targetKinds: (f) => atRelease(TARGET_KINDS, f.release),
    validate: (spec, ctx) => validateMeshTrafficPermission(spec, ctx),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/zz_generated.resource.go
  order: 1100,
  // Default deny (2.7+) applies when no MeshTrafficPermission selects the proxy.
  runsWithoutPolicies: true,
  // The default permissions depend on whether the mesh lists any permission policy of either kind.
  readsMeshPolicies: true,
  reports: [],
  plugin: meshTrafficPermissionPlugin,
});
