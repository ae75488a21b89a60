/**
 * The legacy RateLimit resource (kuma `api/mesh/v1alpha1/rate_limit.proto` @ v2.14.3, unchanged since v2.7.20 but
 * for KDS options): `sources`, `destinations` and `conf.http` (requests per interval, and what a limited request
 * gets). Universal form keeps them at the top level, Kubernetes form under `spec`.
 */
import * as z from "zod";
import { SelectorSchema } from "../legacy.js";

export const RateLimitHttpSchema = z.looseObject({
  requests: z.number().int().min(0).max(4294967295).optional(),
  /** Go duration text, e.g. `10s`. */
  interval: z.string().optional(),
  onRateLimit: z
    .looseObject({
      status: z.number().int().min(0).max(4294967295).optional(),
      headers: z.array(z.looseObject({ key: z.string().optional(), value: z.string().optional(), append: z.boolean().optional() })).optional(),
    })
    .optional(),
});

export const RateLimitSpecSchema = z.looseObject({
  sources: z.array(SelectorSchema).optional(),
  destinations: z.array(SelectorSchema).optional(),
  conf: z.looseObject({ http: RateLimitHttpSchema.optional() }).optional(),
});

export type RateLimitSpec = z.infer<typeof RateLimitSpecSchema>;
export type RateLimitHttp = z.infer<typeof RateLimitHttpSchema>;
