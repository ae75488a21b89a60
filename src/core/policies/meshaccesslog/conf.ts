/**
 * Which MeshAccessLog conf applies where (kuma `pkg/plugins/policies/core/rules`: `rules.go` legacyBuildToRules /
 * BuildRules / ComputeConf, `outbound/resourcerules.go` BuildRules and `outbound/sort.go`, `inbound/inboundrules.go`
 * BuildRules / MatchesAllIncomingTraffic and `inbound/sort.go`, `merge/merge.go` Confs @ v2.14.3).
 *
 * A conf is `{backends}`; merging confs is a JSON merge patch in order, so the last entry that sets `backends` (an
 * empty list included) wins, and one that leaves it out changes nothing. Each merged conf remembers that entry, for
 * provenance.
 *
 * Pure: no input is mutated.
 */
import type { DataplaneModel } from "../../model/dataplane.js";
import type { PolicyResource } from "../../model/policy.js";
import type { TargetRef } from "../../model/target-ref.js";
import type { VersionFeatures } from "../../model/versions.js";
import { effectiveTargetRef, policyRank } from "../target-ref.js";
import type { ResourceOrigin } from "../../xds/resource-set.js";
import type { MalBackend, MalConf, MalMatch, MeshAccessLogSpec } from "./api.js";

const SERVICE_TAG = "kuma.io/service";

/** One `to[]`, `from[]` or `rules[]` entry of a selected policy. */
export interface Entry {
  readonly policy: PolicyResource<MeshAccessLogSpec>;
  readonly field: "to" | "from" | "rules";
  readonly index: number;
  readonly conf: MalConf;
  readonly targetRef?: TargetRef;
  readonly matches?: readonly MalMatch[];
}

/** A merged conf: the backends, and the entry that set them (undefined when no entry set `backends`). */
export interface MergedConf {
  readonly backends: readonly MalBackend[];
  readonly source: Entry | undefined;
}

/** `<policy>#<field>[<index>]`, how answers name the entry a write came from. */
export function entryName(e: Entry): string {
  return `${e.policy.envelope.name}#${e.field}[${e.index}]`;
}

// kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/merge/merge.go Confs (JSON merge patch: `backends` replaced whole)
export function mergeConfs(entries: readonly Entry[]): MergedConf {
  let backends: readonly MalBackend[] = [];
  let source: Entry | undefined;
  for (const e of entries)
    if (e.conf.backends !== undefined) {
      backends = e.conf.backends;
      source = e;
    }
  return { backends, source };
}

const toEntries = (policies: readonly PolicyResource<MeshAccessLogSpec>[]): Entry[] =>
  policies.flatMap((p) => (p.spec.to ?? []).map((t, index): Entry => ({ policy: p, field: "to", index, conf: t.default ?? {}, targetRef: t.targetRef })));

/** Subset kinds of the legacy rules (common_api TargetRefKind IsOldKind). */
const OLD_KINDS = new Set(["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset", "MeshGateway"]);

/**
 * rules.go legacyBuildToRules + ComputeConf(rules, KumaServiceTagElement(service)): the `to` entries whose subset holds
 * `kuma.io/service: service` (Mesh, or a MeshService of that name), in policy order; a policy with a MeshHTTPRoute `to`
 * entry is left out whole. Undefined when no entry applies (Kuma's ComputeConf returns nil: nothing is configured).
 */
export function legacyServiceConf(policies: readonly PolicyResource<MeshAccessLogSpec>[], service: string): MergedConf | undefined {
  const eligible = policies.filter((p) => !(p.spec.to ?? []).some((t) => t.targetRef.kind === "MeshHTTPRoute"));
  const entries = toEntries(eligible).filter((e) => {
    const ref = e.targetRef!;
    if (!OLD_KINDS.has(ref.kind)) return false;
    if (ref.kind === "Mesh") return true;
    if (ref.kind === "MeshService") return (ref.name ?? "") === service;
    if (ref.kind === "MeshServiceSubset") return (ref.name ?? "") === service && Object.keys(ref.tags ?? {}).length === 0;
    if (ref.kind === "MeshSubset") return Object.entries(ref.tags ?? {}).every(([k, v]) => k === SERVICE_TAG && v === service);
    return false;
  });
  return entries.length === 0 ? undefined : mergeConfs(entries);
}

const TO_KIND_RANK: Readonly<Record<string, number>> = { Mesh: 1, MeshService: 5, MeshExternalService: 6, MeshMultiZoneService: 7, MeshHTTPRoute: 9 };

