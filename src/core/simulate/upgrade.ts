/**
 * `POST /v1/upgrade`: what moving one snapshot from `fromVersion` to `toVersion` changes. The snapshot is simulated
 * at both releases (the `to` side reads kinds the release removed as left out, not as an error), the same requests
 * (or probes derived from the snapshot) are walked on both, and the differences are reported with the rows of the
 * version table that explain them. Pure and synchronous; the work is two batches and a diff.
 */
import { assertNever } from "../assert.js";
import { type Violation, joinPath } from "../errors.js";
import { isJsonObject, type Json } from "../json.js";
import type { ModificationReport, ModificationStatus } from "../model/modification.js";
import { features, kindRemoval, type Release } from "../model/versions.js";
import type { Warning } from "../warnings.js";
import { apiServerBypassName, passthroughTwin } from "../xds/names.js";
import type { ResourceSet, XdsResource } from "../xds/resource-set.js";
import { dataplaneLabel, type ProxyCache } from "./dataplane.js";
import { type Expectation, checkExpectation } from "./expect.js";
import { type Prepared, prepare, whatIfField } from "./prepare.js";
import type { WhatIfChanges } from "../snapshot/snapshot.js";
import { probeRequests } from "./probes.js";
import type { ProxyState } from "./proxy.js";
import { dataplanePart, simulateRequest } from "./request.js";
import type { ExpectationOutcome, RequestPart } from "./result.js";
import type { SimRequest, UpgradeBody } from "./schema.js";
import { breakingCounts, type FieldChange, fieldChanges, isBreaking, isModSource, pairModifications, type RequestSide, requestSide } from "./compare.js";
import { cite, type ReleaseStep, stepsBetween, stepsFor, type WhyTopic } from "./upgrade-why.js";

/** A modification's status on one side: a generation status, or `ignored` when that release does not run it at all. */
export type UpgradeModificationStatus = ModificationStatus | "ignored";

/** The note classes of Kong's migration guide, plus renames and defaults. */
export const NOTE_CLASSES = ["rejected", "ignored", "changed-behaviour", "renamed", "removed-default"] as const;
export type NoteClass = (typeof NOTE_CLASSES)[number];

export interface UpgradeNote {
  readonly class: NoteClass;
  readonly message: string;
  readonly source: string;
}

export type { FieldChange, RequestSide } from "./compare.js";

export interface UpgradeRequest {
  readonly dataplane: string;
  readonly request: SimRequest;
  readonly before: RequestSide;
  readonly after: RequestSide;
  readonly changes: readonly FieldChange[];
  /** The request's `expect`, checked at `toVersion` (null without one). */
  readonly expectation: ExpectationOutcome | null;
}

export interface UpgradeModification {
  readonly dataplane: string;
  readonly source: string;
  readonly kind: string;
  readonly operation: string;
  readonly before: UpgradeModificationStatus;
  readonly after: UpgradeModificationStatus;
  readonly why: string;
}

export interface RenamedResource {
  readonly type: string;
  readonly before: string;
  readonly after: string;
  /** Modifications whose match named `before` and match nothing at `toVersion`, and the match that would work there. */
  readonly patches: readonly { readonly source: string; readonly match: Readonly<Record<string, string>> }[];
}

export interface DataplaneResources {
  readonly renamed: readonly RenamedResource[];
  /** `<type> <name>` of resources only `toVersion` generates. */
  readonly added: readonly string[];
  /** `<type> <name>` of resources only `fromVersion` generates. */
  readonly removed: readonly string[];
}

export interface UpgradeSummary {
  readonly requests: number;
  readonly requestsChanged: number;
  readonly verdictsChanged: number;
  readonly limitsChanged: number;
  readonly modifications: number;
  readonly modificationsChanged: number;
  /** Modifications that applied at `fromVersion` and do not at `toVersion`. */
  readonly modificationsStoppedApplying: number;
  readonly renamed: number;
  readonly added: number;
  readonly removed: number;
  readonly notes: Readonly<Partial<Record<NoteClass, number>>>;
  readonly breaking: boolean;
}

