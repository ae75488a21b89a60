/**
 * The passthrough plan as data: each `passthrough-plan-cases/*.yaml` holds a `POST /v1/passthrough-plan` body and what
 * Kuma's source says about it, written by hand (each file names the Kuma files and tags). `blocked`, `notNeeded` and
 * `proof` list every row in answer order; `*Contains` are texts the answer must contain.
 */
import { join } from "node:path";
import { expect } from "vitest";
import { coreCases } from "../../../test/support/core-cases.js";
import { parseAllDocuments } from "yaml";
import { planPassthrough } from "./passthrough-plan.js";
import { passthroughPlanMarkdown, MAX_PLAN_MARKDOWN_LINES } from "./passthrough-plan-markdown.js";
import { PassthroughPlanBodySchema } from "./schema.js";

interface Case {
  body: unknown;
  expect: {
    errors?: { path: string; messageContains: string[] }[];
    kumaVersion?: string;
    meshFlag?: string;
    dataplanes?: string[];
    destinations?: Record<string, unknown>[];
    blocked?: { input: string; situations: string[]; dataplanes: string[]; entry: unknown }[];
    notNeeded?: { input: string; status: string; dataplanes?: string[]; whyContains?: string[] }[];
    plan?: { name: string; universal: unknown[]; kubernetes: unknown[] };
    planEntries?: unknown[];
    noPlan?: boolean;
    proof?: { input: string; before: string; after: string; kept: boolean }[];
    summary?: Record<string, unknown>;
    problems?: string[];
    problemsContain?: string[];
    alternativesContain?: string[];
    notesContain?: string[];
    whatIf?: { replaced?: string[]; added?: string[] };
  };
}

const dir = join(import.meta.dirname, "passthrough-plan-cases");
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJSON() as unknown);

coreCases("passthrough-plan cases", dir, PassthroughPlanBodySchema, planPassthrough, (r, e: Case["expect"]) => {
  if (e.kumaVersion) expect(r.kumaVersion).toBe(e.kumaVersion);
  if (e.meshFlag) expect(r.meshFlag).toBe(e.meshFlag);
  if (e.dataplanes) expect(r.dataplanes).toEqual(e.dataplanes);
  if (e.destinations) {
    const all = [...r.blocked.map((b) => b.destination), ...r.notNeeded.map((n) => n.destination)].sort((a, b) => a.input.localeCompare(b.input));
    expect(all.map(({ input: _, ...d }) => d)).toEqual(e.destinations);
  }
  if (e.blocked) expect(r.blocked.map((b) => ({ input: b.destination.input, situations: b.situations, dataplanes: b.dataplanes, entry: b.entry }))).toEqual(e.blocked);
  if (e.notNeeded) {
    expect(r.notNeeded.map((n) => [n.destination.input, n.status])).toEqual(e.notNeeded.map((n) => [n.input, n.status]));
    e.notNeeded.forEach((n, i) => {
      if (n.dataplanes) expect(r.notNeeded[i]!.dataplanes).toEqual(n.dataplanes);
      for (const t of n.whyContains ?? []) expect(r.notNeeded[i]!.why).toContain(t);
    });
  }
  if (e.plan) {
    expect(r.meshPassthrough?.name).toBe(e.plan.name);
    expect(docs(r.meshPassthrough!.universal)).toEqual(e.plan.universal);
    expect(docs(r.meshPassthrough!.kubernetes)).toEqual(e.plan.kubernetes);
  }
  if (e.planEntries) expect((docs(r.meshPassthrough!.universal)[0] as { spec: { default: { appendMatch: unknown[] } } }).spec.default.appendMatch).toEqual(e.planEntries);
  if (r.meshPassthrough) expect(r.meshPassthrough.admission).toEqual({ passed: true, errors: [] });
  if (e.noPlan) expect(r.meshPassthrough).toBeUndefined();
  if (e.proof) expect(r.proof.map((p) => ({ input: p.destination.input, before: p.before, after: p.after, kept: p.kept }))).toEqual(e.proof);
  if (e.summary) expect(r.summary).toMatchObject(e.summary);
  if (e.problems) expect(r.problems).toEqual(e.problems);
  for (const t of e.problemsContain ?? []) expect(r.problems.join("\n")).toContain(t);
  for (const t of e.alternativesContain ?? []) expect((r.alternatives ?? []).join("\n")).toContain(t);
  for (const t of e.notesContain ?? []) expect(r.notes.join("\n")).toContain(t);
  if (e.whatIf) {
    expect(r.whatIf?.replaced.map((x) => `${x.kind} ${x.name}`) ?? []).toEqual(e.whatIf.replaced ?? []);
    expect(r.whatIf?.added.map((x) => `${x.kind} ${x.name}`) ?? []).toEqual(e.whatIf.added ?? []);
  }
  // The chat answer: within its line budget, leading with whether the plan covers everything.
  const md = passthroughPlanMarkdown(r);
  expect(md.trimEnd().split("\n").length).toBeLessThanOrEqual(MAX_PLAN_MARKDOWN_LINES);
  expect(md.split("\n")[0]).toMatch(r.summary.covered ? /^\*\*SAFE WITH PLAN\*\*/ : r.meshPassthrough ? /^\*\*STILL BLOCKED\*\*/ : /^\*\*NO PLAN\*\*/);
});
