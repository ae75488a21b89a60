/**
 * MeshTimeout API (kuma `pkg/plugins/policies/meshtimeout/api/v1alpha1/meshtimeout.go` @ v2.14.3): a top-level
 * `targetRef`, `to[] {targetRef, default}`, `from[] {targetRef, default}` and, from 2.10.0, `rules[] {default}` (commit
 * 8f2193af45, #12696) with `matches` (spiffeID / SNI) from v2.14.0 (commit c60e95c43c, #16647). `default` is
 * `{connectionTimeout, idleTimeout, http: {requestTimeout, streamIdleTimeout, maxStreamDuration, maxConnectionDuration,
 * requestHeadersTimeout}}`, each a Go duration string (k8s metav1.Duration, read with time.ParseDuration).
 */
import * as z from "zod";
import { TargetRefSchema } from "../../model/target-ref.js";

const duration = z.string().max(64);

export const HttpSchema = z.strictObject({
  requestTimeout: duration.optional(),
  streamIdleTimeout: duration.optional(),
  maxStreamDuration: duration.optional(),
  maxConnectionDuration: duration.optional(),
  requestHeadersTimeout: duration.optional().describe("2.6+."),
});

export const ConfSchema = z.strictObject({
  connectionTimeout: duration.optional(),
  idleTimeout: duration.optional(),
  http: HttpSchema.optional(),
});

/** common_api.Match: a SPIFFE ID (`Exact` / `Prefix`) or SNI condition (api/common/v1alpha1/match.go @ v2.14.3). */
export const MatchSchema = z.strictObject({
  spiffeID: z.strictObject({ type: z.string().max(32).optional(), value: z.string().max(2048).optional() }).optional(),
  sni: z.strictObject({ type: z.string().max(32).optional(), value: z.string().max(253).optional() }).optional(),
});

export const ToSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });
export const FromSchema = z.strictObject({ targetRef: TargetRefSchema, default: ConfSchema.optional() });
export const RuleSchema = z.strictObject({ matches: z.array(MatchSchema).max(64).optional().describe("v2.14+."), default: ConfSchema.optional() });

export const MeshTimeoutSpecSchema = z.strictObject({
  targetRef: TargetRefSchema.optional(),
  to: z.array(ToSchema).max(64).optional(),
  from: z.array(FromSchema).max(64).optional().describe("Gone in 3.0 (use rules)."),
  rules: z.array(RuleSchema).max(64).optional().describe("2.10+."),
});

export type MeshTimeoutConf = z.infer<typeof ConfSchema>;
export type MeshTimeoutSpec = z.infer<typeof MeshTimeoutSpecSchema>;
export type MeshTimeoutMatch = z.infer<typeof MatchSchema>;
