/**
 * TrafficPermission (legacy, selector-based): the definition the pipeline reads. It exists in every supported
 * release (kuma `api/mesh/v1alpha1/traffic_permission.proto` @ 2.5.0 … v2.14.3). Legacy policies run inside Kuma's
 * generators, before every policy plugin; order 0 puts this plugin there.
 */
import { definePolicy } from "../types.js";
import { TrafficPermissionSpecSchema, type TrafficPermissionSpec } from "./api.js";
import { trafficPermissionPlugin } from "./plugin.js";
import { validateTrafficPermission } from "./validator.js";

export const trafficPermission = definePolicy<TrafficPermissionSpec>({
  kind: "TrafficPermission",
  since: "2.5.0",
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy policy resources removed": no longer in the resource registry.
  removedIn: "3.0.0",
  replacement: "MeshTrafficPermission",
  api: {
    specSchema: TrafficPermissionSpecSchema,
    // Selector-based: no targetRef (the plugin selects with SelectInboundConnectionPolicy); no targetRef kinds.
    targetKinds: () => [],
    validate: (spec, ctx) => validateTrafficPermission(spec, ctx),
    targetRef: () => undefined,
  },
  // kumahq/kuma@v2.14.3 pkg/xds/generator/inbound_proxy_generator.go: legacy policies apply in the generator.
  order: 0,
  // The generator's RBAC exists whether or not a TrafficPermission selects the inbound (deny-all without one).
  runsWithoutPolicies: true,
  // The default permissions depend on whether the mesh lists any permission policy of either kind.
  readsMeshPolicies: true,
  reports: [],
  plugin: trafficPermissionPlugin,
});
