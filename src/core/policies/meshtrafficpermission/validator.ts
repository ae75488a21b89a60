/**
 * Kuma's admission validation of MeshTrafficPermission (kuma
 * `pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go`): the top-level targetRef, `from` (and from
 * 2.12.0 `rules`) presence with the release's message, each `from[].targetRef` (Mesh, MeshSubset, MeshService,
 * MeshServiceSubset) and `from[].default.action` defined.
 */
import { joinPath, type Violation } from "../../errors.js";
import type { ValidationContext } from "../../model/policy.js";
import { validateTargetRef } from "../target-ref.js";
import type { MeshTrafficPermissionSpec } from "./api.js";

const FROM_KINDS = ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"] as const;
const SECTION_NAME_OUTBOUND_ONLY = "can only be used with inbound policies";

/** kumahq/kuma@v2.14.3 validator.go validateRules: each rule allows, shadow-denies or denies something. */
function ruleViolations(rules: NonNullable<MeshTrafficPermissionSpec["rules"]>, path: string): Violation[] {
  return rules.flatMap((r, i) => {
    const d = r.default;
    return (d.deny ?? []).length === 0 && (d.allow ?? []).length === 0 && (d.allowWithShadowDeny ?? []).length === 0
      ? [{ path: joinPath(path, "rules", i), message: "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined" }]
      : [];
  });
}

export function validateMeshTrafficPermission(spec: MeshTrafficPermissionSpec, ctx: ValidationContext): Violation[] {
  // An inbound policy (inbound.AffectsInbounds): a Dataplane targetRef may name an inbound with sectionName.
  const out = validateTargetRef(spec.targetRef, ctx.targetKinds, joinPath(ctx.path, "targetRef")).filter((v) => v.message !== SECTION_NAME_OUTBOUND_ONLY);
  const from = spec.from ?? [];
  const rules = spec.rules ?? [];
  if (!ctx.features.policyFromField) {
    // kumahq/kuma@348b6528bc validator.go validate: `from` is gone (the snapshot drops it, with a warning).
    if (rules.length === 0) out.push({ path: ctx.path, message: "policy must define rules" });
    out.push(...ruleViolations(rules, ctx.path));
  } else if (ctx.features.mtpRulesApi) {
    // kumahq/kuma@v2.14.3 validator.go validate
    if (from.length > 0 && rules.length > 0) out.push({ path: ctx.path, message: "field 'from' must be empty when 'rules' is defined" });
    if (from.length === 0 && rules.length === 0) out.push({ path: ctx.path, message: "at least one of 'from' or 'rules' has to be defined" });
    out.push(...ruleViolations(rules, ctx.path));
  } else {
    // kumahq/kuma@2.11.0 validator.go validate: no `rules` field yet.
    if (rules.length > 0) out.push({ path: joinPath(ctx.path, "rules"), message: `field 'rules' does not exist in Kuma ${ctx.features.minor} (added in 2.12.0)` });
    if (from.length === 0) out.push({ path: joinPath(ctx.path, "from"), message: "needs at least one item" });
  }
  from.forEach((f, i) => {
    const at = joinPath(ctx.path, "from", i);
    out.push(...validateTargetRef(f.targetRef, FROM_KINDS, joinPath(at, "targetRef")));
    if (f.default?.action === undefined) out.push({ path: joinPath(at, "default", "action"), message: "must be defined" });
  });
  return out;
}
