/**
 * The MeshPassthrough lint of a snapshot (`POST /v1/validate` field `lint`), with each probe run through the
 * simulator: the policy-level lint (policies/meshpassthrough/lint.ts) says which entry loses which traffic; this
 * step sends the probe from a dataplane the policy selects and records what the whole pipeline answers.
 */
import type { MeshPassthroughSpec } from "../policies/meshpassthrough/api.js";
import { lintMeshPassthrough } from "../policies/meshpassthrough/lint.js";
import { effectiveTargetRef, selectsDataplane } from "../policies/target-ref.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { ProxyCache } from "./dataplane.js";
import { dataplaneLabel } from "./dataplane.js";
import type { Prepared } from "./prepare.js";
import type { ProvedFinding } from "./result.js";
import { simulateRequest } from "./request.js";

/** Probes run per call at most: each may build a proxy. */
const MAX_PROOFS = 20;

/** Every MeshPassthrough of the snapshot linted at the release, in snapshot order; undefined when it has none. */
export function lintSnapshot(p: Prepared): ProvedFinding[] | undefined {
  const policies = p.snapshot.policies.filter((x) => x.kind === "MeshPassthrough");
  if (policies.length === 0) return undefined;
  const cache: ProxyCache = new Map();
  let proofs = 0;
  const out: ProvedFinding[] = [];
  for (const policy of policies) {
    const spec = policy.spec as MeshPassthroughSpec;
    const selected = (d: DataplaneModel) => d.mesh === policy.envelope.mesh && selectsDataplane(effectiveTargetRef(spec.targetRef), d, policy.envelope.namespace, policy.role);
    const dp = p.snapshot.dataplanes.find(selected);
    for (const f of lintMeshPassthrough(policy.envelope, spec, p.features)) {
      if (!f.probe || proofs >= MAX_PROOFS) {
        out.push(f);
        continue;
      }
      if (!dp && p.snapshot.dataplanes.length > 0) {
        out.push({ ...f, proof: { status: "no-dataplane", message: `no Dataplane of the snapshot is selected by ${policy.envelope.kind} ${policy.envelope.name}; send the probe from one it selects` } });
        continue;
      }
      proofs++;
      // Without dataplanes the simulator assumes Kuma's injected sidecar in the mesh, which a Mesh-wide policy selects.
      const from = dp ? dataplaneLabel(dp, p.snapshot.dataplanes) : undefined;
      const run = simulateRequest(p, { ...f.probe.request, ...(from !== undefined ? { from } : {}) }, "lint", cache);
      if (!run.ok) {
        out.push(f);
        continue;
      }
      const cluster = run.part.cluster?.name ?? null;
      out.push({
        ...f,
        proof: {
          status: cluster === f.probe.entryCluster ? "not-confirmed" : "confirmed",
          dataplane: dataplaneLabel(run.proxy.dataplane, p.snapshot.dataplanes),
          verdict: run.part.verdict,
          filterChain: run.part.filterChain?.name ?? null,
          cluster,
        },
      });
    }
  }
  return out;
}
