/**
 * MeshCircuitBreaker API (kuma `pkg/plugins/policies/meshcircuitbreaker/api/v1alpha1/meshcircuitbreaker.go` @ v2.14.3):
 * a top-level `targetRef`, `to[]`, `from[]` and, from 2.10.0, `rules[]` (commit 787b52385d, #12771), each with a
 * `default` of `connectionLimits` and `outlierDetection` (`healthyPanicThreshold` from 2.10.0, #12860). Counts are
 * uint32, durations Go duration strings, `standardDeviationFactor` and `healthyPanicThreshold` int-or-string decimals.
 */
import * as z from "zod";
import { TargetRefSchema } from "../../model/target-ref.js";

const uint32 = z.number().int().min(0).max(4294967295);
const decimal = z.union([z.number(), z.string().max(64)]);
const consecutive = z.strictObject({ consecutive: uint32.optional() });

export const ConnectionLimitsSchema = z.strictObject({
  maxConnections: uint32.optional(),
  maxConnectionPools: uint32.optional(),
  maxPendingRequests: uint32.optional(),
  maxRetries: uint32.optional(),
  maxRequests: uint32.optional(),
});

export const DetectorsSchema = z.strictObject({
  totalFailures: consecutive.optional(),
  gatewayFailures: consecutive.optional(),
  localOriginFailures: consecutive.optional(),
  successRate: z.strictObject({ minimumHosts: uint32.optional(), requestVolume: uint32.optional(), standardDeviationFactor: decimal.optional() }).optional(),
  failurePercentage: z.strictObject({ minimumHosts: uint32.optional(), requestVolume: uint32.optional(), threshold: uint32.optional() }).optional(),
});

export const OutlierDetectionSchema = z.strictObject({
  disabled: z.boolean().optional(),
  interval: z.string().max(64).optional(),
  baseEjectionTime: z.string().max(64).optional(),
  maxEjectionPercent: uint32.optional(),
  splitExternalAndLocalErrors: z.boolean().optional(),
  detectors: DetectorsSchema.optional(),
  healthyPanicThreshold: decimal.optional().describe("2.10+."),
});

export const ConfSchema = z.strictObject({ connectionLimits: ConnectionLimitsSchema.optional(), outlierDetection: OutlierDetectionSchema.optional() });

export const MeshCircuitBreakerSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  to: z.array(z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() })).max(64).optional(),
  from: z.array(z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() })).max(64).optional().describe("Gone in 3.0 (use rules)."),
  rules: z.array(z.strictObject({ default: ConfSchema.optional() })).max(64).optional().describe("2.10+."),
});

export type MeshCircuitBreakerConf = z.infer<typeof ConfSchema>;
export type MeshCircuitBreakerSpec = z.infer<typeof MeshCircuitBreakerSpecSchema>;
