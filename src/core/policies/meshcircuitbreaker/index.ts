/**
 * MeshCircuitBreaker: meshsim models only the trackRemaining threshold its plugin adds to every cluster without any
 * policy on 2.14 (plugin.ts); a MeshCircuitBreaker resource is accepted and ignored with a warning.
 */
import { definePolicy } from "../types.js";
import { meshCircuitBreakerDefaultPlugin } from "./plugin.js";

export const meshCircuitBreaker = definePolicy({
  kind: "MeshCircuitBreaker",
  since: "2.5.0", // older than the oldest supported release
  // kumahq/kuma@v2.14.3 pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/zz_generated.resource.go
  order: 1300,
  runsWithoutPolicies: true,
  reports: [],
  plugin: meshCircuitBreakerDefaultPlugin,
});
