/**
 * The legacy TrafficPermission resource (kuma `api/mesh/v1alpha1/traffic_permission.proto` @ v2.14.3): `sources` and
 * `destinations`, each a list of `{match: {<tag>: <value or *>}}`. Universal keeps them at the top level, Kubernetes
 * under `spec` (the snapshot reads both).
 */
import * as z from "zod";

const tagMap = z.record(z.string().max(253), z.string().max(253));
const selector = z.looseObject({ match: tagMap.optional() });

export const TrafficPermissionSpecSchema = z.looseObject({
  sources: z.array(selector).max(64).optional().describe("Clients allowed: each a `match` of tags (kuma.io/service required)."),
  destinations: z.array(selector).max(64).optional().describe("Inbounds the permission applies to: each a `match` of tags."),
});

export type TrafficPermissionSpec = z.infer<typeof TrafficPermissionSpecSchema>;
