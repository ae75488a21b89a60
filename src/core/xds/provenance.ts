/**
 * Who wrote which field. Policy plugins record their writes as (resource, JSON pointer, source);
 * the limits stage asks for the latest write covering a field. Fields nobody recorded were written
 * by Kuma's generators (source `kuma`) or are absent (source `envoy-default`).
 */
import type { XdsResource } from "./resource-set.js";

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
