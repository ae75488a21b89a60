/**
 * Kuma's `from` rules for one inbound (kuma `pkg/plugins/policies/core/rules/rules.go` BuildRules with negations,
 * `subsetutils/subset.go` @ v2.14.3): every `from[]` item of the policies that cover the inbound (least specific
 * policy first, items in order) becomes a subset of client tags; subsets that intersect are grouped (maximal cliques
 * from 2.14.0, connected components before: commit 114094380d, #15412); every combination of each group's tags,
 * positive or negated, is a candidate subset, and gets a rule when some item's subset contains it, with the action
 * of the last such item (the confs' merge). Rules with more positive tags come first.
 *
 * Pure: no input is mutated.
 */
import type { TargetRef } from "../../model/target-ref.js";
import type { MtpAction } from "./api.js";

const SERVICE_TAG = "kuma.io/service";

export interface Tag {
  readonly key: string;
  readonly value: string;
  readonly not: boolean;
}
export type Subset = readonly Tag[];

/** One `from[]` entry with where it came from. */
export interface FromItem {
  readonly policy: string;
  readonly index: number;
  readonly targetRef: TargetRef;
  readonly action: MtpAction;
}

export interface MtpRule {
  readonly subset: Subset;
  readonly action: MtpAction;
  /** The item whose action won (the last relevant one). */
  readonly decidedBy: FromItem;
}

/** rules.go asSubset; MeshSubset tags come from a Go map (random order), sorted here. */
export function asSubset(ref: TargetRef): Subset {
  const tags = (m: Readonly<Record<string, string>> | undefined) => Object.keys(m ?? {}).sort().map((k) => ({ key: k, value: m![k]!, not: false }));
  switch (ref.kind) {
    case "MeshSubset":
      return tags(ref.tags);
    case "MeshService":
      return [{ key: SERVICE_TAG, value: ref.name ?? "", not: false }];
    case "MeshServiceSubset":
      return [{ key: SERVICE_TAG, value: ref.name ?? "", not: false }, ...tags(ref.tags)];
    default:
      return [];
  }
}

/** subset.go isSubset for two tags of one key. */
function tagIsSubset(t1: Tag, t2: Tag): boolean {
  if (t1.key !== t2.key) return false;
  if (t1.not === t2.not) return t1.value === t2.value;
  if (t1.not) return t1.value !== t2.value;
  return false;
}

/** subset.go Subset.IsSubset: `ss` contains every element of `other`. */
export function isSubset(ss: Subset, other: Subset): boolean {
  if (ss.length === 0) return true;
  for (const tag of ss) {
    const o = other.filter((t) => t.key === tag.key);
    if (o.length === 0) return false;
    if (!o.every((t) => tagIsSubset(tag, t))) return false;
  }
  return true;
}

/** subset.go Subset.Intersect. */
export function intersect(a: Subset, b: Subset): boolean {
  if (a.length === 0 || b.length === 0) return true;
  for (const tag of a) {
    if (tag.not) continue;
    for (const o of b) if (!o.not && o.key === tag.key && (o.value !== tag.value || o.not !== tag.not)) return false;
  }
  return true;
}

/** subset.go Subset.ContainsElement: whether a client with these tags falls in the subset. */
export function containsElement(ss: Subset, el: Readonly<Record<string, string>>): boolean {
  if (ss.length === 0) return true;
  if (Object.keys(el).length === 0) return false;
  let overlap = false;
  for (const tag of ss) {
    const v = el[tag.key];
    if (v !== undefined) {
      overlap = true;
      if (v === tag.value && tag.not) return false;
      if (v !== tag.value && !tag.not) return false;
    } else if (!tag.not) return false;
  }
  if (!overlap && numPositive(ss) === 0) return true;
  return overlap;
}

export function numPositive(ss: Subset): number {
  return ss.filter((t) => !t.not).length;
}

