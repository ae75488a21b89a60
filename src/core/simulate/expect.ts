/**
 * Expectations a CI job attaches to a batch request: each named field of the result must hold the
 * expected value. Failures say which field, what was expected and what came out.
 */
import * as z from "zod";
import type { ExpectationFailure, ExpectationOutcome, RequestPart } from "./result.js";

const limitValue = z.union([z.string().max(64), z.number()]);

export const ExpectationSchema = z.strictObject({
  verdict: z.enum(["passthrough", "blocked", "mesh", "direct", "config-error"]).optional(),
  reason: z.string().max(64).optional().describe("reason.code"),
  listener: z.string().max(253).optional().describe("listener.name"),
  cluster: z.string().max(253).optional().describe("cluster.name"),
  limits: z
    .strictObject({
      connectTimeout: limitValue.optional(),
      idleTimeout: limitValue.optional(),
      routeTimeout: limitValue.optional(),
      streamIdleTimeout: limitValue.optional(),
      circuitBreakers: z
        .strictObject({ maxConnections: z.number().optional(), maxPendingRequests: z.number().optional(), maxRequests: z.number().optional(), maxRetries: z.number().optional() })
        .optional(),
    })
    .optional(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export function checkExpectation(r: RequestPart, e: Expectation): ExpectationOutcome {
  const failures: ExpectationFailure[] = [];
  const check = (field: string, expected: string | number | undefined, actual: string | number | null | undefined) => {
    if (expected !== undefined && expected !== actual) failures.push({ field, expected, actual: actual ?? null });
  };
  check("verdict", e.verdict, r.verdict);
  check("reason", e.reason, r.reason.code);
  check("listener", e.listener, r.listener?.name);
  check("cluster", e.cluster, r.cluster?.name);
  const l = e.limits ?? {};
  check("limits.connectTimeout", l.connectTimeout, r.limits.connectTimeout?.value);
  check("limits.idleTimeout", l.idleTimeout, r.limits.idleTimeout?.value);
  check("limits.routeTimeout", l.routeTimeout, r.limits.routeTimeout?.value);
  check("limits.streamIdleTimeout", l.streamIdleTimeout, r.limits.streamIdleTimeout?.value);
  for (const k of ["maxConnections", "maxPendingRequests", "maxRequests", "maxRetries"] as const) check(`limits.circuitBreakers.${k}`, l.circuitBreakers?.[k], r.limits.circuitBreakers?.[k].value);
  return { passed: failures.length === 0, failures };
}
