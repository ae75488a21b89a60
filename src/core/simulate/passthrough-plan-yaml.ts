/** The planned MeshPassthrough as resources and as YAML, in Universal and Kubernetes form. */
import { stringify } from "yaml";
import type { Match } from "../policies/meshpassthrough/api.js";

/** Where Kuma's system policies live on Kubernetes (a policy there applies mesh-wide, role `system`). */
const SYSTEM_NAMESPACE = "kuma-system";

/** `passthrough-plan`, or `passthrough-plan-<n>` when the snapshot already has a MeshPassthrough of that name. */
export function planName(existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has("passthrough-plan")) return "passthrough-plan";
  let n = 2;
  while (taken.has(`passthrough-plan-${n}`)) n += 1;
  return `passthrough-plan-${n}`;
}

function spec(entries: readonly Match[]) {
  // passthroughMode is always written: the 2.8–2.9 Kubernetes CRD defaulted an omitted mode to None.
  return { targetRef: { kind: "Mesh" }, default: { passthroughMode: "Matched", appendMatch: entries.map((e) => ({ type: e.type, value: e.value, ...(e.port !== undefined ? { port: e.port } : {}), protocol: e.protocol ?? "tcp" })) } };
}

export interface PlanDocuments {
  readonly universal: readonly Record<string, unknown>[];
  readonly kubernetes: readonly Record<string, unknown>[];
  readonly universalYaml: string;
  readonly kubernetesYaml: string;
}

/** One MeshPassthrough per mesh, targeting the whole mesh, with its entries. */
export function planDocuments(name: string, perMesh: readonly { mesh: string; entries: readonly Match[] }[]): PlanDocuments {
  const universal = perMesh.map((m) => ({ type: "MeshPassthrough", name, mesh: m.mesh, spec: spec(m.entries) }));
  const kubernetes = perMesh.map((m) => ({
    apiVersion: "kuma.io/v1alpha1",
    kind: "MeshPassthrough",
    metadata: { name: perMesh.length > 1 ? `${name}-${m.mesh}` : name, namespace: SYSTEM_NAMESPACE, labels: { "kuma.io/mesh": m.mesh } },
    spec: spec(m.entries),
  }));
  const text = (docs: readonly unknown[]) => docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
  return { universal, kubernetes, universalYaml: text(universal), kubernetesYaml: text(kubernetes) };
}
