/**
 * What-if edits on top of a snapshot: `patches` (any kind; the same identity replaces, a new one is added) and
 * `remove` (deletes by kind, mesh and name). Every edit is listed so that an answer can say what it simulated.
 */
import { joinPath, type Violation } from "../errors.js";
import type { Envelope } from "../model/envelope.js";
import { suggestField } from "../suggest.js";

/** One resource that `remove` deletes: `mesh` defaults to `default` and is not read for a Mesh. */
export interface RemoveRef {
  readonly kind: string;
  readonly name: string;
  readonly mesh?: string | undefined;
  readonly namespace?: string | undefined;
}

/** A what-if edit: the resource and where it came from; `replaces` / `removes` name the snapshot resource it hit. */
export interface WhatIfRef {
  readonly kind: string;
  readonly mesh: string;
  readonly name: string;
  /** `patches[i]` or `remove[i]`. */
  readonly path: string;
  /** The resource of `resources` that a patch replaced or a removal deleted. */
  readonly resource?: string;
}

/** Everything the what-ifs changed, in request order. */
export interface WhatIfChanges {
  readonly replaced: readonly WhatIfRef[];
  readonly added: readonly WhatIfRef[];
  readonly removed: readonly WhatIfRef[];
}

export const NO_WHAT_IF: WhatIfChanges = { replaced: [], added: [], removed: [] };

/** A resource read from the request, and whether it came from `patches`. */
export interface Read {
  readonly e: Envelope;
  readonly whatIf: boolean;
}

/** The identity Kuma stores a resource under (kind, mesh, namespace, name). */
export const identity = (e: Envelope): string => `${e.kind}/${e.mesh}/${e.namespace ?? ""}/${e.name}`;

const ref = (e: Envelope, path: string, resource?: string): WhatIfRef => ({ kind: e.kind, mesh: e.mesh, name: e.name, path, ...(resource !== undefined ? { resource } : {}) });

/**
 * Merges what was read into one resource per identity: a duplicate among `resources` is a violation, a patch
 * replaces a resource (or an earlier patch) of the same identity. Returns the resources in request order.
 */
export function mergeWhatIfs(read: readonly Read[], errors: Violation[], assumptions: string[]): { byId: Map<string, Read>; replaced: WhatIfRef[]; added: WhatIfRef[] } {
  const byId = new Map<string, Read>();
  const base = new Map<string, string>();
  for (const x of read) {
    const id = identity(x.e);
    const prev = byId.get(id);
    if (prev && !prev.whatIf && !x.whatIf) errors.push({ path: x.e.path, message: `duplicate ${x.e.kind} "${x.e.name}" in mesh "${x.e.mesh}" (also at ${prev.e.path})` });
    else if (prev && x.whatIf) assumptions.push(`what-if ${x.e.kind} "${x.e.name}" (${x.e.path}) replaces the one at ${prev.e.path}`);
    if (!x.whatIf && !prev) base.set(id, x.e.path);
    if (!prev || x.whatIf) byId.set(id, x);
  }
  const replaced: WhatIfRef[] = [];
  const added: WhatIfRef[] = [];
  for (const [id, x] of byId) {
    if (!x.whatIf) continue;
    const at = base.get(id);
    if (at !== undefined) replaced.push(ref(x.e, x.e.path, at));
    else added.push(ref(x.e, x.e.path));
  }
  return { byId, replaced, added };
}

/**
 * Applies `remove` to the merged resources. A reference that names no resource, or several (Kubernetes resources in
 * different namespaces), is a violation that says what to write; so is one that names a what-if patch (keep one of
 * the two). Deleting a Mesh that still has Dataplanes is refused as Kuma refuses it.
 */
export function applyRemovals(byId: Map<string, Read>, remove: readonly RemoveRef[], path: string, errors: Violation[]): WhatIfRef[] {
  const removed: WhatIfRef[] = [];
  const gone = new Set<string>();
  const meshes: { at: string; mesh: string }[] = [];
  for (const [i, r] of remove.entries()) {
    const at = joinPath(path, i);
    const mesh = r.mesh ?? "default";
    const hits = [...byId].filter(([id, x]) => !gone.has(id) && x.e.kind === r.kind && x.e.name === r.name && (r.kind === "Mesh" || x.e.mesh === mesh) && (r.namespace === undefined || x.e.namespace === r.namespace));
    if (hits.length === 0) {
      errors.push({ path: at, message: notFound(byId, r, mesh) });
      continue;
    }
    if (hits.length > 1) {
      const namespaces = hits.map(([, x]) => x.e.namespace ?? "").join(", ");
      errors.push({ path: joinPath(at, "namespace"), message: `${r.kind} "${r.name}" exists in several namespaces (${namespaces}); add namespace: to say which to remove` });
      continue;
    }
    const [id, x] = hits[0]!;
    if (x.whatIf) {
      errors.push({ path: at, message: `${r.kind} "${r.name}" is both a what-if patch (${x.e.path}) and removed; keep one of the two` });
      continue;
    }
    gone.add(id);
    removed.push(ref(x.e, at, x.e.path));
    if (r.kind === "Mesh") meshes.push({ at, mesh: x.e.name });
  }
  for (const id of gone) byId.delete(id);
  // kumahq/kuma@v2.14.3 pkg/core/managers/apis/mesh/mesh_validator.go ValidateNoActiveDP
  for (const m of meshes) {
    const attached = [...byId.values()].filter((x) => x.e.kind === "Dataplane" && x.e.mesh === m.mesh);
    if (attached.length > 0)
      errors.push({ path: m.at, message: `unable to delete mesh, there are still some dataplanes attached (Kuma refuses it): ${attached.map((x) => x.e.name).slice(0, 5).join(", ")}${attached.length > 5 ? ", ..." : ""}; remove them too` });
  }
  return removed;
}

function notFound(byId: ReadonlyMap<string, Read>, r: RemoveRef, mesh: string): string {
  const where = r.kind === "Mesh" ? "" : ` in mesh "${mesh}"`;
  const same = [...byId.values()].filter((x) => x.e.kind === r.kind && !x.whatIf).map((x) => (r.kind === "Mesh" || x.e.mesh === mesh ? x.e.name : `${x.e.name} (mesh ${x.e.mesh})`));
  if (same.length === 0) return `no ${r.kind} "${r.name}"${where} among resources to remove; the snapshot has no ${r.kind}`;
  // Bounded: a name is compared with at most 500 others.
  const guess = suggestField(r.name, same.slice(0, 500));
  return `no ${r.kind} "${r.name}"${where} among resources to remove${guess ? `; did you mean "${guess}"?` : ""} (${r.kind}: ${same.slice(0, 10).join(", ")}${same.length > 10 ? ", ..." : ""})`;
}
