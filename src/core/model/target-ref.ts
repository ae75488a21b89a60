/** A policy's top-level targetRef as Kuma's API defines it (kuma `api/common/v1alpha1/targetref.go` @ v2.14.3). */
import * as z from "zod";

export const str = z.string().max(253);

export const labelMap = z.record(str, str);

export const TargetRefSchema = z.strictObject({
  kind: z.string().max(64),
  name: str.optional(),
  namespace: str.optional(),
  mesh: str.optional(),
  labels: labelMap.optional(),
  tags: labelMap.optional(),
  sectionName: str.optional(),
  proxyTypes: z.array(z.enum(["Sidecar", "Gateway"])).max(2).optional(),
});

export type TargetRef = z.infer<typeof TargetRefSchema>;
