/**
 * MeshTLS: the definition the pipeline reads (kind, releases, target kinds, order, plugin), and `effectiveTlsMode`
 * for the inbound walk.
 *
 * Introduced in Kuma 2.9.0: kumahq/kuma commit 42ba813f8f ("feat(meshtls): api and validator", #11229);
 * `pkg/plugins/policies/meshtls` is absent at tag 2.8.8 and present at 2.9.0.
 */
import { atRelease, type ByRelease } from "../../model/versions.js";
import { definePolicy } from "../types.js";
import { MeshTlsSpecSchema, type MeshTlsSpec } from "./api.js";
import { meshTlsPlugin } from "./plugin.js";
import { validateMeshTls } from "./validator.js";

export { effectiveTlsMode, mergeMeshTls, coversInbound, type TlsModeDecision } from "./mode.js";

// kumahq/kuma pkg/plugins/policies/meshtls/api/v1alpha1/validator.go validateTop: `Dataplane` refs from 2.10.0.
const TARGET_KINDS: ByRelease<readonly string[]> = [
  { since: "2.9.0", value: ["Mesh", "MeshSubset"] },
  { since: "2.10.0", value: ["Mesh", "MeshSubset", "Dataplane"] },
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy top-level policy targetRef selector kinds removed" (api/v1alpha1/validator.go SupportedKinds).
  { since: "3.0.0", value: ["Mesh", "Dataplane"] },
];

export const meshTls = definePolicy<MeshTlsSpec>({
  kind: "MeshTLS",
  since: "2.9.0",
  api: {
    specSchema: MeshTlsSpecSchema,
    targetKinds: (f) => atRelease(TARGET_KINDS, f.release),
    validate: (spec, ctx) => validateMeshTls(spec, ctx, ctx.targetKinds),
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtls/api/v1alpha1/zz_generated.resource.go
  order: 300,
  runsWithoutPolicies: false,
  reports: [],
  plugin: meshTlsPlugin,
});
