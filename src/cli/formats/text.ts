/**
 * `--format text`: what a person reads in a CI log: per input, the failed requests with every failure,
 * then the counts; the requests that held only under an assumption; a last line with the verdict.
 */
import { inconclusive, inconclusiveLines } from "../outcome.js";
import { failureText, requestCases, type Run } from "../report.js";

const counts = (o: Readonly<Record<string, number>>) =>
  Object.entries(o)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "none";

/** The text report of all runs; its last line says whether everything held. */
export function textReport(runs: readonly Run[]): string {
  const lines: string[] = [];
  let failed = 0;
  let total = 0;
  for (const run of runs) {
    const s = run.result.summary;
    failed += s.failed;
    total += s.total;
    lines.push(`${run.file}: Kuma ${run.result.kumaVersion}, ${s.total} request${s.total === 1 ? "" : "s"}, ${s.passed} passed, ${s.failed} failed`);
    for (const c of requestCases(run)) {
      if (c.failures.length === 0) continue;
      lines.push(`  FAIL ${c.name}`);
      for (const f of c.failures) lines.push(`    ${failureText(f)}`);
    }
    lines.push(`  modifications: ${counts(s.modifications)}`, `  warnings: ${counts(s.warnings)}`);
  }
  const unsure = inconclusive(runs);
  lines.push(...inconclusiveLines(unsure));
  const all = `${total} request${total === 1 ? "" : "s"}`;
  lines.push(failed > 0 ? `FAILED: ${failed} of ${total} requests` : unsure.length > 0 ? `INCONCLUSIVE: ${unsure.length} of ${all} held only under an assumption` : `ok: ${all}, every expectation holds`);
  return `${lines.join("\n")}\n`;
}