/** subset.go SubsetIter: every combination, per key, of one value or all values negated, in Kuma's order. */
export function* subsetCombinations(tags: readonly Tag[]): Generator<Subset> {
  const dims: { key: string; vals: string[] }[] = [];
  for (const t of tags) {
    let d = dims.find((x) => x.key === t.key);
    if (!d) dims.push((d = { key: t.key, vals: [] }));
    if (!d.vals.includes(t.value)) d.vals.push(t.value);
  }
  const idx = dims.map(() => 0);
  const current = (): Subset =>
    dims.flatMap<Tag>((d, i) => (idx[i] === d.vals.length ? d.vals.map((v) => ({ key: d.key, value: v, not: true })) : [{ key: d.key, value: d.vals[d.vals.length - idx[i]! - 1]!, not: false }]));
  for (;;) {
    let advanced = false;
    for (let i = 0; i < idx.length; i++) {
      idx[i]!++;
      if (idx[i]! < dims[i]!.vals.length + 1) {
        advanced = true;
        break;
      }
      idx[i] = 0;
    }
    yield current();
    if (!advanced) return;
  }
}

/** gonum topo.ConnectedComponents (node ids, each group sorted afterwards). */
function connectedComponents(n: number, edge: (i: number, j: number) => boolean): number[][] {
  const seen = new Set<number>();
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (seen.has(s)) continue;
    const group: number[] = [];
    const stack = [s];
    seen.add(s);
    while (stack.length) {
      const x = stack.pop()!;
      group.push(x);
      for (let y = 0; y < n; y++) if (y !== x && !seen.has(y) && edge(x, y)) (seen.add(y), stack.push(y));
    }
    out.push(group);
  }
  return out;
}

/** gonum topo.BronKerbosch: every maximal clique (order fixed afterwards by sortComponents). */
function maximalCliques(n: number, edge: (i: number, j: number) => boolean): number[][] {
  const out: number[][] = [];
  const nb = (v: number) => [...Array(n).keys()].filter((u) => u !== v && edge(u, v));
  const bk = (r: number[], p: number[], x: number[]) => {
    if (p.length === 0 && x.length === 0) return void out.push(r);
    for (const v of p.slice()) {
      const nv = nb(v);
      bk([...r, v], p.filter((u) => nv.includes(u)), x.filter((u) => nv.includes(u)));
      p = p.filter((u) => u !== v);
      x = [...x, v];
    }
  };
  bk([], [...Array(n).keys()], []);
  return out;
}

/** rules.go sortComponents: ids ascending in a group; groups by their `:`-joined ids, descending as strings. */
function sortGroups(groups: number[][]): number[][] {
  const sorted = groups.map((g) => g.slice().sort((a, b) => a - b));
  const key = (g: number[]) => g.join(":");
  return sorted.sort((a, b) => (key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0));
}

/** rules.go BuildRules(list, withNegations = true) for `from` items; `cliques` per release. */
export function buildFromRules(items: readonly FromItem[], cliques: boolean): MtpRule[] {
  const old = items.filter((i) => ["Mesh", "MeshSubset", "MeshService", "MeshServiceSubset"].includes(i.targetRef.kind));
  if (old.length === 0) return [];
  const subsets = old.map((i) => asSubset(i.targetRef));
  const edge = (i: number, j: number) => intersect(subsets[i]!, subsets[j]!);
  const groups = sortGroups(cliques ? maximalCliques(subsets.length, edge) : connectedComponents(subsets.length, edge));
  const rules: MtpRule[] = [];
  for (const g of groups) {
    const tags: Tag[] = [];
    for (const id of g) for (const t of subsets[id]!) if (!tags.some((x) => x.key === t.key && x.value === t.value && x.not === t.not)) tags.push(t);
    tags.sort((a, b) => (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    for (const ss of subsetCombinations(tags)) {
      // rules.go createRule: the items whose subset contains this one, merged in order (the last action wins).
      const relevant = old.filter((_, i) => isSubset(subsets[i]!, ss));
      const last = relevant[relevant.length - 1];
      if (last) rules.push({ subset: ss, action: last.action, decidedBy: last });
    }
  }
  // sort.SliceStable by NumPositive, descending (Array.prototype.sort is stable).
  return rules.sort((a, b) => numPositive(b.subset) - numPositive(a.subset));
}

/** Rules.Compute: the first rule whose subset contains the client's tags. */
export function ruleFor(rules: readonly MtpRule[], el: Readonly<Record<string, string>>): MtpRule | undefined {
  return rules.find((r) => containsElement(r.subset, el));
}
