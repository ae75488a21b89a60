/**
 * What each subcommand reads and runs: `test` (batch body files), `simulate` (resources and one request, as
 * a one-request batch, or as `POST /v1/simulate` when `-o` asks for its answer) and `validate`
 * (`POST /v1/validate`). Problems come back located in their files; nothing here writes output.
 */
import type { ValidationResult } from "../core/simulate/result.js";
import type { UpgradeResult } from "../core/simulate/upgrade.js";
import type { ImpactResult } from "../core/simulate/impact.js";
import type { PassthroughPlanResult } from "../core/simulate/passthrough-plan.js";
import { parseYamlDocument } from "../core/parse/yaml.js";
import type { Engine } from "./engine.js";
import { expandPaths, readBatchFile, readResources, readText, type InputProblem, type Read, type SourcedResource } from "./inputs.js";
import { locatedIn } from "./problems.js";
import type { Progress } from "./progress.js";
import { readReferences } from "./references.js";
import type { Run } from "./report.js";
import { bodyWhere, COMMAND_LINE, resourcesWhere, runBatch, simulateProblem, type Overrides } from "./run.js";

/** A mistake in the command line itself (exit 2, with a pointer to --help). */
export class UsageError extends Error {}

/** What the command's streams offer the readers. */
export interface Inputs {
  readonly stdin: () => Buffer;
  readonly engine: Engine;
  readonly progress: Progress;
}

/** `meshsim test <file>...`: each file a batch body (its `resources` and `patches` may name files), run in turn. */
export async function testRuns(files: readonly string[], o: Overrides, io: Inputs): Promise<Read<Run[]>> {
  if (files.length === 0) throw new UsageError("test: name at least one batch file");
  const runs: Run[] = [];
  const problems: InputProblem[] = [];
  for (const [i, file] of files.entries()) {
    io.progress.step(i, files.length, file);
    const run = await testRun(file, o, io);
    if (run.ok) runs.push(run.value);
    else problems.push(...run.problems);
  }
  io.progress.end();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: runs };
}

/** One batch body file, its file references read (src/cli/references.ts), run. */
async function testRun(file: string, o: Overrides, io: Inputs): Promise<Read<Run>> {
  const read = readBatchFile(file, io.stdin);
  if (!read.ok) return read;
  const at = { file, text: read.value.text, doc: 0, path: [] };
  const body = readReferences(read.value.value, at);
  if (!body.ok) return body;
  return runBatch(io.engine, file, body.value.value, o, bodyWhere(at, body.value.parts), body.value.problemOf);
}

/** The options `simulate` reads. */
export interface SimulateArgs {
  readonly file?: string[] | undefined;
  readonly patch?: string[] | undefined;
  readonly to?: string | undefined;
  readonly from?: string | undefined;
  readonly ip?: string | undefined;
  /** `--full`: the body's `include` gets `full` (every long list whole). */
  readonly full?: boolean | undefined;
}

function readAll(paths: readonly string[], stdin: () => Buffer): Read<SourcedResource[]> {
  const files = expandPaths(paths);
  return files.ok ? readResources(files.value, stdin) : files;
}

/** Resources (`-f`), patches (`--patch`) and the request of `simulate`, before they become a body. */
function simulateParts(v: SimulateArgs, stdin: () => Buffer): Read<{ resources: SourcedResource[]; patches: SourcedResource[]; request: Record<string, string> }> {
  if (!v.file || v.file.length === 0) throw new UsageError("simulate: give the resources with -f <file|dir|->");
  if (v.to === undefined) throw new UsageError("simulate: --to <url> is required, e.g. --to http://example.com");
  const resources = readAll(v.file, stdin);
  if (!resources.ok) return resources;
  const patches = readAll(v.patch ?? [], stdin);
  if (!patches.ok) return patches;
  const request = { to: v.to, ...(v.from !== undefined ? { from: v.from } : {}), ...(v.ip !== undefined ? { ip: v.ip } : {}) };
  return { ok: true, value: { resources: resources.value, patches: patches.value, request } };
}

