/**
 * Well-known types: google/protobuf/{any,duration,struct,wrappers,empty}.proto, with the JSON
 * mapping golang/protobuf v1.5.4 jsonpb applies to them (`wellKnownType` in jsonpb/json.go).
 */
import { enm, msg, type RawEnum, type RawMessage } from "./types.js";

const P = "google.protobuf";

export const WKT_ENUMS: readonly RawEnum[] = [
  // google/protobuf/struct.proto
  enm(`${P}.NullValue`, ["NULL_VALUE"]),
];

export const WKT_MESSAGES: readonly RawMessage[] = [
  // google/protobuf/any.proto
  msg(`${P}.Any`, { type_url: "string", value: "bytes" }, "Any"),
  // google/protobuf/duration.proto
  msg(`${P}.Duration`, { seconds: "int64", nanos: "int32" }, "Duration"),
  // google/protobuf/empty.proto
  msg(`${P}.Empty`, {}, "Empty"),
  // google/protobuf/struct.proto
  msg(`${P}.Struct`, { fields: `map<${P}.Value>` }, "Struct"),
  msg(
    `${P}.Value`,
    {
      null_value: `enum:${P}.NullValue | kind`,
      number_value: "double | kind",
      string_value: "string | kind",
      bool_value: "bool | kind",
      struct_value: `${P}.Struct | kind`,
      list_value: `${P}.ListValue | kind`,
    },
    "Value",
  ),
  msg(`${P}.ListValue`, { values: `[]${P}.Value` }, "ListValue"),
  // google/protobuf/wrappers.proto
  msg(`${P}.DoubleValue`, { value: "double" }, "wrapper"),
  msg(`${P}.FloatValue`, { value: "float" }, "wrapper"),
  msg(`${P}.Int64Value`, { value: "int64" }, "wrapper"),
  msg(`${P}.UInt64Value`, { value: "uint64" }, "wrapper"),
  msg(`${P}.Int32Value`, { value: "int32" }, "wrapper"),
  msg(`${P}.UInt32Value`, { value: "uint32" }, "wrapper"),
  msg(`${P}.BoolValue`, { value: "bool" }, "wrapper"),
  msg(`${P}.StringValue`, { value: "string" }, "wrapper"),
  msg(`${P}.BytesValue`, { value: "bytes" }, "wrapper"),
];
