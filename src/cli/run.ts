/**
 * Runs one batch body through the same core functions as `POST /v1/simulate/batch` (schema, then
 * `simulateBatch`), with the command line's `--kuma-version` and `--fail-on` merged in, and knows where the
 * body's parts came from.
 */
import { joinPath, type Violation } from "../core/errors.js";
import { FAIL_ON, type FailOn } from "../core/simulate/expect.js";
import { BatchBodySchema } from "../core/simulate/schema.js";
import type { BatchBody } from "../core/simulate/schema.js";
import type { Engine } from "./engine.js";
import type { InputProblem, Origin, Read, SourcedResource } from "./inputs.js";
import { locate } from "./locate.js";
import { locatedIn } from "./problems.js";
import type { Location, Run, Where } from "./report.js";

/** What the command line adds to every body. */
export interface Overrides {
  readonly kumaVersion?: string | undefined;
  readonly failOn: readonly FailOn[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The body with `--kuma-version` replacing `kumaVersion` and `--fail-on` added to `failOn` (in FAIL_ON order, once each). */
export function withOverrides(value: unknown, o: Overrides): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  if (o.kumaVersion !== undefined) out["kumaVersion"] = o.kumaVersion;
  const own = value["failOn"];
  if (o.failOn.length > 0 && (own === undefined || Array.isArray(own))) {
    const all = new Set<unknown>([...(own ?? []), ...o.failOn]);
    // Values the schema does not know stay, so it reports them at their path.
    out["failOn"] = [...FAIL_ON.filter((f) => all.has(f)), ...[...all].filter((f) => !(FAIL_ON as readonly unknown[]).includes(f))];
  }
  return out;
}

/**
 * Runs a body through `engine` (the core in process, or a deployment); each violation becomes a problem of
 * the input through `problemOf`. The body the reports read is the schema's reading of it (the same the
 * engine ran); a deployment that accepts what this schema does not still gets its answer reported.
 */
export async function runBatch(engine: Engine, file: string, value: unknown, o: Overrides, where: Where, problemOf: (v: Violation) => InputProblem): Promise<Read<Run>> {
  const sent = withOverrides(value, o);
  const answer = await engine.batch(sent);
  if (!answer.ok) return { ok: false, problems: answer.errors.map(problemOf) };
  const parsed = BatchBodySchema.safeParse(sent);
  const body = parsed.success ? parsed.data : (sent as BatchBody);
  return { ok: true, value: { file, body, result: answer.value, text: answer.text, where } };
}

const isMeshProxyPatch = (r: unknown, name: string): boolean =>
  isObject(r) && (r["type"] === "MeshProxyPatch" || r["kind"] === "MeshProxyPatch") && (r["name"] === name || (isObject(r["metadata"]) && r["metadata"]["name"] === name));

/** The resource and its items when it is a list (`kind: List`, kumactl's `items`). */
function* withItems(r: SourcedResource): Generator<SourcedResource> {
  yield r;
  const items = isObject(r.value) ? r.value["items"] : undefined;
  if (Array.isArray(items)) for (const [k, value] of items.entries()) yield { value, origin: { ...r.origin, path: [...r.origin.path, "items", k] } };
}

function at(o: Origin, path: readonly (string | number)[]): Location {
  return { uri: o.file, ...locate(o.text, o.doc, [...o.path, ...path]) };
}

/** Finds a MeshProxyPatch's modification among resources that remember their origin. */
function modificationIn(resources: readonly SourcedResource[], fallback: Location | undefined) {
  return (policy: string, index: number): Location | undefined => {
    for (const r of resources) for (const x of withItems(r)) if (isMeshProxyPatch(x.value, policy)) return at(x.origin, ["spec", "default", "appendModifications", index]);
    return fallback;
  };
}

/**
 * Where the parts of a body read from a file are (`meshsim test`): each resource and patch where it came
 * from (the body file, or a file its `resources` name), the requests in the body file.
 */
export function bodyWhere(body: Origin, parts: readonly SourcedResource[]): Where {
  // Resources given as one YAML string are not located inside the string: the field itself is.
  return { modification: modificationIn(parts, at(body, ["resources"])), request: (i) => at(body, ["requests", i]) };
}

/** Where the parts of a `meshsim simulate` run are: each resource in its file; the request is the command line's. */
export function resourcesWhere(resources: readonly SourcedResource[]): Where {
  return { modification: modificationIn(resources, undefined), request: () => undefined };
}

/** The command line, as the "file" of problems in `simulate`'s request. */
export const COMMAND_LINE = "(command line)";

/**
 * A violation at `rest` (the path after `resources[i]`) of resource `r`, located in the file, document and
 * line it came from; `siblings` (the resources read alongside it) tell whether its document index is
 * needed to tell it apart in the printed path.
 */
export function problemInResource(r: SourcedResource, siblings: readonly SourcedResource[], rest: string, message: string): InputProblem {
  const o = r.origin;
  const docs = siblings.filter((x) => x.origin.file === o.file).length;
  const prefix = o.path.length > 0 ? joinPath("", ...o.path) : docs > 1 ? `[${o.doc}]` : "";
  return locatedIn(o.file, o.text, o.doc, o.path, () => `${prefix}${rest}`.replace(/^\./, ""))({ path: rest.replace(/^\./, ""), message });
}

/**
 * Maps a violation of a `simulate` or `validate` body to the file, document and line its resource came
 * from; `requests[0]` is the command line's request.
 */
export function simulateProblem(resources: readonly SourcedResource[]): (v: Violation) => InputProblem {
  return (v) => {
    const m = /^resources\[(\d+)\](.*)$/.exec(v.path);
    const r = m ? resources[Number(m[1])] : undefined;
    if (!m || !r) return { file: COMMAND_LINE, path: v.path.replace(/^requests?(\[0\])?/, "request"), message: v.message };
    return problemInResource(r, resources, m[2]!, v.message);
  };
}
