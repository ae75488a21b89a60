/** MeshPassthrough: the definition the pipeline reads (kind, releases, target kinds, order, plugin). */
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshPassthroughSpecSchema, type MeshPassthroughSpec } from "./api.js";
import { meshPassthroughPlugin } from "./plugin.js";
import { validateMeshPassthrough } from "./validator.js";

// kumahq/kuma pkg/plugins/policies/meshpassthrough/api/v1alpha1/validator.go validateTop: the same kinds for every
// role; `Dataplane` from 2.10.0.
const TARGET_KINDS: ByRelease<readonly string[]> = [
  { since: "2.8.0", value: ["Mesh", "MeshSubset"] },
  { since: "2.10.0", value: ["Mesh", "MeshSubset", "Dataplane"] },
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy top-level policy targetRef selector kinds removed" (api/v1alpha1/validator.go SupportedKinds).
  { since: "3.0.0", value: ["Mesh", "Dataplane"] },
];

export const meshPassthrough = definePolicy<MeshPassthroughSpec>({
  kind: "MeshPassthrough",
  since: "2.8.0",
  api: {
    specSchema: MeshPassthroughSpecSchema,
    targetKinds: (f) => atRelease(TARGET_KINDS, f.release),
    validate: (spec, ctx) => validateMeshPassthrough(spec, ctx, ctx.targetKinds),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshpassthrough/api/v1alpha1/zz_generated.resource.go
  order: 500,
  runsWithoutPolicies: false,
  reports: [],
  plugin: meshPassthroughPlugin,
});
