/**
 * What every output format reads: one batch run per input (its file, body, answer and a way to point
 * back into the file), and the request and modification "cases" JUnit and text both list.
 */
import type { ModificationReport } from "../core/model/modification.js";
import type { BatchResult, ExpectationFailure } from "../core/simulate/result.js";
import type { BatchBody } from "../core/simulate/schema.js";

/** A place in an input file; `line`/`column` are 1-based and absent when only the file is known. */
export interface Location {
  readonly uri: string;
  readonly line?: number;
  readonly column?: number;
}

/** Where a run's parts came from. */
export interface Where {
  /** The `index`-th entry of the `appendModifications` of the MeshProxyPatch named `policy`. */
  modification(policy: string, index: number): Location | undefined;
  /** The body's `requests[i]`. */
  request(i: number): Location | undefined;
}

/** One batch: the input it came from (a `test` file, or the `simulate` command line), the body run and the core's answer. */
export interface Run {
  readonly file: string;
  readonly body: BatchBody;
  readonly result: BatchResult;
  /** The answer's bytes as the API sends them (`--format json` prints them). */
  readonly text: string;
  readonly where: Where;
}

/** A request's target as the batch Markdown names it: its URL, or `protocol://host:port`. */
export function targetOf(to: BatchBody["requests"][number]["to"]): string {
  return typeof to === "string" ? to : `${to.protocol ?? "tcp"}://${to.host ?? to.ip ?? ""}${to.port ? `:${to.port}` : ""}`;
}

/** One failure as one line: its message, or what was expected and what came out. */
export function failureText(f: ExpectationFailure): string {
  return f.message !== undefined ? `${f.field}: ${f.message}` : `${f.field}: expected ${String(f.expected)}, got ${String(f.actual)}`;
}

/** A request, named `requests[i] <dataplane> -> <target>`, and its failures. */
export interface RequestCase {
  readonly index: number;
  readonly name: string;
  readonly failures: readonly ExpectationFailure[];
}

export function requestCases(run: Run): RequestCase[] {
  return run.result.results.map((r, i) => ({ index: i, name: `requests[${i}] ${r.dataplane} -> ${targetOf(run.body.requests[i]!.to)}`, failures: r.expectation?.failures ?? [] }));
}

/** A modification on one dataplane, and the failures of that dataplane's requests that are about it. */
export interface ModificationCase {
  readonly dataplane: string;
  readonly modification: ModificationReport;
  readonly name: string;
  readonly failures: readonly ExpectationFailure[];
}

export function modificationCases(run: Run): ModificationCase[] {
  return Object.entries(run.result.dataplanes).flatMap(([dataplane, part]) =>
    part.modifications.map((m) => {
      const failures = run.result.results.filter((r) => r.dataplane === dataplane).flatMap((r) => (r.expectation?.failures ?? []).filter((f) => f.source === m.source));
      return { dataplane, modification: m, name: `${m.source} (${m.kind} ${m.operation}) on ${dataplane}: ${m.status}`, failures };
    }),
  );
}
