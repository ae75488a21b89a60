/**
 * Field-by-field comparison of Envoy resources, keyed by type and name. Nothing is ignored: every
 * key of every object, every array element in order, and the JSON type of every scalar ("5" is not 5).
 * Differences are addressed with RFC 6901 JSON pointers into the resource.
 */

/** One xDS resource as it appears in a golden or in meshsim's output. */
export interface ResourceEntry {
  /** Full type URL, e.g. `type.googleapis.com/envoy.config.listener.v3.Listener`. */
  readonly typeUrl: string;
  readonly name: string;
  readonly value: unknown;
}

export type ResourceMap = ReadonlyMap<string, ResourceEntry>;

export interface FieldDiff {
  /** JSON pointer into the resource (`""` is the resource itself). */
  readonly pointer: string;
  readonly inKuma: boolean;
  readonly inMeshsim: boolean;
  readonly kuma?: unknown;
  readonly meshsim?: unknown;
}

export interface ResourceDiff {
  readonly typeUrl: string;
  readonly name: string;
  /** `missing`: Kuma has it, meshsim does not. `extra`: meshsim has it, Kuma does not. */
  readonly kind: "missing" | "extra" | "changed";
  readonly fields: readonly FieldDiff[];
  /** The whole resource, for `missing` (Kuma's) and `extra` (meshsim's). */
  readonly value?: unknown;
}

export function resourceKey(typeUrl: string, name: string): string {
  return `${typeUrl}\u0000${name}`;
}

/** `type.googleapis.com/envoy.config.listener.v3.Listener` → `Listener`. */
export function shortType(typeUrl: string): string {
  const i = typeUrl.lastIndexOf(".");
  return i >= 0 ? typeUrl.slice(i + 1) : typeUrl;
}

/** Builds a map and refuses duplicates: a golden with two resources of one type and name is malformed. */
export function toResourceMap(entries: readonly ResourceEntry[], what: string): ResourceMap {
  const m = new Map<string, ResourceEntry>();
  for (const e of entries) {
    const k = resourceKey(e.typeUrl, e.name);
    if (m.has(k)) throw new Error(`${what}: duplicate ${shortType(e.typeUrl)} "${e.name}"`);
    m.set(k, e);
  }
  return m;
}

/** RFC 6901 escaping of one reference token. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function kindOf(v: unknown): "array" | "object" | "null" | "string" | "number" | "boolean" | "other" {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  const t = typeof v;
  if (t === "object") return "object";
  if (t === "string" || t === "number" || t === "boolean") return t;
  return "other";
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Every difference between two JSON values, deepest first where both sides have a container. */
export function diffValues(kuma: unknown, meshsim: unknown, pointer = ""): FieldDiff[] {
  const kk = kindOf(kuma);
  const mk = kindOf(meshsim);
  if (kk === "other" || mk === "other") throw new Error(`non-JSON value at ${pointer || "/"}`);
  if (kk !== mk) return [{ pointer, inKuma: true, inMeshsim: true, kuma, meshsim }];
  if (kk === "array") {
    const a = kuma as readonly unknown[];
    const b = meshsim as readonly unknown[];
    const out: FieldDiff[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${pointer}/${i}`;
      if (i >= b.length) out.push({ pointer: p, inKuma: true, inMeshsim: false, kuma: a[i] });
      else if (i >= a.length) out.push({ pointer: p, inKuma: false, inMeshsim: true, meshsim: b[i] });
      else out.push(...diffValues(a[i], b[i], p));
    }
    return out;
  }
  if (kk === "object") {
    const a = kuma as Record<string, unknown>;
    const b = meshsim as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    const out: FieldDiff[] = [];
    for (const k of keys) {
      const p = `${pointer}/${escapePointerToken(k)}`;
      const inA = hasOwn(a, k);
      const inB = hasOwn(b, k);
      if (inA && !inB) out.push({ pointer: p, inKuma: true, inMeshsim: false, kuma: a[k] });
      else if (!inA && inB) out.push({ pointer: p, inKuma: false, inMeshsim: true, meshsim: b[k] });
      else out.push(...diffValues(a[k], b[k], p));
    }
    return out;
  }
  // Scalars of the same JSON type. Object.is would tell 0 from -0, which JSON does not.
  return kuma === meshsim ? [] : [{ pointer, inKuma: true, inMeshsim: true, kuma, meshsim }];
}

/** Compares two resource sets: missing, extra, and per-field differences of resources both have. */
export function diffResources(kuma: ResourceMap, meshsim: ResourceMap): ResourceDiff[] {
  const out: ResourceDiff[] = [];
  const keys = [...new Set([...kuma.keys(), ...meshsim.keys()])].sort();
  for (const k of keys) {
    const a = kuma.get(k);
    const b = meshsim.get(k);
    if (a && !b) out.push({ typeUrl: a.typeUrl, name: a.name, kind: "missing", fields: [], value: a.value });
    else if (!a && b) out.push({ typeUrl: b.typeUrl, name: b.name, kind: "extra", fields: [], value: b.value });
    else if (a && b) {
      const fields = diffValues(a.value, b.value);
      if (fields.length > 0) out.push({ typeUrl: a.typeUrl, name: a.name, kind: "changed", fields });
    }
  }
  return out;
}

/** Short, single-line rendering of a JSON value for the report. */
export function show(v: unknown, max = 160): string {
  const s = JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
