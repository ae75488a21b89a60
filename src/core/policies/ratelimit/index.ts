/**
 * RateLimit (legacy, selector-based): the definition the pipeline reads. Kuma applies it inside InboundProxyGenerator
 * after FaultInjection (plugin.ts); meshsim gives it an order below every plugin, just after FaultInjection's.
 */
import { describeSelectors, selectsSomeInbound } from "../legacy.js";
import { definePolicy } from "../types.js";
import { RateLimitSpecSchema, type RateLimitSpec } from "./api.js";
import { rateLimitPlugin } from "./plugin.js";
import { validateRateLimit } from "./validator.js";

export const rateLimit = definePolicy<RateLimitSpec>({
  kind: "RateLimit",
  // Older than the oldest supported release; still registered and generated at kumahq/kuma@v2.14.3.
  since: "2.5.0",
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy policy resources removed": no longer in the resource registry.
  removedIn: "3.0.0",
  replacement: "MeshRateLimit",
  api: {
    specSchema: RateLimitSpecSchema,
    validate: (spec, ctx) => validateRateLimit(spec, ctx),
    targetRef: () => undefined,
    targetKinds: () => [],
    selects: (spec, dp) => selectsSomeInbound(spec, dp),
    describe: (spec) => describeSelectors(spec),
  },
  // Not a plugin in Kuma: FilterChainBuilder configures FaultInjection, then RateLimit, then the routes.
  order: 11,
  runsWithoutPolicies: false,
  reports: [],
  plugin: rateLimitPlugin,
});
