/**
 * `conf.resources`: raw Envoy resources written as YAML with their `@type` (kuma `pkg/util/envoy/raw.go`
 * ResourceFromYaml @ v2.14.3, unchanged since 2.5.0: YAML to JSON, read as an Any, unpacked into the message its
 * `@type` names). meshsim models clusters and listeners; a raw resource of another type is accepted (Kuma accepts
 * it) and reported as not modelled.
 */
import { isJsonObject, type JsonObject } from "../../json.js";
import { decodeProto, type DecodeNote } from "../../patch/proto-json.js";
import { parseYamlDocument } from "../../parse/yaml.js";
import { TYPE_URL } from "../../xds/names.js";
import type { XdsType } from "../../xds/resource-set.js";

export type RawParse =
  | { readonly ok: true; readonly type: XdsType; readonly value: JsonObject; readonly notes: readonly DecodeNote[] }
  /** `invalid`: Kuma refuses it too; otherwise Kuma accepts it and meshsim does not model the type. */
  | { readonly ok: false; readonly invalid: boolean; readonly message: string; readonly typeUrl?: string };

const TYPES: Readonly<Record<string, { type: XdsType; message: string }>> = {
  [TYPE_URL.cluster]: { type: "cluster", message: TYPE_URL.cluster.replace("type.googleapis.com/", "") },
  [TYPE_URL.listener]: { type: "listener", message: TYPE_URL.listener.replace("type.googleapis.com/", "") },
};

/** Reads one raw resource; `path` names the field in violations. */
export function parseRawResource(text: string, path: string): RawParse {
  const doc = parseYamlDocument(text, path, { yaml11: true });
  if (!doc.ok) return { ok: false, invalid: true, message: doc.errors.map((e) => e.message).join("; ") };
  if (!isJsonObject(doc.value)) {
    // Go's encoding/json, reading the Any's JSON into a map (only the string case is Kuma's test; others say the JSON type).
    const got = typeof doc.value === "string" ? "string" : Array.isArray(doc.value) ? "array" : typeof doc.value === "number" ? "number" : typeof doc.value === "boolean" ? "bool" : "null";
    return { ok: false, invalid: true, message: `json: cannot unmarshal ${got} into Go value of type map[string]json.RawMessage` };
  }
  const { ["@type"]: url, ...rest } = doc.value as JsonObject;
  // protojson's messages (proxy_template_raw_source_test.go @ v2.14.3).
  if (url === undefined) return { ok: false, invalid: true, message: "Any JSON doesn't have '@type'" };
  if (typeof url !== "string" || url === "") return { ok: false, invalid: true, message: "invalid empty type URL" };
  const known = TYPES[url];
  if (!known) return { ok: false, invalid: false, message: `${url} is not modelled by meshsim`, typeUrl: url };
  const decoded = decodeProto(rest, known.message, path);
  if (!decoded.ok) return { ok: false, invalid: true, message: decoded.message };
  // The one PGV rule of the message Kuma's tests show (envoy cluster.proto `name` min_len 1); the rest of Validate() is not modelled.
  if (known.type === "cluster" && !decoded.value["name"]) return { ok: false, invalid: true, message: "invalid Cluster.Name: value length must be at least 1 runes" };
  return { ok: true, type: known.type, value: decoded.value, notes: decoded.notes };
}
