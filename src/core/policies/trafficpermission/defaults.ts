/**
 * Kuma's default permission policies: which one a mesh gets when the snapshot lists none, per release.
 * - 2.5: every new Mesh gets TrafficPermission `allow-all-<mesh>` (sources and destinations `kuma.io/service: *`),
 *   unless the Mesh's `skipCreatingInitialPolicies` lists it (kumahq/kuma@2.5.0 pkg/defaults/mesh/mesh.go,
 *   traffic_permission.go).
 * - 2.6.0 on: only with kuma-cp `defaults.createMeshRoutingResources: true` (default false); Kuma never creates a
 *   MeshTrafficPermission by default (kumahq/kuma@v2.14.3 pkg/defaults/mesh/mesh.go, commit 36199f484a, #8920).
 * Defaults are created once, when the Mesh is created; a snapshot that lists any TrafficPermission or
 * MeshTrafficPermission of the mesh is taken as complete, and no default is assumed.
 */
import type { PolicyResource } from "../../model/policy.js";
import type { PluginContext } from "../types.js";
import type { TrafficPermissionSpec } from "./api.js";

/** A TrafficPermission as the plugin reads it (the snapshot's, or Kuma's default). */
export interface TrafficPermissionModel {
  readonly name: string;
  readonly mesh: string;
  readonly creationTime: string | undefined;
  readonly sources: readonly Readonly<Record<string, string>>[];
  readonly destinations: readonly Readonly<Record<string, string>>[];
}

export function trafficPermissionModel(p: PolicyResource): TrafficPermissionModel {
  const spec = p.spec as TrafficPermissionSpec;
  return {
    name: p.envelope.name,
    mesh: p.envelope.mesh,
    creationTime: p.envelope.creationTime,
    sources: (spec.sources ?? []).map((s) => s.match ?? {}),
    destinations: (spec.destinations ?? []).map((d) => d.match ?? {}),
  };
}

/** kumahq/kuma@2.5.0 pkg/defaults/mesh/traffic_permission.go defaultTrafficPermissionResource, named `allow-all-<mesh>`. */
export function defaultTrafficPermission(mesh: string): TrafficPermissionModel {
  return { name: `allow-all-${mesh}`, mesh, creationTime: undefined, sources: [{ "kuma.io/service": "*" }], destinations: [{ "kuma.io/service": "*" }] };
}

/** The permission policies of the dataplane's mesh in the snapshot, by kind. */
export function meshPermissions(ctx: PluginContext, ownKind: string): { readonly trafficPermissions: readonly PolicyResource[]; readonly meshTrafficPermissions: readonly PolicyResource[] } {
  const all = ctx.meshPolicies ?? ctx.policies.map((p) => ({ ...p, kind: ownKind }));
  return {
    trafficPermissions: all.filter((p) => p.kind === "TrafficPermission"),
    meshTrafficPermissions: all.filter((p) => p.kind === "MeshTrafficPermission"),
  };
}

/**
 * The TrafficPermissions Kuma would have for the mesh, and the assumption made: the snapshot's, or, when it lists no
 * permission policy of either kind, the release's default (none from 2.6.0).
 */
export function effectiveTrafficPermissions(ctx: PluginContext, ownKind: string): { readonly list: readonly TrafficPermissionModel[]; readonly assumption?: string } {
  const { trafficPermissions, meshTrafficPermissions } = meshPermissions(ctx, ownKind);
  if (trafficPermissions.length > 0 || meshTrafficPermissions.length > 0) return { list: trafficPermissions.map(trafficPermissionModel) };
  const mesh = ctx.mesh.name;
  const complete = "Kuma creates default policies once, when the Mesh is created; a snapshot that lists TrafficPermission or MeshTrafficPermission resources of the mesh is taken as complete";
  if (ctx.features.defaultTrafficPermission)
    return {
      list: [defaultTrafficPermission(mesh)],
      assumption: `the snapshot has no TrafficPermission or MeshTrafficPermission in mesh ${mesh}: assumed Kuma ${ctx.features.minor}'s default TrafficPermission allow-all-${mesh} (every service allowed), created with the Mesh unless its skipCreatingInitialPolicies lists TrafficPermission (kumahq/kuma@2.5.0 pkg/defaults/mesh/mesh.go). ${complete}`,
    };
  return {
    list: [],
    assumption: `the snapshot has no TrafficPermission or MeshTrafficPermission in mesh ${mesh}: Kuma ${ctx.features.minor} creates none with a Mesh (since 2.6.0 the TrafficPermission allow-all-${mesh} only with kuma-cp KUMA_DEFAULTS_CREATE_MESH_ROUTING_RESOURCES=true, and never a MeshTrafficPermission; kumahq/kuma@2.6.0 pkg/defaults/mesh/mesh.go), so with mTLS on every inbound denies every client. ${complete}; add a MeshTrafficPermission (or the TrafficPermission your mesh has) to the resources to simulate it`,
  };
}
