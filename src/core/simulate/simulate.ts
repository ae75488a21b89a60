/**
 * `POST /v1/simulate`: the pipeline for one request (parse → validate → select → generate → policy plugins →
 * match → explain). Pure and synchronous: same input, same output; inputs are never mutated.
 */
import { dataplaneLabel } from "./dataplane.js";
import { prepare, whatIfField } from "./prepare.js";
import { dataplanePart, simulateRequest } from "./request.js";
import type { AnswerOptions, Include, SimulateOutcome, SimulationResult } from "./result.js";
import type { SimulateBody } from "./schema.js";


/** Runs one simulation (`POST /v1/simulate`). Violations are returned for input Kuma (or meshsim) would reject. */
export function simulate(body: SimulateBody, options: AnswerOptions = {}): SimulateOutcome {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const p = prep.prepared;
  const include = new Set<Include>(body.include ?? ["config", "diff", "trace"]);
  if (options.full) include.add("full");
  const out = simulateRequest(p, body.request, "request", new Map());
  if (!out.ok) return out;
  const d = dataplanePart(p, out.proxy, include);
  const r = out.part;
  // Field order follows the API contract (ARCHITECTURE.md).
  const result: SimulationResult = {
    kumaVersion: p.label,
    dataplane: dataplaneLabel(out.proxy.dataplane, p.snapshot.dataplanes),
    verdict: r.verdict,
    reason: r.reason,
    ...(r.how !== undefined ? { how: r.how } : {}),
    listener: r.listener,
    filterChain: r.filterChain,
    route: r.route,
    cluster: r.cluster,
    limits: r.limits,
    policies: d.policies,
    modifications: d.modifications,
    warnings: [...d.warnings, ...r.warnings],
    assumptions: [...d.assumptions, ...r.assumptions],
    ...whatIfField(p.snapshot),
    ...(include.has("trace") ? { trace: [...(d.trace ?? []), ...r.trace] } : {}),
    ...(d.config ? { config: d.config } : {}),
    ...(d.diff ? { diff: d.diff } : {}),
  };
  return { ok: true, result };
}
