/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding (the SARIF results: an
 * `error` fails the run, `warning` and `notice` do not) at `file=,line=,col=` in the input, and a Markdown
 * job summary the caller appends to `$GITHUB_STEP_SUMMARY`.
 */
import type { Inconclusive } from "../outcome.js";
import type { Run } from "../report.js";
import { sarifResults } from "./sarif.js";

/** A workflow command's message: `%`, CR and LF escaped (GitHub's `escapeData`). */
export const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
/** A workflow command's property value: the data escapes, and `:` `,` (GitHub's `escapeProperty`). */
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const COMMAND = { error: "error", warning: "warning", note: "notice" } as const;

function command(kind: "error" | "warning" | "notice", props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${kind}${p === "" ? "" : ` ${p}`}::${escapeData(message)}\n`;
}

/** The annotations for all runs, and one warning per inconclusive request. */
export function githubAnnotations(runs: readonly Run[], unsure: readonly Inconclusive[]): string {
  const out: string[] = [];
  for (const run of runs)
    for (const r of sarifResults(run)) {
      const at = r.locations?.[0]?.physicalLocation;
      out.push(command(COMMAND[r.level], { file: at ? decodeURIComponent(at.artifactLocation.uri) : run.file, line: at?.region?.startLine, col: at?.region?.startColumn, title: `meshsim ${r.ruleId}` }, r.message.text));
    }
  for (const x of unsure) out.push(command("warning", { file: x.file, title: "meshsim inconclusive" }, `${x.request} held only under an assumption: ${x.because.join("; ")}`));
  return out.join("");
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The job summary: a table of the inputs, then each failed and each inconclusive request. */
export function githubSummary(runs: readonly Run[], unsure: readonly Inconclusive[]): string {
  const failed = runs.reduce((n, r) => n + r.result.summary.failed, 0);
  const total = runs.reduce((n, r) => n + r.result.summary.total, 0);
  const verdict = failed > 0 ? `FAILED: ${failed} of ${total} requests` : unsure.length > 0 ? `INCONCLUSIVE: ${unsure.length} of ${total} requests held only under an assumption` : `ok: ${total} requests, every expectation holds`;
  const lines = ["## meshsim", "", `**${verdict}**`, "", "| input | Kuma | requests | passed | failed |", "|---|---|---|---|---|"];
  for (const r of runs) lines.push(`| ${cell(r.file)} | ${r.result.kumaVersion} | ${r.result.summary.total} | ${r.result.summary.passed} | ${r.result.summary.failed} |`);
  const failures = runs.flatMap((run) =>
    run.result.results.flatMap((res, i) => (res.expectation && !res.expectation.passed ? [`- ${cell(run.file)} requests[${i}] (${res.dataplane}): ${res.expectation.failures.map((f) => f.field).join(", ")}`] : [])),
  );
  if (failures.length > 0) lines.push("", "### Failed", ...failures);
  if (unsure.length > 0) lines.push("", "### Inconclusive", ...unsure.map((x) => `- ${cell(x.file)} ${x.request}: ${x.because.join("; ")}`));
  return `${lines.join("\n")}\n`;
}
