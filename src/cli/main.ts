/**
 * `meshsim`: the command line for CI. Parses the arguments, reads the inputs, runs the core in process
 * (no server, no network) or calls a deployment (`--url`), and writes the chosen format. Exit codes:
 * 0 every expectation holds, 1 one failed, 2 bad input or usage, 3 inconclusive.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { FAIL_ON, type FailOn } from "../core/simulate/expect.js";
import { upgradeMarkdown } from "../core/simulate/upgrade-markdown.js";
import { impactMarkdown } from "../core/simulate/impact-markdown.js";
import { passthroughPlanMarkdown } from "../core/simulate/passthrough-plan-markdown.js";
import { impactRun, passthroughPlanRun, simulateAnswer, simulateRuns, testRuns, upgradeRun, UsageError, validateRun, type Inputs, type PassthroughPlanArgs, type SimulateArgs } from "./commands.js";
import { localEngine } from "./engine.js";
import { githubAnnotations, githubSummary } from "./formats/github.js";
import { junitReport } from "./formats/junit.js";
import { sarifReport } from "./formats/sarif.js";
import { tapReport } from "./formats/tap.js";
import { textReport } from "./formats/text.js";
import type { InputProblem, Read } from "./inputs.js";
import type { ProvedFinding } from "../core/simulate/result.js";
import { EXIT, exitCodeOf, inconclusive, inconclusiveLines } from "./outcome.js";
import { problemLine } from "./problems.js";
import { progress } from "./progress.js";
import { remoteEngine, RemoteError } from "./remote.js";
import type { Run } from "./report.js";
import type { Overrides } from "./run.js";

export const HELP = `meshsim: what does the Kuma sidecar's Envoy do with this connection?
Runs the simulator in this process (no server, no network), or calls a deployment with --url.

Usage:
  meshsim test <file>... [--fail-on <list>] [--format <f>] [--kuma-version <v>] [--url <u>]
      Each file is a batch body (YAML, or JSON when it ends in .json), the same shape as
      POST /v1/simulate/batch: resources, requests with their expect, failOn. Its resources and
      patches may also name files and directories, relative to the batch file: a string without
      a line break is a path (e.g. resources: [../k8s/, policies.yaml, {type: Mesh, name: default}]),
      one with line breaks is YAML text. Findings point into the named files.
  meshsim simulate -f <file|dir|->... --to <url> [--from <dp>] [--ip <ip>] [--patch <file>]...
                   [--kuma-version <v>] [--url <u>] [--fail-on <list>] [--format <f> | -o <form>] [--full]
      Resources from files, directories (recursively, .yaml .yml .json) or stdin (-). Without -o,
      runs the one request as a one-request batch and reports in --format; with -o, prints the
      POST /v1/simulate answer itself: json (the API's bytes), yaml, or markdown (the chat form).
  meshsim validate <file|dir|->... [--kuma-version <v>] [--url <u>] [-o json|yaml]
      The POST /v1/validate check of resource files, or of one simulate or batch body file
      (its resources, patches and kumaVersion; its requests are not read; paths as in test), with
      the MeshPassthrough lint (each finding at its file:line:column). Exit 1 when a lint finding has severity error
      (Kuma or Envoy refuses the config, or an entry never matches); warnings and infos exit 0.
  meshsim upgrade <file|dir|->... --from-version <v> --to-version <v> [--url <u>] [-o markdown|json|yaml]
      POST /v1/upgrade: one batch body file (resources, patches, zone, requests; paths as in
      test) or resource files (then a probe set from the snapshot), simulated at both releases;
      prints what changes and why (markdown by default). Exit 1 when the upgrade is breaking, 0 when not.
  meshsim impact -f <file|dir|->... [--patch <file>]... [--remove kind/mesh/name]... [--kuma-version <v>]
                 [--url <u>] [-o markdown|json|yaml]
      POST /v1/impact: the snapshot without and with the what-ifs (patches replace or add resources,
      --remove deletes one), compared for every dataplane with probes from the snapshot; prints which
      dataplanes change and what breaks (markdown by default). Exit 1 when breaking, 0 when not.
  meshsim passthrough-plan -f <file|dir|->... --destinations <file> [--patch <file>]... [--from <dp>]
                   [--kuma-version <v>] [--url <u>] [-o markdown|json|yaml]
      POST /v1/passthrough-plan: which destinations (a YAML/JSON list of {host, ip, port, protocol}
      or access-log lines, or a text file of access-log lines, one per line) passthrough off would
      block, and a MeshPassthrough that keeps them, proven by re-simulation (markdown by default).
      Exit 0 when the plan covers every destination, 1 when one stays blocked or the release has
      no MeshPassthrough (before 2.8).

Options:
  --fail-on <list>      comma-separated modification statuses or warning codes that fail the run,
                        merged with the body's failOn: ${FAIL_ON.slice(0, 4).join(", ")}, envoy-nack, ...
  --format <f>          text (default), json (the batch answer, as the API sends it; one line per file),
                        junit (JUnit XML), sarif (SARIF 2.1.0), tap (TAP 13), github (workflow
                        annotations; with $GITHUB_STEP_SUMMARY set, a job summary appended to it)
  -o, --output <form>   simulate: json, yaml or markdown; validate: json or yaml (default: text);
                        upgrade, impact, passthrough-plan: markdown (default), json or yaml
  --full                simulate: every long list whole (the body's include "full"); without it, a
                        modification's matched and a trace line's names hold their first 20
  --kuma-version <v>    Kuma version, e.g. 2.13 or 2.14.3 (replaces the body's kumaVersion)
  --url <u>             a meshsim deployment (e.g. https://meshsim.example.com) to call instead of
                        running in process; the output is the same bytes
  -h, --help            this text

Exit codes:
  0  every expectation holds
  1  an expectation failed, or a --fail-on finding matched; validate: a lint finding of severity error
  2  bad input or usage (each problem printed as "file:line:column: path: message")
  3  inconclusive: every expectation held, but one held only under an assumption meshsim had to
     make (the request's host has no IP, a VIP meshsim allocated); each is listed
`;

const where = (p: InputProblem) => `${p.file}${p.line !== undefined ? `:${p.line}:${p.column}` : ""}: ${p.path}`;

/** One lint finding in text: where it is (file:line:column when known), severity, rule, message, source, and its probe. */
function lintLines(f: ProvedFinding, locate: (v: { path: string; message: string }) => InputProblem): string {
  const at = problemLine(locate({ path: f.path, message: `${f.severity} ${f.rule}: ${f.message}` })).trimEnd();
  const extra = [
    ...(f.related ? [`  related: ${where(locate({ path: f.related.path, message: "" }))}`] : []),
    `  source: ${f.source}`,
    ...(f.probe ? [`  probe: ${JSON.stringify(f.probe.request)}`] : []),
    ...(f.proof ? [`  proof: ${f.proof.status === "no-dataplane" ? f.proof.message : `${f.proof.status} from ${f.proof.dataplane}: ${f.proof.verdict}, cluster ${f.proof.cluster ?? "none"}`}`] : []),
  ];
  return [`lint ${at}`, ...extra].join("\n");
}

