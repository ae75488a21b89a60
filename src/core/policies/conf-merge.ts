/**
 * How Kuma merges the confs of the policy entries that apply to one resource (kuma
 * `pkg/plugins/policies/core/rules/merge/merge.go` Confs @ v2.14.3: each conf marshalled to JSON and applied as an RFC
 * 7396 merge patch onto the previous ones, in the order the entries were sorted). The confs of MeshTimeout and
 * MeshCircuitBreaker have no `mergeValues` or `Append` fields, so the merge is exactly that: later entries win field
 * by field, objects merge recursively. meshsim also keeps, for every leaf field, the entry that set it: the provenance
 * of the limits those fields become.
 */
import { formatProtoDuration } from "../go/jsonpb.js";
import { parseGoDuration } from "../go/time.js";
import { isJsonObject, type Json, type JsonObject } from "../json.js";

/** One policy entry's conf and where it comes from (`<policy>#from[0]`, `<policy>#to[1]`, `<policy>#rules[0]`). */
export interface ConfEntry {
  readonly source: string;
  readonly conf: JsonObject;
}

/** A merged conf and, per leaf field (JSON pointer into the conf), the entry that set it. */
export interface MergedConf {
  readonly conf: JsonObject;
  readonly sources: ReadonlyMap<string, string>;
}

export const EMPTY_CONF: MergedConf = { conf: {}, sources: new Map() };

// kumahq/kuma@v2.14.3 pkg/plugins/policies/core/rules/merge/merge.go mergeJSONPatches (jsonpatch.MergePatch of one conf onto the result)
function mergeInto(target: JsonObject, patch: JsonObject, pointer: string, source: string, sources: Map<string, string>): JsonObject {
  const out: Record<string, Json> = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const at = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    // RFC 7396: null removes; Go's json.Marshal never writes null for these omitempty pointers, kept for completeness.
    if (v === null) {
      delete out[k];
      for (const key of [...sources.keys()]) if (key === at || key.startsWith(`${at}/`)) sources.delete(key);
      continue;
    }
    if (isJsonObject(v)) {
      const prev = out[k];
      if (!isJsonObject(prev)) for (const key of [...sources.keys()]) if (key === at || key.startsWith(`${at}/`)) sources.delete(key);
      out[k] = mergeInto(isJsonObject(prev) ? prev : {}, v, at, source, sources);
      continue;
    }
    for (const key of [...sources.keys()]) if (key.startsWith(`${at}/`)) sources.delete(key);
    out[k] = v as Json;
    sources.set(at, source);
  }
  return out;
}

/** merge.Confs for one group of confs: RFC 7396 merge patches in order, with the source of every leaf field. */
export function mergeConfs(entries: readonly ConfEntry[]): MergedConf {
  const sources = new Map<string, string>();
  let conf: JsonObject = {};
  for (const e of entries) conf = mergeInto(conf, e.conf, "", e.source, sources);
  return { conf, sources };
}

/** The entry that set the field at `pointer` of a merged conf (e.g. `/http/requestTimeout`), if any. */
export function sourceOf(merged: MergedConf, pointer: string): string | undefined {
  return merged.sources.get(pointer);
}

/** A field a plugin wrote from a policy entry: a pointer into the resource and the entry. */
export interface FieldWrite {
  readonly pointer: string;
  readonly source: string;
}

/** A conf's Go duration string (k8s metav1.Duration) as golang/protobuf jsonpb writes a Duration; admission checked it parses. */
export function protoDuration(goDuration: string): string {
  const d = parseGoDuration(goDuration);
  return d.ok ? formatProtoDuration(d.nanos) : goDuration;
}
