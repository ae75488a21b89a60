/**
 * The MeshPassthrough plugin (kuma `pkg/plugins/policies/meshpassthrough/plugin/v1alpha1/plugin.go` @ v2.14.3,
 * order 500): merges the selected policies, then, against Mesh `networking.outbound.passthrough`, removes or
 * adds the default outbound passthrough clusters or (Matched) rewrites the passthrough listeners.
 * Kuma's cases: `plugin/v1alpha1/plugin_test.go` and its goldens `plugin/v1alpha1/testdata/*.golden.yaml` @ v2.14.3
 * (e.g. `disabled_on_policy`: Mesh passthrough on + None removes the clusters; `enabled_on_policy`: off + All adds them).
 */
import type { VersionFeatures } from "../../model/versions.js";
import type { Warning } from "../../warnings.js";
import { ORIGIN, passthroughName, type IpFamily, type NamingScheme } from "../../xds/names.js";
import { addResource, removeResources, type ResourceSet } from "../../xds/resource-set.js";
import { originalDstCluster } from "../../generate/transparent-proxy.js";
import type { ConfigError, PluginContext, PluginOutput, PolicyPlugin } from "../types.js";
import type { PolicyResource } from "../../model/policy.js";
import { DEFAULT_MODE, protocolOf, type Match, type MeshPassthroughConf, type MeshPassthroughSpec } from "./api.js";
import { getOrderedMatchers, isL7 } from "./order.js";
import { configureListeners } from "./xds.js";
import { configureLegacyListeners, getLegacyMatchers } from "./xds-by-protocol-port.js";
import { internalAddressesAt } from "../../model/kuma-defaults.js";
import { listLine, type TraceLine } from "../../model/trace-line.js";


/** Generation stops with more filter chains than this: a meshsim guard (Kuma has none) against port-expansion blow-up. */
export const MAX_GENERATED_CHAINS = 2000;

const FAMILIES: readonly IpFamily[] = ["ipv4", "ipv6"];

/** The merged `default` of the selected policies, with the policy each appendMatch entry came from. */
export interface MergedConf {
  readonly conf: MeshPassthroughConf;
  /** Name of the policy that set the winning passthroughMode, if any. */
  readonly modeFrom: string | undefined;
  /** Policy name of each merged appendMatch entry. */
  readonly matchFrom: readonly string[];
  readonly trace: readonly string[];
}

/**
 * rules/merge/merge.go Confs over the policies, least specific first: `passthroughMode` from the last policy
 * that sets it (RFC 7396 merge patch: an omitted field never overrides), `appendMatch` concatenated (fields
 * named Append*). On Kubernetes ≤ 2.9 the CRD defaulted an omitted `passthroughMode` to None in each stored
 * resource, so such a policy sets None explicitly.
 */
export function mergeConfs(policies: readonly PolicyResource[], f: VersionFeatures): MergedConf {
  let mode: string | undefined;
  let modeFrom: string | undefined;
  const appendMatch: Match[] = [];
  const matchFrom: string[] = [];
  const trace: string[] = [];
  for (const p of policies) {
    const d = (p.spec as MeshPassthroughSpec).default;
    let own = d?.passthroughMode;
    if (own === undefined && d !== undefined && f.meshPassthroughCrdDefaultNone && p.envelope.form === "kubernetes") {
      own = "None";
      trace.push(`MeshPassthrough ${p.envelope.name}: Kubernetes resource without passthroughMode; the Kuma ${f.minor} CRD stores the default None`);
    }
    if (own !== undefined) [mode, modeFrom] = [own, p.envelope.name];
    for (const m of d?.appendMatch ?? []) {
      appendMatch.push(m);
      matchFrom.push(p.envelope.name);
    }
  }
  return { conf: { ...(mode !== undefined ? { passthroughMode: mode } : {}), appendMatch }, modeFrom, matchFrom, trace };
}

export interface ApplyOptions {
  readonly features: VersionFeatures;
  /** Mesh `networking.outbound.passthrough` (true when unset). */
  readonly meshPassthrough: boolean;
  readonly scheme: NamingScheme;
  /** CIDRs for the HCM `internalAddressConfig`; empty means `127.0.0.1/32` (Kuma's LocalHostAddresses); undefined: no such config (before 2.9.9). */
  readonly internalAddresses: readonly string[] | undefined;
}

