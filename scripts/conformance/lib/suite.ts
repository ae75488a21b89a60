/** Runs one suite: every file of its directory gets exactly one outcome. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { diffResources, resourceKey, shortType, toResourceMap, type ResourceEntry, type ResourceMap } from "./compare.js";
import { listFiles } from "./golden.js";
import { applyMasks, getAt, type AppliedMask } from "./mask.js";
import type { Comparison, Exclusion, Outcome, Suite } from "./types.js";

export interface RunOptions {
  /** Also run not-covered goldens that have an attempt, and compare excluded resources and masked fields. */
  readonly all: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function compare(file: string, describe: string, run: () => Comparison | Promise<Comparison>, opts: RunOptions, attemptedReason?: string): Promise<Outcome> {
  let c: Comparison;
  try {
    c = await run();
  } catch (e) {
    return { file, kind: "error", describe, message: message(e) };
  }
  let kuma: ResourceMap;
  let meshsim: ResourceMap;
  try {
    kuma = toResourceMap(c.kuma, `golden ${file}`);
    meshsim = toResourceMap(c.meshsim, "meshsim output");
  } catch (e) {
    return { file, kind: "error", describe, message: message(e) };
  }
  const excluded: Exclusion[] = [];
  const notes: string[] = attemptedReason ? [attemptedReason] : [];
  for (const g of c.fromGolden ?? []) {
    const r = kuma.get(resourceKey(g.typeUrl, g.name));
    if (!r || !getAt(r.value, g.pointer).found)
      return { file, kind: "error", describe, message: `the case takes ${shortType(g.typeUrl)} "${g.name}" ${g.pointer} from the golden, which does not have it` };
  }
  let masked: AppliedMask[] = [];
  if (opts.all && (c.masks ?? []).length > 0) notes.push(`${c.masks!.length} mask(s) not applied: masked fields compared too (--all)`);
  else {
    try {
      masked = applyMasks(kuma as Map<string, ResourceEntry>, meshsim as Map<string, ResourceEntry>, c.masks ?? []);
    } catch (e) {
      return { file, kind: "error", describe, message: message(e) };
    }
  }
  for (const x of c.excluded ?? []) {
    const k = resourceKey(x.typeUrl, x.name);
    if (!kuma.has(k)) return { file, kind: "error", describe, message: `the case excludes ${shortType(x.typeUrl)} "${x.name}", which the golden does not have` };
    if (opts.all) {
      notes.push(`${shortType(x.typeUrl)} "${x.name}" compared although not covered (${x.reason})`);
      continue;
    }
    (kuma as Map<string, unknown>).delete(k);
    (meshsim as Map<string, unknown>).delete(k);
    excluded.push(x);
  }
  const gone = new Set(excluded.map((x) => resourceKey(x.typeUrl, x.name)));
  const diffs = diffResources(kuma, meshsim);
  const caseNotes = [...(c.notes ?? [])];
  if (diffs.length > 0 && masked.some((m) => m.side === "kuma"))
    caseNotes.push("in a difference under an array that lost Kuma-only masked elements, the index counts the elements left after their removal");
  return {
    file,
    kind: "compared",
    describe,
    ...(notes.length > 0 ? { attemptedReason: notes.join("; ") } : {}),
    resources: kuma.size,
    diffs,
    excluded,
    masked: masked.filter((m) => !gone.has(resourceKey(m.typeUrl, m.name))),
    fromGolden: (c.fromGolden ?? []).filter((g) => !gone.has(resourceKey(g.typeUrl, g.name))),
    notes: caseNotes,
  };
}

export async function runSuite(suite: Suite, root: string, opts: RunOptions): Promise<Outcome[]> {
  const dir = join(root, suite.dir);
  if (!existsSync(dir)) return [{ file: `${suite.dir}/`, kind: "error", message: `golden directory ${dir} does not exist` }];
  const files = listFiles(dir);
  if (files.length === 0) return [{ file: `${suite.dir}/`, kind: "error", message: `golden directory ${dir} is empty` }];
  const out: Outcome[] = [];
  for (const f of files) {
    const file = `${suite.dir}/${f}`;
    let plan;
    try {
      plan = await suite.plan(f);
    } catch (e) {
      out.push({ file, kind: "error", message: message(e) });
      continue;
    }
    if (plan.kind === "skip") out.push({ file, kind: "skipped", reason: plan.reason });
    else if (plan.kind === "not-covered") {
      if (opts.all && plan.attempt) out.push(await compare(file, "closest meshsim input (--all)", plan.attempt, opts, `not covered: ${plan.reason}`));
      else out.push({ file, kind: "not-covered", reason: plan.reason });
    } else out.push(await compare(file, plan.describe, plan.run, opts));
  }
  return out;
}
