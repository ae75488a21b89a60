/**
 * What every policy folder provides: one {@link PolicyDefinition} that says everything the pipeline needs to know
 * about the policy (its kind and API, the releases that have it, the targetRef kinds Kuma admits per release, its
 * plugin order, whether the plugin runs when no policy of its kind selects the dataplane, what it reports). The
 * folder holds the API schema, the validator, the plugin, its tests and case files; `registry.ts` lists the
 * definitions, and nothing else changes to add one (docs/adding-a-policy.md).
 */
import type { ModificationReport } from "../model/modification.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { MeshModel } from "../model/mesh.js";
import type { OutboundTarget } from "../model/outbound-target.js";
import type { PolicyKindInfo, PolicyResource } from "../model/policy.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import type { VersionFeatures } from "../model/versions.js";
import type { Warning } from "../warnings.js";
import type { Write } from "../xds/provenance.js";
import type { ResourceSet } from "../xds/resource-set.js";
import type { TraceLine } from "../model/trace-line.js";
import type { YamlMemo } from "../parse/yaml.js";

export interface PluginContext {
  readonly features: VersionFeatures;
  readonly dataplane: DataplaneModel;
  readonly mesh: MeshModel;
  readonly transparentProxy: TransparentProxyPlan;
  /** Policies of the plugin's kind that select this dataplane, least specific first. */
  readonly policies: readonly PolicyResource[];
  /**
   * Every policy of the dataplane's mesh in the snapshot, of any kind (selected or not): Kuma's permission plugins
   * look at the other permission kind (MeshTrafficPermission skips an inbound a TrafficPermission covers).
   */
  readonly meshPolicies?: readonly (PolicyResource & { readonly kind: string })[];
  /** Kuma 3.0: a MeshIdentity gives the proxy a workload identity (meshsim takes any MeshIdentity of the mesh to select it). */
  readonly workloadIdentity?: boolean;
  /** YAML texts of this request parsed already (at admission, or for another dataplane of the batch). */
  readonly yaml?: YamlMemo;
  /** What each generated in-mesh outbound listener and cluster stands for (legacy service or real resource). */
  readonly outboundTargets?: readonly OutboundTarget[];
  /** The zone's environment (default policies are named `<name>.kuma-system` on Kubernetes). */
  readonly environment?: "universal" | "kubernetes";
}

/** A generation failure: Kuma stops producing a snapshot for the proxy and Envoy keeps the previous config. */
export interface ConfigError {
  readonly plugin: string;
  readonly message: string;
  readonly policy?: string;
  readonly modification?: number;
}

export interface PluginOutput {
  readonly resources: ResourceSet;
  readonly warnings: readonly Warning[];
  readonly trace: readonly TraceLine[];
  /** Set when the definition reports `modifications`. */
  readonly modifications?: readonly ModificationReport[];
  readonly configError?: ConfigError;
  /** Fields the plugin wrote on behalf of a policy, for the provenance of limits. */
  readonly writes?: readonly Write[];
  /** What the plugin assumed that the snapshot does not say (e.g. Kuma's default policies), for the answer's `assumptions`. */
  readonly assumptions?: readonly string[];
}

/** The plugin part of a policy: what it does to the generated resources of one dataplane. */
export interface PolicyPlugin {
  /**
   * Whether this release runs the plugin at all, from the version table (e.g. MeshTimeout's inbound defaults from
   * 2.6.0); absent means whenever the kind exists.
   */
  enabled?(features: VersionFeatures): boolean;
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput;
}

/**
 * What a plugin reports besides resources, warnings and trace:
 * - `modifications`: per-modification reports; the config before the first such plugin is the `diff`'s left side.
 */
export type PluginReport = "modifications";

/** Everything the pipeline knows about one policy. */
export interface PolicyDefinition<Spec = unknown> extends PolicyKindInfo<Spec> {
  /** Kuma's plugin order (kuma `pkg/plugins/policies/*` `zz_generated.resource.go` Order @ v2.14.3): lower runs first. */
  readonly order: number;
  /**
   * Whether the plugin runs for a dataplane that no policy of this kind selects (Kuma's defaults that apply
   * without a policy, such as MeshCircuitBreaker's trackRemaining on 2.14).
   */
  readonly runsWithoutPolicies: boolean;
  readonly reports: readonly PluginReport[];
  /**
   * Whether the plugin reads every policy of the mesh (`PluginContext.meshPolicies`), not only those that select the
   * dataplane: then a policy of the mesh can change a dataplane it does not select. Only such plugins get them.
   */
  readonly readsMeshPolicies?: true;
  /** Absent when meshsim only reads the kind (or only accepts it). */
  readonly plugin?: PolicyPlugin;
}

/**
 * Declares a policy. The one cast here lets the registry hold definitions of different spec types: each
 * definition's API only ever receives specs its own schema produced.
 */
export function definePolicy<Spec>(def: PolicyDefinition<Spec>): PolicyDefinition {
  return def as unknown as PolicyDefinition;
}
