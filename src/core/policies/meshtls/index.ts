/**
 * MeshTLS: the kind (schema + validator), its plugin, and `effectiveTlsMode` for the pipeline.
 *
 * Introduced in Kuma 2.9.0: not stated in the reference; this is meshsim's best knowledge (the Kong Mesh docs
 * page for MeshTLS declares `min_version: mesh 2.9`, and Kong Mesh minors track Kuma's).
 */
import type { VersionFeatures } from "../../model/versions.js";
import type { PolicyKind } from "../types.js";
import { MeshTlsSpecSchema, type MeshTlsSpec } from "./api.js";
import { meshTlsPlugin } from "./plugin.js";
import { validateMeshTls } from "./validator.js";

export { effectiveTlsMode, mergeMeshTls, coversInbound, type TlsModeDecision } from "./mode.js";

export const meshTlsKind: PolicyKind<MeshTlsSpec> = {
  kind: "MeshTLS",
  introducedIn: "2.9",
  specSchema: MeshTlsSpecSchema,
  targetKinds: (f) => f.meshTlsTargetKinds,
  validate(spec, ctx) {
    return validateMeshTls(spec, ctx, this.targetKinds(ctx.features, ctx.role));
  },
  targetRef: (spec) => spec.targetRef,
};

export const plugin = meshTlsPlugin(meshTlsKind as PolicyKind<unknown>);
