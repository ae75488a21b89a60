/**
 * networkFilter and httpFilter modifications (kuma `network_filter_mod.go`, `http_filter_mod.go`):
 * the operation runs on every filter chain of every selected listener; httpFilter works on the
 * `httpFilters` of every HTTP connection manager in those chains. Patch changes only `typedConfig`.
 */
import { applyJsonPatch, KUMA_JSON_PATCH_ERROR_PREFIX, type JsonPatchOp } from "../../../patch/json-patch.js";
import { decodeAfterJsonPatch, type DecodeNote } from "../../../patch/proto-json.js";
import { mergeAnys } from "../../../patch/proto-merge.js";
import { isJsonObject, type JsonObject } from "../../../json.js";
import { typeNameFromUrl } from "../../../xds/proto/descriptors.js";
import { FILTER, TYPE_URL } from "../../../xds/names.js";
import type { XdsResource } from "../../../xds/resource-set.js";
import { listenerNameMatches, listenerTagsMatch, matchAt, type Match, type ModInput, type ModOutcome, type Where } from "./common.js";


/** Patch of one filter's typedConfig: MergeAnys for `value`, a JSON patch rooted at the decoded message otherwise. */
function patchTypedConfig(filter: JsonObject, input: ModInput): { ok: true; filter: JsonObject; notes: readonly DecodeNote[] } | { ok: false; message: string } {
  const existing = isJsonObject(filter["typedConfig"]) ? filter["typedConfig"] : undefined;
  if (input.mod.jsonPatches) {
    // Kuma dereferences the Any without a nil check here; meshsim reports instead of crashing.
    if (!existing || typeof existing["@type"] !== "string") return { ok: false, message: "could not patch the resource: filter has no typedConfig to patch" };
    const url = existing["@type"];
    const { ["@type"]: _omit, ...doc } = existing;
    const patched = applyJsonPatch(doc, input.mod.jsonPatches as JsonPatchOp[]);
    if (!patched.ok) return { ok: false, message: `could not patch the resource: ${KUMA_JSON_PATCH_ERROR_PREFIX}${patched.message}` };
    const decoded = decodeAfterJsonPatch(patched.doc, typeNameFromUrl(url), "", input.decodeCache);
    if (!decoded.ok) return { ok: false, message: `could not patch the resource: ${decoded.message}` };
    return { ok: true, filter: { ...filter, typedConfig: { "@type": url, ...decoded.value } }, notes: decoded.notes };
  }
  const src = isJsonObject(input.value?.["typedConfig"]) ? (input.value!["typedConfig"] as JsonObject) : undefined;
  // Both sides are canonical protojson: the resource set holds only generated or decoded values.
  const merged = mergeAnys(existing, src, { canonical: true });
  if (!merged.ok) return { ok: false, message: `could not patch the resource: ${merged.message}` };
  const { typedConfig: _old, ...rest } = filter;
  return { ok: true, filter: merged.value ? { ...rest, typedConfig: merged.value } : rest, notes: [] };
}

/** Applies a filter operation to one list of filters; `where` labels matches for the report. */
function applyToFilters(
  filters: readonly JsonObject[],
  input: ModInput,
  where: Where,
  matched: Match[],
  notes: DecodeNote[],
): { ok: true; filters: JsonObject[] } | { ok: false; message: string } {
  const name = input.mod.match?.["name"] as string | undefined;
  const value = input.value ?? {};
  switch (input.mod.operation) {
    case "AddFirst":
      matched.push(matchAt(where, " (first)"));
      return { ok: true, filters: [value, ...filters] };
    case "AddLast":
      matched.push(matchAt(where, " (last)"));
      return { ok: true, filters: [...filters, value] };
    case "AddBefore":
    case "AddAfter": {
      const i = filters.findIndex((f) => f["name"] === name);
      if (i < 0) return { ok: true, filters: [...filters] };
      matched.push(matchAt(where, ` / filter ${name}`));
      const at = input.mod.operation === "AddBefore" ? i : i + 1;
      return { ok: true, filters: [...filters.slice(0, at), value, ...filters.slice(at)] };
    }
    case "Remove": {
      const kept = filters.filter((f) => name !== undefined && f["name"] !== name);
      filters.filter((f) => !kept.includes(f)).forEach((f) => matched.push(matchAt(where, ` / filter ${String(f["name"])}`)));
      return { ok: true, filters: kept };
    }
    case "Patch": {
      const out: JsonObject[] = [];
      for (const f of filters) {
        if (f["name"] !== name) {
          out.push(f);
          continue;
        }
        matched.push(matchAt(where, ` / filter ${name}`));
        const p = patchTypedConfig(f, input);
        if (!p.ok) return p;
        notes.push(...p.notes);
        out.push(p.filter);
      }
      return { ok: true, filters: out };
    }
    default:
      return { ok: false, message: `invalid operation: ${input.mod.operation}` };
  }
}

