/**
 * `--format tap`: TAP version 13 (testanything.org/tap-version-13-specification.html). One test point per
 * request and per modification (the JUnit cases), `not ok` with a YAML block of its failures and where the
 * input says it; an inconclusive request stays `ok` and says why in its block.
 */
import { stringify } from "yaml";
import type { Inconclusive } from "../outcome.js";
import { failureText, modificationCases, requestCases, type Location, type Run } from "../report.js";

const at = (l: Location | undefined) => (l ? `${l.uri}${l.line !== undefined ? `:${l.line}:${l.column ?? 1}` : ""}` : undefined);

/** A description cannot hold `#` unescaped (it starts a directive) nor a line break. */
const description = (s: string) => s.replace(/\\/g, "\\\\").replace(/#/g, "\\#").replace(/[\r\n]+/g, " ");

function block(fields: Record<string, unknown>): string[] {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(defined).length === 0) return [];
  return ["  ---", ...stringify(defined, { lineWidth: 0 }).trimEnd().split("\n").map((l) => `  ${l}`), "  ..."];
}

/** The TAP stream of all runs. */
export function tapReport(runs: readonly Run[], unsure: readonly Inconclusive[]): string {
  const points: string[][] = [];
  for (const run of runs) {
    for (const c of requestCases(run)) {
      const why = unsure.find((x) => x.file === run.file && x.request === c.name)?.because;
      const ok = c.failures.length === 0;
      points.push([`${ok ? "ok" : "not ok"} ${points.length + 1} - ${description(`${run.file} ${c.name}`)}`, ...block({ failures: ok ? undefined : [...new Set(c.failures.map(failureText))], inconclusive: why, at: ok && !why ? undefined : at(run.where.request(c.index)) })]);
    }
    for (const c of modificationCases(run)) {
      const ok = c.failures.length === 0;
      const m = c.modification;
      points.push([`${ok ? "ok" : "not ok"} ${points.length + 1} - ${description(`${run.file} modification ${c.name}`)}`, ...block(ok ? {} : { failures: [...new Set(c.failures.map(failureText))], at: at(run.where.modification(m.policy, m.policyIndex)) })]);
    }
  }
  return ["TAP version 13", `1..${points.length}`, ...points.flat(), ""].join("\n");
}
