/** MeshPassthrough: the kind (schema + validator) and its plugin. */
import type { PolicyKind } from "../types.js";
import { MeshPassthroughSpecSchema, type MeshPassthroughSpec } from "./api.js";
import { meshPassthroughPlugin } from "./plugin.js";
import { validateMeshPassthrough } from "./validator.js";

export const meshPassthroughKind: PolicyKind<MeshPassthroughSpec> = {
  kind: "MeshPassthrough",
  introducedIn: "2.8",
  specSchema: MeshPassthroughSpecSchema,
  // validator.go validateTop: the same kinds for every policy role.
  targetKinds: (f) => f.meshPassthroughTargetKinds,
  validate(spec, ctx) {
    return validateMeshPassthrough(spec, ctx, this.targetKinds(ctx.features, ctx.role));
  },
  targetRef: (spec) => spec.targetRef,
};

export const plugin = meshPassthroughPlugin(meshPassthroughKind as PolicyKind<unknown>);