export interface UpgradeResult {
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly requests: readonly UpgradeRequest[];
  readonly modifications: readonly UpgradeModification[];
  readonly resources: Readonly<Record<string, DataplaneResources>>;
  readonly notes: readonly UpgradeNote[];
  readonly summary: UpgradeSummary;
  readonly assumptions: readonly string[];
  /** What the what-ifs replaced, added and removed (as read at fromVersion; absent without what-ifs). */
  readonly whatIf?: WhatIfChanges;
}

export type UpgradeOutcome = { readonly ok: true; readonly result: UpgradeResult } | { readonly ok: false; readonly errors: readonly Violation[] };

/** A side of the check: the prepared snapshot and the proxies generated for it. */
interface Side {
  readonly p: Prepared;
  readonly cache: ProxyCache;
}

function topicOf(field: string, inbound: boolean): WhyTopic {
  if (field === "verdict") return inbound ? "inbound-verdict" : "outbound-verdict";
  if (field === "listener" || field === "cluster") return inbound ? "inbound-names" : "outbound-names";
  if (field.startsWith("limits.circuitBreakers")) return "circuitBreakers";
  if (inbound) return "inbound-timeouts";
  if (field === "limits.connectTimeout") return "outbound-connectTimeout";
  return "outbound-http-limits";
}

interface WhyContext {
  readonly steps: readonly ReleaseStep[];
  /** The kinds the snapshot holds: a row whose flags need another kind does not explain its changes. */
  readonly kinds: ReadonlySet<string>;
  readonly cited: Map<ReleaseStep, number>;
  readonly snapshotNotes: readonly UpgradeNote[];
  readonly from: string;
  readonly to: string;
}

function whyOf(ctx: WhyContext, topics: readonly WhyTopic[], extra: readonly string[]): string {
  const rows = stepsFor(ctx.steps, ctx.kinds, ...topics);
  for (const r of rows) ctx.cited.set(r, (ctx.cited.get(r) ?? 0) + 1);
  const parts = [...extra, ...rows.map((r) => cite(r, ctx.kinds, ...topics))];
  if (parts.length > 0) return parts.join("; ");
  const read = ctx.snapshotNotes.filter((n) => n.class === "rejected" || n.class === "ignored");
  if (read.length > 0) return `Kuma ${ctx.to} reads this snapshot differently (see notes): ${[...new Set(read.map((n) => n.source))].join("; ")}`;
  return `no row of meshsim's version table between ${ctx.from} and ${ctx.to} names this part of the answer`;
}

/** A modification whose status changed, as a limit's `why` names it, and the topic of its own change. */
type ModWhy = (source: string) => { readonly text: string; readonly topic: WhyTopic } | undefined;

function requestChanges(before: RequestPart, after: RequestPart, inbound: boolean, modWhy: ModWhy, ctx: WhyContext): FieldChange[] {
  return fieldChanges(before, after).map((c) => {
    if (!c.field.startsWith("limits.")) return { field: c.field, before: c.before, after: c.after, why: whyOf(ctx, [topicOf(c.field, inbound)], []) };
    const mods = [...new Set([c.sourceBefore, c.sourceAfter].filter((s): s is string => s !== undefined && isModSource(s)))];
    const why = mods.map((s) => modWhy(s)).filter((s) => s !== undefined);
    // A limit that appears or goes away with the verdict: the cluster or filter it reads is there on one side only.
    if ((c.sourceBefore === undefined || c.sourceAfter === undefined) && before.verdict !== after.verdict)
      why.unshift({ text: `it follows the verdict, ${before.verdict} → ${after.verdict}`, topic: topicOf("verdict", inbound) });
    const topic = topicOf(c.field.replace(/\.source$/, ""), inbound);
    return { field: c.field, before: c.before, after: c.after, why: whyOf(ctx, [topic, ...why.map((m) => m.topic)], why.map((m) => m.text)) };
  });
}

/** The UPGRADE.md section (or other source) a warning message cites, for a note's `source`. */
function sourceIn(message: string, fallback: string): string {
  const section = /kumahq\/kuma@[0-9a-f]+ UPGRADE\.md, Upgrade to [\d.]+, "[^"]+"/.exec(message);
  if (section) return section[0];
  const refs = message.match(/kumahq\/kuma#\d+/g);
  return refs ? [...new Set(refs)].join(", ") : fallback;
}

