/**
 * MeshTimeout: the definition the pipeline reads (kind, releases, target kinds, order, plugin). In every supported
 * release (present at kumahq/kuma 2.5.0). Its plugin runs for a proxy no MeshTimeout selects (Kuma's defaults, and
 * the default policies kuma-cp creates with a Mesh), so it reads every MeshTimeout of the mesh.
 */
import type { PolicyRole } from "../../model/policy.js";
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshTimeoutSpecSchema, type MeshTimeoutSpec } from "./api.js";
import { meshTimeoutPlugin } from "./plugin.js";
import { validateMeshTimeout } from "./validator.js";

// kumahq/kuma pkg/plugins/policies/meshtimeout/api/v1alpha1/validator.go validateTop, per release and role.
const TARGET_KINDS: ByRelease<{ readonly system: readonly string[]; readonly other: readonly string[] }> = [
  { since: "2.5.0", value: { system: ["Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshHTTPRoute"], other: ["Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshHTTPRoute"] } },
  // kumahq/kuma@2.8.0 validator.go validateTop: MeshGateway and MeshHTTPRoute only for system policies.
  { since: "2.8.0", value: { system: ["Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshHTTPRoute"], other: ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] } },
  // kumahq/kuma@2.10.0 validator.go validateTop: Dataplane.
  { since: "2.10.0", value: { system: ["Mesh", "MeshSubset", "Dataplane", "MeshGateway", "MeshService", "MeshServiceSubset", "MeshHTTPRoute"], other: ["Mesh", "Dataplane", "MeshSubset", "MeshService", "MeshServiceSubset"] } },
  // kumahq/kuma@348b6528bc validator.go validateTop (UPGRADE.md "Legacy top-level policy targetRef selector kinds removed").
  { since: "3.0.0", value: { system: ["Mesh", "Dataplane"], other: ["Mesh", "Dataplane"] } },
];

const kindsFor = (release: Parameters<typeof atRelease>[1], role: PolicyRole) => {
  const k = atRelease(TARGET_KINDS, release);
  return role === "system" ? k.system : k.other;
};

export const meshTimeout = definePolicy<MeshTimeoutSpec>({
  kind: "MeshTimeout",
  since: "2.5.0", // older than the oldest supported release
  api: {
    specSchema: MeshTimeoutSpecSchema,
    targetKinds: (f, role) => kindsFor(f.release, role),
    validate: (spec, ctx) => validateMeshTimeout(spec, ctx),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/zz_generated.resource.go
  order: 1000,
  runsWithoutPolicies: true,
  readsMeshPolicies: true,
  reports: [],
  plugin: meshTimeoutPlugin,
});
