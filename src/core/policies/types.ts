/**
 * What every policy folder provides. A policy kind (schema + validator) and a plugin (order + apply)
 * live together in `policies/<name>/`; `registry.ts` lists them, and nothing else needs to change
 * to add one.
 */
import type * as z from "zod";
import type { Violation } from "../errors.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { Envelope } from "../model/envelope.js";
import type { MeshModel } from "../model/mesh.js";
import type { KumaMinor, VersionFeatures } from "../model/versions.js";
import type { Warning } from "../warnings.js";
import type { ResourceSet } from "../xds/resource-set.js";
import type { Write } from "../xds/provenance.js";
import type { ModificationReport } from "./meshproxypatch/report.js";
import type { TargetRef } from "./target-ref.js";

/** Policy role (kuma `pkg/core/resources/labels/compute.go` ComputePolicyRole). */
export type PolicyRole = "system" | "producer" | "consumer" | "workload-owner";

export interface PolicyResource<Spec = unknown> {
  readonly envelope: Envelope;
  readonly spec: Spec;
  readonly role: PolicyRole;
  /** True when the policy came from the request's `patches` (what-if) rather than `resources`. */
  readonly whatIf: boolean;
}

export interface ValidationContext {
  readonly features: VersionFeatures;
  readonly role: PolicyRole;
  /** Path of the spec in the request. */
  readonly path: string;
}

/** A Kuma policy resource kind. */
export interface PolicyKind<Spec> {
  readonly kind: string;
  /** Minor that introduced the kind; older versions answer 400 naming it. */
  readonly introducedIn: KumaMinor;
  readonly specSchema: z.ZodType<Spec>;
  /** Kuma's admission validation, with Kuma's field paths (rooted at `ctx.path`) and messages. */
  validate(spec: Spec, ctx: ValidationContext): Violation[];
  targetRef(spec: Spec): TargetRef | undefined;
  /** targetRef kinds this version accepts (for the role). */
  targetKinds(features: VersionFeatures, role: PolicyRole): readonly string[];
}

export interface PluginContext {
  readonly features: VersionFeatures;
  readonly dataplane: DataplaneModel;
  readonly mesh: MeshModel;
  readonly transparentProxy: TransparentProxyPlan;
  /** Policies of the plugin's kind that select this dataplane, least specific first. */
  readonly policies: readonly PolicyResource[];
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
  readonly trace: readonly string[];
  readonly modifications?: readonly ModificationReport[];
  readonly configError?: ConfigError;
  /** Fields the plugin wrote on behalf of a policy, for the provenance of limits. */
  readonly writes?: readonly Write[];
}

export interface PolicyPlugin {
  readonly name: string;
  /** Kuma's plugin order (`zz_generated.resource.go` Order): lower runs first. */
  readonly order: number;
  /** The resource kind the plugin reads, if any (the 2.14 circuit-breaker default reads none). */
  readonly kind?: PolicyKind<unknown>;
  enabled(features: VersionFeatures): boolean;
  apply(resources: ResourceSet, ctx: PluginContext): PluginOutput;
}
