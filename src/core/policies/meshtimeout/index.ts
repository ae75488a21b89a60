/**
 * MeshTimeout: meshsim models only the inbound defaults its plugin applies without any policy (plugin.ts); a
 * MeshTimeout resource is accepted and ignored with a warning.
 */
import { definePolicy } from "../types.js";
import { meshTimeoutDefaultPlugin } from "./plugin.js";

export const meshTimeout = definePolicy({
  kind: "MeshTimeout",
  since: "2.5.0", // older than the oldest supported release
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshtimeout/api/v1alpha1/zz_generated.resource.go
  order: 1000,
  runsWithoutPolicies: true,
  reports: [],
  plugin: meshTimeoutDefaultPlugin,
});
