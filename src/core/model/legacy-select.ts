/**
 * Kuma's selection of legacy (selector-based) policies: TrafficPermission, TrafficLog, FaultInjection, RateLimit
 * (connection policies with `sources` and `destinations`) and ProxyTemplate (a dataplane policy with `selectors`).
 * Each legacy policy folder reads its resources into the shapes below and asks these functions which one applies,
 * so the ranking rules live in one place (kuma `pkg/core/policy/connection_matcher.go`, `dataplane_matcher.go` and
 * `api/mesh/v1alpha1/dataplane_helpers.go` @ v2.14.3; unchanged since 2.5.0).
 *
 * Pure: no I/O, inputs never mutated.
 */
import { SERVICE_TAG, type DataplaneModel } from "./dataplane.js";

/** A `match` of tags: every tag present with this value, or `*` for any value. */
export type TagSelector = Readonly<Record<string, string>>;

const MATCH_ALL = "*";

/** How specific a selector is (kuma `api/mesh/v1alpha1/dataplane_helpers.go` TagSelectorRank). */
export interface TagSelectorRank {
  readonly exact: number;
  readonly wildcard: number;
}

const ZERO_RANK: TagSelectorRank = { exact: 0, wildcard: 0 };

/** What every legacy policy carries for ranking and tie-breaks. */
export interface LegacyPolicy {
  readonly name: string;
  readonly mesh: string;
  /** When the input gives it; Kuma breaks rank ties by it (the later wins). */
  readonly creationTime: string | undefined;
}

/** A policy between sources and destinations (kuma `pkg/core/policy/types.go` ConnectionPolicy). */
export interface ConnectionPolicy extends LegacyPolicy {
  readonly sources: readonly TagSelector[];
  readonly destinations: readonly TagSelector[];
}

/** A policy of a dataplane as a whole (kuma `pkg/core/policy/types.go` DataplanePolicy), e.g. ProxyTemplate. */
export interface DataplanePolicy extends LegacyPolicy {
  readonly selectors: readonly TagSelector[];
}

/** TagSelector.Matches (dataplane_helpers.go): every selector tag present, equal or `*`; an empty selector matches anything. */
export function selectorMatches(sel: TagSelector, tags: Readonly<Record<string, string>> | undefined): boolean {
  for (const [k, v] of Object.entries(sel)) {
    const got = tags?.[k];
    if (got === undefined) return false;
    if (v !== got && v !== MATCH_ALL) return false;
  }
  return true;
}

/** TagSelector.Rank (dataplane_helpers.go). */
export function selectorRank(sel: TagSelector): TagSelectorRank {
  let exact = 0;
  let wildcard = 0;
  for (const v of Object.values(sel)) {
    if (v === MATCH_ALL) wildcard++;
    else exact++;
  }
  return { exact, wildcard };
}

/** TagSelectorRank.CompareTo (dataplane_helpers.go): more tags first, then more exact ones. */
export function compareRank(a: TagSelectorRank, b: TagSelectorRank): number {
  const ta = a.exact + a.wildcard;
  const tb = b.exact + b.wildcard;
  return ta === tb ? a.exact - b.exact : ta - tb;
}

/** TagSelectorRank.CombinedWith (dataplane_helpers.go). */
export function combineRank(a: TagSelectorRank, b: TagSelectorRank): TagSelectorRank {
  return { exact: a.exact + b.exact, wildcard: a.wildcard + b.wildcard };
}

/** Dataplane.Matches (dataplane_helpers.go): any inbound's tags, else the gateway's (none without a gateway). */
export function dataplaneSelected(dp: DataplaneModel, sel: TagSelector): boolean {
  return dp.inbounds.some((i) => selectorMatches(sel, i.tags)) || selectorMatches(sel, dp.gatewayTags);
}

/** Dataplane.GetIdentifyingService (dataplane_helpers.go): the first kuma.io/service value in byte order, else "unknown". */
export function identifyingService(dp: DataplaneModel): string {
  const services = new Set<string>();
  for (const i of dp.inbounds) if (i.tags[SERVICE_TAG] !== undefined) services.add(i.tags[SERVICE_TAG]);
  if (dp.gatewayTags?.[SERVICE_TAG] !== undefined) services.add(dp.gatewayTags[SERVICE_TAG]);
  const sorted = [...services].sort(byteOrder);
  return sorted[0] ?? "unknown";
}

