/** What the simulate layer answers: one request's walk, its dataplane's shared facts, and the endpoints' results. */
import type { DiffOp } from "../diff.js";
import type { Violation } from "../errors.js";
import type { InboundHow, InboundReasonCode, InboundWalk } from "../match/inbound.js";
import type { Limits } from "../match/limits.js";
import type { OutboundWalk, ReasonCode } from "../match/outbound.js";
import type { ModificationReport, ModificationStatus } from "../model/modification.js";
import type { Release } from "../model/versions.js";
import type { Warning, WarningCode } from "../warnings.js";
import type { EnvoyConfig } from "../xds/resource-set.js";
import type { WhatIfChanges } from "../snapshot/snapshot.js";
import type { PolicySummary } from "./proxy.js";
import type { LintFinding } from "../policies/meshpassthrough/lint.js";
import type { ModificationOut } from "./long-lists.js";

export type Verdict = OutboundWalk["verdict"] | InboundWalk["verdict"] | "config-error";

/** What one request adds on top of its dataplane's generation. */
export interface RequestPart {
  readonly verdict: Verdict;
  readonly reason: { readonly code: ReasonCode | InboundReasonCode | "config-error"; readonly message: string };
  /** Inbound only: how an accepted connection reaches the application. */
  readonly how?: InboundHow | null;
  readonly listener: OutboundWalk["listener"];
  readonly filterChain: OutboundWalk["filterChain"];
  readonly route: OutboundWalk["route"];
  readonly cluster: OutboundWalk["cluster"];
  readonly limits: Limits;
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  readonly trace: readonly string[];
}

/** What every request from one dataplane shares: the policies, modifications, generation notes and config. */
export interface DataplanePart {
  readonly policies: readonly PolicySummary[];
  /** Each `matched` cut to its first names (with `matchedCount`) unless the answer is asked for whole. */
  readonly modifications: readonly ModificationOut[];
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  readonly trace?: readonly string[];
  readonly config?: EnvoyConfig;
  readonly diff?: readonly DiffOp[];
}

/** The answer of `POST /v1/simulate`: a request's walk, and its dataplane's shared facts (contract order). */
export type SimulationResult = { readonly kumaVersion: string; readonly dataplane: string } & Omit<RequestPart, "warnings" | "assumptions" | "trace"> &
  Omit<DataplanePart, "trace"> & { readonly whatIf?: WhatIfChanges; readonly trace?: readonly string[] };

export type SimulateOutcome = { readonly ok: true; readonly result: SimulationResult } | { readonly ok: false; readonly errors: readonly Violation[] };

export interface BatchResult {
  readonly kumaVersion: string;
  readonly results: readonly (Omit<RequestPart, "trace"> & { readonly dataplane: string; readonly trace?: readonly string[]; readonly expectation: ExpectationOutcome | null })[];
  /** Per source dataplane, what all its requests share. */
  readonly dataplanes: Readonly<Record<string, DataplanePart>>;
  readonly summary: BatchSummary;
  /** What the what-ifs replaced, added and removed (absent without what-ifs). */
  readonly whatIf?: WhatIfChanges;
}

/** Counts over a batch's answer, so a CI job can read them with or without expectations. */
export interface BatchSummary {
  /** Requests. */
  readonly total: number;
  /** Requests without an expectation outcome, or whose expectation passed. */
  readonly passed: number;
  /** Requests whose expectation (or `failOn`) failed. */
  readonly failed: number;
  /** Entries of every `dataplanes[*].modifications` by status (each dataplane once, however many requests it sends); every status, 0 included. */
  readonly modifications: Readonly<Record<ModificationStatus, number>>;
  /** Entries of every `dataplanes[*].warnings` and every `results[*].warnings` by code; only codes that occur. */
  readonly warnings: Readonly<Partial<Record<WarningCode, number>>>;
}

export type BatchOutcome = { readonly ok: true; readonly result: BatchResult } | { readonly ok: false; readonly errors: readonly Violation[] };

/** The `include` values: the three heavy fields, and `full` (every long list whole; see long-lists.ts). */
export type Include = "config" | "diff" | "trace" | "full";

/** How an answer is sized beyond its body: `full` is `include: ["full"]` asked another way (the query parameter `?full=1`). */
export interface AnswerOptions {
  readonly full?: boolean;
}

/**
 * What the simulator answered for a finding's probe. `confirmed`: the probe does not reach the entry's own cluster,
 * as the finding says; `not-confirmed`: it does (the whole snapshot, e.g. another policy merged in, changes the
 * picture; the finding stays); `no-dataplane`: no dataplane of the snapshot is selected by the policy.
 */
export type LintProof =
  | {
      readonly status: "confirmed" | "not-confirmed";
      readonly dataplane: string;
      readonly verdict: string;
      readonly filterChain: string | null;
      readonly cluster: string | null;
    }
  | { readonly status: "no-dataplane"; readonly message: string };

export type ProvedFinding = LintFinding & { readonly proof?: LintProof };

/** What `POST /v1/validate` answers for a snapshot Kuma (and meshsim) would accept. */
export interface ValidationResult {
  readonly valid: true;
  readonly kumaVersion: string;
  /** How many resources of each kind were read (Mesh, Dataplane, policies, destinations, TrafficLog). */
  readonly resources: Readonly<Record<string, number>>;
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  /** Only when the body was a simulate or batch body: the fields that were accepted but not checked, and why. */
  readonly ignored?: { readonly fields: readonly string[]; readonly note: string };
  /** What the what-ifs replaced, added and removed (absent without what-ifs). */
  readonly whatIf?: WhatIfChanges;
  /**
   * The MeshPassthrough lint at this release (absent when the snapshot has no MeshPassthrough; empty when clean):
   * entries that never match or lose traffic, pairs Kuma's generator or Envoy refuses, case and trailing-dot twins.
   */
  readonly lint?: readonly ProvedFinding[];
}

/**
 * One unmet expectation. `field` names it: a result field (`verdict`, `limits.connectTimeout`, ...),
 * `modifications.<source>`, `warnings.<code>`, or `failOn` (a finding the batch's `failOn` lists; `expected` is null).
 * Failures about a modification carry its `source`, a `message` naming both statuses and its `hints`;
 * those about a warning carry its `code` and the warning's `message`.
 */
export interface ExpectationFailure {
  readonly field: string;
  readonly expected: string | number | null;
  readonly actual: string | number | null;
  readonly source?: string;
  readonly code?: WarningCode;
  readonly message?: string;
  readonly hints?: readonly string[];
}

export interface ExpectationOutcome {
  readonly passed: boolean;
  readonly failures: readonly ExpectationFailure[];
}