export interface ApplyResult {
  readonly resources: ResourceSet;
  readonly warnings: readonly Warning[];
  readonly trace: readonly TraceLine[];
  /**
   * Generation failed; the resource set is then the input. `kuma`: Kuma's own error (without the plugin
   * prefix) and the ports it names; `meshsim-limit`: meshsim refused to generate that much config.
   */
  readonly error?: { readonly kind: "kuma" | "meshsim-limit"; readonly message: string; readonly ports: readonly number[] };
}

/** plugin.go removeDefaultPassthroughCluster: both families' outbound passthrough clusters. */
function removeDefaultClusters(rs: ResourceSet, scheme: NamingScheme): ResourceSet {
  const names = new Set(FAMILIES.map((fam) => passthroughName("outbound", fam, scheme)));
  return removeResources(rs, (r) => r.type === "cluster" && names.has(r.name));
}

/** plugin.go addDefaultPassthroughClusters: both families, whatever listeners exist, origin `transparent`. */
function addDefaultClusters(rs: ResourceSet, scheme: NamingScheme, f: VersionFeatures): ResourceSet {
  let out = rs;
  for (const fam of FAMILIES) {
    const name = passthroughName("outbound", fam, scheme);
    out = addResource(out, { type: "cluster", name, origin: ORIGIN.transparent, value: originalDstCluster(name, f) });
  }
  return out;
}

/**
 * plugin.go applyToOutboundPassthrough with its xds Configurer, for a merged conf (pure). The v2.14.3 truth
 * table: mesh on + None removes the default clusters; mesh off + All adds them; mesh on + All and mesh off +
 * None change nothing; Matched (the default) removes them and, with entries, rewrites the listeners.
 */
export function applyMeshPassthrough(resources: ResourceSet, conf: MeshPassthroughConf, options: ApplyOptions): ApplyResult {
  const { features: f, meshPassthrough, scheme } = options;
  const mode = conf.passthroughMode === undefined || conf.passthroughMode === "" ? DEFAULT_MODE : conf.passthroughMode;
  const flag = `Mesh networking.outbound.passthrough ${meshPassthrough}`;
  const defaults = FAMILIES.map((fam) => passthroughName("outbound", fam, scheme)).join(" and ");
  if (mode === "None") {
    if (!meshPassthrough) return { resources, warnings: [], trace: [`MeshPassthrough: passthroughMode None with ${flag}: the default clusters do not exist; nothing to do, non-mesh traffic is blocked`] };
    return {
      resources: removeDefaultClusters(resources, scheme),
      warnings: [],
      trace: [`MeshPassthrough: passthroughMode None with ${flag}: removed the clusters ${defaults}; the passthrough listeners now name a missing cluster, so non-mesh traffic is closed`],
    };
  }
  if (mode === "All") {
    if (meshPassthrough) return { resources, warnings: [], trace: [`MeshPassthrough: passthroughMode All with ${flag}: the default clusters are in place; nothing to do (appendMatch is ignored)`] };
    return {
      resources: addDefaultClusters(resources, scheme, f),
      warnings: [],
      trace: [`MeshPassthrough: passthroughMode All with ${flag}: added the clusters ${defaults} the generator left out (appendMatch is ignored)`],
    };
  }
  if (mode !== "Matched") return { resources, warnings: [], trace: [`MeshPassthrough: passthroughMode ${mode} is none of All, Matched, None; Kuma does nothing`] };

  const matches = conf.appendMatch ?? [];
  const removed = removeDefaultClusters(resources, scheme);
  if (matches.length === 0)
    return { resources: removed, warnings: [], trace: [`MeshPassthrough: passthroughMode Matched with no appendMatch: removed the clusters ${defaults}; non-mesh traffic is closed`] };
  if (f.meshPassthroughLayout === "by-protocol-port") return applyByProtocolPort(removed, resources, matches, options, defaults);
  const ordered = getOrderedMatchers(matches, f.meshPassthroughSortsTies);
  if (!ordered.ok) {
    // multierr joins Kuma's errors with "; ".
    const message = ordered.errors.map((e) => e.message).join("; ");
    return { resources, warnings: [], trace: [`MeshPassthrough: generation failed: ${message}`], error: { kind: "kuma", message, ports: ordered.errors.map((e) => e.port) } };
  }
  const listeners = FAMILIES.map((family) => ({ family, name: passthroughName("outbound", family, scheme) }));
  const chainCount = listeners.filter((l) => resources.some((r) => r.type === "listener" && r.name === l.name)).length * ordered.matchers.length;
  if (chainCount > MAX_GENERATED_CHAINS) {
    const message = `meshsim limit: these rules expand to up to ${chainCount} filter chains (port-less rules are copied to every port in the list); meshsim generates at most ${MAX_GENERATED_CHAINS}`;
    return { resources, warnings: [], trace: [`MeshPassthrough: ${message}`], error: { kind: "meshsim-limit", message, ports: [] } };
  }
  const done = configureListeners(removed, ordered.matchers, listeners, f.hcmInternalAddressConfig ? options.internalAddresses : undefined, f);
  const trace = [
    `MeshPassthrough: passthroughMode Matched, ${matches.length} appendMatch entries → ${ordered.matchers.length} filter-chain matchers (port-less rules copied to every explicit port)`,
    `MeshPassthrough: removed the clusters ${defaults}`,
    done.rewritten.length > 0
      ? `MeshPassthrough: replaced every filter chain of ${done.rewritten.join(" and ")} with the matchers' chains and added the ${f.meshPassthroughOriginalDst ? "original_dst, " : ""}tls_inspector and http_inspector listener filters`
      : "MeshPassthrough: no passthrough listener has a matcher of its IP family; listeners unchanged",
    ...listeners
      .filter((l) => !done.rewritten.includes(l.name) && resources.some((r) => r.type === "listener" && r.name === l.name))
      .map((l) => `MeshPassthrough: ${l.name} has no rule of its family and keeps its catch-all chain, whose cluster was removed: its non-mesh traffic is closed`),
    addedClusters(done.clusters),
    ...(ordered.ties ? [TIE_TRACE(f)] : []),
  ];
  return { resources: done.resources, warnings: [], trace };
}