/** Maps `patches[i]` as `simulateProblem` maps `resources[i]`. */
function partsProblem(resources: readonly SourcedResource[], patches: readonly SourcedResource[]) {
  const ofResources = simulateProblem(resources);
  const ofPatches = simulateProblem(patches);
  return (v: { path: string; message: string }) => (/^patches\[/.test(v.path) ? ofPatches({ ...v, path: v.path.replace(/^patches/, "resources") }) : ofResources(v));
}

/** `meshsim simulate` as a one-request batch (the report formats, `--fail-on`). */
export async function simulateRuns(v: SimulateArgs, o: Overrides, io: Inputs): Promise<Read<Run[]>> {
  const parts = simulateParts(v, io.stdin);
  if (!parts.ok) return parts;
  const { resources, patches, request } = parts.value;
  const body = { resources: resources.map((r) => r.value), ...(patches.length > 0 ? { patches: patches.map((r) => r.value) } : {}), requests: [request], ...(v.full ? { include: ["full"] } : {}) };
  const run = await runBatch(io.engine, "simulate", body, o, resourcesWhere([...resources, ...patches]), partsProblem(resources, patches));
  return run.ok ? { ok: true, value: [run.value] } : run;
}

/** `meshsim simulate -o ...`: the `POST /v1/simulate` answer's bytes (JSON, or Markdown when asked). */
export async function simulateAnswer(v: SimulateArgs, kumaVersion: string | undefined, markdown: boolean, io: Inputs): Promise<Read<string>> {
  const parts = simulateParts(v, io.stdin);
  if (!parts.ok) return parts;
  const { resources, patches, request } = parts.value;
  const body = {
    ...(kumaVersion !== undefined ? { kumaVersion } : {}),
    resources: resources.map((r) => r.value),
    ...(patches.length > 0 ? { patches: patches.map((r) => r.value) } : {}),
    request,
    // The default heavy fields, whole: the same answer as the API's `?full=1`.
    ...(v.full ? { include: ["config", "diff", "trace", "full"] } : {}),
  };
  const answer = await io.engine.simulate(body, markdown);
  return answer.ok ? { ok: true, value: answer.text } : { ok: false, problems: answer.errors.map(partsProblem(resources, patches)) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A simulate or batch body (it has `resources` and is no Kubernetes or Kuma object), not a resource. */
const isBody = (v: unknown) => isObject(v) && "resources" in v && !("kind" in v) && !("type" in v) && !("items" in v);

/**
 * `meshsim validate <file|dir|->...`: resource files, or one simulate or batch body file whose `resources`,
 * `patches` and `kumaVersion` are validated (its requests are not read: `notes` says so).
 */
export async function validateRun(
  paths: readonly string[],
  kumaVersion: string | undefined,
  io: Inputs,
): Promise<Read<{ result: ValidationResult; text: string; notes: string[]; locate: (v: { path: string; message: string }) => InputProblem }>> {
  if (paths.length === 0) throw new UsageError("validate: name at least one resource file, directory or - (stdin)");
  const input = readSnapshotBody(paths, io, "validate", ["kumaVersion", "resources", "patches"], "validated resources, patches and kumaVersion");
  if (!input.ok) return input;
  const { body, problemOf, notes } = input.value;
  if (kumaVersion !== undefined) body["kumaVersion"] = kumaVersion;
  const answer = await io.engine.validate(body);
  return answer.ok ? { ok: true, value: { result: answer.value, text: answer.text, notes, locate: problemOf } } : { ok: false, problems: answer.errors.map(problemOf) };
}

/**
 * One body file (the `keys` of it are read, the rest named in `notes`; its `resources` and `patches` may
 * name files, as in `meshsim test`) or resource files (they become `resources`), with where each violation
 * points: the shared input of `validate` and `upgrade`.
 */
function readSnapshotBody(paths: readonly string[], io: Inputs, command: string, keys: readonly string[], read: string): Read<{ body: Record<string, unknown>; problemOf: (v: { path: string; message: string }) => InputProblem; notes: string[] }> {
  const files = readAll(paths, io.stdin);
  if (!files.ok) return files;
  const bodies = files.value.filter((r) => isBody(r.value));
  if (bodies.length === 0) return { ok: true, value: { body: { resources: files.value.map((r) => r.value) }, problemOf: simulateProblem(files.value), notes: [] } };
  if (files.value.length > 1) throw new UsageError(`${command}: give one body file, or resource files, not both`);
  const b = bodies[0]!;
  const refs = readReferences(b.value, b.origin);
  if (!refs.ok) return refs;
  const value = refs.value.value as Record<string, unknown>;
  const body = Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]]));
  const ignored = Object.keys(value).filter((k) => !(k in body));
  const notes = ignored.length > 0 ? [`${b.origin.file}: ${read}; not read: ${ignored.join(", ")}`] : [];
  return { ok: true, value: { body, problemOf: refs.value.problemOf, notes } };
}

