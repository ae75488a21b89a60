/**
 * A small descriptor model of protobuf messages, enough to read and write Envoy protojson the way
 * golang/protobuf v1.5.4 `jsonpb` does (field names, kinds, oneofs, well-known types).
 *
 * Descriptors are written by hand in a compact string form (see {@link parseFieldSpec}) in the
 * sibling files, one per Envoy proto package, and assembled into one frozen registry by
 * `descriptors.ts`. Field numbers are not modelled; fields are listed in proto declaration order,
 * which is the order jsonpb reads them in.
 */

/** Scalar field types. float is modelled as double, the fixed/sint variants as their plain kind. */
export type ScalarType = "string" | "bool" | "int32" | "uint32" | "int64" | "uint64" | "double" | "bytes";

/** A proto3 enum: value names in number order, so index 0 is always the zero value. */
export interface EnumDescriptor {
  /** Full name, e.g. `envoy.config.cluster.v3.Cluster.LbPolicy`. */
  readonly fullName: string;
  /** Value names sorted by number; `values[0]` has number 0. */
  readonly values: readonly string[];
  /** `numbers[i]` is the number of `values[i]` (enums may have gaps, e.g. LbPolicy has no 4). */
  readonly numbers: readonly number[];
}

/** The kind of one singular value (a field, a list element or a map value). */
export type ElementKind =
  | { readonly kind: "scalar"; readonly scalar: ScalarType }
  | {
      readonly kind: "enum";
      readonly enumName: string;
      /** Value names in number order; index 0 is the zero value. */
      readonly values: readonly string[];
      readonly numbers: readonly number[];
    }
  | { readonly kind: "message"; readonly typeName: string };

/** The kind of a field. Maps always have string keys in the modelled subset. */
export type FieldKind =
  | ElementKind
  | { readonly kind: "repeated"; readonly element: ElementKind }
  | { readonly kind: "map"; readonly key: "string"; readonly value: ElementKind };

export interface FieldDescriptor {
  /** Proto field name, snake_case (`connect_timeout`). */
  readonly name: string;
  /** protojson name, lowerCamel (`connectTimeout`), as protoc's ToJsonName derives it. */
  readonly jsonName: string;
  readonly type: FieldKind;
  /** Name of the containing oneof group, if any. Oneof members count as populated even when zero. */
  readonly oneof?: string;
  /** Position in the message's declaration order (the order jsonpb reads fields in). */
  readonly index: number;
}

/** Messages jsonpb treats specially (golang/protobuf v1.5.4 jsonpb/json.go `wellKnownType`). */
export type WellKnown =
  | "Any"
  | "Duration"
  | "Struct"
  | "Value"
  | "ListValue"
  | "Empty"
  /** BoolValue, UInt32Value, ...: JSON is the bare inner scalar. */
  | "wrapper";

export interface MessageDescriptor {
  /** Full type name, e.g. `envoy.config.cluster.v3.Cluster`. */
  readonly typeName: string;
  /** Fields in proto declaration order. */
  readonly fields: readonly FieldDescriptor[];
  readonly wellKnown?: WellKnown;
  /** Lookup by lowerCamel JSON name. */
  readonly byJsonName: ReadonlyMap<string, FieldDescriptor>;
  /** Lookup by proto (snake_case) name. */
  readonly byProtoName: ReadonlyMap<string, FieldDescriptor>;
}

/** Hand-written enum: either names in order from 0, or an explicit name → number table. */
export interface RawEnum {
  readonly name: string;
  readonly values: readonly string[] | Readonly<Record<string, number>>;
}

/**
 * Hand-written message: field proto name → spec string. Spec grammar:
 * `T`, `[]T` (repeated), `map<T>` (map with string keys), optionally followed by `| oneof_name`.
 * `T` is a scalar (`string`, `bool`, `int32`, `uint32`, `int64`, `uint64`, `double`, `float`,
 * `bytes`, `fixed32`, ...), `enum:Full.Enum.Name`, or a message full name.
 */
export interface RawMessage {
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly wellKnown?: WellKnown;
}

/** Shorthand constructors used by the per-package descriptor files. */
export const msg = (name: string, fields: Readonly<Record<string, string>>, wellKnown?: WellKnown): RawMessage =>
  wellKnown === undefined ? { name, fields } : { name, fields, wellKnown };
