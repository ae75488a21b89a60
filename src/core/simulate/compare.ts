/**
 * "Simulate twice and diff": what the upgrade check (same snapshot, two releases) and the impact check (one release,
 * the snapshot with and without its what-ifs) share. A request walked on both sides is reduced to the fields that can
 * change, a modification to its status on each side, and the two decide together whether the change is breaking.
 */
import type { Json } from "../json.js";
import type { Limits } from "../match/limits.js";
import type { ModificationReport, ModificationStatus } from "../model/modification.js";
import type { RequestPart, Verdict } from "./result.js";

/** One side of a request: what the walk found there. */
export interface RequestSide {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly listener: string | null;
  readonly cluster: string | null;
  readonly limits: Limits;
}

export interface FieldChange {
  /**
   * `verdict`, `listener`, `cluster`, a limit as expectations name it (`limits.circuitBreakers.maxConnections`), or a
   * limit's `.source` when only who sets it changed (the value is the same; not counted as a limit change).
   */
  readonly field: string;
  readonly before: string | number | null;
  readonly after: string | number | null;
  /** What makes it: the Kuma change(s) between releases, or the what-if modification that set the value. */
  readonly why: string;
}

export function requestSide(part: RequestPart): RequestSide {
  return { verdict: part.verdict, reason: part.reason.message, listener: part.listener?.name ?? null, cluster: part.cluster?.name ?? null, limits: part.limits };
}

export type Scalar = string | number | null;

/** Limits flattened to `limits.<name>[.<field>]` → value and source, as expectations name them. */
function flatLimits(l: Limits): Map<string, { value: Scalar; source: string }> {
  const out = new Map<string, { value: Scalar; source: string }>();
  const one = (k: string, v: { value: Json; source: string } | undefined) => {
    if (v) out.set(`limits.${k}`, { value: typeof v.value === "string" || typeof v.value === "number" ? v.value : JSON.stringify(v.value), source: v.source });
  };
  one("connectTimeout", l.connectTimeout);
  one("idleTimeout", l.idleTimeout);
  one("routeTimeout", l.routeTimeout);
  one("streamIdleTimeout", l.streamIdleTimeout);
  if (l.circuitBreakers) for (const [k, v] of Object.entries(l.circuitBreakers)) one(`circuitBreakers.${k}`, v);
  if (l.rateLimit) one("rateLimit", l.rateLimit as never);
  if (l.faults) out.set("limits.faults", { value: JSON.stringify(l.faults), source: l.faults.map((f) => f.source).join(",") });
  return out;
}

/** A field that differs between the two walks, and the sources of its value on each side (limits only). */
export interface RawChange {
  readonly field: string;
  readonly before: Scalar;
  readonly after: Scalar;
  readonly sourceBefore?: string;
  readonly sourceAfter?: string;
}

/** Every field of the answer that differs between two walks of one request: verdict, listener, cluster, then limits. */
export function fieldChanges(before: RequestPart, after: RequestPart): RawChange[] {
  const out: RawChange[] = [];
  const push = (field: string, b: Scalar, a: Scalar) => {
    if (b !== a) out.push({ field, before: b, after: a });
  };
  push("verdict", before.verdict, after.verdict);
  push("listener", before.listener?.name ?? null, after.listener?.name ?? null);
  push("cluster", before.cluster?.name ?? null, after.cluster?.name ?? null);
  const lb = flatLimits(before.limits);
  const la = flatLimits(after.limits);
  for (const field of [...new Set([...lb.keys(), ...la.keys()])]) {
    const b = lb.get(field);
    const a = la.get(field);
    if ((b?.value ?? null) !== (a?.value ?? null))
      out.push({ field, before: b?.value ?? null, after: a?.value ?? null, ...(b ? { sourceBefore: b.source } : {}), ...(a ? { sourceAfter: a.source } : {}) });
    // The same value set by someone else (a patch that stopped applying where Kuma's default happens to match): not a
    // limit change, but who sets it did change, and the answer says who sets each limit.
    else if (b && a && b.source !== a.source) out.push({ field: `${field}.source`, before: b.source, after: a.source, sourceBefore: b.source, sourceAfter: a.source });
  }
  return out;
}

/** Modification sources look like `<policy>#<index>`; limit sources that are not kuma / envoy-default name one. */
export const isModSource = (s: string) => /#\d+$/.test(s);

/** A modification present on at least one side, with each side's report (undefined where it does not run). */
export interface ModificationPair {
  readonly source: string;
  readonly before: ModificationReport | undefined;
  readonly after: ModificationReport | undefined;
}

/** The modifications of two generations of one dataplane, paired by source, in first-seen order. */
export function pairModifications(before: readonly ModificationReport[], after: readonly ModificationReport[]): ModificationPair[] {
  const b = new Map(before.map((m) => [m.source, m]));
  const a = new Map(after.map((m) => [m.source, m]));
  return [...new Set([...b.keys(), ...a.keys()])].map((source) => ({ source, before: b.get(source), after: a.get(source) }));
}

/** Whether a modification that applied on the first side no longer does on the second (absent there included). */
export function stoppedApplying(before: ModificationStatus | string, after: ModificationStatus | string): boolean {
  return before === "applied" && after !== "applied";
}

/** What decides whether a comparison is breaking. */
export interface BreakingCounts {
  /** Requests whose verdict changed. */
  readonly verdictsChanged: number;
  /** Requests with a limit whose value changed (a `.source` change alone does not count). */
  readonly limitsChanged: number;
  /** Modifications that applied before and do not after. */
  readonly modificationsStoppedApplying: number;
}

/** A change is breaking when a request's verdict or limits change, or a modification stops applying. */
export function isBreaking(c: BreakingCounts): boolean {
  return c.verdictsChanged > 0 || c.limitsChanged > 0 || c.modificationsStoppedApplying > 0;
}

/** The breaking counts of a list of request changes and modification statuses. */
export function breakingCounts(requests: readonly { readonly changes: readonly { readonly field: string }[] }[], modifications: readonly { readonly before: string; readonly after: string }[]): BreakingCounts {
  return {
    verdictsChanged: requests.filter((r) => r.changes.some((c) => c.field === "verdict")).length,
    limitsChanged: requests.filter((r) => r.changes.some((c) => c.field.startsWith("limits.") && !c.field.endsWith(".source"))).length,
    modificationsStoppedApplying: modifications.filter((m) => stoppedApplying(m.before, m.after)).length,
  };
}
