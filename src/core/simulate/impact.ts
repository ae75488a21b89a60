/**
 * `POST /v1/impact`: what a what-if change (the body's `patches` and `remove`) does to every dataplane. The snapshot
 * is simulated at one release without the what-ifs ("before") and with them ("after"); each dataplane a what-if can
 * reach (impact-reach.ts) is generated on both sides and its Envoy resources, modification statuses and requests
 * (given, or probes derived from both snapshots as the upgrade check derives them) are compared. The other
 * dataplanes are unchanged by construction and are not generated. Pure and synchronous.
 */
import { type DiffOp, diffJson } from "../diff.js";
import { type Violation, joinPath } from "../errors.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { ModificationStatus } from "../model/modification.js";
import type { WhatIfChanges } from "../snapshot/snapshot.js";
import type { ResourceSet } from "../xds/resource-set.js";
import { breakingCounts, type FieldChange, fieldChanges, isBreaking, isModSource, pairModifications, type RequestSide, requestSide } from "./compare.js";
import { dataplaneLabel, findDataplane, type ProxyCache, proxyOf, resolveDataplane } from "./dataplane.js";
import { type Expectation, checkExpectation } from "./expect.js";
import { whatIfReach } from "./impact-reach.js";
import { type Prepared, prepare, whatIfField } from "./prepare.js";
import { probeRequests } from "./probes.js";
import type { ProxyState } from "./proxy.js";
import { dataplanePart, requestSource, simulateRequest } from "./request.js";
import type { ExpectationOutcome, RequestPart } from "./result.js";
import type { ImpactBody, SimRequest } from "./schema.js";

/** How many entries of each list an answer holds unless `include: [resources]` asks for all. */
export const IMPACT_FIRST = 10;

/** A list given by its size and its first entries (all of them with `include: [resources]`). */
export interface Counted<T> {
  readonly count: number;
  readonly first: readonly T[];
}

/** A resource both sides generate, differently: `<type> <name>` and the RFC 6902 operations from before to after. */
export interface ChangedResource {
  readonly name: string;
  readonly ops: Counted<DiffOp>;
}

export interface ImpactResources {
  /** `<type> <name>` of resources only the snapshot with the what-ifs generates. */
  readonly added: Counted<string>;
  readonly removed: Counted<string>;
  readonly changed: Counted<ChangedResource>;
}

/** A modification's status on one side, or `absent` where no policy of that side has it. */
export type ImpactModificationStatus = ModificationStatus | "absent";

export interface ImpactModification {
  readonly source: string;
  readonly kind: string;
  readonly operation: string;
  readonly before: ImpactModificationStatus;
  readonly after: ImpactModificationStatus;
  /** The message of its report with the what-ifs (without them when it is absent there). */
  readonly message: string;
}

export interface ImpactRequest {
  readonly request: SimRequest;
  readonly before: RequestSide;
  readonly after: RequestSide;
  readonly changes: readonly FieldChange[];
  /** The request's `expect`, checked with the what-ifs (null without one). */
  readonly expectation: ExpectationOutcome | null;
}

export interface ImpactDataplane {
  readonly name: string;
  /** Whether its generated Envoy config differs with the what-ifs. */
  readonly changed: boolean;
  /** Present when `changed`. */
  readonly resources?: ImpactResources;
  /** Modifications whose status differs; present when `changed`. */
  readonly modifications?: readonly ImpactModification[];
  /** Requests from (inbound: to) it whose answer differs, or whose expectation fails; present when there are any. */
  readonly requests?: readonly ImpactRequest[];
}

export interface ImpactSummary {
  /** Dataplanes compared. */
  readonly dataplanes: number;
  /** Dataplanes whose config changes. */
  readonly affected: number;
  readonly requests: number;
  readonly requestsChanged: number;
  readonly verdictsChanged: number;
  readonly limitsChanged: number;
  readonly modificationsChanged: number;
  /** Modifications that applied without the what-ifs and do not with them (a removed one included). */
  readonly modificationsStoppedApplying: number;
  readonly expectationsFailed: number;
  /** As in the upgrade check: a verdict or a limit changes, or a modification stops applying. */
  readonly breaking: boolean;
}

