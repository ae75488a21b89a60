/**
 * Reading Envoy resources the way Kuma does: golang/protobuf v1.5.4
 * `jsonpb.Unmarshaler{AllowUnknownFields: true}` (jsonpb/decode.go) followed by `jsonpb.Marshaler{}`
 * (jsonpb/encode.go), i.e. `util_proto.FromJSON` then `util_proto.ToJSON` in Kuma's
 * pkg/util/proto/proto.go. The output is canonical protojson: lowerCamel names, enums as names,
 * 64-bit integers as strings, wrappers as bare scalars, Durations as `"<seconds>s"`, Anys inline
 * with `@type`, unpopulated proto3 fields omitted. Keys are sorted.
 *
 * Messages not in the descriptor registry are opaque: their JSON is kept verbatim (keys sorted)
 * and a note says so. Pure and synchronous.
 */
import type { Violation } from "../errors.js";
import { base64DecodeStd, base64Encode } from "../go/base64.js";
import { goJsonDecodeFirst, goJsonSyntaxError } from "../go/json.js";
import { formatProtoDuration } from "../go/jsonpb.js";
import { goQuote } from "../go/strconv.js";
import { parseGoDuration } from "../go/time.js";
import { parseYamlDocument, type YamlMemo } from "../parse/yaml.js";
import {
  getMessage,
  typeNameFromUrl,
  type ElementKind,
  type FieldDescriptor,
  type MessageDescriptor,
  type ScalarType,
} from "../xds/proto/descriptors.js";
import type { JsonObject, MutableJson, MutableJsonObject } from "../json.js";

/** Something the decoder did that Kuma does silently and that meshsim may want to warn about. */
export type DecodeNote =
  /** A key that is no field of the message: jsonpb drops it (`AllowUnknownFields: true`). */
  | { readonly kind: "dropped-unknown"; readonly path: string; readonly key: string; readonly typeName: string }
  /** An explicit proto3 zero value (0, "", false, first enum value, [] or {}): not populated, so a value-Patch ignores it. */
  | { readonly kind: "zero-ignored"; readonly path: string }
  /** An Any whose type is not modelled: payload kept verbatim (Kuma accepts it if go-control-plane registers the type). */
  | { readonly kind: "opaque-any"; readonly path: string; readonly typeUrl: string }
  /** A nested message that is not modelled: kept verbatim. */
  | { readonly kind: "opaque-message"; readonly path: string; readonly typeName: string }
  /**
   * The YAML did not parse but the text is JSON: Kuma's validator accepts it (it falls back to JSON),
   * while applying the modification (`util_proto.FromYAML`) would fail with the YAML error.
   */
  | { readonly kind: "yaml-json-fallback"; readonly path: string; readonly message: string };

/** Result of {@link decodeProto}. `message` on failure is Kuma's (jsonpb's) error text. */
export type DecodeResult =
  | { readonly ok: true; readonly value: JsonObject; readonly notes: DecodeNote[] }
  | {
      readonly ok: false;
      readonly message: string;
      /** Where in the input the error was found (same path syntax as notes). */
      readonly path: string;
      /** For {@link parseEnvoyYaml}: what the YAML parser said before the JSON fallback. */
      readonly yamlErrors?: readonly Violation[];
    };

/** Deepest nesting the decoder follows; deeper input fails instead of exhausting the stack. */
export const MAX_DECODE_DEPTH = 200;

class DecodeFailure {
  constructor(
    readonly message: string,
    readonly path: string,
  ) {}
}

interface Ctx {
  readonly notes: DecodeNote[];
  readonly cache: DecodeCache | undefined;
  /** Deepest message level entered so far (for the height of a subtree the cache records). */
  deepest: number;
}

/**
 * Decoder outputs known to be canonical for a message type, by identity, with their height. Decoding
 * canonical protojson again gives the same JSON and no notes, so a subtree that comes back unchanged
 * (a JSON patch copies only the path it writes) is returned as is: each MeshProxyPatch modification
 * then costs the size of what it changed, not of the resource, and the write diff skips shared
 * subtrees by identity. Only subtrees decoded without a single note are recorded, and the objects
 * recorded are frozen, so a caller that mutated one would fail loudly instead of reading a stale entry.
 * One cache per plugin run: entries never outlive the request.
 */
