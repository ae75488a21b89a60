/**
 * Which dataplanes a what-if can change, decided from the snapshot alone so that the impact check generates only
 * those (a dataplane's config is the costly part: hundreds of milliseconds on a large snapshot). The rule follows
 * what generation reads (proxy.ts): a policy plugin gets only the policies of its kind that select the dataplane,
 * so a policy what-if reaches the dataplanes its old or new version selects; a kind whose plugin reads every policy
 * of the mesh, a ProxyTemplate, and every other kind (Mesh, Dataplane, destinations, TrafficLog, kinds meshsim
 * accepts without modelling) reach every dataplane of their mesh; a HostnameGenerator (not mesh-scoped) reaches all.
 */
import type { DataplaneModel } from "../model/dataplane.js";
import { PROXY_TEMPLATE_KIND } from "../policies/proxytemplate/index.js";
import { POLICIES } from "../policies/registry.js";
import type { Snapshot, WhatIfRef } from "../snapshot/snapshot.js";
import { policySelects } from "./proxy.js";

/** Says whether any what-if of the snapshot pair can change `dp`'s config; `dp` may come from either side. */
export type Reach = (dp: DataplaneModel) => boolean;

function refReach(ref: WhatIfRef, before: Snapshot, after: Snapshot): Reach {
  const def = POLICIES.find((p) => p.kind === ref.kind);
  if (ref.kind === "Mesh") return (dp) => dp.mesh === ref.name;
  if (ref.kind === "HostnameGenerator") return () => true;
  if (!def?.api || def.readsMeshPolicies || ref.kind === PROXY_TEMPLATE_KIND) return (dp) => dp.mesh === ref.mesh;
  // Both versions of the policy (the one replaced or removed, and the what-if), in every namespace with that name.
  const versions = [...before.policies, ...after.policies].filter((p) => p.kind === ref.kind && p.envelope.mesh === ref.mesh && p.envelope.name === ref.name);
  if (versions.length === 0) return (dp) => dp.mesh === ref.mesh;
  return (dp) => versions.some((p) => policySelects(def, p, dp));
}

/** The union of every what-if's reach; nothing is reached without what-ifs. */
export function whatIfReach(before: Snapshot, after: Snapshot): Reach {
  const w = after.whatIf;
  const each = [...w.replaced, ...w.added, ...w.removed].map((r) => refReach(r, before, after));
  return (dp) => each.some((r) => r(dp));
}
