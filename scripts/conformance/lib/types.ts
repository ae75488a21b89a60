/** What a suite decides for each golden file, and what came of it. */
import type { ResourceDiff, ResourceEntry } from "./compare.js";
import type { AppliedMask, MaskSpec } from "./mask.js";

export type { AppliedMask, MaskSpec } from "./mask.js";

/**
 * A field of Kuma's golden that the case handed to meshsim as input (a value meshsim cannot derive, such as
 * RBAC rules from a TrafficPermission it does not model). It is compared, but equal by construction, so it
 * is reported next to the masks and never counted as evidence of a match.
 */
export interface GoldenInput {
  readonly typeUrl: string;
  readonly name: string;
  readonly pointer: string;
  readonly reason: string;
}

/** A golden resource deliberately left out of a comparison; it is listed as not covered, never dropped silently. */
export interface Exclusion {
  readonly typeUrl: string;
  readonly name: string;
  readonly reason: string;
}

/** Both sides of one comparison, already in the same shape. */
export interface Comparison {
  readonly kuma: readonly ResourceEntry[];
  readonly meshsim: readonly ResourceEntry[];
  /** Golden resources not compared (each must exist in the golden); removed from both sides. */
  readonly excluded?: readonly Exclusion[];
  /** Fields not compared (see mask.ts); each is reported. */
  readonly masks?: readonly MaskSpec[];
  /** Golden fields given to meshsim as input (see GoldenInput); each is reported. */
  readonly fromGolden?: readonly GoldenInput[];
  /** Facts about meshsim's run worth printing (a warning it gave, ...). */
  readonly notes?: readonly string[];
}

export type Plan =
  | { readonly kind: "skip"; readonly reason: string }
  /** `attempt`, when there is one, builds the closest input meshsim accepts; `--all` runs it. */
  | { readonly kind: "not-covered"; readonly reason: string; readonly attempt?: () => Comparison | Promise<Comparison> }
  | { readonly kind: "compare"; readonly describe: string; readonly run: () => Comparison | Promise<Comparison> };

export type Outcome =
  | { readonly file: string; readonly kind: "skipped"; readonly reason: string }
  | { readonly file: string; readonly kind: "not-covered"; readonly reason: string }
  | {
      readonly file: string;
      readonly kind: "compared";
      readonly describe: string;
      /** Run only because of `--all`: the file is still not covered. */
      readonly attemptedReason?: string;
      readonly resources: number;
      readonly diffs: readonly ResourceDiff[];
      readonly excluded: readonly Exclusion[];
      /** Concrete masked fields (none under `--all`, which compares them). */
      readonly masked: readonly AppliedMask[];
      readonly fromGolden: readonly GoldenInput[];
      readonly notes: readonly string[];
    }
  | { readonly file: string; readonly kind: "error"; readonly describe?: string; readonly message: string };

export interface Suite {
  readonly name: string;
  /** Directory under the golden root. */
  readonly dir: string;
  readonly title: string;
  plan(file: string): Plan | Promise<Plan>;
}
