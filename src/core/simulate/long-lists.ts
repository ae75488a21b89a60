/** Long lists of an answer cut to their head unless the caller asks for them whole (`include: ["full"]`). */
import type { ModificationReport } from "../model/modification.js";
import { LIST_HEAD } from "../model/trace-line.js";

/** A modification as answered: `matched` holds the first {@link LIST_HEAD} names and `matchedCount` how many it matched, when there are more. */
export type ModificationOut = ModificationReport & { readonly matchedCount?: number };

/**
 * The modifications as answered. Unless `full`, a `matched` longer than {@link LIST_HEAD} keeps its first
 * names and gains `matchedCount` right after it; shorter ones are the same object, so their bytes never change.
 */
export function modificationsOut(mods: readonly ModificationReport[], full: boolean): readonly ModificationOut[] {
  if (full || mods.every((m) => m.matched.length <= LIST_HEAD)) return mods;
  return mods.map((m) => {
    if (m.matched.length <= LIST_HEAD) return m;
    // Rebuilt key by key so that matchedCount follows matched (JSON keeps insertion order).
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) {
      if (k !== "matched") out[k] = v;
      else Object.assign(out, { matched: m.matched.slice(0, LIST_HEAD), matchedCount: m.matched.length });
    }
    return out as unknown as ModificationOut;
  });
}