/** resolve.TargetRef + isRelevant: whether a `to` targetRef names this resource (or, with sectionName, this port). */
function refersTo(ref: TargetRef, r: ResourceOrigin): boolean {
  if (ref.kind === "Mesh") return true;
  if (ref.kind !== r.kind) return false;
  if (ref.labels) {
    const labels: Readonly<Record<string, string>> = { "kuma.io/display-name": r.name, ...(r.labels ?? {}) };
    if (!Object.entries(ref.labels).every(([k, v]) => labels[k] === v)) return false;
  } else if ((ref.name ?? "") !== r.name) return false;
  if (ref.namespace !== undefined && ref.namespace !== (r.namespace ?? "")) return false;
  if (ref.sectionName !== undefined && ref.sectionName !== "" && r.kind !== "MeshExternalService") return ref.sectionName === r.sectionName;
  return true;
}

/**
 * outbound/resourcerules.go BuildRules + RootContext(...).WithID(resource).WithID(section).Conf(): the `to` entries
 * that name the resource (Mesh, the resource, or its port), sorted as outbound/sort.go sorts them (policy attributes,
 * then the entry's kind, a MeshService port after the whole service, then the policy name), merged.
 */
export function resourceConf(policies: readonly PolicyResource<MeshAccessLogSpec>[], r: ResourceOrigin): MergedConf | undefined {
  const entries = toEntries(policies).filter((e) => e.targetRef!.kind !== "MeshHTTPRoute" && refersTo(e.targetRef!, r));
  if (entries.length === 0) return undefined;
  const rankOf = (e: Entry) => [...policyRank(e.policy, effectiveTargetRef(e.policy.spec.targetRef)), TO_KIND_RANK[e.targetRef!.kind] ?? 99, e.targetRef!.sectionName ? 1 : 0];
  const order = new Map(policies.map((p, i) => [p, i]));
  const sorted = entries.slice().sort((a, b) => {
    const ka = rankOf(a);
    const kb = rankOf(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return order.get(a.policy)! - order.get(b.policy)!; // CompareByDisplayName, as the selected policies are ordered
  });
  return mergeConfs(sorted);
}

/** The `to: MeshHTTPRoute` entries (route-level logs, which meshsim does not generate: it has no MeshHTTPRoute routes). */
export function routeEntries(policies: readonly PolicyResource<MeshAccessLogSpec>[]): Entry[] {
  return toEntries(policies).filter((e) => e.targetRef!.kind === "MeshHTTPRoute");
}

/** An inbound rule: its match (none: all clients) and conf. */
export interface InboundRule {
  readonly entry: Entry;
  readonly match: MalMatch | undefined;
}

/** inbound/sort.go CompareMatch: a SPIFFE ID match first (Exact before Prefix), then an SNI match, catch-alls last. */
function matchRank(m: MalMatch | undefined): [number, number] {
  const spiffe = m?.spiffeID ? (m.spiffeID.type === "Exact" ? 0 : m.spiffeID.type === "Prefix" ? 1 : 2) : 3;
  return [spiffe, m?.sni ? 0 : 1];
}

/**
 * inbound/inboundrules.go BuildRules: per policy its `rules` (each match its own rule), or, without rules, its `from`
 * entries as catch-all rules; policies in order; then sorted by match (stable). `from` only before `rules` existed.
 */
export function inboundRules(policies: readonly PolicyResource<MeshAccessLogSpec>[], f: VersionFeatures): InboundRule[] {
  const out: InboundRule[] = [];
  for (const p of policies) {
    const rules = f.malRules !== "none" ? (p.spec.rules ?? []) : [];
    if (rules.length > 0)
      rules.forEach((r, index) => {
        const entry: Entry = { policy: p, field: "rules", index, conf: r.default ?? {}, matches: r.matches ?? [] };
        const matches = f.malInboundFanOut ? (r.matches ?? []) : [];
        if (matches.length === 0) out.push({ entry, match: undefined });
        else for (const m of matches) out.push({ entry, match: m });
      });
    else if (!f.malToAndRulesOnly) (p.spec.from ?? []).forEach((fr, index) => out.push({ entry: { policy: p, field: "from", index, conf: fr.default ?? {}, targetRef: fr.targetRef }, match: undefined }));
  }
  return out
    .map((r, i) => ({ r, i, k: matchRank(r.match) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.r);
}

/** The dataplane's `kuma.io/zone` and the Workload KRI of its `kuma.io/workload` label (plugin.go workloadIdentity @ v2.14.3). */
export function workloadIdentity(dp: DataplaneModel): { zone: string; workloadKri: string } {
  const zone = dp.labels["kuma.io/zone"] ?? "";
  const wl = dp.labels["kuma.io/workload"] ?? "";
  return { zone, workloadKri: wl === "" ? "" : `kri_wl_${dp.mesh}_${zone}_${dp.labels["k8s.kuma.io/namespace"] ?? ""}_${wl}_` };
}
