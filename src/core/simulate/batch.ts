/** `POST /v1/simulate/batch`. */

/**
 * Runs many requests against one snapshot (`POST /v1/simulate/batch`): the snapshot is read once and
 * each dataplane's config is generated once. What a dataplane's requests share (policies,
 * modifications, generation warnings, and config/diff/trace when `include` asks) is reported once
 * under `dataplanes`; each result holds what is specific to its request.
 */
import { type Violation, joinPath } from "../errors.js";
import { type Expectation, checkExpectation } from "./expect.js";
import { prepare } from "./prepare.js";
import type { ProxyState } from "./proxy.js";
import { dataplanePart, simulateRequest } from "./request.js";
import type { BatchOutcome, BatchResult, DataplanePart, Include } from "./result.js";
import type { BatchBody } from "./schema.js";
export function simulateBatch(body: BatchBody): BatchOutcome {
  const prep = prepare(body);
  if ("errors" in prep) return { ok: false, errors: prep.errors };
  const p = prep.prepared;
  const include = new Set<Include>(body.include ?? []);
  const cache = new Map<string, ProxyState>();
  const results: BatchResult["results"][number][] = [];
  const dataplanes: Record<string, DataplanePart> = {};
  const errors: Violation[] = [];
  body.requests.forEach((req, i) => {
    const out = simulateRequest(p, req, joinPath("requests", i), cache);
    if (!out.ok) {
      errors.push(...out.errors);
      return;
    }
    const name = out.proxy.dataplane.name;
    dataplanes[name] ??= dataplanePart(p, out.proxy, include);
    const r = out.part;
    const expectation = req.expect ? checkExpectation(r, req.expect as Expectation) : null;
    const { trace, ...rest } = r;
    results.push({ dataplane: name, ...rest, ...(include.has("trace") ? { trace } : {}), expectation });
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  const failed = results.filter((r) => r.expectation && !r.expectation.passed).length;
  return { ok: true, result: { kumaVersion: p.minor, results, dataplanes, summary: { total: results.length, passed: results.length - failed, failed } } };
}
