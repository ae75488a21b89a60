/** Runs one suite: every file of its directory gets exactly one outcome. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { diffResources, resourceKey, shortType, toResourceMap, type ResourceMap } from "./compare.js";
import { listFiles } from "./golden.js";
import type { Comparison, Exclusion, Outcome, Suite } from "./types.js";

export interface RunOptions {
  /** Also run not-covered goldens that have an attempt, and compare excluded resources. */
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
  return {
    file,
    kind: "compared",
    describe,
    ...(notes.length > 0 ? { attemptedReason: notes.join("; ") } : {}),
    resources: kuma.size,
    diffs: diffResources(kuma, meshsim),
    excluded,
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