export interface ImpactResult {
  readonly kumaVersion: string;
  readonly dataplanes: readonly ImpactDataplane[];
  readonly summary: ImpactSummary;
  readonly assumptions: readonly string[];
  /** What the what-ifs replaced, added and removed (absent without what-ifs). */
  readonly whatIf?: WhatIfChanges;
}

export type ImpactOutcome = { readonly ok: true; readonly result: ImpactResult } | { readonly ok: false; readonly errors: readonly Violation[] };

/** A dataplane on each side (one side only when a what-if adds or removes it). */
interface Pair {
  readonly label: string;
  readonly b: DataplaneModel | undefined;
  readonly a: DataplaneModel | undefined;
  readonly assumption?: string;
}

/** A Dataplane's identity in Kuma: mesh, namespace, name. */
const keyOf = (dp: DataplaneModel) => `${dp.mesh}/${dp.labels["k8s.kuma.io/namespace"] ?? ""}/${dp.name}`;

function counted<T>(all: readonly T[], complete: boolean): Counted<T> {
  return { count: all.length, first: complete ? all : all.slice(0, IMPACT_FIRST) };
}

function resourceDiff(before: ResourceSet, after: ResourceSet, complete: boolean): ImpactResources {
  const key = (r: { type: string; name: string }) => `${r.type} ${r.name}`;
  const b = new Map(before.map((r) => [key(r), r]));
  const a = new Map(after.map((r) => [key(r), r]));
  const changed: ChangedResource[] = [];
  // In name order (type, then name), as the config is rendered, so the same change gives the same bytes.
  for (const [k, rb] of [...b].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const ra = a.get(k);
    if (!ra) continue;
    const ops = diffJson(rb.value, ra.value);
    if (ops.length > 0) changed.push({ name: k, ops: counted(ops, complete) });
  }
  return {
    added: counted([...a.keys()].filter((k) => !b.has(k)).sort(), complete),
    removed: counted([...b.keys()].filter((k) => !a.has(k)).sort(), complete),
    changed: counted(changed, complete),
  };
}

function modificationDiff(before: ProxyState | undefined, after: ProxyState | undefined): ImpactModification[] {
  const out: ImpactModification[] = [];
  for (const { source, before: mb, after: ma } of pairModifications(before?.modifications ?? [], after?.modifications ?? [])) {
    const sb: ImpactModificationStatus = mb?.status ?? "absent";
    const sa: ImpactModificationStatus = ma?.status ?? "absent";
    if (sb === sa) continue;
    const any = (ma ?? mb)!;
    out.push({ source, kind: any.kind, operation: any.operation, before: sb, after: sa, message: any.message ?? "" });
  }
  return out;
}

/** Why a field changed: the modification sources of a limit on each side, else the walk's reason with the what-ifs. */
function changesOf(b: RequestPart, a: RequestPart): FieldChange[] {
  return fieldChanges(b, a).map((c) => {
    if (!c.field.startsWith("limits.")) return { field: c.field, before: c.before, after: c.after, why: a.reason.message };
    const side = (s: string | undefined) => (s === undefined ? "not set" : isModSource(s) ? `set by ${s}` : `from ${s}`);
    return { field: c.field, before: c.before, after: c.after, why: `before ${side(c.sourceBefore)}; after ${side(c.sourceAfter)}` };
  });
}

