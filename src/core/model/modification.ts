/**
 * What meshsim reports for every modification a policy makes to the generated config (MeshProxyPatch's
 * `appendModifications`; the same kinds and operations as ProxyTemplate's `modifications`).
 */

/** The five modification kinds, in the order Kuma's validator counts them (kuma `pkg/plugins/policies/meshproxypatch/api/v1alpha1/validator.go` @ v2.14.3). */
export const MOD_KINDS = ["cluster", "listener", "networkFilter", "httpFilter", "virtualHost"] as const;
export type ModKind = (typeof MOD_KINDS)[number];

/** Every modification status, as a value: the API schemas list them (`expect.modifications`, `failOn`). */
export const MODIFICATION_STATUSES = [
  /** It changed the config and Envoy reads what it changed. */
  "applied",
  /** Its match selected nothing: Kuma ignores it silently. */
  "no-match",
  /** It changed the config, but only in places Envoy never reads (e.g. a second DEFAULT threshold). */
  "ineffective",
  /** It made Kuma's generation fail; the proxy keeps its previous config. */
  "failed",
  /** Never ran: an earlier modification failed and Kuma stopped there. */
  "skipped",
  /** It changed a listener or cluster that Envoy then rejects (warning `envoy-nack`): Envoy keeps the version it had, so the change does not take effect. */
  "rejected",
] as const;

/** One of {@link MODIFICATION_STATUSES}. */
export type ModificationStatus = (typeof MODIFICATION_STATUSES)[number];

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
