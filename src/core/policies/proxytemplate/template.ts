/**
 * Which ProxyTemplate shapes a dataplane's config, and what its `conf` asks the generator for (kuma
 * `pkg/xds/template/proxy_template_resolver.go` and `pkg/xds/generator/proxy_template.go` @ v2.14.3, the same since
 * 2.5.0): the best-matching template of the dataplane's mesh (SelectDataplanePolicy), or, when none matches, Kuma's
 * built-in default `{imports: [default-proxy]}` with no resources or modifications.
 */
import type { DataplaneModel } from "../../model/dataplane.js";
import { dataplaneSelected, selectDataplanePolicy, type DataplanePolicy } from "../../model/legacy-select.js";
import type { PolicyResource } from "../../model/policy.js";
import type { Warning } from "../../warnings.js";
import { ORIGIN } from "../../xds/names.js";
import { resourceKey } from "../../xds/provenance.js";
import { addResource, type ResourceSet } from "../../xds/resource-set.js";
import { PROFILE_DEFAULT_PROXY, type ProxyTemplateSpec } from "./api.js";
import { parseRawResource } from "./raw.js";

export const PROXY_TEMPLATE_KIND = "ProxyTemplate";

/** The template Kuma resolves for a dataplane, and what it asks for. */
export interface ResolvedTemplate {
  /** The selected ProxyTemplate; undefined when none matched and Kuma's built-in default applies. */
  readonly policy: PolicyResource | undefined;
  /** `conf.imports` in order (the built-in default: `[default-proxy]`). */
  readonly imports: readonly string[];
  /** Whether the default-proxy profile runs: Kuma's generators and (from 2.6.0) its policy plugins. */
  readonly generatesDefault: boolean;
  /** Other ProxyTemplates of the mesh that also select the dataplane but lost to the chosen one. */
  readonly outranked: readonly string[];
}

interface Candidate extends DataplanePolicy {
  readonly resource: PolicyResource;
}

// kumahq/kuma@v2.14.3 pkg/xds/template/proxy_template_resolver.go SelectProxyTemplate, then DefaultTemplateResolver
/** The ProxyTemplate for `dp` among the snapshot's policies, or Kuma's default when none selects it. */
export function resolveProxyTemplate(policies: readonly (PolicyResource & { readonly kind: string })[], dp: DataplaneModel): ResolvedTemplate {
  const candidates: Candidate[] = policies
    .filter((p) => p.kind === PROXY_TEMPLATE_KIND && p.envelope.mesh === dp.mesh)
    .map((p) => ({
      name: p.envelope.name,
      mesh: p.envelope.mesh,
      creationTime: p.envelope.creationTime,
      selectors: ((p.spec as ProxyTemplateSpec).selectors ?? []).map((s) => s.match ?? {}),
      resource: p,
    }));
  const matches = (sel: Readonly<Record<string, string>>) => dataplaneSelected(dp, sel);
  const chosen = selectDataplanePolicy(matches, dp.mesh, candidates);
  if (!chosen) return { policy: undefined, imports: [PROFILE_DEFAULT_PROXY], generatesDefault: true, outranked: [] };
  const spec = chosen.policy.resource.spec as ProxyTemplateSpec;
  const imports = spec.conf?.imports ?? [];
  const outranked = candidates
    .filter((c) => c !== chosen.policy && (c.selectors.length === 0 || c.selectors.some((s) => Object.keys(s).length === 0 || matches(s))))
    .map((c) => c.name);
  return { policy: chosen.policy.resource, imports, generatesDefault: imports.includes(PROFILE_DEFAULT_PROXY), outranked };
}

/** What the profiles other than default-proxy would do for a dataplane, which meshsim does not generate. */
export function unmodelledImports(t: ResolvedTemplate): Warning[] {
  if (!t.policy) return [];
  const name = t.policy.envelope.name;
  const out: Warning[] = [];
  const seen = new Set<string>();
  for (const imp of t.imports) {
    if (imp === PROFILE_DEFAULT_PROXY && seen.has(imp))
      out.push({ code: "proxy-template-approximate", message: `ProxyTemplate "${name}" imports default-proxy more than once; meshsim generates it once (Kuma regenerates it over the first copy, replacing resources by name)` });
    else if (imp !== PROFILE_DEFAULT_PROXY)
      out.push({ code: "proxy-template-approximate", message: `ProxyTemplate "${name}" imports the ${imp} profile, which is meant for another kind of proxy (zone ingress, zone egress or built-in gateway); meshsim does not generate it for a dataplane` });
    seen.add(imp);
  }
  return out;
}

// kumahq/kuma@v2.14.3 pkg/xds/generator/proxy_template.go ProxyTemplateRawSource
/**
 * Adds `conf.resources` to the config under their ProxyTemplate names (origin `proxy-template-raw`); one that has
 * the name of a generated resource of the same type replaces it (ResourceSet.AddSet). `written` names each one and
 * its source (`<template>#resources[<i>]`) for the provenance of limits.
 */
export function addRawResources(
  resources: ResourceSet,
  template: PolicyResource,
): { resources: ResourceSet; warnings: Warning[]; trace: string[]; written: { resource: string; source: string }[] } {
  const spec = template.spec as ProxyTemplateSpec;
  const name = template.envelope.name;
  let rs = resources;
  const warnings: Warning[] = [];
  const trace: string[] = [];
  const written: { resource: string; source: string }[] = [];
  (spec.conf?.resources ?? []).forEach((r, i) => {
    const parsed = parseRawResource(r.resource ?? "", `conf.resources[${i}].resource`);
    if (!parsed.ok) {
      // The validator refused invalid ones; what is left is a type meshsim does not model.
      warnings.push({ code: "proxy-template-approximate", message: `ProxyTemplate "${name}" conf.resources[${i}] ("${r.name ?? ""}"): ${parsed.message}; Kuma adds it, meshsim leaves it out` });
      return;
    }
    const key = r.name ?? "";
    const replaced = rs.some((x) => x.type === parsed.type && x.name === key);
    rs = addResource(rs, { type: parsed.type, name: key, origin: ORIGIN.proxyTemplateRaw, value: parsed.value });
    written.push({ resource: resourceKey({ type: parsed.type, name: key }), source: `${name}#resources[${i}]` });
    if (parsed.value["name"] !== key)
      warnings.push({ code: "proxy-template-approximate", message: `ProxyTemplate "${name}" conf.resources[${i}] is named "${key}" but the Envoy ${parsed.type} inside is named "${String(parsed.value["name"] ?? "")}": Kuma's modifications match the first, Envoy sees the second` });
    trace.push(`ProxyTemplate ${name}: raw ${parsed.type} ${key}${replaced ? " replaces the generated one" : " added"}`);
  });
  return { resources: rs, warnings, trace, written };
}
