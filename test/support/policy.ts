/** Test helpers for policy definitions: admission as the snapshot runs it. */
import type { PolicyRole } from "../../src/core/model/policy.js";
import type { VersionFeatures } from "../../src/core/model/versions.js";
import type { Violation } from "../../src/core/errors.js";
import type { PolicyDefinition } from "../../src/core/policies/types.js";

/** Runs a definition's admission checks with the targetRef kinds its release and role admit, as the snapshot does. */
export function validatePolicy(def: PolicyDefinition, spec: unknown, ctx: { features: VersionFeatures; role: PolicyRole; path: string }): Violation[] {
  const api = def.api!;
  return api.validate(spec, { ...ctx, targetKinds: api.targetKinds(ctx.features, ctx.role) });
}