/** The releases an upgrade compares, as `--from-version` and `--to-version` give them. */
export interface UpgradeArgs {
  readonly fromVersion: string;
  readonly toVersion: string;
}

/**
 * `meshsim upgrade`: one batch body file (its resources, patches, zone and requests) or resource files (then
 * meshsim probes the snapshot), simulated at both releases through POST /v1/upgrade's core.
 */
export async function upgradeRun(paths: readonly string[], v: UpgradeArgs, io: Inputs): Promise<Read<{ result: UpgradeResult; text: string; notes: string[] }>> {
  if (paths.length === 0) throw new UsageError("upgrade: name a batch body file, or resource files, directories or - (stdin)");
  const input = readSnapshotBody(paths, io, "upgrade", ["resources", "patches", "zone", "requests"], "read resources, patches, zone and requests (the releases come from --from-version and --to-version)");
  if (!input.ok) return input;
  const { body, problemOf, notes } = input.value;
  const answer = await io.engine.upgrade({ ...body, fromVersion: v.fromVersion, toVersion: v.toVersion }, false);
  return answer.ok ? { ok: true, value: { result: answer.value!, text: answer.text, notes } } : { ok: false, problems: answer.errors.map(problemOf) };
}

/** `meshsim impact`: resources (`-f`), what-if patches (`--patch`) and deletions (`--remove kind/mesh/name`, or `Mesh/name`). */
export interface ImpactArgs {
  readonly file?: string[] | undefined;
  readonly patch?: string[] | undefined;
  readonly remove?: string[] | undefined;
}

/** `--remove` values as the body's `remove`: `kind/mesh/name`, or `kind/name` (mesh default, or a Mesh's name). */
function removeRefs(values: readonly string[]): { kind: string; mesh?: string; name: string }[] {
  return values.map((v) => {
    const parts = v.split("/");
    if (parts.some((x) => x === "") || parts.length < 2 || parts.length > 3) throw new UsageError(`--remove ${v}: write kind/mesh/name (e.g. MeshProxyPatch/default/custom-mpp-1) or kind/name`);
    return parts.length === 3 ? { kind: parts[0]!, mesh: parts[1]!, name: parts[2]! } : { kind: parts[0]!, name: parts[1]! };
  });
}

/**
 * `meshsim impact`: the snapshot of `-f` without and with the what-ifs of `--patch` and `--remove`, through
 * POST /v1/impact's core (meshsim probes the dataplanes a what-if reaches).
 */
export async function impactRun(v: ImpactArgs, kumaVersion: string | undefined, io: Inputs): Promise<Read<{ result: ImpactResult; text: string }>> {
  if (!v.file || v.file.length === 0) throw new UsageError("impact: give the snapshot with -f <file|dir|->");
  const remove = removeRefs(v.remove ?? []);
  if ((v.patch ?? []).length === 0 && remove.length === 0) throw new UsageError("impact: give a what-if with --patch <file> or --remove kind/mesh/name");
  const resources = readAll(v.file, io.stdin);
  if (!resources.ok) return resources;
  const patches = readAll(v.patch ?? [], io.stdin);
  if (!patches.ok) return patches;
  const body = {
    ...(kumaVersion !== undefined ? { kumaVersion } : {}),
    resources: resources.value.map((r) => r.value),
    ...(patches.value.length > 0 ? { patches: patches.value.map((r) => r.value) } : {}),
    ...(remove.length > 0 ? { remove } : {}),
  };
  const answer = await io.engine.impact(body, false);
  return answer.ok ? { ok: true, value: { result: answer.value!, text: answer.text } } : { ok: false, problems: answer.errors.map(partsProblem(resources.value, patches.value)) };
}

