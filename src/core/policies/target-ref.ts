/**
 * Top-level targetRef (schema in model/target-ref.ts): Kuma's validation (kuma `pkg/core/resources/apis/mesh/validators.go`
 * ValidateTargetRef), dataplane selection and specificity ordering (kuma
 * `pkg/plugins/policies/core/matchers/dataplane.go` DppSelectedByPolicy / SortByTargetRef) @ v2.14.3.
 */
import { joinPath, type Violation } from "../errors.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { TargetRef } from "../model/target-ref.js";
import type { PolicyResource, PolicyRole } from "../model/policy.js";

const MESH: TargetRef = { kind: "Mesh" };

/** An omitted targetRef means `{kind: Mesh}` (generated GetTargetRef default). */
export function effectiveTargetRef(ref: TargetRef | undefined): TargetRef {
  return ref ?? MESH;
}

/** Kuma's targetRef field rules for a top-level targetRef. `allowed` comes from the version table. */
export function validateTargetRef(ref: TargetRef | undefined, allowed: readonly string[], path: string): Violation[] {
  if (!ref) return [];
  const at = (f: string) => joinPath(path, f);
  if (ref.kind === "") return [{ path: at("kind"), message: "must be defined" }];
  if (!allowed.includes(ref.kind)) return [{ path: at("kind"), message: `value '${ref.kind}' is not supported` }];
  const out: Violation[] = [];
  const forbid = (fields: readonly (keyof TargetRef)[], kind: string) => {
    for (const f of fields) if (ref[f] !== undefined) out.push({ path: at(f), message: `must not be set with kind ${kind}` });
  };
  switch (ref.kind) {
    case "Mesh":
      if (ref.name !== undefined) out.push({ path: at("name"), message: "using name with kind Mesh is not yet supported" });
      forbid(["mesh", "tags", "labels", "namespace", "sectionName"], "Mesh");
      if (ref.proxyTypes && ref.proxyTypes.length === 0) out.push({ path: at("proxyTypes"), message: "must be undefined or have at least one element" });
      break;
    case "MeshSubset":
      forbid(["name", "mesh", "labels", "namespace", "sectionName"], "MeshSubset");
      break;
    case "Dataplane":
      forbid(["tags", "mesh", "proxyTypes"], "Dataplane");
      if (ref.labels !== undefined && (ref.name !== undefined || ref.namespace !== undefined))
        out.push({ path: at("labels"), message: "either labels or name and namespace must be specified" });
      if (ref.sectionName !== undefined) out.push({ path: at("sectionName"), message: "can only be used with inbound policies" });
      break;
    case "MeshService":
      if (ref.name === undefined && ref.labels === undefined) out.push({ path: at("name"), message: "name or labels must be set when kind is MeshService" });
      break;
    default:
      break;
  }
  return out;
}

function tagsMatch(selector: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => v === "*" || tags[k] === v);
}

const SERVICE_TAG = "kuma.io/service";

/**
 * Whether a policy's targetRef selects the dataplane. As in Kuma, a policy attaches through the
 * inbounds it selects: a non-gateway dataplane with no selected inbound gets no policy at all.
 */
export function selectsDataplane(ref: TargetRef, dp: DataplaneModel, policyNamespace: string | undefined, role: PolicyRole): boolean {
  const dpNamespace = dp.labels["k8s.kuma.io/namespace"];
  // Consumer and workload-owner policies apply only in their own namespace (dppSelectedByNamespace).
  if ((role === "consumer" || role === "workload-owner") && policyNamespace !== undefined && dpNamespace !== policyNamespace) return false;
  const proxyType = dp.gateway ? "Gateway" : "Sidecar";
  const delegated = dp.gateway === "DELEGATED";
  const hasInbound = (pred: (tags: Readonly<Record<string, string>>) => boolean) => delegated || dp.inbounds.some((i) => pred(i.tags));
  switch (ref.kind) {
    case "Mesh":
      if (ref.proxyTypes && !ref.proxyTypes.includes(proxyType)) return false;
      return hasInbound(() => true);
    case "MeshSubset":
      if (ref.proxyTypes && !ref.proxyTypes.includes(proxyType)) return false;
      return hasInbound((t) => tagsMatch(ref.tags ?? {}, t));
    case "Dataplane":
      if (dp.gateway === "BUILTIN") return false;
      if (ref.labels) return tagsMatch(ref.labels, dp.labels) && hasInbound(() => true);
      if (ref.name !== undefined) return ref.name === dp.name && (ref.namespace === undefined || ref.namespace === dpNamespace) && hasInbound(() => true);
      return hasInbound(() => true);
    case "MeshService":
      return hasInbound((t) => t[SERVICE_TAG] === ref.name);
    case "MeshServiceSubset":
      return hasInbound((t) => t[SERVICE_TAG] === ref.name && tagsMatch(ref.tags ?? {}, t));
    default:
      return false; // MeshGateway selects builtin gateways only, which meshsim does not model.
  }
}

// SortByTargetRef keys (targetref.go `order`, dataplane_helpers.go origin and role ranks).
const KIND_RANK: Readonly<Record<string, number>> = { Mesh: 1, Dataplane: 2, MeshSubset: 3, MeshGateway: 4, MeshService: 5, MeshServiceSubset: 8 };
const ORIGIN_RANK = (o: string | undefined) => (o === "global" ? 1 : o === "zone" ? 3 : 2);
const ROLE_RANK: Readonly<Record<PolicyRole, number>> = { system: 1, producer: 2, consumer: 3, "workload-owner": 4 };

function displayName(p: PolicyResource): string {
  return p.envelope.labels["kuma.io/display-name"] ?? p.envelope.name;
}

/**
 * The policy attributes Kuma sorts by before the name (kuma `pkg/plugins/policies/core/rules/sort/sort.go`
 * CompareByPolicyAttributes @ v2.14.3): top-level targetRef kind, Dataplane specificity, origin, role; lower first.
 */
export function policyRank(p: PolicyResource, ref: TargetRef): readonly number[] {
  const dpSpecificity = ref.kind === "Dataplane" ? (ref.labels ? 0 : ref.name !== undefined ? 1 : 0) + (ref.sectionName ? 2 : 0) : 0;
  return [KIND_RANK[ref.kind] ?? 99, dpSpecificity, ORIGIN_RANK(p.envelope.labels["kuma.io/origin"]), ROLE_RANK[p.role]];
}

/** sort.CompareByPolicyAttributes (kuma `pkg/plugins/policies/core/rules/sort/sort.go` @ v2.14.3): policyRank, lower first. */
export function comparePolicyAttributes(a: PolicyResource, refA: TargetRef, b: PolicyResource, refB: TargetRef): number {
  const ka = policyRank(a, refA);
  const kb = policyRank(b, refB);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return 0;
}

/** sort.CompareByDisplayName: reverse lexicographic, so the alphabetically smallest name comes last and wins. */
export function compareDisplayName(a: PolicyResource, b: PolicyResource): number {
  const na = displayName(a);
  const nb = displayName(b);
  return na < nb ? 1 : na > nb ? -1 : 0;
}

/** Least specific first, so later entries win; ties end with the alphabetically smallest name. */
export function sortPolicies<P extends PolicyResource>(policies: readonly P[], refOf: (p: P) => TargetRef): P[] {
  return policies.slice().sort((a, b) => comparePolicyAttributes(a, refOf(a), b, refOf(b)) || compareDisplayName(a, b));
}