/** Go's string comparison: bytewise (UTF-16 code units agree with UTF-8 bytes on order for the names Kuma admits). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** GetMeta().GetCreationTime(): missing or unreadable times are Go's zero time (the earliest). */
export function createdAt(p: LegacyPolicy): number {
  const t = p.creationTime === undefined ? NaN : Date.parse(p.creationTime);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** sort.Stable(ConnectionPolicyByName / DataplanePolicyByName): by name, bytewise; a copy. */
export function byName<P extends LegacyPolicy>(policies: readonly P[]): P[] {
  return policies.slice().sort((a, b) => byteOrder(a.name, b.name));
}

/** The policy chosen for one destination service (or inbound), and how it was chosen. */
export interface Selected<P extends LegacyPolicy> {
  readonly policy: P;
  /** The winning rank (for connection policies: best source selector combined with the destination selector). */
  readonly rank: TagSelectorRank;
  /** Other policies whose best rank equals the winner's (decided by creation time, then name order). */
  readonly tiedWith: readonly string[];
}

/**
 * kuma `pkg/core/policy/connection_matcher.go` SelectConnectionPolicies @ v2.14.3: for each destination service, the
 * most specific policy of the dataplane's mesh whose source selects the dataplane and whose destination selects
 * `kuma.io/service: <service>` (best source rank combined with the destination's rank; a tie goes to the policy
 * created later, a tie on that to the first by name).
 */
export function selectConnectionPolicies<P extends ConnectionPolicy>(
  dp: DataplaneModel,
  services: readonly string[],
  policies: readonly P[],
): Readonly<Record<string, Selected<P>>> {
  const candidates: { policy: P; sourceRank: TagSelectorRank }[] = [];
  for (const policy of byName(policies.filter((p) => p.mesh === dp.mesh))) {
    let best: TagSelectorRank | undefined;
    for (const src of policy.sources) {
      if (!dataplaneSelected(dp, src)) continue;
      const r = selectorRank(src);
      if (!best || compareRank(r, best) > 0) best = r;
    }
    if (best) candidates.push({ policy, sourceRank: best });
  }
  // No prototype: a service named `__proto__` is a key like any other (`npm run fuzz`).
  const out: Record<string, Selected<P>> = Object.create(null) as Record<string, Selected<P>>;
  for (const service of services) {
    if (Object.hasOwn(out, service)) continue;
    const outboundTags = { [SERVICE_TAG]: service };
    let winner: { policy: P; rank: TagSelectorRank } | undefined;
    const bestOf = new Map<string, TagSelectorRank>();
    for (const c of candidates) {
      for (const dst of c.policy.destinations) {
        if (!selectorMatches(dst, outboundTags)) continue;
        const rank = combineRank(selectorRank(dst), c.sourceRank);
        const prev = bestOf.get(c.policy.name);
        if (!prev || compareRank(rank, prev) > 0) bestOf.set(c.policy.name, rank);
        const cmp = winner ? compareRank(rank, winner.rank) : 1;
        if (cmp > 0 || (cmp === 0 && createdAt(c.policy) > createdAt(winner!.policy))) winner = { policy: c.policy, rank };
      }
    }
    if (!winner) continue;
    const w = winner;
    const tiedWith = [...bestOf].filter(([name, r]) => name !== w.policy.name && compareRank(r, w.rank) === 0).map(([name]) => name);
    out[service] = { policy: w.policy, rank: w.rank, tiedWith };
  }
  return out;
}

/**
 * kuma `pkg/core/policy/connection_matcher.go` SelectInboundConnectionPolicy @ v2.14.3: the policy whose destination
 * selector matches the inbound's tags with the highest rank (a tie goes to the one created later). Sources are
 * not consulted here: the generator turns them into per-connection matching (e.g. RBAC principals).
 */
export function selectInboundConnectionPolicy<P extends ConnectionPolicy>(
  inboundTags: Readonly<Record<string, string>>,
  mesh: string,
  policies: readonly P[],
): Selected<P> | undefined {
  let best: { policy: P; rank: TagSelectorRank } | undefined;
  const bestOf = new Map<string, TagSelectorRank>();
  for (const policy of byName(policies.filter((p) => p.mesh === mesh))) {
    for (const dst of policy.destinations) {
      if (!selectorMatches(dst, inboundTags)) continue;
      const rank = selectorRank(dst);
      const prev = bestOf.get(policy.name);
      if (!prev || compareRank(rank, prev) > 0) bestOf.set(policy.name, rank);
      // Go starts from the zero rank, so a match must beat {0,0} or tie it with a later creation time.
      const cmp = compareRank(rank, best?.rank ?? ZERO_RANK);
      if (cmp > 0 || (cmp === 0 && best !== undefined && createdAt(policy) > createdAt(best.policy))) best = { policy, rank };
    }
  }
  if (!best) return undefined;
  const w = best;
  const tiedWith = [...bestOf].filter(([name, r]) => name !== w.policy.name && compareRank(r, w.rank) === 0).map(([name]) => name);
  return { policy: w.policy, rank: w.rank, tiedWith };
}

/**
 * kuma `pkg/core/policy/connection_matcher.go` SelectInboundConnectionAllPolicies @ v2.14.3: every policy with a
 * destination selector matching the inbound's tags (once per matching selector, as Kuma appends it), most specific
 * first by the rank of its first source selector, a tie going to the one created later (a stable sort).
 */
export function selectInboundConnectionAllPolicies<P extends ConnectionPolicy>(
  inboundTags: Readonly<Record<string, string>>,
  mesh: string,
  policies: readonly P[],
): P[] {
  const matching: P[] = [];
  for (const policy of byName(policies.filter((p) => p.mesh === mesh)))
    for (const dst of policy.destinations) if (selectorMatches(dst, inboundTags)) matching.push(policy);
  const firstSourceRank = (p: P) => selectorRank(p.sources[0] ?? {});
  // Array.prototype.sort is stable, as sort.Stable is; `less(a, b)` becomes a negative result.
  return matching.sort((a, b) => {
    const c = compareRank(firstSourceRank(a), firstSourceRank(b));
    if (c !== 0) return -c;
    const ta = createdAt(a);
    const tb = createdAt(b);
    return ta > tb ? -1 : tb > ta ? 1 : 0;
  });
}

/**
 * kuma `pkg/core/policy/dataplane_matcher.go` SelectDataplanePolicyWithMatcher @ v2.14.3: the policy with the most
 * specific selector that `matches` accepts; a policy with no selectors, or an empty selector, matches with rank 0
 * (and is taken when nothing was chosen yet); a tie goes to the policy created later.
 */
export function selectDataplanePolicy<P extends DataplanePolicy>(
  matches: (sel: TagSelector) => boolean,
  mesh: string,
  policies: readonly P[],
): Selected<P> | undefined {
  let best: { policy: P; rank: TagSelectorRank } | undefined;
  const laterAtSameRank = (p: P, rank: TagSelectorRank) => best !== undefined && compareRank(rank, best.rank) === 0 && createdAt(p) > createdAt(best.policy);
  const matchAll = (p: P) => {
    if (best === undefined || laterAtSameRank(p, ZERO_RANK)) best = { policy: p, rank: ZERO_RANK };
  };
  for (const policy of byName(policies.filter((p) => p.mesh === mesh))) {
    if (policy.selectors.length === 0) {
      matchAll(policy);
      continue;
    }
    for (const sel of policy.selectors) {
      if (Object.keys(sel).length === 0) {
        matchAll(policy);
        continue;
      }
      if (!matches(sel)) continue;
      const rank = selectorRank(sel);
      // bestRank starts at the zero rank in Go, also while no policy is chosen.
      if (compareRank(rank, best?.rank ?? ZERO_RANK) > 0 || laterAtSameRank(policy, rank)) best = { policy, rank };
    }
  }
  if (!best) return undefined;
  const w: { policy: P; rank: TagSelectorRank } = best;
  return { policy: w.policy, rank: w.rank, tiedWith: [] };
}