function snapshotNotes(to: Prepared, fromWarnings: ReadonlySet<string>, toWarnings: readonly Warning[]): UpgradeNote[] {
  const notes: UpgradeNote[] = [];
  const seen = new Set<string>();
  for (const w of toWarnings) {
    if (fromWarnings.has(w.message) || seen.has(w.message)) continue;
    seen.add(w.message);
    if (w.code === "field-ignored") notes.push({ class: "ignored", message: w.message, source: sourceIn(w.message, to.label) });
    else if (w.code === "release-line-unsettled") notes.push({ class: "changed-behaviour", message: w.message, source: sourceIn(w.message, to.label) });
  }
  for (const r of to.snapshot.removed)
    notes.push({ class: "rejected", message: `${r.kind} "${r.name}" (${r.path}): ${r.message}; a stored one is not migrated and no longer affects any proxy`, source: kindRemoval(r.kind, to.release)?.source ?? to.label });
  return notes;
}

/** Every `cluster` string inside a resource, in document order (a listener's tcp_proxy / route targets). */
function clusterRefs(v: Json, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) clusterRefs(x, out);
  else if (isJsonObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k === "cluster" && typeof x === "string") out.push(x);
      else clusterRefs(x as Json, out);
    }
  return out;
}

function socketKey(r: XdsResource): string | undefined {
  const s = (r.value.address as { socketAddress?: { address?: string; portValue?: number } } | undefined)?.socketAddress;
  return s ? `${s.address}:${s.portValue}` : undefined;
}

/** Pairs the names only one side has: the same resource under the other naming scheme, by name or by what it binds. */
function resourceDiff(before: ResourceSet, after: ResourceSet): { renamed: { type: string; before: string; after: string }[]; added: string[]; removed: string[] } {
  const key = (r: XdsResource) => `${r.type} ${r.name}`;
  const bKeys = new Set(before.map(key));
  const aKeys = new Set(after.map(key));
  const gone = before.filter((r) => !aKeys.has(key(r)));
  const fresh = after.filter((r) => !bKeys.has(key(r)));
  const renamed: { type: string; before: string; after: string }[] = [];
  const used = new Set<XdsResource>();
  const pair = (b: XdsResource, a: XdsResource | undefined) => {
    if (!a || used.has(a) || used.has(b)) return;
    used.add(a).add(b);
    renamed.push({ type: b.type, before: b.name, after: a.name });
  };
  const twin = (name: string) => passthroughTwin(name) ?? (name === apiServerBypassName("legacy") ? apiServerBypassName("unified") : name === apiServerBypassName("unified") ? apiServerBypassName("legacy") : undefined);
  for (const b of gone) pair(b, fresh.find((a) => a.type === b.type && a.name === twin(b.name)));
  for (const b of gone.filter((r) => r.type === "listener" && !used.has(r))) {
    const at = socketKey(b);
    if (at) pair(b, fresh.find((a) => a.type === "listener" && !used.has(a) && socketKey(a) === at));
  }
  // Clusters a renamed listener points to, in the same order on both sides.
  for (const r of [...renamed]) {
    if (r.type !== "listener") continue;
    const bl = before.find((x) => x.type === "listener" && x.name === r.before);
    const al = after.find((x) => x.type === "listener" && x.name === r.after);
    const bc = bl ? clusterRefs(bl.value) : [];
    const ac = al ? clusterRefs(al.value) : [];
    bc.forEach((name, i) => {
      const b = gone.find((x) => x.type === "cluster" && x.name === name && !used.has(x));
      if (b && ac[i] !== undefined) pair(b, fresh.find((x) => x.type === "cluster" && x.name === ac[i]));
    });
  }
  return { renamed, added: fresh.filter((r) => !used.has(r)).map(key), removed: gone.filter((r) => !used.has(r)).map(key) };
}

/** The match that selects `name` at the new release, for a modification of `kind`. */
function workingMatch(kind: string, type: string, name: string): Readonly<Record<string, string>> {
  if (type === "listener" && (kind === "networkFilter" || kind === "httpFilter")) return { listenerName: name };
  if (type === "route" && kind === "virtualHost") return { routeConfigurationName: name };
  return { name };
}