export class DecodeCache {
  private readonly byType = new Map<string, WeakMap<object, number>>();

  /** The height recorded for `value` as a canonical `typeName`, if any. */
  heightOf(value: object, typeName: string): number | undefined {
    return this.byType.get(typeName)?.get(value);
  }

  record(value: object, typeName: string, height: number): void {
    let known = this.byType.get(typeName);
    if (!known) this.byType.set(typeName, (known = new WeakMap()));
    known.set(value, height);
    Object.freeze(value);
  }
}

// ---------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Sets an own data property, also for keys such as `__proto__`. */
export function setOwn(o: MutableJsonObject, k: string, v: MutableJson): void {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A new object with the given entries, keys sorted by code unit. */
export function sortedObject(entries: Iterable<readonly [string, MutableJson]>): MutableJsonObject {
  const list = [...entries];
  // Most messages list their fields in key order already; sort only when they do not.
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1]![0] >= list[i]![0]) {
      list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      break;
    }
  }
  const out: MutableJsonObject = {};
  for (const [k, v] of list) setOwn(out, k, v);
  return out;
}

/** How Go's encoding/json names a JSON value's kind in `cannot unmarshal <kind> into ...`. */
function goKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return "object";
}

const GO_MAP = "map[string]json.RawMessage";
const GO_LIST = "[]json.RawMessage";
const cannot = (v: unknown, goType: string): string => `json: cannot unmarshal ${goKind(v)} into Go value of type ${goType}`;

/** Appends a key to a note/error path: `a.b`, or `a["io.kuma.tags"]` for keys that are not identifiers. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  if (/^[A-Za-z_@$][A-Za-z0-9_@$-]*$/.test(key)) return base === "" ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** A JSON literal for a number as Go's encoding/json would print it (same as JS for finite values). */
function numberLiteral(v: number | bigint): string {
  return typeof v === "bigint" ? v.toString() : JSON.stringify(v);
}

/**
 * Deep copy of arbitrary JSON-like input with sorted keys; `undefined` entries are dropped, bigints
 * become numbers, non-JSON values fail. Used for opaque messages (kept verbatim).
 */
export function verbatim(v: unknown, path: string, depth = 0): MutableJson {
  if (depth > MAX_DECODE_DEPTH) throw new DecodeFailure("exceeded max depth", path);
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new DecodeFailure(`json: unsupported value: ${String(v)}`, path);
    return v;
  }
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map((e, i) => verbatim(e ?? null, childPath(path, i), depth + 1));
  if (isPlainObject(v)) {
    const entries: [string, MutableJson][] = [];
    for (const k of Object.keys(v)) {
      const e = v[k];
      if (e !== undefined) entries.push([k, verbatim(e, childPath(path, k), depth + 1)]);
    }
    return sortedObject(entries);
  }
  throw new DecodeFailure(`json: unsupported type: ${typeof v}`, path);
}

// ---------------------------------------------------------------------------------------------
// scalars (jsonpb/decode.go unmarshalSingularValue)
// ---------------------------------------------------------------------------------------------

interface Scalar {
  readonly value: MutableJson;
  /** proto3 "unpopulated": the zero value of the kind. */
  readonly zero: boolean;
}

const GO_INT_TYPE: Readonly<Record<"int32" | "uint32" | "int64" | "uint64", string>> = {
  int32: "int32",
  uint32: "uint32",
  int64: "int64",
  uint64: "uint64",
};
const INT_RANGE: Readonly<Record<"int32" | "uint32" | "int64" | "uint64", readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/**
 * The JSON number literal a quoted number holds, as jsonpb's `trimQuote` + `json.Unmarshal` read it.
 * Returns `null` for a quoted JSON null (Go leaves the zero value).
 */
function quotedNumberLiteral(s: string, goType: string, path: string): string | null {
  const syntax = goJsonSyntaxError(s);
  if (syntax !== undefined) throw new DecodeFailure(syntax, path);
  const inner: unknown = JSON.parse(s);
  if (inner === null) return null;
  if (typeof inner !== "number") throw new DecodeFailure(cannot(inner, goType), path);
  return s.trim();
}