export const enm = (name: string, values: readonly string[] | Readonly<Record<string, number>>): RawEnum => ({ name, values });

/** protoc's ToJsonName (google/protobuf/descriptor.cc): drop `_`, upper-case the next character. */
export function toJsonName(protoName: string): string {
  let out = "";
  let upper = false;
  for (const ch of protoName) {
    if (ch === "_") upper = true;
    else if (upper) {
      out += ch.toUpperCase();
      upper = false;
    } else out += ch;
  }
  return out;
}

const SCALAR_ALIASES: Readonly<Record<string, ScalarType>> = {
  string: "string",
  bool: "bool",
  int32: "int32",
  sint32: "int32",
  sfixed32: "int32",
  uint32: "uint32",
  fixed32: "uint32",
  int64: "int64",
  sint64: "int64",
  sfixed64: "int64",
  uint64: "uint64",
  fixed64: "uint64",
  double: "double",
  float: "double",
  bytes: "bytes",
};

/** Parses one field spec string (grammar on {@link RawMessage}). Throws on a malformed spec (a bug). */
export function parseFieldSpec(
  owner: string,
  protoName: string,
  spec: string,
  enums: ReadonlyMap<string, EnumDescriptor>,
): Omit<FieldDescriptor, "index"> {
  const [typePart, oneofPart] = spec.split("|").map((s) => s.trim());
  if (typePart === undefined || typePart === "") throw new Error(`bad field spec ${owner}.${protoName}: ${spec}`);
  const element = (t: string): ElementKind => {
    const scalar = SCALAR_ALIASES[t];
    if (scalar !== undefined && Object.prototype.hasOwnProperty.call(SCALAR_ALIASES, t)) return { kind: "scalar", scalar };
    if (t.startsWith("enum:")) {
      const enumName = t.slice("enum:".length);
      const e = enums.get(enumName);
      if (e === undefined) throw new Error(`unknown enum ${enumName} in ${owner}.${protoName}`);
      return { kind: "enum", enumName, values: e.values, numbers: e.numbers };
    }
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(t)) throw new Error(`bad type ${t} in ${owner}.${protoName}`);
    return { kind: "message", typeName: t };
  };
  let type: FieldKind;
  if (typePart.startsWith("[]")) type = { kind: "repeated", element: element(typePart.slice(2)) };
  else if (typePart.startsWith("map<") && typePart.endsWith(">"))
    type = { kind: "map", key: "string", value: element(typePart.slice(4, -1)) };
  else type = element(typePart);
  const base = { name: protoName, jsonName: toJsonName(protoName), type };
  return oneofPart !== undefined && oneofPart !== "" ? { ...base, oneof: oneofPart } : base;
}

/** Builds an enum descriptor from its hand-written form. */
export function buildEnum(raw: RawEnum): EnumDescriptor {
  const pairs: [string, number][] = Array.isArray(raw.values)
    ? (raw.values as readonly string[]).map((n, i) => [n, i])
    : Object.entries(raw.values as Record<string, number>);
  pairs.sort((a, b) => a[1] - b[1]);
  if (pairs[0]?.[1] !== 0) throw new Error(`enum ${raw.name} has no zero value`);
  return Object.freeze({
    fullName: raw.name,
    values: Object.freeze(pairs.map((p) => p[0])),
    numbers: Object.freeze(pairs.map((p) => p[1])),
  });
}

/** Builds a message descriptor from its hand-written form. */
export function buildMessage(raw: RawMessage, enums: ReadonlyMap<string, EnumDescriptor>): MessageDescriptor {
  const fields = Object.entries(raw.fields).map(([name, spec], index) => Object.freeze({ ...parseFieldSpec(raw.name, name, spec, enums), index }));
  const byJsonName = new Map<string, FieldDescriptor>();
  const byProtoName = new Map<string, FieldDescriptor>();
  for (const f of fields) {
    if (byJsonName.has(f.jsonName) || byProtoName.has(f.name)) throw new Error(`duplicate field ${raw.name}.${f.name}`);
    byJsonName.set(f.jsonName, f);
    byProtoName.set(f.name, f);
  }
  const d: MessageDescriptor = {
    typeName: raw.name,
    fields: Object.freeze(fields),
    byJsonName,
    byProtoName,
    ...(raw.wellKnown !== undefined ? { wellKnown: raw.wellKnown } : {}),
  };
  return Object.freeze(d);
}