/** The trace line naming the ORIGINAL_DST clusters the entries added (one per rule: hundreds on a large mesh). */
const addedClusters = (clusters: readonly string[]): TraceLine =>
  clusters.length > 0
    ? listLine(`MeshPassthrough: added ${clusters.length} ORIGINAL_DST clusters (origin ${ORIGIN.meshPassthrough}): `, clusters, ", ")
    : `MeshPassthrough: added 0 ORIGINAL_DST clusters (origin ${ORIGIN.meshPassthrough})`;

const TIE_TRACE = (f: VersionFeatures) =>
  `MeshPassthrough: some rules tie in Kuma ${f.release}'s ordering (IPs of one port, CIDRs of one prefix length); Kuma orders those in Go map iteration order, which changes from one generation to the next (sorted from 2.9.11, v2.10.9, v2.11.8, v2.12.4, v2.13.0: commit 3ffd9aa3f6, #14857). meshsim shows them in appendMatch order; the chosen chain can differ when their matches overlap`;

/**
 * The 2.8.0 … 2.9.1 generator (xds-by-protocol-port.ts): one aggregated chain per (protocol, port). Every listener
 * left without a filter chain (2.8.0 clears even a listener of a family no rule names) is one Envoy rejects.
 */
function applyByProtocolPort(removed: ResourceSet, resources: ResourceSet, matches: readonly Match[], options: ApplyOptions, defaults: string): ApplyResult {
  const f = options.features;
  const legacy = getLegacyMatchers(matches);
  if (!legacy.ok) {
    const message = legacy.errors.map((e) => e.message).join("; ");
    return { resources, warnings: [], trace: [`MeshPassthrough: generation failed: ${message}`], error: { kind: "kuma", message, ports: legacy.errors.map((e) => e.port) } };
  }
  const listeners = FAMILIES.map((family) => ({ family, name: passthroughName("outbound", family, options.scheme) }));
  const done = configureLegacyListeners(removed, legacy.matchers, listeners, f.hcmInternalAddressConfig ? options.internalAddresses : undefined, f);
  const empty = done.rewritten.filter((n) => {
    const l = done.resources.find((r) => r.type === "listener" && r.name === n);
    return Array.isArray(l?.value["filterChains"]) && (l.value["filterChains"] as unknown[]).length === 0;
  });
  // A listener left without chains is one Envoy rejects; the general acceptance check (xds/validate) reports it.
  const warnings: Warning[] = [];
  const emptyNotes = empty.map(
    (n) => `MeshPassthrough: listener ${n} left without filter chains (Kuma ${f.release} removed its catch-all chain and added none: no rule of its IP family; fixed in 2.9.0 by commit a53c594377, #11540)`,
  );
  const trace = [
    `MeshPassthrough: passthroughMode Matched, ${matches.length} appendMatch entries → ${legacy.matchers.length} (protocol, port) matchers (Kuma ${f.release}: tcp/tls one chain per rule, http/http2/grpc one chain per port with the rules as virtual hosts and no destination-port match)`,
    `MeshPassthrough: removed the clusters ${defaults}`,
    done.rewritten.length > 0
      ? `MeshPassthrough: replaced every filter chain of ${done.rewritten.join(" and ")} and added the tls_inspector and http_inspector listener filters (no original_dst before 2.10.0)`
      : "MeshPassthrough: no passthrough listener rewritten",
    addedClusters(done.clusters),
    ...(legacy.ties ? [TIE_TRACE(f)] : []),
    ...emptyNotes,
  ];
  return { resources: done.resources, warnings, trace };
}