/** The dataplanes compared, paired by identity: `dataplanes` of the body, else every one of either side. */
function pairsOf(before: Prepared, after: Prepared, names: readonly string[] | undefined): { pairs: Pair[] } | { errors: Violation[] } {
  const bd = before.snapshot.dataplanes;
  const ad = after.snapshot.dataplanes;
  if (bd.length === 0 && ad.length === 0) {
    // No Dataplane: the sidecar a request would assume (probes.ts and dataplane.ts assume the same one).
    const rb = resolveDataplane(before, undefined, "dataplanes");
    const ra = resolveDataplane(after, undefined, "dataplanes");
    if ("error" in rb || "error" in ra) return { errors: [] };
    if (names && names.length > 0) return { errors: names.map((n, i) => ({ path: joinPath("dataplanes", i), message: `no Dataplane named "${n}" in the snapshot, which has none` })) };
    return { pairs: [{ label: ra.dp.name, b: rb.dp, a: ra.dp, ...(ra.assumption ? { assumption: ra.assumption } : {}) }] };
  }
  const byKey = new Map<string, { b?: DataplaneModel; a?: DataplaneModel }>();
  for (const d of bd) byKey.set(keyOf(d), { b: d });
  for (const d of ad) byKey.set(keyOf(d), { ...byKey.get(keyOf(d)), a: d });
  const label = (p: { b?: DataplaneModel; a?: DataplaneModel }) => (p.a ? dataplaneLabel(p.a, ad) : dataplaneLabel(p.b!, bd));
  const all = [...byKey.values()].map((p) => ({ label: label(p), b: p.b, a: p.a }));
  if (!names) return { pairs: all };
  const errors: Violation[] = [];
  const picked = new Set<string>();
  names.forEach((n, i) => {
    const path = joinPath("dataplanes", i);
    const hit = findDataplane(ad, n, path);
    const found = "dp" in hit ? hit : findDataplane(bd, n, path);
    if ("error" in found) errors.push("error" in hit && ad.length > 0 ? hit.error : found.error);
    else picked.add(keyOf(found.dp));
  });
  if (errors.length > 0) return { errors };
  return { pairs: all.filter((p) => picked.has(keyOf((p.a ?? p.b)!))) };
}

type Req = SimRequest & { expect?: unknown };

/** Probes of both snapshots for the reached dataplanes, each once, in dataplane order. */
function probesFor(before: Prepared, after: Prepared, reached: readonly Pair[]): { requests: Req[]; assumptions: readonly string[] } {
  const one = (p: Prepared, dps: readonly DataplaneModel[]) =>
    dps.length === 0 ? { requests: [], assumptions: [] } : probeRequests({ ...p.snapshot, dataplanes: dps }, (dp) => dataplaneLabel(dp, p.snapshot.dataplanes));
  const noDataplanes = before.snapshot.dataplanes.length === 0 && after.snapshot.dataplanes.length === 0;
  const pb = noDataplanes ? probeRequests(before.snapshot, (d) => d.name) : one(before, reached.flatMap((p) => (p.b ? [p.b] : [])));
  const pa = noDataplanes ? probeRequests(after.snapshot, (d) => d.name) : one(after, reached.flatMap((p) => (p.a ? [p.a] : [])));
  const seen = new Set<string>();
  const requests: Req[] = [];
  for (const r of [...pb.requests, ...pa.requests]) {
    const k = JSON.stringify(r);
    if (!seen.has(k)) requests.push(r);
    seen.add(k);
  }
  return { requests, assumptions: [...new Set([...pb.assumptions, ...pa.assumptions])] };
}

/**
 * Simulates `body` without and with its what-ifs at one release and reports what changes for each dataplane. A
 * version, snapshot, what-if, dataplane name or request that is not valid is a violation naming its path.
 */
