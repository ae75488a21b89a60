/** Shared pieces of the five modification kinds (kuma `pkg/plugins/policies/meshproxypatch/plugin/v1alpha1/*_mod.go`). */
import { applyJsonPatch, KUMA_JSON_PATCH_ERROR_PREFIX, type JsonPatchOp } from "../../../patch/json-patch.js";
import { decodeAfterJsonPatch, parseEnvoyYaml, type DecodeCache, type DecodeNote } from "../../../patch/proto-json.js";
import { protoMerge } from "../../../patch/proto-merge.js";
import type { YamlMemo } from "../../../parse/yaml.js";
import type { VersionFeatures } from "../../../model/versions.js";
import { isJsonObject, type JsonObject } from "../../../json.js";
import { passthroughTwin } from "../../../xds/names.js";
import type { ResourceSet } from "../../../xds/resource-set.js";
import type { ModPayload } from "../api.js";
import type { ModKind } from "../../../model/modification.js";
import { VALUE_MESSAGE } from "../validator.js";

export interface ModInput {
  readonly resources: ResourceSet;
  readonly mod: ModPayload;
  readonly features: VersionFeatures;
  /** Parsed `value` (canonical protojson), when the modification has one. */
  readonly value: JsonObject | undefined;
  /** Canonical subtrees decoded earlier in this plugin run (see {@link DecodeCache}). */
  readonly decodeCache?: DecodeCache;
}

/** One thing a modification matched: the resource it belongs to, and how the report names it. */
export interface Match {
  /** Name of the listener or cluster. */
  readonly resource: string;
  /** e.g. `cluster outbound:passthrough:ipv4` or `listener outbound:passthrough:ipv4 / chain 0 / filter envoy.filters.network.tcp_proxy`. */
  readonly label: string;
}

/** Where in a listener a filter or virtual-host modification is looking, for its {@link Match}es. */
export interface Where {
  readonly resource: string;
  readonly label: string;
}

/** A match at `where`, its label extended by `suffix`. */
export const matchAt = (where: Where, suffix: string): Match => ({ resource: where.resource, label: `${where.label}${suffix}` });

export interface ModOutcome {
  readonly resources: ResourceSet;
  readonly matched: readonly Match[];
  readonly error?: string;
  readonly notes: readonly DecodeNote[];
}

/** Parses the modification's `value` once, as Kuma does before dispatching on the operation. */
export function parseModValue(kind: ModKind, mod: ModPayload, yaml?: YamlMemo): { ok: true; value: JsonObject | undefined; notes: readonly DecodeNote[] } | { ok: false; message: string } {
  if (mod.value === undefined) return { ok: true, value: undefined, notes: [] };
  const parsed = parseEnvoyYaml(mod.value, VALUE_MESSAGE[kind], "value", yaml);
  return parsed.ok ? { ok: true, value: parsed.value, notes: parsed.notes } : { ok: false, message: parsed.message };
}

/** Listener names match exactly, or through the legacy/unified passthrough equivalence (network_filter_mod.go). */
export function listenerNameMatches(want: string | undefined, actual: string, f: VersionFeatures): boolean {
  if (want === undefined || want === actual) return true;
  return f.listenerNameEquivalence && passthroughTwin(want) === actual;
}

/** TagSelector.Matches over `metadata.filterMetadata["io.kuma.tags"]` (dataplane_helpers.go). */
export function listenerTagsMatch(selector: Readonly<Record<string, string>> | undefined, listener: JsonObject): boolean {
  if (!selector || Object.keys(selector).length === 0) return true;
  const md = listener["metadata"];
  const fm = isJsonObject(md) ? md["filterMetadata"] : undefined;
  const tags = isJsonObject(fm) ? fm["io.kuma.tags"] : undefined;
  if (!isJsonObject(tags)) return false;
  return Object.entries(selector).every(([k, v]) => v === "*" || tags[k] === v);
}

/**
 * Patch of a whole resource (cluster, listener, virtual host): a JSON patch on its protojson then a
 * lenient re-parse into a fresh message (kuma `pkg/plugins/policies/core/jsonpatch/merge.go`), or a proto
 * merge of the parsed value (kuma `pkg/util/proto/google_proto.go`).
 */
export function patchMessage(
  target: JsonObject,
  mod: ModPayload,
  value: JsonObject | undefined,
  typeName: string,
  cache?: DecodeCache,
): { ok: true; value: JsonObject; notes: readonly DecodeNote[] } | { ok: false; message: string } {
  if (mod.jsonPatches) {
    const patched = applyJsonPatch(target, mod.jsonPatches as JsonPatchOp[]);
    if (!patched.ok) return { ok: false, message: `${KUMA_JSON_PATCH_ERROR_PREFIX}${patched.message}` };
    const decoded = decodeAfterJsonPatch(patched.doc, typeName, "", cache);
    if (!decoded.ok) return { ok: false, message: `failed to patch: parse json patched resource to proto: ${decoded.message}` };
    return { ok: true, value: decoded.value, notes: decoded.notes };
  }
  return { ok: true, value: protoMerge(target, value ?? {}, typeName), notes: [] };
}