/** The options `passthrough-plan` reads. */
export interface PassthroughPlanArgs {
  readonly file?: string[] | undefined;
  readonly patch?: string[] | undefined;
  readonly destinations?: string | undefined;
  readonly from?: string | undefined;
}

/**
 * The destinations file: a YAML or JSON list (objects or access-log lines), else plain text with one access-log line
 * per line (blank lines and `#` comments skipped). Returns the list and where each `destinations[i]` problem points.
 */
export function readDestinationsFile(file: string, stdin: () => Buffer): Read<{ list: unknown[]; problemOf: (v: { path: string; message: string }) => InputProblem }> {
  const text = readText(file, stdin);
  if (!text.ok) return text;
  const t = text.value;
  const parsed = parseYamlDocument(t, "");
  if (parsed.ok && Array.isArray(parsed.value)) {
    const at = locatedIn(file, t, 0, []);
    return { ok: true, value: { list: parsed.value, problemOf: (v) => ({ ...at({ ...v, path: v.path.replace(/^destinations/, "") }), path: v.path }) } };
  }
  // Access-log lines start with `[<time>]`, which YAML reads as a flow sequence: plain text is the fallback.
  const lines = t.split(/\r?\n/).map((line, i) => ({ line, n: i + 1 })).filter((x) => x.line.trim() !== "" && !x.line.trim().startsWith("#"));
  if (lines.length === 0) return { ok: false, problems: [{ file, path: "", message: "holds no destination; write a YAML/JSON list, or access-log lines one per line" }] };
  return {
    ok: true,
    value: {
      list: lines.map((x) => x.line.trim()),
      problemOf: (v) => {
        const m = /^destinations\[(\d+)\]/.exec(v.path);
        const n = m ? lines[Number(m[1])]?.n : undefined;
        return { file, path: v.path, message: v.message, ...(n !== undefined ? { line: n, column: 1 } : {}) };
      },
    },
  };
}

/** `meshsim passthrough-plan`: resources (`-f`), what-ifs (`--patch`) and a destinations file through POST /v1/passthrough-plan's core. */
export async function passthroughPlanRun(v: PassthroughPlanArgs, kumaVersion: string | undefined, io: Inputs): Promise<Read<{ result: PassthroughPlanResult; text: string }>> {
  if (!v.file || v.file.length === 0) throw new UsageError("passthrough-plan: give the resources with -f <file|dir|->");
  if (v.destinations === undefined) throw new UsageError("passthrough-plan: --destinations <file> is required (a YAML/JSON list, or access-log lines one per line)");
  const resources = readAll(v.file, io.stdin);
  if (!resources.ok) return resources;
  const patches = readAll(v.patch ?? [], io.stdin);
  if (!patches.ok) return patches;
  const dest = readDestinationsFile(v.destinations, io.stdin);
  if (!dest.ok) return dest;
  const body = {
    ...(kumaVersion !== undefined ? { kumaVersion } : {}),
    resources: resources.value.map((r) => r.value),
    ...(patches.value.length > 0 ? { patches: patches.value.map((r) => r.value) } : {}),
    ...(v.from !== undefined ? { from: v.from } : {}),
    destinations: dest.value.list,
  };
  const ofParts = partsProblem(resources.value, patches.value);
  const problemOf = (e: { path: string; message: string }): InputProblem =>
    /^destinations(\[|$)/.test(e.path) ? dest.value.problemOf(e) : e.path === "from" || e.path === "kumaVersion" ? { file: COMMAND_LINE, path: e.path, message: e.message } : ofParts(e);
  const answer = await io.engine.passthroughPlan(body, false);
  return answer.ok ? { ok: true, value: { result: answer.value!, text: answer.text } } : { ok: false, problems: answer.errors.map(problemOf) };
}
