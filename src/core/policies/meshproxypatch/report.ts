/** What meshsim reports for every MeshProxyPatch modification. */
import type { ModKind } from "./api.js";

export type ModificationStatus =
  /** It changed the config and Envoy reads what it changed. */
  | "applied"
  /** Its match selected nothing: Kuma ignores it silently. */
  | "no-match"
  /** It changed the config, but only in places Envoy never reads (e.g. a second DEFAULT threshold). */
  | "ineffective"
  /** It made Kuma's generation fail; the proxy keeps its previous config. */
  | "failed"
  /** Never ran: an earlier modification failed and Kuma stopped there. */
  | "skipped";

export interface ModificationReport {
  /** `<policy name>#<index in that policy's appendModifications>`; also the `source` of limits it wrote. */
  readonly source: string;
  readonly policy: string;
  /** Index in the policy's own `appendModifications`. */
  readonly policyIndex: number;
  /** Index in the merged list Kuma applies (Kuma's error messages count this one). */
  readonly index: number;
  readonly kind: ModKind;
  readonly operation: string;
  readonly status: ModificationStatus;
  /** What it matched, e.g. `cluster outbound:passthrough:ipv4` or `listener outbound:passthrough:ipv4 / chain 0 / filter envoy.filters.network.tcp_proxy`. */
  readonly matched: readonly string[];
  readonly message?: string;
  readonly hints: readonly string[];
}