export function simulateImpact(body: ImpactBody): ImpactOutcome {
  const snapshot = { kumaVersion: body.kumaVersion, resources: body.resources, zone: body.zone };
  const beforePrep = prepare(snapshot);
  if ("errors" in beforePrep) return { ok: false, errors: beforePrep.errors };
  const afterPrep = prepare({ ...snapshot, patches: body.patches, remove: body.remove });
  if ("errors" in afterPrep) return { ok: false, errors: afterPrep.errors };
  const before = beforePrep.prepared;
  const after = afterPrep.prepared;
  const complete = (body.include ?? []).includes("resources");

  const paired = pairsOf(before, after, body.dataplanes);
  if ("errors" in paired) return { ok: false, errors: paired.errors };
  const reach = whatIfReach(before.snapshot, after.snapshot);
  const isReached = (p: Pair) => !p.a || !p.b || reach(p.a) || reach(p.b);
  const reached = paired.pairs.filter(isReached);
  const byKey = new Map(paired.pairs.map((p) => [keyOf((p.a ?? p.b)!), p]));

  const probes = body.requests ? undefined : probesFor(before, after, reached);
  const requests: readonly Req[] = body.requests ?? probes!.requests;
  const listPath = body.requests ? "requests" : "probes";

  const cb: ProxyCache = new Map();
  const ca: ProxyCache = new Map();
  const errors: Violation[] = [];
  const perDp = new Map<Pair, ImpactRequest[]>();
  const oneSided: string[] = [];
  const notCompared = new Set<string>();
  let compared = 0;
  requests.forEach((req, i) => {
    const { expect, ...plain } = req;
    const path = joinPath(listPath, i);
    const sa = requestSource(after, plain, path);
    const sb = requestSource(before, plain, path);
    if (!sa.ok && !sb.ok) return void errors.push(...sa.errors);
    const target = byKey.get(keyOf(sa.ok ? sa.dp : (sb as Extract<typeof sb, { ok: true }>).dp));
    if (!target) return void notCompared.add(sa.ok ? dataplaneLabel(sa.dp, after.snapshot.dataplanes) : path);
    if (!sa.ok || !sb.ok) return void oneSided.push(path);
    compared += 1;
    // A dataplane no what-if reaches answers the same on both sides: walked only to check an expectation.
    const reachedDp = reached.includes(target);
    if (!reachedDp && expect === undefined) return;
    const a = simulateRequest(after, plain, path, ca);
    if (!a.ok) return void errors.push(...a.errors);
    const b = reachedDp ? simulateRequest(before, plain, path, cb) : a;
    if (!b.ok) return void errors.push(...b.errors);
    const expectation = expect ? checkExpectation(a.part, dataplanePart(after, a.proxy, new Set()), expect as Expectation) : null;
    const changes = reachedDp ? changesOf(b.part, a.part) : [];
    if (changes.length === 0 && (expectation === null || expectation.passed)) return;
    const list = perDp.get(target) ?? [];
    list.push({ request: plain, before: requestSide(b.part), after: requestSide(a.part), changes, expectation });
    perDp.set(target, list);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };

  const dataplanes: ImpactDataplane[] = [];
  const allMods: ImpactModification[] = [];
  for (const p of paired.pairs) {
    const listed = perDp.get(p);
    const reqs = listed ? { requests: listed } : {};
    if (!reached.includes(p)) {
      dataplanes.push({ name: p.label, changed: false, ...reqs });
      continue;
    }
    const pb = p.b ? proxyOf(before, p.b, cb, p.assumption) : undefined;
    const pa = p.a ? proxyOf(after, p.a, ca, p.assumption) : undefined;
    const resources = resourceDiff(pb?.resources ?? [], pa?.resources ?? [], complete);
    const changed = resources.added.count + resources.removed.count + resources.changed.count > 0;
    const modifications = modificationDiff(pb, pa);
    allMods.push(...modifications);
    dataplanes.push(changed || modifications.length > 0 ? { name: p.label, changed, resources, modifications, ...reqs } : { name: p.label, changed, ...reqs });
  }
  const listedRequests = dataplanes.flatMap((d) => d.requests ?? []);
  const counts = breakingCounts(listedRequests, allMods);
  const labels = (ps: readonly Pair[]) => ps.map((p) => p.label);
  const unreached = paired.pairs.filter((p) => !reached.includes(p));
  const assumptions = [
    ...new Set([
      ...before.assumptions,
      ...(probes?.assumptions ?? []).map((s) => s.replace("at fromVersion", "without the what-ifs")),
      ...(unreached.length > 0
        ? [`${unreached.length} dataplane(s) no what-if selects or reaches were not generated: their config cannot change (a policy changes only the dataplanes it selects): ${labels(unreached).slice(0, 10).join(", ")}${unreached.length > 10 ? ", ..." : ""}`]
        : []),
      ...(oneSided.length > 0 ? [`requests from a dataplane only one side has are not compared: ${oneSided.join(", ")}`] : []),
      ...(notCompared.size > 0 ? [`requests from dataplanes not in \`dataplanes\` are not compared: ${[...notCompared].join(", ")}`] : []),
    ]),
  ];
  return {
    ok: true,
    result: {
      kumaVersion: after.label,
      dataplanes,
      summary: {
        dataplanes: dataplanes.length,
        affected: dataplanes.filter((d) => d.changed).length,
        requests: compared,
        requestsChanged: listedRequests.filter((r) => r.changes.length > 0).length,
        verdictsChanged: counts.verdictsChanged,
        limitsChanged: counts.limitsChanged,
        modificationsChanged: allMods.length,
        modificationsStoppedApplying: counts.modificationsStoppedApplying,
        expectationsFailed: listedRequests.filter((r) => r.expectation && !r.expectation.passed).length,
        breaking: isBreaking(counts),
      },
      assumptions,
      ...whatIfField(after.snapshot),
    },
  };
}