function decodeInt(t: "int32" | "uint32" | "int64" | "uint64", raw: unknown, path: string): Scalar {
  const goType = GO_INT_TYPE[t];
  const zeroValue: Scalar = { value: t === "int64" || t === "uint64" ? "0" : 0, zero: true };
  if (raw === null) return zeroValue;
  let lit: string | null;
  if (typeof raw === "string") lit = quotedNumberLiteral(raw, goType, path);
  else if (typeof raw === "number" || typeof raw === "bigint") lit = numberLiteral(raw);
  else throw new DecodeFailure(cannot(raw, goType), path);
  if (lit === null) return zeroValue;
  const [min, max] = INT_RANGE[t];
  if (!/^-?(0|[1-9][0-9]*)$/.test(lit)) throw new DecodeFailure(`json: cannot unmarshal number ${lit} into Go value of type ${goType}`, path);
  const n = BigInt(lit);
  if (n < min || n > max) throw new DecodeFailure(`json: cannot unmarshal number ${lit} into Go value of type ${goType}`, path);
  return { value: t === "int64" || t === "uint64" ? n.toString() : Number(n), zero: n === 0n };
}

function decodeDouble(raw: unknown, path: string): Scalar {
  if (raw === null) return { value: 0, zero: true };
  if (raw === "NaN" || raw === "Infinity" || raw === "-Infinity") return { value: raw, zero: false };
  let lit: string | null;
  if (typeof raw === "string") lit = quotedNumberLiteral(raw, "float64", path);
  else if (typeof raw === "number" || typeof raw === "bigint") lit = numberLiteral(raw);
  else throw new DecodeFailure(cannot(raw, "float64"), path);
  if (lit === null) return { value: 0, zero: true };
  const n = Number(lit);
  if (!Number.isFinite(n)) throw new DecodeFailure(`json: cannot unmarshal number ${lit} into Go value of type float64`, path);
  return { value: n, zero: n === 0 };
}

function decodeScalar(t: ScalarType, raw: unknown, path: string): Scalar {
  switch (t) {
    case "string":
      if (raw === null) return { value: "", zero: true };
      if (typeof raw !== "string") throw new DecodeFailure(cannot(raw, "string"), path);
      return { value: raw, zero: raw === "" };
    case "bool":
      if (raw === null) return { value: false, zero: true };
      if (typeof raw !== "boolean") throw new DecodeFailure(cannot(raw, "bool"), path);
      return { value: raw, zero: !raw };
    case "int32":
    case "uint32":
    case "int64":
    case "uint64":
      return decodeInt(t, raw, path);
    case "double":
      return decodeDouble(raw, path);
    case "bytes": {
      if (raw === null) return { value: "", zero: true };
      if (typeof raw !== "string") throw new DecodeFailure(cannot(raw, "[]uint8"), path);
      const b = base64DecodeStd(raw);
      if (!b.ok) throw new DecodeFailure(b.message, path);
      return { value: base64Encode(b.bytes), zero: b.bytes.length === 0 };
    }
  }
}

function decodeEnum(e: Extract<ElementKind, { kind: "enum" }>, raw: unknown, path: string): Scalar {
  if (raw === null) return { value: e.values[0] ?? 0, zero: true };
  if (typeof raw === "string") {
    const i = e.values.indexOf(raw);
    if (i < 0) throw new DecodeFailure(`unknown value ${goQuote(JSON.stringify(raw))} for enum ${e.enumName}`, path);
    return { value: raw, zero: e.numbers[i] === 0 };
  }
  if (typeof raw === "number" || typeof raw === "bigint") {
    const lit = numberLiteral(raw);
    const goType = "protoreflect.EnumNumber";
    if (!/^-?(0|[1-9][0-9]*)$/.test(lit)) throw new DecodeFailure(`json: cannot unmarshal number ${lit} into Go value of type ${goType}`, path);
    const n = BigInt(lit);
    if (n < INT_RANGE.int32[0] || n > INT_RANGE.int32[1])
      throw new DecodeFailure(`json: cannot unmarshal number ${lit} into Go value of type ${goType}`, path);
    const i = e.numbers.indexOf(Number(n));
    return { value: i >= 0 ? (e.values[i] ?? Number(n)) : Number(n), zero: n === 0n };
  }
  throw new DecodeFailure(cannot(raw, "protoreflect.EnumNumber"), path);
}

// ---------------------------------------------------------------------------------------------
// messages (jsonpb/decode.go unmarshalMessage)
// ---------------------------------------------------------------------------------------------

