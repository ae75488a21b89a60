/**
 * MeshCircuitBreaker: the definition the pipeline reads (kind, releases, target kinds, order, plugin). In every
 * supported release (present at kumahq/kuma 2.5.0). Its plugin runs for a proxy no MeshCircuitBreaker selects (the
 * 2.14 trackRemaining threshold, and the default policy kuma-cp creates with a Mesh), so it reads every
 * MeshCircuitBreaker of the mesh.
 */
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshCircuitBreakerSpecSchema, type MeshCircuitBreakerSpec } from "./api.js";
import { meshCircuitBreakerPlugin } from "./plugin.js";
import { validateMeshCircuitBreaker } from "./validator.js";

// kumahq/kuma pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/validator.go validateTop per release.
const TARGET_KINDS: ByRelease<readonly string[]> = [
  { since: "2.5.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] },
  // kumahq/kuma@2.6.0 validator.go validateTop: MeshGateway (commit 5941eb6738, #8562).
  { since: "2.6.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshGateway", "MeshServiceSubset"] },
  // kumahq/kuma@2.10.0 validator.go validateTop: Dataplane.
  { since: "2.10.0", value: ["Mesh", "MeshSubset", "MeshService", "MeshGateway", "MeshServiceSubset", "Dataplane"] },
  // kumahq/kuma@348b6528bc validator.go validateTop (UPGRADE.md "Legacy top-level policy targetRef selector kinds removed").
  { since: "3.0.0", value: ["Mesh", "Dataplane"] },
];

export const meshCircuitBreaker = definePolicy<MeshCircuitBreakerSpec>({
  kind: "MeshCircuitBreaker",
  since: "2.5.0", // older than the oldest supported release
  api: {
    specSchema: MeshCircuitBreakerSpecSchema,
    targetKinds: (f) => atRelease(TARGET_KINDS, f.release),
    validate: (spec, ctx) => validateMeshCircuitBreaker(spec, ctx),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/zz_generated.resource.go
  order: 1300,
  runsWithoutPolicies: true,
  readsMeshPolicies: true,
  reports: [],
  plugin: meshCircuitBreakerPlugin,
});
