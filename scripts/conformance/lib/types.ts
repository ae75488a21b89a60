/** What a suite decides for each golden file, and what came of it. */
import type { ResourceDiff, ResourceEntry } from "./compare.js";

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
    }
  | { readonly file: string; readonly kind: "error"; readonly describe?: string; readonly message: string };

export interface Suite {
  readonly name: string;
  /** Directory under the golden root. */
  readonly dir: string;
  readonly title: string;
  plan(file: string): Plan | Promise<Plan>;
}