/** The JSON of an empty (all-default) message of this type, as jsonpb.Marshaler writes it. */
function emptyJson(md: MessageDescriptor | undefined): MutableJson {
  switch (md?.wellKnown) {
    case "Duration":
      return "0s";
    case "wrapper": {
      const f = md.fields[0];
      if (f?.type.kind !== "scalar") return null;
      return f.type.scalar === "int64" || f.type.scalar === "uint64" ? "0" : f.type.scalar === "bool" ? false : f.type.scalar === "string" || f.type.scalar === "bytes" ? "" : 0;
    }
    case "ListValue":
      return [];
    case "Value":
      return null;
    default:
      return {};
  }
}

function decodeMessage(ctx: Ctx, raw: unknown, typeName: string, path: string, depth: number): MutableJson {
  if (depth > MAX_DECODE_DEPTH) throw new DecodeFailure("exceeded max depth", path);
  if (ctx.cache === undefined || typeof raw !== "object" || raw === null) return decodeMessageUncached(ctx, raw, typeName, path, depth);
  const height = ctx.cache.heightOf(raw, typeName);
  if (height !== undefined && depth + height <= MAX_DECODE_DEPTH) {
    ctx.deepest = Math.max(ctx.deepest, depth + height);
    return raw as MutableJson;
  }
  const notesBefore = ctx.notes.length;
  const deepestBefore = ctx.deepest;
  ctx.deepest = depth;
  const out = decodeMessageUncached(ctx, raw, typeName, path, depth);
  if (ctx.notes.length === notesBefore && typeof out === "object" && out !== null) {
    freezeContainers(out);
    ctx.cache.record(out, typeName, ctx.deepest - depth);
  }
  ctx.deepest = Math.max(deepestBefore, ctx.deepest);
  return out;
}

/** Freezes the lists and maps directly inside a recorded message (its messages are recorded, so frozen, themselves). */
function freezeContainers(out: MutableJson): MutableJson {
  if (typeof out !== "object" || out === null) return out;
  for (const v of Object.values(out)) {
    if (typeof v !== "object" || v === null || Object.isFrozen(v)) continue;
    freezeContainers(v);
    Object.freeze(v);
  }
  return out;
}

function decodeMessageUncached(ctx: Ctx, raw: unknown, typeName: string, path: string, depth: number): MutableJson {
  ctx.deepest = Math.max(ctx.deepest, depth);
  const md = getMessage(typeName);
  if (md === undefined) {
    if (raw === null) return {};
    if (!isPlainObject(raw)) throw new DecodeFailure(cannot(raw, GO_MAP), path);
    ctx.notes.push({ kind: "opaque-message", path, typeName });
    return verbatim(raw, path, depth);
  }
  if (md.wellKnown === "Value") return decodeValue(ctx, raw, path, depth);
  // jsonpb: `null` for a message is a no-op, leaving the empty message.
  if (raw === null) {
    if (md.wellKnown === "Any") throw new DecodeFailure("could not resolve Any message type: ", path);
    return emptyJson(md);
  }
  switch (md.wellKnown) {
    case "Any":
      return decodeAny(ctx, raw, path, depth);
    case "Duration": {
      if (typeof raw !== "string") throw new DecodeFailure(cannot(raw, "string"), path);
      const d = parseGoDuration(raw);
      if (!d.ok) throw new DecodeFailure(`bad Duration: ${d.message}`, path);
      return formatProtoDuration(d.nanos);
    }
    case "wrapper": {
      const f = md.fields[0];
      if (f === undefined || f.type.kind !== "scalar") throw new Error(`bad wrapper ${typeName}`);
      return decodeScalar(f.type.scalar, raw, path).value;
    }
    case "Struct":
      return decodeStruct(ctx, raw, path, depth);
    case "ListValue": {
      if (!Array.isArray(raw)) throw new DecodeFailure(`bad ListValue: ${cannot(raw, GO_LIST)}`, path);
      return raw.map((e, i) => decodeValue(ctx, e ?? null, childPath(path, i), depth + 1));
    }
    default:
      return decodePlain(ctx, md, raw, path, depth);
  }
}

