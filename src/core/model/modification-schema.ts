/**
 * The five modification kinds' schemas, shared by MeshProxyPatch's `appendModifications` and ProxyTemplate's
 * `conf.modifications`: the matches are the same in both APIs (kumahq/kuma@v2.14.3
 * `pkg/plugins/policies/meshproxypatch/api/v1alpha1/meshproxypatch.go` and `api/mesh/v1alpha1/proxy_template.proto`);
 * only the payload (operation, value, MeshProxyPatch's jsonPatches) differs, so each API passes its own.
 */
import * as z from "zod";

const str = z.string().max(253);
const tags = z.record(str, str);

/** Builds the per-kind schemas and the one-entry `ModificationSchema` around an API's payload fields. */
export function modificationSchemas<P extends z.ZodRawShape>(payload: P) {
  const ClusterModSchema = z.strictObject({ ...payload, match: z.strictObject({ name: str.optional(), origin: str.optional() }).optional() });
  const ListenerModSchema = z.strictObject({
    ...payload,
    match: z.strictObject({ name: str.optional(), origin: str.optional(), tags: tags.optional() }).optional(),
  });
  const filterMatch = z.strictObject({ name: str.optional(), origin: str.optional(), listenerName: str.optional(), listenerTags: tags.optional() });
  const NetworkFilterModSchema = z.strictObject({ ...payload, match: filterMatch.optional() });
  const HttpFilterModSchema = z.strictObject({ ...payload, match: filterMatch.optional() });
  const VirtualHostModSchema = z.strictObject({
    ...payload,
    match: z.strictObject({ name: str.optional(), origin: str.optional(), routeConfigurationName: str.optional() }).optional(),
  });
  const ModificationSchema = z.strictObject({
    cluster: ClusterModSchema.optional(),
    listener: ListenerModSchema.optional(),
    networkFilter: NetworkFilterModSchema.optional(),
    httpFilter: HttpFilterModSchema.optional(),
    virtualHost: VirtualHostModSchema.optional(),
  });
  return { ClusterModSchema, ListenerModSchema, NetworkFilterModSchema, HttpFilterModSchema, VirtualHostModSchema, ModificationSchema };
}