const names = (labels: readonly string[], type: string, name: string) => labels.some((l) => l === `${type} ${name}` || l.startsWith(`${type} ${name} `));

function modificationDiff(
  label: string,
  before: ProxyState | undefined,
  after: ProxyState | undefined,
  toPrep: Prepared,
  ctx: WhyContext,
): UpgradeModification[] {
  const mismatch = new Map((after?.warnings ?? []).filter((w) => w.code === "unified-naming-mismatch").map((w) => [w.message.split(": ")[0]!, w.message]));
  const out: UpgradeModification[] = [];
  for (const { source, before: mb, after: ma } of pairModifications(before?.modifications ?? [], after?.modifications ?? [])) {
    const any = (ma ?? mb) as ModificationReport;
    const sb: UpgradeModificationStatus = mb?.status ?? "ignored";
    const sa: UpgradeModificationStatus = ma?.status ?? "ignored";
    let why: string;
    if (sb === sa) why = `unchanged: ${sa}`;
    else {
      const removed = toPrep.snapshot.removed.find((r) => r.name === any.policy);
      const extra = [
        ...(ma === undefined && removed ? [`${removed.kind} "${removed.name}" does not exist at ${ctx.to}: ${kindRemoval(removed.kind, toPrep.release)?.source ?? removed.message}`] : []),
        ...(ma?.message ? [ma.message] : []),
        ...(mismatch.has(source) ? [mismatch.get(source)!] : []),
      ];
      why = whyOf(ctx, [modTopic(sa)], extra);
    }
    out.push({ dataplane: label, source, kind: any.kind, operation: any.operation, before: sb, after: sa, why });
  }
  return out;
}

/** What decides a modification's new status: its match (no-match, ignored) or what Envoy reads of its writes. */
function modTopic(status: UpgradeModificationStatus): WhyTopic {
  return status === "no-match" || status === "ignored" ? "modification-match" : "modification-effect";
}

/** Defaults Kuma creates or applies without a policy; a row changing one is a `removed-default` note when it applies. */
const DEFAULT_FLAGS = new Set(["defaultTrafficPermission", "defaultHostnameGenerators", "inboundTimeoutDefaults"]);

function rowNotes(ctx: WhyContext, fromRelease: Release, toRelease: Release, anyMesh: boolean): UpgradeNote[] {
  const f = features(fromRelease) as unknown as Record<string, unknown>;
  const t = features(toRelease) as unknown as Record<string, unknown>;
  const notes: UpgradeNote[] = [];
  for (const step of ctx.steps) {
    const defaults = step.flags.filter((x) => DEFAULT_FLAGS.has(x));
    const cited = ctx.cited.get(step) ?? 0;
    const what = (flags: readonly string[]) => flags.map((x) => `${x} ${JSON.stringify(f[x])} → ${JSON.stringify(t[x])}`).join(", ");
    if (defaults.length > 0 && anyMesh) notes.push({ class: "removed-default", message: `Kuma ${step.since} changes a default: ${what(defaults)}`, source: step.source });
    if (cited > 0) notes.push({ class: "changed-behaviour", message: `Kuma ${step.since} changes ${what(step.flags.filter((x) => !DEFAULT_FLAGS.has(x)))}; cited by ${cited} change(s) below`, source: step.source });
  }
  return notes;
}

function noteOrder(c: NoteClass): number {
  switch (c) {
    case "rejected":
      return 0;
    case "ignored":
      return 1;
    case "changed-behaviour":
      return 2;
    case "renamed":
      return 3;
    case "removed-default":
      return 4;
    default:
      return assertNever(c, "note class");
  }
}

/**
 * Simulates `body` at `fromVersion` and `toVersion` and reports what changes. A version that is not supported, or a
 * snapshot or request that is not valid at `fromVersion`, is a violation naming its path.
 */