function decodeStruct(ctx: Ctx, raw: unknown, path: string, depth: number): MutableJsonObject {
  if (!isPlainObject(raw)) throw new DecodeFailure(`bad StructValue: ${cannot(raw, GO_MAP)}`, path);
  const entries: [string, MutableJson][] = [];
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (v === undefined) continue;
    try {
      entries.push([k, decodeValue(ctx, v, childPath(path, k), depth + 1)]);
    } catch (e) {
      if (e instanceof DecodeFailure) throw new DecodeFailure(`bad value in StructValue for key ${goQuote(k)}: ${e.message}`, e.path);
      throw e;
    }
  }
  return sortedObject(entries);
}

/** google.protobuf.Value: any JSON value; numbers become doubles. */
function decodeValue(ctx: Ctx, raw: unknown, path: string, depth: number): MutableJson {
  if (depth > MAX_DECODE_DEPTH) throw new DecodeFailure("exceeded max depth", path);
  ctx.deepest = Math.max(ctx.deepest, depth);
  if (raw === null || typeof raw === "boolean" || typeof raw === "string") return raw;
  if (typeof raw === "number") return raw;
  if (typeof raw === "bigint") return Number(raw);
  if (Array.isArray(raw)) return raw.map((e, i) => decodeValue(ctx, e ?? null, childPath(path, i), depth + 1));
  if (isPlainObject(raw)) return decodeStruct(ctx, raw, path, depth);
  throw new DecodeFailure(`unrecognized type for Value ${goQuote(String(raw))}`, path);
}

function decodeAny(ctx: Ctx, raw: unknown, path: string, depth: number): MutableJsonObject {
  if (!isPlainObject(raw)) throw new DecodeFailure(cannot(raw, GO_MAP), path);
  if (!hasOwn(raw, "@type")) throw new DecodeFailure("Any JSON doesn't have '@type'", path);
  const t = raw["@type"];
  let url: string;
  if (typeof t === "string") url = t;
  else if (t === null) url = "";
  else throw new DecodeFailure(`can't unmarshal Any's '@type': ${goQuote(JSON.stringify(t) ?? "")}`, path);
  const typeName = typeNameFromUrl(url);
  if (typeName === "") throw new DecodeFailure(`could not resolve Any message type: ${url}`, path);
  const md = getMessage(typeName);
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) if (k !== "@type") rest[k] = raw[k];
  if (md === undefined) {
    ctx.notes.push({ kind: "opaque-any", path, typeUrl: url });
    const payload = verbatim(rest, path, depth) as MutableJsonObject;
    return sortedObject([["@type", url], ...Object.entries(payload)]);
  }
  try {
    if (md.wellKnown !== undefined) {
      if (!hasOwn(raw, "value")) throw new DecodeFailure("Any JSON doesn't have 'value'", path);
      const v = decodeMessage(ctx, raw["value"] ?? null, typeName, childPath(path, "value"), depth + 1);
      return sortedObject([
        ["@type", url],
        ["value", v],
      ]);
    }
    const payload = decodePlain(ctx, md, rest, path, depth + 1);
    return sortedObject([["@type", url], ...Object.entries(payload)]);
  } catch (e) {
    if (e instanceof DecodeFailure) throw new DecodeFailure(`can't unmarshal Any nested proto ${url}: ${e.message}`, e.path);
    throw e;
  }
}

interface FieldValue {
  readonly value: MutableJson;
  readonly populated: boolean;
}

function decodeElement(ctx: Ctx, k: ElementKind, raw: unknown, path: string, depth: number): Scalar {
  switch (k.kind) {
    case "scalar":
      return decodeScalar(k.scalar, raw, path);
    case "enum":
      return decodeEnum(k, raw, path);
    case "message":
      return { value: decodeMessage(ctx, raw, k.typeName, path, depth + 1), zero: false };
  }
}

function decodeField(ctx: Ctx, f: FieldDescriptor, raw: unknown, path: string, depth: number): FieldValue {
  const t = f.type;
  if (t.kind === "repeated") {
    if (!Array.isArray(raw)) throw new DecodeFailure(cannot(raw, GO_LIST), path);
    const list = raw.map((e, i) => decodeElement(ctx, t.element, e ?? null, childPath(path, i), depth).value);
    return { value: list, populated: list.length > 0 };
  }
  if (t.kind === "map") {
    if (!isPlainObject(raw)) throw new DecodeFailure(cannot(raw, GO_MAP), path);
    const entries: [string, MutableJson][] = [];
    for (const key of Object.keys(raw)) {
      const v = raw[key];
      if (v === undefined) continue;
      entries.push([key, decodeElement(ctx, t.value, v, childPath(path, key), depth).value]);
    }
    return { value: sortedObject(entries), populated: entries.length > 0 };
  }
  const s = decodeElement(ctx, t, raw, path, depth);
  return { value: s.value, populated: t.kind === "message" || !s.zero };
}

