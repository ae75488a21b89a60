/**
 * MeshTLS: the kind (schema + validator), its plugin, and `effectiveTlsMode` for the pipeline.
 *
 * Introduced in Kuma 2.9.0: not stated in the reference; this is meshsim's best knowledge (the Kong Mesh docs
 * page for MeshTLS declares `min_version: mesh 2.9`, and Kong Mesh minors track Kuma's).
 */
import type { VersionFeatures } from "../../versions.js";
import type { PolicyKind } from "../types.js";
import { MeshTlsSpecSchema, type MeshTlsSpec } from "./api.js";
import { meshTlsPlugin } from "./plugin.js";
import { validateMeshTls } from "./validator.js";

export { effectiveTlsMode, mergeMeshTls, coversInbound, type TlsModeDecision } from "./mode.js";

/** Requested version row (not in versions.ts yet): the top-level targetRef kinds the MeshTLS validator accepts. */
export interface MeshTlsVersionRows {
  readonly meshTlsTargetKinds?: readonly string[];
}

/**
 * validator.go validateTop: Mesh, MeshSubset, and Dataplane once Dataplane targetRefs exist (2.10; the Kong docs
 * list Mesh and MeshSubset for 2.9). Until versions.ts has `meshTlsTargetKinds`, the Dataplane era is read from
 * the MeshProxyPatch row, which records the same 2.10 change.
 */
export function meshTlsTargetKinds(f: VersionFeatures & MeshTlsVersionRows): readonly string[] {
  if (f.meshTlsTargetKinds) return f.meshTlsTargetKinds;
  return f.meshProxyPatchTargetKinds.includes("Dataplane") ? ["Mesh", "MeshSubset", "Dataplane"] : ["Mesh", "MeshSubset"];
}

export const meshTlsKind: PolicyKind<MeshTlsSpec> = {
  kind: "MeshTLS",
  introducedIn: "2.9",
  specSchema: MeshTlsSpecSchema,
  targetKinds: (f) => meshTlsTargetKinds(f),
  validate(spec, ctx) {
    return validateMeshTls(spec, ctx, this.targetKinds(ctx.features, ctx.role));
  },
  targetRef: (spec) => spec.targetRef,
};

export const plugin = meshTlsPlugin(meshTlsKind as PolicyKind<unknown>);
