/**
 * What runs a body: the core in process (no server, no network) or a deployment's HTTP API (`--url`).
 * Both answer with the same bytes for the same body: the in-process engine serialises the core's answer
 * exactly as `src/http/app.ts` does (`JSON.stringify`, the shared Markdown renderer), and the remote one
 * passes the deployment's bytes through.
 */
import type { Violation } from "../core/errors.js";
import { simulationMarkdown } from "../core/simulate/markdown.js";
import { simulateBatch } from "../core/simulate/batch.js";
import type { BatchResult, SimulationResult, ValidationResult } from "../core/simulate/result.js";
import { simulateUpgrade, type UpgradeResult } from "../core/simulate/upgrade.js";
import { upgradeMarkdown } from "../core/simulate/upgrade-markdown.js";
import { simulateImpact, type ImpactResult } from "../core/simulate/impact.js";
import { impactMarkdown } from "../core/simulate/impact-markdown.js";
import { planPassthrough, type PassthroughPlanResult } from "../core/simulate/passthrough-plan.js";
import { passthroughPlanMarkdown } from "../core/simulate/passthrough-plan-markdown.js";
import { BatchBodySchema, ImpactBodySchema, PassthroughPlanBodySchema, SimulateBodySchema, UpgradeBodySchema, ValidateBodySchema } from "../core/simulate/schema.js";
import { simulate } from "../core/simulate/simulate.js";
import { validateSnapshot } from "../core/simulate/validate.js";
import { ZOD_PARSE, zodViolations } from "../core/zod-issues.js";

/** An answer: the parsed value and the exact bytes (JSON, or Markdown when asked), or the problem's violations. */
export type Answer<T> = { readonly ok: true; readonly value: T; readonly text: string } | { readonly ok: false; readonly errors: readonly Violation[] };

/** The API calls the CLI makes. `markdown` asks for the `text/markdown` form of the answer. */
export interface Engine {
  batch(body: unknown): Promise<Answer<BatchResult>>;
  simulate(body: unknown, markdown: boolean): Promise<Answer<SimulationResult | null>>;
  validate(body: unknown): Promise<Answer<ValidationResult>>;
  upgrade(body: unknown, markdown: boolean): Promise<Answer<UpgradeResult | null>>;
  impact(body: unknown, markdown: boolean): Promise<Answer<ImpactResult | null>>;
  passthroughPlan(body: unknown, markdown: boolean): Promise<Answer<PassthroughPlanResult | null>>;
}

/** The core, called as the HTTP routes call it: schema first, then the pure function. */
export const localEngine: Engine = {
  async batch(body) {
    const parsed = BatchBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = simulateBatch(parsed.data);
    return outcome.ok ? { ok: true, value: outcome.result, text: JSON.stringify(outcome.result) } : outcome;
  },
  async simulate(body, markdown) {
    const parsed = SimulateBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = simulate(parsed.data);
    if (!outcome.ok) return outcome;
    return { ok: true, value: outcome.result, text: markdown ? simulationMarkdown(outcome.result) : JSON.stringify(outcome.result) };
  },
  async validate(body) {
    const parsed = ValidateBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = validateSnapshot(parsed.data);
    return outcome.ok ? { ok: true, value: outcome.result, text: JSON.stringify(outcome.result) } : outcome;
  },
  async upgrade(body, markdown) {
    const parsed = UpgradeBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = simulateUpgrade(parsed.data);
    if (!outcome.ok) return outcome;
    return { ok: true, value: outcome.result, text: markdown ? upgradeMarkdown(outcome.result) : JSON.stringify(outcome.result) };
  },
  async impact(body, markdown) {
    const parsed = ImpactBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = simulateImpact(parsed.data);
    if (!outcome.ok) return outcome;
    return { ok: true, value: outcome.result, text: markdown ? impactMarkdown(outcome.result) : JSON.stringify(outcome.result) };
  },
  async passthroughPlan(body, markdown) {
    const parsed = PassthroughPlanBodySchema.safeParse(body, ZOD_PARSE);
    if (!parsed.success) return { ok: false, errors: zodViolations(parsed.error, "") };
    const outcome = planPassthrough(parsed.data);
    if (!outcome.ok) return outcome;
    return { ok: true, value: outcome.result, text: markdown ? passthroughPlanMarkdown(outcome.result) : JSON.stringify(outcome.result) };
  },
};