function decodePlain(ctx: Ctx, md: MessageDescriptor, raw: unknown, path: string, depth: number): MutableJsonObject {
  if (!isPlainObject(raw)) throw new DecodeFailure(cannot(raw, GO_MAP), path);
  const consumed = new Set<string>();
  const out = new Map<string, MutableJson>();
  const oneofMember = new Map<string, string>();
  const zeroNotes: DecodeNote[] = [];
  // Look up only the keys present (a message has few set fields and many declared ones), then visit
  // them in field order, which is the order jsonpb reads them in.
  const chosen = new Map<FieldDescriptor, string>();
  for (const k of Object.keys(raw)) {
    const f = md.byJsonName.get(k) ?? md.byProtoName.get(k);
    if (f === undefined) continue;
    consumed.add(k);
    // jsonpb reads the proto name first, then the JSON name: the camelCase key wins.
    if (!chosen.has(f) || k === f.jsonName) chosen.set(f, k);
  }
  const present = [...chosen.keys()].sort((a, b) => a.index - b.index);
  for (const f of present) {
    const key = chosen.get(f)!;
    const v = raw[key];
    const isValueField = f.type.kind === "message" && f.type.typeName === "google.protobuf.Value";
    if (v === undefined || (v === null && !isValueField)) continue;
    const fpath = childPath(path, key);
    const decoded = decodeField(ctx, f, v, fpath, depth);
    if (f.oneof !== undefined) {
      const prev = oneofMember.get(f.oneof);
      if (prev !== undefined) out.delete(prev);
      oneofMember.set(f.oneof, f.jsonName);
      out.set(f.jsonName, decoded.value);
    } else if (decoded.populated) {
      out.set(f.jsonName, decoded.value);
    } else {
      zeroNotes.push({ kind: "zero-ignored", path: fpath });
    }
  }
  ctx.notes.push(...zeroNotes);
  for (const k of Object.keys(raw)) {
    if (!consumed.has(k) && raw[k] !== undefined) ctx.notes.push({ kind: "dropped-unknown", path, key: k, typeName: md.typeName });
  }
  return sortedObject(out);
}

// ---------------------------------------------------------------------------------------------
// public API
// ---------------------------------------------------------------------------------------------

/**
 * Reads `input` (parsed JSON/YAML) as message `typeName` the way Kuma's `util_proto.FromJSON`
 * does (jsonpb.Unmarshaler{AllowUnknownFields: true}) and returns what `util_proto.ToJSON` would
 * print for the result (canonical protojson, keys sorted).
 *
 * - Proto names and JSON names are both accepted; when both appear the JSON (camelCase) one wins.
 * - Unknown keys are dropped (`dropped-unknown` note each); explicit zero values of plain proto3
 *   fields are omitted (`zero-ignored` note); oneof members and wrappers are kept even when zero.
 * - `null` input gives the empty message `{}`; a `null` field is as if absent.
 * - An opaque (unmodelled) `typeName` keeps the object verbatim (`opaque-message` note).
 * - On failure, `message` is jsonpb's error text (e.g. `bad Duration: time: invalid duration "x"`,
 *   `Any JSON doesn't have '@type'`, `unknown value "\"FOO\"" for enum ...`).
 *
 * @param input a JSON-like value (objects, arrays, strings, finite numbers, booleans, null).
 * @param typeName full message name, e.g. `envoy.config.cluster.v3.Cluster`.
 * @param path prefix for note and error paths (e.g. the request field the value came from).
 * @param cache canonical subtrees already decoded in this plugin run, returned as they are.
 */