/** Where the command writes and what it knows of its process; tests and the launcher pass their own. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdin: () => Buffer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal (the progress line is drawn only then). */
  readonly stderrIsTTY: boolean;
  readonly now: () => number;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => readFileSync(0),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  now: () => Date.now(),
};

const FORMATS = ["text", "json", "junit", "sarif", "tap", "github"] as const;
type Format = (typeof FORMATS)[number];

const COMMON = {
  "kuma-version": { type: "string" },
  url: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;
const REPORT = { ...COMMON, "fail-on": { type: "string", multiple: true }, format: { type: "string" } } as const;
const SIMULATE = { ...REPORT, full: { type: "boolean" }, output: { type: "string", short: "o" }, file: { type: "string", short: "f", multiple: true }, patch: { type: "string", multiple: true }, to: { type: "string" }, from: { type: "string" }, ip: { type: "string" } } as const;
const VALIDATE = { ...COMMON, output: { type: "string", short: "o" } } as const;
const UPGRADE = { url: COMMON.url, help: COMMON.help, output: { type: "string", short: "o" }, "from-version": { type: "string" }, "to-version": { type: "string" } } as const;
const IMPACT = { ...COMMON, output: { type: "string", short: "o" }, file: { type: "string", short: "f", multiple: true }, patch: { type: "string", multiple: true }, remove: { type: "string", multiple: true } } as const;
const PLAN = { ...COMMON, output: { type: "string", short: "o" }, file: { type: "string", short: "f", multiple: true }, patch: { type: "string", multiple: true }, destinations: { type: "string" }, from: { type: "string" } } as const;
const OPTIONS = { test: REPORT, simulate: SIMULATE, validate: VALIDATE, upgrade: UPGRADE, impact: IMPACT, "passthrough-plan": PLAN } as const;
type Command = keyof typeof OPTIONS;

function failOnOf(values: readonly string[] | undefined): FailOn[] {
  const list = (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  const unknown = list.filter((v) => !(FAIL_ON as readonly string[]).includes(v));
  if (unknown.length > 0) throw new UsageError(`--fail-on: unknown ${unknown.join(", ")}; known: ${FAIL_ON.join(", ")}`);
  return list as FailOn[];
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag}: ${v} is not one of ${allowed.join(", ")}`);
  return v as T;
}

/** The report of the runs in `format`, with the side outputs (inconclusive list on stderr, GitHub's summary). */
function report(runs: readonly Run[], format: Format, io: Io): void {
  const unsure = inconclusive(runs);
  switch (format) {
    case "text":
      io.stdout(textReport(runs));
      return;
    case "json":
      io.stdout(runs.map((r) => `${r.text}\n`).join(""));
      break;
    case "junit":
      io.stdout(junitReport(runs));
      break;
    case "sarif":
      io.stdout(sarifReport(runs));
      break;
    case "tap":
      io.stdout(tapReport(runs, unsure));
      break;
    case "github": {
      io.stdout(githubAnnotations(runs, unsure));
      const summary = io.env["GITHUB_STEP_SUMMARY"];
      if (summary) appendFileSync(summary, githubSummary(runs, unsure));
      break;
    }
    default:
      return assertNever(format);
  }
  // The text report lists them itself; the machine formats keep stdout to their grammar.
  if (unsure.length > 0) io.stderr(inconclusiveLines(unsure).map((l) => `${l}\n`).join(""));
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

const problemsOut = (io: Io, problems: readonly InputProblem[]) => {
  io.stderr(problems.map(problemLine).join(""));
  return EXIT.usage;
};

async function run(command: Command, rest: readonly string[], io: Io): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: [...rest], options: OPTIONS[command], allowPositionals: command !== "simulate" && command !== "passthrough-plan", strict: true });
  const values = v as Record<string, unknown> & { "kuma-version"?: string; url?: string; help?: boolean; format?: string; output?: string; "fail-on"?: string[] };
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const inputs: Inputs = { stdin: io.stdin, engine: values.url !== undefined ? remoteEngine(values.url) : localEngine, progress: progress({ isTTY: io.stderrIsTTY, now: io.now, stderr: io.stderr }) };
  const kumaVersion = values["kuma-version"];
  if (command === "validate") {
    const output = oneOf("-o", values.output, ["text", "json", "yaml"] as const, "text");
    const read = await validateRun(positionals, kumaVersion, inputs);
    if (!read.ok) return problemsOut(io, read.problems);
    const { result, text, notes, locate } = read.value;
    io.stderr(notes.map((n) => `${n}\n`).join(""));
    const lint = result.lint ?? [];
    if (output === "json") io.stdout(text);
    else if (output === "yaml") io.stdout(stringify(JSON.parse(text)));
    else {
      const counts = Object.entries(result.resources).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
      const findings = lint.map((f) => lintLines(f, locate));
      io.stdout([`valid: Kuma ${result.kumaVersion}; resources: ${counts}`, ...result.warnings.map((w) => `  warning ${w.code}: ${w.message}`), ...result.assumptions.map((a) => `  assumed: ${a}`), ...findings, ""].join("\n"));
    }
    // A CI gate: a lint finding of severity error (Kuma or Envoy refuses the config, or an entry never matches) fails.
    return lint.some((f) => f.severity === "error") ? EXIT.failed : EXIT.ok;
  }
  if (command === "upgrade") {
    const output = oneOf("-o", values.output, ["markdown", "json", "yaml"] as const, "markdown");
    const from = values["from-version"];
    const to = values["to-version"];
    if (typeof from !== "string" || typeof to !== "string") throw new UsageError("upgrade: give both --from-version and --to-version, e.g. --from-version 2.14 --to-version 3.0");
    const read = await upgradeRun(positionals, { fromVersion: from, toVersion: to }, inputs);
    if (!read.ok) return problemsOut(io, read.problems);
    const { result, text, notes } = read.value;
    io.stderr(notes.map((n) => `${n}\n`).join(""));
    io.stdout(output === "json" ? text : output === "yaml" ? stringify(JSON.parse(text)) : upgradeMarkdown(result));
    // A CI gate: 1 when the upgrade changes a verdict or limit, or an applied modification stops applying.
    return result.summary.breaking ? EXIT.failed : EXIT.ok;
  }
  if (command === "impact") {
    const output = oneOf("-o", values.output, ["markdown", "json", "yaml"] as const, "markdown");
    const read = await impactRun(values as { file?: string[]; patch?: string[]; remove?: string[] }, kumaVersion, inputs);
    if (!read.ok) return problemsOut(io, read.problems);
    const { result, text } = read.value;
    io.stdout(output === "json" ? text : output === "yaml" ? stringify(JSON.parse(text)) : impactMarkdown(result));
    // A CI gate, as for upgrade: 1 when a verdict or limit changes, or an applied modification stops applying.
    return result.summary.breaking ? EXIT.failed : EXIT.ok;
  }
  if (command === "passthrough-plan") {
    const output = oneOf("-o", values.output, ["markdown", "json", "yaml"] as const, "markdown");
    const read = await passthroughPlanRun(values as PassthroughPlanArgs, kumaVersion, inputs);
    if (!read.ok) return problemsOut(io, read.problems);
    const { result, text } = read.value;
    io.stdout(output === "json" ? text : output === "yaml" ? stringify(JSON.parse(text)) : passthroughPlanMarkdown(result));
    // A CI gate: 0 only when the plan keeps every destination working.
    return result.summary.covered ? EXIT.ok : EXIT.failed;
  }
  if (command === "simulate" && values.output !== undefined) {
    const output = oneOf("-o", values.output, ["json", "yaml", "markdown"] as const, "json");
    if (values.format !== undefined || values["fail-on"] !== undefined) throw new UsageError("simulate: -o prints the API's answer; --format and --fail-on report a run: give one or the other");
    const read = await simulateAnswer(values as SimulateArgs, kumaVersion, output === "markdown", inputs);
    if (!read.ok) return problemsOut(io, read.problems);
    io.stdout(output === "yaml" ? stringify(JSON.parse(read.value)) : read.value);
    return EXIT.ok;
  }
  const format = oneOf("--format", values.format, FORMATS, "text");
  const o: Overrides = { kumaVersion, failOn: failOnOf(values["fail-on"]) };
  const runs = command === "test" ? await testRuns(positionals, o, inputs) : await simulateRuns(values as SimulateArgs, o, inputs);
  if (!runs.ok) return problemsOut(io, runs.problems);
  report(runs.value, format, io);
  return exitCodeOf(runs.value);
}

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "-h" || command === "--help" || command === "help") {
      io.stdout(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (!Object.hasOwn(OPTIONS, command)) throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(OPTIONS).join(", ")}`);
    return await run(command as Command, rest, io);
  } catch (e) {
    if (e instanceof RemoteError) {
      io.stderr(`meshsim: ${e.message}\n`);
      return EXIT.usage;
    }
    if (!(e instanceof UsageError) && !(e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) throw e;
    io.stderr(`meshsim: ${e.message}\nRun meshsim --help for usage.\n`);
    return EXIT.usage;
  }
}