export function simulateUpgrade(body: UpgradeBody): UpgradeOutcome {
  const snapshot = { resources: body.resources, patches: body.patches, remove: body.remove, zone: body.zone };
  const fromPrep = prepare({ ...snapshot, kumaVersion: body.fromVersion }, {}, "fromVersion");
  const toPrep = prepare({ ...snapshot, kumaVersion: body.toVersion }, { removedKinds: "ignore" }, "toVersion");
  const versionErrors = [..."errors" in fromPrep ? fromPrep.errors : [], ..."errors" in toPrep ? toPrep.errors : []].filter((e) => e.path === "fromVersion" || e.path === "toVersion");
  if (versionErrors.length > 0) return { ok: false, errors: versionErrors };
  if ("errors" in fromPrep) return { ok: false, errors: fromPrep.errors };
  if ("errors" in toPrep) return { ok: false, errors: toPrep.errors.map((e) => ({ ...e, message: `at toVersion ${body.toVersion}: ${e.message}` })) };
  const before: Side = { p: fromPrep.prepared, cache: new Map() };
  const after: Side = { p: toPrep.prepared, cache: new Map() };
  const fromLabel = before.p.label;
  const toLabel = after.p.label;

  const probes = body.requests ? undefined : probeRequests(before.p.snapshot, (dp) => dataplaneLabel(dp, before.p.snapshot.dataplanes));
  const requests: readonly (SimRequest & { expect?: unknown })[] = body.requests ?? probes!.requests;
  const listPath = body.requests ? "requests" : "probes";

  const fromWarnings = new Set<string>(before.p.snapshot.warnings.map((w) => w.message));
  const toWarnings: Warning[] = [...after.p.snapshot.warnings];
  const snap = before.p.snapshot;
  const kinds = new Set<string>([
    ...(snap.meshes.size > 0 ? ["Mesh"] : []),
    ...snap.policies.map((x) => x.kind),
    ...snap.destinations.map((d) => d.kind),
    ...(snap.hostnameGenerators.length > 0 ? ["HostnameGenerator"] : []),
    ...after.p.snapshot.removed.map((r) => r.kind),
  ]);
  const ctx: WhyContext = { steps: stepsBetween(before.p.release, after.p.release), kinds, cited: new Map(), snapshotNotes: [], from: fromLabel, to: toLabel };

  // Walk every request on both sides first: the proxies (and their modifications) are then known.
  const errors: Violation[] = [];
  const walked: { req: (typeof requests)[number]; b: RequestPart; a: RequestPart; pb: ProxyState; pa: ProxyState }[] = [];
  requests.forEach((req, i) => {
    const { expect: _e, ...plain } = req;
    const path = joinPath(listPath, i);
    const b = simulateRequest(before.p, plain, path, before.cache);
    if (!b.ok) return void errors.push(...b.errors);
    const a = simulateRequest(after.p, plain, path, after.cache);
    if (!a.ok) return void errors.push(...a.errors.map((e) => ({ ...e, message: `at toVersion ${toLabel}: ${e.message}` })));
    walked.push({ req, b: b.part, a: a.part, pb: b.proxy, pa: a.proxy });
    for (const w of b.part.warnings) fromWarnings.add(w.message);
    toWarnings.push(...a.part.warnings);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };

  // Dataplanes compared: those the requests come from or reach, paired by label.
  const pairs = new Map<string, { b: ProxyState; a: ProxyState }>();
  for (const w of walked) pairs.set(dataplaneLabel(w.pb.dataplane, before.p.snapshot.dataplanes), { b: w.pb, a: w.pa });
  for (const { b, a } of pairs.values()) {
    for (const w of b.warnings) fromWarnings.add(w.message);
    toWarnings.push(...a.warnings);
  }
  const sNotes = snapshotNotes(after.p, fromWarnings, toWarnings);
  const whyCtx: WhyContext = { ...ctx, snapshotNotes: sNotes };

  const modifications: UpgradeModification[] = [];
  const resources: Record<string, DataplaneResources> = {};
  for (const [label, { b, a }] of pairs) {
    const mods = modificationDiff(label, b, a, after.p, whyCtx);
    modifications.push(...mods);
    const diff = resourceDiff(b.resources, a.resources);
    const renamed: RenamedResource[] = diff.renamed.map((r) => ({
      ...r,
      patches: mods
        .filter((m) => m.after === "no-match" && m.before !== "no-match")
        .filter((m) => names(b.modifications.find((x) => x.source === m.source)?.matched ?? [], r.type, r.before))
        .map((m) => ({ source: m.source, match: workingMatch(m.kind, r.type, r.after) })),
    }));
    if (renamed.length > 0 || diff.added.length > 0 || diff.removed.length > 0) resources[label] = { renamed, added: diff.added, removed: diff.removed };
  }

  const modWhy =
    (label: string): ModWhy =>
    (source) => {
      const m = modifications.find((x) => x.dataplane === label && x.source === source);
      return m && m.before !== m.after ? { text: `${source} goes from ${m.before} to ${m.after} (see modifications)`, topic: modTopic(m.after) } : undefined;
    };
  const out: UpgradeRequest[] = walked.map(({ req, b, a, pb, pa }) => {
    const label = dataplaneLabel(pb.dataplane, before.p.snapshot.dataplanes);
    const expectation = req.expect ? checkExpectation(a, dataplanePart(after.p, pa, new Set()), req.expect as Expectation) : null;
    const { expect: _e, ...request } = req;
    return { dataplane: label, request, before: requestSide(b), after: requestSide(a), changes: requestChanges(b, a, req.direction === "inbound", modWhy(label), whyCtx), expectation };
  });

  const renamedCount = Object.values(resources).reduce((n, r) => n + r.renamed.length, 0);
  const renameRows = stepsFor(ctx.steps, kinds, "outbound-names", "inbound-names").filter((s) => s.flags.includes("unifiedNaming") || s.flags.includes("unifiedNamingAlways"));
  const brokenBy = [...new Set(Object.values(resources).flatMap((r) => r.renamed.flatMap((x) => x.patches.map((p) => p.source))))];
  const renameNotes: UpgradeNote[] =
    renamedCount > 0
      ? [
          {
            class: "renamed",
            message: `${renamedCount} Envoy resource(s) change name (see resources)${brokenBy.length > 0 ? `; modifications that stop matching: ${brokenBy.join(", ")}` : ""}; a MeshProxyPatch, dashboard or alert that names an old name stops matching it`,
            source: renameRows.map((r) => `Kuma ${r.since}: ${r.source}`).join("; ") || `${fromLabel} → ${toLabel}`,
          },
        ]
      : [];
  const anyMesh = before.p.snapshot.meshes.size > 0 && after.p.release !== before.p.release;
  const notes = [...sNotes, ...renameNotes, ...rowNotes(whyCtx, before.p.release, after.p.release, anyMesh)].sort((x, y) => noteOrder(x.class) - noteOrder(y.class));

  const counts = breakingCounts(out, modifications);
  const noteCounts: Partial<Record<NoteClass, number>> = {};
  for (const c of NOTE_CLASSES) {
    const n = notes.filter((x) => x.class === c).length;
    if (n > 0) noteCounts[c] = n;
  }
  const uncompared = before.p.snapshot.dataplanes.filter((d) => !pairs.has(dataplaneLabel(d, before.p.snapshot.dataplanes))).map((d) => dataplaneLabel(d, before.p.snapshot.dataplanes));
  const assumptions = [
    ...new Set([
      ...before.p.assumptions.map((s) => `fromVersion: ${s}`),
      ...after.p.assumptions.map((s) => `toVersion: ${s}`),
      ...(probes?.assumptions ?? []),
      ...(uncompared.length > 0 ? [`dataplanes no request comes from or reaches are not compared: ${uncompared.join(", ")}`] : []),
    ]),
  ];
  return {
    ok: true,
    result: {
      fromVersion: fromLabel,
      toVersion: toLabel,
      requests: out,
      modifications,
      resources,
      notes,
      summary: {
        requests: out.length,
        requestsChanged: out.filter((r) => r.changes.length > 0).length,
        verdictsChanged: counts.verdictsChanged,
        limitsChanged: counts.limitsChanged,
        modifications: modifications.length,
        modificationsChanged: modifications.filter((m) => m.before !== m.after).length,
        modificationsStoppedApplying: counts.modificationsStoppedApplying,
        renamed: renamedCount,
        added: Object.values(resources).reduce((n, r) => n + r.added.length, 0),
        removed: Object.values(resources).reduce((n, r) => n + r.removed.length, 0),
        notes: noteCounts,
        breaking: isBreaking(counts),
      },
      assumptions,
      ...whatIfField(before.p.snapshot),
    },
  };
}
