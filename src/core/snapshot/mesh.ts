/**
 * The Mesh resource, as far as meshsim models it (kuma `api/mesh/v1alpha1/mesh.proto` @ v2.14.3).
 * Unmodelled Mesh fields (logging, tracing, metrics, constraints, …) are accepted and ignored.
 */
import * as z from "zod";

const str = z.string().max(253);

export const MeshSpecSchema = z.looseObject({
  networking: z
    .looseObject({
      outbound: z.looseObject({ passthrough: z.boolean().optional().describe("Default true when unset (mesh_helpers.go IsPassthrough).") }).optional(),
    })
    .optional(),
  meshServices: z.looseObject({ mode: z.enum(["Disabled", "Everywhere", "ReachableBackends", "Exclusive"]).optional() }).optional(),
  mtls: z
    .looseObject({
      enabledBackend: str.optional(),
      backends: z.array(z.looseObject({ name: str, type: str.optional(), mode: z.enum(["STRICT", "PERMISSIVE"]).optional() })).max(16).optional(),
    })
    .optional(),
  routing: z.looseObject({ zoneEgress: z.boolean().optional() }).optional(),
});
export type MeshSpec = z.infer<typeof MeshSpecSchema>;

export type MtlsMode = "off" | "STRICT" | "PERMISSIVE";

/** The Mesh facts the generators read. */
export interface MeshModel {
  readonly name: string;
  /** `networking.outbound.passthrough`, true when unset. */
  readonly passthrough: boolean;
  readonly meshServicesMode: "Disabled" | "Everywhere" | "ReachableBackends" | "Exclusive";
  readonly mtls: MtlsMode;
  readonly zoneEgress: boolean;
}

export function meshModel(name: string, spec: MeshSpec): MeshModel {
  const enabled = spec.mtls?.enabledBackend;
  const backend = enabled ? spec.mtls?.backends?.find((b) => b.name === enabled) : undefined;
  return {
    name,
    passthrough: spec.networking?.outbound?.passthrough ?? true,
    meshServicesMode: spec.meshServices?.mode ?? "Disabled",
    // STRICT is the proto enum zero, so an enabled backend without a mode is STRICT.
    mtls: enabled ? (backend?.mode ?? "STRICT") : "off",
    zoneEgress: spec.routing?.zoneEgress ?? false,
  };
}

/** The Mesh meshsim assumes when the snapshot has none. */
export const DEFAULT_MESH_NAME = "default";