/** Policies whose merged entries put an L7 protocol on one of `ports` (port-less entries are port 0). */
function l7PoliciesOnPorts(merged: MergedConf, ports: readonly number[]): string[] {
  const names = new Set<string>();
  (merged.conf.appendMatch ?? []).forEach((m, i) => {
    if (isL7(protocolOf(m)) && ports.includes(m.port ?? 0)) names.add(merged.matchFrom[i]!);
  });
  return [...names];
}

// plugin.go Apply: Kuma's warnings for proxies the policy does not support (the config is left alone).
const BUILTIN_GATEWAY_WARNING = "policy doesn't support builtin gateway";
const NO_TRANSPARENT_PROXY_WARNING = "policy doesn't support proxy running without transparent-proxy";

/** plugin.go Apply. */
function apply(resources: ResourceSet, ctx: PluginContext): PluginOutput {
  if (ctx.policies.length === 0) return { resources, warnings: [], trace: [] };
  const names = ctx.policies.map((p) => p.envelope.name).join(", ");
  if (ctx.dataplane.gateway === "BUILTIN")
    return { resources, warnings: [{ code: "policy-ignored", message: BUILTIN_GATEWAY_WARNING }], trace: [`MeshPassthrough (${names}) ignored: ${BUILTIN_GATEWAY_WARNING}`] };
  if (ctx.transparentProxy.disabledReason) {
    const why = ctx.transparentProxy.disabledReason === "bind-outbounds" ? "the proxy runs with feature-bind-outbounds" : "the proxy has no transparent proxy";
    return {
      resources,
      warnings: [{ code: "policy-ignored", message: NO_TRANSPARENT_PROXY_WARNING }],
      trace: [`MeshPassthrough (${names}) ignored (${why}): ${NO_TRANSPARENT_PROXY_WARNING}`],
    };
  }
  const merged = mergeConfs(ctx.policies, ctx.features);
  const mode = merged.conf.passthroughMode;
  const trace = [
    ...merged.trace,
    `MeshPassthrough (order 500): merged ${ctx.policies.length} policies least specific first (${names}): passthroughMode ${mode === undefined ? `unset, so ${DEFAULT_MODE}` : `${mode} (from ${merged.modeFrom})`}, ${(merged.conf.appendMatch ?? []).length} appendMatch entries`,
  ];
  const r = applyMeshPassthrough(resources, merged.conf, {
    features: ctx.features,
    meshPassthrough: ctx.mesh.passthrough,
    scheme: ctx.transparentProxy.scheme,
    internalAddresses: internalAddressesAt(ctx.features),
  });
  if (r.error) {
    const culprits = l7PoliciesOnPorts(merged, r.error.ports);
    const configError: ConfigError = {
      plugin: "MeshPassthrough",
      // Kuma wraps plugin errors as "could not apply policy plugin <name>: …" (as for MeshProxyPatch).
      message: r.error.kind === "kuma" ? `could not apply policy plugin meshpassthrough: ${r.error.message}` : r.error.message,
      ...(culprits.length > 0 ? { policy: culprits.join(", ") } : {}),
    };
    return { resources, warnings: [...r.warnings], trace: [...trace, ...r.trace], configError };
  }
  return { resources: r.resources, warnings: r.warnings, trace: [...trace, ...r.trace] };
}

/** Replaces the outbound passthrough listeners' chains with the merged MeshPassthrough's matchers. */
export const meshPassthroughPlugin: PolicyPlugin = { apply };
