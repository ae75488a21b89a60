/**
 * Which entries of the `from` / `to` / `rules` policies (MeshTimeout, MeshCircuitBreaker) apply to one inbound or
 * outbound, in the order Kuma merges them (kuma `pkg/plugins/policies/core/rules/rules.go` BuildFromRules /
 * legacyBuildToRules, `rules/inbound/inboundrules.go` BuildRules, `rules/outbound/resourcerules.go` BuildRules and
 * `sort.go` @ v2.14.3). Policies arrive sorted least specific first (`sortPolicies`); each entry carries its source
 * (`<policy>#from[i]`, `#rules[i]`, `#to[i]`) for the provenance of what it sets.
 */
import type { JsonObject } from "../json.js";
import type { InboundInterface } from "../model/interfaces.js";
import type { OutboundDestinationRef } from "../model/outbound-target.js";
import type { PolicyResource } from "../model/policy.js";
import type { TargetRef } from "../model/target-ref.js";
import type { VersionFeatures } from "../model/versions.js";
import type { ConfEntry } from "./conf-merge.js";
import { coversInbound } from "./meshtrafficpermission/plugin.js";
import { compareDisplayName, comparePolicyAttributes, effectiveTargetRef } from "./target-ref.js";

/** An inbound `rules[].matches` entry (common_api.Match): a SPIFFE ID or SNI condition. */
export interface RuleMatch {
  readonly spiffeID?: { readonly type?: string; readonly value?: string };
  readonly sni?: { readonly type?: string; readonly value?: string };
}

/** The parts of a `to` / `from` / `rules` policy spec these helpers read. */
export interface ToFromRulesSpec {
  readonly targetRef?: TargetRef;
  readonly to?: readonly { readonly targetRef: TargetRef; readonly default?: JsonObject }[];
  readonly from?: readonly { readonly targetRef: TargetRef; readonly default?: JsonObject }[];
  readonly rules?: readonly { readonly matches?: readonly RuleMatch[]; readonly default?: JsonObject }[];
}

export interface InboundRuleEntry extends ConfEntry {
  /** Absent for a rule that matches all incoming traffic. */
  readonly match?: RuleMatch;
}

const specOf = (p: PolicyResource) => p.spec as ToFromRulesSpec;

/** The policies whose top-level targetRef covers this inbound (Kuma matches them per inbound listener). */
export function coveringPolicies(policies: readonly PolicyResource[], iface: InboundInterface): PolicyResource[] {
  return policies.filter((p) => coversInbound(specOf(p).targetRef, iface));
}

/**
 * The inbound rules of the covering policies, in Kuma's order: from 2.10.0 (inbound.BuildRules) a policy's `rules`,
 * else its `from` entries read as rules without a match, each `rules` entry expanded per match (2.14.0); before 2.10
 * (BuildFromRules) the `from` entries, whose targetRef is always `Mesh` (the validator admits nothing else).
 */
export function inboundRuleEntries(covering: readonly PolicyResource[], f: VersionFeatures): InboundRuleEntry[] {
  const out: InboundRuleEntry[] = [];
  for (const p of covering) {
    const spec = specOf(p);
    const name = p.envelope.name;
    const rules = f.timeoutCircuitBreakerRulesApi ? (spec.rules ?? []) : [];
    if (rules.length > 0) {
      rules.forEach((r, i) => {
        const matches = f.meshTimeoutMatches ? (r.matches ?? []) : [];
        const conf = r.default ?? {};
        if (matches.length === 0) out.push({ source: `${name}#rules[${i}]`, conf });
        else for (const m of matches) out.push({ source: `${name}#rules[${i}]`, conf, match: m });
      });
      continue;
    }
    (spec.from ?? []).forEach((e, i) => out.push({ source: `${name}#from[${i}]`, conf: e.default ?? {} }));
  }
  return out;
}

