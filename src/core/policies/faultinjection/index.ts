/**
 * FaultInjection (legacy, selector-based): the definition the pipeline reads. Kuma applies it inside
 * InboundProxyGenerator (plugin.ts); meshsim gives it an order below every plugin so it runs first.
 */
import { describeSelectors, selectsSomeInbound } from "../legacy.js";
import { definePolicy } from "../types.js";
import { FaultInjectionSpecSchema, type FaultInjectionSpec } from "./api.js";
import { faultInjectionPlugin } from "./plugin.js";
import { validateFaultInjection } from "./validator.js";

export const faultInjection = definePolicy<FaultInjectionSpec>({
  kind: "FaultInjection",
  // Older than the oldest supported release; still registered and generated at kumahq/kuma@v2.14.3
  // (pkg/core/resources/apis/mesh/zz_generated.resources.go, inbound_proxy_generator.go).
  since: "2.5.0",
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy policy resources removed": no longer in the resource registry.
  removedIn: "3.0.0",
  replacement: "MeshFaultInjection",
  api: {
    specSchema: FaultInjectionSpecSchema,
    validate: (spec, ctx) => validateFaultInjection(spec, ctx),
    targetRef: () => undefined,
    targetKinds: () => [],
    selects: (spec, dp) => selectsSomeInbound(spec, dp),
    describe: (spec) => describeSelectors(spec),
  },
  // Not a plugin in Kuma: part of InboundProxyGenerator, so before MeshTLS (300) and every other plugin.
  order: 10,
  runsWithoutPolicies: false,
  reports: [],
  plugin: faultInjectionPlugin,
});
