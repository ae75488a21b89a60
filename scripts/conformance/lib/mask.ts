/**
 * Masks: fields of a golden resource a case deliberately does not compare, because they come from inputs
 * meshsim does not model or from test-only values. A mask is explicit and narrow:
 *
 * - it names one resource (type and name) and a JSON pointer inside it, never the resource itself (`""`);
 * - a pointer token `*` stands for every key or index at that level; the pointer is expanded against Kuma's
 *   resource into concrete pointers, each of which is reported (`masked: <pointer> (<reason>)`);
 * - `where` keeps only the matches whose value has `equals` at the relative pointer `where.pointer`
 *   (e.g. the http filter named `envoy.filters.http.fault`), so a mask cannot drift onto other elements;
 * - side `both` (default) removes the field from both sides; side `kuma` removes only Kuma's (an element
 *   that meshsim is not expected to produce at all: if meshsim produced it anyway, it stays and shows as a
 *   difference, and the rest of the array is compared element by element);
 * - a mask that matches nothing in Kuma's resource is an error (a stale mask would hide a future change).
 */
import { escapePointerToken, resourceKey, shortType, type ResourceEntry } from "./compare.js";

export interface MaskSpec {
  readonly typeUrl: string;
  readonly name: string;
  /** JSON pointer (RFC 6901) into the resource; `*` tokens match every key or index. Never `""`. */
  readonly pointer: string;
  readonly reason: string;
  /** `both` (default): the field is removed from both sides. `kuma`: only from Kuma's side. */
  readonly side?: "both" | "kuma";
  /** Keep only matches whose value holds `equals` at `pointer` (relative to the match). */
  readonly where?: { readonly pointer: string; readonly equals: unknown };
}

/** One concrete masked field, as reported. */
export interface AppliedMask {
  readonly typeUrl: string;
  readonly name: string;
  readonly pointer: string;
  readonly reason: string;
  readonly side: "both" | "kuma";
}

function unescapeToken(t: string): string {
  return t.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer.slice(1).split("/").map(unescapeToken);
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === "object" && v !== null;
}

function child(v: unknown, token: string): { found: boolean; value?: unknown } {
  if (Array.isArray(v)) {
    if (!/^(0|[1-9]\d*)$/.test(token)) return { found: false };
    const i = Number(token);
    return i < v.length ? { found: true, value: v[i] } : { found: false };
  }
  if (isContainer(v) && Object.prototype.hasOwnProperty.call(v, token)) return { found: true, value: (v as Record<string, unknown>)[token] };
  return { found: false };
}

/** The value at a concrete pointer, if there is one. */
export function getAt(value: unknown, pointer: string): { found: boolean; value?: unknown } {
  let cur: { found: boolean; value?: unknown } = { found: true, value };
  for (const t of parsePointer(pointer)) {
    cur = child(cur.value, t);
    if (!cur.found) return cur;
  }
  return cur;
}

/** Concrete pointers (tokens escaped) matching a pattern with `*` tokens, in document order. */
export function expandPointer(value: unknown, pattern: string): string[] {
  const tokens = parsePointer(pattern);
  const out: string[] = [];
  const walk = (v: unknown, i: number, prefix: string) => {
    if (i === tokens.length) {
      out.push(prefix);
      return;
    }
    const t = tokens[i]!;
    if (t === "*") {
      if (Array.isArray(v)) v.forEach((x, k) => walk(x, i + 1, `${prefix}/${k}`));
      else if (isContainer(v)) for (const [k, x] of Object.entries(v)) walk(x, i + 1, `${prefix}/${escapePointerToken(k)}`);
      return;
    }
    const c = child(v, t);
    if (c.found) walk(c.value, i + 1, `${prefix}/${escapePointerToken(t)}`);
  };
  walk(value, 0, "");
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isContainer(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

const REMOVED = Symbol("masked");

/** Replaces the value at a concrete pointer by a marker (in a value already deep-copied). */
function markAt(value: unknown, pointer: string): boolean {
  const tokens = parsePointer(pointer);
  let cur: unknown = value;
  for (let i = 0; i < tokens.length - 1; i++) {
    const c = child(cur, tokens[i]!);
    if (!c.found) return false;
    cur = c.value;
  }
  const last = tokens[tokens.length - 1]!;
  if (!child(cur, last).found) return false;
  if (Array.isArray(cur)) cur[Number(last)] = REMOVED;
  else (cur as Record<string, unknown>)[last] = REMOVED;
  return true;
}

/** Drops every marker: array elements go (later ones move up), object keys are deleted. */
function sweep(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== REMOVED).map(sweep);
  if (isContainer(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== REMOVED).map(([k, x]) => [k, sweep(x)]));
  return v;
}

function copy(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

/**
 * Applies masks to both sides (keyed maps of one comparison; entries are replaced, not mutated). Throws on
 * a mask that would hide a whole resource, names a resource Kuma's golden does not have, or matches nothing.
 */
export function applyMasks(kuma: Map<string, ResourceEntry>, meshsim: Map<string, ResourceEntry>, specs: readonly MaskSpec[]): AppliedMask[] {
  const applied: AppliedMask[] = [];
  const byResource = new Map<string, { k: unknown; m: unknown; hasM: boolean }>();
  for (const s of specs) {
    const id = `${shortType(s.typeUrl)} "${s.name}"`;
    if (s.pointer === "" || s.pointer === "/") throw new Error(`mask on ${id} would hide the whole resource (pointer "${s.pointer}")`);
    const key = resourceKey(s.typeUrl, s.name);
    const k = kuma.get(key);
    if (!k) throw new Error(`mask on ${id}, which the golden does not have`);
    let work = byResource.get(key);
    if (!work) {
      const m = meshsim.get(key);
      work = { k: copy(k.value), m: m ? copy(m.value) : undefined, hasM: !!m };
      byResource.set(key, work);
    }
    // Expand on the unmasked golden so earlier masks of the same resource do not shift indices.
    let pointers = expandPointer(k.value, s.pointer);
    if (s.where) {
      const w = s.where;
      pointers = pointers.filter((p) => {
        const at = getAt(getAt(k.value, p).value, w.pointer);
        return at.found && sameJson(at.value, w.equals);
      });
    }
    if (pointers.length === 0)
      throw new Error(`mask ${s.pointer}${s.where ? ` where ${s.where.pointer} = ${JSON.stringify(s.where.equals)}` : ""} matches nothing in ${id} of the golden (stale mask)`);
    const side = s.side ?? "both";
    for (const p of pointers) {
      if (p === "") throw new Error(`mask on ${id} would hide the whole resource`);
      markAt(work.k, p);
      if (side === "both" && work.hasM) markAt(work.m, p);
      applied.push({ typeUrl: s.typeUrl, name: s.name, pointer: p, reason: s.reason, side });
    }
  }
  for (const [key, w] of byResource) {
    const k = kuma.get(key)!;
    kuma.set(key, { ...k, value: sweep(w.k) });
    const m = meshsim.get(key);
    if (m) meshsim.set(key, { ...m, value: sweep(w.m) });
  }
  return applied;
}
