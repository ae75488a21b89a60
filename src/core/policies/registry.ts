/**
 * Every policy meshsim knows, one line each; the pipeline sorts them by Kuma's plugin order.
 * Adding a policy: write its folder, add one line here (docs/adding-a-policy.md).
 */
import { faultInjection } from "./faultinjection/index.js";
import { meshAccessLog } from "./meshaccesslog/index.js";
import { meshCircuitBreaker } from "./meshcircuitbreaker/index.js";
import { meshPassthrough } from "./meshpassthrough/index.js";
import { meshProxyPatch } from "./meshproxypatch/index.js";
import { meshTimeout } from "./meshtimeout/index.js";
import { meshTls } from "./meshtls/index.js";
import { meshTrafficPermission } from "./meshtrafficpermission/index.js";
import { proxyTemplate } from "./proxytemplate/index.js";
import { rateLimit } from "./ratelimit/index.js";
import { trafficPermission } from "./trafficpermission/index.js";
import type { PolicyDefinition } from "./types.js";

/** Every registered policy, in Kuma's plugin order. */
export const POLICIES: readonly PolicyDefinition[] = [
  faultInjection,
  meshAccessLog,
  meshCircuitBreaker,
  meshPassthrough,
  meshProxyPatch,
  meshTimeout,
  meshTls,
  meshTrafficPermission,
  proxyTemplate,
  rateLimit,
  trafficPermission,
]
  .slice()
  .sort((a, b) => a.order - b.order);
