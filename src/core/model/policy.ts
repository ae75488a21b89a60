/**
 * Policies as the snapshot reads them: a resource of a policy kind, its role, and what a kind must provide for the
 * snapshot to parse and admit it ({@link PolicyKindInfo}). The pipeline's view of a policy (order, plugin) is
 * `policies/types.ts`, which extends this.
 */
import type * as z from "zod";
import type { Violation } from "../errors.js";
import type { DataplaneModel } from "./dataplane.js";
import type { Envelope } from "./envelope.js";
import type { YamlMemo } from "../parse/yaml.js";
import type { TargetRef } from "./target-ref.js";
import { atLeast, type Release, type VersionFeatures } from "./versions.js";

/** Policy role (kuma `pkg/core/resources/labels/compute.go` ComputePolicyRole @ v2.14.3). */
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
  /** The targetRef kinds Kuma admits for this kind, release and role ({@link PolicyApi.targetKinds}). */
  readonly targetKinds: readonly string[];
  /** YAML texts of this request parsed already (admission parses `value:` patches the plugins read again). */
  readonly yaml?: YamlMemo;
}

/** The resource API of a policy kind meshsim models: its spec schema and Kuma's admission checks. */
export interface PolicyApi<Spec> {
  readonly specSchema: z.ZodType<Spec>;
  /** Kuma's admission validation, with Kuma's field paths (rooted at `ctx.path`) and messages. */
  validate(spec: Spec, ctx: ValidationContext): Violation[];
  /** The top-level targetRef, if the spec has one (an omitted one means the whole Mesh). */
  targetRef(spec: Spec): TargetRef | undefined;
  /** targetRef kinds Kuma admits at this release for a policy of this role. */
  targetKinds(features: VersionFeatures, role: PolicyRole): readonly string[];
  /**
   * Legacy (selector-based) kinds: whether the policy applies to this dataplane, replacing the targetRef check (Kuma
   * matches their `sources` / `destinations` selectors, not a targetRef).
   */
  selects?(spec: Spec, dataplane: DataplaneModel): boolean;
  /** Legacy kinds: how the policy list shows the selectors (in place of a targetRef). */
  describe?(spec: Spec): string;
}

/** What the snapshot needs to know of a policy kind to read a resource of it. */
export interface PolicyKindInfo<Spec = unknown> {
  readonly kind: string;
  /** The first release with the kind; before it a resource of the kind is refused, naming that release. */
  readonly since: Release;
  /** The first release without the kind, when Kuma removed it. */
  readonly removedIn?: Release;
  /** What replaces a removed kind, for the refusal's message (e.g. `MeshTrafficPermission`). */
  readonly replacement?: string;
  /** The resource API; without it a resource of the kind is accepted and ignored with a warning. */
  readonly api?: PolicyApi<Spec>;
}

/** Whether a policy kind exists at a release: from `since`, until `removedIn` (exclusive). */
export function kindExistsAt(kind: Pick<PolicyKindInfo, "since" | "removedIn">, release: Release): boolean {
  return atLeast(release, kind.since) && !(kind.removedIn !== undefined && atLeast(release, kind.removedIn));
}
