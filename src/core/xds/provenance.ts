/**
 * Who wrote which field. Policy plugins record their writes as (resource, JSON pointer, source);
 * the limits stage asks for the latest write covering a field. Fields nobody recorded were written
 * by Kuma's generators (source `kuma`) or are absent (source `envoy-default`).
 */
import { canonicalStringify } from "../json.js";
import type { ResourceSet, XdsResource } from "./resource-set.js";

export interface Write {
  /** `${type}/${name}` */
  readonly resource: string;
  readonly pointer: string;
  /** `<policy>#<modification index>` */
  readonly source: string;
  readonly seq: number;
}

export const resourceKey = (r: Pick<XdsResource, "type" | "name">): string => `${r.type}/${r.name}`;

/** Writes grouped by resource, so a lookup reads only that resource's writes. */
export type WriteIndex = ReadonlyMap<string, readonly Write[]>;

export function indexWrites(writes: readonly Write[]): WriteIndex {
  const out = new Map<string, Write[]>();
  for (const w of writes) (out.get(w.resource) ?? out.set(w.resource, []).get(w.resource)!).push(w);
  return out;
}

/** The source of the latest write at `pointer` or at one of its ancestors, if any. */
export function writerOf(index: WriteIndex, resource: string, pointer: string): string | undefined {
  let best: Write | undefined;
  for (const w of index.get(resource) ?? []) {
    if (w.pointer === "" || pointer === w.pointer || pointer.startsWith(`${w.pointer}/`)) if (!best || w.seq > best.seq) best = w;
  }
  return best?.source;
}

/** RFC 6901 pointer segments (`~1` → `/`, `~0` → `~`). */
function segments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function joinSegments(parts: readonly string[]): string {
  return parts.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/**
 * Follows one pointer from the resource before a step to the same element after it: where an array index no
 * longer holds the element it held (a later plugin inserted or removed an element before it, as MeshTrafficPermission
 * inserts the RBAC filter ahead of FaultInjection's), the index becomes that of the equal element after the step,
 * else of the only element with the same `name` (Envoy's filters and chains are named); otherwise it stays.
 */
function rebasePointer(before: unknown, after: unknown, pointer: string): string {
  const parts = segments(pointer);
  const out: string[] = [];
  let a: unknown = before;
  let b: unknown = after;
  for (const part of parts) {
    if (Array.isArray(a) && Array.isArray(b) && /^\d+$/.test(part)) {
      const i = Number(part);
      const el = a[i];
      let j = i;
      if (el !== undefined && canonicalStringify(b[i]) !== canonicalStringify(el)) {
        const key = canonicalStringify(el);
        let found = b.findIndex((x) => canonicalStringify(x) === key);
        // Changed as well as moved (e.g. the HTTP connection manager that gained a filter): the element of the same name.
        const name = el !== null && typeof el === "object" ? (el as Record<string, unknown>)["name"] : undefined;
        if (found < 0 && typeof name === "string") {
          const same = b.flatMap((x, k) => (x !== null && typeof x === "object" && (x as Record<string, unknown>)["name"] === name ? [k] : []));
          if (same.length === 1) found = same[0]!;
        }
        if (found >= 0) j = found;
      }
      out.push(String(j));
      a = el;
      b = b[j];
      continue;
    }
    out.push(part);
    a = a !== null && typeof a === "object" ? (a as Record<string, unknown>)[part] : undefined;
    b = b !== null && typeof b === "object" ? (b as Record<string, unknown>)[part] : undefined;
  }
  return joinSegments(out);
}

/** Earlier writes re-anchored on the resources a step produced (see rebasePointer); unchanged resources keep theirs. */
export function rebaseWrites(writes: readonly Write[], before: ResourceSet, after: ResourceSet): Write[] {
  if (before === after || writes.length === 0) return writes.slice();
  const old = new Map(before.map((r) => [resourceKey(r), r]));
  const now = new Map(after.map((r) => [resourceKey(r), r]));
  return writes.map((w) => {
    const x = old.get(w.resource);
    const y = now.get(w.resource);
    if (!x || !y || x === y || w.pointer === "") return w;
    const pointer = rebasePointer(x.value, y.value, w.pointer);
    return pointer === w.pointer ? w : { ...w, pointer };
  });
}
