/**
 * MeshProxyPatch API (kuma `pkg/plugins/policies/meshproxypatch/api/v1alpha1/meshproxypatch.go`).
 * Operation and op enums are plain strings here so the validator can answer with Kuma's own messages.
 */
import * as z from "zod";
import { MOD_KINDS, type ModKind } from "../../model/modification.js";
import { modificationSchemas } from "../../model/modification-schema.js";
import { TargetRefSchema } from "../../model/target-ref.js";

/** One RFC 6902 operation as Kuma's API takes it (`api/common/v1alpha1/jsonpatch.go`); `test` is not accepted. */
export const JsonPatchSchema = z.strictObject({
  op: z.string().max(16).describe("add | remove | replace | move | copy"),
  path: z.string().max(2048).optional(),
  value: z.unknown().optional(),
  from: z.string().max(2048).optional(),
});

const payload = {
  operation: z.string().max(32),
  value: z.string().max(65536).optional().describe("YAML (or JSON) of the Envoy message; snake_case or camelCase keys."),
  jsonPatches: z.array(JsonPatchSchema).max(100).optional(),
};

export const { ClusterModSchema, ListenerModSchema, NetworkFilterModSchema, HttpFilterModSchema, VirtualHostModSchema, ModificationSchema } = modificationSchemas(payload);

export const MeshProxyPatchSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  default: z.strictObject({ appendModifications: z.array(ModificationSchema).max(200).optional() }),
});

export type JsonPatch = z.infer<typeof JsonPatchSchema>;
export type Modification = z.infer<typeof ModificationSchema>;
export type MeshProxyPatchSpec = z.infer<typeof MeshProxyPatchSpecSchema>;


export type ModPayload = z.infer<typeof ClusterModSchema> &
  Partial<z.infer<typeof ListenerModSchema>> & { match?: Record<string, string | Record<string, string> | undefined> };

/** The one kind a modification sets (the validator guarantees exactly one). */
export function modKind(m: Modification): ModKind | undefined {
  return MOD_KINDS.find((k) => m[k] !== undefined);
}

export const CLUSTER_OPS = ["Add", "Patch", "Remove"] as const;
export const FILTER_OPS = ["AddFirst", "AddLast", "AddBefore", "AddAfter", "Patch", "Remove"] as const;
export const OPS_BY_KIND: Readonly<Record<ModKind, readonly string[]>> = {
  cluster: CLUSTER_OPS,
  listener: CLUSTER_OPS,
  virtualHost: CLUSTER_OPS,
  networkFilter: FILTER_OPS,
  httpFilter: FILTER_OPS,
};
