/** MeshProxyPatch: the kind (schema + validator) and its plugin. */
import type { PolicyKind } from "../types.js";
import { MeshProxyPatchSpecSchema, type MeshProxyPatchSpec } from "./api.js";
import { meshProxyPatchPlugin } from "./plugin.js";
import { validateMeshProxyPatch } from "./validator.js";

export const meshProxyPatchKind: PolicyKind<MeshProxyPatchSpec> = {
  kind: "MeshProxyPatch",
  introducedIn: "2.5",
  specSchema: MeshProxyPatchSpecSchema,
  targetKinds: (f, role) => (role === "system" ? [...f.meshProxyPatchTargetKinds, "MeshGateway"] : f.meshProxyPatchTargetKinds),
  validate(spec, ctx) {
    return validateMeshProxyPatch(spec, ctx, this.targetKinds(ctx.features, ctx.role));
  },
  targetRef: (spec) => spec.targetRef,
};

export const plugin = meshProxyPatchPlugin(meshProxyPatchKind as PolicyKind<unknown>);