export function decodeProto(input: unknown, typeName: string, path = "", cache?: DecodeCache): DecodeResult {
  const ctx: Ctx = { notes: [], cache, deepest: 0 };
  try {
    const md = getMessage(typeName);
    const wk = md?.wellKnown;
    if (wk !== undefined && wk !== "Any" && wk !== "Struct" && wk !== "Empty") {
      return { ok: false, message: `${typeName} has no JSON object form`, path };
    }
    const value = input === undefined || input === null ? {} : decodeMessage(ctx, input, typeName, path, 0);
    if (!isPlainObject(value)) throw new DecodeFailure(cannot(value, GO_MAP), path);
    return { ok: true, value: value as JsonObject, notes: ctx.notes };
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, message: e.message, path: e.path };
    throw e;
  }
}

/**
 * Does this violation from `parseYamlDocument` correspond to a failure of sigs.k8s.io/yaml too
 * (syntax errors, duplicate keys, values JSON cannot hold), as opposed to a meshsim safety refusal
 * of YAML that Kuma accepts (anchors, aliases, tags, directives, merge keys, depth, size)?
 */
function isKumaYamlFailure(v: Violation): boolean {
  return v.message.startsWith("YAML syntax error") || v.message.startsWith("duplicate key") || v.message.includes("cannot be represented in JSON");
}

/**
 * Step 3 of Kuma's JSON-patch flow (`MergeJsonPatch` / `MergeJsonPatchAny` in
 * pkg/plugins/policies/core/jsonpatch/merge.go): the patched JSON document is parsed into a *fresh*
 * message with the same lenient decoder (`util_proto.FromJSON`), which then replaces the target.
 * It is {@link decodeProto} without `zero-ignored` notes (a zero written by a JSON patch is meant
 * to unset the field, and does): keys made unknown by the patch are dropped, a snake_case key added
 * next to an existing camelCase one loses, and a top-level `null` gives the empty message. For
 * networkFilter / httpFilter patches `typeName` is the typed config's message (e.g.
 * `...tcp_proxy.v3.TcpProxy`) and the caller re-packs the result into the Any. Kuma wraps a failure
 * as `failed to patch: parse json patched resource to proto: <message>`.
 */
export function decodeAfterJsonPatch(json: unknown, typeName: string, path = "", cache?: DecodeCache): DecodeResult {
  const r = decodeProto(json, typeName, path, cache);
  // Writing a zero with a JSON patch *is* how a field is unset: no zero-ignored warning here.
  return r.ok ? { ...r, notes: r.notes.filter((n) => n.kind !== "zero-ignored") } : r;
}

/**
 * Parses a MeshProxyPatch `value` string as Kuma does (`util_proto.FromYAML`, pkg/util/proto/proto.go):
 * YAML → JSON with sigs.k8s.io/yaml semantics (YAML 1.1 booleans etc.), then {@link decodeProto}.
 * `""` (YAML null) gives the empty message.
 *
 * When the YAML does not parse, Kuma's validator (`ValidateResourceYAML` in
 * pkg/core/resources/apis/mesh/validators.go) retries the raw text as JSON and reports the Go JSON
 * decoder's error, e.g. `unexpected EOF` for `'{'`. That message is returned, with the YAML
 * parser's own violations in `yamlErrors`. If the text happens to be valid JSON, it is decoded and
 * a `yaml-json-fallback` note records that applying it would fail. YAML that Kuma reads but meshsim
 * refuses for safety (anchors, aliases, tags, directives, merge keys, deep nesting) fails with the
 * YAML parser's message instead, without the fallback.
 */
export function parseEnvoyYaml(text: string, typeName: string, path: string, memo?: YamlMemo): DecodeResult {
  const parsed = memo ? memo.parse(text, path, { yaml11: true }) : parseYamlDocument(text, path, { yaml11: true });
  if (parsed.ok) return decodeProto(parsed.value, typeName, path);
  const yamlMessage = parsed.errors.map((e) => e.message).join("; ");
  if (!parsed.errors.every(isKumaYamlFailure)) {
    // meshsim refused YAML that Kuma would read (anchors, tags, too deep, ...): say so, no fallback.
    return { ok: false, message: yamlMessage, path, yamlErrors: parsed.errors };
  }
  const fallback = goJsonDecodeFirst(text);
  if (!fallback.ok) return { ok: false, message: fallback.message, path, yamlErrors: parsed.errors };
  const decoded = decodeProto(fallback.value, typeName, path);
  if (!decoded.ok) return { ...decoded, yamlErrors: parsed.errors };
  return { ...decoded, notes: [{ kind: "yaml-json-fallback", path, message: yamlMessage }, ...decoded.notes] };
}
