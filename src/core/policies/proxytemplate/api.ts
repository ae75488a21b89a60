/**
 * ProxyTemplate API (kuma `api/mesh/v1alpha1/proxy_template.proto`; the fields are the same from 2.5.0 to v2.14.3,
 * only doc annotations changed). A legacy policy: `selectors` pick the dataplane, `conf` says what Kuma generates
 * for it. Operations are lower-camel strings (`api/mesh/v1alpha1/proxy_template_operations.go`: `add`, `patch`,
 * `remove`, `addFirst`, ...), unlike MeshProxyPatch's `Add`, `Patch`, ...
 */
import * as z from "zod";
import { MOD_KINDS, type ModKind } from "../../model/modification.js";
import { modificationSchemas } from "../../model/modification-schema.js";

const str = z.string().max(253);
const tags = z.record(str, str);

const payload = {
  operation: z.string().max(32).optional().describe("add | patch | remove (cluster, listener, virtualHost); addFirst | addLast | addBefore | addAfter | patch | remove (filters)"),
  value: z.string().max(65536).optional().describe("YAML (or JSON) of the Envoy message; snake_case or camelCase keys."),
};

export const { ClusterModSchema, ListenerModSchema, NetworkFilterModSchema, HttpFilterModSchema, VirtualHostModSchema, ModificationSchema } = modificationSchemas(payload);

/** `ProxyTemplateRawResource`: an Envoy resource as YAML with its `@type`, under a name. */
export const RawResourceSchema = z.strictObject({ name: str.optional(), version: str.optional(), resource: z.string().max(65536).optional() });

export const ConfSchema = z.strictObject({
  imports: z.array(z.string().max(253)).max(16).optional(),
  resources: z.array(RawResourceSchema).max(100).optional(),
  modifications: z.array(ModificationSchema).max(200).optional(),
});

export const SelectorSchema = z.strictObject({ match: tags.optional() });

export const ProxyTemplateSpecSchema = z.strictObject({
  selectors: z.array(SelectorSchema).max(64).optional(),
  conf: ConfSchema.optional(),
});

export type ProxyTemplateSpec = z.infer<typeof ProxyTemplateSpecSchema>;
export type ProxyTemplateModification = z.infer<typeof ModificationSchema>;
export type RawResource = z.infer<typeof RawResourceSchema>;

/** One modification's payload, whatever its kind. */
export interface PtModPayload {
  readonly operation?: string | undefined;
  readonly value?: string | undefined;
  readonly match?: Readonly<Record<string, string | Readonly<Record<string, string>> | undefined>> | undefined;
}

/** The kinds a modification sets (the proto oneof admits one; YAML can write more, which the validator refuses). */
export function modKinds(m: ProxyTemplateModification): ModKind[] {
  return MOD_KINDS.filter((k) => m[k] !== undefined);
}

/** The profile that generates Kuma's default config (`core_mesh.ProfileDefaultProxy`). */
export const PROFILE_DEFAULT_PROXY = "default-proxy";

/**
 * Profiles Kuma registers (kuma `pkg/xds/generator/proxy_template.go` init, and the gateway plugin's
 * `gateway-proxy`, identical from 2.5.0 to v2.14.3); the validator lists them sorted.
 */
export const AVAILABLE_PROFILES = ["default-proxy", "egress-proxy", "gateway-proxy", "ingress-proxy"] as const;

export const CLUSTER_OPS = ["add", "patch", "remove"] as const;
export const FILTER_OPS = ["addFirst", "addLast", "addBefore", "addAfter", "patch", "remove"] as const;
export const OPS_BY_KIND: Readonly<Record<ModKind, readonly string[]>> = {
  cluster: CLUSTER_OPS,
  listener: CLUSTER_OPS,
  virtualHost: CLUSTER_OPS,
  networkFilter: FILTER_OPS,
  httpFilter: FILTER_OPS,
};
