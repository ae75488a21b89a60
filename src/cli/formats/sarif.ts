/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning views. One result per modification that is not applied
 * or that an expectation is about (rule: its status, located at the modification in the input file), one
 * per warning (rule: its code), and one per remaining expectation failure (rule `expectation-failed`, at
 * the request). A finding that fails the run (through `failOn` or `expect`) is an `error`; other
 * modification findings are `warning`s and other warnings `note`s.
 */
import { MODIFICATION_STATUSES } from "../../core/model/modification.js";
import type { ExpectationFailure } from "../../core/simulate/result.js";
import type { Warning } from "../../core/warnings.js";
import { failureText, modificationCases, requestCases, type Location, type Run } from "../report.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const EXPECTATION_FAILED = "expectation-failed";

type Level = "error" | "warning" | "note";

export interface SarifResult {
  ruleId: string;
  level: Level;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[];
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  applied: "The modification changed the config and Envoy reads what it changed.",
  "no-match": "The modification's match selected nothing; Kuma ignores it silently.",
  ineffective: "The modification changed the config only where Envoy never reads.",
  failed: "The modification made Kuma's generation fail; the proxy keeps its previous config.",
  skipped: "The modification never ran: an earlier one failed and Kuma stopped there.",
};

function ruleText(id: string): string {
  if (id === EXPECTATION_FAILED) return "A request's expectation does not hold.";
  return STATUS_TEXT[id] ?? `meshsim warning ${id}.`;
}

/** SARIF artifact URIs use forward slashes. */
/** A file path as a SARIF URI reference (RFC 3986): `/` separators, every other reserved or unsafe character percent-encoded. */
export const uriOf = (file: string) => file.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");

function locations(at: Location | undefined): SarifResult["locations"] {
  if (!at) return undefined;
  const region = at.line !== undefined ? { region: { startLine: at.line, startColumn: at.column ?? 1 } } : {};
  return [{ physicalLocation: { artifactLocation: { uri: uriOf(at.uri) }, ...region } }];
}

function result(ruleId: string, level: Level, text: string, at: Location | undefined): SarifResult {
  const locs = locations(at);
  return { ruleId, level, message: { text }, ...(locs ? { locations: locs } : {}) };
}

/** Whether a failure is about this warning being there (failOn, or `expect.warnings.absent`). */
const aboutWarning = (f: ExpectationFailure, code: string) => f.code === code && f.actual !== "absent";

/** The findings of one run, as SARIF results (the GitHub annotations read them too). */
export function sarifResults(run: Run): SarifResult[] {
  const out: SarifResult[] = [];
  const requests = requestCases(run);
  const covered = new Set<ExpectationFailure>();
  for (const c of modificationCases(run)) {
    const m = c.modification;
    c.failures.forEach((f) => covered.add(f));
    if (m.status === "applied" && c.failures.length === 0) continue;
    const why = c.failures.length > 0 ? [...new Set(c.failures.map(failureText))].join(" ") : `${m.source} (${m.kind} ${m.operation}) is ${m.status}${m.message ? `: ${m.message}` : ""}`;
    out.push(result(m.status, c.failures.length > 0 ? "error" : "warning", `${c.dataplane}: ${why}`, run.where.modification(m.policy, m.policyIndex)));
  }
  const warning = (w: Warning, failures: readonly ExpectationFailure[], prefix: string, at: Location | undefined) => {
    const against = failures.filter((f) => aboutWarning(f, w.code));
    against.forEach((f) => covered.add(f));
    out.push(result(w.code, against.length > 0 ? "error" : "note", `${prefix}: ${w.message}`, at));
  };
  for (const [dataplane, part] of Object.entries(run.result.dataplanes)) {
    const failures = requests.filter((c) => run.result.results[c.index]!.dataplane === dataplane).flatMap((c) => c.failures);
    for (const w of part.warnings) warning(w, failures, dataplane, undefined);
  }
  for (const c of requests) for (const w of run.result.results[c.index]!.warnings) warning(w, c.failures, c.name, run.where.request(c.index));
  for (const c of requests) for (const f of c.failures) if (!covered.has(f)) out.push(result(EXPECTATION_FAILED, "error", `${c.name}: ${failureText(f)}`, run.where.request(c.index)));
  return out;
}

/** The SARIF log for all runs, as one SARIF run of the tool `meshsim`. */
export function sarifReport(runs: readonly Run[]): string {
  const results = runs.flatMap(sarifResults);
  const ids = [...new Set(results.map((r) => r.ruleId))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rules = ids.map((id) => ({ id, shortDescription: { text: ruleText(id) } }));
  const log = { version: "2.1.0", $schema: SARIF_SCHEMA, runs: [{ tool: { driver: { name: "meshsim", rules } }, results }] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Statuses first (in their order), then expectation failures, then warning codes. */
function rank(id: string): number {
  const s = (MODIFICATION_STATUSES as readonly string[]).indexOf(id);
  return s >= 0 ? s : id === EXPECTATION_FAILED ? 10 : 20;
}
