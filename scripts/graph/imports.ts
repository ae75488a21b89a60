/**
 * The import graph of `src/` and the layer rule it must keep (docs/architecture.md): a module imports only
 * from its own layer or one below it, and no set of modules imports itself in a circle. Type-only imports
 * count: a circle of types is still a circle for the reader. Tests (`*.test.ts`) and their fixtures (`*.fixtures.ts`)
 * are not modules of the program and are left out.
 *
 * `npx tsx scripts/graph/imports.ts` prints each layer's modules and the edges between layers, then every
 * violation (exit 1 when there is one). `src/core/architecture.test.ts`-style checks import {@link analyse}.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** The layers, bottom first. A path belongs to the first layer whose prefix it starts with. */
export const LAYERS: readonly { readonly name: string; readonly prefixes: readonly string[] }[] = [
  {
    name: "primitives",
    prefixes: ["src/core/assert.ts", "src/core/errors.ts", "src/core/warnings.ts", "src/core/zod-issues.ts", "src/core/suggest.ts", "src/core/diff.ts", "src/core/json.ts", "src/core/net/", "src/core/parse/", "src/core/go/"],
  },
  { name: "xds", prefixes: ["src/core/xds/", "src/core/patch/"] },
  { name: "model", prefixes: ["src/core/model/"] },
  { name: "snapshot", prefixes: ["src/core/snapshot/"] },
  { name: "generate", prefixes: ["src/core/generate/"] },
  { name: "policies", prefixes: ["src/core/policies/"] },
  { name: "match", prefixes: ["src/core/match/"] },
  { name: "simulate", prefixes: ["src/core/simulate/"] },
  { name: "http", prefixes: ["src/http/"] },
  { name: "cli", prefixes: ["src/cli/"] },
  { name: "entry", prefixes: ["src/index.ts"] },
];

/** Layers at the same height that must not import each other (the two adapters over the core). */
const SIBLINGS: ReadonlyMap<string, number> = new Map([
  ["http", 8],
  ["cli", 8],
]);

/** The rank of a layer: its index, except that siblings share one. */
function rank(layer: string): number {
  return SIBLINGS.get(layer) ?? LAYERS.findIndex((l) => l.name === layer);
}

/** The layer of a repository-relative path, or undefined when no layer claims it. */
export function layerOf(path: string): string | undefined {
  return LAYERS.find((l) => l.prefixes.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p)))?.name;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Relative specifiers a module imports (bare package names are left out). */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec && spec.startsWith(".")) out.push(spec);
  }
  return out;
}

export interface Edge {
  readonly from: string;
  readonly to: string;
}

export interface Analysis {
  readonly modules: readonly string[];
  readonly edges: readonly Edge[];
  /** Modules that no layer claims. */
  readonly unlayered: readonly string[];
  /** Imports that run to a higher layer, or across sibling layers. */
  readonly upward: readonly Edge[];
  /** Each circle as its modules (strongly connected components of more than one module, or a self-import). */
  readonly cycles: readonly (readonly string[])[];
}

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...sourceFiles(root, p));
    else if (/\.(ts|js)$/.test(name) && !/\.(test|fixtures)\.ts$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

function resolve(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  const base = normalize(join(dirname(from), spec));
  for (const c of [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")]) if (known.has(c)) return c;
  return undefined;
}

/** Tarjan's strongly connected components, iteratively. */
function stronglyConnected(modules: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of modules) {
    if (index.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = next.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== top.v);
        if (scc.length > 1 || succ.includes(top.v)) out.push(scc.sort());
      }
    }
  }
  return out;
}

/** Reads every module under `src/` of the repository at `root` and checks the layer rule. */
export function analyse(root: string): Analysis {
  const modules = sourceFiles(root, "src");
  const known = new Set(modules);
  const edges: Edge[] = [];
  for (const from of modules) {
    for (const spec of importsOf(readFileSync(join(root, from), "utf8"))) {
      const to = resolve(from, spec, known);
      if (to) edges.push({ from, to });
    }
  }
  const unlayered = modules.filter((m) => layerOf(m) === undefined);
  const upward = edges.filter((e) => {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (!a || !b || a === b) return false;
    return rank(b) >= rank(a);
  });
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  return { modules, edges, unlayered, upward, cycles: stronglyConnected(modules, next) };
}

function main(): void {
  const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");
  const a = analyse(root);
  for (const l of LAYERS) {
    const mods = a.modules.filter((m) => layerOf(m) === l.name);
    if (mods.length === 0) continue;
    const deps = [...new Set(a.edges.filter((e) => layerOf(e.from) === l.name && layerOf(e.to) !== l.name).map((e) => layerOf(e.to)))].sort((x, y) => rank(x!) - rank(y!));
    console.log(`${l.name} (${mods.length} modules) → ${deps.join(", ") || "nothing"}`);
  }
  const problems = [
    ...a.unlayered.map((m) => `no layer: ${m}`),
    ...a.upward.map((e) => `upward: ${e.from} (${layerOf(e.from)}) → ${e.to} (${layerOf(e.to)})`),
    ...a.cycles.map((c) => `circle: ${c.join(" → ")}`),
  ];
  console.log(problems.length === 0 ? `ok: ${a.modules.length} modules, ${a.edges.length} imports, no upward import, no circle` : problems.join("\n"));
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === "") main();
