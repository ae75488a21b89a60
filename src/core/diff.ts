/**
 * RFC 6902 diff between two JSON values, deterministic (object keys in sorted order). Arrays of
 * named objects (Envoy resources, filter chains, filters, virtual hosts) are matched by `name` when
 * every element has a distinct one, so adding a cluster is one `add`, not a cascade of `replace`s.
 * Applying the ops to `before` in order yields `after`.
 */
import { isJsonObject, type Json } from "./json.js";

export type DiffOp =
  | { readonly op: "add"; readonly path: string; readonly value: Json }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: Json };

const escape = (k: string) => (k.includes("~") || k.includes("/") ? k.replace(/~/g, "~0").replace(/\//g, "~1") : k);

/** Both objects' keys, once each, in sorted order (canonical protojson is already sorted: then no sort runs). */
function unionKeys(a: object, b: object): string[] {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const same = ka.length === kb.length && ka.every((k, i) => k === kb[i]);
  const keys = same ? ka : [...new Set([...ka, ...kb])];
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! >= keys[i]!) return keys.sort();
  return keys;
}

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function uniqueNames(arr: readonly Json[]): string[] | undefined {
  const names: string[] = [];
  for (const x of arr) {
    if (!isJsonObject(x) || typeof x["name"] !== "string") return undefined;
    names.push(x["name"]);
  }
  return new Set(names).size === names.length ? names : undefined;
}

function diffArrays(a: readonly Json[], b: readonly Json[], path: string, out: DiffOp[]): void {
  const na = uniqueNames(a);
  const nb = uniqueNames(b);
  if (na && nb && a.length > 0 && b.length > 0) {
    // Remove vanished names (highest index first), diff survivors in place, then insert new ones in b's order.
    const indexA = new Map(na.map((n, i) => [n, i]));
    const indexB = new Map(nb.map((n, i) => [n, i]));
    const survivors = na.filter((n) => indexB.has(n));
    const inB = nb.filter((n) => indexA.has(n));
    if (inB.every((n, i) => n === survivors[i])) {
      for (let i = a.length - 1; i >= 0; i--) if (!indexB.has(na[i]!)) out.push({ op: "remove", path: `${path}/${i}` });
      survivors.forEach((n, i) => diffInto(a[indexA.get(n)!], b[indexB.get(n)!], `${path}/${i}`, out));
      nb.forEach((n, i) => {
        if (!indexA.has(n)) out.push({ op: "add", path: `${path}/${i}`, value: b[i]! });
      });
      return;
    }
    // Reordered: fall back to the positional diff below.
  }
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) diffInto(a[i], b[i], `${path}/${i}`, out);
  for (let i = a.length - 1; i >= common; i--) out.push({ op: "remove", path: `${path}/${i}` });
  for (let i = common; i < b.length; i++) out.push({ op: "add", path: `${path}/${i}`, value: b[i]! });
}

// Equal subtrees give no operations, so no deep comparison runs before descending: the walk is linear, and
// subtrees shared by identity (copy-on-write patches) are skipped at once.
function diffInto(a: Json | undefined, b: Json | undefined, path: string, out: DiffOp[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, out);
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = unionKeys(a, b);
    for (const k of keys) {
      const inA = Object.prototype.hasOwnProperty.call(a, k);
      const inB = Object.prototype.hasOwnProperty.call(b, k);
      if (inA && inB && a[k] === b[k]) continue;
      const p = `${path}/${escape(k)}`;
      if (inA && !inB) out.push({ op: "remove", path: p });
      else if (!inA && inB) out.push({ op: "add", path: p, value: b[k]! });
      else diffInto(a[k], b[k], p, out);
    }
    return;
  }
  out.push({ op: "replace", path, value: b as Json });
}

/** The RFC 6902 operations that turn `before` into `after`. */
export function diffJson(before: Json, after: Json): DiffOp[] {
  const out: DiffOp[] = [];
  diffInto(before, after, "", out);
  return out;
}
