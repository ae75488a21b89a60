/**
 * The run's exit code and what makes it inconclusive. A request's expectation is inconclusive when it
 * held but the request's own answer rests on something meshsim had to assume: its host resolved to no IP
 * (warning `host-unresolved`: simulated as an address outside the mesh, so IP and CIDR rules could not
 * match), or the request's `assumptions` (a VIP meshsim allocated, an inbound client it had to guess).
 * The dataplane's shared assumptions (an unstated Kuma version, the default API server address) are left
 * out: they hold for every request alike and are printed in the answer.
 */
import { requestCases, type Run } from "./report.js";

/** The process exit codes, as `--help` and the README list them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, inconclusive: 3 } as const;

/** One passed expectation that rests on an assumption, and the assumptions. */
export interface Inconclusive {
  readonly file: string;
  readonly request: string;
  readonly because: readonly string[];
}

/** Every request of the runs whose expectation held only under an assumption. */
export function inconclusive(runs: readonly Run[]): Inconclusive[] {
  return runs.flatMap((run) =>
    requestCases(run).flatMap((c) => {
      const r = run.result.results[c.index]!;
      if (r.expectation === null || !r.expectation.passed) return [];
      const because = [...r.warnings.filter((w) => w.code === "host-unresolved").map((w) => `${w.code}: ${w.message}`), ...r.assumptions.map((a) => `assumed: ${a}`)];
      return because.length > 0 ? [{ file: run.file, request: c.name, because }] : [];
    }),
  );
}

/** 1 when an expectation failed, else 3 when one held only under an assumption, else 0. */
export function exitCodeOf(runs: readonly Run[]): number {
  if (runs.some((r) => r.result.summary.failed > 0)) return EXIT.failed;
  return inconclusive(runs).length > 0 ? EXIT.inconclusive : EXIT.ok;
}

/** The inconclusive requests as lines for a person (stderr, and the text report). */
export function inconclusiveLines(list: readonly Inconclusive[]): string[] {
  return list.flatMap((x) => [`INCONCLUSIVE ${x.file}: ${x.request}`, ...x.because.map((b) => `  ${b}`)]);
}
