/**
 * ProxyTemplate: the definition the pipeline reads. A legacy policy with `selectors` (no targetRef) that is not a
 * policy plugin: it is the generator itself (kuma `pkg/xds/server/v3/reconcile.go` GenerateSnapshot @ v2.14.3). The
 * simulation pipeline resolves it before generation (`template.ts`), adds its raw resources, and applies its
 * modifications after every plugin and ResourceSet hook (`modifications.ts`). Applied by every supported release:
 * present and unchanged in behaviour from 2.5.0 to v2.14.3, never removed.
 */
import { definePolicy } from "../types.js";
import { ProxyTemplateSpecSchema, type ProxyTemplateSpec } from "./api.js";
import { validateProxyTemplate } from "./validator.js";

export const proxyTemplate = definePolicy<ProxyTemplateSpec>({
  kind: "ProxyTemplate",
  since: "2.5.0", // older than the oldest supported release
  // kumahq/kuma@348b6528bc UPGRADE.md "Legacy policy resources removed": no longer in the resource registry.
  removedIn: "3.0.0",
  replacement: "MeshProxyPatch",
  api: {
    specSchema: ProxyTemplateSpecSchema,
    targetKinds: () => [],
    validate: (spec, ctx) => validateProxyTemplate(spec, ctx),
    // Selectors, not a targetRef: the pipeline selects it with SelectDataplanePolicy (template.ts).
    targetRef: () => undefined,
  },
  // Not in Kuma's plugin order: its modifications run after every plugin (MeshProxyPatch is 9999) and after the
  // ResourceSet hooks; this number only places it last in listings.
  order: 10000,
  runsWithoutPolicies: false,
  reports: ["modifications"],
});

export { resolveProxyTemplate, addRawResources, unmodelledImports, PROXY_TEMPLATE_KIND, type ResolvedTemplate } from "./template.js";
export { applyTemplateModifications, type TemplateModsOutput } from "./modifications.js";
