/**
 * The descriptor builders: protoc's ToJsonName (protocolbuffers/protobuf src/google/protobuf/descriptor.cc),
 * proto3 enums (the first value must be zero; language guide "Enumerations"), the hand-written field-spec
 * grammar, and the JSON-name conflict protoc rejects. The assembled registry is tested in
 * src/core/xds/proto/descriptors.test.ts.
 */
import { describe, expect, it } from "vitest";
import { buildEnum, buildMessage, enm, msg, parseFieldSpec, toJsonName, type EnumDescriptor } from "./types.js";

const ENUMS = new Map<string, EnumDescriptor>([["t.Color", buildEnum(enm("t.Color", ["RED", "GREEN"]))]]);

describe("toJsonName (ToJsonName: drop _, upper-case the next character)", () => {
  it("snake_case to lowerCamel, digits kept", () => {
    expect(toJsonName("connect_timeout")).toBe("connectTimeout");
    expect(toJsonName("http2_protocol_options")).toBe("http2ProtocolOptions");
    expect(toJsonName("name")).toBe("name");
  });
  it("edges: doubled, leading and trailing underscores; a digit after _ stays a digit", () => {
    expect(toJsonName("foo__bar")).toBe("fooBar");
    expect(toJsonName("_foo")).toBe("Foo");
    expect(toJsonName("foo_")).toBe("foo");
    expect(toJsonName("foo_1bar")).toBe("foo1bar");
  });
});

describe("parseFieldSpec", () => {
  const spec = (s: string) => parseFieldSpec("t.M", "some_field", s, ENUMS);
  it("scalars, with float as double and the fixed/sint variants as their plain kind", () => {
    expect(spec("string")).toEqual({ name: "some_field", jsonName: "someField", type: { kind: "scalar", scalar: "string" } });
    expect(spec("float").type).toEqual({ kind: "scalar", scalar: "double" });
    expect(spec("fixed32").type).toEqual({ kind: "scalar", scalar: "uint32" });
    expect(spec("sint64").type).toEqual({ kind: "scalar", scalar: "int64" });
    expect(spec("sfixed32").type).toEqual({ kind: "scalar", scalar: "int32" });
  });
  it("messages by full name, repeated and string-keyed maps", () => {
    expect(spec("google.protobuf.Duration").type).toEqual({ kind: "message", typeName: "google.protobuf.Duration" });
    expect(spec("[]string").type).toEqual({ kind: "repeated", element: { kind: "scalar", scalar: "string" } });
    expect(spec("map<google.protobuf.Struct>").type).toEqual({ kind: "map", key: "string", value: { kind: "message", typeName: "google.protobuf.Struct" } });
  });
  it("enums carry their values and numbers", () => {
    expect(spec("enum:t.Color").type).toEqual({ kind: "enum", enumName: "t.Color", values: ["RED", "GREEN"], numbers: [0, 1] });
    expect(spec("[]enum:t.Color").type).toMatchObject({ kind: "repeated", element: { kind: "enum", enumName: "t.Color" } });
  });
  it("| names the oneof; spaces around it do not matter", () => {
    expect(spec("uint32 | port_specifier")).toMatchObject({ type: { kind: "scalar", scalar: "uint32" }, oneof: "port_specifier" });
    expect(spec("uint32|port_specifier").oneof).toBe("port_specifier");
    expect("oneof" in spec("uint32")).toBe(false);
  });
  it("a name that is an Object.prototype member is a message name, not a scalar", () => {
    expect(spec("constructor").type).toEqual({ kind: "message", typeName: "constructor" });
  });
  it("throws on malformed specs (a bug in the hand-written tables)", () => {
    expect(() => spec("")).toThrow(/bad field spec t\.M\.some_field/);
    expect(() => spec("enum:t.Missing")).toThrow(/unknown enum t\.Missing in t\.M\.some_field/);
    expect(() => spec("not a type")).toThrow(/bad type/);
    expect(() => spec("[]map<x>")).toThrow(/bad type/);
  });
});

describe("buildEnum", () => {
  it("values in number order from a list (numbered from 0) or a table with gaps", () => {
    expect(buildEnum(enm("e", ["A", "B"]))).toEqual({ fullName: "e", values: ["A", "B"], numbers: [0, 1] });
    expect(buildEnum(enm("e", { C: 5, A: 0, B: 2 }))).toEqual({ fullName: "e", values: ["A", "B", "C"], numbers: [0, 2, 5] });
  });
  it("a proto3 enum must have a zero value", () => {
    expect(() => buildEnum(enm("e", { A: 1 }))).toThrow(/no zero value/);
    expect(() => buildEnum(enm("e", []))).toThrow(/no zero value/);
  });
  it("is frozen", () => {
    expect(Object.isFrozen(buildEnum(enm("e", ["A"])).values)).toBe(true);
  });
});

describe("buildMessage", () => {
  it("keeps declaration order and indexes fields by JSON and proto name", () => {
    const d = buildMessage(msg("t.M", { b_field: "string", a_field: "enum:t.Color | kind" }), ENUMS);
    expect(d.fields.map((f) => f.name)).toEqual(["b_field", "a_field"]);
    expect(d.byJsonName.get("aField")?.oneof).toBe("kind");
    expect(d.byProtoName.get("b_field")?.jsonName).toBe("bField");
    expect(d.wellKnown).toBeUndefined();
    expect(Object.isFrozen(d)).toBe(true);
  });
  it("carries the well-known kind", () => {
    expect(buildMessage(msg("google.protobuf.BoolValue", { value: "bool" }, "wrapper"), ENUMS).wellKnown).toBe("wrapper");
  });
  it("rejects two fields with the same JSON name (protoc: JSON name conflict)", () => {
    expect(() => buildMessage(msg("t.M", { foo_bar: "string", fooBar: "string" }), ENUMS)).toThrow(/duplicate field t\.M\.fooBar/);
  });
});
