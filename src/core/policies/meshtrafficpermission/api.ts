/**
 * MeshTrafficPermission API (kuma `pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/meshtrafficpermission.go`
 * @ v2.14.3): a top-level `targetRef`, `from[] {targetRef, default: {action}}` and, from 2.12.0, `rules[] {default:
 * {allow, deny, allowWithShadowDeny}}` (commit 4bca8c5358, #14127). `action` is Kuma's enum
 * `Allow | Deny | AllowWithShadowDeny`.
 */
import * as z from "zod";
import { TargetRefSchema } from "../../model/target-ref.js";

export const ACTIONS = ["Allow", "Deny", "AllowWithShadowDeny"] as const;
export type MtpAction = (typeof ACTIONS)[number];

export const ConfSchema = z.strictObject({
  action: z.enum(ACTIONS).optional().describe("Allow | Deny | AllowWithShadowDeny (required)."),
});

export const FromSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });

const matches = z.array(z.looseObject({})).max(64).optional();
export const RuleSchema = z.strictObject({
  default: z.strictObject({ deny: matches, allowWithShadowDeny: matches, allow: matches }),
});

export const MeshTrafficPermissionSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  from: z.array(FromSchema).max(64).optional().describe("Clients by targetRef (Mesh, MeshSubset, MeshService, MeshServiceSubset) and the action for them."),
  rules: z.array(RuleSchema).max(64).optional().describe("2.12+: allow/deny by SPIFFE ID matches (accepted; meshsim does not evaluate it)."),
});

export type MeshTrafficPermissionSpec = z.infer<typeof MeshTrafficPermissionSpecSchema>;
export type MtpFrom = z.infer<typeof FromSchema>;
