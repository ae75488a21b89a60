/**
 * A work estimate made from the request body before any of the work starts (issue #15 point 1): the YAML text the
 * request makes meshsim parse, and products of counts that the simulation's cost grows with. An estimate over its
 * limit is refused with a `too-expensive` problem that names the figure and the limit, instead of spending seconds
 * of CPU (the Worker's `limits.cpu_ms` ends such a request with the runtime's error, not an answer).
 *
 * It reads the body as plain JSON, before the schema: every count here is of the raw shape, so it stays cheap (one
 * iterative walk, bounded by the shape limits the body already passed).
 */
import { isJsonObject } from "../core/json.js";

/** One figure of the estimate. */
export interface WorkFigure {
  /** What is counted, in words. */
  readonly what: string;
  readonly figure: number;
  readonly limit: number;
  /** 413 for text to parse (a size), 422 for the products of counts. */
  readonly status: 413 | 422;
}

/**
 * The limits. YAML: the body limit for YAML (`MAX_YAML_BYTES`) covers all YAML text of a request together (the
 * `yaml` package costs about 1 to 10 ms of CPU per KB, the upper end for dense flow collections; JSON.parse about
 * 4 µs). The products are set about ten times above the largest legitimate request measured (`npm run bench`:
 * 601 resources with 100 MeshProxyPatch modifications, a 1,000-request batch).
 */
export const WORK_LIMITS = {
  /** MeshProxyPatch / ProxyTemplate modifications × resources of the snapshot: each modification is matched against the generated resources. */
  modificationsTimesResources: 1_000_000,
  /** JSON Patch operations × resources: each operation runs on every resource its modification matches. */
  patchOpsTimesResources: 500_000,
  /** Batch requests × resources: each request walks the listeners and routes generated from the snapshot. */
  requestsTimesResources: 10_000_000,
} as const;

/** Counts from one walk of the body. */
interface Counts {
  yamlChars: number;
  modifications: number;
  patchOps: number;
}

/** The `value` strings of one modification (`{ cluster: { value } }`, `{ httpFilter: { value } }`, …) are YAML. */
function modificationYaml(m: unknown): number {
  if (!isJsonObject(m)) return 0;
  let n = 0;
  for (const inner of Object.values(m)) if (isJsonObject(inner) && typeof inner["value"] === "string") n += inner["value"].length;
  return n;
}

function countBody(body: unknown): Counts {
  const counts: Counts = { yamlChars: 0, modifications: 0, patchOps: 0 };
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
      continue;
    }
    if (!isJsonObject(v)) continue;
    for (const [k, x] of Object.entries(v)) {
      // MeshProxyPatch `appendModifications`, ProxyTemplate `modifications`.
      if ((k === "appendModifications" || k === "modifications") && Array.isArray(x)) {
        counts.modifications += x.length;
        for (const m of x) counts.yamlChars += modificationYaml(m);
      }
      if (k === "jsonPatches" && Array.isArray(x)) counts.patchOps += x.length;
      if (typeof x === "object" && x !== null) stack.push(x);
    }
  }
  return counts;
}

/** Resources of the snapshot: the array's length, or the documents of a YAML string (counted by `---` lines). */
function resourceCount(body: unknown): number {
  const r = isJsonObject(body) ? body["resources"] : undefined;
  if (Array.isArray(r)) return r.length;
  if (typeof r === "string") return (r.match(/^---/gm)?.length ?? 0) + 1;
  return 0;
}

/** Dataplanes among the resources (array items or YAML documents with `type: Dataplane` / `kind: Dataplane`). */
function dataplaneCount(body: Readonly<Record<string, unknown>>): number {
  const r = body["resources"];
  const isDp = (x: unknown) => isJsonObject(x) && (x["type"] === "Dataplane" || x["kind"] === "Dataplane");
  if (Array.isArray(r)) return r.filter(isDp).length;
  if (typeof r === "string") return r.match(/^(?:type|kind):\s*Dataplane\s*$/gm)?.length ?? 0;
  return 0;
}

/**
 * A passthrough plan walks every destination from every source dataplane (one with `from`) five times: today, the
 * two situations, and the proof before and after the plan.
 */
function planWalks(body: Readonly<Record<string, unknown>>): number {
  const destinations = (body["destinations"] as unknown[]).length;
  const sources = typeof body["from"] === "string" ? 1 : Math.max(1, dataplaneCount(body));
  return destinations * sources * 5;
}

/**
 * Every figure of the estimate for a parsed body. `yamlBodyChars` is the length of the body when it was sent as
 * YAML (0 for JSON).
 */
export function workFigures(body: unknown, yamlBodyChars: number, maxYamlBytes: number): WorkFigure[] {
  const counts = countBody(body);
  const resources = Math.max(1, resourceCount(body));
  const o = isJsonObject(body) ? body : {};
  const resourcesYaml = typeof o["resources"] === "string" ? o["resources"].length : 0;
  // A string inside a YAML body is parsed twice (with the body, then on its own), so it counts again.
  const embedded = counts.yamlChars + resourcesYaml;
  const requests = Array.isArray(o["requests"]) ? o["requests"].length : Array.isArray(o["destinations"]) ? planWalks(o) : 1;
  return [
    { what: "characters of YAML to parse (the body if it is YAML, a `resources` string, and every modification `value`)", figure: yamlBodyChars + embedded, limit: maxYamlBytes, status: 413 },
    { what: "modifications × resources", figure: counts.modifications * resources, limit: WORK_LIMITS.modificationsTimesResources, status: 422 },
    { what: "JSON Patch operations × resources", figure: counts.patchOps * resources, limit: WORK_LIMITS.patchOpsTimesResources, status: 422 },
    { what: "requests × resources", figure: requests * resources, limit: WORK_LIMITS.requestsTimesResources, status: 422 },
  ];
}

/** The first figure over its limit, if any. */
export function overBudget(body: unknown, yamlBodyChars: number, maxYamlBytes: number): WorkFigure | undefined {
  return workFigures(body, yamlBodyChars, maxYamlBytes).find((f) => f.figure > f.limit);
}
