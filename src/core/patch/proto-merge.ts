/**
 * Kuma's proto merge for MeshProxyPatch `value` patches (`Merge` / `merge` / `mergeList` /
 * `mergeMap` in pkg/util/proto/google_proto.go: protobuf-go `proto.Merge` with Durations replaced
 * whole) and `MergeAnys` (pkg/util/proto/any.go) for networkFilter / httpFilter patches, applied to
 * canonical protojson as produced by {@link decodeProto}. Inputs are never mutated; results are
 * fresh objects with sorted keys.
 */
import { goQuote } from "../go/strconv.js";
import {
  getMessage,
  TYPE_URL_PREFIX,
  typeNameFromUrl,
  type ElementKind,
  type FieldDescriptor,
  type MessageDescriptor,
} from "../xds/proto/descriptors.js";
import type { Json, JsonObject, MutableJson, MutableJsonObject } from "../json.js";
import { decodeProto, setOwn, sortedObject, type DecodeNote, type DecodeResult } from "./proto-json.js";

function isObj(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function own(o: JsonObject, k: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** Deep copy with sorted keys; safe for keys such as `__proto__`. */
function copy(v: Json): MutableJson {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return (v as readonly Json[]).map(copy);
  const o = v as JsonObject;
  return sortedObject(Object.keys(o).map((k) => [k, copy(o[k] as Json)] as const));
}

function copyObject(o: JsonObject): MutableJsonObject {
  return copy(o) as MutableJsonObject;
}

/** proto3 "unpopulated" for a canonical scalar/enum value (a present zero can only come from non-canonical input). */
function isZeroElement(k: ElementKind, v: Json): boolean {
  if (k.kind === "enum") return v === 0 || v === k.values[0];
  if (k.kind === "message") return false;
  switch (k.scalar) {
    case "string":
    case "bytes":
      return v === "";
    case "bool":
      return v === false;
    case "int64":
    case "uint64":
      return v === "0" || v === 0;
    default:
      return v === 0;
  }
}

/** Is this Any's packed `value` (bytes) empty, i.e. unpopulated in a merge? */
function anyBytesEmpty(any: JsonObject): boolean {
  const keys = Object.keys(any).filter((k) => k !== "@type");
  if (keys.length === 0) return true;
  const md = getMessage(typeNameFromUrl(String(own(any, "@type") ?? "")));
  if (md?.wellKnown === undefined || md.wellKnown === "Any" || md.wellKnown === "Value") return false;
  const v = own(any, "value");
  switch (md.wellKnown) {
    case "Duration":
      return v === "0s";
    case "wrapper": {
      const f = md.fields[0];
      return v === undefined || (f !== undefined && f.type.kind === "scalar" && isZeroElement(f.type, v));
    }
    case "Struct":
    case "Empty":
      return isObj(v) && Object.keys(v).length === 0;
    case "ListValue":
      return Array.isArray(v) && v.length === 0;
  }
}

/**
 * Merge of a `google.protobuf.Any` field as an ordinary message `{type_url, value}`: a non-empty
 * type URL and non-empty bytes overwrite, so a patch Any with a payload replaces the existing one
 * wholesale (google_proto.go merges Any like any message, so nested typed configs are replaced, not
 * deep-merged; only MergeAnys decodes them first).
 */
function mergeAnyField(d: Json | undefined, s: JsonObject): MutableJson {
  if (!isObj(d) || !anyBytesEmpty(s)) return copyObject(s);
  // Empty payload in the patch: only the type URL (if set) changes; the old bytes stay.
  const url = own(s, "@type");
  const out = copyObject(d);
  if (typeof url === "string" && url !== "") setOwn(out, "@type", url);
  return sortedObject(Object.entries(out));
}

/** google.protobuf.Value merge: kind is a oneof; Struct merges per key, ListValue appends, else replace. */
function mergeValue(d: Json | undefined, s: Json): MutableJson {
  if (Array.isArray(s) && Array.isArray(d)) return [...(d as readonly Json[]).map(copy), ...(s as readonly Json[]).map(copy)];
  if (isObj(s) && isObj(d)) return mergeStruct(d, s);
  return copy(s);
}

/** google.protobuf.Struct merge: `fields` is a map, so each key is replaced by the patch's value. */
function mergeStruct(d: Json | undefined, s: JsonObject): MutableJsonObject {
  const out = isObj(d) ? copyObject(d) : {};
  for (const k of Object.keys(s)) setOwn(out, k, copy(s[k] as Json));
  return sortedObject(Object.entries(out));
}

/** Merge of a value whose type is `typeName` (a message), by its well-known kind. */
function mergeMessageValue(d: Json | undefined, s: Json, typeName: string): MutableJson {
  const md = getMessage(typeName);
  if (md === undefined) return mergeLoose(d, s);
  switch (md.wellKnown) {
    case "Duration":
      return copy(s); // ReplaceMergeFn (google_proto.go): Durations are replaced whole
    case "Any":
      return isObj(s) ? mergeAnyField(d, s) : copy(s);
    case "wrapper": {
      // A wrapper is a message { value }: merged field by field, so a zero never overwrites.
      const f = md.fields[0];
      if (d === undefined) return copy(s);
      if (f !== undefined && f.type.kind === "scalar" && isZeroElement(f.type, s)) return copy(d);
      return copy(s);
    }
    case "Struct":
      return isObj(s) ? mergeStruct(d, s) : copy(s);
    case "Value":
      return mergeValue(d, s);
    case "ListValue":
      return Array.isArray(s) && Array.isArray(d) ? [...(d as readonly Json[]).map(copy), ...(s as readonly Json[]).map(copy)] : copy(s);
    default:
      return isObj(s) ? mergeMessage(isObj(d) ? d : undefined, s, md) : copy(s);
  }
}

/** Merges patch value `s` of field `f` into the existing value `d` (never mutated); undefined = leave unset. */
function mergeField(d: Json | undefined, f: FieldDescriptor, s: Json): MutableJson | undefined {
  const t = f.type;
  switch (t.kind) {
    case "repeated": {
      // mergeList: every patch element is deep-copied and appended.
      if (!Array.isArray(s)) return copy(s);
      const base = Array.isArray(d) ? (d as readonly Json[]).map(copy) : [];
      if ((s as readonly Json[]).length === 0) return d === undefined ? undefined : base;
      return [...base, ...(s as readonly Json[]).map(copy)];
    }
    case "map": {
      // mergeMap: each patch entry replaces the existing entry for its key.
      if (!isObj(s)) return copy(s);
      const m = isObj(d) ? copyObject(d) : {};
      if (Object.keys(s).length === 0) return d === undefined ? undefined : m;
      for (const k of Object.keys(s)) setOwn(m, k, copy(s[k] as Json));
      return sortedObject(Object.entries(m));
    }
    case "scalar":
    case "enum":
      if (f.oneof === undefined && isZeroElement(t, s)) return d === undefined ? undefined : copy(d); // unpopulated: skipped
      return copy(s);
    case "message":
      return mergeMessageValue(d, s, t.typeName);
  }
}

function mergeMessage(dst: JsonObject | undefined, src: JsonObject, md: MessageDescriptor): MutableJsonObject {
  // Existing values stay shared until the end, then untouched ones are deep-copied once.
  const current = new Map<string, Json>();
  if (dst !== undefined) for (const k of Object.keys(dst)) current.set(k, dst[k] as Json);
  const fresh = new Map<string, MutableJson>();
  for (const key of Object.keys(src)) {
    const s = src[key] as Json;
    const f = md.byJsonName.get(key) ?? md.byProtoName.get(key);
    const name = f?.jsonName ?? key;
    const d = fresh.has(name) ? (fresh.get(name) as Json) : current.get(name);
    if (f === undefined) {
      fresh.set(name, mergeLoose(d, s));
      continue;
    }
    if (f.oneof !== undefined) {
      // Setting a member of a oneof clears the other members (protoreflect semantics).
      for (const other of md.fields) {
        if (other.oneof === f.oneof && other !== f) {
          current.delete(other.jsonName);
          fresh.delete(other.jsonName);
        }
      }
    }
    const merged = mergeField(d, f, s);
    if (merged !== undefined) fresh.set(name, merged);
  }
  const entries: [string, MutableJson][] = [...fresh];
  for (const [k, v] of current) if (!fresh.has(k)) entries.push([k, copy(v)]);
  return sortedObject(entries);
}

/**
 * Merge for opaque (unmodelled) messages, where field kinds are unknown. Approximates proto merge:
 * objects merge key by key, arrays append, an object with `@type` (an Any) replaces, scalars
 * overwrite except that a zero (0, "", false) never overwrites an existing value (true for plain
 * proto3 scalars and for wrappers; wrong only for a zero oneof member).
 */
function mergeLoose(d: Json | undefined, s: Json): MutableJson {
  if (Array.isArray(s)) return Array.isArray(d) ? [...(d as readonly Json[]).map(copy), ...(s as readonly Json[]).map(copy)] : copy(s);
  if (isObj(s)) {
    if (own(s, "@type") !== undefined) return mergeAnyField(d, s);
    if (!isObj(d)) return copy(s);
    const out = copyObject(d);
    for (const k of Object.keys(s)) setOwn(out, k, mergeLoose(own(out, k) as Json | undefined, s[k] as Json));
    return sortedObject(Object.entries(out));
  }
  if ((s === 0 || s === "" || s === false) && d !== undefined) return copy(d);
  return copy(s);
}

/**
 * Kuma's value-Patch merge (`util_proto.Merge`, pkg/util/proto/google_proto.go) of `src` into
 * `dst`, both canonical protojson of message `typeName`. Returns a new object.
 *
 * - scalars, enums, strings, bytes: overwrite, unless the patch value is the zero value (unpopulated)
 *   and the field is not a oneof member;
 * - singular messages: merged recursively (created if absent);
 * - google.protobuf.Duration: replaced whole;
 * - wrappers (BoolValue, UInt32Value, ...): merged as messages, so a zero never overwrites an
 *   existing value (but creates the wrapper when absent);
 * - repeated fields: patch elements deep-copied and appended;
 * - maps: each patch key replaces the existing entry;
 * - a oneof member clears the other members of its oneof;
 * - google.protobuf.Any fields (e.g. `transportSocket.typedConfig`): merged as `{type_url, value
 *   bytes}`, so a patch Any with a payload replaces the existing one wholesale;
 * - opaque (unmodelled) messages: see the loose merge documented in the source.
 */
export function protoMerge(dst: JsonObject, src: JsonObject, typeName: string): JsonObject {
  const md = getMessage(typeName);
  if (md === undefined) return mergeLoose(dst, src) as JsonObject;
  return mergeMessageValue(dst, src, typeName) as JsonObject;
}

/** Result of {@link mergeAnys}. */
export type MergeAnysResult =
  | { readonly ok: true; readonly value: JsonObject | undefined; readonly notes: DecodeNote[] }
  | { readonly ok: false; readonly message: string };

/**
 * `util_proto.MergeAnys` (pkg/util/proto/any.go), used by networkFilter / httpFilter `Patch` with
 * `value`: the existing filter's `typedConfig` (`dst`) and the patch's (`src`), both Any JSON with
 * `@type`, are decoded into their message, proto-merged ({@link protoMerge}) and re-packed.
 *
 * - `src` undefined → `dst` unchanged; `dst` undefined → the (decoded) `src`;
 * - different `@type` → `type URL of dst "<a>" is different than src "<b>"`;
 * - the merged result's `@type` is `type.googleapis.com/<message name>` (MarshalAnyDeterministic);
 * - an unmodelled type is merged loosely and reported with an `opaque-any` note.
 */
export function mergeAnys(dst: JsonObject | undefined, src: JsonObject | undefined, options: { canonical?: boolean } = {}): MergeAnysResult {
  if (src === undefined) return { ok: true, value: dst === undefined ? undefined : copyObject(dst), notes: [] };
  // Callers that hold canonical protojson already (meshsim's own resources, a parsed value:) skip the decodes.
  const decode = (v: JsonObject): DecodeResult => (options.canonical ? { ok: true, value: v, notes: [] } : decodeProto(v, "google.protobuf.Any"));
  const s = decode(src);
  if (!s.ok) return { ok: false, message: s.message };
  if (dst === undefined) return { ok: true, value: s.value, notes: s.notes };
  const d = decode(dst);
  if (!d.ok) return { ok: false, message: d.message };
  const dUrl = String(own(d.value, "@type") ?? "");
  const sUrl = String(own(s.value, "@type") ?? "");
  if (dUrl !== sUrl) return { ok: false, message: `type URL of dst ${goQuote(dUrl)} is different than src ${goQuote(sUrl)}` };
  const typeName = typeNameFromUrl(dUrl);
  const md = getMessage(typeName);
  const notes = [...d.notes, ...s.notes].filter((n) => n.kind !== "opaque-any" || n.path !== "");
  const payload = (o: JsonObject): JsonObject => sortedObject(Object.keys(o).filter((k) => k !== "@type").map((k) => [k, copy(o[k] as Json)] as const));
  let merged: MutableJson;
  if (md === undefined) {
    notes.push({ kind: "opaque-any", path: "", typeUrl: dUrl });
    merged = mergeLoose(payload(d.value), payload(s.value));
  } else if (md.wellKnown !== undefined) {
    merged = { value: mergeMessageValue(own(d.value, "value"), own(s.value, "value") ?? null, typeName) };
  } else {
    merged = protoMerge(payload(d.value), payload(s.value), typeName) as MutableJson;
  }
  const body = merged as MutableJsonObject;
  return {
    ok: true,
    value: sortedObject([["@type", TYPE_URL_PREFIX + typeName], ...Object.entries(body)]),
    notes,
  };
}

/** Step 3 of Kuma's JSON-patch flow; defined next to the decoder, re-exported here. */
export { decodeAfterJsonPatch } from "./proto-json.js";
