/** `POST /v1/simulate/batch`. */

/**
 * Runs many requests against one snapshot (`POST /v1/simulate/batch`): the snapshot is read once and
 * each dataplane's config is generated once. What a dataplane's requests share (policies,
 * modifications, generation warnings, and config/diff/trace when `include` asks) is reported once
 * under `dataplanes`; each result holds what is specific to its request.
 */
import { type Violation, joinPath } from "../errors.js";
import { MODIFICATION_STATUSES, type ModificationStatus } from "../model/modification.js";
import { WARNING_CODES, type WarningCode } from "../warnings.js";
import { type Expectation, checkExpectation } from "./expect.js";
import { prepare, whatIfField } from "./prepare.js";
import { dataplaneLabel, type ProxyCache } from "./dataplane.js";
import { dataplanePart, simulateRequest } from "./request.js";
import type { AnswerOptions, BatchOutcome, BatchResult, BatchSummary, DataplanePart, Include } from "./result.js";
import type { BatchBody } from "./schema.js";
/** Modification findings by status over `dataplanes` (each dataplane once), and warnings by code over `dataplanes` and `results`. */
function findingCounts(results: BatchResult["results"], dataplanes: Readonly<Record<string, DataplanePart>>): Pick<BatchSummary, "modifications" | "warnings"> {
  const byStatus = Object.fromEntries(MODIFICATION_STATUSES.map((s) => [s, 0])) as Record<ModificationStatus, number>;
  const byCode = new Map<WarningCode, number>();
  const count = (code: WarningCode) => byCode.set(code, (byCode.get(code) ?? 0) + 1);
  for (const d of Object.values(dataplanes)) {
    for (const m of d.modifications) byStatus[m.status] += 1;
    for (const w of d.warnings) count(w.code);
  }
  for (const r of results) for (const w of r.warnings) count(w.code);
  // Codes in the order of WARNING_CODES, so the same findings give the same bytes.
  return { modifications: byStatus, warnings: Object.fromEntries(WARNING_CODES.filter((c) => byCode.has(c)).map((c) => [c, byCode.get(c)!])) };
}

/** Runs a batch (`POST /v1/simulate/batch`); `options.full` as `include: ["full"]`. */
export function simulateBatch(body: BatchBody, options: AnswerOptions = {}): BatchOutcome {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const p = prep.prepared;
  const include = new Set<Include>(body.include ?? []);
  if (options.full) include.add("full");
  const failOn = body.failOn ?? [];
  const cache: ProxyCache = new Map();
  const results: BatchResult["results"][number][] = [];
  const dataplanes: Record<string, DataplanePart> = {};
  const errors: Violation[] = [];
  body.requests.forEach((req, i) => {
    const out = simulateRequest(p, req, joinPath("requests", i), cache);
    if (!out.ok) {
      errors.push(...out.errors);
      return;
    }
    const name = dataplaneLabel(out.proxy.dataplane, p.snapshot.dataplanes);
    const shared = (dataplanes[name] ??= dataplanePart(p, out.proxy, include));
    const r = out.part;
    // failOn is an expectation on every request: each result gets an outcome.
    const expectation = req.expect || failOn.length > 0 ? checkExpectation(r, shared, (req.expect ?? {}) as Expectation, failOn) : null;
    const { trace, ...rest } = r;
    results.push({ dataplane: name, ...rest, ...(include.has("trace") ? { trace } : {}), expectation });
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  const failed = results.filter((r) => r.expectation && !r.expectation.passed).length;
  const summary: BatchSummary = { total: results.length, passed: results.length - failed, failed, ...findingCounts(results, dataplanes) };
  return { ok: true, result: { kumaVersion: p.label, results, dataplanes, summary, ...whatIfField(p.snapshot) } };
}