/**
 * The `to` entries that apply to the legacy outbound of `service` (legacyBuildToRules: subsets of `Mesh` and
 * `MeshService <name>`), in policy order then entry order, as createRule merges them.
 */
export function legacyToEntries(policies: readonly PolicyResource[], service: string): ConfEntry[] {
  const out: ConfEntry[] = [];
  for (const p of policies) {
    // MeshHTTPRoute top-level policies and `to` MeshHTTPRoute entries are left to the route rules (not modelled).
    if (effectiveTargetRef(specOf(p).targetRef).kind === "MeshHTTPRoute") continue;
    (specOf(p).to ?? []).forEach((e, i) => {
      const ref = e.targetRef;
      if (ref.kind === "Mesh" || (ref.kind === "MeshService" && ref.name === service)) out.push({ source: `${p.envelope.name}#to[${i}]`, conf: e.default ?? {} });
    });
  }
  return out;
}

// kumahq/kuma@v2.14.3 api/common/v1alpha1/targetref.go `order` (TargetRefKind.Compare).
const KIND_ORDER: Readonly<Record<string, number>> = {
  Mesh: 1,
  Dataplane: 2,
  MeshSubset: 3,
  MeshGateway: 4,
  MeshService: 5,
  MeshExternalService: 6,
  MeshMultiZoneService: 7,
  MeshServiceSubset: 8,
  MeshHTTPRoute: 9,
};

/**
 * Whether a `to` entry's targetRef resolves to this real resource's port (resolve.TargetRef and isRelevant): `Mesh`
 * reaches every resource of the mesh; a kind's entry reaches the resource it names (labels, or name with the
 * targetRef's namespace, else the policy's) and, with a `sectionName`, only that port.
 */
function reachesResource(ref: TargetRef, policyNamespace: string | undefined, d: OutboundDestinationRef): boolean {
  if (ref.kind === "Mesh") return true;
  if (ref.kind !== d.kind) return false;
  const named = ref.labels && Object.keys(ref.labels).length > 0 ? Object.entries(ref.labels).every(([k, v]) => d.labels[k] === v) : ref.name === d.name && (ref.namespace ?? policyNamespace) === d.namespace;
  if (!named) return false;
  // MeshExternalService rules are per resource (isRelevant ignores the section).
  return ref.sectionName === undefined || ref.sectionName === "" || d.kind === "MeshExternalService" || ref.sectionName === d.section || ref.sectionName === String(d.port);
}

/**
 * The `to` entries that apply to a real resource's port, in the order outbound.BuildRules merges them (Sort:
 * policy attributes, then the entry's targetRef kind and a MeshService `sectionName` after none, then display name).
 * Merging them gives the conf of the most specific ResourceRule Kuma finds (port, service, Mesh): an entry of a less
 * specific rule reaches the more specific ones too.
 */
export function realToEntries(policies: readonly PolicyResource[], d: OutboundDestinationRef): ConfEntry[] {
  const items: { p: PolicyResource; ref: TargetRef; kind: number; section: number; index: number; entry: ConfEntry }[] = [];
  let n = 0;
  for (const p of policies) {
    const top = effectiveTargetRef(specOf(p).targetRef);
    if (top.kind === "MeshHTTPRoute") continue;
    (specOf(p).to ?? []).forEach((e, i) => {
      const ref = e.targetRef;
      if (!reachesResource(ref, p.envelope.namespace, d)) return;
      const section = ref.kind === "MeshService" && ref.sectionName ? 1 : 0;
      items.push({ p, ref: top, kind: KIND_ORDER[ref.kind] ?? 99, section, index: n++, entry: { source: `${p.envelope.name}#to[${i}]`, conf: e.default ?? {} } });
    });
  }
  items.sort((a, b) => comparePolicyAttributes(a.p, a.ref, b.p, b.ref) || a.kind - b.kind || a.section - b.section || compareDisplayName(a.p, b.p) || a.index - b.index);
  return items.map((x) => x.entry);
}
