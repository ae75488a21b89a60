/**
 * MeshAccessLog: the definition the pipeline reads (kind, releases, target kinds, order, plugin). The kind predates the
 * oldest supported release (`pkg/plugins/policies/meshaccesslog` exists at 2.5.0); what changed since is the `mal*`
 * rows of the version table (`src/core/model/versions.ts`).
 */
import { definePolicy } from "../types.js";
import { MeshAccessLogSpecSchema, type MeshAccessLogSpec } from "./api.js";
import { meshAccessLogPlugin } from "./plugin.js";
import { validateMeshAccessLog } from "./validator.js";

export const meshAccessLog = definePolicy<MeshAccessLogSpec>({
  kind: "MeshAccessLog",
  since: "2.5.0", // older than the oldest supported release
  api: {
    specSchema: MeshAccessLogSpecSchema,
    // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go validateTop (per release: malTopKinds)
    targetKinds: (f) => f.malTopKinds,
    validate: validateMeshAccessLog,
    targetRef: (spec) => spec.targetRef,
  },
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshaccesslog/api/v1alpha1/zz_generated.resource.go
  order: 600,
  runsWithoutPolicies: false,
  reports: [],
  plugin: meshAccessLogPlugin,
});
