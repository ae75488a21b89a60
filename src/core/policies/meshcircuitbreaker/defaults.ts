/**
 * The default MeshCircuitBreaker kuma-cp creates with every Mesh (kuma `pkg/defaults/mesh/meshcircuitbreaker.go`):
 * none on 2.5.x (2.5 creates the legacy CircuitBreaker `circuit-breaker-all-<mesh>`, which meshsim does not model);
 * from 2.6.0 (commit 36199f484a, #8920) to 3.0 `mesh-circuit-breaker-all-<mesh>`: top-level Mesh, `to` Mesh with
 * connection limits 1024 connections, 1024 pending, 1024 requests, 3 retries (Envoy's own defaults, written out).
 */
import type { VersionFeatures } from "../../model/versions.js";
import type { DefaultPolicy } from "../default-policies.js";

/** Kuma's default MeshCircuitBreakers for the release (prefixes; the Mesh name is appended). */
export function defaultMeshCircuitBreakers(f: VersionFeatures): DefaultPolicy[] {
  if (f.defaultMeshPolicies === "legacy") return [];
  const limits = { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 };
  return [{ prefix: "mesh-circuit-breaker-all", spec: { targetRef: { kind: "Mesh" }, to: [{ targetRef: { kind: "Mesh" }, default: { connectionLimits: limits } }] } }];
}

export const DEFAULT_MESH_CIRCUIT_BREAKERS_TEXT = "outbound connection limits: 1024 connections, 1024 pending requests, 1024 requests, 3 retries";
