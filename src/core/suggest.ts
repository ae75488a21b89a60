/**
 * "Did you mean …?" for an unknown field: the known field nearest by edit distance, or the one a common
 * synonym stands for (`url` for a request's `to`), so that an error says what to write instead.
 */

/** Words people write for a field that has another name here; used only when that field exists. */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  url: ["to"],
  uri: ["to"],
  target: ["to", "targetRef"],
  destination: ["to"],
  dest: ["to"],
  host: ["to"],
  source: ["from"],
  src: ["from"],
  dataplane: ["from"],
  version: ["kumaVersion"],
  kuma: ["kumaVersion"],
  resource: ["resources"],
  patch: ["patches"],
  expected: ["expect"],
  expectations: ["expect"],
  tests: ["requests"],
  cases: ["requests"],
})); // a Map, so that a key such as `__proto__` or `constructor` finds nothing

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known field `key` most likely stands for: a synonym's field when present, else the nearest known
 * field within a third of the longer name's length (at least 1, so `too` → `to`), ties to the first
 * known field. Undefined when nothing is close; keys longer than 64 characters are not compared.
 */
export function suggestField(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64 || known.length === 0) return undefined;
  const synonym = SYNONYMS.get(key.toLowerCase())?.find((f) => known.includes(f));
  if (synonym !== undefined) return synonym;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(key, k);
    if (dist < bestDistance && dist <= Math.max(1, Math.floor(Math.max(key.length, k.length) / 3))) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
