/**
 * Kuma resources arrive in two forms, mixed freely:
 * - Universal: `{type, mesh, name, ...}`; old-style kinds (Mesh, Dataplane) carry their spec at the top
 *   level, new policies under `spec`.
 * - Kubernetes: `{apiVersion, kind, metadata: {name, namespace, labels}, spec}`; the mesh comes from the
 *   `kuma.io/mesh` label (new policies) or a top-level `mesh` (Dataplane), `kind: List` holds `items`.
 * This module only recognises the envelope; kind-specific schemas live with each kind.
 */
import { joinPath, type Violation } from "../errors.js";
import { isJsonObject, type JsonObject } from "../json.js";
import type { Envelope } from "../model/envelope.js";

// `kri` is the identifier kumactl and the API server print on every resource (kumahq/kuma@v2.14.3
// pkg/core/resources/model/rest/v1alpha1/meta.go); like the timestamps it is metadata, not spec.
const UNIVERSAL_ENVELOPE_KEYS = new Set(["type", "mesh", "name", "labels", "creationTime", "modificationTime", "kri", "status"]);

/**
 * A kumactl / API-server list: `{items: [...], next, total}` with no `type` or `kind` (kumahq/kuma@v2.14.3
 * pkg/core/resources/model/rest/list.go ResourceList). Any other key means it is something else.
 */
export function isKumactlList(v: unknown): v is JsonObject & { items: unknown[] } {
  if (!isJsonObject(v) || !Array.isArray(v["items"])) return false;
  return Object.keys(v).every((k) => k === "items" || k === "next" || k === "total");
}

/** A Kubernetes `kind: List` (kubernetes/apimachinery@v0.33.0 pkg/apis/meta/v1/types.go List) or a kumactl list. */
function listItems(v: unknown): unknown[] | undefined {
  if (isJsonObject(v) && v["kind"] === "List" && Array.isArray(v["items"])) return v["items"] as unknown[];
  return isKumactlList(v) ? v.items : undefined;
}

/** Flattens `kind: List` and kumactl lists (nested too) into individual resources with their request paths. */
export function flattenLists(items: readonly unknown[], basePath: string, onPage?: (path: string, next: string) => void): { item: unknown; path: string }[] {
  return flattenEntries(items.map((item, i) => ({ item, path: joinPath(basePath, i) })), onPage);
}

/**
 * Same, for resources that already carry their request paths. `onPage` hears of every kumactl list whose
 * `next` is set: one page of a longer list, whose other resources are not in the input.
 */
export function flattenEntries(entries: readonly { item: unknown; path: string }[], onPage?: (path: string, next: string) => void): { item: unknown; path: string }[] {
  const out: { item: unknown; path: string }[] = [];
  const stack: { item: unknown; path: string }[] = [...entries].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    const list = listItems(next.item);
    if (list !== undefined) {
      const nextPage = isJsonObject(next.item) ? next.item["next"] : undefined;
      if (typeof nextPage === "string" && nextPage !== "" && isKumactlList(next.item)) onPage?.(next.path, nextPage);
      for (let i = list.length - 1; i >= 0; i--) stack.push({ item: list[i], path: joinPath(next.path, "items", i) });
    } else out.push(next);
  }
  return out;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isJsonObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === "string") out[k] = val;
  return out;
}

/**
 * Reads the envelope of one resource. `newStyle(kind)` says whether the kind keeps its spec under
 * `spec` in Universal form (policies) or at the top level (Mesh, Dataplane).
 */
export function readEnvelope(item: unknown, path: string, newStyle: (kind: string) => boolean): { envelope: Envelope } | { errors: Violation[] } {
  if (!isJsonObject(item)) return { errors: [{ path, message: "a resource must be an object" }] };
  const o = item as JsonObject;
  if (typeof o["kind"] === "string" || o["apiVersion"] !== undefined) {
    const kind = o["kind"];
    if (typeof kind !== "string" || kind === "") return { errors: [{ path: joinPath(path, "kind"), message: "must be a non-empty string" }] };
    const md = o["metadata"];
    if (!isJsonObject(md) || typeof md["name"] !== "string" || md["name"] === "")
      return { errors: [{ path: joinPath(path, "metadata", "name"), message: "must be a non-empty string" }] };
    const labels = stringRecord(md["labels"]);
    const ns = typeof md["namespace"] === "string" ? md["namespace"] : undefined;
    const mesh = typeof o["mesh"] === "string" ? o["mesh"] : labels["kuma.io/mesh"] ?? "default";
    // Kubernetes names of namespaced Kuma resources are `<name>.<namespace>` inside Kuma; display names keep the short one.
    const created = md["creationTimestamp"];
    return {
      envelope: {
        kind,
        name: md["name"],
        mesh,
        form: "kubernetes",
        namespace: ns,
        labels,
        spec: o["spec"] ?? {},
        specPath: joinPath(path, "spec"),
        path,
        status: o["status"],
        ...(typeof created === "string" ? { creationTime: created } : {}),
      },
    };
  }
  const type = o["type"];
  if (typeof type !== "string" || type === "")
    return { errors: [{ path, message: "not a Kuma resource: expected Universal form (type, name, mesh) or Kubernetes form (apiVersion, kind, metadata, spec)" }] };
  if (typeof o["name"] !== "string" || o["name"] === "") return { errors: [{ path: joinPath(path, "name"), message: "must be a non-empty string" }] };
  const mesh = typeof o["mesh"] === "string" ? o["mesh"] : type === "Mesh" ? o["name"] : "default";
  let spec: unknown;
  let specPath: string;
  if (newStyle(type)) {
    spec = o["spec"] ?? {};
    specPath = joinPath(path, "spec");
  } else {
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (!UNIVERSAL_ENVELOPE_KEYS.has(k)) rest[k] = v;
    spec = rest;
    specPath = path;
  }
  const created = o["creationTime"];
  return {
    envelope: {
      kind: type,
      name: o["name"],
      mesh,
      form: "universal",
      namespace: undefined,
      labels: stringRecord(o["labels"]),
      spec,
      specPath,
      path,
      status: o["status"],
      ...(typeof created === "string" ? { creationTime: created } : {}),
    },
  };
}
