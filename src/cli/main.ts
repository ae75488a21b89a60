/**
 * `meshsim`: the command line for CI. Parses the arguments, reads the inputs, runs the core in process
 * (no server, no network) and writes the chosen format. Exit codes: 0 every expectation holds, 1 an
 * expectation or a `--fail-on` finding failed, 2 bad input or usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { FAIL_ON, type FailOn } from "../core/simulate/expect.js";
import { junitReport } from "./formats/junit.js";
import { sarifReport } from "./formats/sarif.js";
import { textReport } from "./formats/text.js";
import { expandPaths, readBatchFile, readResources, type InputProblem, type Read } from "./inputs.js";
import type { Run } from "./report.js";
import { bodyWhere, resourcesWhere, runBatch, simulateProblem, type Overrides } from "./run.js";

export const HELP = `meshsim: what does the Kuma sidecar's Envoy do with this connection? (runs locally, no network)

Usage:
  meshsim test <file>... [--fail-on <list>] [--format <f>] [--kuma-version <v>]
      Each file is a batch body (YAML, or JSON when it ends in .json), the same shape as
      POST /v1/simulate/batch: resources, requests with their expect, failOn.
  meshsim simulate -f <file|dir|->... --to <url> [--from <dp>] [--ip <ip>] [--kuma-version <v>]
                   [--fail-on <list>] [--format <f>]
      Resources from files, directories (recursively, .yaml .yml .json) or stdin (-); runs the one
      request as a one-request batch.

Options:
  --fail-on <list>      comma-separated modification statuses or warning codes that fail the run,
                        merged with the body's failOn: ${FAIL_ON.slice(0, 4).join(", ")}, envoy-nack, ...
  --format <f>          text (default), json (the batch answer, as the API sends it; one line per file),
                        junit (JUnit XML), sarif (SARIF 2.1.0)
  --kuma-version <v>    Kuma version, e.g. 2.13 or 2.14.3 (replaces the body's kumaVersion)
  -h, --help            this text

Exit codes:
  0  every expectation holds
  1  an expectation failed, or a --fail-on finding matched
  2  bad input or usage (each problem printed as "file: path: message")
`;

const FORMATS = { text: textReport, json: (runs: readonly Run[]) => runs.map((r) => `${JSON.stringify(r.result)}\n`).join(""), junit: junitReport, sarif: sarifReport } as const;
type Format = keyof typeof FORMATS;

/** Where the command writes; tests and the launcher pass the process's streams. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdin: () => Buffer;
}

const processIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), stdin: () => readFileSync(0) };

class UsageError extends Error {}

const COMMON = {
  "fail-on": { type: "string", multiple: true },
  format: { type: "string" },
  "kuma-version": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const SIMULATE = { ...COMMON, file: { type: "string", short: "f", multiple: true }, to: { type: "string" }, from: { type: "string" }, ip: { type: "string" } } as const;

function failOnOf(values: readonly string[] | undefined): FailOn[] {
  const list = (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  const unknown = list.filter((v) => !(FAIL_ON as readonly string[]).includes(v));
  if (unknown.length > 0) throw new UsageError(`--fail-on: unknown ${unknown.join(", ")}; known: ${FAIL_ON.join(", ")}`);
  return list as FailOn[];
}

function formatOf(value: string | undefined): Format {
  const f = value ?? "text";
  if (!Object.hasOwn(FORMATS, f)) throw new UsageError(`--format: ${f} is not one of ${Object.keys(FORMATS).join(", ")}`);
  return f as Format;
}

function testRuns(files: readonly string[], o: Overrides, io: Io): Read<Run[]> {
  if (files.length === 0) throw new UsageError("test: name at least one batch file");
  const runs: Run[] = [];
  const problems: InputProblem[] = [];
  for (const file of files) {
    const read = readBatchFile(file, io.stdin);
    const run = read.ok ? runBatch(file, read.value.value, o, bodyWhere(file, read.value.text, read.value.value), (v) => ({ file, path: v.path, message: v.message })) : read;
    if (run.ok) runs.push(run.value);
    else problems.push(...run.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: runs };
}

function simulateRuns(v: { file?: string[]; to?: string; from?: string; ip?: string }, o: Overrides, io: Io): Read<Run[]> {
  if (!v.file || v.file.length === 0) throw new UsageError("simulate: give the resources with -f <file|dir|->");
  if (v.to === undefined) throw new UsageError("simulate: --to <url> is required");
  const files = expandPaths(v.file);
  if (!files.ok) return files;
  const resources = readResources(files.value, io.stdin);
  if (!resources.ok) return resources;
  const request = { to: v.to, ...(v.from !== undefined ? { from: v.from } : {}), ...(v.ip !== undefined ? { ip: v.ip } : {}) };
  const body = { resources: resources.value.map((r) => r.value), requests: [request] };
  const run = runBatch("simulate", body, o, resourcesWhere(resources.value), simulateProblem(resources.value));
  return run.ok ? { ok: true, value: [run.value] } : run;
}

const problemLine = (p: InputProblem) => `${p.file}: ${p.path === "" ? "" : `${p.path}: `}${p.message}\n`;

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command !== "test" && command !== "simulate") throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const { values, positionals } = parseArgs({ args: [...rest], options: command === "test" ? COMMON : SIMULATE, allowPositionals: command === "test", strict: true });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const format = formatOf(values.format);
    const o: Overrides = { kumaVersion: values["kuma-version"], failOn: failOnOf(values["fail-on"]) };
    const runs = command === "test" ? testRuns(positionals, o, io) : simulateRuns(values as Parameters<typeof simulateRuns>[0], o, io);
    if (!runs.ok) {
      io.stderr(runs.problems.map(problemLine).join(""));
      return 2;
    }
    io.stdout(FORMATS[format](runs.value));
    return runs.value.some((r) => r.result.summary.failed > 0) ? 1 : 0;
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) throw e;
    io.stderr(`meshsim: ${e.message}\nRun meshsim --help for usage.\n`);
    return 2;
  }
}
