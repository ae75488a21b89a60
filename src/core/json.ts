/** JSON values as they appear in Envoy protojson and in parsed request bodies. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}
/** Mutable twin used only inside functions that build a fresh value. */
export type MutableJson = null | boolean | number | string | MutableJson[] | MutableJsonObject;
export interface MutableJsonObject {
  [key: string]: MutableJson;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Own-property lookup that never walks the prototype chain (untrusted keys such as `constructor`). */
export function ownGet(obj: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * Deterministic serialisation: object keys sorted by code unit (as Kuma's golden YAML is sorted),
 * arrays kept in order. Same input → same bytes.
 */
export function canonicalStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeysDeep(value), null, indent);
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Deep copy of a JSON value (plain objects only; no prototypes, no functions survive). */
export function cloneJson<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