function listenerSelected(r: XdsResource, input: ModInput): boolean {
  const m = input.mod.match ?? {};
  return (
    r.type === "listener" &&
    (m["origin"] === undefined || m["origin"] === r.origin) &&
    listenerNameMatches(m["listenerName"] as string | undefined, r.name, input.features) &&
    listenerTagsMatch(m["listenerTags"] as Record<string, string> | undefined, r.value)
  );
}

type ChainEdit = (chain: JsonObject, where: Where, matched: Match[], notes: DecodeNote[]) => { ok: true; chain: JsonObject } | { ok: false; message: string };

function forEachChain(input: ModInput, edit: ChainEdit): ModOutcome {
  const matched: Match[] = [];
  const notes: DecodeNote[] = [];
  const out: XdsResource[] = [];
  for (const r of input.resources) {
    const chains = r.value["filterChains"];
    if (!listenerSelected(r, input) || !Array.isArray(chains)) {
      out.push(r);
      continue;
    }
    const next: JsonObject[] = [];
    for (const [i, chain] of (chains as JsonObject[]).entries()) {
      const e = edit(chain, { resource: r.name, label: `listener ${r.name} / chain ${i}` }, matched, notes);
      if (!e.ok) return { resources: input.resources, matched, error: e.message, notes };
      next.push(e.chain);
    }
    // Untouched listeners keep their identity, so later stages (the write diff) can skip them.
    out.push(sameElements(next, chains as JsonObject[]) ? r : { ...r, value: { ...r.value, filterChains: next } });
  }
  return { resources: out, matched, notes };
}

const sameElements = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function applyNetworkFilterMod(input: ModInput): ModOutcome {
  return forEachChain(input, (chain, where, matched, notes) => {
    const filters = Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : [];
    const r = applyToFilters(filters, input, where, matched, notes);
    if (!r.ok) return r;
    if (sameElements(r.filters, filters) && Array.isArray(chain["filters"])) return { ok: true, chain };
    const { filters: _f, ...rest } = chain;
    // A chain left without filters renders as `{}` (proto3 omits the empty list).
    return { ok: true, chain: r.filters.length > 0 ? { ...rest, filters: r.filters } : rest };
  });
}

export function applyHttpFilterMod(input: ModInput): ModOutcome {
  return forEachChain(input, (chain, where, matched, notes) => {
    const filters = Array.isArray(chain["filters"]) ? (chain["filters"] as JsonObject[]) : [];
    const next: JsonObject[] = [];
    for (const f of filters) {
      const tc = f["typedConfig"];
      if (f["name"] !== FILTER.httpConnectionManager || !isJsonObject(tc) || tc["@type"] !== TYPE_URL.httpConnectionManager) {
        next.push(f);
        continue;
      }
      const http = Array.isArray(tc["httpFilters"]) ? (tc["httpFilters"] as JsonObject[]) : [];
      const r = applyToFilters(http, input, { resource: where.resource, label: `${where.label} / http_connection_manager` }, matched, notes);
      if (!r.ok) return r;
      const { httpFilters: _h, ...rest } = tc;
      next.push({ ...f, typedConfig: r.filters.length > 0 ? { ...rest, httpFilters: r.filters } : rest });
    }
    return { ok: true, chain: { ...chain, filters: next } };
  });
}
