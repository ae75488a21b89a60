/**
 * The part of the MeshCircuitBreaker plugin that runs without any MeshCircuitBreaker policy: since
 * 2.14.0 it calls EnsureTrackRemaining on every cluster in the resource set, passthrough clusters
 * included (kuma `pkg/plugins/policies/meshcircuitbreaker/plugin/v1alpha1/plugin.go`, commit a09ff66614).
 * Result: `circuitBreakers: {thresholds: [{trackRemaining: true}]}` (priority DEFAULT is the enum zero,
 * so it is omitted). meshsim does not model MeshCircuitBreaker policies themselves: their outbound
 * rules never touch passthrough clusters (GatherClusters skips origin `transparent`).
 */
import type { JsonObject } from "../../json.js";
import { isJsonObject } from "../../json.js";
import type { XdsResource } from "../../xds/resource-set.js";
import type { PolicyPlugin } from "../types.js";

function isDefaultPriority(t: JsonObject): boolean {
  return t["priority"] === undefined || t["priority"] === "DEFAULT";
}

/** Ensures the DEFAULT-priority threshold tracks remaining resources; adds one when there is none. */
export function ensureTrackRemaining(cluster: JsonObject): JsonObject {
  const cb = isJsonObject(cluster["circuitBreakers"]) ? cluster["circuitBreakers"] : {};
  const thresholds = Array.isArray(cb["thresholds"]) ? (cb["thresholds"] as readonly JsonObject[]) : [];
  const i = thresholds.findIndex(isDefaultPriority);
  const next = i < 0 ? [...thresholds, { trackRemaining: true }] : thresholds.map((t, j) => (j === i ? { ...t, trackRemaining: true } : t));
  return { ...cluster, circuitBreakers: { ...cb, thresholds: next } };
}

/** MeshCircuitBreaker's trackRemaining threshold, which applies with or without a MeshCircuitBreaker policy. */
export const meshCircuitBreakerDefaultPlugin: PolicyPlugin = {
  enabled: (f) => f.trackRemainingOnEveryCluster,
  apply(resources) {
    const out = resources.map((r): XdsResource => (r.type === "cluster" ? { ...r, value: ensureTrackRemaining(r.value) } : r));
    const n = out.filter((r) => r.type === "cluster").length;
    return {
      resources: out,
      warnings: [],
      trace: n > 0 ? [`MeshCircuitBreaker (order 1300, 2.14+): added circuitBreakers.thresholds[{trackRemaining: true}] to all ${n} clusters, with or without a MeshCircuitBreaker policy`] : [],
    };
  },
};
